"""Synthetic demo actors for load tests and demonstrations (``seed_demo``).

Deterministic: the same seed gives the same actors (dates count back from the day of
generation). Realistic in shape: the Kreise and kreisfreie Städte of NRW with their
towns, on every level and of every kind and sector, with policy dimensions, tasks,
target groups, languages, parents (Kreis → Ausländerbehörde, Verband → Ortsverband)
and internal contact persons. Invented, and marked as such: every row carries
``is_demo``, every e-mail address and website is on example.org, no phone numbers
are made up, and the names of persons are combinations of common first and last names.

Rows are written with ``bulk_create``; the ids of what was written are handed to
``devdata.demo_networks`` so that networks draw their members from the same region.
"""

from __future__ import annotations

import datetime
import random
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import connection
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.text import slugify

from actors import seed
from actors.models import (
    Actor,
    ActorDimension,
    ContactPerson,
    Dimension,
    Kind,
    Language,
    Level,
    Obligation,
    Sector,
    TargetGroup,
    Task,
)

BATCH_SIZE = 2000


def _names(text: str) -> tuple[str, ...]:
    """A comma-separated list of names, kept compact in the source."""
    return tuple(name.strip() for name in text.split(","))


Progress = Callable[[str, int, int], None]

# The 31 Kreise (with the StädteRegion Aachen) and 22 kreisfreie Städte of NRW, each Kreis
# with its towns and municipalities (a selection for the largest).
KREISE: dict[str, tuple[str, ...]] = {
    "Kreis Heinsberg": _names(
        "Erkelenz, Gangelt, Geilenkirchen, Heinsberg, Hückelhoven, Selfkant, Übach-Palenberg, "
        "Waldfeucht, Wassenberg, Wegberg"
    ),
    "StädteRegion Aachen": _names(
        "Aachen, Alsdorf, Baesweiler, Eschweiler, Herzogenrath, Monschau, Roetgen, Simmerath, "
        "Stolberg, Würselen"
    ),
    "Kreis Düren": _names(
        "Düren, Jülich, Linnich, Aldenhoven, Inden, Langerwehe, Kreuzau, Nideggen, Niederzier, "
        "Nörvenich, Vettweiß, Titz, Merzenich"
    ),
    "Kreis Euskirchen": _names(
        "Euskirchen, Mechernich, Zülpich, Bad Münstereifel, Schleiden, Weilerswist, Kall, "
        "Hellenthal, Blankenheim, Nettersheim"
    ),
    "Rhein-Erft-Kreis": _names(
        "Bergheim, Kerpen, Hürth, Frechen, Brühl, Wesseling, Pulheim, Erftstadt, Bedburg, Elsdorf"
    ),
    "Rhein-Kreis Neuss": _names(
        "Neuss, Grevenbroich, Dormagen, Meerbusch, Kaarst, Korschenbroich, Jüchen, Rommerskirchen"
    ),
    "Kreis Viersen": _names(
        "Viersen, Nettetal, Kempen, Willich, Tönisvorst, Brüggen, Niederkrüchten, Schwalmtal, "
        "Grefrath"
    ),
    "Kreis Kleve": _names(
        "Kleve, Goch, Emmerich am Rhein, Geldern, Kevelaer, Straelen, Rees, Kalkar, Uedem, Weeze,"
        " Issum, Kerken, Bedburg-Hau, Kranenburg"
    ),
    "Kreis Wesel": _names(
        "Wesel, Dinslaken, Moers, Kamp-Lintfort, Neukirchen-Vluyn, Rheinberg, Voerde, Hamminkeln,"
        " Xanten, Schermbeck, Sonsbeck, Alpen, Hünxe"
    ),
    "Kreis Mettmann": _names(
        "Mettmann, Ratingen, Velbert, Hilden, Langenfeld, Monheim am Rhein, Erkrath, Haan, "
        "Heiligenhaus, Wülfrath"
    ),
    "Rhein-Sieg-Kreis": _names(
        "Siegburg, Troisdorf, Sankt Augustin, Bornheim, Meckenheim, Rheinbach, Hennef, "
        "Königswinter, Bad Honnef, Lohmar, Niederkassel, Wachtberg, Alfter, Swisttal, Much, "
        "Eitorf, Windeck"
    ),
    "Rheinisch-Bergischer Kreis": _names(
        "Bergisch Gladbach, Leichlingen, Burscheid, Wermelskirchen, Overath, Rösrath, Odenthal, "
        "Kürten"
    ),
    "Oberbergischer Kreis": _names(
        "Gummersbach, Wiehl, Waldbröl, Bergneustadt, Radevormwald, Wipperfürth, Hückeswagen, "
        "Engelskirchen, Lindlar, Nümbrecht, Reichshof, Morsbach, Marienheide"
    ),
    "Kreis Borken": _names(
        "Borken, Bocholt, Ahaus, Gronau, Stadtlohn, Vreden, Rhede, Isselburg, Raesfeld, Heiden, "
        "Reken, Velen, Gescher, Legden"
    ),
    "Kreis Coesfeld": _names(
        "Coesfeld, Dülmen, Lüdinghausen, Olfen, Billerbeck, Nottuln, Havixbeck, Senden, "
        "Ascheberg, Nordkirchen, Rosendahl"
    ),
    "Kreis Steinfurt": _names(
        "Rheine, Ibbenbüren, Greven, Emsdetten, Steinfurt, Ochtrup, Lengerich, Hörstel, "
        "Tecklenburg, Mettingen, Recke, Westerkappeln, Lotte, Neuenkirchen, Wettringen, "
        "Nordwalde, Altenberge, Saerbeck"
    ),
    "Kreis Warendorf": _names(
        "Warendorf, Ahlen, Oelde, Beckum, Ennigerloh, Sendenhorst, Drensteinfurt, Telgte, "
        "Everswinkel, Ostbevern, Sassenberg, Wadersloh"
    ),
    "Kreis Recklinghausen": _names(
        "Recklinghausen, Marl, Gladbeck, Dorsten, Castrop-Rauxel, Herten, Datteln, Haltern am "
        "See, Oer-Erkenschwick, Waltrop"
    ),
    "Kreis Unna": _names(
        "Unna, Lünen, Kamen, Bergkamen, Schwerte, Werne, Selm, Fröndenberg, Holzwickede, Bönen"
    ),
    "Ennepe-Ruhr-Kreis": _names(
        "Witten, Hattingen, Schwelm, Gevelsberg, Ennepetal, Sprockhövel, Wetter (Ruhr), Herdecke,"
        " Breckerfeld"
    ),
    "Märkischer Kreis": _names(
        "Lüdenscheid, Iserlohn, Menden, Hemer, Plettenberg, Altena, Werdohl, Meinerzhagen, "
        "Halver, Kierspe, Balve, Neuenrade, Schalksmühle"
    ),
    "Hochsauerlandkreis": _names(
        "Arnsberg, Meschede, Sundern, Brilon, Schmallenberg, Winterberg, Marsberg, Olsberg, "
        "Medebach, Hallenberg, Bestwig, Eslohe"
    ),
    "Kreis Soest": _names(
        "Soest, Lippstadt, Werl, Warstein, Geseke, Erwitte, Rüthen, Anröchte, Bad Sassendorf, "
        "Ense, Lippetal, Möhnesee, Welver"
    ),
    "Kreis Olpe": _names(
        "Olpe, Attendorn, Lennestadt, Finnentrop, Drolshagen, Kirchhundem, Wenden"
    ),
    "Kreis Siegen-Wittgenstein": _names(
        "Siegen, Kreuztal, Netphen, Hilchenbach, Bad Berleburg, Bad Laasphe, Freudenberg, "
        "Neunkirchen, Burbach, Wilnsdorf, Erndtebrück"
    ),
    "Kreis Paderborn": _names(
        "Paderborn, Delbrück, Salzkotten, Büren, Bad Lippspringe, Bad Wünnenberg, Hövelhof, "
        "Borchen, Altenbeken, Lichtenau"
    ),
    "Kreis Höxter": _names(
        "Höxter, Bad Driburg, Brakel, Warburg, Steinheim, Nieheim, Beverungen, Borgentreich, "
        "Willebadessen, Marienmünster"
    ),
    "Kreis Lippe": _names(
        "Detmold, Lemgo, Bad Salzuflen, Lage, Blomberg, Horn-Bad Meinberg, Oerlinghausen, "
        "Leopoldshöhe, Barntrup, Kalletal, Extertal, Augustdorf, Schlangen, Lügde"
    ),
    "Kreis Herford": _names(
        "Herford, Bünde, Löhne, Enger, Spenge, Vlotho, Kirchlengern, Rödinghausen, Hiddenhausen"
    ),
    "Kreis Minden-Lübbecke": _names(
        "Minden, Bad Oeynhausen, Porta Westfalica, Lübbecke, Espelkamp, Petershagen, Rahden, "
        "Preußisch Oldendorf, Hille, Hüllhorst, Stemwede"
    ),
    "Kreis Gütersloh": _names(
        "Gütersloh, Rheda-Wiedenbrück, Verl, Harsewinkel, Schloß Holte-Stukenbrock, Halle "
        "(Westf.), Versmold, Rietberg, Werther (Westf.), Steinhagen, Herzebrock-Clarholz"
    ),
}

