"""The finder „Wer ist zuständig?“: an everyday question and a municipality → who is
responsible there, and who else helps.

The answer is built from data, in a fixed number of queries:

1. the question is matched against the task catalogue (Bogumil & Hafner): each task's
   name and its everyday words (``Task.keywords``, kept by editors: "Aufenthaltstitel",
   "Kita-Platz", "Integrationskurs" …), folded and stemmed as the search does
   (``actors/search.py``), so "AUFENTHALTSTITEL", "Kitaplatz" or "Integrationskurse"
   find their task too;
2. for each task found, the responsibilities that cover the municipality
   (``Responsibility.objects.for_municipality``); where none is recorded, the actors
   the catalogue names for the task, as far as they serve the municipality (the Kreis'
   own bodies and those of the municipality);
3. who else helps: the active offers for the municipality (its own and those for the
   whole Kreis) whose name, topics, target groups, languages or description match the
   question (or the chosen task's words), and the directory's search for the question
   among the actors of the Kreis and of the municipality.

Visibility is the directory's: anonymous visitors see public actors and public
responsibilities; staff also internal ones, with the contact persons of the responsible
actors and the internal notes.

At NRW scale (`make bench`: 350 municipalities, 1,500 offers, 4,500 actors in the task
catalogue) an answer reads a few hundred offers; only what it shows is fetched in full
(the catalogue's actors of the tasks found that serve the municipality, the places and
hours of the offers named). The page around a cached answer runs no query of its own:
the form's lists and the rows chosen are kept under the content version
(``FinderForm(version=…)``), and its selects are written without the template engine
(``PlainSelect``).
"""

from __future__ import annotations

import functools
import hashlib
import html
from dataclasses import dataclass, field

from django import forms
from django.conf import settings
from django.db.models import Prefetch, Q, prefetch_related_objects
from django.utils.choices import BaseChoiceIterator
from django.utils.safestring import SafeData, mark_safe
from django.utils.translation import gettext_lazy as _

from actors.choices import Level, MunicipalTaskType, Obligation, Sector
from actors.models import (
    Actor,
    ContactPerson,
    Language,
    Offer,
    OfferPlace,
    OpeningHours,
    Responsibility,
    TargetGroup,
    Task,
)
from actors.search import (
    MAX_QUERY_LENGTH,
    STOP_WORDS,
    alternatives,
    fold,
    parse_query,
    stem,
    synonym_groups,
)
from core.caching import form_variant, page_cache, search_cache
from core.permissions import is_internal
from core.text_input import PlainTextFormMixin

#: How many tasks an answer explains, and how many other actors it lists.
MAX_TASKS = 3
MAX_HELPERS = 8
MAX_OFFERS = 8
#: How many bodies of the catalogue an answer names for a task without a responsibility.
MAX_CATALOGUE = 6


def municipalities():
    """The member municipalities of the Kreis (the ten towns and municipalities)."""
    return (
        Actor.objects.public()
        .filter(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)
        .order_by("name")
    )


class Pairs(BaseChoiceIterator):
    """Choices that are (value, label) pairs already. Django normalizes a list of
    choices each time it is set on a field and again on its widget; for the 350
    municipalities at NRW scale that was a fifth of a finder page's time. Django leaves
    choice iterators as they are (``django.utils.choices.normalize_choices``)."""

    def __init__(self, pairs: tuple[tuple[str, str], ...]):
        self.pairs = pairs

    def __iter__(self):
        return iter(self.pairs)


