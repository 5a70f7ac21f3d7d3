"""Cache keys from validated parameters only, and a bounded number of variants per page
(security finding 2 of docs/security.md)."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.http import QueryDict

from actors.tests.factories import ActorFactory
from core.caching import TEXT_VARIANT, cache_for, form_variant, page_cache, search_cache
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


def test_search_variants_are_marked_and_kept_apart_from_the_pages():
    searched = variant("q=Beratung&ebene=kreis", text=True)
    assert searched.startswith(TEXT_VARIANT)
    assert searched != variant("q=Beratung", text=True) != variant("q=beratung", text=True)
    # A text cannot pass for another field's value.
    assert variant("q=x&ebene=kreis", text=True) != variant("q=x%26ebene%3Dkreis", text=True)
    assert variant("q=a%00b", text=True) is None  # invalid stays uncached
    assert variant("ebene=kreis", text=True) == variant("ebene=kreis")
    assert cache_for("de", searched) is search_cache
    assert cache_for("de", variant("ebene=kreis"), None) is page_cache


def test_the_search_cache_is_per_worker_and_of_fixed_size():
    """Even with Redis for the pages: made-up search terms can only push out searches."""
    assert settings.CACHES["search"]["BACKEND"].endswith("LocMemCache")
    assert isinstance(caches["search"], LocMemCache)
    assert caches["search"]._max_entries <= 1000


def test_ignored_fields_do_not_change_the_count_key():
    assert variant("ebene=kreis&sort=ebene", ignore=("sort",)) == variant("ebene=kreis")
    assert count_cache_key("x", True, variant("ebene=kreis")) != count_cache_key(
        "x", False, variant("ebene=kreis")
    )


def test_a_flood_of_distinct_query_strings_adds_no_cache_entries(client, monkeypatch):
    """Thousands of made-up query strings on the directory, the network list and the
    history leave the page cache as one request without them left it; searches go to
    the search cache, which never holds more than its fixed number of entries."""
    client.get("/akteure/")
    client.get("/netzwerke/")
    client.get("/")
    before = len(page_cache._cache)
    # The bound, made small enough to reach here.
    monkeypatch.setattr(caches["search"], "_max_entries", 30)
    for number in range(40):
        client.get(f"/akteure/?q=flood{number}")
        client.get(f"/akteure/?junk={number}")
        client.get(f"/netzwerke/?x={number}")
        client.get(f"/netzwerke/?name=flood{number}")
        client.get(f"/?x={number}")
        client.get(f"/geschichte/?ebene=flood{number}")
    # Only the first request of each page may add entries (its fragments, its count).
    assert len(page_cache._cache) <= before + 12
    assert 0 < len(search_cache._cache) <= 30


def test_a_cached_search_shows_a_change_on_the_next_request(client):
    ActorFactory(name="Beratungsstelle Nord", is_public=True)
    hidden = ActorFactory(name="Beratungsstelle Süd", is_public=True)
    # The cards mark the words searched for.
    assert "<mark>Beratungsstelle</mark> Süd" in client.get("/akteure/?q=Beratungsstelle").text
    hidden.is_public = False
    hidden.save()
    page = client.get("/akteure/?q=Beratungsstelle").text
    assert "<mark>Beratungsstelle</mark> Nord" in page
    assert "Süd" not in page
