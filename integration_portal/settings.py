"""Settings of the integration portal, read from the environment (twelve-factor).

With nothing set, the portal runs for development on an embedded SQLite file under
``var/``. ``DATABASE_URL`` switches to PostgreSQL; ``DJANGO_ENV=production`` turns on
the production posture and refuses to start without a real secret key.

Every variable is read through ``env`` below (django-environ), and only from the process
environment: no ``.env`` file is read. A value that does not fit (a word where a number
belongs, an unknown ``DJANGO_ENV``) stops the start with ImproperlyConfigured naming the
variable, which manage.py prints as one line.
"""

from __future__ import annotations

import datetime
import logging
import re
import sys
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import environ
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEV_SECRET_KEY = "dev-insecure-only-for-local-development"  # noqa: S105 - refused in production


class PortalEnv(environ.Env):
    """django-environ's reader, with the portal's rules for reading a value.

    - A value is taken as it is written: django-environ would read ``$NAME`` as a
      reference to another variable, and a secret key or a password may begin with ``$``.
    - A value that does not fit its type raises ImproperlyConfigured naming the variable
      (django-environ lets ``int()``'s ValueError through).
    - Yes/no is ``1``/``true``/``yes``/``on`` or ``0``/``false``/``no``/``off`` (any case;
      empty is no); anything else is refused (django-environ takes ``y``, ``ok`` or ``2``
      as yes and every other word as no).
    - Whole numbers are 0 or more: every one here is seconds, a count or a port.
    - A list is comma-separated; blanks around items and empty items are dropped.
    """

    TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
    FALSE_WORDS = frozenset({"", "0", "false", "no", "off"})

    def get_value(self, var, cast=None, default=environ.Env.NOTSET, parse_default=False):
        if var not in self.ENVIRON:
            if default is self.NOTSET:
                raise ImproperlyConfigured(f"{var} must be set.")
            return default
        raw = self.ENVIRON[var]
        try:
            return self.parse_value(raw, cast)
        except ValueError as error:
            raise ImproperlyConfigured(f"{var}={raw!r} is not valid: {error}.") from error

    @classmethod
    def parse_value(cls, value, cast):
        if cast is bool:
            word = value.strip().lower()
            if word in cls.TRUE_WORDS or word in cls.FALSE_WORDS:
                return word in cls.TRUE_WORDS
            raise ValueError("expected 1, true, yes or on, or 0, false, no or off")
        if cast is int:
            try:
                number = int(value)
            except ValueError:
                raise ValueError("expected a whole number") from None
            if number < 0:
                raise ValueError("expected a whole number of 0 or more")
            return number
        if cast is list:
            return [item.strip() for item in value.split(",") if item.strip()]
        return super().parse_value(value, cast)

    def choice(self, var: str, choices: list[str], default: str) -> str:
        """One of ``choices``, in any case; empty means ``default``."""
        value = self.str(var, default=default).strip() or default
        for choice in choices:
            if value.lower() == choice.lower():
                return choice
        raise ImproperlyConfigured(f"{var} must be one of {', '.join(choices)}, not {value!r}.")

    def database(self, var: str, default: Any = environ.Env.NOTSET, *, conn_max_age: int) -> dict:
        """The DATABASES entry for the database URL in ``var``, with the portal's options.

        The error messages never repeat the URL: it may hold a password.
        """
        url = self.str(var, default=default).strip()
        scheme = url.partition("://")[0]
        if scheme not in self.DB_SCHEMES:
            raise ImproperlyConfigured(
                f"{var} must be a database URL such as postgres://user:password@host:5432/name "
                f"or sqlite:////path/to/file.sqlite3 (unknown scheme {scheme!r})."
            )
        # django-environ decodes the path with unquote_plus; a "+" in a file or database
        # name is a plus sign (the query keeps "+" for a blank, as everywhere).
        path, question_mark, query = url.partition("?")
        url = path.replace("+", "%2B") + question_mark + query
        try:
            config = self.db_url_config(url)
        except ValueError as error:  # a port that is no number, a broken IPv6 address
            raise ImproperlyConfigured(f"{var} is not a valid database URL: {error}.") from error
        # A socket directory written into the host, postgres://%2Frun%2Fpostgresql/portal.
        if "%" in config.get("HOST", ""):
            config["HOST"] = unquote(config["HOST"])
        if not config.get("OPTIONS", True):
            del config["OPTIONS"]
        config.setdefault("DISABLE_SERVER_SIDE_CURSORS", False)
        config.update(CONN_MAX_AGE=conn_max_age, CONN_HEALTH_CHECKS=True)
        return config