class PlainSelect(forms.Select):
    """``forms.Select`` with the markup of Django's templates (``select.html``,
    ``option.html``, ``attrs.html``) written in Python: the template engine renders two
    includes per option, and the municipality list has some 350 at NRW scale. With the
    answer from the cache, rendering the lists was two thirds of the finder page's time.
    Selects one option, the first whose value is the field's (as ``Select`` does)."""

    def render(self, name, value, attrs=None, renderer=None):
        attrs = self.build_attrs(self.attrs, attrs)
        values = set(self.format_value(value))
        state = {"selected": False}

        def option(choice_value, label) -> str:
            choice_value = "" if choice_value is None else str(choice_value)
            selected = not state["selected"] and choice_value in values
            state["selected"] = state["selected"] or selected
            if not selected and type(label) is str:
                return _plain_option(choice_value, label)
            return (
                f'\n  <option value="{_escape(choice_value)}"{" selected" if selected else ""}>'
                f"{_escape(label)}</option>"
            )

        parts = [f'<select name="{_escape(name)}"{_attributes(attrs)}>']
        for group_value, group_label in self.choices:
            if isinstance(group_label, list | tuple):
                parts.append(f'\n  <optgroup label="{_escape(group_value)}">')
                parts.extend(option(*choice) for choice in group_label)
                parts.append("\n</optgroup>")
            else:
                parts.append(option(group_value, group_label))
        parts.append("\n</select>")
        # Every name, value, label and attribute above is escaped.
        return mark_safe("".join(parts))  # noqa: S308  # nosec B308 B703


@functools.lru_cache(maxsize=4096)
def _plain_option(value: str, label: str) -> str:
    """An option that is not selected, with a plain text label: the same few hundred
    are written on every finder page."""
    return f'\n  <option value="{html.escape(value)}">{html.escape(label)}</option>'


def _escape(text) -> str:
    """``conditional_escape`` without its wrappers (called for every option)."""
    return text if isinstance(text, SafeData) else html.escape(str(text))


def _attributes(attrs: dict) -> str:
    """HTML attributes as ``django/forms/widgets/attrs.html`` writes them, in their order:
    ``True`` as the bare name, ``False`` (and ``None``) left out."""
    return "".join(
        f" {_escape(key)}" if value is True else f' {_escape(key)}="{_escape(value)}"'
        for key, value in attrs.items()
        if value is not False and value is not None
    )


#: The form's lists: the rows of each (in order) and the field that is their key.
LISTS = {
    "thema": (lambda: Task.objects.order_by("position", "name"), "slug"),
    "kommune": (municipalities, "slug"),
    "zielgruppe": (lambda: TargetGroup.objects.order_by("name"), "slug"),
    "sprache": (lambda: Language.objects.order_by("name"), "code"),
}


class FinderForm(PlainTextFormMixin, forms.Form):
    """The finder's question. GET, so that every answer has a shareable address."""

    frage = forms.CharField(
        label=_("Worum geht es?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        help_text=_(
            "Ein Anliegen in eigenen Worten, z. B. „Unterbringung“, „Kita-Platz“ "
            "oder „Einbürgerung“."
        ),
    )
    thema = forms.ChoiceField(
        label=_("Oder eine Aufgabe aus dem Katalog"), required=False, widget=PlainSelect
    )
    kommune = forms.ChoiceField(label=_("Stadt oder Gemeinde"), widget=PlainSelect)
    zielgruppe = forms.ChoiceField(label=_("Für wen?"), required=False, widget=PlainSelect)
    sprache = forms.ChoiceField(label=_("In welcher Sprache?"), required=False, widget=PlainSelect)

    def __init__(self, *args, version: int | None = None, **kwargs):
        """``version``: the ``directory`` content version. With it, the lists (as
        (key, name) pairs) and each row chosen are kept in the page cache under it, so
        that a repeated question reads none of them; a miss reads each list once, one
        query per list. Without it, the lists are read for this form."""
        super().__init__(*args, **kwargs)
        self.version = version
        # The rows behind the choices when this form read them (for ``chosen()``).
        self.rows: dict[str, dict] | None = None
        pairs = page_cache.get(self._key("lists")) if version is not None else None
        if pairs is None:
            self.rows = {
                name: {getattr(row, key): row for row in rows()}
                for name, (rows, key) in LISTS.items()
            }
            pairs = {
                name: tuple((key, row.name) for key, row in rows.items())
                for name, rows in self.rows.items()
            }
            if version is not None:
                page_cache.set(self._key("lists"), pairs, settings.PORTAL_FRAGMENT_TIMEOUT)
        empty = {
            "thema": _("Alle Aufgaben"),
            "kommune": _("Bitte wählen"),
            "zielgruppe": _("Alle"),
            "sprache": _("Alle Sprachen"),
        }
        for name, choices in pairs.items():
            self.fields[name].choices = Pairs((("", empty[name]), *choices))

    def _key(self, *parts) -> str:
        return ":".join(["actors:finder", str(self.version), *parts])

    def chosen(self, name: str):
        """The task, municipality, target group or language chosen (valid form), or None."""
        value = self.cleaned_data.get(name) or ""
        if not value:
            return None
        if self.rows is not None:
            row = self.rows[name].get(value)
            if self.version is not None:
                page_cache.set(self._key(name, value), row, settings.PORTAL_FRAGMENT_TIMEOUT)
            return row
        rows, key = LISTS[name]
        # A value of the choices under this version: its row exists under it (a delete
        # moves the version on), so the key is bounded by the choices.
        return page_cache.get_or_set(
            self._key(name, value),
            lambda: rows().filter(**{key: value}).first(),
            settings.PORTAL_FRAGMENT_TIMEOUT,
        )

    def clean(self):
        cleaned = super().clean()
        if not any(cleaned.get(name) for name in ("frage", "thema", "zielgruppe", "sprache")):
            raise forms.ValidationError(
                _("Beschreiben Sie Ihr Anliegen oder wählen Sie eine Aufgabe aus dem Katalog."),
                code="empty",
            )
        return cleaned


