"""Content versions inside a transaction: every read asks the database (both databases)."""

from __future__ import annotations

import pytest

from core import versions

pytestmark = pytest.mark.django_db


def test_inside_a_transaction_every_read_asks_the_database(django_assert_num_queries):
    versions.bump("example")
    with django_assert_num_queries(2):
        first, second = versions.current("example"), versions.current("example")
    assert first == second > 0
    versions.bump("example")
    assert versions.current("example") > first
