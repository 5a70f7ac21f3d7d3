"""The networks of the keynote: the KI with its three fields of work and the KIM with its
building blocks, with plausible memberships among the seeded actors and the links the
keynote implies.

The content is data in ``networks/content/keynote.yaml``: networks with their members,
coordination links, and the note appended to every network's description. It is read
when the seed runs (:func:`keynote`), not at import, and checked against :data:`SHAPE`
and for references (parent networks, the network of a link) before anything is written;
a malformed file raises :class:`~core.seeding.ContentError`. The actors it
names must exist (the actors seed runs first).

The memberships and start dates are an illustrative line-up derived from the keynote
(§ 8 and § 9 TIntG NRW, "Wodurch?" slide, actor lists of section 6), not an official
list of the Kreis; the network descriptions say so.

Seeding is create-only (rules in :mod:`core.seeding`):

- Records: networks by ``slug``. A missing network is created; an existing one keeps
  everything people gave it (an internal network stays internal, an edited description
  stays) and is reported when it differs from the keynote.
- Parts: a network's memberships and its links belong to the network; they have no
  natural key people leave alone (coordinators end memberships, correct start dates,
  change a link's kind), so they are created only with a newly created network and
  never re-synchronised for an existing one. A link outside any network belongs to its
  source actor: it is created only when that actor was created in the same run.
- Reset (``seed_keynote --reset-to-keynote SLUG``): a network's fields, memberships and
  links become the keynote's (memberships and links not in the keynote are deleted,
  recorded in the history); resetting an actor also resets the links outside any network
  that start from it.
"""

from __future__ import annotations

import datetime
import functools
from pathlib import Path
from typing import Any

from django.db import transaction

from actors.models import Actor
from core.seeding import (
    MappingOf,
    OneOf,
    Part,
    SeedRun,
    content_error,
    entry_label,
    read_content,
)
from networks.models import (
    CoordinationLink,
    FieldOfWork,
    LegalBasis,
    LinkKind,
    Membership,
    MembershipRole,
    Network,
    NetworkKind,
    Programme,
)

CONTENT = Path(__file__).resolve().parent / "content" / "keynote.yaml"

SHAPE = {
    "illustrative_note": str,
    "networks": [
        {
            "slug": str,
            "name": str,
            "kind": OneOf.choices(NetworkKind),
            "programme": OneOf.choices(Programme),
            "legal_basis": OneOf.choices(LegalBasis),
            "field_of_work?": OneOf.choices(FieldOfWork, blank=True),
            "parent?": str,
            "lead_actor": str,
            "since": datetime.date,
            "description": str,
            "members": MappingOf(str, OneOf.choices(MembershipRole)),
        }
    ],
    "links": [
        {
            "source": str,
            "kind": OneOf.choices(LinkKind),
            "target": str,
            "network": (str, None),
            "since?": datetime.date,
            "description": str,
        }
    ],
}


def read_keynote(path: Path = CONTENT) -> dict:
    """The networks' content of the data file ``path``, checked.

    Every network carries ``field_of_work`` ("" if none) and ``parent`` (``None`` if
    none); every link carries ``since``: its own outside a network, else its network's.
    """
    data = read_content(path, SHAPE)
    since: dict[str, datetime.date] = {}
    for index, network in enumerate(data["networks"]):
        where = entry_label("networks", index, network)
        if network["slug"] in since:
            raise content_error(path, where, "another network above has this slug")
        network.setdefault("field_of_work", "")
        network.setdefault("parent", None)
        if network["parent"] is not None and network["parent"] not in since:
            raise content_error(path, where, "'parent' is no network above it")
        since[network["slug"]] = network["since"]
    for index, link in enumerate(data["links"]):
        where = entry_label("links", index, link)
        if link["network"] is None:
            if "since" not in link:
                raise content_error(path, where, "a link outside any network needs 'since'")
        elif link["network"] not in since:
            raise content_error(path, where, "'network' names no network of this file")
        else:
            link.setdefault("since", since[link["network"]])
    return data


@functools.cache
def keynote() -> dict:
    """The networks' content of the keynote, read once per process; treat it as read-only."""
    return read_keynote()


def __getattr__(name: str) -> Any:
    # NETWORKS under its former name, read on first access rather than at import.
    if name == "NETWORKS":
        return keynote()["networks"]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def resettable_slugs() -> list[str]:
    """The records ``--reset-to-keynote`` may reset here: the networks."""
    return [spec["slug"] for spec in keynote()["networks"]]


def _actors(content: dict) -> dict[str, Actor]:
    wanted = {slug for spec in content["networks"] for slug in spec["members"]}
    wanted |= {spec["lead_actor"] for spec in content["networks"]}
    wanted |= {link["source"] for link in content["links"]}
    wanted |= {link["target"] for link in content["links"]}
    found = {a.slug: a for a in Actor.objects.filter(slug__in=wanted)}
    missing = sorted(wanted - found.keys())
    if missing:
        raise RuntimeError(
            "networks.seed needs the actors seed first; missing actors: " + ", ".join(missing)
        )
    return found


