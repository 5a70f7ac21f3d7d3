"""The directory's filters (django-filter). Every URL parameter is validated here.

Parameters are German (``?ebene=kommune&dimension=sicherheit``); unknown values make
the form invalid and are shown as errors, never passed to the ORM. Filters that follow
a to-many relation narrow the queryset with ``pk__in`` subqueries, so an actor never
appears twice and the query count stays fixed.

Other parts of the portal may add filters without this module importing them, e.g. in
their ``AppConfig.ready()``::

    ActorFilterSet.base_filters["netzwerk"] = django_filters.CharFilter(
        field_name="memberships__network__slug", method="filter_related", label=...)

The template renders every field of the form, so an added filter appears by itself.
"""

from __future__ import annotations

import copy

import django_filters
from django.db.models import Case, IntegerField, Q, Value, When
from django.http import QueryDict
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_filters.fields import ChoiceField

from actors import codes
from actors.models import Actor, Language, Level, Sector, TargetGroup, Task

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


class CodeChoiceField(ChoiceField):
    """Accepts a German code, returns the stored value (``kommune`` → ``municipality``)."""

    def __init__(self, *args, codes: dict, **kwargs):
        self.codes = codes
        super().__init__(*args, **kwargs)

    def clean(self, value):
        value = super().clean(value)
        return str(self.codes[value]) if value in self.codes else value


class CodeChoiceFilter(django_filters.ChoiceFilter):
    """A choice filter whose URL values are German codes mapped to stored values."""

    field_class = CodeChoiceField

    def __init__(self, *args, codes: dict, **kwargs):
        kwargs.setdefault("choices", [(code, value.label) for code, value in codes.items()])
        kwargs.setdefault("empty_label", ALL)
        super().__init__(*args, codes=codes, **kwargs)


def _municipalities(request):
    return Actor.objects.public().filter(level=Level.MUNICIPALITY, sector=Sector.LOCAL_AUTHORITY)


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
        queryset=TargetGroup.objects.all(),
        to_field_name="slug",
        method="filter_target_group",
        label=_("Zielgruppe"),
        empty_label=ALL,
    )
    sprache = django_filters.ModelChoiceFilter(
        queryset=Language.objects.all(),
        to_field_name="code",
        method="filter_language",
        label=_("Sprache"),
        empty_label=ALL,
    )
    sortierung = django_filters.ChoiceFilter(
        choices=SORT_CHOICES,
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

    def __init__(self, data=None, queryset=None, *, request=None, prefix=None):
        # As django-filter's, except that the filters are copied only when they are used
        # (``filters`` below): the unfiltered directory, whose form comes from the
        # template's cache, then never pays for deep-copying eleven filters and a form.
        if queryset is None:
            queryset = self._meta.model._default_manager.all()
        self.is_bound = data is not None
        self.data = data or QueryDict()
        self.queryset = queryset
        self.request = request
        self.form_prefix = prefix

    @cached_property
    def filters(self):
        # Shallow copies instead of django-filter's deep copy (a third of a filtered
        # page's CPU time): each copy gets its own ``extra`` (a model filter stores the
        # queryset it resolved for this request there) and its method bound to itself.
        filters = {}
        for name, base in self.base_filters.items():
            filter_ = copy.copy(base)
            filter_.extra = dict(base.extra)
            filter_.model = self.queryset.model
            filter_.parent = self
            if filter_.method is not None:
                filter_.method = filter_.method
            filters[name] = filter_
        return filters

    # The form class per visibility, rebuilt when the content version moves on: the
    # choices of the model filters depend on both (the network filter lists only the
    # networks the viewer may see) and on nothing else of the request. Each form
    # deep-copies the class's fields when it is built.
    _form_classes: dict = {}

    def get_form_class(self):
        from core import versions
        from core.permissions import is_internal

        user = getattr(self.request, "user", None)
        key = (type(self), tuple(self.base_filters), bool(user) and is_internal(user))
        version = versions.for_request(self.request) if self.request is not None else None
        cached = self._form_classes.get(key)
        if cached is None or cached[0] != version or version is None:
            cached = self._form_classes[key] = (version, super().get_form_class())
        return cached[1]

    def _narrow(self, queryset, condition: Q):
        return queryset.filter(pk__in=Actor.objects.filter(condition).values("pk"))

    def filter_search(self, queryset, name, value):
        return queryset.search(value)

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

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            if not self.is_bound:
                self._qs = self.queryset.all().order_by("name")
            else:
                self._qs = super().qs
        return self._qs

    @property
    def active_facets(self) -> int:
        """How many facets (not search, not sorting) narrow the list; invalid ones count,
        so that their error stays visible in an open filter panel."""
        if not self.is_bound:
            return 0
        names = [name for name in self.base_filters if name not in self.NON_FACETS]
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
