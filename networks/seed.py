"""The networks of the keynote: the KI with its three fields of work and the KIM with its
building blocks, with plausible memberships among the seeded actors and the links the
keynote implies.

The memberships and start dates are an illustrative line-up derived from the keynote
(§ 8 and § 9 TIntG NRW, "Wodurch?" slide, actor lists of section 6), not an official
list of the Kreis; the network descriptions say so. Idempotent: networks are matched
by slug, memberships by network, actor and start, links by their two actors, kind and
network. Rows are only saved when something changed, so a second run writes no history.
"""

from __future__ import annotations

import datetime

from actors.models import Actor
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

CHAIR, COORD, MEMBER, ADVISORY = (
    MembershipRole.CHAIR,
    MembershipRole.COORDINATION,
    MembershipRole.MEMBER,
    MembershipRole.ADVISORY,
)

# KIs were set up after the TIntG NRW of 2012; the KIM programme started in 2021.
KI_SINCE = datetime.date(2013, 1, 1)
KIM_SINCE = datetime.date(2021, 1, 1)

ILLUSTRATIVE = (
    "Die Besetzung ist eine beispielhafte Zusammenstellung auf Grundlage der Keynote "
    "„Entwicklung der Integrationsarbeit in den Kommunen“ (19.09.2024), keine amtliche Liste."
)

MUNICIPALITIES = [
    "stadt-erkelenz",
    "stadt-geilenkirchen",
    "stadt-heinsberg",
    "stadt-hueckelhoven",
    "stadt-uebach-palenberg",
    "stadt-wassenberg",
    "stadt-wegberg",
    "gemeinde-gangelt",
    "gemeinde-selfkant",
    "gemeinde-waldfeucht",
]
WELFARE = ["caritas-heinsberg", "diakonie-heinsberg", "awo-heinsberg"]