def _sorted(rows) -> list[tuple]:
    """Rows as a sorted list, comparable whatever mix of dates and ``None`` they hold."""
    return sorted(rows, key=lambda row: tuple("" if value is None else str(value) for value in row))


def _memberships(spec: dict, actors: dict[str, Actor]) -> Part:
    """The network's members: (actor, since) → role, open-ended."""
    roles: dict[str, str] = spec["members"]
    wanted = _sorted((slug, role, spec["since"], None) for slug, role in roles.items())

    def current(network: Network) -> list[tuple]:
        rows = network.memberships.select_related("actor")
        return _sorted((m.actor.slug, m.role, m.since, m.until) for m in rows)

    def sync(run: SeedRun, network: Network) -> None:
        kept: dict[str, Membership] = {}
        stale = []
        for membership in network.memberships.select_related("actor").order_by("pk"):
            slug = membership.actor.slug
            if slug in roles and membership.since == spec["since"] and slug not in kept:
                kept[slug] = membership
            else:
                stale.append(membership)
        # Deleted first: the open membership of an actor must be the only one.
        run.delete(stale)
        for slug, role in roles.items():
            membership = kept.get(slug)
            if membership is None:
                run.create(
                    Membership, network=network, actor=actors[slug], since=spec["since"], role=role
                )
            elif membership.role != role or membership.until is not None:
                membership.role, membership.until = role, None
                run.save(membership)

    return Part(Membership._meta.verbose_name_plural, current, wanted, sync)


def _links(specs: list[dict], actors: dict[str, Actor], lookup: dict) -> Part:
    """Coordination links (source, kind, target) with their start and description.

    ``lookup`` selects the links the part covers: those of one network (the owner), or
    those of one source actor (the owner) outside any network.
    """
    wanted = _sorted(
        (spec["source"], spec["kind"], spec["target"], spec["since"], spec["description"], None)
        for spec in specs
    )

    def rows():
        return CoordinationLink.objects.filter(**lookup).select_related("source", "target")

    def current(_owner) -> list[tuple]:
        return _sorted(
            (
                link.source.slug,
                link.kind,
                link.target.slug,
                link.since,
                link.description,
                link.until,
            )
            for link in rows()
        )

    def sync(run: SeedRun, owner) -> None:
        network = owner if isinstance(owner, Network) else None
        values = {
            (spec["source"], spec["kind"], spec["target"]): {
                "network": network,
                "since": spec["since"],
                "description": spec["description"],
                "until": None,
            }
            for spec in specs
        }
        kept: dict[tuple, CoordinationLink] = {}
        stale = []
        for link in rows().order_by("pk"):
            key = (link.source.slug, link.kind, link.target.slug)
            if key in values and key not in kept:
                kept[key] = link
            else:
                stale.append(link)
        run.delete(stale)
        for (source, kind, target), fields in values.items():
            link = kept.get((source, kind, target))
            if link is None:
                run.create(
                    CoordinationLink,
                    source=actors[source],
                    target=actors[target],
                    kind=kind,
                    **fields,
                )
            elif any(getattr(link, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(link, name, value)
                run.save(link)

    return Part(CoordinationLink._meta.verbose_name_plural, current, wanted, sync)


@transaction.atomic
def load_keynote(run: SeedRun | None = None) -> SeedRun:
    """Create the networks of the keynote that are missing, each with its members and links."""
    run = run or SeedRun()
    content = keynote()
    links = content["links"]
    actors = _actors(content)
    networks: dict[str, Network] = {}
    for spec in content["networks"]:
        slug = spec["slug"]
        network, _created = run.record(
            Network,
            {"slug": slug},
            {
                "name": spec["name"],
                "kind": spec["kind"],
                "programme": spec["programme"],
                "legal_basis": spec["legal_basis"],
                "field_of_work": spec["field_of_work"],
                "parent": networks.get(spec["parent"]) if spec["parent"] else None,
                "lead_actor": actors[spec["lead_actor"]],
                "description": f"{spec['description']}\n\n{content['illustrative_note']}",
                "is_public": True,
            },
            parts=[
                _memberships(spec, actors),
                _links(
                    [link for link in links if link["network"] == slug],
                    actors,
                    {"network__slug": slug},
                ),
            ],
            reset=run.resets(slug),
        )
        networks[slug] = network

    # A link outside any network belongs to its source actor: created with a new actor,
    # reset with it, otherwise reported on it.
    for source in dict.fromkeys(link["source"] for link in links if link["network"] is None):
        run.part_of(
            Actor,
            source,
            actors[source],
            [
                _links(
                    [
                        link
                        for link in links
                        if link["source"] == source and link["network"] is None
                    ],
                    actors,
                    {"source__slug": source, "network__isnull": True},
                )
            ],
            created=run.was_created(Actor, source),
            reset=run.resets(source),
        )
    return run
