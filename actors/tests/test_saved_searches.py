"""An account's recent and saved searches: kept for signed-in accounts only, capped,
trimmed after their retention period, and never a change of the directory's content."""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from actors import services
from actors.forms import SavedSearchForm
from actors.models import RecentSearch, SavedSearch, SearchKind
from actors.services import (
    saved_search_create,
    saved_search_delete,
    search_query,
    search_record,
    searches_trim,
)
from core import versions
from core.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def _record(user, query, *, minutes_ago=0, kind=SearchKind.DIRECTORY):
    now = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    return search_record(user=user, kind=kind, params=QueryDict(query), now=now)


def test_the_same_search_is_the_same_string_whatever_the_order_page_or_empty_fields():
    assert search_query(QueryDict("q=Beratung&ebene=&seite=3&zielgruppe=gefluechtete")) == (
        search_query(QueryDict("zielgruppe=gefluechtete&q=Beratung"))
    )
    assert search_query(QueryDict("seite=2&q=")) == ""


def test_a_search_is_kept_once_and_moves_up_when_run_again(staff_user):
    _record(staff_user, "q=Beratung", minutes_ago=60)
    _record(staff_user, "q=Jobcenter", minutes_ago=30)
    _record(staff_user, "q=Beratung")
    rows = list(RecentSearch.objects.of(staff_user).values_list("query", flat=True))
    assert rows == ["q=Beratung", "q=Jobcenter"]


def test_an_account_keeps_at_most_ten_searches_per_page(staff_user):
    for n in range(RecentSearch.PER_KIND + 5):
        _record(staff_user, f"q=Suche{n}", minutes_ago=100 - n)
    _record(staff_user, "frage=Wohnen&kommune=musterstadt", kind=SearchKind.FINDER)
    directory = RecentSearch.objects.of(staff_user).filter(kind=SearchKind.DIRECTORY)
    assert directory.count() == RecentSearch.PER_KIND
    assert "q=Suche14" in set(directory.values_list("query", flat=True))
    assert "q=Suche0" not in set(directory.values_list("query", flat=True))
    assert RecentSearch.objects.of(staff_user).filter(kind=SearchKind.FINDER).count() == 1


def test_recording_a_search_is_one_statement_once_the_account_has_its_ten(staff_user):
    for n in range(RecentSearch.PER_KIND):
        _record(staff_user, f"q=Suche{n}", minutes_ago=100 - n)
    for query, minutes_ago in (("q=Neu", 0), ("q=Suche3", 0), ("q=Neu", -10)):
        with CaptureQueriesContext(connection) as queries:
            _record(staff_user, query, minutes_ago=minutes_ago)
        assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    # The new search took the oldest row; the repeated one kept its row and moved up.
    rows = list(RecentSearch.objects.of(staff_user).values_list("query", flat=True))
    assert len(rows) == RecentSearch.PER_KIND
    assert rows[:2] == ["q=Neu", "q=Suche3"] and "q=Suche0" not in rows


def test_two_first_searches_at_the_same_moment_leave_no_more_than_ten(staff_user, monkeypatch):
    for n in range(RecentSearch.PER_KIND - 1):
        _record(staff_user, f"q=Suche{n}", minutes_ago=100 - n)
    manager = type(RecentSearch.objects)
    real_bulk_create = manager.bulk_create

    def with_another_request(self, objs, *args, **kwargs):
        # Another request of the account inserts its first search at the same moment.
        other = RecentSearch(user=staff_user, kind=SearchKind.DIRECTORY, query="q=Zugleich")
        real_bulk_create(self, [other])
        return real_bulk_create(self, objs, *args, **kwargs)

    monkeypatch.setattr(manager, "bulk_create", with_another_request)
    _record(staff_user, "q=Neu")
    rows = list(RecentSearch.objects.of(staff_user).values_list("query", flat=True))
    assert len(rows) == RecentSearch.PER_KIND
    assert "q=Neu" in rows and "q=Suche0" not in rows


def test_an_overlong_or_empty_query_string_is_not_kept(staff_user):
    assert not _record(staff_user, "q=" + "x" * RecentSearch.QUERY_MAX_LENGTH)
    assert not _record(staff_user, "seite=2")
    assert not RecentSearch.objects.exists()


def test_searches_do_not_move_the_directory_content_version(staff_user):
    before = versions.current()
    _record(staff_user, "q=Beratung")
    saved = saved_search_create(
        user=staff_user, name="Beratung", kind=SearchKind.DIRECTORY, query="q=Beratung"
    )
    saved_search_delete(user=staff_user, pk=SavedSearch.objects.get(name=saved.name).pk)
    assert versions.current() == before


