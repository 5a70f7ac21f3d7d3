"""Store every account's address in lower case, as sign-in and password reset look it up.

Accounts created with capitals (``portal_user CoordA@example.org``) could never sign in:
allauth lower-cases the typed address and compares exactly. This migration lower-cases
``User.email`` and allauth's ``EmailAddress.email``.

Two accounts whose addresses differ only in case cannot both be lower-cased (the address
is unique). They are left exactly as they are, nothing is merged or deleted, and each
such group is logged as a warning (logger ``core.migrations``) for an
administrator to resolve: keep one account, give the other a different address, run the
migration again (``migrate integration_portal 0003`` then ``migrate``). The same holds
for allauth's address rows.

Reversing keeps the lower-case addresses: the original spelling is not recorded, and
lower case works with every version of the portal.
"""

import logging
from collections import defaultdict

from django.db import migrations

logger = logging.getLogger("core.migrations")


def _lowercase(queryset, *, what: str) -> None:
    """Lower-case ``email`` of each row in ``queryset`` unless another row shares the
    lower-case form; log those groups."""
    groups = defaultdict(list)
    for pk, email in queryset.values_list("pk", "email"):
        groups[email.lower()].append((pk, email))
    for lowered, rows in groups.items():
        mixed = [(pk, email) for pk, email in rows if email != lowered]
        if not mixed:
            continue
        if len(rows) > 1:
            logger.warning(
                "%s: %d entries differ only in case from %s and were left unchanged "
                "(ids %s); resolve them by hand and run this migration again.",
                what,
                len(rows),
                lowered,
                ", ".join(str(pk) for pk, _email in rows),
            )
            continue
        (pk, _email) = mixed[0]
        queryset.filter(pk=pk).update(email=lowered)


def lowercase_addresses(apps, schema_editor):
    db = schema_editor.connection.alias
    User = apps.get_model("integration_portal", "User")
    EmailAddress = apps.get_model("account", "EmailAddress")
    _lowercase(User.objects.using(db), what="Accounts (integration_portal.User)")
    _lowercase(EmailAddress.objects.using(db), what="allauth addresses (account.EmailAddress)")


class Migration(migrations.Migration):
    dependencies = [
        ("integration_portal", "0003_encrypt_authenticator_secrets"),
        ("account", "0009_emailaddress_unique_primary_email"),
    ]

    operations = [migrations.RunPython(lowercase_addresses, migrations.RunPython.noop)]
