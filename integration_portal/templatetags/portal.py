"""Template helpers shared by all parts of the portal."""

from django import forms, template
from django.utils import formats

register = template.Library()


@register.filter
def kern_widget(field):
    """Render a bound field's widget with KERN classes and ARIA wiring.

    The ids match ``includes/form_field.html``: ``<id>-hint`` and ``<id>-error``, so
    a screen reader reads hint and error together with the field.
    """
    widget = field.field.widget
    attrs = {}
    if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
        css = ""
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "kern-form-input__select"
    elif isinstance(widget, forms.CheckboxInput):
        css = "kern-form-check__checkbox"
    else:
        css = "kern-form-input__input"
    described = []
    if field.help_text:
        described.append(f"{field.auto_id}-hint")
    if field.errors:
        described.append(f"{field.auto_id}-error")
        attrs["aria-invalid"] = "true"
        if css:
            css += f" {css}--error"
    if css:
        existing = widget.attrs.get("class", "")
        attrs["class"] = f"{existing} {css}".strip()
    if described:
        attrs["aria-describedby"] = " ".join(described)
    return field.as_widget(attrs=attrs)


@register.filter
def grouped(value):
    """A whole number with the language's digit grouping: 50.000 in German, 50,000 in English."""
    return formats.number_format(value, force_grouping=True)
