"""Coordination networks of the KI and KIM."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class NetworkQuerySet(models.QuerySet):
    def public(self):
        return self.filter(is_public=True)

    def visible_to(self, user):
        from integration_portal.permissions import is_internal

        return self if is_internal(user) else self.public()


class Network(models.Model):
    name = models.CharField(_("Name"), max_length=200)
    slug = models.SlugField(_("Kurzadresse"), max_length=200, unique=True)
    is_public = models.BooleanField(_("Öffentlich"), default=True)
    coordinators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        blank=True,
        related_name="coordinated_networks",
        verbose_name=_("Koordination"),
    )

    objects = NetworkQuerySet.as_manager()

    class Meta:
        verbose_name = _("Netzwerk")
        verbose_name_plural = _("Netzwerke")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name
