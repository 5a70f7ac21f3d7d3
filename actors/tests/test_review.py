"""When an entry is due for review: the model's answer and the queryset's (one SQL
expression on PostgreSQL and SQLite) agree, month ends included."""

from __future__ import annotations

import datetime

import pytest

from actors.models import Actor, Offer
from actors.tests.factories import ActorFactory, OfferFactory
from core.dates import add_months

pytestmark = pytest.mark.django_db

D = datetime.date


@pytest.mark.parametrize(
    ("day", "months", "expected"),
    [
        (D(2026, 1, 31), 1, D(2026, 2, 28)),
        (D(2024, 1, 31), 1, D(2024, 2, 29)),
        (D(2025, 12, 15), 12, D(2026, 12, 15)),
        (D(2025, 8, 31), 6, D(2026, 2, 28)),
        (D(2025, 3, 30), 11, D(2026, 2, 28)),
        (D(2025, 5, 1), 24, D(2027, 5, 1)),
    ],
)
def test_a_date_plus_months_is_the_same_in_python_and_in_sql(day, months, expected):
    assert add_months(day, months) == expected
    actor = ActorFactory(last_verified=day, review_interval_months=months)
    row = Actor.objects.with_review_due().get(pk=actor.pk)
    assert row.review_due == expected == actor.review_due_on


def test_due_entries_are_the_unchecked_and_those_past_their_interval():
    today = D(2026, 12, 6)
    never = ActorFactory(last_verified=None)
    due_today = ActorFactory(last_verified=D(2025, 12, 6))
    fresh = ActorFactory(last_verified=D(2026, 6, 1))
    quarterly = ActorFactory(last_verified=D(2026, 6, 1), review_interval_months=3)
    far = ActorFactory(last_verified=D(2024, 1, 1))
    due = set(Actor.objects.review_due(today).values_list("pk", flat=True))
    assert due == {never.pk, due_today.pk, quarterly.pk, far.pk}
    assert fresh.pk not in due and not fresh.review_is_due(today)
    assert due_today.review_is_due(today) and not due_today.review_is_far_overdue(today)
    far_overdue = set(Actor.objects.review_far_overdue(today).values_list("pk", flat=True))
    assert far_overdue == {never.pk, quarterly.pk, far.pk}  # six months, twice three
    assert far.review_is_far_overdue(today)


def test_offers_are_reviewed_the_same_way():
    today = D(2026, 12, 6)
    old = OfferFactory(last_verified=D(2025, 1, 1))
    new = OfferFactory(last_verified=D(2026, 11, 1))
    assert list(Offer.objects.review_due(today)) == [old]
    assert list(Offer.objects.without_owner().order_by("pk")) == [old, new]
