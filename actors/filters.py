"""The directory's filters (django-filter). Every URL parameter is validated here.

Parameters are German (``?ebene=kommune&dimension=sicherheit``); unknown values make
the form invalid and are shown as errors, never passed to the ORM. Filters that follow
a to-many relation narrow the queryset with ``pk__in`` subqueries, so an actor never
appears twice and the query count stays fixed.

Other parts of the portal add filters without this module importing them: they register
a factory with ``actors.extensions.register_directory_filter`` in their
``AppConfig.ready()``, and the directory uses ``directory_filterset_class()``, a subclass
of ``ActorFilterSet`` that declares the registered filters. The template renders every
field of the form, so an added filter appears by itself.

Facets (every filter but the search and the sorting) take several values: ``?ebene=
kommune&ebene=kreis`` lists actors of either level (OR within a facet, AND between
facets), and a single value, as in older links, still works. ``ActorFilterSet.facets()``
counts beside each value how many actors would be listed with it ("disjunctive"
counts: all other filters and the search apply, the facet's own selection does not),
in one grouped query per facet, over what the viewer may see. A filter takes part when
it has a ``facet_counts(queryset)`` method (``FacetFilter``); a registered filter
without one is rendered as before.

Only django-filter's public API is used (declared filters, ``Meta``, ``method=``,
callables for ``queryset=``, ``qs``, ``form``, ``filter_queryset``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping
from dataclasses import dataclass

import django_filters
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Case, Count, Expression, F, IntegerField, Q, QuerySet, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField, ModelMultipleChoiceField, MultipleChoiceField

from actors import codes, extensions
from actors.models import Actor, Language, Level, Sector, TargetGroup, Task
from core.permissions import is_internal

ALL = _("Alle")
LEVEL_ORDER = Case(
    *(When(level=level, then=Value(position)) for position, level in enumerate(Level.values)),
    output_field=IntegerField(),
)

SORT_CHOICES = [
    ("relevanz", _("Relevanz (bei Suche)")),
    ("name", _("Name (A–Z)")),
    ("name-absteigend", _("Name (Z–A)")),
    ("ebene", _("Ebene (EU bis Kommune)")),
    ("geprueft", _("Zuletzt geprüft (älteste zuerst)")),
]
SORT_ORDERING = {
    "name": ("name",),
    "name-absteigend": ("-name",),
    "ebene": ("level_order", "name"),
    "geprueft": ("last_verified", "name"),
}


class Shared:
    """A constant of a filter (a code table, a list of choices), shared by its copies.

    django-filter deep-copies the filters for every filter set, and Django the fields for
    every form: these never change, so a copy would be wasted work (most of the cost of
    copying the choice filters)."""

    def __deepcopy__(self, memo):
        return self


class CodeTable(Shared, Mapping):
    """German code → stored value (a table of ``actors.codes``), read-only."""

    def __init__(self, codes: Mapping):
        self._codes = dict(codes)

    def __getitem__(self, code):
        return self._codes[code]

    def __iter__(self):
        return iter(self._codes)

    def __len__(self):
        return len(self._codes)


class FixedChoices(Shared, tuple):
    """The choices of a filter as ``(value, label)`` pairs."""


class CodeChoiceField(ChoiceField):
    """Accepts a German code, returns the stored value (``kommune`` → ``municipality``)."""

    def __init__(self, *args, codes: Mapping, **kwargs):
        self.codes = codes
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return str(self.codes[value]) if value in self.codes else value


class CodeChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose URL values are German codes mapped to stored values (one
    value; the task catalogue's filters)."""

    field_class = CodeChoiceField

    def __init__(self, *args, codes: Mapping, **kwargs):
        codes = CodeTable(codes)
        kwargs.setdefault("choices", FixedChoices((code, v.label) for code, v in codes.items()))
        kwargs.setdefault("empty_label", ALL)
        super().__init__(*args, codes=codes, **kwargs)


