"""The figures registered for a thesis or a period of the history (core/registry.py)."""

from django import template

from core.registry import illustrations_for

register = template.Library()


@register.simple_tag
def illustrations(kind, identifier):
    """``{% illustrations "thesis" thesis.number as figures %}``: the figures drawn from
    the portal's data that illustrate it, each with ``title`` and ``url``."""
    return illustrations_for(kind, identifier)
