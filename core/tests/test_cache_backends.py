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


def compressing(name: str, max_bytes: int, compress_from: int) -> ByteBoundedLocMemCache:
    cache = ByteBoundedLocMemCache(
        name,
        {"OPTIONS": {"MAX_BYTES": max_bytes, "MAX_ENTRIES": 1000, "COMPRESS_FROM": compress_from}},
    )
    cache.clear()
    return cache


def test_large_values_are_kept_compressed_and_read_back_unchanged():
    page = {"content": ("<li>Beratung für Geflüchtete</li>\n" * 3000).encode(), "status": 200}
    cache = compressing("test-compress", 1_000_000, compress_from=4096)
    cache.set("page", page)
    assert cache.get("page") == page
    # The bound counts what is held: the compressed pickle, a fraction of the page.
    assert cache.held_bytes == len(cache._cache[next(iter(cache._cache))])
    assert cache.held_bytes < size(page) / 10


def test_small_values_stay_uncompressed():
    cache = compressing("test-compress-small", 10_000, compress_from=4096)
    cache.set("count", 12)
    cache.set("word", "Sprachkurs")
    assert cache.held_bytes == size(12) + size("Sprachkurs")
    assert cache.get("count") == 12
    assert cache.get("word") == "Sprachkurs"


def test_compression_lets_the_same_bound_hold_more_pages():
    page = ("<article>Integrationsagentur · Sprachkurs · Erkelenz</article>\n" * 1500).encode()
    plain = bounded("test-plain-pages", 5 * size(page))
    packed = compressing("test-packed-pages", 5 * size(page), compress_from=4096)
    for number in range(20):
        plain.set(f"page-{number}", page + str(number).encode())
        packed.set(f"page-{number}", page + str(number).encode())
    assert sum(plain.has_key(f"page-{n}") for n in range(20)) == 4
    assert all(packed.get(f"page-{n}") == page + str(n).encode() for n in range(20))


def test_add_and_counting_up_work_on_compressed_values():
    cache = compressing("test-compress-add", 1_000_000, compress_from=1)
    assert cache.add("count", 1)
    assert not cache.add("count", 5)
    assert cache.incr("count", 41) == 42
    assert cache.get("count") == 42
    assert cache.held_bytes == sum(len(value) for value in cache._cache.values())


def test_signed_in_pages_and_searches_are_kept_compressed(settings):
    for name in ("search", "signed-in-pages"):
        assert settings.CACHES[name]["OPTIONS"]["COMPRESS_FROM"] > 0
