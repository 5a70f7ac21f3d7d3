"""The settings module: production posture, refusal without a real secret key, and the
environment reader (names, defaults and meanings of the variables; refusal of bad values)."""

import inspect
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from integration_portal import settings as portal_settings
from integration_portal.settings import PortalEnv

BASE_DIR = Path(__file__).resolve().parents[2]


def _manage(*args, **env):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    full_env.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_secret_key():
    result = _manage("check", DJANGO_ENV="production", DJANGO_ALLOWED_HOSTS="portal.example.org")
    assert result.returncode == 2
    assert "DJANGO_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_production_refuses_the_development_secret_key():
    result = _manage(
        "check",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="dev-insecure-only-for-local-development",
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 2
    assert "DJANGO_SECRET_KEY" in result.stderr


def test_check_deploy_in_production_mode_prints_no_warning():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="x7!" + "k" * 40 + "Q9#zR2$wLm",
        DJANGO_MFA_ENCRYPTION_KEYS="m" * 40,
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNING" not in result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_development_defaults_use_sqlite_under_var(settings):
    if os.environ.get("DATABASE_URL"):
        assert settings.DATABASES["default"]["ENGINE"].endswith("postgresql")
    else:
        assert settings.DATABASES["default"]["ENGINE"].endswith("sqlite3")
    assert settings.LANGUAGE_CODE == "de"


def test_production_refuses_to_start_without_keys_for_the_second_factor_secrets():
    result = _manage(
        "check",
        DJANGO_ENV="production",
        DJANGO_SECRET_KEY="x7!" + "k" * 40 + "Q9#zR2$wLm",
        DJANGO_ALLOWED_HOSTS="portal.example.org",
    )
    assert result.returncode == 2
    assert "DJANGO_MFA_ENCRYPTION_KEYS" in result.stderr
    assert "Traceback" not in result.stderr


def test_reading_the_settings_creates_no_directories_and_never_exits():
    """Settings describe; `make` and the commands create what they need (`make migrate`
    creates var/, collectstatic creates staticfiles/)."""
    source = inspect.getsource(portal_settings)
    assert ".mkdir(" not in source
    assert "SystemExit" not in source


# --- The environment reader (django-environ, integration_portal.settings.PortalEnv) -----

# Every variable the portal reads, so that a test's process sees only what it sets.
_PORTAL_PREFIXES = ("DJANGO_", "DATABASE_", "REDIS_", "EMAIL_", "PORTAL_")


def _reader(**values):
    reader = PortalEnv()
    reader.ENVIRON = values
    return reader


def _settings_of(*names, **env):
    """The named settings as a fresh process reads them from exactly ``env``."""
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(_PORTAL_PREFIXES)}
    full_env.update(env, DJANGO_SETTINGS_MODULE="integration_portal.settings")
    code = (
        "import json; from django.conf import settings as s; "
        f"print(json.dumps({{n: getattr(s, n, None) for n in {list(names)!r}}}, default=str))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=BASE_DIR,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


SQLITE_OPTIONS = {
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
    "init_command": "PRAGMA synchronous=NORMAL;",
}
CONNECTION = {"CONN_MAX_AGE": 60, "CONN_HEALTH_CHECKS": True, "DISABLE_SERVER_SIDE_CURSORS": False}
NO_SERVER = {"USER": "", "PASSWORD": "", "HOST": "", "PORT": ""}

# What the settings made of these URLs with dj-database-url, before django-environ took
# over; recorded from that code and kept here so that the switch changes none of them.
DATABASE_URLS = {
    "postgres://user:p%40ss@db.example.org:5433/portal": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        "USER": "user",
        "PASSWORD": "p@ss",
        "HOST": "db.example.org",
        "PORT": 5433,
        **CONNECTION,
    },
    "postgresql://postgres@127.0.0.1/portal_settings": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal_settings",
        "USER": "postgres",
        "PASSWORD": "",
        "HOST": "127.0.0.1",
        "PORT": "",
        **CONNECTION,
    },
    "postgres://u:pw@h/db?sslmode=require&connect_timeout=5": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "db",
        "USER": "u",
        "PASSWORD": "pw",
        "HOST": "h",
        "PORT": "",
        "OPTIONS": {"sslmode": "require", "connect_timeout": 5},
        **CONNECTION,
    },
    "postgres://%2Fvar%2Frun%2Fpostgresql/portal": {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": "portal",
        **NO_SERVER,
        "HOST": "/var/run/postgresql",
        **CONNECTION,
    },
    "sqlite:////srv/portal/portal.sqlite3": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "/srv/portal/portal.sqlite3",
        **NO_SERVER,
        "OPTIONS": SQLITE_OPTIONS,
        **CONNECTION,
    },
    "sqlite:///var/other.sqlite3": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": "var/other.sqlite3",
        **NO_SERVER,
        "OPTIONS": SQLITE_OPTIONS,
        **CONNECTION,
    },
}