# Kreisfreie Städte with a few of their Stadtbezirke (they name local offices and clubs).
STAEDTE: dict[str, tuple[str, ...]] = {
    "Bielefeld": _names("Mitte, Brackwede, Sennestadt, Heepen, Schildesche"),
    "Bochum": _names("Mitte, Wattenscheid, Langendreer, Gerthe, Weitmar"),
    "Bonn": _names("Zentrum, Bad Godesberg, Beuel, Hardtberg, Tannenbusch"),
    "Bottrop": _names("Mitte, Kirchhellen, Eigen, Batenbrock"),
    "Dortmund": _names("Innenstadt-Nord, Eving, Scharnhorst, Hörde, Huckarde, Mengede"),
    "Duisburg": _names("Marxloh, Hochfeld, Rheinhausen, Walsum, Meiderich, Homberg"),
    "Düsseldorf": _names("Oberbilk, Garath, Eller, Rath, Bilk, Benrath"),
    "Essen": _names("Katernberg, Altendorf, Steele, Altenessen, Rüttenscheid, Borbeck"),
    "Gelsenkirchen": _names("Schalke, Bismarck, Buer, Horst, Ückendorf"),
    "Hagen": _names("Mitte, Haspe, Hohenlimburg, Wehringhausen"),
    "Hamm": _names("Mitte, Herringen, Bockum-Hövel, Heessen, Pelkum"),
    "Herne": _names("Mitte, Wanne, Eickel, Sodingen"),
    "Köln": _names("Chorweiler, Kalk, Mülheim, Ehrenfeld, Porz, Nippes, Innenstadt"),
    "Krefeld": _names("Mitte, Uerdingen, Hüls, Fischeln, Oppum"),
    "Leverkusen": _names("Wiesdorf, Opladen, Rheindorf, Schlebusch"),
    "Mönchengladbach": _names("Rheydt, Mitte, Odenkirchen, Hardt, Giesenkirchen"),
    "Mülheim an der Ruhr": _names("Styrum, Eppinghofen, Saarn, Heißen"),
    "Münster": _names("Mitte, Kinderhaus, Coerde, Hiltrup, Gievenbeck"),
    "Oberhausen": _names("Alt-Oberhausen, Sterkrade, Osterfeld, Lirich"),
    "Remscheid": _names("Alt-Remscheid, Lennep, Lüttringhausen, Süd"),
    "Solingen": _names("Mitte, Ohligs, Wald, Höhscheid"),
    "Wuppertal": _names("Elberfeld, Barmen, Oberbarmen, Vohwinkel, Ronsdorf"),
}

KEYNOTE_KREIS = "Kreis Heinsberg"

# Places above that are Gemeinden, not Städte (the others carry town rights).
GEMEINDEN = frozenset(
    _names(
        "Aldenhoven, Alfter, Alpen, Altenbeken, Altenberge, Anröchte, Ascheberg, Augustdorf, Bad "
        "Sassendorf, Bedburg-Hau, Bestwig, Blankenheim, Borchen, Brüggen, Burbach, Bönen, Eitorf, "
        "Engelskirchen, Ense, Erndtebrück, Eslohe, Everswinkel, Extertal, Finnentrop, Gangelt, "
        "Grefrath, Havixbeck, Heiden, Hellenthal, Herzebrock-Clarholz, Hiddenhausen, Hille, "
        "Holzwickede, Hövelhof, Hüllhorst, Hünxe, Inden, Issum, Kall, Kalletal, Kerken, Kirchhundem, "
        "Kirchlengern, Kranenburg, Kreuzau, Kürten, Langerwehe, Legden, Leopoldshöhe, Lindlar, "
        "Lippetal, Lotte, Marienheide, Merzenich, Mettingen, Morsbach, Much, Möhnesee, Nettersheim, "
        "Neuenkirchen, Neunkirchen, Niederkrüchten, Niederzier, Nordkirchen, Nordwalde, Nottuln, "
        "Nörvenich, Nümbrecht, Odenthal, Ostbevern, Raesfeld, Recke, Reichshof, Reken, Roetgen, "
        "Rommerskirchen, Rosendahl, Rödinghausen, Saerbeck, Schalksmühle, Schermbeck, Schlangen, "
        "Schwalmtal, Selfkant, Senden, Simmerath, Sonsbeck, Steinhagen, Stemwede, Swisttal, Titz, "
        "Uedem, Vettweiß, Wachtberg, Wadersloh, Waldfeucht, Weeze, Weilerswist, Welver, Wenden, "
        "Westerkappeln, Wettringen, Wilnsdorf, Windeck"
    )
)

