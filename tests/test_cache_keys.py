"""Cache keys from validated parameters only, and a bounded number of variants per page
(security finding 2 of docs/security.md)."""

from __future__ import annotations

import pytest
from django import forms
from django.http import QueryDict

from core.caching import form_variant, page_cache
from core.pagination import count_cache_key

pytestmark = pytest.mark.django_db


class DirectoryLikeForm(forms.Form):
    q = forms.CharField(required=False)
    ebene = forms.ChoiceField(required=False, choices=[("", "Alle"), ("kreis", "Kreis")])
    sort = forms.ChoiceField(required=False, choices=[("name", "Name"), ("ebene", "Ebene")])


def variant(query: str, **kwargs):
    return form_variant(DirectoryLikeForm(QueryDict(query)), **kwargs)


def test_unknown_parameters_and_empty_values_never_reach_the_key():
    assert variant("ebene=kreis") == variant("ebene=kreis&junk=1&q=&flood=2")
    assert form_variant(None) == variant("") == ""


def test_invalid_values_and_free_text_are_not_cacheable():
    assert variant("ebene=nirgendwo") is None
    assert variant("q=flood123") is None
    assert variant("ebene=kreis") != variant("")


def test_ignored_fields_do_not_change_the_count_key():
    assert variant("ebene=kreis&sort=ebene", ignore=("sort",)) == variant("ebene=kreis")
    assert count_cache_key("x", True, variant("ebene=kreis")) != count_cache_key(
        "x", False, variant("ebene=kreis")
    )


def test_a_flood_of_distinct_query_strings_adds_no_cache_entries(client):
    """Thousands of made-up query strings on the directory, the network list and the
    history leave the page cache as one request without them left it."""
    client.get("/akteure/")
    client.get("/netzwerke/")
    client.get("/")
    before = len(page_cache._cache)
    for number in range(40):
        client.get(f"/akteure/?q=flood{number}")
        client.get(f"/akteure/?junk={number}")
        client.get(f"/netzwerke/?x={number}")
        client.get(f"/?x={number}")
        client.get(f"/geschichte/?ebene=flood{number}")
    # Only the first request of each page may add entries (its fragments, its count).
    assert len(page_cache._cache) <= before + 12
