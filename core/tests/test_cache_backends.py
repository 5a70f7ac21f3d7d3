"""The per-process memory cache bounded by bytes (core/cache_backends.py)."""

import pickle

import pytest

from core.cache_backends import ByteBoundedLocMemCache


def bounded(name: str, max_bytes: int, max_entries: int = 1000) -> ByteBoundedLocMemCache:
    cache = ByteBoundedLocMemCache(
        name, {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": max_entries}}
    )
    cache.clear()
    return cache


def size(value) -> int:
    return len(pickle.dumps(value, pickle.HIGHEST_PROTOCOL))


def test_it_holds_the_sum_of_its_pickled_values():
    cache = bounded("test-sum", 10_000)
    cache.set("a", b"x" * 100)
    cache.set("b", "y" * 200)
    assert cache.held_bytes == size(b"x" * 100) + size("y" * 200)
    cache.set("a", b"x" * 10)  # replaced, not added
    assert cache.held_bytes == size(b"x" * 10) + size("y" * 200)
    cache.delete("b")
    assert cache.held_bytes == size(b"x" * 10)
    cache.clear()
    assert cache.held_bytes == 0


def test_the_least_recently_used_entries_go_first_when_the_bytes_run_out():
    page = b"p" * 1000
    cache = bounded("test-lru", 3 * size(page))
    for key in ("first", "second", "third"):
        cache.set(key, page)
    assert cache.get("first") == page  # used again: now the most recent
    cache.set("fourth", page)
    assert cache.get("second") is None
    assert [cache.get(key) == page for key in ("first", "third", "fourth")] == [True] * 3
    assert cache.held_bytes <= 3 * size(page)


def test_an_entry_larger_than_the_bound_is_not_kept_and_pushes_nothing_out():
    cache = bounded("test-large", 5000)
    cache.set("small", b"s" * 100)
    cache.set("large", b"l" * 6000)
    assert cache.get("large") is None
    assert cache.get("small") == b"s" * 100


def test_the_number_of_entries_still_bounds_it():
    cache = bounded("test-entries", 10**6, max_entries=10)
    for n in range(25):
        cache.set(f"key-{n}", n)
    assert len(cache._cache) <= 10
    assert cache.held_bytes == sum(len(value) for value in cache._cache.values())


def test_counting_up_keeps_the_sum_exact():
    cache = bounded("test-incr", 10_000)
    cache.set("count", 1)
    assert cache.incr("count", 10**30) == 10**30 + 1
    assert cache.held_bytes == size(10**30 + 1)
    with pytest.raises(ValueError):
        cache.incr("missing")


def test_the_caches_of_pages_and_searches_are_bounded_by_bytes(settings):
    for name in ("pages", "search", "signed-in-pages"):
        if settings.CACHES[name]["BACKEND"].endswith("RedisCache"):
            continue  # shared: Redis's own memory limit applies
        assert settings.CACHES[name]["BACKEND"] == "core.cache_backends.ByteBoundedLocMemCache"
        assert settings.CACHES[name]["OPTIONS"]["MAX_BYTES"] > 0
