"""Encrypt the second-factor secrets written before the MFA adapter encrypted them.

TOTP keys (``data["secret"]``) and recovery-code seeds (``data["seed"]``) that are still
plain text get encrypted with ``MFA_ENCRYPTION_KEYS``; encrypted ones are left alone, so
the migration can run on any database. Reversing it writes them back as plain text.
"""

from django.db import migrations

from core.adapters import ENCRYPTED_PREFIX, decrypt_secret, encrypt_secret

SECRET_FIELDS = ("secret", "seed")


def _convert(apps, schema_editor, *, forwards: bool):
    Authenticator = apps.get_model("mfa", "Authenticator")
    db = schema_editor.connection.alias
    for authenticator in Authenticator.objects.using(db).all():
        data = dict(authenticator.data or {})
        changed = False
        for field in SECRET_FIELDS:
            value = data.get(field)
            if not isinstance(value, str):
                continue
            encrypted = value.startswith(ENCRYPTED_PREFIX)
            if forwards and not encrypted:
                data[field], changed = encrypt_secret(value), True
            elif not forwards and encrypted:
                data[field], changed = decrypt_secret(value), True
        if changed:
            authenticator.data = data
            authenticator.save(update_fields=["data"])


def encrypt(apps, schema_editor):
    _convert(apps, schema_editor, forwards=True)


def decrypt(apps, schema_editor):
    _convert(apps, schema_editor, forwards=False)


class Migration(migrations.Migration):
    dependencies = [
        ("integration_portal", "0002_contentversion"),
        ("mfa", "0003_authenticator_type_uniq"),
    ]

    operations = [migrations.RunPython(encrypt, decrypt)]