class CodeMultipleChoiceField(MultipleChoiceField):
    """Accepts German codes, returns the stored values (``kommune`` → ``municipality``),
    each once: repeating a value changes neither the result nor the cache key."""

    widget = forms.CheckboxSelectMultiple

    def __init__(self, *args, codes: Mapping, **kwargs):
        self.codes = codes
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return list(dict.fromkeys(str(self.codes[code]) for code in value))


class FacetFilter:
    """A filter the directory counts per value (``ActorFilterSet.facets()``).

    ``facet_counts(queryset)`` answers, in one query, how many actors of ``queryset``
    each value would list: ``{URL value: count}``; values without actors may be missing.
    """

    def facet_counts(self, queryset: QuerySet) -> dict[str, int]:
        raise NotImplementedError


def grouped_counts(
    queryset: QuerySet, key: str | Expression, *, actor: str = "pk"
) -> dict[str, int]:
    """Distinct actors of ``queryset`` per value of ``key`` (a lookup through relations,
    or an expression), in one grouped query; actors without a value are left out.
    ``actor``: the actor's key in the rows (``actor`` when counting memberships)."""
    key = F(key) if isinstance(key, str) else key
    rows = queryset.order_by().values(facet_value=key).annotate(n=Count(actor, distinct=True))
    return {str(row["facet_value"]): row["n"] for row in rows if row["facet_value"] is not None}


class CodeMultipleChoiceFilter(FacetFilter, django_filters.MultipleChoiceFilter):
    """Several German codes, OR'd (``?ebene=kommune&ebene=kreis``), mapped to stored values.

    ``facet_key`` is the lookup whose stored value the counts group by (the field by
    default); a filter that matches through more than one relation (``aufgabenart``)
    passes ``None`` and is counted value by value, in one query with one conditional
    count per value (its list of values is short)."""

    field_class = CodeMultipleChoiceField

    def __init__(self, *args, codes: Mapping, facet_key: str | None = "", **kwargs):
        codes = CodeTable(codes)
        kwargs.setdefault("choices", FixedChoices((code, v.label) for code, v in codes.items()))
        kwargs.setdefault("distinct", False)
        self.codes = codes
        self.facet_key = facet_key
        super().__init__(*args, codes=codes, **kwargs)

    def filter(self, qs, value):
        # The stored values of a column of the actor: one ``IN``, no ``DISTINCT`` needed.
        if not value:
            return qs
        return self.get_method(qs)(**{f"{self.field_name}__in": value})

    def facet_counts(self, queryset):
        code_of = {str(stored): code for code, stored in self.codes.items()}
        key = self.facet_key if self.facet_key != "" else self.field_name
        if key:
            counts = grouped_counts(queryset, key)
            return {code_of[value]: n for value, n in counts.items() if value in code_of}
        matching = {
            f"n{i}": Count(
                "pk", filter=Q(pk__in=self.filter(Actor.objects.all(), [value]).values("pk"))
            )
            for i, value in enumerate(code_of)
        }
        counts = queryset.order_by().aggregate(**matching)
        return {code_of[value]: counts[f"n{i}"] for i, value in enumerate(code_of)}


class ModelFacetField(ModelMultipleChoiceField):
    """Several rows by their slug; a list (empty when none is chosen), so that filters
    and cache keys treat "nothing chosen" alike for every facet."""

    widget = forms.CheckboxSelectMultiple

    def clean(self, value):
        if not value and not self.required:
            # Nothing chosen: no queryset to build and evaluate (``none()`` would be
            # compiled all the same, a sixth of a cached search page's time).
            return []
        return list(super().clean(value))


class ModelFacetFilter(FacetFilter, django_filters.ModelMultipleChoiceFilter):
    """Several rows (``?zielgruppe=a&zielgruppe=b``), OR'd; counted per value of
    ``facet_key``: a lookup to the row's ``to_field_name`` through the actor's relations,
    or a function that returns an expression for it."""

    field_class = ModelFacetField

    def __init__(self, *args, facet_key: str | Callable[[], Expression], **kwargs):
        self.facet_key = facet_key
        super().__init__(*args, **kwargs)

    def facet_counts(self, queryset):
        key = self.facet_key if isinstance(self.facet_key, str) else self.facet_key()
        return grouped_counts(queryset, key)


