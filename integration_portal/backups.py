"""Backups of the portal's database: PostgreSQL custom-format dumps or, on SQLite, JSON.

``python manage.py backup`` and ``python manage.py restore FILE`` (``make backup``,
``make restore FILE=…``) call these functions. Every table is included, the change
history (django-simple-history) too; only sessions, which are short-lived, are left
out of the SQLite format (a PostgreSQL dump has them).
"""

from __future__ import annotations

import datetime
import os
import shutil

# Bandit B404: subprocess runs pg_dump and pg_restore, with fixed argument lists.
import subprocess  # nosec B404
import tempfile
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.base import CommandError
from django.core.serializers.base import DeserializationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, connections, transaction

from core import history, sign_in_cache, versions

#: First bytes of a pg_dump custom-format archive.
PG_DUMP_MAGIC = b"PGDMP"
#: Rebuilt by ``migrate`` (content types, permissions) or short-lived (sessions).
JSON_EXCLUDED = ["contenttypes", "auth.permission", "sessions"]


class BackupError(Exception):
    """A backup or restore could not be done; the message says why, in one line."""


def _is_postgres(alias: str) -> bool:
    return connections[alias].vendor == "postgresql"


def default_backup_path(alias: str = "default") -> Path:
    stamp = datetime.datetime.now(tz=datetime.UTC).strftime("%Y%m%d-%H%M%S")
    suffix = "dump" if _is_postgres(alias) else "json"
    return settings.VAR_DIR / "backups" / f"portal-{stamp}.{suffix}"


def _pg_env_and_args(alias: str) -> tuple[dict[str, str], list[str]]:
    """Connection settings for the PostgreSQL tools: password in the environment, never argv."""
    db = connections[alias].settings_dict
    env = dict(os.environ)
    for key, value in (
        ("PGHOST", db.get("HOST")),
        ("PGPORT", str(db.get("PORT") or "")),
        ("PGUSER", db.get("USER")),
        ("PGPASSWORD", db.get("PASSWORD")),
    ):
        if value:
            env[key] = value
    return env, ["--dbname", db["NAME"]]


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} wurde nicht gefunden; bitte die PostgreSQL-Client-Programme installieren."
        )
    return path


def _run(argv: list[str], env: dict[str, str]) -> None:
    # Bandit B603: fixed argument list, no shell; only paths and the database name vary.
    result = subprocess.run(argv, env=env, capture_output=True, text=True, check=False)  # noqa: S603  # nosec B603
    if result.returncode != 0:
        raise BackupError(result.stderr.strip() or f"{argv[0]} endete mit {result.returncode}")


def backup_create(*, path: Path | None = None, alias: str = "default") -> Path:
    """Write a complete backup of the database to ``path`` (readable by its owner only)."""
    path = Path(path) if path else default_backup_path(alias)
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Personal data: the file is created readable by its owner only.
    path.touch(mode=0o600, exist_ok=True)
    os.chmod(path, 0o600)
    if _is_postgres(alias):
        env, target = _pg_env_and_args(alias)
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                "--file",
                str(path),
                *target,
            ],
            env,
        )
    else:
        _json_dump(path, alias)
    return path


class _PreciseJSONEncoder(DjangoJSONEncoder):
    """dumpdata's encoder cuts times to milliseconds; a backup keeps them whole."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def _json_dump(path: Path, alias: str) -> None:
    """What ``dumpdata --natural-foreign`` writes, but with exact time stamps."""
    app_list = [(config, None) for config in apps.get_app_configs()]
    excluded = {label for label in JSON_EXCLUDED if "." in label}
    excluded_apps = {label for label in JSON_EXCLUDED if "." not in label}

    def objects():
        for model in serializers.sort_dependencies(app_list, allow_cycles=True):
            meta = model._meta
            if meta.proxy or not meta.managed or meta.app_label in excluded_apps:
                continue
            if meta.label_lower in excluded:
                continue
            yield from model._base_manager.using(alias).order_by(meta.pk.name).iterator()

    with open(path, "w", encoding="utf-8") as stream:
        serializers.serialize(
            "json",
            objects(),
            stream=stream,
            indent=1,
            use_natural_foreign_keys=True,
            cls=_PreciseJSONEncoder,
        )


def backup_format(path: Path) -> str:
    """``postgresql`` for a pg_dump archive, ``json`` for a dumpdata file."""
    with open(path, "rb") as handle:
        head = handle.read(16)
    if head.startswith(PG_DUMP_MAGIC):
        return "postgresql"
    if head.lstrip().startswith(b"["):
        return "json"
    raise BackupError(f"{path} ist keine Sicherung des Portals.")


def backup_restore(*, path: Path, alias: str = "default") -> None:
    """Replace the whole database content with the backup in ``path``, all or nothing."""
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"{path} gibt es nicht.")
    kind = backup_format(path)
    if _is_postgres(alias):
        if kind != "postgresql":
            raise BackupError("Die Datenbank ist PostgreSQL; die Datei ist eine JSON-Sicherung.")
        env, target = _pg_env_and_args(alias)
        connections[alias].close()  # hold no locks on the tables pg_restore replaces
        _run(
            [
                _tool("pg_restore"),
                "--clean",
                "--if-exists",
                "--no-owner",
                "--no-privileges",
                "--single-transaction",
                "--exit-on-error",
                *target,
                str(path),
            ],
            env,
        )
    else:
        if kind != "json":
            raise BackupError("Die Datenbank ist SQLite; die Datei ist eine PostgreSQL-Sicherung.")
        with tempfile.TemporaryDirectory() as tmp:
            # loaddata recognises the format by the file name only.
            fixture = Path(tmp) / "backup.json"
            fixture.symlink_to(path.resolve())
            try:
                with transaction.atomic(using=alias), history.rows_restored():
                    call_command("flush", "--no-input", f"--database={alias}", verbosity=0)
                    call_command("loaddata", str(fixture), f"--database={alias}", verbosity=0)
            except (DeserializationError, DatabaseError, CommandError) as error:
                # The transaction is rolled back: the database is as it was before.
                raise BackupError(f"Die Sicherung ließ sich nicht einlesen: {error}") from error
    # Fragments cached before the restore must not be served for the restored content.
    versions.bump_all(using=alias)
    # Sessions and accounts are read from the restored database again.
    sign_in_cache.clear()
