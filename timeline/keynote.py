"""The content of the keynote, as data: sources, theses, periods, characteristics, events.

Source: "Entwicklung der Integrationsarbeit in den Kommunen", keynote by Prof. Dr. Katrin
Möltgen-Sicking, 2. Integrationskonferenz Kreis Heinsberg, 19.09.2024. German texts
are the keynote's own wording: the bullet points of the periods and the quotes are
verbatim (line breaks of the slides joined). Corrections are listed in
``docs/timeline.md`` and in the ``note`` of the sources concerned. English texts,
summaries and the Leichte-Sprache summaries are editorial.

Events carry a year only where the keynote states one; otherwise ``year`` is ``None``
and the event is dated by its period alone.
"""

from __future__ import annotations

# --- Bibliography -------------------------------------------------------------
# ``listed``: the entry is on the keynote's slide "Literatur" (or "Literaturempfehlung").
# Entries with ``listed=False`` are quoted in the keynote without a literature entry.
SOURCES: list[dict] = [
    {
        "key": "bertelsmann-bmi-2005",
        "short": "Bertelsmann Stiftung & BMI 2005",
        "authors": "Bertelsmann-Stiftung & Bundesministerium des Innern",
        "year": 2005,
        "citation": (
            "Bertelsmann-Stiftung & Bundesministerium des Innern (2005). Erfolgreiche "
            "Integration ist kein Zufall. Gütersloh: Bertelsmann."
        ),
        "note": "Auf der Quellenfolie der Zeitabschnitte als „Bertelsmann & BMI 2005“ zitiert.",
        "note_en": 'Cited on the sources slide of the periods as "Bertelsmann & BMI 2005".',
    },
    {
        "key": "buchholt-yilmaz-2023",
        "short": "Buchholt & Yilmaz 2023",
        "authors": "Buchholt, S. & Yilmaz, S.",
        "year": 2023,
        "citation": (
            "Buchholt, S. & Yilmaz, S. (2023). Das Programm „Kommunales "
            "Integrationsmanagement“ des Landes Nordrhein-Westfalen. In: Bätge, F.; Effing, "
            "K.; Möltgen-Sicking, K.; Winter, Th. (2023)(Hg). Integration in Kommunen. "
            "Bedeutung, aktuelle Entwicklungen und Perspektiven aus Theorie und Praxis. "
            "Wiesbaden: Springer VS, S. 285-302"
        ),
    },
    {
        "key": "bommes-2018",
        "short": "Bommes 2018",
        "authors": "Bommes, M.",
        "year": 2018,
        "citation": (
            "Bommes, M. (2018). Die Rolle der Kommunen in der bundesdeutschen Migrations- "
            "und Integrationspolitik. In: Gesemann, F. & Roth, R. (Hg.) (2018). Handbuch "
            "Lokale Integrationspolitik. Wiesbaden: Springer. S. 99-123."
        ),
        "note": (
            "Im Transkript der Keynote (Literaturliste und Quellenfolie) „Bommers“ "
            "geschrieben; der Autor ist Michael Bommes."
        ),
        "note_en": (
            'Spelled "Bommers" in the keynote transcript (literature list and sources '
            "slide); the author is Michael Bommes."
        ),
    },
    {
        "key": "krummacher-2011",
        "short": "Krummacher 2011",
        "authors": "Krummacher, M.",
        "year": 2011,
        "citation": (
            "Krummacher, M. (2011). Kommunale Integrationspolitik. In: Dahme, H.J. & "
            "Wohlfahrt, N. (2011) (Hg.). Handbuch kommunale Sozialpolitik, S. 189-200."
        ),
        "note": (
            "Auf der Quellenfolie der Zeitabschnitte „Krummacker“ geschrieben; der Autor "
            "ist Michael Krummacher."
        ),
        "note_en": (
            'Spelled "Krummacker" on the sources slide of the periods; the author is '
            "Michael Krummacher."
        ),
    },
    {
        "key": "moeltgen-sicking-2023",
        "short": "Möltgen-Sicking 2023",
        "authors": "Möltgen-Sicking, K.",
        "year": 2023,
        "citation": (
            "Möltgen-Sicking, K. (2023). Local Governance im Politikfeld Integration unter "
            "besonderer Berücksichtigung der Kommunalen Integrationszentren in "
            "Nordrhein-Westfalen. In: Bätge, F.; Effing, K.; Möltgen-Sicking, K.; Winter, Th. "
            "(2023)(Hg). Integration in Kommunen. Bedeutung, aktuelle Entwicklungen und "
            "Perspektiven aus Theorie und Praxis. Wiesbaden: Springer VS, S. 303-330."
        ),
    },
    {
        "key": "otten-2021",
        "short": "Otten 2021",
        "authors": "Otten, H.",
        "year": 2021,
        "citation": (
            "Otten, H. (2021). Das Politikfeld Migration und Integration in der "
            "Corona-Pandemie. In: Frevel, B. & Heinecke, Th. (2021) (Hg.). Managing Corona. "
            "Eine verwaltungswissenschaftliche Zwischenbilanz. Baden-Baden: Nomos, S. 231-242."
        ),
    },
    {
        "key": "reimann-hollbach-groemig-2022",
        "short": "Reimann & Hollbach-Grömig 2022",
        "authors": "Reimann, B. & Hollbach-Grömig, B.",
        "year": 2022,
        "citation": (
            "Reimann, B. & Hollbach-Grömig, B. (2022). Kommunales Integrationsmonitoring. "
            "Status Quo und Perspektiven zur Weiterentwicklung. Berlin: DifU."
        ),
    },
    {
        "key": "schamann-gluns-2021",
        "short": "Schamann & Gluns 2021",
        "authors": "Schamann, H. & Gluns, D.",
        "year": 2021,
        "citation": "Schamann, H. & Gluns, D. (2021). Migrationspolitik. Nomos: Baden-Baden.",
    },
    {
        "key": "weber-et-al-2024",
        "short": "Weber et al. 2024",
        "authors": "Weber, R., Nimführ, S & Rumpel, A.",
        "year": 2024,
        "citation": (
            "Weber, R., Nimführ, S & Rumpel, A. (2024). Grundlagen. In: Jamal, L. & "
            "Odabasi, M. (2024). Einwanderungsland Deutschland. Bonn: BpB, S. 16-43."
        ),
        "note": (
            "In der Keynote als „Weber 2024“ (Quellenfolie) und „Weber et. al. 2024“ "
            "(Zitat im Abschnitt 1970er Jahre) zitiert."
        ),
        "note_en": (
            'Cited in the keynote as "Weber 2024" (sources slide) and "Weber et. al. 2024" '
            "(quote in the 1970s period)."
        ),
    },
    {
        "key": "baetge-et-al-2023",
        "short": "Bätge et al. 2023",
        "authors": "Bätge, Frank; Effing, Klaus; Möltgen-Sicking, Katrin; Winter, Thorben (Hg.)",
        "year": 2023,
        "citation": (
            "Bätge, Frank; Effing, Klaus; Möltgen-Sicking, Katrin; Winter, Thorben (Hg.)"
            "(2023). Integration in Kommunen. Bedeutung, aktuelle Entwicklungen und "
            "Perspektiven aus Theorie und Praxis. Wiesbaden: Springer VS."
        ),
        "recommendation": True,
        "note": "Literaturempfehlung der Keynote.",
        "note_en": "Recommended reading of the keynote.",
    },
    # Quoted in the keynote, not on its literature slide: carried with what the keynote says.
    {
        "key": "haeussermann-oswald-1997",
        "short": "Häußermann & Oswald 1997",
        "authors": "Häußermann & Oswald",
        "year": 1997,
        "citation": (
            "Häußermann & Oswald (1997), zitiert innerhalb des Zitats Krummacher 2011 "
            "(Bild der „Integrationsmaschine Stadt“). Die Keynote nennt nur Autoren und Jahr."
        ),
        "listed": False,
        "note": (
            "In der Keynote zitiert, nicht in ihrem Literaturverzeichnis. Die vollständige "
            "Angabe ist dort nicht enthalten."
        ),
        "note_en": (
            "Cited in the keynote, not in its literature list. The keynote does not give the "
            "full reference."
        ),
    },
    {
        "key": "kgst-2005",
        "short": "KGSt 2005",
        "authors": "KGSt",
        "year": 2005,
        "citation": (
            "KGSt (2005), S. 19: Vorlage der Abbildung „Kommunale Handlungsfelder und "
            "Wirkungsbereiche“ (in Anlehnung an KGSt 2005: 19). Die Keynote nennt nur "
            "Herausgeberin, Jahr und Seite."
        ),
        "listed": False,
        "note": (
            "In der Keynote zitiert, nicht in ihrem Literaturverzeichnis. Die vollständige "
            "Angabe ist dort nicht enthalten."
        ),
        "note_en": (
            "Cited in the keynote, not in its literature list. The keynote does not give the "
            "full reference."
        ),
    },
    {
        "key": "bogumil-hafner",
        "short": "Bogumil & Hafner",
        "authors": "Bogumil & Hafner",
        "year": None,
        "citation": (
            "Bogumil & Hafner: Vorlage der Übersicht „Aufgaben kommunaler "
            "Integrationsverwaltung“ (unmittelbare und mittelbare Aufgaben). Die Keynote "
            "nennt weder Jahr noch Titel."
        ),
        "listed": False,
        "note": (
            "In der Keynote zitiert, nicht in ihrem Literaturverzeichnis. Jahr und Titel "
            "sind dort nicht angegeben."
        ),
        "note_en": (
            "Cited in the keynote, not in its literature list. The keynote gives neither "
            "year nor title."
        ),
    },
    {
        "key": "mkjfgfi-nrw-2024",
        "short": "MKJFGFI NRW 2024",
        "authors": (
            "Ministerium für Kinder, Jugend, Familie, Gleichstellung, Flucht und Integration "
            "des Landes Nordrhein-Westfalen (MKJFGFI NRW)"
        ),
        "year": 2024,
        "citation": (
            "MKJFGFI NRW (2024). Kommunale Integrationszentren. Online-Angebot des Ministeriums."
        ),
        "url": "https://www.mkjfgfi.nrw/kommunale-integrationszentren",
        "accessed": "2024-09-10",
        "listed": False,
        "note": "In der Keynote mit Adresse und Zugriffsdatum zitiert, nicht in ihrem Literaturverzeichnis.",
        "note_en": (
            "Cited in the keynote with address and date of access, not in its literature list."
        ),
    },
    {
        "key": "tintg-nrw-2022",
        "short": "TIntG NRW 2022",
        "authors": "Land Nordrhein-Westfalen",
        "year": 2022,
        "citation": (
            "Teilhabe- und Integrationsgesetz des Landes Nordrhein-Westfalen (TIntG NRW) in "
            "der Fassung von 2022, § 8 Kommunale Integrationszentren und § 9 Förderung "
            "Kommunales Integrationsmanagement."
        ),
        "listed": False,
        "note": "In der Keynote im Wortlaut zitiert (§ 8 Abs. 1 und § 9 Abs. 1), nicht in ihrem Literaturverzeichnis.",
        "note_en": (
            "Quoted verbatim in the keynote (section 8 (1) and section 9 (1)), not in its "
            "literature list."
        ),
    },
]

