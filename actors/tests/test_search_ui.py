"""The search as visitors meet it: the search box in every page's header, the matched
words marked in the results, and „Meinten Sie …?“ for a search that found nothing.
On PostgreSQL and SQLite alike."""

from __future__ import annotations

from collections import Counter
from html.parser import HTMLParser
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from actors import suggest
from actors.models import Synonym
from actors.tests.factories import ActorFactory, OfferFactory, TaskFactory
from core import versions

pytestmark = pytest.mark.django_db
URL = reverse("actors:list")


class Elements(HTMLParser):
    """The start tags of a page with their attributes, and the text of ``<a>`` elements."""

    def __init__(self, html: str):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.links: list[tuple[str, str]] = []
        self._link: list | None = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag == "a":
            self._link = [dict(attrs).get("href", ""), ""]

    def handle_data(self, data):
        if self._link is not None:
            self._link[1] += data

    def handle_endtag(self, tag):
        if tag == "a" and self._link is not None:
            self.links.append(tuple(self._link))
            self._link = None

    def all(self, tag=None, **attrs):
        return [
            found
            for name, found in self.tags
            if (tag is None or name == tag)
            and all(found.get(key.replace("_", "-")) == value for key, value in attrs.items())
        ]


def page(client, url, params=None) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.content.decode()


def header_form(html: str) -> dict:
    (form,) = [
        attrs for attrs in Elements(html).all("form") if "portal-search" in attrs.get("class", "")
    ]
    return form


# --- The search box in the header --------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/geschichte/", "/en/", URL])
def test_every_page_has_the_search_box_in_its_header(client, url):
    html = page(client, url)
    form = header_form(html)
    elements = Elements(html)
    assert form["role"] == "search" and form["method"] == "get"
    assert form["aria-label"]
    assert form["action"] == ("/en/akteure/" if url.startswith("/en/") else "/akteure/")
    (field,) = elements.all("input", id="portal-search-q")
    assert field["name"] == "q" and field["type"] == "search" and field["placeholder"]
    assert elements.all("label", **{"for": "portal-search-q"})
    assert elements.all("button", type="submit")


def test_the_header_search_submits_to_the_directory(client):
    ActorFactory(name="Ausländerbehörde Kreis Heinsberg", slug="abh")
    form = header_form(page(client, "/geschichte/"))
    response = client.get(form["action"], {"q": "Ausländerbehörde"})
    assert [actor.slug for actor in response.context["actors"]] == ["abh"]


@pytest.mark.parametrize("params", [{}, {"q": "behörde"}, {"q": "Auslenderbehörte"}])
def test_no_id_twice_and_every_search_landmark_has_its_own_name(client, params):
    ActorFactory(name="Ausländerbehörde Kreis Heinsberg")
    for url, query in ((URL, params), (reverse("finder"), {})):
        elements = Elements(page(client, url, query))
        ids = Counter(attrs["id"] for _tag, attrs in elements.tags if "id" in attrs)
        assert [id_ for id_, count in ids.items() if count > 1] == []
        searches = elements.all(role="search")
        assert len(searches) == 2
        names = [attrs.get("aria-label") or attrs.get("aria-labelledby") for attrs in searches]
        assert all(names) and len(set(names)) == 2, names


def test_the_header_search_does_not_repeat_the_query_of_the_page(client):
    # The header is the same on every page (and cached so): the query lives in the
    # directory's own form.
    html = page(client, URL, {"q": "Zuwanderung"})
    (field,) = Elements(html).all("input", id="portal-search-q")
    assert "value" not in field


# --- The matched words marked ------------------------------------------------------------


@pytest.mark.parametrize("name", ["Ausländerbehörde", "AUSLÄNDERBEHÖRDE", "Auslanderbehorde"])
def test_a_compound_with_the_word_searched_for_is_marked(client, name):
    ActorFactory(name=f"{name} Kreis Heinsberg", description="Aufenthalt und Visum")
    html = page(client, URL, {"q": "behörde"})
    assert f"<mark>{name}</mark> Kreis Heinsberg" in html


def test_case_umlauts_and_inflection_of_the_query_do_not_matter(client):
    ActorFactory(name="Kommunales Integrationszentrum", description="Im Kreishaus, Straße 1")
    html = page(client, URL, {"q": "INTEGRATIONSZENTREN"})
    assert "Kommunales <mark>Integrationszentrum</mark>" in html


