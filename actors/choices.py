"""The actors' fixed vocabularies: levels, kinds and sectors, policy dimensions, kinds of
task. Plain choices without a database table; ``actors.models`` and the querysets share
them (``actors.models`` re-exports them for the rest of the portal)."""

from __future__ import annotations

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Level(models.TextChoices):
    EU = "eu", _("Europäische Union")
    FEDERAL = "federal", _("Bund")
    STATE = "state", _("Land")
    DISTRICT = "district", _("Kreis")
    MUNICIPALITY = "municipality", _("Kreisangehörige Kommune")


# Levels on which an actor can belong to one member municipality of the Kreis.
LOCAL_LEVELS = (Level.DISTRICT, Level.MUNICIPALITY)


class Kind(models.TextChoices):
    """The four groups of actors in section 6 of the keynote."""

    SUPERORDINATE = "superordinate", _("Übergeordneter Akteur")
    POLITICS = "politics", _("Politikakteur")
    ADMINISTRATION = "administration", _("Kommunalverwaltung")
    EXTERNAL = "external", _("Externer lokaler Akteur")


class Sector(models.TextChoices):
    """The finer grain inside each kind; every sector belongs to exactly one kind."""

    LEGISLATURE = "legislature", _("Legislative")
    EXECUTIVE = "executive", _("Exekutive (Regierung, Ministerium, Bundesbehörde)")
    LABOUR_MARKET = "labour_market", _("Arbeitgeber und Tarifpartner")
    INTEREST_GROUP = "interest_group", _("Interessenverband")
    MEDIA = "media", _("Medien")
    COUNCIL = "council", _("Rat oder Kreistag")
    INTEGRATION_COUNCIL = (
        "integration_council",
        _("Integrationsrat, Ausländerbeirat, Migrationsausschuss"),
    )
    LOCAL_AUTHORITY = "local_authority", _("Stadt, Gemeinde oder Kreis")
    IMMIGRATION_AUTHORITY = "immigration_authority", _("Ausländer- und Einbürgerungsbehörde")
    SOCIAL_ADMINISTRATION = "social_administration", _("Jugendhilfe-, Sozial-, Kulturverwaltung")
    SCHOOL_AUTHORITY = "school_authority", _("Schulbehörde")
    DEVELOPMENT_AUTHORITY = (
        "development_authority",
        _("Stadtentwicklungs-, Wirtschafts- und Wohnbehörde"),
    )
    INTEGRATION_OFFICE = "integration_office", _("Integrationszentrum oder -beauftragte")
    WELFARE = "welfare", _("Wohlfahrtsverband")
    CHURCH = "church", _("Kirche")
    JOBCENTER = "jobcenter", _("Jobcenter (ARGE)")
    SCHOOL = "school", _("Schule")
    POLICE = "police", _("Polizei")
    FEDERAL_OFFICE = "federal_office", _("Bundesbehörde vor Ort")
    CHAMBER = "chamber", _("Kammer (IHK, Handelskammer)")
    HOUSING_COMPANY = "housing_company", _("Wohnungsgesellschaft")
    CLUB = "club", _("Bürger- oder Sportverein")
    MIGRANT_ORGANISATION = "migrant_organisation", _("Migrantenselbstorganisation (MSO)")
    MIGRATION_COUNSELLING = "migration_counselling", _("Migrationsberatung (MBE, JMD)")
    ADULT_EDUCATION = "adult_education", _("Volkshochschule")


SECTORS_BY_KIND: dict[str, tuple[str, ...]] = {
    Kind.SUPERORDINATE: (
        Sector.LEGISLATURE,
        Sector.EXECUTIVE,
        Sector.LABOUR_MARKET,
        Sector.INTEREST_GROUP,
        Sector.MEDIA,
    ),
    Kind.POLITICS: (Sector.COUNCIL, Sector.INTEGRATION_COUNCIL),
    Kind.ADMINISTRATION: (
        Sector.LOCAL_AUTHORITY,
        Sector.IMMIGRATION_AUTHORITY,
        Sector.SOCIAL_ADMINISTRATION,
        Sector.SCHOOL_AUTHORITY,
        Sector.DEVELOPMENT_AUTHORITY,
        Sector.INTEGRATION_OFFICE,
    ),
    Kind.EXTERNAL: (
        Sector.WELFARE,
        Sector.CHURCH,
        Sector.JOBCENTER,
        Sector.SCHOOL,
        Sector.POLICE,
        Sector.FEDERAL_OFFICE,
        Sector.CHAMBER,
        Sector.HOUSING_COMPANY,
        Sector.CLUB,
        Sector.MIGRANT_ORGANISATION,
        Sector.MIGRATION_COUNSELLING,
        Sector.ADULT_EDUCATION,
    ),
}


def _sector_matches_kind() -> Q:
    condition = Q(sector="")
    for kind, sectors in SECTORS_BY_KIND.items():
        condition |= Q(kind=kind, sector__in=[str(s) for s in sectors])
    return condition


class Dimension(models.TextChoices):
    """The three policy dimensions (columns) of the multi-level table."""

    SECURITY = "security", _("Sicherheit")
    WELFARE = "welfare", _("Wohlfahrt")
    COHESION = "cohesion", _("Gesellschaftlicher Zusammenhalt")


class Obligation(models.TextChoices):
    MANDATORY = "mandatory", _("Pflichtaufgabe")
    VOLUNTARY = "voluntary", _("Freiwillige Aufgabe")


class MunicipalTaskType(models.TextChoices):
    """The finer kinds of municipal law in NRW; each implies one obligation."""

    INSTRUCTED = "instructed", _("Pflichtaufgabe zur Erfüllung nach Weisung")
    MANDATORY_SELF_GOVERNMENT = (
        "mandatory_self_government",
        _("Pflichtige Selbstverwaltungsaufgabe"),
    )
    VOLUNTARY_SELF_GOVERNMENT = (
        "voluntary_self_government",
        _("Freiwillige Selbstverwaltungsaufgabe"),
    )


OBLIGATION_OF_TASK_TYPE = {
    MunicipalTaskType.INSTRUCTED: Obligation.MANDATORY,
    MunicipalTaskType.MANDATORY_SELF_GOVERNMENT: Obligation.MANDATORY,
    MunicipalTaskType.VOLUNTARY_SELF_GOVERNMENT: Obligation.VOLUNTARY,
}


class Directness(models.TextChoices):
    DIRECT = "direct", _("Unmittelbar")
    INDIRECT = "indirect", _("Mittelbar")