# The sources slide in front of the periods ("Quellen: Bertelsmann & BMI 2005; Bommers
# 2018; Krummacker 2011; Schamann & Gluns 2021; Weber 2024") applies to all five periods.
PERIOD_SOURCES = [
    "bertelsmann-bmi-2005",
    "bommes-2018",
    "krummacher-2011",
    "schamann-gluns-2021",
    "weber-et-al-2024",
]


def _c(de: str, en: str, *, cite: list[tuple[str, str]] | None = None, children=None) -> dict:
    """One characteristic (bullet point) of a period."""
    return {"de": de, "en": en, "cite": cite or [], "children": children or []}


# --- Periods --------------------------------------------------------------------
PERIODS: list[dict] = [
    {
        "slug": "1970er",
        "start": 1970,
        "end": 1979,
        "title": "1970er Jahre",
        "title_en": "1970s",
        "focus": "Fokus auf Arbeitsmigrant:innen und ihren Familien",
        "focus_en": "Focus on labour migrants and their families",
        "summary": (
            "Die Kommunen beginnen mit der Integrationsarbeit, ohne dass es eine gezielte "
            "Integrationspolitik gibt. Sie helfen bei Wohnraum und Beratung, fördern Vereine "
            "und richten Ausländerbeiräte ein. Der Blick ist auf Defizite und auf ethnische "
            "Gruppen gerichtet."
        ),
        "summary_en": (
            "Municipalities begin integration work although there is no targeted "
            "integration policy. They help with housing and advice, support associations "
            "and set up foreigners' advisory councils. The view is on deficits and on "
            "ethnic groups."
        ),
        "easy": (
            "In den 1970er Jahren kommen viele Arbeiter nach Deutschland.\n"
            "Sie kommen aus anderen Ländern.\n"
            "Später kommen auch ihre Familien.\n"
            "Die Städte und Gemeinden helfen ihnen.\n"
            "Sie helfen zum Beispiel bei der Suche nach einer Wohnung.\n"
            "Vereine beraten die Menschen.\n"
            "Es gibt einen Ausländer-Beirat.\n"
            "Der Beirat spricht für die Menschen aus anderen Ländern.\n"
            "Deutschland hat damals keinen Plan für Integration."
        ),
        "easy_en": (
            "In the 1970s, many workers come to Germany.\n"
            "They come from other countries.\n"
            "Later their families come too.\n"
            "Towns and municipalities help them.\n"
            "For example, they help people find a flat.\n"
            "Associations give advice.\n"
            "There is an advisory council for foreigners.\n"
            "The council speaks for people from other countries.\n"
            "At that time, Germany has no plan for integration."
        ),
        "characteristics": [
            _c(
                "Unterstützung bei der Versorgung mit Wohnraum",
                "Support in finding housing",
            ),
            _c(
                "„Ausländersozialberatung“ durch Wohlfahrtsverbände: Caritas, Diakonie, AWO",
                '"Social counselling for foreigners" by the welfare associations: Caritas, '
                "Diakonie, AWO",
            ),
            _c(
                "Förderung von Vereinen und MSO",
                "Support for associations and migrant organisations (MSO)",
            ),
            _c(
                "„ausländerspezifische Zusatzleistungen“ der Sozialverwaltung",
                '"Additional benefits specific to foreigners" from the social administration',
            ),
            _c("Einrichtung von Ausländerbeiräten", "Foreigners' advisory councils are set up"),
            _c("Defizitorientierung", "Focus on deficits"),
            _c(
                "Orientierung an „Zuwanderungsfällen“ und ethnischen Gruppen",
                'Orientation towards "immigration cases" and ethnic groups',
            ),
            _c(
                "„Zuwanderungsland ohne gezielte Integrationspolitik“",
                '"A country of immigration without a targeted integration policy"',
                cite=[("weber-et-al-2024", "")],
            ),
        ],
        "events": [
            {
                "slug": "auslaenderbeiraete",
                "year": None,
                "title": "Einrichtung von Ausländerbeiräten",
                "title_en": "Foreigners' advisory councils are set up",
                "text": "Kommunen richten Ausländerbeiräte ein.",
                "text_en": "Municipalities set up advisory councils for foreign residents.",
                "level": "municipal",
                "kind": "institution",
                "bullet": 5,
            },
            {
                "slug": "auslaendersozialberatung",
                "year": None,
                "title": "„Ausländersozialberatung“ durch Wohlfahrtsverbände",
                "title_en": '"Social counselling for foreigners" by welfare associations',
                "text": "Caritas, Diakonie und AWO beraten Zugewanderte.",
                "text_en": "Caritas, Diakonie and AWO advise immigrants.",
                "level": "municipal",
                "kind": "institution",
                "bullet": 2,
            },
        ],
    },
    {
        "slug": "1980er",
        "start": 1980,
        "end": 1989,
        "title": "1980er Jahre",
        "title_en": "1980s",
        "focus": (
            "Zuwanderung von Aussiedler:innen, Asylbewerber:innen, Bürgerkriegsflüchtlingen, "
            "Menschen aus Osteuropa, der DDR"
        ),
        "focus_en": (
            "Immigration of ethnic German resettlers, asylum seekers, civil war refugees, "
            "people from Eastern Europe and the GDR"
        ),
        "summary": (
            "Die Einwanderung wird vielfältiger, doch die Politik hält am Bild des "
            "Nicht-Einwanderungslandes fest. Zuständigkeiten und Kosten zwischen Bund, "
            "Ländern und Kommunen bleiben unklar, die Sozialhaushalte der Kommunen werden "
            "stärker beansprucht. Es dominieren eine defizitäre Perspektive und der "
            "Assimilationsansatz."
        ),
        "summary_en": (
            "Immigration becomes more diverse, but politics holds on to the image of a "
            "country that is not a country of immigration. Responsibilities and costs "
            "between the federal government, the Länder and the municipalities remain "
            "unclear, and municipal social budgets come under more pressure. A deficit-"
            "oriented perspective and the assimilation approach dominate."
        ),
        "easy": (
            "In den 1980er Jahren kommen neue Gruppen nach Deutschland.\n"
            "Manche Menschen fliehen vor Krieg.\n"
            "Manche Menschen suchen Schutz vor Verfolgung.\n"
            "Andere kommen aus Ost-Europa und aus der DDR.\n"
            "Die Politik sagt: Deutschland ist kein Einwanderungs-Land.\n"
            "Es ist nicht klar, wer für was bezahlt.\n"
            "Die Städte und Gemeinden geben mehr Geld für Hilfe aus.\n"
            "Viele erwarten: Die Menschen sollen sich ganz anpassen."
        ),
        "easy_en": (
            "In the 1980s, new groups come to Germany.\n"
            "Some people flee from war.\n"
            "Some people look for protection from persecution.\n"
            "Others come from Eastern Europe and from the GDR.\n"
            "Politicians say: Germany is not a country of immigration.\n"
            "It is not clear who pays for what.\n"
            "Towns and municipalities spend more money on help.\n"
            "Many people expect newcomers to adapt completely."
        ),
        "characteristics": [
            _c(
                "Einwanderung wurde heterogener; Migrationsdiskurs themenreicher",
                "Immigration became more heterogeneous; the migration debate covered more topics",
            ),
            _c(
                "Defensivformel des Nicht-Einwanderungslandes dominierte",
                'The defensive formula of "not a country of immigration" dominated',
            ),
            _c(
                "Kompetenzen und Kostenverteilung zw. Bund, Ländern und Kommunen unklar",
                "Responsibilities and the sharing of costs between the federal government, "
                "the Länder and the municipalities unclear",
            ),
            _c(
                "weitgehend unkoordinierte Integrationsinfrastruktur: Bund weitgehend passiv; "
                "aber: Ausländerbeauftragte der Bundesregierung",
                "Largely uncoordinated integration infrastructure: the federal government "
                "largely passive; but: the Federal Government Commissioner for Foreigners",
            ),
            _c(
                "Steigende Beanspruchung der Sozialhaushalte der Kommunen",
                "Growing strain on municipal social budgets",
            ),
            _c(
                "Bildung von Flüchtlingsräten / Pro Asyl",
                "Refugee councils / Pro Asyl are founded",
            ),
            _c(
                "Defizitäre Perspektive auf das Thema Migration",
                "Deficit-oriented perspective on migration",
            ),
            _c("Dominanz des Assimilationsansatzes", "Dominance of the assimilation approach"),
        ],
        "events": [
            {
                "slug": "auslaenderbeauftragte-bund",
                "year": None,
                "title": "Ausländerbeauftragte der Bundesregierung",
                "title_en": "Federal Government Commissioner for Foreigners",
                "text": "Trotz weitgehend passiver Bundespolitik gibt es eine Ausländerbeauftragte der Bundesregierung.",
                "text_en": (
                    "Although federal policy is largely passive, there is a Federal "
                    "Government Commissioner for Foreigners."
                ),
                "level": "federal",
                "kind": "institution",
                "bullet": 4,
            },
            {
                "slug": "fluechtlingsraete-pro-asyl",
                "year": None,
                "title": "Bildung von Flüchtlingsräten / Pro Asyl",
                "title_en": "Refugee councils and Pro Asyl are founded",
                "text": "Zivilgesellschaftliche Flüchtlingsräte und Pro Asyl entstehen.",
                "text_en": "Civil-society refugee councils and Pro Asyl come into being.",
                "level": "federal",
                "kind": "institution",
                "bullet": 6,
            },
            {
                "slug": "defensivformel-nicht-einwanderungsland",
                "year": None,
                "title": "Defensivformel des Nicht-Einwanderungslandes",
                "title_en": 'The defensive formula of "not a country of immigration"',
                "text": "Die Debatte wird von der Formel beherrscht, Deutschland sei kein Einwanderungsland.",
                "text_en": (
                    "The debate is dominated by the formula that Germany is not a country "
                    "of immigration."
                ),
                "level": "federal",
                "kind": "debate",
                "bullet": 2,
            },
        ],
    },
    {
        "slug": "1990er",
        "start": 1990,
        "end": 1999,
        "title": "1990er Jahre",
        "title_en": "1990s",
        "focus": (
            "Fokus auf Asylbewerber:innen; Flüchtlinge aus Jugoslawien; "
            "Spätaussiedler:innen; Menschen aus Osteuropa, der DDR"
        ),
        "focus_en": (
            "Focus on asylum seekers; refugees from Yugoslavia; late ethnic German "
            "resettlers; people from Eastern Europe and the GDR"
        ),
        "summary": (
            "Bund und EU koordinieren die Migrationspolitik stärker; 1993 wird das "
            "Grundrecht auf Asyl eingeschränkt. Die Integrationsarbeit der Kommunen gewinnt "
            "an Bedeutung, vor allem in Großstädten: Sie entwickeln Integrationskonzepte und "
            "verstehen Integration als Querschnittsthema und als wechselseitigen Prozess."
        ),
        "summary_en": (
            "The federal government and the EU coordinate migration policy more closely; in "
            "1993 the fundamental right to asylum is restricted. Municipal integration work "
            "gains importance, above all in large cities: they develop integration concepts "
            "and understand integration as a cross-cutting task and as a two-way process."
        ),
        "easy": (
            "In den 1990er Jahren fliehen viele Menschen aus Jugoslawien.\n"
            "Auch aus Ost-Europa kommen viele Menschen.\n"
            "Im Jahr 1993 ändert sich das Grund-Gesetz.\n"
            "Danach bekommen weniger Menschen Asyl.\n"
            "Integration wird für die Städte wichtiger.\n"
            "Große Städte machen Pläne für Integration.\n"
            "Sie sagen: Integration geht alle Ämter an.\n"
            "Integration ist jetzt eine Aufgabe für beide Seiten."
        ),
        "easy_en": (
            "In the 1990s, many people flee from Yugoslavia.\n"
            "Many people also come from Eastern Europe.\n"
            "In 1993, the Basic Law changes.\n"
            "After that, fewer people get asylum.\n"
            "Integration becomes more important for towns.\n"
            "Big cities make plans for integration.\n"
            "They say: integration concerns every office.\n"
            "Integration is now a task for both sides."
        ),
        "characteristics": [
            _c(
                "Stärker koordinierte Migrationspolitik in Bund und EU",
                "More closely coordinated migration policy in the federal government and the EU",
            ),
            _c(
                "1993 Einschränkung des Grundrechts auf Asyl (Art. 16 a GG): "
                "„Drittstaatenregelung“ innerhalb EU, Menschen aus „sicheren Herkunftsstaaten“ "
                "haben keinen Anspruch auf Asyl",
                "1993 restriction of the fundamental right to asylum (Article 16a of the Basic "
                'Law): "safe third country rule" within the EU; people from "safe countries '
                'of origin" have no right to asylum',
            ),
            _c(
                "Bedeutung der Integrationsarbeit der Kommunen steigt, v.a. in Großstädten",
                "Municipal integration work gains importance, above all in large cities",
            ),
            _c(
                "Kommunen entwickeln Integrationsstrategien und –konzepte; richten "
                "Organisationseinheiten für Integration ein",
                "Municipalities develop integration strategies and concepts and set up "
                "organisational units for integration",
            ),
            _c(
                "Integration als Querschnittsthema der Verwaltung",
                "Integration as a cross-cutting issue of the administration",
            ),
            _c(
                "Integrationsansätze verändern sich:",
                "Approaches to integration change:",
                children=[
                    _c(
                        "Integration als wechselseitiger Prozess",
                        "Integration as a two-way process",
                    ),
                    _c("Fördern und Fordern", 'Support and demand ("Fördern und Fordern")'),
                    _c(
                        "nachholende Integration wird zum Thema",
                        '"Catch-up" integration of those who arrived earlier becomes an issue',
                    ),
                ],
            ),
        ],
        "events": [
            {
                "slug": "1993-asylkompromiss-art-16a-gg",
                "year": 1993,
                "title": "Einschränkung des Grundrechts auf Asyl (Art. 16a GG)",
                "title_en": "Restriction of the right to asylum (Article 16a Basic Law)",
                "text": (
                    "„Drittstaatenregelung“ innerhalb der EU; Menschen aus „sicheren "
                    "Herkunftsstaaten“ haben keinen Anspruch auf Asyl."
                ),
                "text_en": (
                    'A "safe third country rule" within the EU; people from "safe countries '
                    'of origin" have no right to asylum.'
                ),
                "level": "federal",
                "kind": "law",
                "bullet": 2,
            },
            {
                "slug": "kommunale-integrationskonzepte",
                "year": None,
                "title": "Kommunen entwickeln Integrationskonzepte",
                "title_en": "Municipalities develop integration concepts",
                "text": (
                    "Vor allem Großstädte entwickeln Integrationsstrategien und -konzepte "
                    "und richten Organisationseinheiten für Integration ein."
                ),
                "text_en": (
                    "Above all large cities develop integration strategies and concepts and "
                    "set up organisational units for integration."
                ),
                "level": "municipal",
                "kind": "institution",
                "bullet": 4,
            },
        ],
    },
    {
        "slug": "2000er",
        "start": 2000,
        "end": 2009,
        "title": "2000er Jahre",
        "title_en": "2000s",
        "focus": "Zuwanderung aus Mittel- und Osteuropa",
        "focus_en": "Immigration from Central and Eastern Europe",
        "summary": (
            "Deutschland bekennt sich zur Einwanderung: Die Reform des "
            "Staatsangehörigkeitsrechts (2000), die Unabhängige Kommission Zuwanderung "
            "(2001), das Zuwanderungsgesetz mit den Integrationskursen (2005) und der "
            "Nationale Integrationsplan (2007) ändern den Rahmen. Integration wird für die "
            "Kommunen strukturell bedeutsamer; ihre Potenziale rücken in den Mittelpunkt."
        ),
        "summary_en": (
            "Germany acknowledges immigration: the reform of the nationality law (2000), the "
            "Independent Commission on Immigration (2001), the Immigration Act with its "
            "integration courses (2005) and the National Integration Plan (2007) change the "
            "framework. Integration becomes structurally more important for municipalities; "
            "its potential moves to the centre."
        ),
        "easy": (
            "In den 2000er Jahren kommen viele Menschen aus Ost-Europa.\n"
            "Deutschland sagt jetzt: Wir sind ein Einwanderungs-Land.\n"
            "Im Jahr 2000 gibt es ein neues Gesetz zur Staats-Angehörigkeit.\n"
            "Kinder von Ausländern können Deutsche werden.\n"
            "Im Jahr 2005 kommt das Zuwanderungs-Gesetz.\n"
            "Es gibt jetzt Integrations-Kurse.\n"
            "Im Jahr 2007 gibt es einen Plan für ganz Deutschland.\n"
            "Er heißt Nationaler Integrations-Plan.\n"
            "Viele Städte haben jetzt einen Integrations-Rat.\n"
            "Man sieht jetzt mehr die Stärken der Menschen."
        ),
        "easy_en": (
            "In the 2000s, many people come from Eastern Europe.\n"
            "Germany now says: we are a country of immigration.\n"
            "In 2000, there is a new law on citizenship.\n"
            "Children of foreigners can become German.\n"
            "In 2005, the Immigration Act comes.\n"
            "There are integration courses now.\n"
            "In 2007, there is a plan for all of Germany.\n"
            "It is called the National Integration Plan.\n"
            "Many towns now have an integration council.\n"
            "People now look more at the strengths of newcomers."
        ),
        "characteristics": [
            _c(
                "Unabh. Kommission Zuwanderung bekennt sich zu Einwanderung (2001)",
                "The Independent Commission on Immigration acknowledges immigration (2001)",
            ),
            _c(
                "Reform des Staatsangehörigkeitsrechts 2000: in Deutschland geborene Kinder "
                "von Ausländer:innen erhalten doppelte Staatsangehörigkeit",
                "Reform of the nationality law 2000: children of foreign nationals born in "
                "Germany receive dual citizenship",
            ),
            _c(
                "Inkrafttreten des Zuwanderungsgesetzes 2005: liberalere "
                "Zuwanderungspolitik, Einführung der Integrationskurse und MEB",
                "The Immigration Act enters into force in 2005: a more liberal immigration "
                "policy, introduction of integration courses and migration advice for adult "
                "immigrants (MEB)",
            ),
            _c(
                "Integrationsräte auf kommunaler Ebene",
                "Integration councils at the municipal level",
            ),
            _c("Komm-IN NRW", "Komm-IN NRW (state programme)"),
            _c(
                "strukturelle Bedeutung der Integration in Kommunen steigt",
                "The structural importance of integration in municipalities grows",
            ),
            _c(
                "Nationaler Integrationsplan (NIP) 2007",
                "National Integration Plan (NIP) 2007",
            ),
            _c(
                "Handreichungen von Stiftungen, KGSt, Land NRW für Kommunen",
                "Guidance for municipalities from foundations, the KGSt and the state of NRW",
            ),
            _c(
                "Förderprogramme von Bund und Ländern",
                "Funding programmes of the federal government and the Länder",
            ),
            _c(
                "Potenziale von Integration stehen im Mittelpunkt",
                "The potential of integration is at the centre",
            ),
        ],
        "events": [
            {
                "slug": "2000-reform-staatsangehoerigkeitsrecht",
                "year": 2000,
                "title": "Reform des Staatsangehörigkeitsrechts",
                "title_en": "Reform of the nationality law",
                "text": (
                    "In Deutschland geborene Kinder von Ausländer:innen erhalten doppelte "
                    "Staatsangehörigkeit."
                ),
                "text_en": (
                    "Children of foreign nationals born in Germany receive dual citizenship."
                ),
                "level": "federal",
                "kind": "law",
                "bullet": 2,
            },
            {
                "slug": "2001-unabhaengige-kommission-zuwanderung",
                "year": 2001,
                "title": "Unabhängige Kommission Zuwanderung bekennt sich zu Einwanderung",
                "title_en": "Independent Commission on Immigration acknowledges immigration",
                "text": "Die Unabhängige Kommission Zuwanderung bekennt sich zu Einwanderung.",
                "text_en": "The Independent Commission on Immigration acknowledges immigration.",
                "level": "federal",
                "kind": "debate",
                "bullet": 1,
            },
            {
                "slug": "2005-zuwanderungsgesetz",
                "year": 2005,
                "title": "Inkrafttreten des Zuwanderungsgesetzes",
                "title_en": "The Immigration Act enters into force",
                "text": (
                    "Liberalere Zuwanderungspolitik, Einführung der Integrationskurse und "
                    "der Migrationserstberatung (MEB)."
                ),
                "text_en": (
                    "A more liberal immigration policy; integration courses and migration "
                    "advice for adult immigrants (MEB) are introduced."
                ),
                "level": "federal",
                "kind": "law",
                "bullet": 3,
            },
            {
                "slug": "integrationsraete",
                "year": None,
                "title": "Integrationsräte auf kommunaler Ebene",
                "title_en": "Integration councils at the municipal level",
                "text": "Kommunen richten Integrationsräte ein.",
                "text_en": "Municipalities set up integration councils.",
                "level": "municipal",
                "kind": "institution",
                "bullet": 4,
            },
            {
                "slug": "komm-in-nrw",
                "year": None,
                "title": "Komm-IN NRW",
                "title_en": "Komm-IN NRW",
                "text": "Landesprogramm Nordrhein-Westfalens für die kommunale Integrationsarbeit.",
                "text_en": "Programme of the state of North Rhine-Westphalia for municipal integration work.",
                "level": "state",
                "kind": "programme",
                "bullet": 5,
            },
            {
                "slug": "2007-nationaler-integrationsplan",
                "year": 2007,
                "title": "Nationaler Integrationsplan (NIP)",
                "title_en": "National Integration Plan (NIP)",
                "text": "Der Bund legt den Nationalen Integrationsplan vor.",
                "text_en": "The federal government presents the National Integration Plan.",
                "level": "federal",
                "kind": "programme",
                "bullet": 7,
            },
        ],
    },
    {
        "slug": "ab-2010er",
        "start": 2010,
        "end": None,
        "title": "Ab 2010er Jahre",
        "title_en": "From the 2010s",
        "focus": (
            "Zuzug von Geflüchteten aus Syrien, Afghanistan, Irak 2015; Zuzug von Ukrainer:innen"
        ),
        "focus_en": (
            "Arrival of refugees from Syria, Afghanistan and Iraq in 2015; arrival of Ukrainians"
        ),
        "summary": (
            "Mit dem Nationalen Aktionsplan Integration und dem Teilhabe- und "
            "Integrationsgesetz NRW entstehen 2012 flächendeckende Strukturen: die "
            "Kommunalen Integrationszentren. 2015 rückt die „Flüchtlingskrise“ das Thema "
            "auf die politische Agenda und betrifft alle Kommunen. Seit 2021 verknüpft das "
            "Kommunale Integrationsmanagement (KIM) Migration und Integration, 2022 wird "
            "das TIntG NRW reformiert."
        ),
        "summary_en": (
            "With the National Action Plan on Integration and the Participation and "
            "Integration Act of NRW, comprehensive structures emerge in 2012: the Municipal "
            'Integration Centres. In 2015 the "refugee crisis" puts the issue on the '
            "political agenda and affects all municipalities. Since 2021 Municipal "
            "Integration Management (KIM) links migration and integration; in 2022 the "
            "TIntG NRW is reformed."
        ),
        "easy": (
            "Im Jahr 2012 gibt es ein neues Gesetz in Nordrhein-Westfalen.\n"
            "Es heißt Teilhabe- und Integrations-Gesetz.\n"
            "Jeder Kreis bekommt ein Kommunales Integrations-Zentrum.\n"
            "Im Jahr 2015 fliehen viele Menschen nach Deutschland.\n"
            "Sie kommen aus Syrien, Afghanistan und dem Irak.\n"
            "Alle Städte und Gemeinden nehmen Menschen auf.\n"
            "Das ist für viele Städte sehr schwer.\n"
            "Später kommen auch viele Menschen aus der Ukraine.\n"
            "Seit dem Jahr 2021 gibt es das Programm KIM.\n"
            "Bei KIM arbeiten die Ämter zusammen.\n"
            "Im Jahr 2022 wird das Gesetz in Nordrhein-Westfalen verbessert."
        ),
        "easy_en": (
            "In 2012, North Rhine-Westphalia has a new law.\n"
            "It is called the Participation and Integration Act.\n"
            "Every county gets a Municipal Integration Centre.\n"
            "In 2015, many people flee to Germany.\n"
            "They come from Syria, Afghanistan and Iraq.\n"
            "All towns and municipalities take people in.\n"
            "This is very hard for many towns.\n"
            "Later, many people also come from Ukraine.\n"
            "Since 2021, there is the programme KIM.\n"
            "In KIM, the offices work together.\n"
            "In 2022, the law in North Rhine-Westphalia is improved."
        ),
        "characteristics": [
            _c(
                "Nationaler Aktionsplan Integration (NAP) 2012",
                "National Action Plan on Integration (NAP) 2012",
            ),
            _c(
                "2012 TIntG NRW: Einrichtung Kommunaler Integrationszentren → flächendeckende "
                "Strukturen in NRW",
                "2012 TIntG NRW (Participation and Integration Act): Municipal Integration "
                "Centres are set up → comprehensive structures across NRW",
            ),
            _c("Komm-AN NRW", "Komm-AN NRW (state programme)"),
            _c(
                "Integrationsagenturen der Wohlfahrtsverbände in NRW",
                "Integration agencies of the welfare associations in NRW",
            ),
            _c(
                "„Flüchtlingskrise“ rückt Thema auf die pol. Agenda: „Willkommenskultur“; "
                "Betroffenheit aller Kommunen (auch ländlicher Raum)",
                'The "refugee crisis" puts the issue on the political agenda: "welcome '
                'culture"; all municipalities are affected (rural areas too)',
            ),
            _c(
                "Unterbringung von Geflüchteten überfordert Kommunen",
                "Housing refugees overstretches municipalities",
            ),
            _c(
                "KGSt-Berichte zum Kommunalen Integrationsmanagement, -monitoring",
                "KGSt reports on municipal integration management and monitoring",
            ),
            _c(
                "2021 Programm „KIM“ → Themen Integration und Migration werden verknüpft, auch "
                "organisatorisch",
                '2021 programme "KIM" → integration and migration are linked, also in the '
                "organisation",
            ),
            _c("Fokus auf Neuzugewanderte", "Focus on newcomers"),
            _c("2022 Reform TINTG NRW", "2022 reform of the TIntG NRW"),
        ],
        "events": [
            {
                "slug": "2012-nationaler-aktionsplan-integration",
                "year": 2012,
                "title": "Nationaler Aktionsplan Integration (NAP)",
                "title_en": "National Action Plan on Integration (NAP)",
                "text": "Der Nationale Integrationsplan wird zum Nationalen Aktionsplan weiterentwickelt.",
                "text_en": "The National Integration Plan is developed into a National Action Plan.",
                "level": "federal",
                "kind": "programme",
                "bullet": 1,
            },
            {
                "slug": "2012-tintg-nrw-kommunale-integrationszentren",
                "year": 2012,
                "title": "TIntG NRW: Einrichtung Kommunaler Integrationszentren",
                "title_en": "TIntG NRW: Municipal Integration Centres are set up",
                "text": (
                    "Das Teilhabe- und Integrationsgesetz NRW schafft mit den Kommunalen "
                    "Integrationszentren flächendeckende Strukturen in NRW."
                ),
                "text_en": (
                    "With the Municipal Integration Centres, the Participation and "
                    "Integration Act of NRW creates comprehensive structures across NRW."
                ),
                "level": "state",
                "kind": "law",
                "bullet": 2,
                "cite": [("moeltgen-sicking-2023", "")],
            },
            {
                "slug": "komm-an-nrw",
                "year": None,
                "title": "Komm-AN NRW",
                "title_en": "Komm-AN NRW",
                "text": "Landesprogramm Nordrhein-Westfalens für die Kommunen.",
                "text_en": "Programme of the state of North Rhine-Westphalia for its municipalities.",
                "level": "state",
                "kind": "programme",
                "bullet": 3,
            },
            {
                "slug": "integrationsagenturen",
                "year": None,
                "title": "Integrationsagenturen der Wohlfahrtsverbände",
                "title_en": "Integration agencies of the welfare associations",
                "text": "Die Wohlfahrtsverbände in NRW tragen Integrationsagenturen.",
                "text_en": "The welfare associations in NRW run integration agencies.",
                "level": "state",
                "kind": "institution",
                "bullet": 4,
            },
            {
                "slug": "2015-zuzug-gefluechteter",
                "year": 2015,
                "title": "Zuzug von Geflüchteten aus Syrien, Afghanistan, Irak",
                "title_en": "Arrival of refugees from Syria, Afghanistan and Iraq",
                "text": "Viele Geflüchtete aus Syrien, Afghanistan und dem Irak kommen in die Kommunen.",
                "text_en": "Many refugees from Syria, Afghanistan and Iraq arrive in the municipalities.",
                "level": "federal",
                "kind": "migration",
                "bullet": None,
            },
            {
                "slug": "2015-willkommenskultur",
                "year": 2015,
                "title": "„Flüchtlingskrise“ und „Willkommenskultur“",
                "title_en": '"Refugee crisis" and "welcome culture"',
                "text": (
                    "Die „Flüchtlingskrise“ rückt das Thema auf die politische Agenda; alle "
                    "Kommunen sind betroffen, auch im ländlichen Raum."
                ),
                "text_en": (
                    'The "refugee crisis" puts the issue on the political agenda; all '
                    "municipalities are affected, rural areas too."
                ),
                "level": "municipal",
                "kind": "debate",
                "bullet": 5,
            },
            {
                "slug": "kgst-berichte-integrationsmanagement",
                "year": None,
                "title": "KGSt-Berichte zum Kommunalen Integrationsmanagement",
                "title_en": "KGSt reports on municipal integration management",
                "text": "Die KGSt berichtet zum Kommunalen Integrationsmanagement und -monitoring.",
                "text_en": "The KGSt publishes reports on municipal integration management and monitoring.",
                "level": "municipal",
                "kind": "debate",
                "bullet": 7,
            },
            {
                "slug": "2021-kommunales-integrationsmanagement",
                "year": 2021,
                "title": "Programm Kommunales Integrationsmanagement (KIM)",
                "title_en": "Programme Municipal Integration Management (KIM)",
                "text": "Die Themen Integration und Migration werden verknüpft, auch organisatorisch.",
                "text_en": "Integration and migration are linked, also in the organisation.",
                "level": "state",
                "kind": "programme",
                "bullet": 8,
                "cite": [("buchholt-yilmaz-2023", "")],
            },
            {
                "slug": "zuzug-ukraine",
                "year": None,
                "title": "Zuzug von Ukrainer:innen",
                "title_en": "Arrival of Ukrainians",
                "text": "Geflüchtete aus der Ukraine kommen in die Kommunen.",
                "text_en": "Refugees from Ukraine arrive in the municipalities.",
                "level": "federal",
                "kind": "migration",
                "bullet": None,
            },
            {
                "slug": "2022-reform-tintg-nrw",
                "year": 2022,
                "title": "Reform des TIntG NRW",
                "title_en": "Reform of the TIntG NRW",
                "text": (
                    "Das reformierte Gesetz regelt die Kommunalen Integrationszentren (§ 8) "
                    "und die Förderung des Kommunalen Integrationsmanagements (§ 9)."
                ),
                "text_en": (
                    "The reformed act governs the Municipal Integration Centres (section 8) "
                    "and the funding of Municipal Integration Management (section 9)."
                ),
                "level": "state",
                "kind": "law",
                "bullet": 10,
                "cite": [("tintg-nrw-2022", "§§ 8, 9")],
            },
        ],
    },
]

