"""A per-process memory cache bounded by the bytes it holds.

Django's ``LocMemCache`` bounds its entries by number only (``MAX_ENTRIES``). The portal
keeps rendered pages and fragments in it, from a few hundred bytes to some hundred
kilobytes each, so a bound by number says little about a worker's memory.
``ByteBoundedLocMemCache`` also adds up the size of what it holds (each value is kept
pickled, so its size is known exactly) and, when a new entry would pass
``OPTIONS["MAX_BYTES"]``, lets the least recently used entries go first. An entry larger
than the whole bound is not kept at all. Everything else is Django's backend.
"""

from __future__ import annotations

import pickle

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.locmem import LocMemCache

#: The bytes held per cache name (as ``LocMemCache`` keeps its entries per name).
_held: dict[str, list[int]] = {}


class ByteBoundedLocMemCache(LocMemCache):
    """``LocMemCache`` with ``OPTIONS["MAX_BYTES"]`` (the sum of its pickled values)."""

    #: Without ``MAX_BYTES``: 32 MB.
    DEFAULT_MAX_BYTES = 32 * 1024 * 1024

    def __init__(self, name, params):
        super().__init__(name, params)
        options = params.get("OPTIONS", {})
        self.max_bytes = int(options.get("MAX_BYTES", self.DEFAULT_MAX_BYTES))
        self._held = _held.setdefault(name, [0])

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
            new_value = pickle.loads(old) + delta  # noqa: S301  # nosec B301 - this process's own values
            pickled = pickle.dumps(new_value, self.pickle_protocol)
            self._cache[key] = pickled
            self._cache.move_to_end(key, last=False)
            self._held[0] += len(pickled) - len(old)
        return new_value

    def clear(self):
        with self._lock:
            self._cache.clear()
            self._expire_info.clear()
            self._held[0] = 0
