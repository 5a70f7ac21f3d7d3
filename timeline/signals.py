"""Any change to timeline content invalidates the cached public pages."""

from __future__ import annotations

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from timeline import models
from timeline.caching import bump_content_version

CONTENT_MODELS = (
    models.Source,
    models.Period,
    models.Characteristic,
    models.Event,
    models.Citation,
    models.Thesis,
    models.Quote,
)


def _invalidate(sender, **kwargs) -> None:
    bump_content_version()


for _model in CONTENT_MODELS:
    receiver(post_save, sender=_model, dispatch_uid=f"timeline-save-{_model.__name__}")(_invalidate)
    receiver(post_delete, sender=_model, dispatch_uid=f"timeline-delete-{_model.__name__}")(
        _invalidate
    )
