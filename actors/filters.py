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

Only django-filter's public API is used (declared filters, ``Meta``, ``method=``,
callables for ``queryset=``, ``qs``, ``form``, ``filter_queryset``).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping

import django_filters
from django.core.exceptions import ImproperlyConfigured
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

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
    """A choice filter whose URL values are German codes mapped to stored values."""

    field_class = CodeChoiceField

    def __init__(self, *args, codes: Mapping, **kwargs):
        codes = CodeTable(codes)
        kwargs.setdefault("choices", FixedChoices((code, v.label) for code, v in codes.items()))
        kwargs.setdefault("empty_label", ALL)
        super().__init__(*args, codes=codes, **kwargs)


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


class ActorFilterSet(django_filters.FilterSet):
    q = django_filters.CharFilter(
        label=_("Suchbegriff"),
        method="filter_search",
        max_length=200,
        help_text=_("Name, Kurzname oder Beschreibung, z. B. „Ausländerbehörde“ oder „KI“."),
    )
    ebene = CodeChoiceFilter(field_name="level", codes=codes.LEVEL_CODES, label=_("Ebene"))
    art = CodeChoiceFilter(field_name="kind", codes=codes.KIND_CODES, label=_("Art"))
    bereich = CodeChoiceFilter(field_name="sector", codes=codes.SECTOR_CODES, label=_("Bereich"))
    dimension = CodeChoiceFilter(
        codes=codes.DIMENSION_CODES, method="filter_dimension", label=_("Politikdimension")
    )
    aufgabenart = CodeChoiceFilter(
        codes=codes.OBLIGATION_CODES,
        method="filter_obligation",
        label=_("Pflicht oder freiwillig"),
    )
    bezug = CodeChoiceFilter(
        codes=codes.DIRECTNESS_CODES,
        method="filter_directness",
        label=_("Aufgaben unmittelbar oder mittelbar"),
    )
    kommune = django_filters.ModelChoiceFilter(
        queryset=_municipalities,
        to_field_name="slug",
        method="filter_municipality",
        label=_("Kreisangehörige Kommune"),
        empty_label=ALL,
    )
    zielgruppe = django_filters.ModelChoiceFilter(
        queryset=_target_groups,
        to_field_name="slug",
        method="filter_target_group",
        label=_("Zielgruppe"),
        empty_label=ALL,
    )
    sprache = django_filters.ModelChoiceFilter(
        queryset=_languages,
        to_field_name="code",
        method="filter_language",
        label=_("Sprache"),
        empty_label=ALL,
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

    def filter_dimension(self, queryset, name, value):
        return self._narrow(queryset, Q(dimension_roles__dimension=value))

    def filter_obligation(self, queryset, name, value):
        # An actor carries an obligation through a cell of the multi-level table or
        # through a task it is responsible for.
        return self._narrow(
            queryset, Q(dimension_roles__obligation=value) | Q(tasks__obligation=value)
        )

    def filter_directness(self, queryset, name, value):
        return self._narrow(queryset, Q(tasks__directness=value))

    def filter_municipality(self, queryset, name, value):
        return queryset.filter(Q(municipality=value) | Q(pk=value.pk))

    def filter_target_group(self, queryset, name, value):
        return self._narrow(queryset, Q(target_groups=value))

    def filter_language(self, queryset, name, value):
        return self._narrow(queryset, Q(languages=value))

    def filter_related(self, queryset, name, value):
        """For filters other apps add: any lookup through a reverse relation."""
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
        return sum(1 for name in names if self.data.get(name) not in (None, ""))

    @property
    def active_filters(self) -> bool:
        """Whether any facet or search narrows the list (for the "reset" link)."""
        if not self.is_bound or not self.form.is_valid():
            return False
        return any(
            value not in (None, "")
            for key, value in self.form.cleaned_data.items()
            if key != "sortierung"
        )


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
