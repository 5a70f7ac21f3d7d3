"""Editing by the Redaktion in the Django admin: access, publishing, previews, history."""

from __future__ import annotations

import pytest

from core.services import user_provision
from timeline import services
from timeline.models import Citation, Event, Period, Status
from timeline.tests.factories import EventFactory, PeriodFactory, SourceFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("fixture", "allowed"),
    [
        ("staff_user", False),
        ("coordinator_user", False),
        ("editor_user", True),
        ("admin_user", True),
    ],
)
def test_editors_and_admins_edit_timeline_content_in_the_admin(
    request, client, seeded, fixture, allowed
):
    client.force_login(request.getfixturevalue(fixture))
    for url in (
        "/verwaltung/timeline/period/",
        "/verwaltung/timeline/event/add/",
        "/verwaltung/timeline/thesis/",
        "/verwaltung/timeline/source/",
        f"/verwaltung/timeline/period/{Period.objects.get(slug='1990er').pk}/change/",
    ):
        response = client.get(url)
        if allowed:
            assert response.status_code == 200, url
        else:
            assert response.status_code == 302, url
            assert "/verwaltung/login/" in response["Location"]


def test_editors_see_only_the_timeline_in_the_admin(client, editor_user):
    client.force_login(editor_user)
    assert client.get("/verwaltung/auth/group/").status_code == 403
    index = client.get("/verwaltung/").content.decode()
    assert "/verwaltung/timeline/period/" in index
    assert "/verwaltung/auth/group/" not in index


def test_editor_rights_follow_the_role(editor_user):
    assert editor_user.is_staff
    assert editor_user.has_perm("timeline.change_period")
    assert not editor_user.has_perm("integration_portal.change_user")

    user, _ = user_provision(email=editor_user.email, role="staff")
    user = type(user).objects.get(pk=user.pk)  # fresh permission cache
    assert not user.is_staff
    assert not user.has_perm("timeline.change_period")


def test_editor_creates_a_draft_period_in_the_admin_and_previews_it(client, editor_user, db):
    client.force_login(editor_user)
    response = client.post(
        "/verwaltung/timeline/period/add/",
        {
            "status": Status.DRAFT,
            "title": "2030er Jahre",
            "slug": "2030er",
            "position": 9,
            "start_year": 2030,
            "end_year": 2039,
            "focus": "Fokus auf alle",
            "summary": "Noch offen.",
            "easy_summary": "",
            "title_en": "",
            "focus_en": "",
            "summary_en": "",
            "easy_summary_en": "",
            "characteristics-TOTAL_FORMS": "1",
            "characteristics-INITIAL_FORMS": "0",
            "characteristics-0-position": "1",
            "characteristics-0-text": "Ein Merkmal",
            "characteristics-0-text_en": "",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    period = Period.objects.get(slug="2030er")
    assert period.status == Status.DRAFT
    assert period.characteristics.get().text == "Ein Merkmal"
    assert client.get("/geschichte/2030er/").status_code == 404
    preview = client.get(period.get_preview_url())
    assert preview.status_code == 200
    assert "Ein Merkmal" in preview.content.decode()
    record = period.history.latest()
    assert record.history_user == editor_user
    assert record.history_type == "+"


def test_admin_rejects_a_reserved_slug(client, editor_user, db):
    client.force_login(editor_user)
    response = client.post(
        "/verwaltung/timeline/period/add/",
        {
            "status": Status.DRAFT,
            "title": "Thesen",
            "slug": "thesen",
            "position": 9,
            "start_year": 2030,
            "focus": "x",
            "summary": "x",
            "characteristics-TOTAL_FORMS": "0",
            "characteristics-INITIAL_FORMS": "0",
            "citations-TOTAL_FORMS": "0",
            "citations-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "reserviert" in response.content.decode()
    assert not Period.objects.filter(slug="thesen").exists()


def test_admin_links_each_object_to_its_preview(client, seeded, editor_user):
    client.force_login(editor_user)
    period = Period.objects.get(slug="1980er")
    html = client.get(f"/verwaltung/timeline/period/{period.pk}/change/").content.decode()
    assert "/geschichte/vorschau/1980er/" in html or "/r/" in html


def test_publish_and_withdraw_are_recorded_in_the_history(editor_user, db):
    event = EventFactory(status=Status.DRAFT)
    assert (
        services.content_set_status(
            queryset=Event.objects.filter(pk=event.pk), status=Status.PUBLISHED
        )
        == 1
    )
    assert (
        services.content_set_status(
            queryset=Event.objects.filter(pk=event.pk), status=Status.PUBLISHED
        )
        == 0
    )
    services.content_set_status(queryset=Event.objects.filter(pk=event.pk), status=Status.DRAFT)
    statuses = [h.status for h in event.history.order_by("history_date")]
    assert statuses == [Status.DRAFT, Status.PUBLISHED, Status.DRAFT]
    with pytest.raises(ValueError):
        services.content_set_status(queryset=Event.objects.all(), status="gone")


def test_history_page_opens_for_editors(client, seeded, editor_user):
    client.force_login(editor_user)
    period = Period.objects.get(slug="1970er")
    response = client.get(f"/verwaltung/timeline/period/{period.pk}/history/")
    assert response.status_code == 200


def test_a_citation_points_at_exactly_one_target(db):
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    source = SourceFactory()
    period = PeriodFactory()
    event = EventFactory(period=period)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source)
    with pytest.raises(IntegrityError), transaction.atomic():
        Citation.objects.create(source=source, period=period, event=event)
    with pytest.raises(ValidationError):
        Citation(source=source).clean()


def test_an_exact_date_must_lie_in_the_events_year(db):
    import datetime

    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(year=1993, date=datetime.date(1994, 7, 1))
    with pytest.raises(IntegrityError), transaction.atomic():
        EventFactory(year=None, date=datetime.date(1994, 7, 1))
    event = EventFactory(year=1993, date=datetime.date(1993, 7, 1))
    assert event.pk
