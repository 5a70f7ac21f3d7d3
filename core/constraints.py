"""Database constraints whose message belongs to one field of a form.

Django 5.2 validates a model's constraints in ``full_clean()`` (and so in every
ModelForm and the admin), but reports a violated ``CheckConstraint`` as an error of the
whole form. ``FieldCheckConstraint`` reports it at the field the user has to correct
(the end date, the second actor), so a rule stated once in the database shows up where
a form's field error belongs.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import DEFAULT_DB_ALIAS, models


class FieldCheckConstraint(models.CheckConstraint):
    """A ``CheckConstraint`` whose violation is an error of ``field``.

    ``field`` changes no SQL: altering it is a state-only migration
    (``AlterConstraint``), like the message.
    """

    non_db_attrs = (*models.CheckConstraint.non_db_attrs, "field")

    def __init__(self, *, field: str, **kwargs):
        super().__init__(**kwargs)
        self.field = field

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        try:
            super().validate(model, instance, exclude=exclude, using=using)
        except ValidationError as error:
            raise ValidationError({self.field: error}) from None

    def deconstruct(self):
        path, args, kwargs = super().deconstruct()
        kwargs["field"] = self.field
        return path, args, kwargs

    def __eq__(self, other):
        # Unequal to a plain CheckConstraint, so the migration state records the field.
        return super().__eq__(other) and getattr(other, "field", None) == self.field

    __hash__ = None

    def __repr__(self):
        return f"{super().__repr__()[:-1]} field={self.field!r}>"
