"""The portal's own password rule, beside Django's (``AUTH_PASSWORD_VALIDATORS``).

Django's validators let ``aaaaaaaaaaaa`` and ``abcdefghijkl`` through: twelve characters,
not only digits, not in the list of common passwords. Such passwords fall to the first
guesses of any attack, so the portal refuses a password that uses only a few different
characters or is one straight run along the alphabet or the digits.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class CharacterVarietyValidator:
    """Refuses passwords with fewer than ``min_distinct`` different characters
    (``aaaaaaaaaaaa``, ``abababababab``) and straight runs such as ``abcdefghijkl``
    or ``987654321098`` (every character the next or the previous one of the one before).

    Upper and lower case count as one character: ``AaAaAaAaAaAa`` is as weak as ``aaaa…``.
    """

    def __init__(self, min_distinct: int = 6):
        self.min_distinct = min_distinct

    def validate(self, password: str, user=None) -> None:
        folded = password.casefold()
        if len(set(folded)) < self.min_distinct:
            raise ValidationError(
                _(
                    "Das Passwort besteht aus zu wenigen verschiedenen Zeichen. Verwenden "
                    "Sie mindestens %(min_distinct)d verschiedene Zeichen."
                ),
                code="password_too_uniform",
                params={"min_distinct": self.min_distinct},
            )
        if _is_straight_run(folded):
            raise ValidationError(
                _(
                    "Das Passwort ist eine einfache Zeichenfolge (wie „abcdef…“ oder "
                    "„123456…“). Wählen Sie ein Passwort, das sich nicht erraten lässt."
                ),
                code="password_sequence",
            )

    def get_help_text(self) -> str:
        return _(
            "Ihr Passwort muss mindestens %(min_distinct)d verschiedene Zeichen enthalten "
            "und darf keine einfache Zeichenfolge wie „abcdef…“ sein."
        ) % {"min_distinct": self.min_distinct}


def _is_straight_run(text: str) -> bool:
    """Whether every character follows the one before by +1 or every one by -1; digits
    wrap around (``…7890123…``), so a run through the number row counts too."""
    if len(text) < 3:
        return False
    steps = {_step(a, b) for a, b in zip(text, text[1:], strict=False)}
    return steps == {1} or steps == {-1}


def _step(a: str, b: str) -> int:
    if a.isdigit() and b.isdigit() and a.isascii() and b.isascii():
        return (int(b) - int(a) + 5) % 10 - 5  # 9 → 0 is +1, 0 → 9 is -1
    return ord(b) - ord(a)