#: Seconds a validated question is remembered (``read_question``).
QUESTION_TIMEOUT = 600
#: The chosen rows of a valid question, by field name.
CHOSEN = ("kommune", "thema", "zielgruppe", "sprache")


@dataclass(frozen=True)
class Question:
    """A validated question: the key part of the cached form and answer (``None``: not
    cacheable) and, if the question is valid, its text and the rows chosen."""

    variant: str | None
    text: str = ""
    chosen: dict = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return bool(self.chosen)


def read_question(query, version: int, build_form) -> Question:
    """The question of a query string, remembered per query string and content version.

    Building and validating the form (four lists of choices) cost a sixth of a cached
    answer; what it yields depends only on the query string and the content version (the
    form is the same for every viewer). It is kept in the bounded ``search`` cache, so
    made-up query strings can only push out other questions; ``build_form`` is called
    only on a miss."""
    if not query:
        return Question(variant="")
    raw = repr((version, sorted(query.lists()))).encode()
    key = f"actors:finder:question:{hashlib.sha256(raw).hexdigest()}"
    question = search_cache.get(key)
    if question is None:
        form = build_form()
        question = Question(variant=form_variant(form, text=True))
        if form.is_valid():
            question = Question(
                variant=question.variant,
                text=form.cleaned_data["frage"],
                chosen={name: form.chosen(name) for name in CHOSEN},
            )
        search_cache.set(key, question, QUESTION_TIMEOUT)
    return question


def _stems(text: str) -> list[str]:
    """Folded, stemmed words of a text; compounds with a hyphen count as one word too
    ("Kita-Platz" → "kita", "platz", "kitaplatz")."""
    stems = []
    for part in text.replace("/", " ").split():
        stems.extend(_part_stems(part))
    return stems


@functools.lru_cache(maxsize=20_000)
def _part_stems(part: str) -> tuple[str, ...]:
    """The stems of one blank-separated part of a text. Kept per process: an answer
    stems the texts of a few hundred offers, whose words repeat."""
    stems = []
    joined = fold(part).replace("-", "")
    words = [fold(word) for word in part.replace("-", " ").split()]
    if len(words) > 1:
        words.append(joined)
    for word in words:
        word = "".join(char for char in word if char.isalnum())
        if word and word not in STOP_WORDS:
            # Twice: "integrationskurse" → "integrationskurs" → "integrationskur",
            # as the singular is stemmed.
            stems.append(stem(stem(word)))
    return tuple(stems)


def _task_stems(task: Task) -> set[str]:
    return set(_stems(task.name)) | set(_stems(task.keywords.replace(",", " ")))


def _closeness(word: str, other: str) -> float:
    """3: the same word; 2: the asked word begins the known one ("unterbring" →
    "unterbringung"); 1: the known word begins the asked one, which says more
    ("integrationskur" → "integration"), less the less of it the known word covers; 0: no
    match. Prefixes count from four letters,
    so short words ("ki", "kita") match only as whole words."""
    if word == other:
        return 3
    if min(len(word), len(other)) < 4:
        return 0
    if other.startswith(word):
        return 2
    # The longer the known word, the closer: "integrationskur" is nearer to
    # "integrationskurs" than to "integration".
    return len(other) / len(word) if word.startswith(other) else 0