def test_umlauts_typed_as_ae_oe_ue_find_and_mark_the_word(client):
    ActorFactory(name="Ausländerbehörde Kreis Heinsberg", slug="abh")
    ActorFactory(name="Stadt Übach-Palenberg", slug="uebach")
    html = page(client, URL, {"q": "Auslaenderbehoerde"})
    assert "<mark>Ausländerbehörde</mark> Kreis Heinsberg" in html
    assert "<mark>Übach</mark>-Palenberg" in page(client, URL, {"q": "Uebach"})


def test_a_word_of_a_synonym_group_is_marked(client):
    Synonym.objects.create(key="gefluechtete", words="Geflüchtete, Flüchtlinge")
    ActorFactory(name="Café für Geflüchtete")
    html = page(client, URL, {"q": "Flüchtlinge"})
    assert "Café für <mark>Geflüchtete</mark>" in html


def test_a_short_word_marks_only_the_same_word(client):
    ActorFactory(name="KI Kreis Heinsberg", description="Treffen in der Kirche von KI")
    html = page(client, URL, {"q": "KI"})
    assert "<mark>KI</mark> Kreis Heinsberg" in html
    assert "Treffen in der Kirche von <mark>KI</mark>" in html


def test_words_after_a_sharp_s_are_marked_where_they_stand(client):
    ActorFactory(
        name="Ausländerbehörde",
        description="Großstraße 1, an der Straße zur Behörde, Fußgängerzone",
    )
    html = page(client, URL, {"q": "behörde"})
    assert "Großstraße 1, an der Straße zur <mark>Behörde</mark>, Fußgängerzone" in html


def test_a_description_with_markup_is_escaped_around_the_marks(client):
    ActorFactory(
        name="Ausländerbehörde",
        description='<script>alert("behörde")</script> <b>Behörde</b> & Co',
    )
    html = page(client, URL, {"q": "behörde"})
    assert "<script>alert" not in html and "<b>" not in html
    assert (
        "&lt;script&gt;alert(&quot;<mark>behörde</mark>&quot;)&lt;/script&gt; "
        "&lt;b&gt;<mark>Behörde</mark>&lt;/b&gt; &amp; Co"
    ) in html


def test_an_excluded_word_is_not_marked(client):
    ActorFactory(name="Beratungsstelle Behörde", slug="b")
    ActorFactory(name="Beratungsstelle Verein", slug="v")
    html = page(client, URL, {"q": "Beratungsstelle -Behörde"})
    assert "<mark>Beratungsstelle</mark> Verein" in html
    assert "<mark>Behörde" not in html


def test_lists_that_are_no_search_mark_nothing(client):
    ActorFactory(name="Ausländerbehörde", description="Behörde des Kreises")
    assert "<mark>" not in page(client, URL)
    assert "<mark>" not in page(client, URL, {"ebene": "kreis"})


# --- „Meinten Sie …?“ -------------------------------------------------------------------


@pytest.fixture
def directory(db):
    ActorFactory(
        name="Ausländerbehörde Kreis Heinsberg",
        slug="abh",
        description="Aufenthaltstitel, Visum und Duldung.",
    )
    ActorFactory(name="Volkshochschule", slug="vhs", level="municipality")
    TaskFactory(name="Aufenthalt", keywords="Aufenthaltstitel, Visum")
    # A word in an internal actor's name alone.
    ActorFactory(name="Beratungsnetz Nordstern", slug="nordstern", is_public=False)
    OfferFactory(name="Sprachcafé Sonnenblume", slug="sonnenblume")
    OfferFactory(name="Sprachcafé Mondschein", slug="mondschein", is_public=False)


