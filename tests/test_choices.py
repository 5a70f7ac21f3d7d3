"""``choice_display`` answers like Django's ``get_FOO_display()``, in the request's language."""

from __future__ import annotations

import pytest
from django.utils import translation

from actors.models import Actor, ActorDimension, Dimension, Level, Obligation, Sector
from core.choices import choice_display


@pytest.mark.parametrize("language", ["de", "en"])
def test_labels_are_those_of_django_in_the_active_language(language):
    actor = Actor(level=Level.MUNICIPALITY, sector=Sector.WELFARE, kind="external")
    role = ActorDimension(dimension=Dimension.COHESION, obligation=Obligation.VOLUNTARY)
    with translation.override(language):
        for instance, name in ((actor, "level"), (actor, "sector"), (role, "obligation")):
            field = instance._meta.get_field(name)
            expected = str(dict(field.flatchoices)[getattr(instance, name)])
            assert choice_display(instance, field) == expected
            assert getattr(instance, f"get_{name}_display")() == expected


def test_unknown_and_empty_values_are_shown_as_they_are():
    actor = Actor(level="mars", sector="")
    assert actor.get_level_display() == "mars"
    assert actor.get_sector_display() == ""


@pytest.mark.parametrize(
    "msgid", ["Enter a valid email address.", "This field is required.", "Enter a valid date."]
)
def test_the_portals_german_form_messages_are_djangos_own(msgid):
    """No library's catalogue replaces Django's German validation messages (an installed
    app's catalogue outranks Django's): the formal address, the portal's wording."""
    import gettext
    from pathlib import Path

    import django

    django_de = gettext.translation(
        "django", Path(django.__file__).parent / "conf" / "locale", ["de"]
    )
    with translation.override("de"):
        assert translation.gettext(msgid) == django_de.gettext(msgid) != msgid