NETWORKS: list[dict] = [
    {
        "slug": "ki-netzwerk-kreis-heinsberg",
        "name": "Netzwerk des Kommunalen Integrationszentrums Kreis Heinsberg",
        "kind": NetworkKind.KI_NETWORK,
        "programme": Programme.KI,
        "legal_basis": LegalBasis.TINTG_8,
        "field_of_work": "",
        "parent": None,
        "since": KI_SINCE,
        "description": (
            "Das Kommunale Integrationszentrum (KI) des Kreises arbeitet nach § 8 TIntG NRW "
            "in drei Handlungsfeldern: Integration durch Bildung, Integration als "
            "Querschnittsaufgabe und Koordination des Ehrenamts – im Einvernehmen mit den "
            "kreisangehörigen Städten und Gemeinden und in Abstimmung mit den freien Trägern."
        ),
        "members": [
            ("kreis-heinsberg", CHAIR),
            ("ki-kreis-heinsberg", COORD),
            *[(slug, MEMBER) for slug in MUNICIPALITIES],
            *[(slug, MEMBER) for slug in WELFARE],
            ("kreistag-heinsberg", ADVISORY),
        ],
    },
    {
        "slug": "ki-integration-durch-bildung",
        "name": "Arbeitskreis Integration durch Bildung",
        "kind": NetworkKind.WORKING_GROUP,
        "programme": Programme.KI,
        "legal_basis": LegalBasis.TINTG_8,
        "field_of_work": FieldOfWork.EDUCATION,
        "parent": "ki-netzwerk-kreis-heinsberg",
        "since": KI_SINCE,
        "description": (
            "Angebote im Elementarbereich, in der Schule und beim Übergang von der Schule in "
            "den Beruf, in Zusammenarbeit mit der unteren Schulaufsichtsbehörde "
            "(§ 8 Abs. 1 Nr. 1 TIntG NRW)."
        ),
        "members": [
            ("ki-kreis-heinsberg", COORD),
            ("schulamt-kreis-heinsberg", MEMBER),
            ("jugendamt-kreis-heinsberg", MEMBER),
            ("vhs-kreis-heinsberg", MEMBER),
            ("jmd-heinsberg", MEMBER),
            ("ihk-aachen", ADVISORY),
            ("jobcenter-kreis-heinsberg", ADVISORY),
        ],
    },
    {
        "slug": "ki-integration-als-querschnittsaufgabe",
        "name": "Netzwerk Integration als Querschnittsaufgabe",
        "kind": NetworkKind.KI_NETWORK,
        "programme": Programme.KI,
        "legal_basis": LegalBasis.TINTG_8,
        "field_of_work": FieldOfWork.CROSS_CUTTING,
        "parent": "ki-netzwerk-kreis-heinsberg",
        "since": KI_SINCE,
        "description": (
            "Koordination der Aktivitäten und Angebote der kommunalen Ämter und Einrichtungen "
            "sowie der freien Träger zu Integration und Zusammenleben in Vielfalt "
            "(§ 8 Abs. 1 Nr. 2 TIntG NRW)."
        ),
        "members": [
            ("ki-kreis-heinsberg", COORD),
            ("sozialamt-kreis-heinsberg", MEMBER),
            ("jugendamt-kreis-heinsberg", MEMBER),
            ("jobcenter-kreis-heinsberg", MEMBER),
            ("abh-kreis-heinsberg", MEMBER),
            *[(slug, MEMBER) for slug in WELFARE],
            ("mbe-heinsberg", MEMBER),
            ("jmd-heinsberg", MEMBER),
            ("vhs-kreis-heinsberg", MEMBER),
            ("polizei-heinsberg", ADVISORY),
        ],
    },
    {
        "slug": "ki-ehrenamtsnetzwerk",
        "name": "Ehrenamtsnetzwerk Integration",
        "kind": NetworkKind.VOLUNTEER_NETWORK,
        "programme": Programme.KI,
        "legal_basis": LegalBasis.TINTG_8,
        "field_of_work": FieldOfWork.VOLUNTEERING,
        "parent": "ki-netzwerk-kreis-heinsberg",
        "since": KI_SINCE,
        "description": (
            "Koordination und Unterstützung der ehrenamtlichen Angebote in den Kommunen, "
            "insbesondere für geflüchtete Menschen und weitere Neueingewanderte "
            "(§ 8 Abs. 1 Nr. 3 TIntG NRW)."
        ),
        "members": [
            ("ki-kreis-heinsberg", COORD),
            *[(slug, MEMBER) for slug in WELFARE],
            *[(slug, MEMBER) for slug in MUNICIPALITIES],
        ],
    },
    {
        "slug": "kim-lenkungsgruppe",
        "name": "KIM-Lenkungsgruppe Kreis Heinsberg",
        "kind": NetworkKind.STEERING_GROUP,
        "programme": Programme.KIM,
        "legal_basis": LegalBasis.TINTG_9,
        "field_of_work": "",
        "parent": None,
        "since": KIM_SINCE,
        "description": (
            "Die Lenkungsgruppe steuert das Kommunale Integrationsmanagement: integrierte, "
            "rechtskreisübergreifende Steuerung der örtlichen Migrations- und "
            "Integrationsprozesse (§ 9 TIntG NRW)."
        ),
        "members": [
            ("kreis-heinsberg", CHAIR),
            ("ki-kreis-heinsberg", COORD),
            ("abh-kreis-heinsberg", MEMBER),
            ("ebh-kreis-heinsberg", MEMBER),
            ("jobcenter-kreis-heinsberg", MEMBER),
            ("sozialamt-kreis-heinsberg", MEMBER),
            ("jugendamt-kreis-heinsberg", MEMBER),
            ("kim-case-management-kreis-heinsberg", MEMBER),
            ("bamf-regionalstelle", ADVISORY),
            *[(slug, ADVISORY) for slug in WELFARE],
        ],
    },
    {
        "slug": "kim-koordinierende-stelle",
        "name": "KIM – Koordinierende Stelle",
        "kind": NetworkKind.COORDINATING_OFFICE,
        "programme": Programme.KIM,
        "legal_basis": LegalBasis.TINTG_9,
        "field_of_work": "",
        "parent": None,
        "since": KIM_SINCE,
        "description": (
            "Die Koordinierende Stelle bündelt die Zusammenarbeit der Ämter und Träger und "
            "bereitet die Arbeit der Lenkungsgruppe vor."
        ),
        "members": [
            ("ki-kreis-heinsberg", COORD),
            ("kim-case-management-kreis-heinsberg", MEMBER),
            ("abh-kreis-heinsberg", MEMBER),
        ],
    },
    {
        "slug": "kim-case-management",
        "name": "KIM Case-Management-Verbund",
        "kind": NetworkKind.CASE_MANAGEMENT,
        "programme": Programme.KIM,
        "legal_basis": LegalBasis.TINTG_9,
        "field_of_work": "",
        "parent": None,
        "since": KIM_SINCE,
        "description": (
            "KIM Case Management als Ergänzung zu bestehenden Case-Management-Ansätzen vor "
            "Ort: individuelle und lebenslagenbezogene Beratung, insbesondere für "
            "geflüchtete, geduldete und andere neu eingewanderte Menschen."
        ),
        "members": [
            ("kim-case-management-kreis-heinsberg", COORD),
            ("abh-kreis-heinsberg", MEMBER),
            ("jobcenter-kreis-heinsberg", MEMBER),
            ("sozialamt-kreis-heinsberg", MEMBER),
            ("jugendamt-kreis-heinsberg", MEMBER),
            ("mbe-heinsberg", MEMBER),
            ("jmd-heinsberg", MEMBER),
            *[(slug, MEMBER) for slug in WELFARE],
        ],
    },
    {
        "slug": "kim-personalstellen-auslaenderbehoerde",
        "name": "KIM – Personalstellen bei der Ausländerbehörde",
        "kind": NetworkKind.IMMIGRATION_OFFICE_POSTS,
        "programme": Programme.KIM,
        "legal_basis": LegalBasis.TINTG_9,
        "field_of_work": "",
        "parent": None,
        "since": KIM_SINCE,
        "description": (
            "Über KIM geförderte Personalstellen bei der Ausländerbehörde verbinden den "
            "ordnungsrechtlichen Migrationsbereich mit dem Integrationsbereich."
        ),
        "members": [
            ("abh-kreis-heinsberg", CHAIR),
            ("ki-kreis-heinsberg", COORD),
            ("kim-case-management-kreis-heinsberg", MEMBER),
            ("ebh-kreis-heinsberg", ADVISORY),
        ],
    },
]