# --- Theses -----------------------------------------------------------------------
# Explanations use a small markup: blank line = new paragraph, "- " = list item,
# "## " = sub-heading, **bold**, *emphasis*.
THESES: list[dict] = [
    {
        "number": 1,
        "title": "Migration und Integration sind „zwei Seiten einer Medaille“",
        "title_en": 'Migration and integration are "two sides of the same coin"',
        "explanation": """## Zum Zusammenhang von Migration und Integration

Migration und Integration werden vielfach als „zwei Seiten einer Medaille“ bezeichnet, die eng miteinander verbunden sind. Migration kann Integrationsbedarfe erzeugen, umgekehrt kann eine innovative Integrationspolitik ein Pull-Faktor sein, Personen also zur Migration bewegen.

Dennoch unterscheiden sich Migrations- und Integrationspolitik hinsichtlich ihrer Zielsetzungen und Handlungsweisen:

- Während sich **Migrationspolitik** vor allem mit der Steuerung von Migration und Fluchtbewegungen befasst und vorrangig auf der Ebene des Bundes und der Europäischen Union stattfindet,
- weist **Integrationspolitik** „den Charakter einer zielgruppenspezifischen Querschnittspolitik“ (Otten 2021: 232) auf und erfolgt ganz wesentlich in den Kommunen.

Dass wir von *zwei* Seiten einer Medaille sprechen, bedeutet aber auch, dass …

- Migrationspolitik *nicht* in die Zuständigkeit der Kommunen (hier verstanden als kommunale Gebietskörperschaften) fällt,
- die Kommunen die Bedingungen der Integration vor Ort nicht allein bestimmen können; vielmehr sind diese in hohem Maße abhängig von den Entscheidungen in Bund, Ländern und der Europäischen Union,
- die Möglichkeiten der Kommunen mal über- und mal unterschätzt werden. So entziehen sich die Bedingungen sozialer Integration der Reichweite kommunaler Politik und wird das „kommunale Moderationspotenzial von Integrationsprozessen“ häufig übersehen (Bommes 2018: 101).""",
        "explanation_en": """## How migration and integration relate

Migration and integration are often described as "two sides of the same coin" that are closely linked. Migration can create a need for integration; conversely, an innovative integration policy can be a pull factor that moves people to migrate.

Nevertheless, migration policy and integration policy differ in their aims and in how they act:

- While **migration policy** is mainly concerned with managing migration and refugee movements and takes place above all at the level of the federal government and the European Union,
- **integration policy** has "the character of a target-group-specific cross-cutting policy" (Otten 2021: 232) and takes place to a large extent in the municipalities.

Speaking of *two* sides of the same coin also means that …

- migration policy does *not* fall within the responsibility of the municipalities (understood here as local authorities),
- the municipalities cannot determine the conditions of integration on their own; these depend to a high degree on decisions taken by the federal government, the Länder and the European Union,
- the possibilities of the municipalities are sometimes over- and sometimes underestimated. The conditions of social integration lie beyond the reach of local politics, and the "municipal potential to moderate integration processes" is often overlooked (Bommes 2018: 101).""",
        "cite": [("otten-2021", "232"), ("bommes-2018", "101")],
        "quotes": [],
    },
    {
        "number": 2,
        "title": "Die Kommunen haben eine Vorreiterrolle im Integrationsprozess",
        "title_en": "Municipalities play a pioneering role in the integration process",
        "explanation": """## Bedeutung der Kommunen im Integrationsprozess

Die Kommunen übernehmen wichtige Funktionen bei der Gestaltung der Integrationsprozesse vor Ort.

Die Kommunen betreiben seit den 1970er Jahren Integrationsarbeit, die Ausgestaltung ist dabei abhängig von den Rahmenbedingungen vor Ort:

- städtisch – ländlich
- Politischer Wille / Politische Mehrheiten
- Finanzielle Lage der Kommune
- Zugewanderten Gruppen von Menschen, deren Migrationserfahrungen und Integrationsbedarfen
- Engagement vor Ort

Die Kommunen betreiben seit den 1970er Jahren Integrationsarbeit – lokal sehr unterschiedlich.""",
        "explanation_en": """## The importance of municipalities in the integration process

Municipalities take on important functions in shaping integration processes locally.

Municipalities have been doing integration work since the 1970s; how they do it depends on local conditions:

- urban – rural
- Political will / political majorities
- The financial situation of the municipality
- The groups of people who have immigrated, their experiences of migration and their integration needs
- Local engagement

Municipalities have been doing integration work since the 1970s – in very different ways locally.""",
        "cite": [("haeussermann-oswald-1997", "")],
        "quotes": [
            {
                "text": (
                    "In „Anlehnung an das Bild der „Integrationsmaschine Stadt“ (Häußermann & "
                    "Oswald 1997) bildet der aktive Umgang mit Einwanderung sowie die Gestaltung "
                    "von Integration und interkulturellem Zusammenleben eine selbstverständliche "
                    "Herausforderung von dynamischer Stadtentwicklungspolitik. Ob und wie die "
                    "Städte diese Herausforderung wahrnehmen ist freilich unterschiedlich (...)“"
                ),
                "translation_en": (
                    'Following the image of the "city as an integration machine" (Häußermann '
                    "& Oswald 1997), actively dealing with immigration and shaping integration "
                    "and intercultural coexistence is a natural challenge for dynamic urban "
                    "development policy. Whether and how cities take up this challenge does, "
                    "of course, differ (...)"
                ),
                "source": "krummacher-2011",
                "pages": "",
            },
            {
                "text": (
                    "Die „Integration von Zuwanderern [ist] inzwischen zur Zukunftsfrage "
                    "geworden. Denn sie ist nicht nur ein bedeutender Faktor für den sozialen "
                    "Zusammenhalt in den Kommunen, sondern zunehmend auch ein bedeutender "
                    "Wirtschaftsfaktor in den Städten, Kreisen und Gemeinden.“"
                ),
                "translation_en": (
                    'The "integration of immigrants [has] meanwhile become a question of the '
                    "future. For it is not only an important factor for social cohesion in "
                    "the municipalities, but increasingly also an important economic factor "
                    'in towns, counties and municipalities."'
                ),
                "source": "bertelsmann-bmi-2005",
                "pages": "",
            },
            {
                "text": (
                    "„Zahlreiche Kommunen waren bereits lange in der Gestaltung "
                    "migrationsbedingter Vielfalt aktiv, bevor sich Ende des 20. Jahrhunderts "
                    "die meisten europäischen Staaten offiziell als Einwanderungsländer "
                    "begriffen und eine nationale Integrationspolitik entwickelten.“"
                ),
                "translation_en": (
                    '"Numerous municipalities had long been active in shaping diversity '
                    "resulting from migration before most European states officially saw "
                    "themselves as countries of immigration at the end of the 20th century "
                    'and developed a national integration policy."'
                ),
                "source": "schamann-gluns-2021",
                "pages": "",
            },
            {
                "text": (
                    "„Integration findet vor Ort statt. Sie wird in den Städten, Gemeinden und "
                    "Landkreisen gestaltet, von Verwaltung, Politik und Stadtgesellschaft.“"
                ),
                "translation_en": (
                    '"Integration takes place locally. It is shaped in towns, municipalities '
                    'and counties, by administration, politics and urban society."'
                ),
                "source": "reimann-hollbach-groemig-2022",
                "pages": "",
            },
        ],
    },
    {
        "number": 3,
        "title": (
            "Das Politikfeld Integration ist durch eine hohe inhaltliche und organisatorische "
            "Komplexität gekennzeichnet"
        ),
        "title_en": (
            "The policy field of integration is marked by a high degree of complexity, both "
            "in content and in organisation"
        ),
        "explanation": """## Kommunale Handlungsfelder und Wirkungsbereiche

Die Keynote zeigt die kommunalen Handlungsfelder und Wirkungsbereiche in Anlehnung an die KGSt (KGSt 2005: 19).

## Aufgaben kommunaler Integrationsverwaltung (Bogumil & Hafner)

Unmittelbare Aufgaben:

- Ausländerwesen
- Einbürgerungswesen
- Leistungsverwaltung Asylbewerberleistungsgesetz (AsylbLG)
- Unterbringung von Asylbewerbern
- Unbegleitete Minderjährige Ausländer (UMA)
- Freiwillige Integrationsleistungen (= kommunale Integrationsaufgaben im engeren Sinne)

Mittelbare Aufgaben:

- Schulträgerschaft
- Kindergärten
- Sozial-, Kinder- und Jugendhilfe
- Volkshochschulen
- Sozialer Wohnungsbau
- (arbeitsmarktbezogene) Eingliederungsmaßnahmen
- Kultur- und Vereinsförderung

## Politikfeld Integration: horizontale und vertikale Verflechtungen

## Integrationspolitik im politischen Mehrebenensystem

- **Bund** – Sicherheit: Bundesministerium des Innern; Bundesamt für Migration und Flüchtlinge. Wohlfahrt: Bundesministerium für Arbeit und Soziales; Bundesagentur für Arbeit. Gesellschaftlicher Zusammenhalt: Integrationsbeauftragte des Bundes
- **Länder** – Sicherheit: Innenministerien der Länder. Wohlfahrt: Sozialministerien der Länder. Gesellschaftlicher Zusammenhalt: Integrationsministerien der Länder; Integrationsbeauftragte der Länder
- **Kommunen** – Sicherheit: Ausländerbehörden. Wohlfahrt: u.a. Sozialämter, Jobcenter. Gesellschaftlicher Zusammenhalt: Kommunale Integrationsbeauftragte; in NRW: Kommunale Integrationszentren

Sicherheit und Wohlfahrt sind i.d.R. Pflichtaufgaben, gesellschaftlicher Zusammenhalt i.d.R. freiwillige Aufgaben.""",
        "explanation_en": """## Municipal fields of action and spheres of influence

The keynote shows the municipal fields of action and spheres of influence following the KGSt (KGSt 2005: 19).

## Tasks of municipal integration administration (Bogumil & Hafner)

Direct tasks:

- Foreigners' affairs
- Naturalisation
- Benefits under the Asylum Seekers' Benefits Act (AsylbLG)
- Accommodation of asylum seekers
- Unaccompanied minor foreigners (UMA)
- Voluntary integration services (= municipal integration tasks in the narrower sense)

Indirect tasks:

- Running schools
- Kindergartens
- Social, child and youth welfare
- Adult education centres (Volkshochschulen)
- Social housing
- (Labour-market) integration measures
- Support for culture and associations

## The policy field of integration: horizontal and vertical interdependencies

## Integration policy in the multi-level political system

- **Federal level** – Security: Federal Ministry of the Interior; Federal Office for Migration and Refugees. Welfare: Federal Ministry of Labour and Social Affairs; Federal Employment Agency. Social cohesion: Federal Government Commissioner for Integration
- **Länder** – Security: interior ministries of the Länder. Welfare: social ministries of the Länder. Social cohesion: integration ministries of the Länder; integration commissioners of the Länder
- **Municipalities** – Security: foreigners' authorities. Welfare: among others social welfare offices, job centres. Social cohesion: municipal integration commissioners; in NRW: Municipal Integration Centres

Security and welfare are as a rule mandatory tasks; social cohesion is as a rule a voluntary task.""",
        "cite": [("kgst-2005", "19"), ("bogumil-hafner", "")],
        "quotes": [],
    },
    {
        "number": 4,
        "title": (
            "Die Kommunalen Integrationszentren haben eine bedeutende Rolle bei der "
            "Ausgestaltung der kommunalen Integrationsarbeit vor Ort in NRW"
        ),
        "title_en": (
            "The Municipal Integration Centres play an important role in shaping municipal "
            "integration work locally in NRW"
        ),
        "explanation": """## Bedeutung der Kommunalen Integrationszentren

Die Aufgaben der Kommunalen Integrationszentren regelt § 8 TIntG NRW 2022. Daraus ergeben sich drei Arbeitsfelder:

- Integration durch Bildung
- Integration als Querschnittsaufgabe
- Koordination Ehrenamt

Auch das Programm KIM wird in der Regel federführend über die Kommunalen Integrationszentren realisiert.

Die kommunalen Integrationszentren (KI) nehmen unterschiedliche Rollen vor Ort wahr.""",
        "explanation_en": """## The importance of the Municipal Integration Centres

The tasks of the Municipal Integration Centres are set out in section 8 of the TIntG NRW 2022. Three fields of work follow from it:

- Integration through education
- Integration as a cross-cutting task
- Coordination of volunteering

The KIM programme, too, is as a rule led by the Municipal Integration Centres.

The Municipal Integration Centres (KI) take on different roles locally.""",
        "cite": [],
        "quotes": [
            {
                "text": (
                    "„Die Kommunalen Integrationszentren sind das Herzstück des Teilhabe- und "
                    "Integrationsgesetzes, denn sie schaffen die Voraussetzungen dafür, dass "
                    "die Integration vor Ort gelingt“"
                ),
                "translation_en": (
                    '"The Municipal Integration Centres are the heart of the Participation and '
                    "Integration Act, because they create the conditions for integration to "
                    'succeed locally"'
                ),
                "source": "mkjfgfi-nrw-2024",
                "pages": "",
            },
            {
                "text": (
                    "(1) Das Land fördert auf der Grundlage entsprechender "
                    "Verwaltungsvorschriften Kommunale Integrationszentren in Kreisen und "
                    "kreisfreien Städten, die über ein Integrationskonzept verfügen. Das "
                    "Integrationskonzept soll die Zusammenarbeit und Abstimmung mit freien "
                    "Trägern vorsehen. Damit sollen im Einvernehmen mit den Gemeinden\n"
                    "1. Angebote im Elementarbereich, in der Schule und beim Übergang von der "
                    "Schule in den Beruf in Zusammenarbeit mit den unteren "
                    "Schulaufsichtsbehörden unterstützt werden, um die Bildungschancen von "
                    "Kindern und Jugendlichen mit Einwanderungsgeschichte zu verbessern,\n"
                    "2. die auf die Integration und das Zusammenleben in Vielfalt bezogenen "
                    "Aktivitäten und Angebote der kommunalen Ämter und Einrichtungen sowie der "
                    "freien Träger vor Ort koordiniert werden;\n"
                    "3. die ehrenamtlichen Angebote in den Kommunen, insbesondere für "
                    "geflüchtete Menschen und weitere Neueingewanderte koordiniert und "
                    "unterstützt werden."
                ),
                "translation_en": (
                    "(1) On the basis of corresponding administrative regulations, the state "
                    "funds Municipal Integration Centres in counties and county-free cities "
                    "that have an integration concept. The integration concept is to provide "
                    "for cooperation and coordination with independent providers. In "
                    "agreement with the municipalities, this is to ensure that\n"
                    "1. offers in early childhood education, at school and in the transition "
                    "from school to work are supported in cooperation with the lower school "
                    "supervisory authorities, in order to improve the educational "
                    "opportunities of children and young people with a history of "
                    "immigration,\n"
                    "2. the activities and offers of the municipal offices and institutions "
                    "and of the independent providers relating to integration and living "
                    "together in diversity are coordinated locally;\n"
                    "3. volunteer offers in the municipalities, in particular for refugees "
                    "and other new immigrants, are coordinated and supported."
                ),
                "source": "tintg-nrw-2022",
                "pages": "§ 8 Abs. 1",
            },
        ],
    },
    {
        "number": 5,
        "title": (
            "Mit dem Programm Kommunales Integrationsmanagement hat sich die Perspektive auf "
            "das Thema Integration verändert"
        ),
        "title_en": (
            "The Municipal Integration Management programme has changed the perspective on "
            "integration"
        ),
        "explanation": """## Ziele, Ansätze und Bausteine des KIM

Die Förderung des Kommunalen Integrationsmanagements (KIM) ist im TIntG NRW 2022 festgelegt (§ 9).

**Was?** KIM zielt darauf ab …

- zu einem abgestimmten Verwaltungshandeln zu kommen
- die Querschnittsaufgabe Integration aus einer Hand zu gestalten und umzusetzen
- die Querschnittsaufgabe Integration flächendeckend in den Regelstrukturen zu verankern
- neuzugewanderten Menschen eine verlässliche kommunale Struktur für individuelle Integrationsbedarfe zu bieten

- Migration und Integration zusammendenken!
- Integration als Querschnittsthema verankern!
- Prozessorientierte Bündelung von Leistungen!

**Wie?**

- Rechtskreisübergreifende Zusammenarbeit zwischen Ämtern und Fachbereichen des ordnungsrechtlichen Migrationsbereichs und des Integrationsbereichs
- Integrierte Steuerung der örtlichen Migrations- und Integrationsprozesse

**Wodurch?**

- Lenkungsgruppe
- Koordinierende Stelle
- KIM Case Management als Ergänzung zu bestehenden Case Management Ansätzen vor Ort
- Personalstellen bei den Ausländerbehörden""",
        "explanation_en": """## Aims, approaches and building blocks of KIM

The funding of Municipal Integration Management (KIM) is laid down in the TIntG NRW 2022 (section 9).

**What?** KIM aims …

- to achieve coordinated administrative action
- to shape and deliver the cross-cutting task of integration from a single source
- to anchor the cross-cutting task of integration in the regular structures everywhere
- to offer newcomers a reliable municipal structure for their individual integration needs

- Think migration and integration together!
- Anchor integration as a cross-cutting issue!
- Bundle services along the process!

**How?**

- Cooperation across bodies of law between the offices and departments of the regulatory migration side and the integration side
- Integrated management of local migration and integration processes

**By what means?**

- Steering group
- Coordinating office
- KIM case management, complementing existing local case management approaches
- Posts at the foreigners' authorities""",
        "cite": [("buchholt-yilmaz-2023", "")],
        "quotes": [
            {
                "text": (
                    "(1) Das Land fördert auf Basis des nordrhein-westfälischen "
                    "Zuwendungsrechts zur strukturellen Stärkung und Weiterentwicklung der "
                    "kommunalen Selbstverwaltung das Instrument des Kommunalen "
                    "Integrationsmanagements. Dieses umfasst effektive Strukturen der "
                    "Zusammenarbeit aller auf kommunaler Ebene vorhandenen Ämter, Behörden und "
                    "Träger, die Dienstleistungen zur Integration von Menschen mit "
                    "Einwanderungsgeschichte erbringen, sowie individuelle und "
                    "lebenslagenbezogene Beratungsangebote, insbesondere für geflüchtete, "
                    "geduldete und andere neu eingewanderte Menschen. Zielsetzung ist die "
                    "Unterstützung einer integrierten und rechtskreisübergreifenden kommunalen "
                    "Steuerung der örtlichen Einwanderungs- und Integrationsprozesse unter "
                    "Berücksichtigung des Teilhabe- und Integrationsverständnisses nach § 1. "
                    "Die Landesförderung richtet sich an die Kreise und kreisfreie Städte, die "
                    "ein Kommunales Integrationszentrum nach § 8 eingerichtet haben."
                ),
                "translation_en": (
                    "(1) On the basis of the funding law of North Rhine-Westphalia, the state "
                    "funds the instrument of Municipal Integration Management in order to "
                    "strengthen and develop local self-government structurally. It comprises "
                    "effective structures of cooperation between all offices, authorities and "
                    "providers at the municipal level that deliver services for the "
                    "integration of people with a history of immigration, as well as "
                    "individual advice geared to people's life situations, in particular for "
                    "refugees, tolerated persons and other new immigrants. The aim is to "
                    "support integrated municipal management of local immigration and "
                    "integration processes across bodies of law, taking into account the "
                    "understanding of participation and integration under section 1. State "
                    "funding is aimed at the counties and county-free cities that have set up "
                    "a Municipal Integration Centre under section 8."
                ),
                "source": "tintg-nrw-2022",
                "pages": "§ 9 Abs. 1",
            },
        ],
    },
    {
        "number": 6,
        "title": (
            "Integrationsarbeit vor Ort bedarf der Einbindung zivilgesellschaftlicher "
            "Akteur:innen und der aktiven Gestaltung von Netzwerken"
        ),
        "title_en": (
            "Local integration work needs the involvement of civil-society actors and the "
            "active shaping of networks"
        ),
        "explanation": """## Integration bedarf der Einbindung und der Nutzung der Ressourcen aller Akteure vor Ort

Akteure im Politikfeld Integration – übergeordnete Politik- und Arbeitsmarkt-Akteure:

- Legislative und Exekutive auf den Ebenen der europäischen Union, Bund, Länder
- Arbeitgeber, Tarifpartner
- Interessenverbände, Medien

Akteure in den Kommunen – Politikakteure:

- Stadt-, Gemeinderäte, Kreistage
- Ausländerbeiräte / Integrationsräte / Migrationsausschüsse

Kommunalverwaltung:

- ABH / EBH
- Jugendhilfe-, Sozial-, Kulturverwaltung
- Schulbehörden
- Stadtentwicklung-, Wirtschafts- und Wohnbehörden

Externe lokale Akteure:

- Wohlfahrtsverbände
- Kirchen
- ARGEn
- Schulen
- Polizei
- BAMF-Regionalstellen
- IHK, Handelskammern
- Wohnungsgesellschaften
- Bürgervereine, Sportvereine

## Integration bedarf der Vernetzung aller Akteure vor Ort

- Migrationserstberatung
- Jugendmigrationsdienste
- VHS
- Ausländerbehörde
- ARGE
- Vereine
- Migrantenselbstorganisationen
- …""",
        "explanation_en": """## Integration needs the involvement of all local actors and the use of their resources

Actors in the policy field of integration – higher-level political and labour-market actors:

- Legislative and executive at the levels of the European Union, the federal government and the Länder
- Employers, social partners
- Interest groups, media

Actors in the municipalities – political actors:

- Town and municipal councils, county councils
- Foreigners' advisory councils / integration councils / migration committees

Municipal administration:

- Foreigners' authority (ABH) / naturalisation authority (EBH)
- Youth welfare, social and cultural administration
- School authorities
- Urban development, economic and housing authorities

External local actors:

- Welfare associations
- Churches
- ARGEn (job centres)
- Schools
- Police
- Regional offices of the BAMF
- Chambers of industry and commerce, chambers of trade
- Housing companies
- Citizens' associations, sports clubs

## Integration needs a network of all local actors

- Initial migration advice
- Youth migration services
- Adult education centre (VHS)
- Foreigners' authority
- ARGE (job centre)
- Associations
- Migrant organisations
- …""",
        "cite": [],
        "quotes": [],
    },
]
