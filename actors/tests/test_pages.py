"""Detail page, multi-level table and task catalogue."""

import pytest
from django.urls import reverse

from actors.models import Actor, Dimension, Obligation
from actors.multilevel import CELL_LIMIT, multi_level_table
from actors.seed import keynote_table
from actors.tests.factories import (
    ActorDimensionFactory,
    ActorFactory,
    ContactPersonFactory,
    MunicipalityFactory,
    TaskFactory,
)

pytestmark = pytest.mark.django_db


# The keynote's table "Integrationspolitik im politischen Mehrebenensystem", with the
# row "Länder" as Nordrhein-Westfalen and the row "Kommunen" as the Kreis Heinsberg.
KEYNOTE_TABLE = {
    ("federal", "security"): {"bmi": "mandatory", "bamf": "mandatory"},
    ("federal", "welfare"): {"bmas": "mandatory", "bundesagentur-fuer-arbeit": "mandatory"},
    ("federal", "cohesion"): {"integrationsbeauftragte-bund": "voluntary"},
    ("state", "security"): {"im-nrw": "mandatory"},
    ("state", "welfare"): {"mags-nrw": "mandatory"},
    ("state", "cohesion"): {"mkjfgfi-nrw": "voluntary", "integrationsbeauftragte-der-laender": "voluntary"},
    ("local", "security"): {"abh-kreis-heinsberg": "mandatory"},
    ("local", "welfare"): {"sozialamt-kreis-heinsberg": "mandatory", "jobcenter-kreis-heinsberg": "mandatory"},
    ("local", "cohesion"): {"kommunale-integrationsbeauftragte": "voluntary", "ki-kreis-heinsberg": "voluntary"},
}  # fmt: skip


def test_multi_level_table_equals_the_keynote_table(keynote):
    table = multi_level_table(Actor.objects.all())
    assert table.as_slugs() == KEYNOTE_TABLE == keynote_table()
    assert [row.label for row in table.rows] == ["Bund", "Länder", "Kommunen"]
    assert [str(c.label) for c in table.columns] == [
        "Sicherheit",
        "Wohlfahrt",
        "Gesellschaftlicher Zusammenhalt",
    ]
    assert [c.usual_obligation for c in table.columns] == ["mandatory", "mandatory", "voluntary"]


def test_multi_level_page_renders_the_table_from_data(client, keynote):
    response = client.get(reverse("actors:multilevel"))
    body = response.content.decode()
    assert "<caption" in body and 'role="rowheader">Länder</th>' in body
    # Once in the table; the figure below it (and its table twin) follows.
    table = body[: body.index('id="verflechtungen"')]
    assert table.count('href="/akteure/abh-kreis-heinsberg/"') == 1
    assert "Pflichtaufgaben" in body and "freiwillige Aufgaben" in body


def test_multi_level_table_follows_the_data(client):
    actor = ActorFactory(
        slug="neu", name="Neue Stelle", level="eu", kind="superordinate", sector=""
    )
    ActorDimensionFactory(
        actor=actor, dimension=Dimension.COHESION, obligation=Obligation.VOLUNTARY
    )
    table = multi_level_table(Actor.objects.all())
    assert table.as_slugs() == {("eu", "cohesion"): {"neu": "voluntary"}}
    assert [row.key for row in table.rows] == ["eu", "federal", "state", "local"]


def test_multi_level_table_hides_internal_actors_from_anonymous(client, staff_user):
    hidden = ActorFactory(slug="geheim", is_public=False)
    ActorDimensionFactory(actor=hidden)
    assert "geheim" not in client.get(reverse("actors:multilevel")).content.decode()
    client.force_login(staff_user)
    assert "/akteure/geheim/" in client.get(reverse("actors:multilevel")).content.decode()


def test_detail_shows_parent_children_tasks_and_dimensions(client, keynote):
    body = client.get(reverse("actors:detail", args=["bamf"])).content.decode()
    assert 'href="/akteure/bmi/"' in body
    assert 'href="/akteure/bamf-regionalstelle/"' in body
    assert "Sicherheit – Pflichtaufgabe" in body
    abh = client.get(reverse("actors:detail", args=["abh-kreis-heinsberg"])).content.decode()
    assert "Ausländerwesen" in abh and "Aufenthaltsgesetz (AufenthG)" in abh


def test_detail_of_municipality_lists_its_local_actors(client):
    town = ActorFactory(
        slug="stadt",
        name="Stadt X",
        level="municipality",
        kind="administration",
        sector="local_authority",
    )
    ActorFactory(slug="verein", name="Sportverein X", level="municipality", municipality=town)
    body = client.get(reverse("actors:detail", args=["stadt"])).content.decode()
    assert 'href="/akteure/verein/"' in body