# (source, kind, target, network slug or None, description)
LINKS: list[tuple[str, str, str, str | None, str]] = [
    (
        "abh-kreis-heinsberg",
        LinkKind.REFERRAL,
        "kim-case-management-kreis-heinsberg",
        "kim-case-management",
        "Die Ausländerbehörde verweist Neuzugewanderte mit Unterstützungsbedarf an das "
        "KIM Case Management und übergibt den Fall.",
    ),
    *[
        (
            "kim-case-management-kreis-heinsberg",
            LinkKind.CASE_CONFERENCE,
            partner,
            "kim-case-management",
            "Rechtskreisübergreifende Fallkonferenz (z. B. AufenthG, SGB II, SGB VIII, "
            "SGB XII/AsylbLG).",
        )
        for partner in (
            "jobcenter-kreis-heinsberg",
            "jugendamt-kreis-heinsberg",
            "sozialamt-kreis-heinsberg",
        )
    ],
    (
        "kim-case-management-kreis-heinsberg",
        LinkKind.COOPERATION,
        "mbe-heinsberg",
        "kim-case-management",
        "KIM Case Management ergänzt die bestehende Migrationsberatung.",
    ),
    (
        "kim-case-management-kreis-heinsberg",
        LinkKind.COOPERATION,
        "jmd-heinsberg",
        "kim-case-management",
        "KIM Case Management ergänzt die Beratung der Jugendmigrationsdienste.",
    ),
    (
        "kreis-heinsberg",
        LinkKind.STEERING,
        "ki-kreis-heinsberg",
        "kim-lenkungsgruppe",
        "Der Kreis steuert das KIM über die Lenkungsgruppe; das KI ist federführend.",
    ),
    (
        "ki-kreis-heinsberg",
        LinkKind.STEERING,
        "kim-case-management-kreis-heinsberg",
        "kim-koordinierende-stelle",
        "Die Koordinierende Stelle im KI steuert das KIM Case Management.",
    ),
    (
        "abh-kreis-heinsberg",
        LinkKind.INFORMATION,
        "ki-kreis-heinsberg",
        "kim-personalstellen-auslaenderbehoerde",
        "Migration und Integration zusammendenken: Austausch zwischen Ausländerbehörde "
        "und Integrationszentrum.",
    ),
    (
        "ki-kreis-heinsberg",
        LinkKind.COOPERATION,
        "schulamt-kreis-heinsberg",
        "ki-integration-durch-bildung",
        "Zusammenarbeit mit der unteren Schulaufsichtsbehörde (§ 8 Abs. 1 Nr. 1 TIntG NRW).",
    ),
    *[
        (
            "ki-kreis-heinsberg",
            LinkKind.COOPERATION,
            welfare,
            "ki-integration-als-querschnittsaufgabe",
            "Zusammenarbeit und Abstimmung mit den freien Trägern (§ 8 Abs. 1 TIntG NRW).",
        )
        for welfare in WELFARE
    ],
    *[
        (
            "ki-kreis-heinsberg",
            LinkKind.INFORMATION,
            welfare,
            "ki-ehrenamtsnetzwerk",
            "Koordination der ehrenamtlichen Angebote (§ 8 Abs. 1 Nr. 3 TIntG NRW).",
        )
        for welfare in WELFARE
    ],
    (
        "bamf-regionalstelle",
        LinkKind.FUNDING,
        "mbe-heinsberg",
        None,
        "Die Migrationsberatung für erwachsene Zuwanderer wird aus Bundesmitteln über das "
        "BAMF gefördert.",
    ),
]

