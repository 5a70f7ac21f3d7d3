"""Records that point to other records, shown as far as the viewer may see them.

Lists of the portal come from ``visible_to(user)`` querysets, so an anonymous visitor
never gets an internal actor or network as a row. A visible record can still *point*
to an internal one: a public network whose lead actor or parent network is internal, a
public actor whose municipality or parent organisation is internal. ``clean()`` refuses
to set up such a reference (``internal_reference_errors``), but it arises anyway when
the referenced record is made internal later (or from the demo data, written without
``clean()``). So every template and serialiser that shows a related record asks this
module (in templates: the ``visibility`` tag library) instead of reading
``record.related.name``:

- signed-in accounts (``permissions.is_internal``) see every record, with its name and
  a link;
- others see a public record the same way and, for an internal one, either the text
  "nicht öffentlich" (where a field is always shown, such as a network's lead actor:
  "–" would wrongly say there is none) or nothing (where the line is optional anyway,
  such as "Teil von" or a municipality).

Records without an ``is_public`` flag have no internal state and are always shown. The
answer depends only on the record's flag and ``is_internal(user)``, so a fragment cached
per visibility (``user_is_internal`` in its key) is the same for everyone it is served to.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from django.core.exceptions import ObjectDoesNotExist, ValidationError
from django.utils.translation import gettext_lazy as _

from core.permissions import is_internal

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser
    from django.db import models

    from core.models import User

    Viewer = User | AnonymousUser | None

Record = TypeVar("Record")

# Shown instead of an internal record's name to those who may not see it.
NOT_PUBLIC = _("nicht öffentlich")


def is_public(record) -> bool:
    """Whether everyone may see the record (records without a flag are public)."""
    return bool(getattr(record, "is_public", True))


def may_see(user: Viewer, record) -> bool:
    """Whether the viewer may see the record; ``None`` (no record) is never seen."""
    if record is None:
        return False
    return is_public(record) or (user is not None and is_internal(user))


def shown(user: Viewer, record: Record | None) -> Record | None:
    """The record if the viewer may see it, else ``None``: for optional lines."""
    return record if may_see(user, record) else None


def internal_reference_errors(record: models.Model, *fields: str) -> dict[str, ValidationError]:
    """For ``clean()``: the foreign keys by which a save would make a public record point
    to an internal one.

    Refused are a new public record with such a reference, a new such reference and an
    internal record made public with one. A reference that became internal after it
    was set is kept (the record stays editable, and an unchanged row of an exported file
    imports again): the pages hide it, see above. An internal record may point anywhere.
    Reads each referenced record unless loaded, and the stored row only where a field
    points to an internal record.
    """
    if not is_public(record):
        return {}
    internal = []
    for name in fields:
        try:
            related = getattr(record, name)
        except ObjectDoesNotExist:
            continue  # A reference to no record at all: the field's own validation says so.
        if related is not None and not is_public(related):
            internal.append((name, related))
    if not internal:
        return {}
    attnames = {name: record._meta.get_field(name).attname for name, _related in internal}
    stored = (
        type(record)
        ._base_manager.filter(pk=record.pk)
        .values("is_public", *attnames.values())
        .first()
        if record.pk is not None
        else None
    )
    return {
        name: ValidationError(
            _(
                "„%(name)s“ ist nicht öffentlich. Ein öffentlicher Eintrag darf nur auf "
                "öffentliche Einträge verweisen: Machen Sie „%(name)s“ öffentlich, wählen "
                "Sie einen anderen Eintrag oder machen Sie diesen Eintrag nicht öffentlich."
            ),
            code="internal_reference",
            params={"name": str(related)},
        )
        for name, related in internal
        if not (
            stored
            and stored["is_public"]
            and stored[attnames[name]] == getattr(record, attnames[name])
        )
    }