def test_searches_older_than_ninety_days_are_trimmed_and_never_shown(staff_user):
    _record(staff_user, "q=alt", minutes_ago=91 * 24 * 60)
    _record(staff_user, "q=neu")
    assert list(RecentSearch.objects.of(staff_user).kept().values_list("query", flat=True)) == [
        "q=neu"
    ]
    assert searches_trim() == 1
    call_command("searches_trim", stdout=io.StringIO())
    assert list(RecentSearch.objects.values_list("query", flat=True)) == ["q=neu"]


def test_a_saved_search_is_deleted_only_by_its_own_account(staff_user):
    other = UserFactory(email="andere@example.org")
    saved = saved_search_create(
        user=staff_user, name="Mein Filter", kind=SearchKind.DIRECTORY, query="ebene=kreis"
    )
    pk = SavedSearch.objects.get(name=saved.name).pk
    assert not saved_search_delete(user=other, pk=pk)
    assert SavedSearch.objects.filter(pk=pk).exists()
    assert saved_search_delete(user=staff_user, pk=pk)


def _form(user, **data):
    return SavedSearchForm(
        {"name": "Beratung", "kind": "directory", "query": "q=Beratung", **data}, user=user
    )


def test_the_name_of_a_saved_search_has_a_limit_with_a_clear_message(staff_user):
    form = _form(staff_user, name="x" * (SavedSearch.NAME_MAX_LENGTH + 1))
    assert not form.is_valid()
    assert form.errors["name"] == [
        "Der Name darf höchstens 80 Zeichen lang sein; Ihrer hat 81. Kürzen Sie ihn bitte."
    ]


def test_a_name_is_used_once_per_account_and_the_number_is_capped(staff_user):
    saved_search_create(user=staff_user, name="Beratung", kind="directory", query="q=Beratung")
    assert "name" in _form(staff_user).errors
    assert _form(UserFactory(email="andere@example.org")).is_valid()
    for n in range(SavedSearch.PER_ACCOUNT - 1):
        saved_search_create(user=staff_user, name=f"Suche {n}", kind="directory", query="q=x")
    form = _form(staff_user, name="Eine mehr")
    assert not form.is_valid()
    assert "50 Suchen gespeichert" in str(form.non_field_errors())


def test_a_search_without_filters_cannot_be_saved(staff_user):
    form = _form(staff_user, query="seite=2")
    assert not form.is_valid()
    assert "query" in form.errors


def test_a_search_asked_again_within_minutes_runs_no_query(staff_user):
    _record(staff_user, "q=Beratung", minutes_ago=1)
    _record(staff_user, "q=Jobcenter")
    with CaptureQueriesContext(connection) as queries:
        assert _record(staff_user, "q=Beratung")
        assert _record(staff_user, "q=Jobcenter")
    assert len(queries) == 0
    # Older than the window, the time moves on (one write, the rows from the cache).
    with CaptureQueriesContext(connection) as queries:
        _record(staff_user, "q=Beratung", minutes_ago=-10)
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]


def test_a_search_pushed_out_by_ten_others_is_kept_again_when_asked_within_minutes(staff_user):
    _record(staff_user, "q=Beratung", minutes_ago=3)
    for n in range(RecentSearch.PER_KIND):
        _record(staff_user, f"q=Suche{n}", minutes_ago=2)
    assert not RecentSearch.objects.filter(query="q=Beratung").exists()
    with CaptureQueriesContext(connection) as queries:
        assert _record(staff_user, "q=Beratung")
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    newest = RecentSearch.objects.of(staff_user).first()
    assert newest.query == "q=Beratung"


def test_a_repeat_seen_by_another_worker_moves_the_time_on_once_more(staff_user):
    _record(staff_user, "q=Beratung", minutes_ago=1)
    services.recorded_searches.clear()  # the next request reaches another worker
    with CaptureQueriesContext(connection) as queries:
        assert _record(staff_user, "q=Beratung")
        assert _record(staff_user, "q=Beratung")
    assert [q["sql"].split()[0] for q in queries.captured_queries] == ["UPDATE"]
    assert RecentSearch.objects.of(staff_user).count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's HOT updates")
def test_a_new_search_rewrites_the_oldest_row_in_place_on_postgresql(staff_user):
    """No indexed column changes, so PostgreSQL updates the row in place (HOT) and leaves
    no dead index entry per search for the next lookup to step over."""
    for n in range(RecentSearch.PER_KIND):
        _record(staff_user, f"q=Suche{n}", minutes_ago=100 - n)
    with connection.cursor() as cursor:
        sql = "SELECT pg_stat_get_xact_tuples_hot_updated(%s::regclass)"
        cursor.execute(sql, [RecentSearch._meta.db_table])
        before = cursor.fetchone()[0]
        for n in range(5):
            _record(staff_user, f"q=Neu{n}")
        cursor.execute(sql, [RecentSearch._meta.db_table])
        assert cursor.fetchone()[0] - before == 5