env = PortalEnv()

DJANGO_ENV = env.choice("DJANGO_ENV", ["development", "production"], default="development")
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = env.str("DJANGO_SECRET_KEY", default="") or DEV_SECRET_KEY
if PRODUCTION and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    # manage.py prints this as one line (the operator has a single thing to fix); a WSGI
    # server refuses to load the application.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 32 characters when "
        "DJANGO_ENV=production."
    )

DEBUG = env.bool("DJANGO_DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS",
    default=[] if PRODUCTION else ["localhost", "127.0.0.1", "[::1]", "testserver"],
)
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "django.contrib.sitemaps",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "django_filters",
    "simple_history",
    # Django REST framework runs the open data's API without being an installed app: as
    # one, its German catalogue would replace Django's own form messages site-wide
    # ("Gib eine gültige E-Mail Adresse an." for "Bitte eine gültige E-Mail-Adresse
    # eingeben."); the API answers in English and needs none of its templates.
    "drf_spectacular",
    "core",
    "actors",
    "networks",
    "timeline",
    "opendata",
    "stewardship",
    "integration_portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "integration_portal.middleware.PermissionsPolicyMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "integration_portal.sessions.SessionRefreshMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "integration_portal.middleware.MFARequiredMiddleware",
    "integration_portal.middleware.DatabaseUnavailableMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
]

ROOT_URLCONF = "integration_portal.urls"
WSGI_APPLICATION = "integration_portal.wsgi.application"
ASGI_APPLICATION = "integration_portal.asgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "integration_portal.context_processors.portal",
            ],
        },
    },
]

# --- Database ---------------------------------------------------------------
# Seconds a worker keeps its connection; every connection is checked before it is reused.
DATABASE_CONN_MAX_AGE = env.int("DJANGO_CONN_MAX_AGE", default=60)
DATABASES = {
    "default": env.database(
        "DATABASE_URL",
        # Quoted, so that a "+" or "%" in the checkout's path stays what it is.
        default=f"sqlite:///{quote(str(VAR_DIR / 'db.sqlite3'))}",
        conn_max_age=DATABASE_CONN_MAX_AGE,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction that starts as a reader and then
    # writes is refused at once ("database is locked", a 503) when another writer got
    # there first; BEGIN IMMEDIATE takes the write lock at the start instead, so
    # concurrent saves wait their turn (up to `timeout` seconds) and the later one meets
    # the optimistic locking (networks/services.py). WAL lets readers go on while
    # someone writes (switched on once per database file, core.apps.sqlite_wal: asking
    # for it on every new connection failed now and then with "database is locked"
    # while another connection wrote); synchronous=NORMAL is safe with WAL and spares an
    # fsync per commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA synchronous=NORMAL;",
        }
    )
