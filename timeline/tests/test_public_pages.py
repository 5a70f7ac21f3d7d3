"""Public pages: content, drafts, filters, languages, Leichte Sprache, SEO links, sitemap."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from timeline.models import Status
from timeline.tests.factories import (
    CharacteristicFactory,
    CitationFactory,
    EventFactory,
    PeriodFactory,
    SourceFactory,
    ThesisFactory,
)

pytestmark = pytest.mark.django_db

PUBLIC_PAGES = [
    ("/geschichte/", "Geschichte der kommunalen Integrationsarbeit"),
    ("/geschichte/1990er/", "1990er Jahre"),
    ("/geschichte/1990er/leichte-sprache/", "1990er Jahre in Leichter Sprache"),
    ("/geschichte/thesen/", "Sechs Thesen zur kommunalen Integrationsarbeit"),
    ("/geschichte/literatur/", "Literatur und Quellen"),
]
ENGLISH_PAGES = [
    ("/en/geschichte/", "History of municipal integration work"),
    ("/en/geschichte/1990er/", "1990s"),
    ("/en/geschichte/1990er/leichte-sprache/", "1990s in plain language"),
    ("/en/geschichte/thesen/", "Six theses on municipal integration work"),
    ("/en/geschichte/literatur/", "Literature and sources"),
]


def _h1(html: str) -> str:
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


def test_url_names_resolve_to_german_paths():
    assert reverse("timeline:overview") == "/geschichte/"
    assert reverse("timeline:period", kwargs={"slug": "ab-2010er"}) == "/geschichte/ab-2010er/"
    assert reverse("timeline:theses") == "/geschichte/thesen/"
    assert reverse("timeline:bibliography") == "/geschichte/literatur/"
    assert reverse("timeline:period_easy", kwargs={"slug": "1970er"}) == (
        "/geschichte/1970er/leichte-sprache/"
    )


@pytest.mark.parametrize(("url", "heading"), PUBLIC_PAGES)
def test_public_pages_render_in_german(client, seeded, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert _h1(html).startswith(heading)


@pytest.mark.parametrize(("url", "heading"), ENGLISH_PAGES)
def test_public_pages_render_in_english(client, seeded, url, heading):
    response = client.get(url)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="en">' in html
    assert _h1(html).startswith(heading)
    assert "noch nicht auf Englisch vor" not in html
    assert "not been translated" not in html


def test_period_page_shows_every_bullet_its_events_and_sources(client, seeded):
    html = client.get("/geschichte/1990er/").content.decode()
    for text in (
        "Integrationsansätze verändern sich:",
        "Fördern und Fordern",
        "nachholende Integration wird zum Thema",
        "Einschränkung des Grundrechts auf Asyl (Art. 16a GG)",
        'datetime="1993"',
        "Bommes, M. (2018). Die Rolle der Kommunen",
        'href="/geschichte/literatur/#quelle-bommes-2018"',
    ):
        assert text in html


def test_characteristic_citation_links_to_its_bibliography_entry(client, seeded):
    html = client.get("/geschichte/1970er/").content.decode()
    assert "„Zuwanderungsland ohne gezielte Integrationspolitik“" in html
    assert re.search(
        r'href="/geschichte/literatur/#quelle-weber-et-al-2024">Weber et al\. 2024</a>', html
    )


def test_bibliography_links_each_entry_to_where_it_is_cited(client, seeded):
    html = client.get("/geschichte/literatur/").content.decode()
    assert 'id="quelle-bommes-2018"' in html
    entry = html.split('id="quelle-otten-2021"', 1)[1].split("</li>", 1)[0]
    assert 'href="/geschichte/thesen/#these-1"' in entry
    entry = html.split('id="quelle-weber-et-al-2024"', 1)[1].split("</li>", 1)[0]
    assert 'href="/geschichte/1970er/#merkmal-8"' in entry
    entry = html.split('id="quelle-krummacher-2011"', 1)[1].split("</li>", 1)[0]
    assert 'href="/geschichte/thesen/#zitat-2-1"' in entry
    assert "Zitiert in der Keynote, nicht in ihrem Literaturverzeichnis" in html
    # The anchors the links point at exist.
    assert 'id="merkmal-8"' in client.get("/geschichte/1970er/").content.decode()
    assert 'id="zitat-2-1"' in client.get("/geschichte/thesen/").content.decode()


def test_theses_page_shows_quotes_with_attribution_and_english_translation(client, seeded):
    html = client.get("/en/geschichte/thesen/").content.decode()
    assert '<blockquote class="timeline-quote__text" lang="de">' in html
    assert "Integration findet vor Ort statt." in html
    assert "Integration takes place locally." in html
    assert ">Reimann &amp; Hollbach-Grömig 2022</a>" in html
    assert "<strong>integration policy</strong>" in html


@pytest.mark.parametrize("url", ["/geschichte/", "/geschichte/entwurf/", "/geschichte/thesen/"])
def test_drafts_are_invisible_to_anonymous_visitors(client, seeded, url):
    draft = PeriodFactory(slug="entwurf", title="Geheimer Abschnitt", status=Status.DRAFT)
    EventFactory(period=draft, title="Geheimes Ereignis")
    ThesisFactory(title="Geheime These", status=Status.DRAFT)
    response = client.get(url)
    html = response.content.decode()
    assert "Geheim" not in html
    if url == "/geschichte/entwurf/":
        assert response.status_code == 404


def test_draft_event_of_a_published_period_stays_hidden(client, seeded):
    EventFactory(
        period=__import__("timeline.models").models.Period.objects.get(slug="2000er"),
        title="Unveröffentlichtes Ereignis",
        status=Status.DRAFT,
    )
    for url in ("/geschichte/", "/geschichte/2000er/", "/geschichte/?ebene=state"):
        assert "Unveröffentlichtes Ereignis" not in client.get(url).content.decode()


def test_draft_sources_are_hidden_and_not_linked(client, seeded):
    period = PeriodFactory(slug="test")
    characteristic = CharacteristicFactory(period=period, text="Behauptung")
    source = SourceFactory(short_citation="Geheim 2020", status=Status.DRAFT)
    CitationFactory(source=source, characteristic=characteristic)
    assert "Geheim 2020" not in client.get("/geschichte/test/").content.decode()
    assert "Geheim 2020" not in client.get("/geschichte/literatur/").content.decode()


@pytest.mark.parametrize(
    ("fixture", "status"),
    [
        (None, 302),
        ("staff_user", 403),
        ("coordinator_user", 403),
        ("editor_user", 200),
        ("admin_user", 200),
    ],
)
def test_draft_preview_is_for_editors_only(request, client, seeded, fixture, status):
    PeriodFactory(slug="entwurf", title="Abschnitt im Entwurf", status=Status.DRAFT)
    if fixture:
        client.force_login(request.getfixturevalue(fixture))
    for url in ("/geschichte/vorschau/entwurf/", "/geschichte/vorschau/"):
        response = client.get(url)
        assert response.status_code == status
        if status == 200:
            html = response.content.decode()
            assert "Abschnitt im Entwurf" in html
            assert "Vorschau für die Redaktion" in html
            assert '<meta name="robots" content="noindex, nofollow">' in html
            assert response["X-Robots-Tag"] == "noindex, nofollow"
            assert "no-store" in response["Cache-Control"]


def test_filter_by_level_and_kind_narrows_the_events(client, seeded):
    html = client.get("/geschichte/?ebene=state&art=law").content.decode()
    assert "TIntG NRW: Einrichtung Kommunaler Integrationszentren" in html
    assert "Reform des TIntG NRW" in html
    assert ">Reform des Staatsangehörigkeitsrechts</a>" not in html  # federal law
    assert ">Komm-IN NRW</a>" not in html  # state programme
    assert "2 Ereignisse entsprechen der Auswahl." in html
    # The chosen values stay selected in the form, which works without JavaScript.
    assert '<form method="get"' in html
    assert re.search(r'<option value="state" selected>', html)


@pytest.mark.parametrize(
    "query",
    ["ebene=mond", "art=%00", "ebene=state&ebene=eu", "art=" + "x" * 5000, "ebene[]=1", "seite=-1"],
)
def test_invalid_filter_values_never_fail(client, seeded, query):
    response = client.get(f"/geschichte/?{query}")
    assert response.status_code == 200


def test_invalid_filter_value_is_explained_and_ignored(client, seeded):
    html = client.get("/geschichte/?ebene=mond").content.decode()
    assert "Bitte prüfen Sie Ihre Eingaben" in html
    assert "23 Ereignisse in 5 Zeitabschnitten." in html


def test_missing_english_falls_back_to_german_and_says_so(client, db):
    period = PeriodFactory(slug="neu", title="Neuer Abschnitt", title_en="", summary_en="")
    EventFactory(period=period, title="Neues Ereignis", title_en="")
    html = client.get("/en/geschichte/neu/").content.decode()
    assert '<h1 class="kern-heading-x-large" lang="de">Neuer Abschnitt' in html
    assert "Some content on this page has not been translated into English yet" in html
    assert 'lang="de">Neues Ereignis</h3>' in html
    # Translated fields stay English and unmarked.
    assert "Focus on test groups" in html
    german = client.get("/geschichte/neu/").content.decode()
    assert "not been translated" not in german and "noch nicht auf Englisch" not in german


def test_leichte_sprache_view_is_linked_from_the_period_and_shows_one_sentence_a_line(
    client, seeded
):
    period_html = client.get("/geschichte/1990er/").content.decode()
    assert 'href="/geschichte/1990er/leichte-sprache/"' in period_html
    html = client.get("/geschichte/1990er/leichte-sprache/").content.decode()
    assert (
        '<p class="kern-body kern-body--large" id="satz-3">'
        "Im Jahr 1993 ändert sich das Grund-Gesetz.</p>" in html
    )
    english = client.get("/en/geschichte/1990er/leichte-sprache/").content.decode()
    assert "In 1993, the Basic Law changes." in english


def test_leichte_sprache_view_without_text_is_not_found(client, db):
    PeriodFactory(slug="ohne", easy_summary="", easy_summary_en="")
    assert client.get("/geschichte/ohne/leichte-sprache/").status_code == 404


@pytest.mark.parametrize(
    ("url", "canonical", "alternate_en"),
    [
        ("/geschichte/", "http://testserver/geschichte/", "/en/geschichte/"),
        ("/geschichte/1970er/", "http://testserver/geschichte/1970er/", "/en/geschichte/1970er/"),
        (
            "/en/geschichte/thesen/",
            "http://testserver/en/geschichte/thesen/",
            "/en/geschichte/thesen/",
        ),
        (
            "/geschichte/literatur/",
            "http://testserver/geschichte/literatur/",
            "/en/geschichte/literatur/",
        ),
    ],
)
def test_pages_have_canonical_hreflang_and_meta_description(
    client, seeded, url, canonical, alternate_en
):
    html = client.get(url).content.decode()
    assert f'<link rel="canonical" href="{canonical}">' in html
    assert f'hreflang="en" href="http://testserver{alternate_en}"' in html
    assert 'hreflang="de" href="http://testserver/geschichte/' in html
    description = re.search(r'<meta name="description" content="([^"]*)">', html).group(1)
    assert 50 < len(description) <= 300


def test_period_meta_description_is_its_summary(client, seeded):
    html = client.get("/geschichte/2000er/").content.decode()
    assert '<meta name="description" content="Deutschland bekennt sich zur Einwanderung' in html


def test_filtered_overview_is_canonicalised_to_the_plain_overview(client, seeded):
    html = client.get("/geschichte/?ebene=state").content.decode()
    assert '<link rel="canonical" href="http://testserver/geschichte/">' in html


def test_sitemap_lists_published_timeline_pages_in_both_languages(client, seeded):
    PeriodFactory(slug="entwurf", status=Status.DRAFT)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    for path in (
        "/geschichte/",
        "/en/geschichte/",
        "/geschichte/thesen/",
        "/en/geschichte/literatur/",
        "/geschichte/ab-2010er/",
        "/en/geschichte/ab-2010er/",
        "/geschichte/1970er/leichte-sprache/",
    ):
        assert f"<loc>http://testserver{path}</loc>" in xml
    assert "entwurf" not in xml
    assert 'hreflang="en" href="http://testserver/en/geschichte/1990er/"' in xml
    assert 'hreflang="x-default"' in xml


def test_period_pages_are_printable(client, seeded):
    html = client.get("/geschichte/1990er/").content.decode()
    assert 'href="/static/css/timeline.css"' in html
    assert 'href="/static/css/print.css" media="print"' in html
    from django.contrib.staticfiles import finders

    css = open(finders.find("css/timeline.css"), encoding="utf-8").read()
    print_rules = css.split("@media print", 1)[1]
    for hidden in (".timeline-periods-nav", ".timeline-pager", ".timeline-breadcrumbs"):
        assert hidden in print_rules
    # The navigation that print hides carries the portal's no-print class as well.
    assert 'class="timeline-periods-nav portal-no-print"' in html


def test_overview_is_an_ordered_list_with_the_periods_in_order(client, seeded):
    html = client.get("/geschichte/").content.decode()
    timeline = html.split('<ol class="timeline">', 1)[1]
    positions = [
        timeline.index(f'id="zeitabschnitt-{slug}"')
        for slug in ("1970er", "1980er", "1990er", "2000er", "ab-2010er")
    ]
    assert positions == sorted(positions)
    assert '<time class="timeline-year" datetime="2021">2021</time>' in html


def test_thesis_markup_escapes_html(client, db):
    ThesisFactory(number=1, explanation="<script>alert(1)</script> **fett**")
    html = client.get("/geschichte/thesen/").content.decode()
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>fett</strong>" in html
