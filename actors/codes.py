"""German codes for choices in URLs and CSV files.

Choices are stored with English values (``municipality``); what users type, bookmark
and read in a spreadsheet is German and lowercase (``/akteure/?ebene=kommune``). One
table per choice maps the German code to the stored value, so filters, the export and
the import speak the same words.
"""

from __future__ import annotations

from actors.models import Dimension, Directness, Kind, Level, Obligation, Sector

LEVEL_CODES = {
    "eu": Level.EU,
    "bund": Level.FEDERAL,
    "land": Level.STATE,
    "kreis": Level.DISTRICT,
    "kommune": Level.MUNICIPALITY,
}
KIND_CODES = {
    "uebergeordnet": Kind.SUPERORDINATE,
    "politik": Kind.POLITICS,
    "verwaltung": Kind.ADMINISTRATION,
    "extern": Kind.EXTERNAL,
}
SECTOR_CODES = {
    "legislative": Sector.LEGISLATURE,
    "exekutive": Sector.EXECUTIVE,
    "arbeitsmarkt": Sector.LABOUR_MARKET,
    "interessenverband": Sector.INTEREST_GROUP,
    "medien": Sector.MEDIA,
    "rat": Sector.COUNCIL,
    "integrationsrat": Sector.INTEGRATION_COUNCIL,
    "gebietskoerperschaft": Sector.LOCAL_AUTHORITY,
    "auslaenderbehoerde": Sector.IMMIGRATION_AUTHORITY,
    "sozialverwaltung": Sector.SOCIAL_ADMINISTRATION,
    "schulbehoerde": Sector.SCHOOL_AUTHORITY,
    "entwicklungsbehoerde": Sector.DEVELOPMENT_AUTHORITY,
    "integrationsstelle": Sector.INTEGRATION_OFFICE,
    "wohlfahrtsverband": Sector.WELFARE,
    "kirche": Sector.CHURCH,
    "jobcenter": Sector.JOBCENTER,
    "schule": Sector.SCHOOL,
    "polizei": Sector.POLICE,
    "bundesbehoerde": Sector.FEDERAL_OFFICE,
    "kammer": Sector.CHAMBER,
    "wohnungsgesellschaft": Sector.HOUSING_COMPANY,
    "verein": Sector.CLUB,
    "mso": Sector.MIGRANT_ORGANISATION,
    "migrationsberatung": Sector.MIGRATION_COUNSELLING,
    "vhs": Sector.ADULT_EDUCATION,
}
DIMENSION_CODES = {
    "sicherheit": Dimension.SECURITY,
    "wohlfahrt": Dimension.WELFARE,
    "zusammenhalt": Dimension.COHESION,
}
OBLIGATION_CODES = {
    "pflicht": Obligation.MANDATORY,
    "freiwillig": Obligation.VOLUNTARY,
}
DIRECTNESS_CODES = {
    "unmittelbar": Directness.DIRECT,
    "mittelbar": Directness.INDIRECT,
}


def choices_of(codes: dict) -> list[tuple[str, str]]:
    """Form choices ``(German code, translated label)`` in the order of the table."""
    return [(code, value.label) for code, value in codes.items()]


def code_of(codes: dict, value: str) -> str:
    """The German code of a stored value (``municipality`` → ``kommune``)."""
    for code, member in codes.items():
        if member == value:
            return code
    return ""