def asked_words(text: str, synonyms=()) -> list[set[str]]:
    """Each word of the question (folded, stemmed) with the stems of its synonyms
    (``actors.search.synonym_groups``): "Flüchtlinge" also stands for "Geflüchtete"."""
    words = [word for term in parse_query(text).positive_terms for word in term.words]
    asked: list[set[str]] = []
    for word in words:
        variants = set(_stems(word))
        for other in alternatives(word, synonyms):
            variants |= set(_stems(" ".join(other.words)))
        if variants and variants not in asked:
            asked.append(variants)
    return asked


def _score(asked: list[set[str]], known: set[str]) -> float:
    """Each asked word counts with its closest variant's closest known word."""
    return sum(
        max((_closeness(variant, other) for variant in variants for other in known), default=0)
        for variants in asked
    )


def match_tasks(question: str, tasks, synonyms=()) -> list[Task]:
    """The tasks the question is about, best first: each word of the question (or one of
    its synonyms) scores its closest match among the words of a task's name and everyday
    words (``_closeness``); the tasks with any match, by score, then catalogue order."""
    asked = asked_words(question, synonyms)
    if not asked:
        return []
    scored = []
    for task in tasks:
        score = _score(asked, _task_stems(task))
        if score:
            scored.append((-score, task.position, task.name, task))
    return [task for *_, task in sorted(scored, key=lambda item: item[:3])][:MAX_TASKS]


@dataclass
class Responsible:
    """An actor responsible for a task in the municipality, and why."""

    actor: Actor
    explanation: str
    responsibility: Responsibility | None = None

    @property
    def contacts(self) -> list[ContactPerson]:
        """The actor's contact persons: fetched for staff only (``answer``)."""
        return getattr(self.actor, "contacts", [])

    @property
    def legal_basis(self) -> str:
        if self.responsibility is not None:
            return self.responsibility.effective_legal_basis
        return ""


@dataclass
class TaskAnswer:
    task: Task
    responsible: list[Responsible]
    #: Whether the answer comes from the catalogue (no responsibility recorded).
    from_catalogue: bool = False
    #: How many more bodies the catalogue names than the answer lists.
    more: int = 0


@dataclass
class OfferAnswer:
    """An offer that helps in the municipality, and why it is named."""

    offer: Offer
    explanation: str


@dataclass
class Answer:
    municipality: Actor
    question: str
    tasks: list[TaskAnswer] = field(default_factory=list)
    offers: list[OfferAnswer] = field(default_factory=list)
    helpers: list[Actor] = field(default_factory=list)
    target_group: TargetGroup | None = None
    language: Language | None = None
    #: Whether a question or a task was asked (not only a target group or language).
    asked: bool = True


def obligation_phrase(task: Task) -> str:
    """ "Pflichtaufgabe zur Erfüllung nach Weisung", "Freiwillige Aufgabe", …"""
    if task.municipal_task_type:
        return MunicipalTaskType(task.municipal_task_type).label
    return Obligation(task.obligation).label


def explain(responsibility: Responsibility, municipality: Actor) -> str:
    """One sentence: what kind of task, whose, for which area."""
    task, actor = responsibility.task, responsibility.actor
    kind = obligation_phrase(task)
    if responsibility.for_whole_district:
        return _("%(kind)s – %(actor)s ist für alle Kommunen des Kreises zuständig.") % {
            "kind": kind,
            "actor": actor.name,
        }
    if actor.pk == municipality.pk:
        return _("%(kind)s – %(actor)s ist für das eigene Gebiet zuständig.") % {
            "kind": kind,
            "actor": actor.name,
        }
    return _("%(kind)s – %(actor)s ist für %(municipality)s zuständig.") % {
        "kind": kind,
        "actor": actor.name,
        "municipality": municipality.name,
    }