@pytest.mark.parametrize("url", list(DATABASE_URLS))
def test_a_database_url_gives_the_same_settings_as_before(url):
    assert _settings_of("DATABASES", DATABASE_URL=url)["DATABASES"] == {
        "default": DATABASE_URLS[url]
    }


def test_without_database_url_the_database_is_sqlite_under_var_with_its_options():
    databases = _settings_of("DATABASES")["DATABASES"]
    assert databases == {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(BASE_DIR / "var" / "db.sqlite3"),
            **NO_SERVER,
            "OPTIONS": SQLITE_OPTIONS,
            **CONNECTION,
        }
    }


def test_the_replica_and_the_primary_share_the_connection_age():
    databases = _settings_of(
        "DATABASES",
        DATABASE_URL="postgres://portal@primary.example.org:5432/portal",
        DATABASE_REPLICA_URL="postgres://reader@replica.example.org/p",
        DJANGO_CONN_MAX_AGE="30",
    )["DATABASES"]
    assert databases["default"]["CONN_MAX_AGE"] == 30
    assert databases["replica"] == {
        # Falls back to the primary while the replica cannot be reached (db_backends).
        "ENGINE": "integration_portal.db_backends.replica",
        "NAME": "p",
        "USER": "reader",
        "PASSWORD": "",
        "HOST": "replica.example.org",
        "PORT": "",
        **CONNECTION,
        "CONN_MAX_AGE": 30,
        "OPTIONS": {"connect_timeout": 3},
        "TEST": {"MIRROR": "default"},
    }


def test_a_replica_that_is_not_postgresql_stops_the_start():
    result = _manage(
        "check",
        DATABASE_URL="postgres://portal@primary.example.org:5432/portal",
        DATABASE_REPLICA_URL="sqlite:////tmp/replica.sqlite3",
    )
    assert result.returncode != 0
    assert "DATABASE_REPLICA_URL must be a PostgreSQL database URL." in result.stderr


def test_a_plus_sign_in_a_database_path_stays_a_plus_sign():
    config = _reader(URL="sqlite:////srv/c++/db.sqlite3?x=a+b").database("URL", conn_max_age=0)
    assert config["NAME"] == "/srv/c++/db.sqlite3"
    assert config["OPTIONS"] == {"x": "a b"}


@pytest.mark.parametrize("url", ["", "localhost:5432/portal", "postgres://u:secret@h:port/db"])
def test_a_broken_database_url_is_refused_without_repeating_it(url):
    with pytest.raises(ImproperlyConfigured, match="^DATABASE_URL ") as refused:
        _reader(DATABASE_URL=url).database("DATABASE_URL", conn_max_age=0)
    assert "secret" not in str(refused.value)