# Optional read replica (README, "Performance"): GET requests read from it, everything
# else stays on the primary (integration_portal/db_router.py). Its backend reads from the
# primary while the replica is down (integration_portal/db_backends/replica/base.py);
# the health check (CONN_HEALTH_CHECKS, set by env.database) notices a persistent
# connection the replica dropped, and a replica that does not answer is given up on
# after a few seconds instead of holding the request.
if env.str("DATABASE_REPLICA_URL", default=""):
    DATABASES["replica"] = env.database("DATABASE_REPLICA_URL", conn_max_age=DATABASE_CONN_MAX_AGE)
    if DATABASES["replica"]["ENGINE"] != "django.db.backends.postgresql":
        raise ImproperlyConfigured("DATABASE_REPLICA_URL must be a PostgreSQL database URL.")
    DATABASES["replica"]["ENGINE"] = "integration_portal.db_backends.replica"
    DATABASES["replica"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 3)
    DATABASES["replica"]["TEST"] = {"MIRROR": "default"}
    DATABASE_ROUTERS = ["integration_portal.db_router.PrimaryReplicaRouter"]
    MIDDLEWARE.insert(
        MIDDLEWARE.index("django.contrib.sessions.middleware.SessionMiddleware"),
        "integration_portal.db_router.PinPrimaryMiddleware",
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache --------------------------------------------------------------------
# Three caches, each for one job (core/caching.py):
# - "default" holds only security counters: allauth's rate limits for sign-in, codes and
#   password resets, and the feedback form's. It is a table in the database: shared by
#   every worker and app server, and no page or fragment is ever written to it, so a
#   flood of page requests cannot evict a lock and four workers count as one.
# - "pages" holds rendered pages, fragments and counts: Redis when REDIS_URL is set
#   (shared, one render for all servers), else each worker's memory.
# - "sessions" holds the sessions and the accounts signed in with them
#   (core/sign_in_cache.py): Redis when REDIS_URL is set, else files in
#   DJANGO_SESSION_CACHE_DIR, shared by the workers of this machine. It must be shared,
#   or a sign-out in one worker would not reach the others.
# - "layout" holds the parts of the page layout that are the same on every page
#   (templates/base.html), per process and never shared: a deployment starts with an
#   empty one, so new static file names and translations show at once.
# - "signed-in-pages" holds whole pages as one signed-in account saw them, per process.
# The caches of each worker's memory are bounded by the bytes they hold
# (core/cache_backends.py), so that a worker stays small whatever is asked.
MB = 1024 * 1024
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "portal_cache",
        # Counters expire after minutes; the bound only guards against a table that grows
        # without end under an attack from very many addresses.
        "OPTIONS": {"MAX_ENTRIES": 1_000_000, "CULL_FREQUENCY": 10},
    },
    "layout": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-layout",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
    # Free-text searches of the directory (count, form, cards: some 60 KB a search,
    # 12 KB compressed), always per worker and of fixed size, even with Redis: made-up
    # search terms can only push out other searches, never a page, and never grow the memory.
    "search": {
        "BACKEND": "core.cache_backends.ByteBoundedLocMemCache",
        "LOCATION": "portal-search",
        "OPTIONS": {"MAX_ENTRIES": 600, "MAX_BYTES": 3 * MB, "COMPRESS_FROM": 4096},
    },
    # Whole pages as one signed-in account saw them (core.caching.CachedSignedInPageMixin):
    # per worker, bounded by bytes, kept compressed (a directory page of some 100 KB
    # takes 20 KB; reading it back 0.01–0.03 ms).
    "signed-in-pages": {
        "BACKEND": "core.cache_backends.ByteBoundedLocMemCache",
        "LOCATION": "portal-signed-in-pages",
        "OPTIONS": {"MAX_ENTRIES": 1000, "MAX_BYTES": 4 * MB, "COMPRESS_FROM": 4096},
    },
    # The last searches each worker recorded per signed-in account and page, for some
    # minutes (actors.services.search_record): a repeat it has seen writes nothing. Per
    # worker: another worker's repeat moves the search's time on once more, harmless.
    "recorded-searches": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-recorded-searches",
        "OPTIONS": {"MAX_ENTRIES": 5000},
    },
}
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL and not REDIS_URL.startswith(("redis://", "rediss://", "unix://")):
    raise ImproperlyConfigured(
        "REDIS_URL must begin with redis://, rediss:// or unix:// (e.g. redis://localhost:6379/0)."
    )
if REDIS_URL:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "core.cache_backends.ByteBoundedLocMemCache",
        "LOCATION": "portal-pages",
        # Rendered fragments, whole public pages, counts and data, from a few bytes to
        # some 100 KB: bounded by what they hold (core.cache_backends).
        "OPTIONS": {"MAX_ENTRIES": 3000, "MAX_BYTES": 12 * MB},
    }
# Sessions are written to the database and to the "sessions" cache and read from the
# cache (core/sign_in_cache.py): a signed-in request runs no query for its session.
SESSION_CACHE_DIR = env.str("DJANGO_SESSION_CACHE_DIR", default=str(VAR_DIR / "cache" / "sessions"))
if REDIS_URL:
    CACHES["sessions"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "sessions",
    }
else:
    CACHES["sessions"] = {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(SESSION_CACHE_DIR),
        # A lost entry is read from the database again; the bound keeps the directory small.
        "OPTIONS": {"MAX_ENTRIES": 20_000, "CULL_FREQUENCY": 4},
    }
# Counters of the rate limit of the open data (API and downloads, opendata/throttle.py):
# shared through Redis when it is set, else per worker, so that a flood of API reads
# never costs a database write per request.
if REDIS_URL:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": REDIS_URL,
        "KEY_PREFIX": "ratelimit",
    }
