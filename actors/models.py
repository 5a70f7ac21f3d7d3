"""Actors of integration work on every political level."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    EU = "eu", _("Europäische Union")
    FEDERAL = "federal", _("Bund")
    STATE = "state", _("Land")
    DISTRICT = "district", _("Kreis")
    MUNICIPALITY = "municipality", _("Kreisangehörige Kommune")


class ActorQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        from integration_portal.permissions import is_internal

        return self if is_internal(user) else self.public()


class Actor(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    short_name = models.CharField(_("Kurzname"), max_length=40, blank=True)
    slug = models.SlugField(_("Kurzadresse"), max_length=200, unique=True)
    level = models.CharField(_("Ebene"), max_length=20, choices=Level.choices)
    is_public = models.BooleanField(_("Öffentlich"), default=True)

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("Akteur")
        verbose_name_plural = _("Akteure")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
