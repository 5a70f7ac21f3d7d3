"""django-simple-history with many-to-many fields recorded from both sides.

``HistoricalRecords(m2m_fields=[…])`` saves the related rows with each state of the
model that declares the field. django-simple-history records a change made from that
side (``actor.languages.add(arabic)``); a change made from the other side
(``arabic.actors.add(actor)``, ``arabic.actors.clear()``) reaches it with the other
object as the instance. Here such a change becomes a new state of every object of the
declaring model it touched, as a change from its own side would. A restore writes rows
back without new states (``rows_restored``).
"""

from __future__ import annotations

import contextlib
import threading

from simple_history.models import HistoricalRecords as BaseHistoricalRecords

_loading = threading.local()


@contextlib.contextmanager
def rows_restored():
    """Rows written back as they were (a restore from a backup: ``loaddata``) make no
    new state: Django saves them raw, which the history already skips, but sets their
    many-to-many fields through the ordinary managers, which would record a change."""
    _loading.active = True
    try:
        yield
    finally:
        _loading.active = False


class HistoricalRecords(BaseHistoricalRecords):
    def m2m_changed(self, instance, action, attr, pk_set, reverse, **kwargs):
        if getattr(_loading, "active", False):
            return None
        if not reverse:
            return super().m2m_changed(instance, action, attr, pk_set, reverse, **kwargs)
        if hasattr(instance, "skip_history_when_saving"):
            return None
        model = kwargs["model"]  # the declaring model: the instance is on the other side
        using = kwargs.get("using")
        if action == "pre_clear":
            # ``post_clear`` names no objects: remember them before they are gone.
            cleared = getattr(instance, "_history_cleared", {})
            related = model._default_manager.using(using).filter(**{attr: instance})
            cleared[attr] = set(related.values_list("pk", flat=True))
            instance._history_cleared = cleared
            return None
        if action == "post_clear":
            pk_set = getattr(instance, "_history_cleared", {}).pop(attr, set())
        elif action not in ("post_add", "post_remove"):
            return None
        for obj in model._default_manager.using(using).filter(pk__in=pk_set or ()):
            self.create_historical_record(obj, "~")
        return None
