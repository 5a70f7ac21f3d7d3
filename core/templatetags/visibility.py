"""Related records in templates, as far as the viewer may see them.

``{% load visibility %}`` and then

- ``{% related network.lead_actor %}``: the name with a link for those who may see the
  record, "nicht öffentlich" for others (``short_name=True`` adds the short name in
  brackets, ``placeholder=False`` shows nothing instead);
- ``{% visible network.parent as parent %}{% if parent %}…{% endif %}``: the record or
  ``None``, for a line that is left out when the viewer may not see the record.

The viewer is the request's user; without a request the viewer counts as anonymous.
The rules are those of ``core.visibility``.
"""

from django import template

from core import visibility

register = template.Library()


def _viewer(context):
    # An inclusion tag's template gets a new context that keeps the request only as
    # an attribute, not as the variable ``request``.
    request = getattr(context, "request", None) or context.get("request")
    return getattr(request, "user", None)


@register.simple_tag(takes_context=True)
def visible(context, record):
    """The record if the viewer may see it, else ``None``."""
    return visibility.shown(_viewer(context), record)


@register.inclusion_tag("includes/related_record.html", takes_context=True)
def related(context, record, short_name=False, placeholder=True):
    """A related actor or network: its name with a link, or "nicht öffentlich"."""
    return {
        "record": visibility.shown(_viewer(context), record),
        "short_name": short_name,
        "placeholder": visibility.NOT_PUBLIC if record is not None and placeholder else "",
    }