# The choices of the model filters, as callables (django-filter calls them with the
# request): each filter set deep-copies its filters, and a function is not copied where
# a queryset would be. Their querysets are built once and handed out as fresh copies
# (``all()``), so none of them is ever evaluated and each request reads current rows.


@functools.cache
def _public_municipalities():
    return Actor.objects.public().filter(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)


def _municipalities(request):
    return _public_municipalities().all()


def _target_groups(request):
    return TargetGroup.objects.all()


def _languages(request):
    return Language.objects.all()


def _municipality_key() -> Expression:
    # The filter lists a municipality and the actors located there.
    return Case(
        When(pk__in=_public_municipalities().values("pk"), then=F("slug")),
        default=F("municipality__slug"),
    )


@dataclass(frozen=True)
class FacetOption:
    """A value of a facet as the form shows it: a checkbox labelled with its count."""

    value: str
    label: str
    count: int
    selected: bool
    id: str


@dataclass(frozen=True)
class Facet:
    """A field of the filter form with the count of each value, or ``options=None`` for a
    filter that is not counted (rendered as a plain field)."""

    field: forms.BoundField
    options: tuple[FacetOption, ...] | None = None
    #: Values of a long list left out because no actor of the result has them.
    hidden: int = 0

    @property
    def long(self) -> bool:
        return self.options is not None and len(self.options) > LONG_FACET

    @property
    def as_select(self) -> bool:
        """A list too long for checkboxes is a multiple select (the same parameters)."""
        return self.options is not None and len(self.options) > SELECT_FACET


#: From this many values on, a facet lists only the values with actors (and those
#: chosen), in a box of its own height: some 400 municipalities at NRW scale.
LONG_FACET = 12
#: From this many values shown on, a facet is a multiple select instead of checkboxes:
#: 350 municipalities as checkboxes were 120 KB of a 155 KB page and a long way to tab
#: through; as a select they are 20 KB and one stop of the keyboard.
SELECT_FACET = 40


class ActorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        method="filter_search",
        max_length=200,
        help_text=_(
            "Name, Aufgabe, Angebot, Zielgruppe, Sprache oder Ort, z. B. „Ausländerbehörde“, "
            "„Sprachkurs Erkelenz“ oder „KI“."
        ),
    )
    ebene = CodeMultipleChoiceFilter(field_name="level", codes=codes.LEVEL_CODES, label=_("Ebene"))
    art = CodeMultipleChoiceFilter(field_name="kind", codes=codes.KIND_CODES, label=_("Art"))
    bereich = CodeMultipleChoiceFilter(
        field_name="sector", codes=codes.SECTOR_CODES, label=_("Bereich")
    )
    dimension = CodeMultipleChoiceFilter(
        codes=codes.DIMENSION_CODES,
        method="filter_dimension",
        facet_key="dimension_roles__dimension",
        label=_("Politikdimension"),
    )
    aufgabenart = CodeMultipleChoiceFilter(
        codes=codes.OBLIGATION_CODES,
        method="filter_obligation",
        facet_key=None,
        label=_("Pflicht oder freiwillig"),
    )
    bezug = CodeMultipleChoiceFilter(
        codes=codes.DIRECTNESS_CODES,
        method="filter_directness",
        facet_key="tasks__directness",
        label=_("Aufgaben unmittelbar oder mittelbar"),
    )
    kommune = ModelFacetFilter(
        queryset=_municipalities,
        to_field_name="slug",
        method="filter_municipality",
        facet_key=_municipality_key,
        label=_("Kreisangehörige Kommune"),
    )
    zielgruppe = ModelFacetFilter(
        queryset=_target_groups,
        to_field_name="slug",
        method="filter_target_group",
        facet_key="target_groups__slug",
        label=_("Zielgruppe"),
    )
    sprache = ModelFacetFilter(
        queryset=_languages,
        to_field_name="code",
        method="filter_language",
        facet_key="languages__code",
        label=_("Sprache"),
    )
    sortierung = django_filters.ChoiceFilter(
        choices=FixedChoices(SORT_CHOICES),
        method="keep",
        label=_("Sortierung"),
        empty_label=None,
        null_label=None,
    )

    class Meta:
        model = Actor
        fields: list[str] = []

    # Fields that are not facets: the template renders them apart from the facets.
    NON_FACETS = ("q", "sortierung")

    def _narrow(self, queryset, condition: Q):
        return queryset.filter(pk__in=Actor.objects.filter(condition).values("pk"))

    def filter_search(self, queryset, name, value):
        user = getattr(self.request, "user", None)
        return queryset.search(value, staff=user is not None and is_internal(user))

    # The facets' methods get a list of values (stored values or rows), OR'd.

    def filter_dimension(self, queryset, name, value):
        return self._narrow(queryset, Q(dimension_roles__dimension__in=value))

    def filter_obligation(self, queryset, name, value):
        # An actor carries an obligation through a cell of the multi-level table or
        # through a task it is responsible for.
        return self._narrow(
            queryset, Q(dimension_roles__obligation__in=value) | Q(tasks__obligation__in=value)
        )

    def filter_directness(self, queryset, name, value):
        return self._narrow(queryset, Q(tasks__directness__in=value))

    def filter_municipality(self, queryset, name, value):
        pks = [municipality.pk for municipality in value]
        return queryset.filter(Q(municipality__in=pks) | Q(pk__in=pks))

    def filter_target_group(self, queryset, name, value):
        return self._narrow(queryset, Q(target_groups__in=[group.pk for group in value]))

    def filter_language(self, queryset, name, value):
        return self._narrow(queryset, Q(languages__in=[language.pk for language in value]))

    def filter_related(self, queryset, name, value):
        """For filters other apps add: any lookup through a reverse relation, with one
        value or (a multiple-choice filter) several, OR'd."""
        if isinstance(value, list | tuple | QuerySet):
            return self._narrow(queryset, Q(**{f"{name}__in": value}))
        return self._narrow(queryset, Q(**{name: value}))

    def keep(self, queryset, name, value):
        return queryset

    @property
    def search_query(self) -> str:
        if not self.is_bound or not self.form.is_valid():
            return ""
        return self.form.cleaned_data.get("q") or ""

    @property
    def sort_key(self) -> str:
        key = self.form.cleaned_data.get("sortierung") if self.is_bound else ""
        if key in SORT_ORDERING or (key == "relevanz" and self.search_query):
            return key
        return "relevanz" if self.search_query else "name"

    def filter_queryset(self, queryset):
        queryset = super().filter_queryset(queryset)
        key = self.sort_key
        if key == "relevanz":
            return queryset.order_by("-search_rank", "name")
        if key == "ebene":
            queryset = queryset.annotate(level_order=LEVEL_ORDER)
        return queryset.order_by(*SORT_ORDERING[key])

    @cached_property
    def qs(self):
        # Bound: filtered and sorted by ``filter_queryset``. Unbound (the whole directory):
        # django-filter neither validates nor filters; it is sorted by name.
        queryset = super().qs
        return queryset if self.is_bound else queryset.order_by("name")

    @property
    def active_facets(self) -> int:
        """How many facets (not search, not sorting) narrow the list; invalid ones count,
        so that their error stays visible in an open filter panel."""
        if not self.is_bound:
            return 0
        names = [name for name in self.filters if name not in self.NON_FACETS]
        return sum(1 for name in names if any(self._raw_values(name)))

    def _raw_values(self, name: str) -> list:
        """The values sent for a filter, as they came (several for a facet)."""
        getlist = getattr(self.data, "getlist", None)
        if getlist is not None:
            return getlist(name)
        value = self.data.get(name)
        return value if isinstance(value, list | tuple) else [value]

    @property
    def active_filters(self) -> bool:
        """Whether any facet or search narrows the list (for the "reset" link)."""
        if not self.is_bound or not self.form.is_valid():
            return False
        return any(
            value not in (None, "", [])
            for key, value in self.form.cleaned_data.items()
            if key != "sortierung"
        )

    def _chosen(self) -> dict[str, object]:
        """The valid values that narrow the list, by filter (the search included); an
        invalid facet narrows neither the list (django-filter skips it) nor the counts."""
        if not self.is_bound:
            return {}
        self.form.is_valid()
        return {
            name: value
            for name, value in self.form.cleaned_data.items()
            if name != "sortierung" and value not in (None, "", [])
        }

    def facets(self) -> list[Facet]:
        """The facets of the form in its order, each value with its count.

        The count of a value of facet F is the number of actors the viewer may see
        (``queryset``) that match the search and every other facet's choice, and that
        value: what the list would show with it added to F's choice (values of a facet
        are OR'd). One grouped query per counted facet, however many values or actors.
        Long lists leave out the values without actors that are not chosen. A facet is
        counted where its form lists the values (checkboxes); a filter that is a text
        field (the networks at NRW scale, filters other apps add) is shown as it is."""
        chosen = self._chosen()
        base = self.queryset.select_related(None).prefetch_related(None).order_by()
        search = chosen.pop("q", None)
        if search:
            # Counted without the rank: the matching actors, as a subquery.
            matching = self.filters["q"].filter(base, search).values("pk")
            base = base.filter(pk__in=matching)
        facets = []
        for field in self.form:
            name = field.name
            filter_ = self.filters[name]
            if name in self.NON_FACETS:
                continue
            lists_values = isinstance(field.field.widget, forms.CheckboxSelectMultiple)
            if not (isinstance(filter_, FacetFilter) and lists_values):
                facets.append(Facet(field))
                continue
            queryset = base
            for other, value in chosen.items():
                if other != name:
                    queryset = self.filters[other].filter(queryset, value)
            facets.append(self._facet(field, filter_.facet_counts(queryset)))
        return facets

    def _facet(self, field: forms.BoundField, counts: dict[str, int]) -> Facet:
        selected = (
            {str(value) for value in self._raw_values(field.name)} if self.is_bound else set()
        )
        options = []
        for index, (value, label) in enumerate(field.field.choices):
            value = str(value)
            options.append(
                FacetOption(
                    value=value,
                    label=str(label),
                    count=counts.get(value, 0),
                    selected=value in selected,
                    id=f"{field.auto_id}_{index}",
                )
            )
        hidden = 0
        if len(options) > LONG_FACET:
            shown = [option for option in options if option.count or option.selected]
            hidden = len(options) - len(shown)
            options = shown
        return Facet(field, tuple(options), hidden)


