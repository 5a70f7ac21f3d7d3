"""Start page, legal pages, error pages and both languages."""

import pytest
from django.urls import URLResolver, get_resolver

from integration_portal.views import error_500

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/", "Integration gemeinsam gestalten"),
        ("/impressum/", "Impressum"),
        ("/datenschutz/", "Datenschutzerklärung"),
        ("/barrierefreiheit/", "Erklärung zur Barrierefreiheit"),
    ],
)
def test_site_pages_render_in_german(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert heading in html
    for landmark in ("<header", "<nav", "<main", "<footer", 'href="#inhalt"'):
        assert landmark in html


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/en/", "Shaping integration together"),
        ("/en/impressum/", "Imprint"),
        ("/en/datenschutz/", "Privacy policy"),
        ("/en/barrierefreiheit/", "Accessibility statement"),
    ],
)
def test_site_pages_render_in_english_under_en_prefix(client, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert heading in html


def test_language_switch_links_to_the_same_page_in_the_other_language(client):
    html = client.get("/impressum/").content.decode()
    assert 'href="/en/impressum/"' in html
    assert 'hreflang="en"' in html
    html_en = client.get("/en/impressum/").content.decode()
    assert 'href="/impressum/"' in html_en


def test_footer_links_to_the_legal_pages(client):
    html = client.get("/").content.decode()
    for path in ("/impressum/", "/datenschutz/", "/barrierefreiheit/"):
        assert f'href="{path}"' in html


def test_unknown_page_gets_the_german_404_in_the_layout(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html
    assert "<main" in html


def test_500_page_is_german_and_needs_no_database(rf):
    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert "Vorübergehende Störung" in response.content.decode()


def test_pages_load_nothing_from_another_origin(client):
    html = client.get("/").content.decode()
    for attr in ('src="http', 'href="//', 'src="//'):
        assert attr not in html
    assert 'rel="stylesheet" href="/static/' in html


def _patterns_tried(path: str) -> int:
    """How many URL patterns Django compares before ``path`` resolves: in order, into
    each include whose prefix matches, as ``URLResolver.resolve`` walks them."""

    def walk(resolver, rest):
        tried = 0
        for pattern in resolver.url_patterns:
            tried += 1
            match = pattern.pattern.match(rest)
            if not match:
                continue
            if not isinstance(pattern, URLResolver):
                return tried, True
            inner, found = walk(pattern, match[0])
            tried += inner
            if found:
                return tried, True
        return tried, False

    tried, found = walk(get_resolver(), path.lstrip("/"))
    assert found, path
    return tried


@pytest.mark.parametrize(
    "path",
    [
        "/geschichte/",
        "/geschichte/1970er/",
        "/akteure/",
        "/akteure/auslaenderbehoerde-kreis-heinsberg/",
        "/zustaendig/",
        "/netzwerke/",
    ],
)
def test_the_pages_asked_for_most_resolve_after_few_url_patterns(path):
    # Django compares the patterns in order; the citizens' and staff's everyday pages
    # come first, not after the workspace, account and editorial routes.
    assert _patterns_tried(path) <= 25
