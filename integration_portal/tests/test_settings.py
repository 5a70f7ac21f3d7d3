"""The settings module: production posture and refusal without a real secret key."""

import os
import subprocess
import sys
from pathlib import Path

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
    import inspect

    from integration_portal import settings as portal_settings

    source = inspect.getsource(portal_settings)
    assert ".mkdir(" not in source
    assert "SystemExit" not in source