def explain_from_catalogue(task: Task, actor: Actor) -> str:
    kind = obligation_phrase(task)
    if actor.level == Level.DISTRICT:
        return _("%(kind)s – im Aufgabenkatalog beim Kreis: %(actor)s.") % {
            "kind": kind,
            "actor": actor.name,
        }
    return _("%(kind)s – im Aufgabenkatalog bei den Kommunen: %(actor)s.") % {
        "kind": kind,
        "actor": actor.name,
    }


def explain_offer(offer: Offer, municipality: Actor) -> str:
    """ "Angebot der Caritas für alle Kommunen des Kreises", "… in Stadt Erkelenz"."""
    if offer.for_whole_district:
        return _("Angebot von %(actor)s für alle Kommunen des Kreises.") % {
            "actor": offer.actor.name
        }
    return _("Angebot von %(actor)s in %(municipality)s.") % {
        "actor": offer.actor.name,
        "municipality": municipality.name,
    }


def _offer_stems(offer: Offer) -> set[str]:
    texts = [offer.name, offer.description]
    texts += [topic.name for topic in offer.topics.all()]
    texts += [group.name for group in offer.target_groups.all()]
    texts += [language.name for language in offer.languages.all()]
    return set(_stems(" ".join(texts)))


def matching_offers(
    user,
    municipality: Actor,
    asked: list[set[str]],
    target_group: TargetGroup | None = None,
    language: Language | None = None,
) -> list[Offer]:
    """The active offers visible to the user in the municipality that match the asked
    words (``asked_words``), best first, and are for the target group and in the
    language if given (with neither words: all of these, by name): a fixed number of
    queries (the offers of one municipality, with their provider, topics, target
    groups, languages; the places and hours of the offers named only)."""
    if not asked and target_group is None and language is None:
        return []
    offers = Offer.objects.visible_to(user).active().for_municipality(municipality)
    if target_group is not None:
        offers = offers.filter(pk__in=Offer.objects.filter(target_groups=target_group).values("pk"))
    if language is not None:
        offers = offers.filter(pk__in=Offer.objects.filter(languages=language).values("pk"))
    offers = offers.select_related("actor").prefetch_related("topics", "target_groups", "languages")
    scored = []
    for offer in offers:
        score = _score(asked, _offer_stems(offer)) if asked else 1
        if score:
            scored.append((-score, offer.name, offer.pk, offer))
    best = [offer for *_, offer in sorted(scored, key=lambda item: item[:3])][:MAX_OFFERS]
    prefetch_related_objects(
        best,
        Prefetch("offer_places", queryset=OfferPlace.objects.select_related("place")),
        Prefetch("opening_hours", queryset=OpeningHours.objects.order_by("weekday", "opens_at")),
    )
    return best


def serves(actor: Actor, municipality: Actor) -> bool:
    """Whether an actor of the catalogue works for the municipality: the Kreis' own
    bodies, the municipality itself and its local actors, and the generic entries of
    the keynote's table for all municipalities (no municipality named)."""
    if actor.level == Level.DISTRICT:
        return True
    if actor.level != Level.MUNICIPALITY:
        return False
    if actor.pk == municipality.pk or actor.municipality_id == municipality.pk:
        return True
    return actor.municipality_id is None and actor.sector != Sector.LOCAL_AUTHORITY


def serving(municipality: Actor) -> Q:
    """``serves`` as a condition on actors, so that only they are read."""
    local = (
        Q(pk=municipality.pk)
        | Q(municipality=municipality)
        | (Q(municipality__isnull=True) & ~Q(sector=Sector.LOCAL_AUTHORITY))
    )
    return Q(level=Level.DISTRICT) | (Q(level=Level.MUNICIPALITY) & local)


