"""A per-process memory cache bounded by the bytes it holds.

Django's ``LocMemCache`` bounds its entries by number only (``MAX_ENTRIES``). The portal
keeps rendered pages and fragments in it, from a few hundred bytes to some hundred
kilobytes each, so a bound by number says little about a worker's memory.
``ByteBoundedLocMemCache`` also adds up the size of what it holds (each value is kept
pickled, so its size is known exactly) and, when a new entry would pass
``OPTIONS["MAX_BYTES"]``, lets the least recently used entries go first. An entry larger
than the whole bound is not kept at all.

With ``OPTIONS["COMPRESS_FROM"]`` a value whose pickle has at least that many bytes is
kept compressed with LZ4: a rendered page of 75–100 KB takes 15–20 KB, and reading it
back costs 0.01–0.03 ms (zlib's fastest level would take 10–15 % less memory but
0.06–0.2 ms per read, as much as a third of a page served from memory). The bound
counts the compressed bytes, so the same memory holds five times as many pages.
Everything else is Django's backend.
"""

from __future__ import annotations

import pickle

import lz4.block
from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

#: The bytes held per cache name (as ``LocMemCache`` keeps its entries per name).
_held: dict[str, list[int]] = {}

#: The first byte of a compressed value (a pickle of protocol 2 or later begins with
#: b"\x80", so the two are never confused); the LZ4 block after it carries its size.
_COMPRESSED = b"L"


class ByteBoundedLocMemCache(LocMemCache):
    """``LocMemCache`` with ``OPTIONS["MAX_BYTES"]`` (the sum of its pickled values) and
    ``OPTIONS["COMPRESS_FROM"]`` (compress pickles of at least that many bytes)."""

    #: Without ``MAX_BYTES``: 32 MB.
    DEFAULT_MAX_BYTES = 32 * 1024 * 1024

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", self.DEFAULT_MAX_BYTES))
        compress_from = options.get("COMPRESS_FROM")
        self.compress_from = int(compress_from) if compress_from is not None else None
        self._held = _held.setdefault(name, [0])

    def _dumps(self, value) -> bytes:
        pickled = pickle.dumps(value, self.pickle_protocol)
        if self.compress_from is not None and len(pickled) >= self.compress_from:
            return _COMPRESSED + lz4.block.compress(pickled)
        return pickled

    @staticmethod
    def _loads(data: bytes):
        if data[:1] == _COMPRESSED:
            data = lz4.block.decompress(memoryview(data)[1:])
        return pickle.loads(data)  # noqa: S301  # nosec B301 - this process's own values

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        data = self._dumps(value)
        with self._lock:
            if self._has_expired(key):
                self._set(key, data, timeout)
                return True
            return False

    def get(self, key, default=None, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                return default
            data = self._cache[key]
            self._cache.move_to_end(key, last=False)
        return self._loads(data)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        key = self.make_and_validate_key(key, version=version)
        data = self._dumps(value)
        with self._lock:
            self._set(key, data, timeout)

    @property
    def held_bytes(self) -> int:
        """The bytes of the values this cache holds now."""
        return self._held[0]

    def _set(self, key, value, timeout=DEFAULT_TIMEOUT):
        self._delete(key)
        if len(value) > self.max_bytes:
            return
        if len(self._cache) >= self._max_entries:
            self._cull()
        while self._cache and self._held[0] + len(value) > self.max_bytes:
            self._drop_least_recent()
        self._cache[key] = value
        self._cache.move_to_end(key, last=False)
        self._expire_info[key] = self.get_backend_timeout(timeout)
        self._held[0] += len(value)

    def _drop_least_recent(self) -> None:
        # ``get`` and ``_set`` move an entry to the front: the last one was used least recently.
        key, value = self._cache.popitem()
        self._expire_info.pop(key, None)
        self._held[0] -= len(value)

    def _cull(self):
        count = (
            len(self._cache)
            if self._cull_frequency == 0
            else len(self._cache) // self._cull_frequency
        )
        for _ in range(count):
            self._drop_least_recent()

    def _delete(self, key):
        value = self._cache.pop(key, None)
        if value is None:
            return False
        self._expire_info.pop(key, None)
        self._held[0] -= len(value)
        return True

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        with self._lock:
            if self._has_expired(key):
                self._delete(key)
                raise ValueError(f"Key '{key}' not found")
            old = self._cache[key]
            new_value = self._loads(old) + delta
            data = self._dumps(new_value)
            self._cache[key] = data
            self._cache.move_to_end(key, last=False)
            self._held[0] += len(data) - len(old)
        return new_value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._held[0] = 0