else:
    CACHES["ratelimit"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-ratelimit",
        "OPTIONS": {"MAX_ENTRIES": 50_000},
    }
SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
SESSION_CACHE_ALIAS = "sessions"
# Seconds a rendered fragment of the directory or the networks stays cached. Its key
# carries the content version (core/versions.py), so a change shows at once;
# the timeout only bounds the memory that pages nobody asks for again take up.
PORTAL_FRAGMENT_TIMEOUT = 600

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "integration_portal.User"
# Django's and allauth's backends, reading the account of a session from the ``sessions``
# cache (core/sign_in_cache.py). Sessions signed in with the former paths
# (django.contrib.auth.backends.ModelBackend, allauth.account.auth_backends.…) end once.
AUTHENTICATION_BACKENDS = [
    "core.sign_in_cache.ModelBackend",
    "core.permissions.RolePermissionBackend",
    "core.sign_in_cache.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
        "OPTIONS": {"user_attributes": ("email", "name")},
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
    # "aaaaaaaaaaaa" or "abcdefghijkl" pass Django's own four.
    {
        "NAME": "core.password_validation.CharacterVarietyValidator",
        "OPTIONS": {"min_distinct": 6},
    },
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "workspace"
ACCOUNT_ADAPTER = "core.adapters.PortalAccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_UNIQUE_EMAIL = True
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_PASSWORD_RESET_BY_CODE_ENABLED = False
# Failed sign-ins: five per account (key) in five minutes; per address more, because a
# whole town hall may share one public IP address.
ACCOUNT_RATE_LIMITS = {
    "login": "30/m/ip",
    "login_failed": "20/5m/ip,5/5m/key",
    "reset_password": "5/m/ip,3/5m/key",
    "reset_password_from_key": "20/m/ip",
}
# Behind the reverse proxy of the deployment, the client's address is the last one the
# proxy adds to X-Forwarded-For; without this, every visitor would share the proxy's
# address in the per-address rate limits (sign-in, feedback form).
ALLAUTH_TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)
# allauth's forms with a limit on every text field (integration_portal/forms.py).
ACCOUNT_FORMS = {
    name: f"integration_portal.forms.{form}"
    for name, form in {
        "login": "LoginForm",
        "signup": "SignupForm",
        "add_email": "AddEmailForm",
        "change_email": "ChangeEmailForm",
        "change_password": "ChangePasswordForm",
        "set_password": "SetPasswordForm",
        "reset_password": "ResetPasswordForm",
        "reset_password_from_key": "ResetPasswordKeyForm",
        "user_token": "UserTokenForm",
        "reauthenticate": "AccountReauthenticateForm",
        "confirm_login_code": "ConfirmLoginCodeForm",
    }.items()
}
MFA_ADAPTER = "core.adapters.PortalMFAAdapter"
MFA_FORMS = {
    "authenticate": "integration_portal.forms.AuthenticateForm",
    "reauthenticate": "integration_portal.forms.MfaReauthenticateForm",
    "activate_totp": "integration_portal.forms.ActivateTOTPForm",
}
# Keys that encrypt the secrets of the second factors in the database (comma-separated,
# the first encrypts; README, "Deploy"). Production must set its own, apart from the
# secret key, so that rotating one does not lock everybody out of the other.
MFA_ENCRYPTION_KEYS = env.list("DJANGO_MFA_ENCRYPTION_KEYS", default=[]) or [SECRET_KEY]
if PRODUCTION and not env.list("DJANGO_MFA_ENCRYPTION_KEYS", default=[]):
    raise ImproperlyConfigured(
        "DJANGO_MFA_ENCRYPTION_KEYS must be set (a random value of at least 32 characters) "
        "when DJANGO_ENV=production."
    )
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
# allauth refuses a second factor while an account's address is unverified, against
# strangers who sign up with someone else's address. The portal has no sign-up and
# verifies no address (ACCOUNT_EMAIL_VERIFICATION): administrators create every account,
# and the invitation's link (allauth's password-reset link, whose token records the
# address as unverified) is what proves it. Without this, no invited coordinator,
# editor or administrator could set up the authenticator app their role requires.
MFA_ALLOW_UNVERIFIED_EMAIL = True
MFA_TOTP_ISSUER = "Integrationsportal Kreis Heinsberg"

