"""Synthetic demo networks, memberships and coordination links (``seed_demo``).

Built on the regions that ``devdata.demo_actors`` returns: every Kreis or kreisfreie Stadt
gets its KI network with its working groups for the three fields of work, the KIM
building blocks (Lenkungsgruppe, Koordinierende Stelle, Case Management,
Personalstellen der Ausländerbehörde) and local round tables, each drawing its members
from the actors of its own region. Sizes are skewed as in real life: a few large
networks, many small ones. The first region's KI network has exactly 300 current
members (``benchmark_network``). Some memberships and links have ended, so that the
history of a network has something to show.

Deterministic for a given seed; dates count back from the day of generation. Every
network carries ``is_demo``; memberships and links are demo data through their network
or their actors. Written with ``bulk_create`` and without history records.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.text import slugify

from devdata.demo_actors import BATCH_SIZE, Region, raw_delete
from networks.models import (
    RESERVED_SLUGS,
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

Progress = Callable[[str, int, int], None]

BENCHMARK_MEMBERS = 300
BENCHMARK_FORMER = 25

KI_WORKING_GROUPS = (
    (FieldOfWork.EDUCATION, "Arbeitskreis Integration durch Bildung"),
    (FieldOfWork.CROSS_CUTTING, "Arbeitskreis Integration als Querschnittsaufgabe"),
    (FieldOfWork.VOLUNTEERING, "Ehrenamtsnetzwerk"),
)
KIM_BLOCKS = (
    (NetworkKind.COORDINATING_OFFICE, "Koordinierende Stelle KIM", "ki"),
    (NetworkKind.CASE_MANAGEMENT, "Case-Management-Verbund KIM", "kim"),
    (NetworkKind.IMMIGRATION_OFFICE_POSTS, "Personalstellen Ausländerbehörde KIM", "abh"),
)
LOCAL_NETWORKS = (
    (NetworkKind.WORKING_GROUP, "Runder Tisch Integration {place}", ""),
    (NetworkKind.WORKING_GROUP, "Arbeitskreis Sprache und Bildung {place}", ""),
    (NetworkKind.VOLUNTEER_NETWORK, "Ehrenamtsnetzwerk Willkommen {place}", ""),
    (NetworkKind.WORKING_GROUP, "Arbeitskreis Frühe Hilfen {place}", ""),
    (NetworkKind.WORKING_GROUP, "Netzwerk Arbeitsmarktintegration {place}", "jobcenter"),
    (NetworkKind.WORKING_GROUP, "Arbeitskreis Wohnen {place}", ""),
    (NetworkKind.WORKING_GROUP, "Netzwerk gegen Diskriminierung {place}", "integrationsrat"),
    (NetworkKind.WORKING_GROUP, "Arbeitskreis Schule und Zuwanderung {place}", "schulamt"),
    (NetworkKind.WORKING_GROUP, "Fachkreis Gesundheit und Migration {place}", ""),
    (NetworkKind.VOLUNTEER_NETWORK, "Sprachpatenschaften {place}", "vhs"),
    (NetworkKind.WORKING_GROUP, "Arbeitskreis Geflüchtete Frauen {place}", ""),
    (NetworkKind.WORKING_GROUP, "Jugendhilfe und Migration {place}", "jugendamt"),
)
DESCRIPTIONS = {
    NetworkKind.KI_NETWORK: "Netzwerk des Kommunalen Integrationszentrums nach § 8 TIntG NRW.",
    NetworkKind.STEERING_GROUP: "Lenkungsgruppe des Kommunalen Integrationsmanagements "
    "(§ 9 TIntG NRW): steuert die rechtskreisübergreifende Zusammenarbeit.",
    NetworkKind.COORDINATING_OFFICE: "Koordiniert die Bausteine des KIM.",
    NetworkKind.CASE_MANAGEMENT: "Verbund der Case-Management-Stellen: Fallübergaben und "
    "Fallkonferenzen über Rechtskreise hinweg.",
    NetworkKind.IMMIGRATION_OFFICE_POSTS: "Zusätzliche Stellen in der Ausländerbehörde "
    "für die Zusammenarbeit mit dem Case Management.",
    NetworkKind.WORKING_GROUP: "Arbeitskreis der Akteure vor Ort; trifft sich viermal im Jahr.",
    NetworkKind.VOLUNTEER_NETWORK: "Netzwerk der Ehrenamtlichen und der Organisationen, "
    "die sie begleiten.",
}
LINK_KINDS = (
    (LinkKind.COOPERATION, 40),
    (LinkKind.INFORMATION, 25),
    (LinkKind.REFERRAL, 15),
    (LinkKind.CASE_CONFERENCE, 8),
    (LinkKind.FUNDING, 7),
    (LinkKind.STEERING, 5),
)
LINK_DESCRIPTIONS = (
    "",
    "",
    "Regelmäßiger Austausch über offene Fälle.",
    "Gemeinsame Sprechstunde einmal im Monat.",
    "Kooperationsvereinbarung seit Programmbeginn.",
    "Fallübergabe mit Einwilligung der Ratsuchenden.",
)


@dataclass
class _Plan:
    network: Network
    region: Region
    lead: int | None
    parent: Network | None = None
    size: int = 0


def generate(
    *,
    rng: random.Random,
    regions: list[Region],
    networks: int,
    memberships: int,
    links: int,
    progress: Progress,
) -> dict[str, int]:
    """Write about ``networks`` demo networks with their memberships and links."""
    today = timezone.localdate()
    slugs = set(Network.objects.values_list("slug", flat=True)) | set(RESERVED_SLUGS)
    plans = _plan_networks(rng, regions, networks, slugs)
    _size_networks(rng, plans, memberships)
    for start in range(0, len(plans), BATCH_SIZE):
        Network.objects.bulk_create([p.network for p in plans[start : start + BATCH_SIZE]])
    # Parents: the KI working groups belong to the KI network, the KIM blocks to the
    # Lenkungsgruppe; set after the insert, when the parents have their ids.
    children = [p for p in plans if p.parent is not None]
    for plan in children:
        plan.network.parent_id = plan.parent.pk
    Network.objects.bulk_update([p.network for p in children], ["parent"], batch_size=BATCH_SIZE)
    progress("Netzwerke", len(plans), len(plans))
    members = _write_memberships(rng, plans, today, progress, memberships)
    written_links = _write_links(rng, plans, members, regions, today, progress, links)
    return {
        "Netzwerke": len(plans),
        "Mitgliedschaften": Membership.objects.filter(network__is_demo=True).count(),
        "Verbindungen": written_links,
    }


def _slug(name: str, slugs: set[str]) -> str:
    base = slugify(name)[:180].strip("-") or "netzwerk"
    slug, number = base, 1
    while slug in slugs:
        number += 1
        slug = f"{base}-{number}"
    slugs.add(slug)
    return slug


def _plan_networks(
    rng: random.Random, regions: list[Region], total: int, slugs: set[str]
) -> list[_Plan]:
    """The networks of every region: KI, its working groups, KIM, then local round tables."""
    per_region = [total // len(regions) + (i < total % len(regions)) for i in range(len(regions))]
    plans: list[_Plan] = []
    for region, quota in zip(regions, per_region, strict=True):
        region_plans = _RegionPlans(rng, region, quota, slugs)
        r = region.name
        ki = region_plans.add(
            f"KI-Netzwerk {r}",
            NetworkKind.KI_NETWORK,
            Programme.KI,
            LegalBasis.TINTG_8,
            lead="ki",
        )
        for field, name in KI_WORKING_GROUPS:
            region_plans.add(
                f"{name} {r}",
                NetworkKind.WORKING_GROUP,
                Programme.KI,
                LegalBasis.TINTG_8,
                field=field,
                lead="ki",
                parent=ki,
            )
        steering = region_plans.add(
            f"KIM-Lenkungsgruppe {r}",
            NetworkKind.STEERING_GROUP,
            Programme.KIM,
            LegalBasis.TINTG_9,
            lead="ki",
        )
        for kind, name, lead in KIM_BLOCKS:
            region_plans.add(
                f"{name} {r}",
                kind,
                Programme.KIM,
                LegalBasis.TINTG_9,
                lead=lead,
                parent=steering,
                public=kind != NetworkKind.IMMIGRATION_OFFICE_POSTS,
            )
        number = 0
        while not region_plans.full:
            kind, template, lead = LOCAL_NETWORKS[number % len(LOCAL_NETWORKS)]
            place = region.places[(number // len(LOCAL_NETWORKS)) % len(region.places)]
            label = f"{r}-{place}" if region.is_city else place
            round_ = number // (len(LOCAL_NETWORKS) * len(region.places))
            name = template.format(place=label) + (f" ({round_ + 1})" if round_ else "")
            region_plans.add(
                name,
                kind,
                Programme.OTHER,
                LegalBasis.NONE,
                lead=lead,
                public=rng.random() < 0.8,
            )
            number += 1
        plans += region_plans.plans
    return plans


class _RegionPlans:
    """The networks of one region, up to its quota."""

    def __init__(self, rng: random.Random, region: Region, quota: int, slugs: set[str]):
        self.rng, self.region, self.quota, self.slugs = rng, region, quota, slugs
        self.plans: list[_Plan] = []

    @property
    def full(self) -> bool:
        return len(self.plans) >= self.quota

    def add(
        self,
        name: str,
        kind: str,
        programme: str,
        legal_basis: str,
        *,
        field: str = "",
        lead: str = "",
        parent: Network | None = None,
        public: bool = True,
    ) -> Network | None:
        if self.full:
            return None
        network = Network(
            name=name,
            slug=_slug(name, self.slugs),
            kind=kind,
            programme=programme,
            legal_basis=legal_basis,
            field_of_work=field,
            lead_actor_id=self.region.anchors.get(lead),
            description=DESCRIPTIONS[kind],
            internal_note="Demo-Daten." if self.rng.random() < 0.3 else "",
            is_public=public,
            is_demo=True,
        )
        self.plans.append(_Plan(network, self.region, network.lead_actor_id, parent))
        return network


def _size_networks(rng: random.Random, plans: list[_Plan], total: int) -> None:
    """Skewed sizes (a few large networks, many small) that add up to about ``total``.

    A network has at most as many members as its region has actors; what the cap cuts
    off is handed on to the networks below it.
    """
    if not plans:
        return
    plans[0].size = min(len(plans[0].region.actor_ids), BENCHMARK_MEMBERS + BENCHMARK_FORMER)
    rest = plans[1:]
    weights = {id(p): rng.paretovariate(1.6) for p in rest}
    for p in rest:
        p.size = 3
    budget = total - plans[0].size - 3 * len(rest)
    open_plans = [p for p in rest if len(p.region.actor_ids) > p.size]
    for _round in range(10):
        if budget <= 0 or not open_plans:
            break
        scale = budget / sum(weights[id(p)] for p in open_plans)
        for p in open_plans:
            cap = len(p.region.actor_ids)
            extra = min(cap - p.size, round(weights[id(p)] * scale))
            p.size += extra
            budget -= extra
        open_plans = [p for p in open_plans if len(p.region.actor_ids) > p.size]
    for p in rest:
        p.size = min(p.size, len(p.region.actor_ids))


def _write_memberships(
    rng: random.Random,
    plans: list[_Plan],
    today: datetime.date,
    progress: Progress,
    estimate: int,
) -> dict[int, list[int]]:
    """Memberships per network; returns network id → ids of its current members."""
    members: dict[int, list[int]] = {}
    batch: list[Membership] = []
    written = 0
    for index, plan in enumerate(plans):
        network_id = plan.network.pk
        pool = plan.region.actor_ids
        chosen = rng.sample(pool, plan.size)
        if plan.lead and plan.lead not in chosen:
            chosen[0] = plan.lead
        former_count = BENCHMARK_FORMER if index == 0 else round(plan.size * 0.1)
        others = [actor_id for actor_id in chosen if actor_id != plan.lead]
        former = set(others[len(others) - former_count :]) if former_count else set()
        current: list[int] = []
        for position, actor_id in enumerate(chosen):
            since = today - datetime.timedelta(days=rng.randint(60, 365 * 12))
            if actor_id == plan.lead:
                role = MembershipRole.CHAIR
            elif position < 3:
                role = MembershipRole.COORDINATION
            else:
                role = MembershipRole.ADVISORY if rng.random() < 0.1 else MembershipRole.MEMBER
            until = None
            if actor_id in former:
                until = since + datetime.timedelta(days=rng.randint(30, (today - since).days))
            else:
                current.append(actor_id)
            batch.append(
                Membership(
                    network_id=network_id,
                    actor_id=actor_id,
                    role=role,
                    since=since,
                    until=until,
                    note="Vertretung geregelt." if rng.random() < 0.05 else "",
                )
            )
        members[network_id] = current
        if len(batch) >= BATCH_SIZE:
            Membership.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            written += len(batch)
            batch.clear()
            progress("Mitgliedschaften", written, max(estimate, written))
    Membership.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    written += len(batch)
    progress("Mitgliedschaften", written, written)
    return members


def _write_links(
    rng: random.Random,
    plans: list[_Plan],
    members: dict[int, list[int]],
    regions: list[Region],
    today: datetime.date,
    progress: Progress,
    total: int,
) -> int:
    """Links: 60 % between members of one network (in its context), the rest regional."""
    kinds = [kind for kind, _w in LINK_KINDS]
    weights = [w for _k, w in LINK_KINDS]
    seen: set[tuple[int, int, str]] = set()
    batch: list[CoordinationLink] = []
    written = 0

    def add(source: int, target: int, network_id: int | None, kind: str | None = None):
        nonlocal written
        kind = kind or rng.choices(kinds, weights)[0]
        if source == target or (source, target, kind) in seen:
            return
        seen.add((source, target, kind))
        since = today - datetime.timedelta(days=rng.randint(30, 365 * 10))
        until = None
        if rng.random() < 0.08:
            until = since + datetime.timedelta(days=rng.randint(0, (today - since).days))
        batch.append(
            CoordinationLink(
                source_id=source,
                target_id=target,
                kind=kind,
                network_id=network_id,
                since=since,
                until=until,
                description=rng.choice(LINK_DESCRIPTIONS),
            )
        )
        if len(batch) >= BATCH_SIZE:
            CoordinationLink.objects.bulk_create(batch, batch_size=BATCH_SIZE)
            written += len(batch)
            batch.clear()
            progress("Verbindungen", written, max(total, written))

    # The links the keynote names, in every region: ABH → KIM Case Management (case
    # hand-over), ABH ↔ Jobcenter (case conference), KI → VHS (funding).
    for region in regions:
        a = region.anchors
        for source, target, kind in (
            ("abh", "kim", LinkKind.REFERRAL),
            ("kim", "jobcenter", LinkKind.CASE_CONFERENCE),
            ("ki", "vhs", LinkKind.FUNDING),
            ("ki", "kim", LinkKind.STEERING),
        ):
            # Only where a demo actor takes part: links between two keynote actors would
            # outlive `--clear`.
            demo = set(region.actor_ids)
            if source in a and target in a and {a[source], a[target]} & demo:
                add(a[source], a[target], None, kind)
    in_networks = round(total * 0.6)
    member_total = sum(len(m) for m in members.values()) or 1
    for plan in plans:
        current = members[plan.network.pk]
        if len(current) < 2:
            continue
        for _ in range(round(in_networks * len(current) / member_total)):
            source, target = rng.sample(current, 2)
            add(source, target, plan.network.pk)
    populated = [r for r in regions if len(r.actor_ids) >= 2]
    attempts = total * 3
    while populated and len(seen) < total and attempts:
        attempts -= 1
        region = rng.choice(populated)
        source, target = rng.sample(region.actor_ids, 2)
        add(source, target, None)
    CoordinationLink.objects.bulk_create(batch, batch_size=BATCH_SIZE)
    written += len(batch)
    progress("Verbindungen", written, written)
    return written


def benchmark_network() -> Network | None:
    """The demo network with exactly 300 current members (the load test's detail page)."""
    current = Q(memberships__until__isnull=True)
    return (
        Network.objects.filter(is_demo=True)
        .annotate(current_members=Count("memberships", filter=current))
        .filter(current_members=BENCHMARK_MEMBERS)
        .order_by("pk")
        .first()
    )


def clear() -> dict[str, int]:
    """Remove demo networks, and every membership and link that touches demo data."""
    demo_networks = Network.objects.filter(is_demo=True)
    counts = {
        "Verbindungen": raw_delete(
            CoordinationLink.objects.filter(
                Q(network__is_demo=True) | Q(source__is_demo=True) | Q(target__is_demo=True)
            )
        ),
        "Mitgliedschaften": raw_delete(
            Membership.objects.filter(Q(network__is_demo=True) | Q(actor__is_demo=True))
        ),
    }
    Network.coordinators.through.objects.filter(network__in=demo_networks).delete()
    demo_networks.update(parent=None)
    Network.objects.exclude(is_demo=True).filter(parent__is_demo=True).update(parent=None)
    # Lead actors are PROTECT: a real network led by a demo actor keeps no lead.
    Network.objects.filter(lead_actor__is_demo=True).update(lead_actor=None)
    counts["Netzwerke"] = raw_delete(Network.objects.filter(is_demo=True))
    return counts
