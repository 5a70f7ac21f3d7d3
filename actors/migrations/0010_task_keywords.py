"""Everyday words of the tasks (``Task.keywords``) for the finder „Wer ist zuständig?“.

On installations whose tasks exist already, the words are filled in for the tasks of the
catalogue (the field is new, so nothing anyone edited can be overwritten); new
installations get them from ``seed_keynote``. The words are frozen here as
``actors/content/keynote.yaml`` has them for this migration.
"""

from django.db import migrations, models

KEYWORDS = {
    "auslaenderwesen": (
        "Aufenthaltstitel, Aufenthaltserlaubnis, Aufenthalt, Niederlassungserlaubnis, Visum, Duldung, Aufenthaltsgestattung, Familiennachzug, Arbeitserlaubnis, Blaue Karte, Ausländerbehörde, ABH, residence permit, visa"
    ),
    "einbuergerungswesen": (
        "Einbürgerung, Staatsangehörigkeit, Staatsbürgerschaft, deutscher Pass, Einbürgerungstest, Einbürgerungsbehörde, citizenship, naturalisation"
    ),
    "leistungsverwaltung-asylblg": (
        "Asylbewerberleistungen, Leistungen für Asylsuchende, Geldleistungen, Taschengeld, Krankenschein, Asylsuchende, Geflüchtete, Flüchtlinge, Sozialleistungen, asylum seekers, benefits"
    ),
    "unterbringung-asylbewerber": (
        "Unterbringung, Unterkunft, Wohnen, Asylunterkunft, Flüchtlingsunterkunft, Übergangsheim, Zuweisung, Geflüchtete, Flüchtlinge, Asylsuchende, accommodation, refugees"
    ),
    "uma": (
        "unbegleitete Minderjährige, minderjährige Flüchtlinge, Inobhutnahme, Vormundschaft, Jugendliche ohne Eltern, unaccompanied minors"
    ),
    "freiwillige-integrationsleistungen": (
        "Integrationsarbeit, Integrationszentrum, Integrationsmanagement, KI, KIM, Case Management, Integrationsberatung, Beratung, Ehrenamt, Koordination, integration, counselling"
    ),
    "schultraegerschaft": (
        "Schule, Schulplatz, Schulanmeldung, Schulträger, Seiteneinstieg, Schulbedarf, school"
    ),
    "kindergaerten": (
        "Kita, Kita-Platz, Kitaplatz, Kindergarten, Kindertagesstätte, Kinderbetreuung, Tagespflege, U3, daycare, nursery"
    ),
    "sozial-kinder-jugendhilfe": (
        "Jugendamt, Sozialamt, Sozialhilfe, Jugendhilfe, Erziehungshilfe, Familienhilfe, Grundsicherung, Hilfe zur Erziehung, youth welfare, social welfare"
    ),
    "volkshochschulen": (
        "Integrationskurs, Sprachkurs, Deutschkurs, Deutsch lernen, Alphabetisierung, Orientierungskurs, VHS, Volkshochschule, language course, German course"
    ),
    "sozialer-wohnungsbau": (
        "Wohnung, Wohnraum, Wohnungssuche, Sozialwohnung, Wohnberechtigungsschein, WBS, Miete, housing, flat"
    ),
    "eingliederungsmassnahmen": (
        "Arbeit, Arbeitssuche, Job, Ausbildung, Jobcenter, Bürgergeld, Arbeitsmarkt, Berufsanerkennung, Anerkennung, Beschäftigung, work, employment"
    ),
    "kultur-und-vereinsfoerderung": (
        "Verein, Vereine, Kultur, Sport, Fördermittel, Zuschuss, Migrantenorganisation, MSO, Engagement, clubs, culture"
    ),
}


def fill(apps, schema_editor):
    Task = apps.get_model("actors", "Task")
    words = KEYWORDS
    for task in Task.objects.using(schema_editor.connection.alias).filter(
        slug__in=words, keywords=""
    ):
        task.keywords = words[task.slug]
        task.save(update_fields=["keywords"])


class Migration(migrations.Migration):
    dependencies = [("actors", "0009_offers")]

    operations = [
        migrations.AddField(
            model_name="task",
            name="keywords",
            field=models.TextField(
                blank=True,
                help_text=(
                    "Wörter, mit denen Menschen nach dieser Aufgabe fragen, durch Kommas "
                    "getrennt (z. B. „Aufenthaltstitel, Visum, Duldung“). Der "
                    "Zuständigkeitsfinder findet die Aufgabe über ihren Namen und diese Wörter."
                ),
                verbose_name="Alltagswörter",
            ),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop, elidable=False),
    ]