def suggestion(html: str) -> tuple[str, dict] | None:
    """The suggested query and the parameters of its link, or ``None``."""
    if "Meinten Sie" not in html:
        return None
    start = html.index("Meinten Sie")
    links = Elements(html[start:]).links
    href, text = links[0]
    return text, parse_qs(urlsplit(href.replace("&amp;", "&")).query)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        # A typo in a word of a description: the search tolerates typos in names only.
        ("Aufenthaltstitl", "Aufenthaltstitel"),
        # Two typos in a name's word: too far for the search's typo tolerance.
        ("Auslenderbehörte", "Ausländerbehörde"),
        ("auslenderbehorte Heinsberg", "Ausländerbehörde Heinsberg"),
        ("Heinsberg Aufenthaltstitl", "Heinsberg Aufenthaltstitel"),
    ],
)
def test_a_search_that_finds_nothing_suggests_the_corrected_query(
    client, directory, query, expected
):
    html = page(client, URL, {"q": query})
    assert "0 Akteure gefunden" in html
    text, params = suggestion(html)
    assert text == expected and params == {"q": [expected]}
    # The suggestion is offered because it finds something.
    assert [a.slug for a in client.get(URL, params).context["actors"]] == ["abh"]


def test_the_suggestion_keeps_the_other_filters_and_starts_on_the_first_page(client, directory):
    html = page(
        client, URL, {"q": "Auslenderbehörte", "ebene": "kreis", "sortierung": "name", "seite": "3"}
    )
    _text, params = suggestion(html)
    assert params == {"q": ["Ausländerbehörde"], "ebene": ["kreis"], "sortierung": ["name"]}


def test_no_suggestion_that_would_find_nothing_either(client, directory):
    # The Ausländerbehörde is no municipality: the corrected query finds nothing there.
    html = page(client, URL, {"q": "Auslenderbehörte", "ebene": "kommune"})
    assert "0 Akteure gefunden" in html
    assert suggestion(html) is None


@pytest.mark.parametrize("query", ["xqzvbnmk", "Qwrtzpl Heinsberg", "KX"])
def test_gibberish_gets_no_suggestion(client, directory, query):
    html = page(client, URL, {"q": query})
    assert "0 Akteure gefunden" in html
    assert suggestion(html) is None


def test_a_search_that_finds_something_gets_no_suggestion(client, directory):
    assert suggestion(page(client, URL, {"q": "Volkshochschule"})) is None


def test_visitors_are_never_offered_a_word_of_an_internal_actor(client, directory, staff_user):
    # A missing letter: too far for the search's typo tolerance (0.58 < 0.6).
    html = page(client, URL, {"q": "Nordstrn"})
    assert suggestion(html) is None
    assert "Nordstern" not in html
    # Staff see the internal actor, and are offered its name (so the test can fail).
    client.force_login(staff_user)
    assert suggestion(page(client, URL, {"q": "Nordstrn"}))[0] == "Nordstern"


def test_a_new_word_is_suggested_with_the_next_content_version(client, directory):
    # Two typos: too far for the search's typo tolerance, near enough for a suggestion.
    assert suggestion(page(client, URL, {"q": "Intekrationsagentir"})) is None
    ActorFactory(name="Integrationsagentur Caritas", slug="ia")
    text, _params = suggestion(page(client, URL, {"q": "Intekrationsagentir"}))
    assert text == "Integrationsagentur"


def test_the_vocabulary_is_read_once_per_content_version(directory, django_assert_num_queries):
    version = versions.current()
    first = suggest.vocabulary(internal=False, version=version)
    with django_assert_num_queries(0):
        again = suggest.vocabulary(internal=False, version=version)
    assert again is first
    assert first.nearest("aufenthaltstitl") == "Aufenthaltstitel"
    assert first.nearest("sonnenblune") == "Sonnenblume"
    assert first.nearest("nordsterm") is None and first.nearest("mondscheim") is None
    internal = suggest.vocabulary(internal=True, version=version)
    assert internal.nearest("nordsterm") == "Nordstern"
    assert internal.nearest("mondscheim") == "Mondschein"


def test_a_card_says_in_which_task_or_offer_the_query_matched(client):
    actor = ActorFactory(name="Caritasverband Musterstadt", slug="caritas-muster")
    OfferFactory(actor=actor, name="Sprachcafé <b>am Markt</b>", description="Jeden Dienstag.")
    html = client.get(URL, {"q": "sprachcafe"}).content.decode()
    assert "Gefunden in Aufgaben und Angeboten:" in html
    assert "<mark>Sprachcafé</mark> &lt;b&gt;am Markt&lt;/b&gt;" in html
    # Found by its name: no such line; no search: no line either.
    assert "Gefunden in" not in client.get(URL, {"q": "Caritasverband"}).content.decode()
    assert "Gefunden in" not in client.get(URL).content.decode()