SESSION_COOKIE_AGE = env.int("DJANGO_SESSION_AGE", default=60 * 60 * 8)
# Activity moves the end of the session (a sliding idle timeout), written at most every
# five minutes by integration_portal.sessions.SessionRefreshMiddleware.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- E-mail -------------------------------------------------------------------
DEFAULT_FROM_EMAIL = env.str("DJANGO_DEFAULT_FROM_EMAIL", default="portal@example.org")
if env.str("EMAIL_HOST", default=""):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = env.str("EMAIL_HOST")
    EMAIL_PORT = env.int("EMAIL_PORT", default=587)
    EMAIL_HOST_USER = env.str("EMAIL_HOST_USER", default="")
    EMAIL_HOST_PASSWORD = env.str("EMAIL_HOST_PASSWORD", default="")
    EMAIL_USE_TLS = env.bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
# The first catalogue wins. locale_overrides/allauth/ gives allauth's German texts in the
# formal "Sie" (allauth's own catalogue says "du"); locale/ is the portal's own catalogue,
# which `make messages` regenerates. The overrides sit one directory deeper so that
# makemessages, which files every source below a catalogue's parent directory into that
# catalogue, never writes the portal's strings into them.
LOCALE_PATHS = [BASE_DIR / "locale_overrides" / "allauth", BASE_DIR / "locale"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

# --- Static files -------------------------------------------------------------
STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "whitenoise.storage.CompressedManifestStaticFilesStorage"
            if PRODUCTION
            else "django.contrib.staticfiles.storage.StaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = not PRODUCTION
# Outside production WhiteNoise looks files up as they are asked for (through the finders),
# so it neither needs nor scans STATIC_ROOT, which only `collectstatic` creates.
WHITENOISE_AUTOREFRESH = not PRODUCTION

# --- Security headers ---------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Everything the portal loads comes from its own origin: no inline scripts or styles
# (a script that needs to be inline gets the per-request nonce, ``{{ CSP_NONCE }}``),
# no plugins, no framing. ``data:`` images are the SVG icons inside the KERN stylesheet
# and the QR code of the authenticator set-up page.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}
# Browser features the portal never uses are switched off for it and anything it embeds.
PERMISSIONS_POLICY = {
    "accelerometer": [],
    "autoplay": [],
    "camera": [],
    "display-capture": [],
    "geolocation": [],
    "gyroscope": [],
    "magnetometer": [],
    "microphone": [],
    "midi": [],
    "payment": [],
    "usb": [],
}
if PRODUCTION:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    LANGUAGE_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env.int("DJANGO_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {
        "handlers": ["console"],
        "level": env.choice(
            "DJANGO_LOG_LEVEL", list(logging.getLevelNamesMapping()), default="WARNING"
        ),
    },
}

# --- Portal -------------------------------------------------------------------
PORTAL_NAME = env.str("PORTAL_NAME", default="Integrationsportal Kreis Heinsberg")
PORTAL_OPERATOR = env.str("PORTAL_OPERATOR", default="Kreis Heinsberg")
PORTAL_CONTACT_EMAIL = env.str("PORTAL_CONTACT_EMAIL", default="integration@example.org")
# allauth's mails name the portal, not the host the request came to (templates/account/email/).
ACCOUNT_EMAIL_SUBJECT_PREFIX = f"[{PORTAL_NAME}] "
# The address of the portal in links printed outside a request (`manage.py portal_user`);
# without it, http://127.0.0.1:$PORT (the address of `make run`).
PORTAL_BASE_URL = env.str("PORTAL_BASE_URL", default="") or (
    f"http://127.0.0.1:{env.int('PORT', default=8000)}"
)
# Days the links of a review reminder ("Stimmt noch", "Ändern") stay valid (stewardship).
PORTAL_REVIEW_LINK_DAYS = env.int("PORTAL_REVIEW_LINK_DAYS", default=14)
# Date of the last review of the accessibility statement (ISO date); shown on /barrierefreiheit/.
PORTAL_ACCESSIBILITY_REVIEWED = env.str("PORTAL_ACCESSIBILITY_REVIEWED", default="2026-11-25")
try:
    datetime.date.fromisoformat(PORTAL_ACCESSIBILITY_REVIEWED)
except ValueError as error:
    raise ImproperlyConfigured(
        f"PORTAL_ACCESSIBILITY_REVIEWED must be a date such as 2026-11-25, "
        f"not {PORTAL_ACCESSIBILITY_REVIEWED!r}."
    ) from error
