"""The end-date rule from the abstract ``TimeBounded`` model; constraint errors at a field.

- Both end-date constraints and the two-actors constraint become ``FieldCheckConstraint``
  (``core.constraints``): the same SQL, the message now at ``until`` or
  ``target``. State only (``AlterConstraint``), no SQL.
- The links' end-date constraint is named per model like the memberships' one
  (``%(app_label)s_%(class)s_until_not_before_since``): renamed from
  ``networks_link_until_not_before_since`` to
  ``networks_coordinationlink_until_not_before_since`` by removing and adding the same
  check (the only SQL of this migration; reversed the same way).
"""

from django.db import migrations, models

import core.constraints

UNTIL_NOT_BEFORE_SINCE = models.Q(
    ("until__isnull", True), ("until__gte", models.F("since")), _connector="OR"
)
MESSAGE = "Das Enddatum darf nicht vor dem Beginn liegen."


class Migration(migrations.Migration):
    dependencies = [
        ("networks", "0003_network_is_demo"),
    ]

    operations = [
        migrations.AlterConstraint(
            model_name="membership",
            name="networks_membership_until_not_before_since",
            constraint=core.constraints.FieldCheckConstraint(
                condition=UNTIL_NOT_BEFORE_SINCE,
                field="until",
                name="networks_membership_until_not_before_since",
                violation_error_message=MESSAGE,
            ),
        ),
        migrations.AlterConstraint(
            model_name="coordinationlink",
            name="networks_link_between_two_actors",
            constraint=core.constraints.FieldCheckConstraint(
                condition=models.Q(("source", models.F("target")), _negated=True),
                field="target",
                name="networks_link_between_two_actors",
                violation_error_message="Eine Verbindung braucht zwei verschiedene Akteure.",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="coordinationlink",
            name="networks_link_until_not_before_since",
        ),
        migrations.AddConstraint(
            model_name="coordinationlink",
            constraint=core.constraints.FieldCheckConstraint(
                condition=UNTIL_NOT_BEFORE_SINCE,
                field="until",
                name="networks_coordinationlink_until_not_before_since",
                violation_error_message=MESSAGE,
            ),
        ),
    ]
