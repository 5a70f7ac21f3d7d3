"""The actors and tasks the keynote names, loaded idempotently (``seed_keynote``).

Sources in the keynote (2. Integrationskonferenz Kreis Heinsberg, 19.09.2024):
- "Integrationspolitik im politischen Mehrebenensystem" (section 3): every cell of the
  table becomes an ``ActorDimension`` of the actor it names; the row "Länder" is
  instantiated for Nordrhein-Westfalen and the row "Kommunen" for the Kreis Heinsberg.
- "Aufgaben kommunaler Integrationsverwaltung (Bogumil & Hafner)": the tasks.
- "Akteure im Politikfeld Integration" (section 6) and the network list after it.
- The ten member municipalities of the Kreis Heinsberg.

No phone numbers, e-mail addresses or contact persons are invented for real
organisations; websites are only those of public bodies. The obligation of each task
follows the keynote's rule (security and welfare as a rule mandatory, social
cohesion as a rule voluntary) and, where stated, the municipal law of NRW.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction

from actors.models import (
    Actor,
    ActorDimension,
    Dimension,
    Directness,
    Kind,
    Language,
    Level,
    MunicipalTaskType,
    Obligation,
    Sector,
    TargetGroup,
    Task,
)

M, V = Obligation.MANDATORY, Obligation.VOLUNTARY
SEC, WEL, COH = Dimension.SECURITY, Dimension.WELFARE, Dimension.COHESION

TARGET_GROUPS = {
    "neuzugewanderte": "Neuzugewanderte",
    "gefluechtete": "Geflüchtete",
    "geduldete": "Geduldete",
    "kinder-und-jugendliche": "Kinder und Jugendliche",
    "erwachsene-zugewanderte": "Erwachsene Zugewanderte",
    "unbegleitete-minderjaehrige": "Unbegleitete minderjährige Ausländer:innen (UMA)",
    "ehrenamtliche": "Ehrenamtlich Engagierte",
}

LANGUAGES = {
    "de": "Deutsch",
    "en": "Englisch",
    "ar": "Arabisch",
    "fa": "Persisch (Farsi/Dari)",
    "ru": "Russisch",
    "tr": "Türkisch",
    "uk": "Ukrainisch",
}


@dataclass
class SeedActor:
    slug: str
    name: str
    level: str
    kind: str
    sector: str = ""
    short_name: str = ""
    parent: str = ""
    municipality: str = ""
    description: str = ""
    dimensions: dict[str, str] = field(default_factory=dict)
    target_groups: tuple[str, ...] = ()
    website: str = ""


MUNICIPALITIES = [
    ("stadt-erkelenz", "Stadt Erkelenz"),
    ("stadt-geilenkirchen", "Stadt Geilenkirchen"),
    ("stadt-heinsberg", "Stadt Heinsberg"),
    ("stadt-hueckelhoven", "Stadt Hückelhoven"),
    ("stadt-uebach-palenberg", "Stadt Übach-Palenberg"),
    ("stadt-wassenberg", "Stadt Wassenberg"),
    ("stadt-wegberg", "Stadt Wegberg"),
    ("gemeinde-gangelt", "Gemeinde Gangelt"),
    ("gemeinde-selfkant", "Gemeinde Selfkant"),
    ("gemeinde-waldfeucht", "Gemeinde Waldfeucht"),
]

E, F, S, D, K = Level.EU, Level.FEDERAL, Level.STATE, Level.DISTRICT, Level.MUNICIPALITY
SUP, POL, ADM, EXT = Kind.SUPERORDINATE, Kind.POLITICS, Kind.ADMINISTRATION, Kind.EXTERNAL

ACTORS: list[SeedActor] = [
    # --- Übergeordnete Politik- und Arbeitsmarkt-Akteure ---------------------------
    SeedActor(
        "europaeisches-parlament",
        "Europäisches Parlament",
        E,
        SUP,
        Sector.LEGISLATURE,
        description="Legislative der Europäischen Union; beschließt mit dem Rat das "
        "europäische Migrations- und Asylrecht.",
    ),
    SeedActor(
        "europaeische-kommission",
        "Europäische Kommission",
        E,
        SUP,
        Sector.EXECUTIVE,
        description="Exekutive der Europäischen Union; Migrationspolitik wird vorrangig "
        "auf der Ebene des Bundes und der Europäischen Union gesteuert.",
    ),
    SeedActor(
        "deutscher-bundestag",
        "Deutscher Bundestag",
        F,
        SUP,
        Sector.LEGISLATURE,
        description="Legislative des Bundes, u. a. für Aufenthalts-, Asyl- und "
        "Staatsangehörigkeitsrecht.",
    ),
    SeedActor(
        "bmi",
        "Bundesministerium des Innern",
        F,
        SUP,
        Sector.EXECUTIVE,
        short_name="BMI",
        description="Zuständig für Migrations- und Sicherheitspolitik des Bundes; "
        "übergeordnet dem Bundesamt für Migration und Flüchtlinge.",
        dimensions={SEC: M},
        website="https://www.bmi.bund.de/",
    ),
    SeedActor(
        "bamf",
        "Bundesamt für Migration und Flüchtlinge",
        F,
        SUP,
        Sector.EXECUTIVE,
        short_name="BAMF",
        parent="bmi",
        description="Asylverfahren, Integrationskurse und die Förderung der "
        "Migrationsberatung für erwachsene Zugewanderte.",
        dimensions={SEC: M},
        website="https://www.bamf.de/",
    ),
    SeedActor(
        "bamf-regionalstelle",
        "BAMF-Regionalstelle",
        F,
        EXT,
        Sector.FEDERAL_OFFICE,
        short_name="BAMF",
        parent="bamf",
        description="Regionale Stelle des Bundesamts für Migration und Flüchtlinge; "
        "vor Ort Ansprechpartnerin für Integrationskurse und Migrationsberatung.",
    ),
    SeedActor(
        "bmas",
        "Bundesministerium für Arbeit und Soziales",
        F,
        SUP,
        Sector.EXECUTIVE,
        short_name="BMAS",
        description="Zuständig für Arbeitsmarkt- und Sozialpolitik des Bundes.",
        dimensions={WEL: M},
        website="https://www.bmas.de/",
    ),
    SeedActor(
        "bundesagentur-fuer-arbeit",
        "Bundesagentur für Arbeit",
        F,
        SUP,
        Sector.EXECUTIVE,
        short_name="BA",
        description="Arbeitsvermittlung, Arbeitsförderung und Leistungen nach dem SGB III.",
        dimensions={WEL: M},
        website="https://www.arbeitsagentur.de/",
    ),
    SeedActor(
        "integrationsbeauftragte-bund",
        "Integrationsbeauftragte des Bundes",
        F,
        SUP,
        Sector.EXECUTIVE,
        description="Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration.",
        dimensions={COH: V},
    ),
    SeedActor(
        "arbeitgeber",
        "Arbeitgeber",
        F,
        SUP,
        Sector.LABOUR_MARKET,
        description="Übergeordnete Arbeitsmarkt-Akteure: Arbeitgeber und ihre Verbände.",
    ),
    SeedActor(
        "tarifpartner",
        "Tarifpartner",
        F,
        SUP,
        Sector.LABOUR_MARKET,
        description="Gewerkschaften und Arbeitgeberverbände als Sozialpartner.",
    ),
    SeedActor(
        "interessenverbaende",
        "Interessenverbände",
        F,
        SUP,
        Sector.INTEREST_GROUP,
        description="Verbände, die Interessen im Politikfeld Migration und Integration vertreten.",
    ),
    SeedActor(
        "medien",
        "Medien",
        F,
        SUP,
        Sector.MEDIA,
        description="Presse, Rundfunk und digitale Medien prägen den Migrationsdiskurs.",
    ),
    SeedActor(
        "landtag-nrw",
        "Landtag Nordrhein-Westfalen",
        S,
        SUP,
        Sector.LEGISLATURE,
        description="Legislative des Landes; beschloss 2012 und 2022 das Teilhabe- und "
        "Integrationsgesetz (TIntG NRW).",
    ),
    SeedActor(
        "im-nrw",
        "Ministerium des Innern des Landes Nordrhein-Westfalen",
        S,
        SUP,
        Sector.EXECUTIVE,
        short_name="IM NRW",
        description="Innenministerium des Landes (in der Keynote: „Innenministerien der Länder“).",
        dimensions={SEC: M},
    ),
    SeedActor(
        "mags-nrw",
        "Ministerium für Arbeit, Gesundheit und Soziales des Landes Nordrhein-Westfalen",
        S,
        SUP,
        Sector.EXECUTIVE,
        short_name="MAGS NRW",
        description="Sozialministerium des Landes (in der Keynote: „Sozialministerien der "
        "Länder“).",
        dimensions={WEL: M},
    ),
    SeedActor(
        "mkjfgfi-nrw",
        "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration "
        "des Landes Nordrhein-Westfalen",
        S,
        SUP,
        Sector.EXECUTIVE,
        short_name="MKJFGFI NRW",
        description="Integrationsministerium des Landes (in der Keynote: "
        "„Integrationsministerien der Länder“); fördert die Kommunalen "
        "Integrationszentren und das Kommunale Integrationsmanagement.",
        dimensions={COH: V},
        website="https://www.mkjfgfi.nrw/",
    ),
    SeedActor(
        "integrationsbeauftragte-der-laender",
        "Integrationsbeauftragte der Länder",
        S,
        SUP,
        Sector.EXECUTIVE,
        description="Beauftragte der Landesregierungen für Integration; Bezeichnung und "
        "Zuschnitt unterscheiden sich von Land zu Land.",
        dimensions={COH: V},
    ),
    # --- Kreis Heinsberg: Politik und Verwaltung --------------------------------------
    SeedActor(
        "kreis-heinsberg",
        "Kreisverwaltung Heinsberg",
        D,
        ADM,
        Sector.LOCAL_AUTHORITY,
        short_name="Kreis Heinsberg",
        description="Verwaltung des Kreises Heinsberg mit seinen zehn kreisangehörigen "
        "Städten und Gemeinden.",
        website="https://www.kreis-heinsberg.de/",
    ),
    SeedActor(
        "kreistag-heinsberg",
        "Kreistag Heinsberg",
        D,
        POL,
        Sector.COUNCIL,
        description="Die gewählte Vertretung des Kreises Heinsberg.",
    ),
    SeedActor(
        "ki-kreis-heinsberg",
        "Kommunales Integrationszentrum Kreis Heinsberg",
        D,
        ADM,
        Sector.INTEGRATION_OFFICE,
        short_name="KI",
        parent="kreis-heinsberg",
        description="Kommunales Integrationszentrum nach § 8 TIntG NRW mit den "
        "Arbeitsfeldern Integration durch Bildung, Integration als Querschnittsaufgabe "
        "und Koordination des Ehrenamts; führt das Kommunale Integrationsmanagement.",
        dimensions={COH: V},
        target_groups=("kinder-und-jugendliche", "neuzugewanderte", "ehrenamtliche"),
    ),
    SeedActor(
        "kim-koordinierende-stelle-kreis-heinsberg",
        "KIM Koordinierende Stelle Kreis Heinsberg",
        D,
        ADM,
        Sector.INTEGRATION_OFFICE,
        short_name="KIM",
        parent="ki-kreis-heinsberg",
        description="Koordinierende Stelle des Kommunalen Integrationsmanagements "
        "(§ 9 TIntG NRW): rechtskreisübergreifende Zusammenarbeit der Ämter, Behörden "
        "und Träger.",
    ),
    SeedActor(
        "kim-case-management-kreis-heinsberg",
        "KIM Case Management Kreis Heinsberg",
        D,
        ADM,
        Sector.INTEGRATION_OFFICE,
        short_name="KIM CM",
        parent="ki-kreis-heinsberg",
        description="Individuelle und lebenslagenbezogene Beratung im Kommunalen "
        "Integrationsmanagement, als Ergänzung zu bestehenden Case-Management-Ansätzen.",
        target_groups=("gefluechtete", "geduldete", "neuzugewanderte"),
    ),
    SeedActor(
        "abh-kreis-heinsberg",
        "Ausländerbehörde des Kreises Heinsberg",
        D,
        ADM,
        Sector.IMMIGRATION_AUTHORITY,
        short_name="ABH",
        parent="kreis-heinsberg",
        description="Aufenthaltsrechtliche Angelegenheiten (Ausländerwesen) nach dem "
        "Aufenthaltsgesetz.",
        dimensions={SEC: M},
        target_groups=("neuzugewanderte", "gefluechtete", "geduldete"),
    ),
    SeedActor(
        "ebh-kreis-heinsberg",
        "Einbürgerungsbehörde des Kreises Heinsberg",
        D,
        ADM,
        Sector.IMMIGRATION_AUTHORITY,
        short_name="EBH",
        parent="kreis-heinsberg",
        description="Einbürgerungswesen nach dem Staatsangehörigkeitsgesetz.",
    ),
    SeedActor(
        "sozialamt-kreis-heinsberg",
        "Sozialamt des Kreises Heinsberg",
        D,
        ADM,
        Sector.SOCIAL_ADMINISTRATION,
        short_name="Sozialamt",
        parent="kreis-heinsberg",
        description="Sozialverwaltung des Kreises (in der Keynote: „Sozialämter“).",
        dimensions={WEL: M},
    ),
    SeedActor(
        "jugendamt-kreis-heinsberg",
        "Jugendamt des Kreises Heinsberg",
        D,
        ADM,
        Sector.SOCIAL_ADMINISTRATION,
        short_name="Jugendamt",
        parent="kreis-heinsberg",
        description="Kinder- und Jugendhilfe nach dem SGB VIII, einschließlich der "
        "Inobhutnahme unbegleiteter minderjähriger Ausländer:innen.",
        target_groups=("kinder-und-jugendliche", "unbegleitete-minderjaehrige"),
    ),
    SeedActor(
        "schulamt-kreis-heinsberg",
        "Schulamt für den Kreis Heinsberg",
        D,
        ADM,
        Sector.SCHOOL_AUTHORITY,
        short_name="Schulamt",
        parent="kreis-heinsberg",
        description="Untere Schulaufsichtsbehörde; Partnerin des Kommunalen "
        "Integrationszentrums bei Angeboten in der Schule (§ 8 TIntG NRW).",
        target_groups=("kinder-und-jugendliche",),
    ),
    SeedActor(
        "jobcenter-kreis-heinsberg",
        "Jobcenter Kreis Heinsberg",
        D,
        EXT,
        Sector.JOBCENTER,
        short_name="Jobcenter",
        description="Grundsicherung für Arbeitsuchende und arbeitsmarktbezogene "
        "Eingliederungsleistungen nach dem SGB II (in der Keynote: „ARGEn“, „Jobcenter“).",
        dimensions={WEL: M},
    ),
    SeedActor(
        "vhs-kreis-heinsberg",
        "Volkshochschule Kreis Heinsberg",
        D,
        EXT,
        Sector.ADULT_EDUCATION,
        short_name="VHS",
        description="Weiterbildung, Sprach- und Integrationskurse.",
        target_groups=("erwachsene-zugewanderte", "neuzugewanderte"),
    ),
    SeedActor(
        "kommunale-integrationsbeauftragte",
        "Kommunale Integrationsbeauftragte",
        K,
        ADM,
        Sector.INTEGRATION_OFFICE,
        description="Beauftragte für Integration in den Verwaltungen der Städte und Gemeinden.",
        dimensions={COH: V},
    ),
    SeedActor(
        "stadt-und-gemeinderaete",
        "Stadt- und Gemeinderäte",
        K,
        POL,
        Sector.COUNCIL,
        description="Die gewählten Räte der kreisangehörigen Städte und Gemeinden.",
    ),
    SeedActor(
        "integrationsraete",
        "Ausländerbeiräte, Integrationsräte und Migrationsausschüsse",
        K,
        POL,
        Sector.INTEGRATION_COUNCIL,
        description="Politische Vertretungen der Menschen mit Einwanderungsgeschichte "
        "in den Kommunen.",
    ),
    SeedActor(
        "kulturverwaltung",
        "Kulturverwaltungen der Kommunen",
        K,
        ADM,
        Sector.SOCIAL_ADMINISTRATION,
        description="Kulturämter der Städte und Gemeinden; Kultur- und Vereinsförderung.",
    ),
    SeedActor(
        "stadtentwicklungsbehoerden",
        "Stadtentwicklungs-, Wirtschafts- und Wohnbehörden",
        K,
        ADM,
        Sector.DEVELOPMENT_AUTHORITY,
        description="Stadtentwicklung, Wirtschaftsförderung und Wohnungswesen der Kommunen.",
    ),
    # --- Externe lokale Akteure -----------------------------------------------------
    SeedActor(
        "caritas-heinsberg",
        "Caritasverband für die Region Heinsberg",
        D,
        EXT,
        Sector.WELFARE,
        short_name="Caritas",
        description="Wohlfahrtsverband; seit den 1970er Jahren in der "
        "„Ausländersozialberatung“ tätig.",
    ),
    SeedActor(
        "diakonie-heinsberg",
        "Diakonie im Kreis Heinsberg",
        D,
        EXT,
        Sector.WELFARE,
        short_name="Diakonie",
        description="Wohlfahrtsverband der evangelischen Kirche; seit den 1970er Jahren "
        "in der „Ausländersozialberatung“ tätig.",
    ),
    SeedActor(
        "awo-heinsberg",
        "Arbeiterwohlfahrt im Kreis Heinsberg",
        D,
        EXT,
        Sector.WELFARE,
        short_name="AWO",
        description="Wohlfahrtsverband; seit den 1970er Jahren in der "
        "„Ausländersozialberatung“ tätig.",
    ),
    SeedActor(
        "mbe-heinsberg",
        "Migrationsberatung für erwachsene Zugewanderte im Kreis Heinsberg",
        D,
        EXT,
        Sector.MIGRATION_COUNSELLING,
        short_name="MBE",
        description="Vom Bund geförderte Beratung für erwachsene Zugewanderte "
        "(in der Keynote: „Migrationserstberatung“, „MEB“).",
        target_groups=("erwachsene-zugewanderte", "neuzugewanderte"),
    ),
    SeedActor(
        "jmd-heinsberg",
        "Jugendmigrationsdienst im Kreis Heinsberg",
        D,
        EXT,
        Sector.MIGRATION_COUNSELLING,
        short_name="JMD",
        description="Beratung und Begleitung junger Menschen mit Einwanderungsgeschichte.",
        target_groups=("kinder-und-jugendliche", "neuzugewanderte"),
    ),
    SeedActor(
        "polizei-heinsberg",
        "Kreispolizeibehörde Heinsberg",
        D,
        EXT,
        Sector.POLICE,
        short_name="Polizei",
        description="Polizei im Kreis Heinsberg.",
    ),
    SeedActor(
        "ihk-aachen",
        "Industrie- und Handelskammer Aachen",
        D,
        EXT,
        Sector.CHAMBER,
        short_name="IHK",
        description="Kammer der gewerblichen Wirtschaft der Region Aachen, zu der der "
        "Kreis Heinsberg gehört.",
    ),
    SeedActor(
        "kirchen-kreis-heinsberg",
        "Kirchen im Kreis Heinsberg",
        D,
        EXT,
        Sector.CHURCH,
        description="Kirchengemeinden und ihre Angebote für Zugewanderte.",
    ),
    SeedActor(
        "schulen-kreis-heinsberg",
        "Schulen im Kreis Heinsberg",
        D,
        EXT,
        Sector.SCHOOL,
        description="Allgemein- und berufsbildende Schulen.",
        target_groups=("kinder-und-jugendliche",),
    ),
    SeedActor(
        "wohnungsgesellschaften",
        "Wohnungsgesellschaften",
        D,
        EXT,
        Sector.HOUSING_COMPANY,
        description="Wohnungsunternehmen und -genossenschaften; Versorgung mit Wohnraum.",
    ),
    SeedActor(
        "buerger-und-sportvereine",
        "Bürgervereine und Sportvereine",
        K,
        EXT,
        Sector.CLUB,
        description="Vereine vor Ort als Orte der Begegnung und des Ehrenamts.",
        target_groups=("ehrenamtliche",),
    ),
    SeedActor(
        "migrantenselbstorganisationen",
        "Migrantenselbstorganisationen",
        K,
        EXT,
        Sector.MIGRANT_ORGANISATION,
        short_name="MSO",
        description="Von Menschen mit Einwanderungsgeschichte getragene Vereine; in den "
        "Kommunen seit den 1970er Jahren gefördert.",
    ),
] + [
    SeedActor(
        slug,
        name,
        K,
        ADM,
        Sector.LOCAL_AUTHORITY,
        description="Kreisangehörige Kommune des Kreises Heinsberg.",
    )
    for slug, name in MUNICIPALITIES
]


@dataclass
class SeedTask:
    slug: str
    name: str
    directness: str
    obligation: str
    municipal_task_type: str
    dimension: str
    legal_basis: str
    responsible: tuple[str, ...]
    description: str = ""


MUNICIPALITY_SLUGS = tuple(slug for slug, _name in MUNICIPALITIES)
DIR, IND = Directness.DIRECT, Directness.INDIRECT
WEISUNG = MunicipalTaskType.INSTRUCTED
PFLICHT_SV = MunicipalTaskType.MANDATORY_SELF_GOVERNMENT
FREI_SV = MunicipalTaskType.VOLUNTARY_SELF_GOVERNMENT

# Bogumil & Hafner, "Aufgaben kommunaler Integrationsverwaltung", in the keynote's order.
TASKS: list[SeedTask] = [
    SeedTask(
        "auslaenderwesen",
        "Ausländerwesen",
        DIR,
        M,
        WEISUNG,
        SEC,
        "Aufenthaltsgesetz (AufenthG)",
        ("abh-kreis-heinsberg",),
    ),
    SeedTask(
        "einbuergerungswesen",
        "Einbürgerungswesen",
        DIR,
        M,
        WEISUNG,
        SEC,
        "Staatsangehörigkeitsgesetz (StAG)",
        ("ebh-kreis-heinsberg",),
    ),
    SeedTask(
        "leistungsverwaltung-asylblg",
        "Leistungsverwaltung Asylbewerberleistungsgesetz (AsylbLG)",
        DIR,
        M,
        "",
        WEL,
        "Asylbewerberleistungsgesetz (AsylbLG)",
        MUNICIPALITY_SLUGS,
    ),
    SeedTask(
        "unterbringung-asylbewerber",
        "Unterbringung von Asylbewerbern",
        DIR,
        M,
        "",
        WEL,
        "Flüchtlingsaufnahmegesetz NRW (FlüAG)",
        MUNICIPALITY_SLUGS,
    ),
    SeedTask(
        "uma",
        "Unbegleitete Minderjährige Ausländer (UMA)",
        DIR,
        M,
        PFLICHT_SV,
        WEL,
        "SGB VIII, §§ 42, 42a",
        ("jugendamt-kreis-heinsberg",),
    ),
    SeedTask(
        "freiwillige-integrationsleistungen",
        "Freiwillige Integrationsleistungen",
        DIR,
        V,
        FREI_SV,
        COH,
        "Kommunale Selbstverwaltung (Art. 28 Abs. 2 GG); Förderung nach §§ 8, 9 TIntG NRW",
        ("ki-kreis-heinsberg", "kim-case-management-kreis-heinsberg"),
        description="Kommunale Integrationsaufgaben im engeren Sinne.",
    ),
    SeedTask(
        "schultraegerschaft",
        "Schulträgerschaft",
        IND,
        M,
        PFLICHT_SV,
        WEL,
        "Schulgesetz NRW (SchulG)",
        ("kreis-heinsberg", *MUNICIPALITY_SLUGS),
    ),
    SeedTask(
        "kindergaerten",
        "Kindergärten",
        IND,
        M,
        PFLICHT_SV,
        WEL,
        "SGB VIII, §§ 22 ff.; Kinderbildungsgesetz NRW (KiBiz)",
        ("jugendamt-kreis-heinsberg",),
    ),
    SeedTask(
        "sozial-kinder-jugendhilfe",
        "Sozial-, Kinder- und Jugendhilfe",
        IND,
        M,
        PFLICHT_SV,
        WEL,
        "SGB VIII; SGB XII",
        ("sozialamt-kreis-heinsberg", "jugendamt-kreis-heinsberg"),
    ),
    SeedTask(
        "volkshochschulen",
        "Volkshochschulen",
        IND,
        M,
        PFLICHT_SV,
        COH,
        "Weiterbildungsgesetz NRW (WbG)",
        ("vhs-kreis-heinsberg",),
    ),
    SeedTask(
        "sozialer-wohnungsbau",
        "Sozialer Wohnungsbau",
        IND,
        V,
        "",
        WEL,
        "Wohnraumförderung des Landes NRW",
        ("stadtentwicklungsbehoerden", "wohnungsgesellschaften"),
    ),
    SeedTask(
        "eingliederungsmassnahmen",
        "(Arbeitsmarktbezogene) Eingliederungsmaßnahmen",
        IND,
        M,
        "",
        WEL,
        "SGB II, §§ 16 ff.",
        ("jobcenter-kreis-heinsberg",),
    ),
    SeedTask(
        "kultur-und-vereinsfoerderung",
        "Kultur- und Vereinsförderung",
        IND,
        V,
        FREI_SV,
        COH,
        "Kommunale Selbstverwaltung (Art. 28 Abs. 2 GG)",
        ("kulturverwaltung", *MUNICIPALITY_SLUGS),
    ),
]


def keynote_table() -> dict[tuple[str, str], dict[str, str]]:
    """The multi-level table as the seed states it: (row, dimension) → {slug: obligation}.

    Rows are the keynote's: ``federal`` (Bund), ``state`` (Länder), ``local`` (Kommunen).
    """
    row_of_level = {F: "federal", S: "state", D: "local", K: "local"}
    table: dict[tuple[str, str], dict[str, str]] = {}
    for actor in ACTORS:
        for dimension, obligation in actor.dimensions.items():
            row = row_of_level[actor.level]
            table.setdefault((row, str(dimension)), {})[actor.slug] = str(obligation)
    return table


@transaction.atomic
def load_keynote() -> dict[str, int]:
    """Create or update every actor, table cell and task of the keynote. Idempotent."""
    for slug, name in TARGET_GROUPS.items():
        TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name})
    for code, name in LANGUAGES.items():
        Language.objects.update_or_create(code=code, defaults={"name": name})
    groups = {group.slug: group for group in TargetGroup.objects.all()}

    by_slug: dict[str, Actor] = {}
    # Parents first: every parent in ACTORS precedes its children.
    for seed in ACTORS:
        actor, _created = Actor.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "name": seed.name,
                "short_name": seed.short_name,
                "level": seed.level,
                "kind": seed.kind,
                "sector": seed.sector,
                "parent": by_slug[seed.parent] if seed.parent else None,
                "municipality": by_slug[seed.municipality] if seed.municipality else None,
                "description": seed.description,
                "website": seed.website,
                "is_public": True,
            },
        )
        by_slug[seed.slug] = actor
        for dimension, obligation in seed.dimensions.items():
            ActorDimension.objects.update_or_create(
                actor=actor, dimension=dimension, defaults={"obligation": obligation}
            )
        if seed.target_groups:
            actor.target_groups.add(*(groups[slug] for slug in seed.target_groups))

    for position, seed in enumerate(TASKS, start=1):
        task, _created = Task.objects.update_or_create(
            slug=seed.slug,
            defaults={
                "name": seed.name,
                "description": seed.description,
                "directness": seed.directness,
                "obligation": seed.obligation,
                "municipal_task_type": seed.municipal_task_type,
                "dimension": seed.dimension,
                "legal_basis": seed.legal_basis,
                "position": position,
            },
        )
        task.responsible_actors.add(*(by_slug[slug] for slug in seed.responsible))

    return {
        "Akteure": len(ACTORS),
        "Tabellenzellen": sum(len(seed.dimensions) for seed in ACTORS),
        "Aufgaben": len(TASKS),
        "Zielgruppen": len(TARGET_GROUPS),
        "Sprachen": len(LANGUAGES),
    }