REASON = "Keynote-Inhalte geladen"


def _upsert(model, lookup: dict, values: dict):
    """Create or update without saving (and writing history) when nothing changed."""
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        obj._change_reason = REASON
        obj.save()
        return obj, True
    changed = False
    for name, value in values.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    if changed:
        obj._change_reason = REASON
        obj.save()
    return obj, False


def _actors() -> dict[str, Actor]:
    wanted = {slug for spec in NETWORKS for slug, _ in spec["members"]}
    wanted |= {link[0] for link in LINKS} | {link[2] for link in LINKS}
    found = {a.slug: a for a in Actor.objects.filter(slug__in=wanted)}
    missing = sorted(wanted - found.keys())
    if missing:
        raise RuntimeError(
            "networks.seed needs the actors seed first; missing actors: " + ", ".join(missing)
        )
    return found


def load_keynote() -> dict[str, int]:
    actors = _actors()
    networks: dict[str, Network] = {}
    memberships = 0
    for spec in NETWORKS:
        network, _ = _upsert(
            Network,
            {"slug": spec["slug"]},
            {
                "name": spec["name"],
                "kind": spec["kind"],
                "programme": spec["programme"],
                "legal_basis": spec["legal_basis"],
                "field_of_work": spec["field_of_work"],
                "parent": networks.get(spec["parent"]) if spec["parent"] else None,
                "lead_actor": actors.get("ki-kreis-heinsberg"),
                "description": f"{spec['description']}\n\n{ILLUSTRATIVE}",
                "is_public": True,
            },
        )
        networks[spec["slug"]] = network
        for slug, role in spec["members"]:
            _upsert(
                Membership,
                {"network": network, "actor": actors[slug], "since": spec["since"]},
                {"role": role},
            )
            memberships += 1
    for source, kind, target, network_slug, description in LINKS:
        network = networks[network_slug] if network_slug else None
        _upsert(
            CoordinationLink,
            {"source": actors[source], "target": actors[target], "kind": kind, "network": network},
            {
                "since": KIM_SINCE if network and network.programme == Programme.KIM else KI_SINCE,
                "description": description,
            },
        )
    return {"networks": len(networks), "memberships": memberships, "links": len(LINKS)}
