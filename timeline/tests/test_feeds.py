"""The history for reuse: TimelineJS JSON and the iCalendar feed of the events."""

from __future__ import annotations

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from timeline import feeds
from timeline.models import Status
from timeline.tests.factories import EventFactory, PeriodFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def history():
    period = PeriodFactory(title="Anwerbung", start_year=1970, end_year=1979, position=1)
    current = PeriodFactory(title="Heute", start_year=2020, end_year=None, position=2)
    EventFactory(
        period=period,
        slug="anwerbestopp",
        year=1973,
        date=datetime.date(1973, 11, 23),
        title="Anwerbestopp",
        text="Ende der Anwerbung; Familiennachzug, danach.",
    )
    EventFactory(period=current, slug="gesetz", year=2021, title="Gesetz", text="")
    EventFactory(period=current, slug="ohne-jahr", year=None, title="Ohne Jahr")
    EventFactory(
        period=current, slug="entwurf", year=2022, title="zqdraftmark", status=Status.DRAFT
    )
    draft_period = PeriodFactory(title="zqdraftperiod", status=Status.DRAFT, position=3)
    EventFactory(period=draft_period, slug="im-entwurf", year=2030, title="zqdraftperiodevent")
    return period, current


def test_the_timelinejs_json_has_events_with_groups_and_one_era_per_period(client, history):
    response = client.get("/geschichte/zeitleiste.json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = json.loads(response.content)
    assert [era["text"]["headline"] for era in data["eras"]] == ["Anwerbung", "Heute"]
    assert data["eras"][0]["start_date"] == {"year": 1970}
    assert data["eras"][0]["end_date"] == {"year": 1979}
    # An open period lasts until this year.
    assert data["eras"][1]["end_date"]["year"] >= datetime.date.today().year
    events = {event["unique_id"]: event for event in data["events"]}
    assert set(events) == {"anwerbestopp", "gesetz"}
    assert events["anwerbestopp"]["start_date"] == {"year": 1973, "month": 11, "day": 23}
    assert events["gesetz"]["start_date"] == {"year": 2021}
    assert events["anwerbestopp"]["group"] == "Anwerbung"
    assert events["anwerbestopp"]["text"]["headline"] == "Anwerbestopp"
    assert events["anwerbestopp"]["url"].endswith("#ereignis-anwerbestopp")
    assert "zqdraft" not in response.content.decode()


def test_the_english_json_has_the_english_texts(client, history):
    data = json.loads(client.get("/en/geschichte/zeitleiste.json").content)
    assert data["eras"][0]["text"]["headline"].startswith("Period ")


def _lines(body: bytes) -> list[str]:
    text = body.decode()
    assert "\n" not in text.replace("\r\n", "")  # every line ends in CRLF
    return text.split("\r\n")


def test_the_calendar_is_rfc_5545(client, history):
    response = client.get("/geschichte/ereignisse.ics")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    body = response.content
    assert body.endswith(b"END:VCALENDAR\r\n")
    lines = _lines(body)
    assert lines[0] == "BEGIN:VCALENDAR" and "VERSION:2.0" in lines
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded = body.decode().replace("\r\n ", "")
    assert unfolded.count("BEGIN:VEVENT") == 2  # dated, published events only
    assert "DTSTART;VALUE=DATE:19731123" in unfolded
    assert "DTSTART;VALUE=DATE:20210101" in unfolded
    assert "UID:ereignis-anwerbestopp@testserver" in unfolded
    assert "DESCRIPTION:Ende der Anwerbung\\; Familiennachzug\\, danach." in unfolded
    assert "zqdraft" not in unfolded


def test_the_calendar_is_the_same_for_the_same_content(client, history):
    first = client.get("/geschichte/ereignisse.ics").content
    second = client.get("/geschichte/ereignisse.ics").content
    assert first == second
    stamp = [line for line in _lines(first) if line.startswith("DTSTAMP:")]
    assert len(stamp) == 2 and all(line.endswith("Z") for line in stamp)


def test_text_values_are_escaped_and_long_lines_folded_between_characters():
    assert feeds.escape_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    line = "SUMMARY:" + "ä" * 100
    folded = feeds.fold(line)
    parts = folded.split("\r\n ")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert "".join(parts) == line  # no character cut in two


def test_the_feeds_are_cached_under_the_history_version(client, history):
    period, _current = history
    first = client.get("/geschichte/ereignisse.ics")
    etag = first["ETag"]
    assert first["Cache-Control"] == "public, no-cache"
    assert client.get("/geschichte/ereignisse.ics", HTTP_IF_NONE_MATCH=etag).status_code == 304
    with CaptureQueriesContext(connection) as warm:
        client.get("/geschichte/zeitleiste.json")
        client.get("/geschichte/zeitleiste.json")
    # Cold: the version, the periods, the events; warm: the version only.
    assert len(warm) == 3 + 1
    period.title = "Anwerbung (neu)"
    period.save()
    changed = client.get("/geschichte/ereignisse.ics", HTTP_IF_NONE_MATCH=etag)
    assert changed.status_code == 200 and "Anwerbung (neu)" in changed.content.decode()


def test_the_history_and_the_data_page_link_the_feeds(client, history):
    for url in ("/geschichte/", "/daten/"):
        html = client.get(url).content.decode()
        assert reverse("timeline:timelinejs") in html, url
        assert reverse("timeline:calendar") in html, url
