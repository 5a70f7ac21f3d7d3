"""The taxonomies of the open data: the portal's fixed vocabularies (levels, kinds,
sectors, policy dimensions) and its lookup tables (topics, target groups, languages,
the task catalogue), as HSDS ``taxonomy`` and ``taxonomy_term``.

Term codes are the German codes of the portal's URLs and CSV files (``actors/codes.py``:
``kommune``, ``verwaltung``, ``zusammenhalt``), the slugs of the lookup tables and the
ISO 639-1 codes of the languages. Names are German (``language`` "de").
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation

from actors.codes import (
    DIMENSION_CODES,
    KIND_CODES,
    LEVEL_CODES,
    SECTOR_CODES,
    code_of,
)
from actors.models import (
    SECTORS_BY_KIND,
    Dimension,
    Kind,
    Language,
    Level,
    Sector,
    TargetGroup,
    Task,
    Topic,
)
from opendata import ids


@dataclass(frozen=True)
class Taxonomy:
    code: str
    name: str
    description: str

    @property
    def id(self) -> str:
        return ids.fixed(f"taxonomy:{self.code}")

    def as_hsds(self) -> dict:
        return {
            "id": self.id,
            "name": self.name,
            "description": self.description,
            "version": "1",
        }


LEVEL = Taxonomy("ebene", "Ebene", "Die politische Ebene, auf der ein Akteur arbeitet.")
KIND = Taxonomy(
    "art",
    "Art des Akteurs",
    "Die vier Gruppen von Akteuren der Integrationsarbeit (Vortrag Möltgen-Sicking, Abschnitt 6).",
)
SECTOR = Taxonomy("bereich", "Bereich", "Der genauere Bereich eines Akteurs innerhalb seiner Art.")
DIMENSION = Taxonomy(
    "politikdimension",
    "Politikdimension",
    "Die drei Dimensionen der Mehrebenentabelle; der Wert des Attributs sagt, ob der "
    "Akteur dort eine Pflichtaufgabe oder eine freiwillige Aufgabe wahrnimmt.",
)
TOPIC = Taxonomy("lebenslage", "Lebenslage", "Lebenslagen, bei denen Angebote helfen.")
TARGET_GROUP = Taxonomy(
    "zielgruppe", "Zielgruppe", "Gruppen von Menschen, für die Akteure und Angebote da sind."
)
LANGUAGE = Taxonomy(
    "sprache", "Sprache", "Sprachen, in denen Akteure beraten und informieren (ISO 639-1)."
)
TASK = Taxonomy(
    "aufgabe",
    "Aufgabe",
    "Der Aufgabenkatalog der kommunalen Integrationsverwaltung (Bogumil & Hafner), "
    "auf den sich die Zuständigkeiten beziehen.",
)
ORIGIN = Taxonomy(
    "datenherkunft",
    "Datenherkunft",
    "Kennzeichnet erfundene Beispieldaten (Demo-Daten), die neben den echten Inhalten "
    "gezeigt werden.",
)

TAXONOMIES = (LEVEL, KIND, SECTOR, DIMENSION, TOPIC, TARGET_GROUP, LANGUAGE, TASK, ORIGIN)
BY_ID = {taxonomy.id: taxonomy for taxonomy in TAXONOMIES}

#: The one term of ``ORIGIN``.
DEMO_CODE = "beispieldaten"


def fixed_term_id(taxonomy: Taxonomy, value: str) -> str:
    return ids.fixed(f"taxonomy_term:{taxonomy.code}:{value}")


DEMO_TERM_ID = fixed_term_id(ORIGIN, DEMO_CODE)


def _term(taxonomy, term_id, code, name, description="", parent_id=None) -> dict:
    term = {
        "id": str(term_id),
        "code": code,
        "name": name,
        "description": description or name,
        "taxonomy": taxonomy.name,
        "taxonomy_id": taxonomy.id,
        "language": "de",
    }
    if parent_id:
        term["parent_id"] = parent_id
    return term


def fixed_terms() -> list[dict]:
    """The terms of the fixed vocabularies, in German, in the order of their choices."""
    with translation.override("de"):
        terms = [
            _term(LEVEL, fixed_term_id(LEVEL, value), code_of(LEVEL_CODES, value), str(label))
            for value, label in Level.choices
        ]
        terms += [
            _term(KIND, fixed_term_id(KIND, value), code_of(KIND_CODES, value), str(label))
            for value, label in Kind.choices
        ]
        for kind, sectors in SECTORS_BY_KIND.items():
            terms += [
                _term(
                    SECTOR,
                    fixed_term_id(SECTOR, sector),
                    code_of(SECTOR_CODES, sector),
                    str(Sector(sector).label),
                    parent_id=fixed_term_id(KIND, kind),
                )
                for sector in sectors
            ]
        terms += [
            _term(
                DIMENSION,
                fixed_term_id(DIMENSION, value),
                code_of(DIMENSION_CODES, value),
                str(label),
            )
            for value, label in Dimension.choices
        ]
    terms.append(
        _term(
            ORIGIN,
            DEMO_TERM_ID,
            DEMO_CODE,
            "Beispieldaten",
            "Erfundene Beispieldaten (Demo-Daten), keine echte Organisation und kein echtes "
            "Angebot.",
        )
    )
    return terms


def topic_term(topic: Topic) -> dict:
    return _term(TOPIC, topic.uuid, topic.slug, topic.name)


def target_group_term(group: TargetGroup) -> dict:
    return _term(TARGET_GROUP, group.uuid, group.slug, group.name)


def language_term(language: Language) -> dict:
    return _term(LANGUAGE, language.uuid, language.code, language.name)


def task_term(task: Task) -> dict:
    return _term(TASK, task.uuid, task.slug, task.name, task.description)


def all_terms() -> list[dict]:
    """Every term: the fixed ones and those of the lookup tables (four queries)."""
    terms = fixed_terms()
    terms += [topic_term(topic) for topic in Topic.objects.order_by("position", "name", "pk")]
    terms += [target_group_term(g) for g in TargetGroup.objects.order_by("name", "pk")]
    terms += [language_term(lang) for lang in Language.objects.order_by("name", "pk")]
    terms += [task_term(task) for task in Task.objects.order_by("directness", "position", "pk")]
    return terms