def answer(
    user,
    municipality: Actor,
    question: str = "",
    task: Task | None = None,
    target_group: TargetGroup | None = None,
    language: Language | None = None,
) -> Answer:
    """The finder's answer for a question (or a task of the catalogue) in a municipality;
    a target group or language narrows the offers and the other helpers to those for
    that group or in that language (the responsible authorities stay: they are
    responsible whatever the language)."""
    visible = Actor.objects.visible_to(user)
    internal = is_internal(user)
    actor_prefetches = []
    if internal:
        actor_prefetches.append(
            Prefetch("contact_persons", queryset=ContactPerson.objects.all(), to_attr="contacts")
        )
    tasks = list(Task.objects.order_by("position", "name"))
    synonyms = synonym_groups()
    found = (
        [t for t in tasks if t.pk == task.pk]
        if task is not None
        else match_tasks(question, tasks, synonyms)
    )
    # The catalogue's actors of the tasks found, as far as they serve the municipality:
    # at NRW scale the catalogue names some 4,500 actors for all tasks together.
    prefetch_related_objects(
        found,
        Prefetch(
            "responsible_actors",
            queryset=visible.filter(serving(municipality))
            .order_by("name")
            .prefetch_related(*actor_prefetches),
            to_attr="catalogue_actors",
        ),
    )
    result = Answer(
        municipality=municipality,
        question=question,
        target_group=target_group,
        language=language,
        asked=bool(question or task),
    )
    if found:
        recorded_rows = (
            Responsibility.objects.visible_to(user)
            .for_municipality(municipality)
            .filter(task__in=found)
            .order_by("actor__name")
        )
        if internal:
            recorded_rows = recorded_rows.prefetch_related(
                Prefetch(
                    "actor__contact_persons",
                    queryset=ContactPerson.objects.all(),
                    to_attr="contacts",
                )
            )
        responsibilities = list(recorded_rows)
        by_task: dict[int, list[Responsibility]] = {}
        for responsibility in responsibilities:
            by_task.setdefault(responsibility.task_id, []).append(responsibility)
        for found_task in found:
            recorded = by_task.get(found_task.pk, [])
            if recorded:
                result.tasks.append(
                    TaskAnswer(
                        found_task,
                        [Responsible(r.actor, explain(r, municipality), r) for r in recorded],
                    )
                )
                continue
            catalogue = [a for a in found_task.catalogue_actors if serves(a, municipality)]
            # The municipality's own bodies first; a Kreis names a handful, but where the
            # data holds many Kreise (the NRW demo data) the list is cut.
            catalogue.sort(key=lambda a: (not _is_local(a, municipality), a.name))
            result.tasks.append(
                TaskAnswer(
                    found_task,
                    [
                        Responsible(a, explain_from_catalogue(found_task, a))
                        for a in catalogue[:MAX_CATALOGUE]
                    ],
                    from_catalogue=True,
                    more=max(0, len(catalogue) - MAX_CATALOGUE),
                )
            )
    responsible_ids = {r.actor.pk for t in result.tasks for r in t.responsible}
    if question:
        asked = asked_words(question, synonyms)
    elif task is not None:
        asked = asked_words(f"{task.name} {task.keywords}", synonyms)
    else:
        asked = []
    result.offers = [
        OfferAnswer(offer, explain_offer(offer, municipality))
        for offer in matching_offers(user, municipality, asked, target_group, language)
    ]
    # Any of the words, the closest first: "Beratung für Geflüchtete" also finds a
    # counselling service whose text does not mention refugees.
    parsed = parse_query(question or (task.name if task is not None else ""))
    search_text = " or ".join(word for term in parsed.positive_terms for word in term.words)
    if search_text or target_group is not None or language is not None:
        nearby = Q(level=Level.DISTRICT) | Q(municipality=municipality) | Q(pk=municipality.pk)
        helpers = visible.for_directory().search(search_text, staff=internal).filter(nearby)
        if target_group is not None:
            helpers = helpers.filter(pk__in=_actors_with(target_groups=target_group))
        if language is not None:
            helpers = helpers.filter(pk__in=_actors_with(languages=language))
        result.helpers = [
            actor
            for actor in helpers.order_by("-search_rank", "name")[
                : MAX_HELPERS + len(responsible_ids)
            ]
            if actor.pk not in responsible_ids
        ][:MAX_HELPERS]
    return result


def _actors_with(**relation):
    """Ids of the actors with the target group or language themselves or in an offer
    (``target_groups=…`` or ``languages=…``)."""
    ((name, value),) = relation.items()
    offering = Offer.objects.filter(**{name: value}).values("actor_id")
    return Actor.objects.filter(Q(**{name: value}) | Q(pk__in=offering)).values("pk")


def _is_local(actor: Actor, municipality: Actor) -> bool:
    return actor.pk == municipality.pk or actor.municipality_id == municipality.pk