# Ministries and bodies above the Kreis (level, kind, sector, name, short name, dimensions).
SUPERORDINATE = [
    (
        Level.EU,
        Sector.EXECUTIVE,
        "Europäische Kommission – Generaldirektion Migration und Inneres",
        "GD HOME",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.EU,
        Sector.LEGISLATURE,
        "Europäisches Parlament – Ausschuss für bürgerliche Freiheiten, Justiz und Inneres",
        "LIBE",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.EU,
        Sector.EXECUTIVE,
        "Asyl-, Migrations- und Integrationsfonds – Programmstelle",
        "AMIF",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.LEGISLATURE,
        "Deutscher Bundestag – Ausschuss für Inneres",
        "",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.FEDERAL,
        Sector.EXECUTIVE,
        "Beauftragte der Bundesregierung für Migration, Flüchtlinge und Integration",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.EXECUTIVE,
        "Bundesministerium für Arbeit und Soziales",
        "BMAS",
        {Dimension.WELFARE: Obligation.MANDATORY},
    ),
    (
        Level.FEDERAL,
        Sector.EXECUTIVE,
        "Bundesministerium für Familie, Senioren, Frauen und Jugend",
        "BMFSFJ",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.EXECUTIVE,
        "Bundesagentur für Arbeit",
        "BA",
        {Dimension.WELFARE: Obligation.MANDATORY},
    ),
    (
        Level.FEDERAL,
        Sector.INTEREST_GROUP,
        "Deutscher Städtetag",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.INTEREST_GROUP,
        "Deutscher Landkreistag",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.LABOUR_MARKET,
        "Bundesvereinigung der Deutschen Arbeitgeberverbände",
        "BDA",
        {Dimension.WELFARE: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.LABOUR_MARKET,
        "Deutscher Gewerkschaftsbund",
        "DGB",
        {Dimension.WELFARE: Obligation.VOLUNTARY},
    ),
    (
        Level.FEDERAL,
        Sector.MEDIA,
        "Mediendienst Integration",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.LEGISLATURE,
        "Landtag Nordrhein-Westfalen – Integrationsausschuss",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Landesweite Koordinierungsstelle Kommunale Integrationszentren",
        "LaKI",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Bezirksregierung Arnsberg",
        "",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Bezirksregierung Detmold",
        "",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Bezirksregierung Düsseldorf",
        "",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Bezirksregierung Köln",
        "",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Bezirksregierung Münster",
        "",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Zentrale Ausländerbehörde Unna",
        "ZAB",
        {Dimension.SECURITY: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.EXECUTIVE,
        "Regionaldirektion Nordrhein-Westfalen der Bundesagentur für Arbeit",
        "",
        {Dimension.WELFARE: Obligation.MANDATORY},
    ),
    (
        Level.STATE,
        Sector.INTEREST_GROUP,
        "Städtetag Nordrhein-Westfalen",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.INTEREST_GROUP,
        "Landkreistag Nordrhein-Westfalen",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.INTEREST_GROUP,
        "Landesintegrationsrat NRW",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.INTEREST_GROUP,
        "Flüchtlingsrat NRW",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.LABOUR_MARKET,
        "unternehmer nrw",
        "",
        {Dimension.WELFARE: Obligation.VOLUNTARY},
    ),
    (
        Level.STATE,
        Sector.MEDIA,
        "WDR – Redaktion Integration",
        "",
        {Dimension.COHESION: Obligation.VOLUNTARY},
    ),
]

# What a sector does as a rule, as (dimension, obligation) pairs.
SECTOR_DIMENSIONS: dict[str, tuple[tuple[str, str], ...]] = {
    Sector.COUNCIL: ((Dimension.COHESION, Obligation.VOLUNTARY),),
    Sector.INTEGRATION_COUNCIL: ((Dimension.COHESION, Obligation.VOLUNTARY),),
    Sector.LOCAL_AUTHORITY: (
        (Dimension.SECURITY, Obligation.MANDATORY),
        (Dimension.WELFARE, Obligation.MANDATORY),
        (Dimension.COHESION, Obligation.VOLUNTARY),
    ),
    Sector.IMMIGRATION_AUTHORITY: ((Dimension.SECURITY, Obligation.MANDATORY),),
    Sector.SOCIAL_ADMINISTRATION: ((Dimension.WELFARE, Obligation.MANDATORY),),
    Sector.SCHOOL_AUTHORITY: ((Dimension.WELFARE, Obligation.MANDATORY),),
    Sector.DEVELOPMENT_AUTHORITY: ((Dimension.WELFARE, Obligation.VOLUNTARY),),
    Sector.INTEGRATION_OFFICE: (
        (Dimension.COHESION, Obligation.VOLUNTARY),
        (Dimension.WELFARE, Obligation.VOLUNTARY),
    ),
    Sector.WELFARE: (
        (Dimension.WELFARE, Obligation.VOLUNTARY),
        (Dimension.COHESION, Obligation.VOLUNTARY),
    ),
    Sector.CHURCH: ((Dimension.COHESION, Obligation.VOLUNTARY),),
    Sector.JOBCENTER: ((Dimension.WELFARE, Obligation.MANDATORY),),
    Sector.SCHOOL: ((Dimension.WELFARE, Obligation.MANDATORY),),
    Sector.POLICE: ((Dimension.SECURITY, Obligation.MANDATORY),),
    Sector.FEDERAL_OFFICE: (
        (Dimension.SECURITY, Obligation.MANDATORY),
        (Dimension.COHESION, Obligation.VOLUNTARY),
    ),
    Sector.CHAMBER: ((Dimension.WELFARE, Obligation.VOLUNTARY),),
    Sector.HOUSING_COMPANY: ((Dimension.WELFARE, Obligation.VOLUNTARY),),
    Sector.CLUB: ((Dimension.COHESION, Obligation.VOLUNTARY),),
    Sector.MIGRANT_ORGANISATION: ((Dimension.COHESION, Obligation.VOLUNTARY),),
    Sector.MIGRATION_COUNSELLING: (
        (Dimension.WELFARE, Obligation.VOLUNTARY),
        (Dimension.COHESION, Obligation.VOLUNTARY),
    ),
    Sector.ADULT_EDUCATION: ((Dimension.COHESION, Obligation.VOLUNTARY),),
}

KIND_OF_SECTOR = {
    Sector.COUNCIL: Kind.POLITICS,
    Sector.INTEGRATION_COUNCIL: Kind.POLITICS,
    Sector.LOCAL_AUTHORITY: Kind.ADMINISTRATION,
    Sector.IMMIGRATION_AUTHORITY: Kind.ADMINISTRATION,
    Sector.SOCIAL_ADMINISTRATION: Kind.ADMINISTRATION,
    Sector.SCHOOL_AUTHORITY: Kind.ADMINISTRATION,
    Sector.DEVELOPMENT_AUTHORITY: Kind.ADMINISTRATION,
    Sector.INTEGRATION_OFFICE: Kind.ADMINISTRATION,
}

# Slugs of the keynote's target groups a sector's offers are meant for, as a rule.
SECTOR_TARGET_GROUPS: dict[str, tuple[str, ...]] = {
    Sector.IMMIGRATION_AUTHORITY: ("neuzugewanderte", "gefluechtete", "geduldete"),
    Sector.SOCIAL_ADMINISTRATION: (
        "gefluechtete",
        "kinder-und-jugendliche",
        "unbegleitete-minderjaehrige",
    ),
    Sector.INTEGRATION_OFFICE: ("neuzugewanderte", "kinder-und-jugendliche", "ehrenamtliche"),
    Sector.WELFARE: ("gefluechtete", "erwachsene-zugewanderte", "ehrenamtliche"),
    Sector.CHURCH: ("gefluechtete", "ehrenamtliche"),
    Sector.JOBCENTER: ("erwachsene-zugewanderte", "gefluechtete"),
    Sector.SCHOOL: ("kinder-und-jugendliche", "neuzugewanderte"),
    Sector.CLUB: ("kinder-und-jugendliche", "ehrenamtliche"),
    Sector.MIGRANT_ORGANISATION: ("neuzugewanderte", "erwachsene-zugewanderte", "ehrenamtliche"),
    Sector.MIGRATION_COUNSELLING: (
        "erwachsene-zugewanderte",
        "kinder-und-jugendliche",
        "neuzugewanderte",
    ),
    Sector.ADULT_EDUCATION: ("erwachsene-zugewanderte", "neuzugewanderte"),
    Sector.FEDERAL_OFFICE: ("neuzugewanderte", "gefluechtete"),
    Sector.HOUSING_COMPANY: ("gefluechtete",),
}

# Tasks of the keynote (Bogumil & Hafner, by slug) that a sector takes on, as a rule.
SECTOR_TASKS: dict[str, tuple[str, ...]] = {
    Sector.IMMIGRATION_AUTHORITY: ("auslaenderwesen", "einbuergerungswesen"),
    Sector.SOCIAL_ADMINISTRATION: (
        "leistungsverwaltung-asylblg",
        "unterbringung-asylbewerber",
        "uma",
        "sozial-kinder-jugendhilfe",
        "kultur-und-vereinsfoerderung",
    ),
    Sector.SCHOOL_AUTHORITY: ("schultraegerschaft", "kindergaerten"),
    Sector.DEVELOPMENT_AUTHORITY: ("sozialer-wohnungsbau",),
    Sector.INTEGRATION_OFFICE: ("freiwillige-integrationsleistungen",),
    Sector.JOBCENTER: ("eingliederungsmassnahmen",),
    Sector.ADULT_EDUCATION: ("volkshochschulen",),
    Sector.LOCAL_AUTHORITY: ("unterbringung-asylbewerber", "kindergaerten"),
}

# Sectors whose offers are counselling and services: they name the languages they offer.
COUNSELLING_SECTORS = frozenset(
    {
        Sector.MIGRATION_COUNSELLING,
        Sector.MIGRANT_ORGANISATION,
        Sector.WELFARE,
        Sector.INTEGRATION_OFFICE,
        Sector.IMMIGRATION_AUTHORITY,
        Sector.SOCIAL_ADMINISTRATION,
        Sector.JOBCENTER,
        Sector.ADULT_EDUCATION,
        Sector.FEDERAL_OFFICE,
    }
)

FIRST_NAMES = _names(
    "Anna, Lena, Julia, Sarah, Laura, Katharina, Maria, Sabine, Petra, Claudia, Monika, Andrea, "
    "Birgit, Susanne, Nicole, Ayşe, Fatma, Elif, Zeynep, Leyla, Amira, Mariam, Nour, Olena, "
    "Iryna, Natalia, Agnieszka, Joanna, Thomas, Michael, Andreas, Stefan, Markus, Christian, Jan,"
    " Tobias, Daniel, Frank, Peter, Klaus, Jürgen, Mehmet, Mustafa, Ahmet, Emre, Yusuf, Ali, "
    "Omar, Khaled, Samir, Dmitri, Sergej, Oleksandr, Piotr, Tomasz, Giuseppe, Kwame, Abdi, Reza, "
    "Hamid"
)
LAST_NAMES = _names(
    "Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, "
    "Schäfer, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, "
    "Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, Krause, Meier, Lehmann, Schmitz, Jansen, "
    "Hermanns, Janssen, Peters, Heinrichs, Yılmaz, Kaya, Demir, Şahin, Çelik, Öztürk, Aydın, "
    "Haddad, Khalil, Nasser, Rahimi, Ahmadi, Kowalski, Nowak, Wiśniewska, Kovalenko, Shevchenko, "
    "Bondarenko, Ivanova, Rossi, Mensah, Hassan, Mohammadi, Popescu"
)
FUNCTIONS = _names(
    "Sachgebietsleitung, Integrationsbeauftragte, Beratung, Koordination Ehrenamt, "
    "Schulsozialarbeit, Vorsitz, Geschäftsführung, Fallmanagement, Teamleitung, "
    "Bildungskoordination, Stellvertretende Leitung, Sekretariat"
)
STREETS = _names(
    "Hauptstraße, Kirchstraße, Bahnhofstraße, Schulstraße, Marktplatz, Lindenallee, Gartenstraße,"
    " Ringstraße, Friedrich-Ebert-Straße, Am Rathaus, Mühlenweg, Burgstraße, Poststraße, Kölner "
    "Straße, Aachener Straße, Bergstraße, Wilhelmstraße, Am Markt, Jahnstraße, Goethestraße"
)
SCHOOL_PATRONS = _names(
    "Anne-Frank, Geschwister-Scholl, Albert-Schweitzer, Marie-Curie, Heinrich-Heine, "
    "Bertha-von-Suttner, Konrad-Adenauer, Theodor-Heuss, Hildegard-von-Bingen, Janusz-Korczak, "
    "Astrid-Lindgren, Erich-Kästner, Hans-Böckler, Sophie-Scholl, Nelly-Sachs, "
    "Carl-von-Ossietzky, Käthe-Kollwitz, Friedrich-Schiller"
)
SCHOOL_TYPES = _names(
    "Grundschule, Gemeinschaftsgrundschule, Katholische Grundschule, Hauptschule, Realschule, "
    "Gesamtschule, Gymnasium, Sekundarschule, Förderschule"
)
SAINTS = _names(
    "St. Martin, St. Lambertus, St. Josef, St. Marien, St. Johannes, St. Antonius, St. Nikolaus, "
    "Heilig Kreuz, St. Gertrud, St. Michael"
)
CLUB_NAMES = (
    "Sportverein {adj} {ort} {year} e.V.",
    "Turnverein {ort} {year} e.V.",
    "Fußballclub {adj} {ort} e.V.",
    "Bürgerverein {ort}-{street} e.V.",
    "Heimatverein {ort} e.V.",
    "Schützenbruderschaft {saint} {ort}",
    "Förderverein Begegnungscafé {ort} e.V.",
    "Tafel {ort} e.V.",
    "Netzwerk Willkommen in {ort}",
    "Patenschaftsprojekt {ort} e.V.",
    "Boxclub {ort} {year} e.V.",
    "Schachverein {adj} {ort}",
    "Nachbarschaftshilfe {ort}-{street}",
    "Kleiderkammer {ort} e.V.",
    "Musikschule {ort} e.V.",
    "Jugendzentrum {ort}",
)
CLUB_ADJECTIVES = _names(
    "Grün-Weiß, Blau-Weiß, Rot-Weiß, Eintracht, Concordia, Fortuna, Germania, Viktoria, Borussia,"
    " Union, Teutonia, Alemannia"
)
MSO_NAMES = (
    "Deutsch-Türkischer Kulturverein {ort} e.V.",
    "Syrischer Elternverein {ort}",
    "Ukrainischer Kulturverein {ort} e.V.",
    "Afrikanisches Frauennetzwerk {ort}",
    "Polnischer Verein {ort} e.V.",
    "Eritreische Gemeinde {ort}",
    "Kurdisches Kulturzentrum {ort} e.V.",
    "Afghanischer Kulturverein {ort}",
    "Griechische Gemeinde {ort} e.V.",
    "Italienischer Kulturkreis {ort}",
    "Islamische Gemeinde {ort} e.V.",
    "Deutsch-Arabischer Freundeskreis {ort}",
    "Russischsprachige Elterninitiative {ort}",
    "Iranischer Kulturverein {ort} e.V.",
    "Marokkanischer Verein {ort}",
    "Tamilischer Kulturverein {ort}",
)
WELFARE_ORGS = (
    ("Caritasverband", "Caritas"),
    ("Diakonisches Werk", "Diakonie"),
    ("Arbeiterwohlfahrt", "AWO"),
    ("Deutsches Rotes Kreuz", "DRK"),
    ("Der Paritätische", "Paritätische"),
)
WELFARE_BRANCHES = (
    "{short} Familienzentrum {ort}",
    "{short} Beratungsstelle {ort}",
    "{short} Ortsverein {ort}",
    "{short} Begegnungsstätte {ort}",
    "{short} Flüchtlingsberatung {ort}",
    "{short} Sozialstation {ort}",
    "{short} Kindertagesstätte {ort}",
    "{short} Quartiersbüro {ort}-{street}",
)
COUNSELLING_NAMES = (
    ("Migrationsberatung für erwachsene Zuwanderer {ort}", "MBE"),
    ("Jugendmigrationsdienst {ort}", "JMD"),
    ("Integrationsagentur {ort}", ""),
    ("Servicestelle Antidiskriminierungsarbeit {ort}", ""),
    ("Psychosoziale Beratung für Geflüchtete {ort}", ""),
    ("Anerkennungsberatung {ort}", ""),
)
DESCRIPTION_OPENINGS = {
    Sector.SCHOOL: "Schule in {ort} mit Vorbereitungsklassen für neu zugewanderte Kinder und Jugendliche.",
    Sector.CLUB: "Verein in {ort}, der Menschen mit und ohne Einwanderungsgeschichte zusammenbringt.",
    Sector.MIGRANT_ORGANISATION: "Migrantenselbstorganisation in {ort}: Beratung in der Herkunftssprache, Kulturarbeit und Elternarbeit.",
    Sector.CHURCH: "Kirchengemeinde in {ort} mit Begegnungscafé, Sprachpatenschaften und Kleiderkammer.",
    Sector.WELFARE: "Einrichtung eines Wohlfahrtsverbandes in {ort}: Beratung, Begleitung und Angebote für Familien.",
    Sector.MIGRATION_COUNSELLING: "Beratung zu Aufenthalt, Sprache, Arbeit und Familie für Zugewanderte in {ort}.",
    Sector.IMMIGRATION_AUTHORITY: "Zuständig für Aufenthaltstitel, Duldungen und Einbürgerungen in {ort}.",
    Sector.SOCIAL_ADMINISTRATION: "Leistungen nach dem Asylbewerberleistungsgesetz, Jugendhilfe und Unterbringung in {ort}.",
    Sector.INTEGRATION_OFFICE: "Koordiniert die Integrationsarbeit in {ort}: Bildung, Querschnittsaufgabe und Ehrenamt.",
    Sector.JOBCENTER: "Grundsicherung und Eingliederung in Arbeit für Menschen aus {ort}.",
    Sector.ADULT_EDUCATION: "Integrationskurse, Berufssprachkurse und Alphabetisierung in {ort}.",
    Sector.HOUSING_COMPANY: "Vermietet geförderten Wohnraum in {ort}, auch an geflüchtete Familien.",
}
DESCRIPTION_EXTRAS = (
    "Angebote auch auf Arabisch, Türkisch und Ukrainisch.",
    "Termine nach Vereinbarung; offene Sprechstunde einmal in der Woche.",
    "Arbeitet eng mit dem Kommunalen Integrationszentrum zusammen.",
    "Sucht Ehrenamtliche für Sprachpatenschaften und Hausaufgabenhilfe.",
    "Barrierefreier Zugang, Dolmetschende auf Anfrage.",
    "Teil des Case-Management-Verbunds im Kommunalen Integrationsmanagement.",
    "Gefördert aus Landesmitteln (Teilhabe- und Integrationsgesetz NRW).",
)
OPENING_HOURS = (
    "Mo–Fr 8:30–12:00, Do 14:00–17:30",
    "Di und Do 9:00–12:00 und 14:00–16:00",
    "Mo, Mi, Fr 10:00–13:00",
    "Nach Vereinbarung",
)
INTERNAL_NOTES = (
    "Ansprechperson wechselt zum Quartalsende.",
    "Kooperationsvereinbarung liegt vor.",
    "Einladung zur Lenkungsgruppe läuft über das Sekretariat.",
    "Daten zuletzt telefonisch bestätigt.",
)


@dataclass
class Region:
    """One Kreis or kreisfreie Stadt and the ids of its demo actors, for demo_networks."""

    name: str
    is_city: bool
    places: tuple[str, ...]
    actor_ids: list[int] = field(default_factory=list)
    # Actors a network is led by or built around, by role ("ki", "abh", "jobcenter", …),
    # and the member municipalities by ``municipality_anchor(place)``.
    anchors: dict[str, int] = field(default_factory=dict)


@dataclass
class _Row:
    """An actor to be written, with what goes into its related tables."""

    actor: Actor
    region: Region
    dimensions: tuple[tuple[str, str], ...]
    target_groups: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    tasks: tuple[str, ...] = ()
    contacts: int = 0
    parent_key: str = ""
    municipality_key: str = ""
    anchor: str = ""
    # An actor of the keynote with the same name: referenced, never written or removed.
    existing: bool = False


def municipality_anchor(place: str) -> str:
    """The key of a member municipality among its region's ``anchors`` (for demo_offers)."""
    return f"kommune:{place}"


def regions_for(scale_regions: int | None) -> list[Region]:
    """The keynote's Kreis first, then the other Kreise and the kreisfreie Städte."""
    regions = [Region(KEYNOTE_KREIS, False, KREISE[KEYNOTE_KREIS])]
    regions += [Region(n, False, places) for n, places in KREISE.items() if n != KEYNOTE_KREIS]
    regions += [Region(n, True, districts) for n, districts in STAEDTE.items()]
    return regions if scale_regions is None else regions[:scale_regions]


class _Generator:
    def __init__(self, rng: random.Random, today: datetime.date):
        self.rng = rng
        self.today = today
        self.rows: list[_Row] = []
        self.slugs = set(Actor.objects.values_list("slug", flat=True))
        self.keys: dict[str, _Row] = {}
        # Where the keynote already has an actor of the same name (its ten municipalities,
        # say), the demo data uses it instead of inventing a twin.
        self.existing = dict(Actor.objects.filter(is_demo=False).values_list("name", "pk"))
        self.all_public = False

    # -- naming --------------------------------------------------------------
    def slug(self, name: str) -> str:
        base = slugify(name)[:180].strip("-") or "akteur"
        slug, number = base, 1
        while slug in self.slugs:
            number += 1
            slug = f"{base}-{number}"
        self.slugs.add(slug)
        return slug

    def add(
        self,
        region: Region,
        name: str,
        sector: str,
        level: str,
        *,
        place: str,
        short_name: str = "",
        key: str = "",
        parent_key: str = "",
        municipality_key: str = "",
        anchor: str = "",
        kind: str = "",
        dimensions: tuple[tuple[str, str], ...] | None = None,
        public: bool | None = None,
    ) -> _Row:
        rng = self.rng
        if name in self.existing:
            row = _Row(Actor(pk=self.existing[name], name=name), region, (), anchor=anchor)
            row.existing = True
            self.rows.append(row)
            if key:
                self.keys[key] = row
            return row
        slug = self.slug(name)
        opening = DESCRIPTION_OPENINGS.get(sector, "Akteur der Integrationsarbeit in {ort}.")
        description = opening.format(ort=place)
        if rng.random() < 0.6:
            description += " " + rng.choice(DESCRIPTION_EXTRAS)
        local = level in (Level.DISTRICT, Level.MUNICIPALITY)
        actor = Actor(
            name=name[:200],
            short_name=short_name,
            slug=slug,
            level=level,
            kind=kind or KIND_OF_SECTOR.get(sector, Kind.EXTERNAL),
            sector=sector,
            is_public=public if public is not None else (self.all_public or rng.random() < 0.88),
            description=description,
            street=f"{rng.choice(STREETS)} {rng.randint(1, 120)}" if local else "",
            city=place if local else "",
            email=f"{slug[:56].rstrip('-')}@example.org",
            website=f"https://example.org/{slug}",
            opening_hours=rng.choice(OPENING_HOURS) if rng.random() < 0.5 else "",
            internal_notes=rng.choice(INTERNAL_NOTES) if rng.random() < 0.2 else "",
            last_verified=self.today - datetime.timedelta(days=rng.randint(0, 720)),
            is_demo=True,
        )
        groups = SECTOR_TARGET_GROUPS.get(sector, ())
        # Counselling services offer several languages; a school or a club rarely lists any.
        others = [code for code in seed.LANGUAGES if code != "de"]
        extra = rng.randint(0, 3) if sector in COUNSELLING_SECTORS else int(rng.random() < 0.15)
        languages = ("de", *rng.sample(others, k=min(extra, len(others))))
        row = _Row(
            actor=actor,
            region=region,
            dimensions=dimensions if dimensions is not None else SECTOR_DIMENSIONS.get(sector, ()),
            target_groups=tuple(g for g in groups if rng.random() < 0.7),
            languages=languages,
            tasks=SECTOR_TASKS.get(sector, ()),
            contacts=rng.choice((0, 1, 1, 1, 2)),
            parent_key=parent_key,
            municipality_key=municipality_key,
            anchor=anchor,
        )
        self.rows.append(row)
        if key:
            self.keys[key] = row
        return row

    # -- shapes --------------------------------------------------------------
    def superordinate(self, region: Region) -> None:
        for level, sector, name, short_name, dims in SUPERORDINATE:
            self.add(
                region,
                name,
                sector,
                level,
                place="Nordrhein-Westfalen",
                short_name=short_name,
                kind=Kind.SUPERORDINATE,
                dimensions=tuple(dims.items()),
            )

    def region_core(self, region: Region) -> None:
        """The offices every Kreis or kreisfreie Stadt has, on the Kreis level (all public)."""
        self.all_public = True
        self._region_core(region)
        self.all_public = False

    def _region_core(self, region: Region) -> None:
        r, D = region.name, Level.DISTRICT
        seat = region.places[0] if not region.is_city else region.name
        admin = f"Stadt {r}" if region.is_city else r
        k = f"{r}:"
        self.add(region, admin, Sector.LOCAL_AUTHORITY, D, place=seat, key=k + "admin")
        self.add(
            region,
            f"Ausländerbehörde {admin}",
            Sector.IMMIGRATION_AUTHORITY,
            D,
            place=seat,
            short_name="ABH",
            parent_key=k + "admin",
            anchor="abh",
        )
        self.add(
            region,
            f"Einbürgerungsbehörde {admin}",
            Sector.IMMIGRATION_AUTHORITY,
            D,
            place=seat,
            short_name="EBH",
            parent_key=k + "admin",
        )
        self.add(
            region,
            f"Jugendamt {admin}",
            Sector.SOCIAL_ADMINISTRATION,
            D,
            place=seat,
            parent_key=k + "admin",
            anchor="jugendamt",
        )
        self.add(
            region,
            f"Sozialamt {admin}",
            Sector.SOCIAL_ADMINISTRATION,
            D,
            place=seat,
            parent_key=k + "admin",
            anchor="sozialamt",
        )
        self.add(
            region,
            f"Schulamt {admin}",
            Sector.SCHOOL_AUTHORITY,
            D,
            place=seat,
            parent_key=k + "admin",
            anchor="schulamt",
        )
        self.add(
            region,
            f"Kommunales Integrationszentrum {r}",
            Sector.INTEGRATION_OFFICE,
            D,
            place=seat,
            short_name="KI",
            parent_key=k + "admin",
            key=k + "ki",
            anchor="ki",
        )
        self.add(
            region,
            f"KIM Case Management {r}",
            Sector.INTEGRATION_OFFICE,
            D,
            place=seat,
            short_name="KIM",
            parent_key=k + "ki",
            anchor="kim",
        )
        self.add(
            region,
            "Rat der Stadt " + r if region.is_city else f"Kreistag {r}",
            Sector.COUNCIL,
            D,
            place=seat,
        )
        self.add(
            region,
            f"Integrationsrat {admin}",
            Sector.INTEGRATION_COUNCIL,
            D,
            place=seat,
            anchor="integrationsrat",
        )
        self.add(
            region,
            f"Jobcenter {r}",
            Sector.JOBCENTER,
            D,
            place=seat,
            anchor="jobcenter",
            kind=Kind.EXTERNAL,
        )
        self.add(
            region,
            ("Polizeipräsidium " if region.is_city else "Kreispolizeibehörde ") + r,
            Sector.POLICE,
            D,
            place=seat,
            anchor="polizei",
        )
        self.add(
            region,
            f"BAMF-Regionalstelle {seat}",
            Sector.FEDERAL_OFFICE,
            Level.FEDERAL,
            place=seat,
            short_name="BAMF",
            anchor="bamf",
        )
        self.add(
            region,
            f"Volkshochschule {r}",
            Sector.ADULT_EDUCATION,
            D,
            place=seat,
            short_name="VHS",
            anchor="vhs",
        )
        self.add(region, f"Wohnungsbaugesellschaft {r}", Sector.HOUSING_COMPANY, D, place=seat)
        for long_name, short in WELFARE_ORGS:
            self.add(
                region,
                f"{long_name} {r}",
                Sector.WELFARE,
                D,
                place=seat,
                key=f"{k}welfare:{short}",
                anchor=f"welfare:{short}",
            )

    def place_core(self, region: Region, place: str) -> None:
        """A town of a Kreis (or a Stadtbezirk of a kreisfreie Stadt) and its own offices."""
        M = Level.MUNICIPALITY
        k = f"{region.name}:{place}:"
        if region.is_city:
            label = f"{region.name}-{place}"
            self.add(
                region,
                f"Bezirksvertretung {label}",
                Sector.COUNCIL,
                M,
                place=label,
                parent_key=f"{region.name}:admin",
            )
            self.add(
                region,
                f"Bürgeramt {label}",
                Sector.SOCIAL_ADMINISTRATION,
                M,
                place=label,
                parent_key=f"{region.name}:admin",
            )
            return
        kind_of_place = "Gemeinde" if place in GEMEINDEN else "Stadt"
        self.add(
            region,
            f"{kind_of_place} {place}",
            Sector.LOCAL_AUTHORITY,
            M,
            place=place,
            key=k + "admin",
            anchor=municipality_anchor(place),
            public=True,
        )
        self.add(
            region,
            f"Rat der {kind_of_place} {place}",
            Sector.COUNCIL,
            M,
            place=place,
            municipality_key=k + "admin",
            public=True,
        )
        self.add(
            region,
            f"Sozialamt {place}",
            Sector.SOCIAL_ADMINISTRATION,
            M,
            place=place,
            parent_key=k + "admin",
            municipality_key=k + "admin",
        )
        self.add(
            region,
            f"Amt für Stadtentwicklung und Wohnen {place}",
            Sector.DEVELOPMENT_AUTHORITY,
            M,
            place=place,
            parent_key=k + "admin",
            municipality_key=k + "admin",
        )

    def local_actor(self, region: Region, place: str) -> None:
        """One of the many schools, clubs, churches and services of a place."""
        rng = self.rng
        M = Level.MUNICIPALITY
        label = f"{region.name}-{place}" if region.is_city else place
        municipality_key = "" if region.is_city else f"{region.name}:{place}:admin"
        street = rng.choice(STREETS)
        choice = rng.random()
        if choice < 0.22:
            patron = rng.choice(SCHOOL_PATRONS) if rng.random() < 0.6 else street
            name = f"{rng.choice(SCHOOL_TYPES)} {patron} {label}"
            self.add(region, name, Sector.SCHOOL, M, place=label, municipality_key=municipality_key)
        elif choice < 0.46:
            template = rng.choice(CLUB_NAMES)
            name = template.format(
                adj=rng.choice(CLUB_ADJECTIVES),
                ort=label,
                year=rng.randint(1860, 2020),
                street=street.split()[0],
                saint=rng.choice(SAINTS),
            )
            self.add(region, name, Sector.CLUB, M, place=label, municipality_key=municipality_key)
        elif choice < 0.62:
            name = rng.choice(MSO_NAMES).format(ort=label)
            self.add(
                region,
                name,
                Sector.MIGRANT_ORGANISATION,
                M,
                place=label,
                short_name="MSO",
                municipality_key=municipality_key,
            )
        elif choice < 0.74:
            if rng.random() < 0.6:
                name = f"Katholische Kirchengemeinde {rng.choice(SAINTS)} {label}"
            else:
                name = f"Evangelische Kirchengemeinde {label}-{street.split()[0]}"
            self.add(region, name, Sector.CHURCH, M, place=label, municipality_key=municipality_key)
        elif choice < 0.90:
            long_name, short = rng.choice(WELFARE_ORGS)
            name = rng.choice(WELFARE_BRANCHES).format(
                short=short, ort=label, street=street.split()[0]
            )
            self.add(
                region,
                name,
                Sector.WELFARE,
                M,
                place=label,
                parent_key=f"{region.name}:welfare:{short}",
                municipality_key=municipality_key,
            )
        else:
            name, short = rng.choice(COUNSELLING_NAMES)
            self.add(
                region,
                name.format(ort=label),
                Sector.MIGRATION_COUNSELLING,
                M,
                place=label,
                short_name=short,
                municipality_key=municipality_key,
            )


def generate(
    *,
    rng: random.Random,
    actors: int,
    regions: list[Region],
    progress: Progress,
    superordinate: bool = True,
) -> list[Region]:
    """Write about ``actors`` demo actors spread over ``regions``; return the regions with ids."""
    generator = _Generator(rng, timezone.localdate())
    if superordinate:
        generator.superordinate(regions[0])
    for region in regions:
        generator.region_core(region)
        for place in region.places:
            generator.place_core(region, place)
    remaining = max(0, actors - sum(not row.existing for row in generator.rows))
    for index, region in enumerate(regions):
        share = remaining // len(regions) + (1 if index < remaining % len(regions) else 0)
        for _ in range(share):
            generator.local_actor(region, rng.choice(region.places))
    rows = generator.rows[: actors + sum(row.existing for row in generator.rows)]
    _write(rows, generator.keys, progress, rng)
    return regions


def _write(rows: list[_Row], keys: dict[str, _Row], progress: Progress, rng: random.Random) -> None:
    new_rows = [r for r in rows if not r.existing]
    total = len(new_rows)

    def depth(row: _Row) -> int:
        refs = [keys[k] for k in (row.parent_key, row.municipality_key) if k in keys]
        return max((1 + depth(ref) for ref in refs if not ref.existing), default=0)

    # Parents and municipalities are written before the actors that point to them.
    generations: dict[int, list[_Row]] = {}
    for row in new_rows:
        generations.setdefault(depth(row), []).append(row)
    done = 0
    for generation in sorted(generations):
        group = generations[generation]
        for row in group:
            if row.parent_key in keys:
                row.actor.parent_id = keys[row.parent_key].actor.pk
            if row.municipality_key in keys:
                row.actor.municipality_id = keys[row.municipality_key].actor.pk
        for start in range(0, len(group), BATCH_SIZE):
            batch = group[start : start + BATCH_SIZE]
            Actor.objects.bulk_create([r.actor for r in batch], batch_size=BATCH_SIZE)
            done += len(batch)
            progress("Akteure", done, total)
    for row in rows:
        if not row.existing:
            row.region.actor_ids.append(row.actor.pk)
        if row.anchor:
            row.region.anchors[row.anchor] = row.actor.pk
    _write_related(new_rows, progress, rng)


def _ensure_vocabulary() -> None:
    """The keynote's target groups and languages, loaded the way ``seed_keynote`` does."""
    for slug, name in seed.TARGET_GROUPS.items():
        TargetGroup.objects.update_or_create(slug=slug, defaults={"name": name})
    for code, name in seed.LANGUAGES.items():
        Language.objects.update_or_create(code=code, defaults={"name": name})


def _write_related(rows: list[_Row], progress: Progress, rng: random.Random) -> None:
    _ensure_vocabulary()
    groups = {g.slug: g.pk for g in TargetGroup.objects.all()}
    languages = {lang.code: lang.pk for lang in Language.objects.all()}
    tasks = {t.slug: t.pk for t in Task.objects.all()}
    first, last = FIRST_NAMES, LAST_NAMES

    def related():
        for row in rows:
            pk = row.actor.pk
            for dimension, obligation in row.dimensions:
                yield ActorDimension(actor_id=pk, dimension=dimension, obligation=obligation)
            for slug in row.target_groups:
                if slug in groups:
                    yield Actor.target_groups.through(actor_id=pk, targetgroup_id=groups[slug])
            for code in row.languages:
                if code in languages:
                    yield Actor.languages.through(actor_id=pk, language_id=languages[code])
            for slug in row.tasks:
                if slug in tasks:
                    yield Task.responsible_actors.through(actor_id=pk, task_id=tasks[slug])
            for position in range(row.contacts):
                given, family = rng.choice(first), rng.choice(last)
                local = slugify(f"{given}.{family}".replace("ı", "i")).replace("-", ".")
                yield ContactPerson(
                    actor_id=pk,
                    name=f"{given} {family}",
                    function=rng.choice(FUNCTIONS),
                    email=f"{local}@example.org",
                    is_demo=True,
                    position=position,
                )

    _bulk_by_model(related(), progress, "Zuordnungen und Ansprechpersonen", len(rows) * 6)


def _bulk_by_model(objects, progress: Progress, label: str, estimate: int) -> int:
    """bulk_create a stream of mixed model instances, one batch per model at a time."""
    pending: dict[type, list] = {}
    written = 0
    for obj in objects:
        bucket = pending.setdefault(type(obj), [])
        bucket.append(obj)
        if len(bucket) >= BATCH_SIZE:
            type(obj).objects.bulk_create(bucket, batch_size=BATCH_SIZE)
            written += len(bucket)
            bucket.clear()
            progress(label, written, max(estimate, written))
    for model, bucket in pending.items():
        if bucket:
            model.objects.bulk_create(bucket, batch_size=BATCH_SIZE)
            written += len(bucket)
    progress(label, written, written)
    return written


def demo_actors() -> QuerySet:
    return Actor.objects.filter(is_demo=True)


def raw_delete(queryset: QuerySet) -> int:
    """DELETE the rows of a queryset in one statement: no signals, no history, no cascade.

    Demo data is written without history; removing it must not create history either,
    and loading 200,000 rows into Python only to delete them would take minutes.
    """
    meta = queryset.model._meta
    table, pk = connection.ops.quote_name(meta.db_table), connection.ops.quote_name(meta.pk.column)
    sql, params = queryset.values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        # Table and column come from the model, quoted; the subquery is Django's own SQL with
        # its values as parameters.
        cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({sql})", params)  # noqa: S608  # nosec B608
        return cursor.rowcount


def clear() -> dict[str, int]:
    """Remove the demo actors and everything that hangs on them. Keynote data stays."""
    actors = demo_actors()
    counts = {
        "Ansprechpersonen": raw_delete(ContactPerson.objects.filter(actor__in=actors)),
        "Dimensionen": raw_delete(ActorDimension.objects.filter(actor__in=actors)),
    }
    for through in (
        Actor.target_groups.through,
        Actor.languages.through,
        Task.responsible_actors.through,
    ):
        raw_delete(through.objects.filter(actor__in=actors))
    # The self-references are PROTECT: first cut every tie to a demo actor, also from
    # real actors that someone attached to one.
    Actor.objects.filter(is_demo=True).update(parent=None, municipality=None)
    Actor.objects.filter(parent__is_demo=True).update(parent=None)
    Actor.objects.filter(municipality__is_demo=True).update(municipality=None)
    counts["Akteure"] = raw_delete(Actor.objects.filter(is_demo=True))
    return counts
