"""Accounts with a portal role, and the accessibility feedback that BITV NRW requires."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Role(models.TextChoices):
    """What an account may do. Anonymous citizens have no account and no role."""

    STAFF = "staff", _("Mitarbeitende")
    COORDINATOR = "coordinator", _("Koordination")
    EDITOR = "editor", _("Redaktion")
    ADMIN = "admin", _("Administration")


def normalize_account_email(email: str | None) -> str:
    """The form in which an account's address is stored and looked up: trimmed, lower case.

    allauth lower-cases whatever is typed at sign-in and password reset and compares it
    exactly, so an address stored with capitals could never sign in. Mailboxes are
    case-insensitive in practice, so ``CoordA@example.org`` and ``coorda@example.org``
    are one account.
    """
    return (email or "").strip().lower()


class PortalUserManager(UserManager):
    """Users are identified by e-mail address; there is no username."""

    use_in_migrations = True

    @classmethod
    def normalize_email(cls, email: str | None) -> str:
        # Django lower-cases the domain only; the portal stores the whole address in
        # lower case (see normalize_account_email). AbstractUser.clean() calls this too.
        return normalize_account_email(email)

    def get_by_natural_key(self, username):
        # Django's own sign-in (ModelBackend) looks the typed address up exactly; an
        # address typed with capitals finds its (lower-case) account as well.
        try:
            return super().get_by_natural_key(username)
        except self.model.DoesNotExist:
            normalized = self.normalize_email(username)
            if not isinstance(username, str) or normalized == username:
                raise
            return super().get_by_natural_key(normalized)

    def _create_user(self, username, email, password, **extra_fields):
        # The username argument of Django's manager is ignored: e-mail is the login.
        email = self.normalize_email(email)
        user = self.model(email=email, **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(None, email, password, **extra_fields)

    def create_superuser(self, email=None, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        extra_fields.setdefault("role", Role.ADMIN)
        return self._create_user(None, email, password, **extra_fields)


class User(AbstractUser):
    """A portal account. ``role`` decides what it may see and edit."""

    username = None
    first_name = None
    last_name = None
    email = models.EmailField(_("E-Mail-Adresse"), unique=True)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices, default=Role.STAFF)
    # Optimistic locking of the administrators' changes (role, networks, active): the
    # account services move it on; a sign-in or a new password does not.
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS: list[str] = []

    objects = PortalUserManager()

    class Meta:
        verbose_name = _("Konto")
        verbose_name_plural = _("Konten")
        ordering = ["email"]

    def __str__(self) -> str:
        return self.name or self.email

    def save(self, *args, **kwargs):
        # The one place every account passes through (manager, service, admin, factories):
        # whatever created it, the address is stored in the form sign-in looks for.
        self.email = normalize_account_email(self.email)
        super().save(*args, **kwargs)

    def get_full_name(self) -> str:
        return self.name or self.email

    def get_short_name(self) -> str:
        return self.name or self.email


class AccountChange(models.Model):
    """One change of an account by an administrator: who, when, what, and the role and
    networks it had afterwards. Accounts are deactivated, never deleted, so their changes
    stay. Sign-ins and password changes are not recorded here (they are no decisions of
    the administration, and no password hash belongs in a history)."""

    class Action(models.TextChoices):
        INVITED = "invited", _("Eingeladen")
        INVITATION_RESENT = "invitation_resent", _("Einladung erneut gesendet")
        ROLE_CHANGED = "role_changed", _("Rolle oder Netzwerke geändert")
        DEACTIVATED = "deactivated", _("Deaktiviert")
        REACTIVATED = "reactivated", _("Reaktiviert")

    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="account_changes",
        verbose_name=_("Konto"),
    )
    action = models.CharField(_("Änderung"), max_length=30, choices=Action.choices)
    role = models.CharField(_("Rolle"), max_length=20, choices=Role.choices)
    networks = models.TextField(_("Koordinierte Netzwerke"), blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Geändert von"),
    )
    at = models.DateTimeField(_("Geändert am"), default=timezone.now)

    class Meta:
        verbose_name = _("Änderung eines Kontos")
        verbose_name_plural = _("Änderungen von Konten")
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["account", "-at"], name="account_change_account_at")]

    def __str__(self) -> str:
        return f"{self.account_id}: {self.action}"


class AccessibilityFeedbackQuerySet(models.QuerySet):
    def newest_first(self):
        """The inbox order: the latest message on top, ties broken by the row."""
        return self.order_by("-created_at", "-pk")


class AccessibilityFeedback(models.Model):
    """A message sent through the feedback form of the accessibility statement.

    Administrators work through it in the portal's inbox: a status, an answer note, who
    changed it last and when. ``version`` gives optimistic locking (every save moves it
    on; ``services.feedback_update`` refuses a change based on an older one). The history
    keeps every change of the handling, not the sender's data: those stay in this row
    only, so that erasing a message erases them.
    """

    class Status(models.TextChoices):
        NEW = "new", _("Neu")
        IN_PROGRESS = "in_progress", _("In Bearbeitung")
        DONE = "done", _("Erledigt")

    reference = models.CharField(_("Vorgangsnummer"), max_length=20, unique=True, editable=False)
    page_url = models.CharField(_("Betroffene Seite"), max_length=500, blank=True)
    message = models.TextField(_("Nachricht"), max_length=5000)
    name = models.CharField(_("Name"), max_length=150, blank=True)
    email = models.EmailField(_("E-Mail-Adresse für eine Antwort"), blank=True)
    status = models.CharField(
        _("Status"), max_length=20, choices=Status.choices, default=Status.NEW
    )
    answer_note = models.TextField(
        _("Notiz zur Antwort"),
        max_length=5000,
        blank=True,
        help_text=_("Was geantwortet oder veranlasst wurde. Nur für die Administration sichtbar."),
    )
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Zuletzt bearbeitet von"),
    )
    handled_at = models.DateTimeField(_("Zuletzt bearbeitet am"), null=True, blank=True)
    version = models.PositiveIntegerField(_("Version"), default=1, editable=False)
    created_at = models.DateTimeField(_("Eingegangen"), auto_now_add=True)

    history = HistoricalRecords(excluded_fields=["page_url", "message", "name", "email"])
    objects = AccessibilityFeedbackQuerySet.as_manager()

    class Meta:
        verbose_name = _("Rückmeldung zur Barrierefreiheit")
        verbose_name_plural = _("Rückmeldung zur Barrierefreiheit")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-created_at"], name="feedback_status_created")]

    def __str__(self) -> str:
        return self.reference

    def save(self, *args, **kwargs):
        if not self._state.adding:
            self.version += 1
        super().save(*args, **kwargs)


class ContentVersion(models.Model):
    """A version per kind of content that every change moves on (``versions.py``).

    Cached fragments carry the version in their key, so a change shows in every worker
    and on every server at once, whatever cache backend is configured.
    """

    key = models.CharField(_("Schlüssel"), max_length=50, primary_key=True)
    value = models.PositiveBigIntegerField(_("Stand"), default=1)

    class Meta:
        verbose_name = _("Inhaltsstand")
        verbose_name_plural = _("Inhaltsstände")

    def __str__(self) -> str:
        return f"{self.key}: {self.value}"
