"""Template helpers for setting up the second factor."""

from django import template

from core.security import second_factor_setup_return

register = template.Library()


@register.simple_tag(takes_context=True)
def second_factor_return_url(context) -> str:
    """The page kept for after the set-up of the authenticator app, or ``""``."""
    request = context.get("request")
    if request is None or not hasattr(request, "session"):
        return ""
    return second_factor_setup_return(request) or ""