@functools.lru_cache(maxsize=16)
def _directory_filterset_class(
    registered: tuple[tuple[str, Callable[[], django_filters.Filter]], ...],
) -> type[ActorFilterSet]:
    attrs = {"__module__": __name__, "__qualname__": "DirectoryFilterSet"}
    for name, factory in registered:
        if name in ActorFilterSet.base_filters:
            raise ImproperlyConfigured(f"The directory has a filter {name!r} of its own.")
        filter_ = factory()
        if not isinstance(filter_, django_filters.Filter):
            raise ImproperlyConfigured(f"{factory!r} returned {filter_!r}, not a filter.")
        attrs[name] = filter_
    # Declared like any subclass: django-filter's metaclass collects the filters.
    return type(ActorFilterSet)("DirectoryFilterSet", (ActorFilterSet,), attrs)


def directory_filterset_class() -> type[ActorFilterSet]:
    """``ActorFilterSet`` with the filters other apps have registered (after its own,
    in the order of registration); built once per content of the registry."""
    return _directory_filterset_class(tuple(extensions.DIRECTORY_FILTERS.items()))


class TaskFilterSet(django_filters.FilterSet):
    bezug = CodeChoiceFilter(
        field_name="directness", codes=codes.DIRECTNESS_CODES, label=_("Bezug zur Integration")
    )
    aufgabenart = CodeChoiceFilter(
        field_name="obligation", codes=codes.OBLIGATION_CODES, label=_("Pflicht oder freiwillig")
    )

    class Meta:
        model = Task
        fields: list[str] = []
