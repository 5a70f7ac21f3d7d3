"""schema.org JSON-LD in a page: a ``<script type="application/ld+json">`` data block.

A data block is never executed, so the Content Security Policy (``script-src 'self'``
with a nonce) does not apply to it and it needs no nonce. Its JSON is escaped as
Django's ``json_script`` escapes: ``<``, ``>`` and ``&`` (and the line separators)
become ``\\uXXXX`` escapes, so no text of a record can close the element or open
another one.
"""

from __future__ import annotations

import json

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

_ESCAPES = {
    ord("<"): "\\u003C",
    ord(">"): "\\u003E",
    ord("&"): "\\u0026",
    0x2028: "\\u2028",
    0x2029: "\\u2029",
}


def dumps(data: dict) -> str:
    """The JSON of ``data``, safe inside a script element."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, sort_keys=False)
    return text.translate(_ESCAPES)


def script(data: dict | None) -> SafeString:
    """The data block of ``data``; nothing for ``None``."""
    if not data:
        return SafeString("")
    # dumps() escapes every character that could end the element (see above).
    body = mark_safe(dumps(data))  # noqa: S308  # nosec B308 B703
    return format_html('<script type="application/ld+json">{}</script>', body)
