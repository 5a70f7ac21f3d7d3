"""Template helpers shared by all parts of the portal."""

from django import forms, template
from django.conf import settings
from django.core.cache.utils import make_template_fragment_key
from django.template import TemplateSyntaxError
from django.templatetags.cache import CacheNode
from django.utils import formats

from core import structured_data
from core.caching import cache_for

register = template.Library()


@register.filter
def json_ld(data):
    """A schema.org JSON-LD data block of ``data`` (``core.structured_data``)."""
    return structured_data.script(data)


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


#: The context variable (integration_portal/context_processors.py) that carries the
#: content version; every cached fragment is keyed on it.
VERSION_PART = "content_version"


class PageFragmentNode(CacheNode):
    """``{% cache %}`` on the ``pages`` cache (``search`` for a search variant), skipped
    when a key part is ``None``."""

    def render(self, context):
        vary_on = [var.resolve(context) for var in self.vary_on]
        if any(part is None for part in vary_on):
            return self.nodelist.render(context)
        key = make_template_fragment_key(self.fragment_name, vary_on)
        cache = cache_for(*vary_on)
        value = cache.get(key)
        if value is None:
            value = self.nodelist.render(context)
            cache.set(key, value, settings.PORTAL_FRAGMENT_TIMEOUT)
        return value


@register.tag("fragment_cache")
def do_fragment_cache(parser, token):
    """Cache a rendered fragment in the ``pages`` cache for ``PORTAL_FRAGMENT_TIMEOUT``.

    ``{% fragment_cache name content_version part2 … %}…{% endfragment_cache %}``: the
    parts make the key (visibility, language, a validated variant of the filters, see
    ``core.caching.form_variant``). ``content_version`` (core/versions.py) must be one
    of them: it is what makes a cached fragment change with its content, in every
    worker, the moment the content changes; a fragment keyed without it would show old
    or withdrawn content until its timeout, so such a template does not compile. A part
    that is ``None`` means the request is not cacheable (an invalid filter): the fragment
    is rendered and nothing is stored; a search variant (``form_variant(text=True)``)
    keeps it in the bounded ``search`` cache (``core.caching.cache_for``). The timeout only bounds the
    memory of fragments nobody asks for again.
    """
    nodelist = parser.parse(("endfragment_cache",))
    parser.delete_first_token()
    tokens = token.split_contents()
    if len(tokens) < 2:
        raise TemplateSyntaxError(f"'{tokens[0]}' needs a fragment name.")
    if VERSION_PART not in tokens[2:]:
        raise TemplateSyntaxError(
            f"'{tokens[0]} {tokens[1]}' needs {VERSION_PART} among its key parts "
            "(core/versions.py)."
        )
    return PageFragmentNode(
        nodelist, None, tokens[1], [parser.compile_filter(part) for part in tokens[2:]], None
    )