def test_an_invalid_number_stops_the_start_with_one_line_naming_the_variable():
    result = _manage("check", DJANGO_SESSION_AGE="8h")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        "Refusing to start: DJANGO_SESSION_AGE='8h' is not valid: expected a whole number."
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("DJANGO_CONN_MAX_AGE", "abc"),
        ("DJANGO_CONN_MAX_AGE", ""),
        ("DJANGO_TRUSTED_PROXY_COUNT", "one"),
        ("DJANGO_TRUSTED_PROXY_COUNT", "-1"),
        ("EMAIL_PORT", "smtp"),
        ("DJANGO_HSTS_SECONDS", "1.5"),
    ],
)
def test_a_number_that_is_no_whole_number_of_zero_or_more_is_refused(name, value):
    with pytest.raises(ImproperlyConfigured, match=f"^{name}="):
        _reader(**{name: value}).int(name, default=0)


def test_numbers_are_read_with_their_defaults():
    reader = _reader(DJANGO_SESSION_AGE=" 3600 ")
    assert reader.int("DJANGO_SESSION_AGE", default=28800) == 3600
    assert reader.int("DJANGO_TRUSTED_PROXY_COUNT", default=0) == 0


@pytest.mark.parametrize("word", ["1", "true", "TRUE", " Yes ", "on"])
def test_yes_words(word):
    assert _reader(DJANGO_DEBUG=word).bool("DJANGO_DEBUG", default=False) is True


@pytest.mark.parametrize("word", ["0", "false", "False", "no", " OFF ", ""])
def test_no_words(word):
    assert _reader(DJANGO_DEBUG=word).bool("DJANGO_DEBUG", default=True) is False


def test_an_unset_yes_no_variable_takes_its_default():
    assert _reader().bool("DJANGO_DEBUG", default=True) is True
    assert _reader().bool("PORTAL_BENCH", default=False) is False


@pytest.mark.parametrize("word", ["maybe", "y", "ok", "2", "enabled"])
def test_any_other_word_for_yes_or_no_is_refused(word):
    """django-environ alone would take "y", "ok" and "2" as yes and any other word as no:
    DJANGO_DEBUG=y would switch debugging on in production."""
    with pytest.raises(ImproperlyConfigured, match="^DJANGO_DEBUG="):
        _reader(DJANGO_DEBUG=word).bool("DJANGO_DEBUG", default=False)


def test_yes_no_settings_in_a_fresh_process():
    read = _settings_of(
        "DEBUG",
        "PORTAL_BENCH",
        "EMAIL_USE_TLS",
        DJANGO_DEBUG="0",
        PORTAL_BENCH=" Yes ",
        EMAIL_HOST="smtp.example.org",
        EMAIL_USE_TLS="false",
    )
    assert read == {"DEBUG": False, "PORTAL_BENCH": True, "EMAIL_USE_TLS": False}


def test_values_are_taken_as_written():
    """django-environ reads "$NAME" as a reference to another variable; a secret key may
    begin with "$"."""
    reader = _reader(DJANGO_SECRET_KEY="$HOME-and-more")
    assert reader.str("DJANGO_SECRET_KEY", default="") == "$HOME-and-more"


def test_lists_drop_blanks_and_empty_items():
    reader = _reader(DJANGO_ALLOWED_HOSTS=" a.example.org , b.example.org,, ")
    assert reader.list("DJANGO_ALLOWED_HOSTS", default=[]) == ["a.example.org", "b.example.org"]
    assert _reader(DJANGO_ALLOWED_HOSTS="").list("DJANGO_ALLOWED_HOSTS", default=["x"]) == []
    assert _reader().list("DJANGO_ALLOWED_HOSTS", default=["x"]) == ["x"]


def test_an_unknown_django_env_is_refused():
    result = _manage("check", DJANGO_ENV="staging")
    assert result.returncode == 2
    assert "DJANGO_ENV" in result.stderr
    assert "Traceback" not in result.stderr
    production = _reader(DJANGO_ENV=" Production ").choice(
        "DJANGO_ENV", ["development", "production"], default="development"
    )
    assert production == "production"