# Turns on /healthz/ceiling, the fixed-response reference view of `make bench` (docs/performance.md).
PORTAL_BENCH = env.bool("PORTAL_BENCH", default=False)

# --- Open data (opendata/, docs/opendata.md) ----------------------------------------
# The HSDS 3.0 API at /api/hsds/ (Django REST framework, read-only, anonymous), its
# OpenAPI description (drf-spectacular) and the data package at /daten/.
OPEN_DATA_DIR = Path(env.str("PORTAL_OPEN_DATA_DIR", default=str(VAR_DIR / "opendata")))
OPEN_DATA = {
    # The licence of the data (Datenlizenz Deutschland), shown on /daten/ and in DCAT.
    "LICENSE_NAME": env.str(
        "PORTAL_OPEN_DATA_LICENSE_NAME",
        default="Datenlizenz Deutschland – Namensnennung – Version 2.0",
    ),
    "LICENSE_ID": env.str("PORTAL_OPEN_DATA_LICENSE_ID", default="dl-de/by-2-0"),
    "LICENSE_URI": env.str(
        "PORTAL_OPEN_DATA_LICENSE_URI", default="http://dcat-ap.de/def/licenses/dl-by-de/2.0"
    ),
    "LICENSE_TEXT_URL": env.str(
        "PORTAL_OPEN_DATA_LICENSE_TEXT_URL", default="https://www.govdata.de/dl-de/by-2-0"
    ),
    # Publisher and area of the data set (DCAT-AP.de); the area also names the
    # service_area of offers for the whole Kreis.
    "PUBLISHER": PORTAL_OPERATOR,
    "AREA_NAME": env.str("PORTAL_OPEN_DATA_AREA_NAME", default=PORTAL_OPERATOR),
    # The Kreis' official municipality key (Amtlicher Gemeindeschlüssel, Kreis Heinsberg).
    "AREA_KEY": env.str("PORTAL_OPEN_DATA_AREA_KEY", default="05370"),
    "CONTACT_EMAIL": PORTAL_CONTACT_EMAIL,
    # The earliest year the data covers (the history of municipal integration work).
    "TEMPORAL_START": env.str("PORTAL_OPEN_DATA_TEMPORAL_START", default="1970-01-01"),
}
# Requests per client address (IPv6: per /64) to /api/ and the files of /daten/:
# "uses/seconds", comma separated; empty: no limit. Beyond it a 429 with Retry-After.
# Off by default for `make bench`, whose load generator is a single address.
PORTAL_OPEN_DATA_RATE_LIMIT = env.str(
    "PORTAL_OPEN_DATA_RATE_LIMIT", default="" if PORTAL_BENCH else "120/60,3000/3600"
)
_RATE = r"\s*[1-9][0-9]*/[1-9][0-9]*\s*"
if PORTAL_OPEN_DATA_RATE_LIMIT.strip() and not re.fullmatch(
    rf"{_RATE}(,{_RATE})*", PORTAL_OPEN_DATA_RATE_LIMIT
):
    raise ImproperlyConfigured(
        "PORTAL_OPEN_DATA_RATE_LIMIT must be uses/seconds, comma separated, e.g. 120/60,3000/3600."
    )
REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [],
    # Anonymous and read-only: no session, so no CSRF token, and no account is looked up.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "URL_FORMAT_OVERRIDE": None,
    "EXCEPTION_HANDLER": "opendata.api.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "opendata.openapi.HsdsAutoSchema",
}
SPECTACULAR_SETTINGS = {
    "TITLE": f"{PORTAL_NAME}: offene Daten (HSDS 3.0)",
    "DESCRIPTION": (
        "Read-only API of the public directory of the integration network in the format of "
        "Open Referral's Human Services Data Specification (HSDS) 3.0, with the portal's "
        "profile for networks, memberships, coordination links and responsibilities."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/hsds",
    "LICENSE": {"name": OPEN_DATA["LICENSE_NAME"], "url": OPEN_DATA["LICENSE_TEXT_URL"]},
    "CONTACT": {"name": PORTAL_OPERATOR, "email": PORTAL_CONTACT_EMAIL},
    "COMPONENT_SPLIT_REQUEST": False,
    "DISABLE_ERRORS_AND_WARNINGS": True,
    # HSDS's own schemas as components, each endpoint's answer pointing at its object.
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "opendata.openapi.postprocess",
    ],
    "SERVERS": [{"url": PORTAL_BASE_URL}],
}
