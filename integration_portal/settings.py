"""Settings of the integration portal, read from the environment (twelve-factor).

With nothing set, the portal runs for development on an embedded SQLite file under
``var/``. ``DATABASE_URL`` switches to PostgreSQL; ``DJANGO_ENV=production`` turns on
the production posture and refuses to start without a real secret key.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import dj_database_url
from csp.constants import NONCE, NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

DEV_SECRET_KEY = "dev-insecure-only-for-local-development"  # noqa: S105 - refused in production


def env_bool(name: str, default: bool = False) -> bool:
    """Read a yes/no environment variable."""
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    """Read a comma-separated environment variable."""
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DJANGO_ENV = os.environ.get("DJANGO_ENV", "development").strip().lower()
PRODUCTION = DJANGO_ENV == "production"

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "") or DEV_SECRET_KEY
if PRODUCTION and (SECRET_KEY == DEV_SECRET_KEY or len(SECRET_KEY) < 32):
    # manage.py prints this as one line (the operator has a single thing to fix); a WSGI
    # server refuses to load the application.
    raise ImproperlyConfigured(
        "DJANGO_SECRET_KEY must be set to a random value of at least 32 characters when "
        "DJANGO_ENV=production."
    )

DEBUG = env_bool("DJANGO_DEBUG", default=not PRODUCTION)
ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", "" if PRODUCTION else "localhost,127.0.0.1,[::1],testserver"
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

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
    "core",
    "actors",
    "networks",
    "timeline",
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
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{VAR_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
DATABASE_IS_POSTGRES = DATABASES["default"]["ENGINE"].endswith("postgresql")
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite has one writer at a time. A transaction that starts as a reader and then
    # writes is refused at once ("database is locked", a 503) when another writer got
    # there first; BEGIN IMMEDIATE takes the write lock at the start instead, so
    # concurrent saves wait their turn (up to `timeout` seconds) and the later one meets
    # the optimistic locking (networks/services.py). WAL lets readers go on while
    # someone writes; synchronous=NORMAL is safe with WAL and spares an fsync per commit.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        }
    )
# Optional read replica (README, "Performance"): GET requests read from it, everything
# else stays on the primary (integration_portal/db_router.py).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DJANGO_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
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
# - "layout" holds the parts of the page layout that are the same on every page
#   (templates/base.html), per process and never shared: a deployment starts with an
#   empty one, so new static file names and translations show at once.
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
}
if os.environ.get("REDIS_URL"):
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.redis.RedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": "pages",
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "portal-pages",
        # Rendered fragments of 10–20 KB: bounds a worker's cache to some 50 MB.
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
# Seconds a rendered fragment of the directory or the networks stays cached. Its key
# carries the content version (core/versions.py), so a change shows at once;
# the timeout only bounds the memory that pages nobody asks for again take up.
PORTAL_FRAGMENT_TIMEOUT = 600

# --- Accounts -----------------------------------------------------------------
AUTH_USER_MODEL = "integration_portal.User"
AUTHENTICATION_BACKENDS = [
    "django.contrib.auth.backends.ModelBackend",
    "core.permissions.RolePermissionBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
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
LOGIN_REDIRECT_URL = "home"
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
ALLAUTH_TRUSTED_PROXY_COUNT = int(os.environ.get("DJANGO_TRUSTED_PROXY_COUNT", "0"))
ACCOUNT_EMAIL_SUBJECT_PREFIX = "[Integrationsportal] "
MFA_ADAPTER = "core.adapters.PortalMFAAdapter"
# Keys that encrypt the secrets of the second factors in the database (comma-separated,
# the first encrypts; README, "Deploy"). Production must set its own, apart from the
# secret key, so that rotating one does not lock everybody out of the other.
MFA_ENCRYPTION_KEYS = env_list("DJANGO_MFA_ENCRYPTION_KEYS") or [SECRET_KEY]
if PRODUCTION and not env_list("DJANGO_MFA_ENCRYPTION_KEYS"):
    raise ImproperlyConfigured(
        "DJANGO_MFA_ENCRYPTION_KEYS must be set (a random value of at least 32 characters) "
        "when DJANGO_ENV=production."
    )
MFA_SUPPORTED_TYPES = ["totp", "recovery_codes"]
MFA_TOTP_ISSUER = "Integrationsportal Kreis Heinsberg"

SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_AGE", str(60 * 60 * 8)))
# Activity moves the end of the session (a sliding idle timeout), written at most every
# five minutes by integration_portal.sessions.SessionRefreshMiddleware.
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- E-mail -------------------------------------------------------------------
DEFAULT_FROM_EMAIL = os.environ.get("DJANGO_DEFAULT_FROM_EMAIL", "portal@example.org")
if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", default=True)
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"

# --- Internationalisation -------------------------------------------------------
LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
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
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", str(60 * 60 * 24 * 365)))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# --- Logging ------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler", "stream": sys.stderr}},
    "root": {"handlers": ["console"], "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING")},
}

# --- Portal -------------------------------------------------------------------
PORTAL_NAME = os.environ.get("PORTAL_NAME", "Integrationsportal Kreis Heinsberg")
PORTAL_OPERATOR = os.environ.get("PORTAL_OPERATOR", "Kreis Heinsberg")
PORTAL_CONTACT_EMAIL = os.environ.get("PORTAL_CONTACT_EMAIL", "integration@example.org")
# Date of the last review of the accessibility statement (ISO date); shown on /barrierefreiheit/.
PORTAL_ACCESSIBILITY_REVIEWED = os.environ.get("PORTAL_ACCESSIBILITY_REVIEWED", "2026-11-25")
# Turns on /healthz/ceiling, the fixed-response reference view of `make bench` (docs/performance.md).
PORTAL_BENCH = env_bool("PORTAL_BENCH")