def test_anonymous_visitor_never_sees_contact_persons(client, staff_user):
    actor = ActorFactory(slug="stelle", internal_notes="Nur intern: Telefonkette")
    ContactPersonFactory(
        actor=actor, name="Erika Demo", function="Leitung", email="erika@example.org"
    )
    url = reverse("actors:detail", args=["stelle"])
    body = client.get(url).content.decode()
    assert (
        "Erika Demo" not in body and "erika@example.org" not in body and "Telefonkette" not in body
    )
    assert "Interne Angaben" not in body
    client.force_login(staff_user)
    body = client.get(url).content.decode()
    assert "Erika Demo" in body and "erika@example.org" in body and "Telefonkette" in body
    assert "Demo-Daten" in body


def test_internal_actor_is_not_found_for_anonymous(client, staff_user):
    ActorFactory(slug="intern", is_public=False)
    url = reverse("actors:detail", args=["intern"])
    assert client.get(url).status_code == 404
    client.force_login(staff_user)
    assert client.get(url).status_code == 200


def test_detail_hides_internal_parent_and_children_from_anonymous(client):
    parent = ActorFactory(slug="intern-dach", name="Internes Dach", is_public=False)
    child = ActorFactory(slug="kind", parent=parent)
    ActorFactory(slug="internes-kind", name="Internes Kind", parent=child, is_public=False)
    body = client.get(reverse("actors:detail", args=["kind"])).content.decode()
    assert "Internes Dach" not in body and "Internes Kind" not in body


@pytest.mark.parametrize("language", ["", "/en"])
def test_detail_hides_a_municipality_made_internal_later_from_anonymous(
    client, staff_user, language
):
    municipality = MunicipalityFactory(slug="gemeinde-intern", name="Gemeinde Intern")
    ActorFactory(slug="vor-ort", municipality=municipality)
    url = f"{language}/akteure/vor-ort/"
    assert "Gemeinde Intern" in client.get(url).content.decode()
    municipality.is_public = False
    municipality.save()
    body = client.get(url).content.decode()
    assert "Gemeinde Intern" not in body and "gemeinde-intern" not in body
    client.force_login(staff_user)
    assert "Gemeinde Intern" in client.get(url).content.decode()


def test_unknown_actor_is_404(client, db):
    assert client.get("/akteure/gibt-es-nicht/").status_code == 404


def test_task_catalogue_groups_direct_and_indirect_tasks(client, keynote):
    response = client.get(reverse("actors:tasks"))
    body = response.content.decode()
    assert (
        body.index("Unmittelbare Aufgaben")
        < body.index("Ausländerwesen")
        < body.index("Mittelbare Aufgaben")
        < body.index("Schulträgerschaft")
    )
    assert 'href="/akteure/abh-kreis-heinsberg/"' in body
    assert "Pflichtaufgabe zur Erfüllung nach Weisung" in body


@pytest.mark.parametrize(
    ("params", "shown", "hidden"),
    [
        ({"bezug": "mittelbar"}, "Volkshochschulen", "Ausländerwesen"),
        ({"aufgabenart": "freiwillig"}, "Kultur- und Vereinsförderung", "Einbürgerungswesen"),
        (
            {"bezug": "unmittelbar", "aufgabenart": "pflicht"},
            "Ausländerwesen",
            "Freiwillige Integrationsleistungen",
        ),
    ],
)
def test_task_catalogue_filters(client, keynote, params, shown, hidden):
    body = client.get(reverse("actors:tasks"), params).content.decode()
    assert shown in body and f'<th scope="row" class="kern-table__header">{hidden}' not in body


def test_task_catalogue_hides_internal_responsible_actors(client):
    task = TaskFactory(name="Geheime Aufgabe")
    task.responsible_actors.add(ActorFactory(slug="intern", name="Interne Stelle", is_public=False))
    body = client.get(reverse("actors:tasks")).content.decode()
    assert "Geheime Aufgabe" in body and "Interne Stelle" not in body


def test_task_catalogue_rejects_invalid_filters_gracefully(client, keynote):
    assert client.get(reverse("actors:tasks"), {"bezug": "quer"}).status_code == 200


def test_a_full_cell_shows_the_first_actors_and_links_the_rest_in_the_directory(client):
    actors = [
        ActorFactory(slug=f"kommune-{i:02d}", name=f"Stelle {i:02d}", level="municipality")
        for i in range(CELL_LIMIT + 3)
    ] + [ActorFactory(slug="kreis-stelle", name="Kreisstelle", level="district")]
    for actor in actors:
        ActorDimensionFactory(
            actor=actor, dimension=Dimension.SECURITY, obligation=Obligation.MANDATORY
        )

    cell = multi_level_table(Actor.objects.all()).rows[-1].cells[0]
    assert [e.actor.slug for e in cell.entries] == ["kreis-stelle"] + [
        f"kommune-{i:02d}" for i in range(CELL_LIMIT - 1)
    ]
    assert (cell.total, cell.hidden) == (CELL_LIMIT + 4, 4)
    body = client.get(reverse("actors:multilevel")).content.decode()
    assert "und 4 weitere Akteure im Verzeichnis" in body
    assert 'href="/akteure/?ebene=kommune&amp;dimension=sicherheit"' in body
    assert 'href="/akteure/?ebene=kreis&amp;dimension=sicherheit"' in body
