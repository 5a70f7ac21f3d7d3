"""Fixtures of the actor directory's tests."""

import pytest

from actors.seed import load_keynote


@pytest.fixture
def keynote(db):
    """The keynote's actors and tasks, as ``seed_keynote`` loads them."""
    load_keynote()
