"""Walk the URL configuration itself, so that tests cover every route, also future ones.

``iter_routes()`` yields every endpoint of ``ROOT_URLCONF`` (recursively through
``include()``, ``i18n_patterns`` and the admin) with a stable key: its namespaced name,
or for unnamed routes its full pattern. ``sample_url(route, values)`` builds a concrete
URL from sample keyword arguments.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern, RegexPattern, RoutePattern


@dataclass(frozen=True)
class Route:
    key: str  # "actors:detail", or the pattern for unnamed routes
    name: str | None  # namespaced URL name
    pattern: str  # full pattern, language prefix left out
    kwargs: tuple[str, ...]  # names of the URL's keyword arguments
    group_patterns: tuple[tuple[str, str], ...]  # kwarg -> regex body, for regex routes
    i18n: bool  # inside i18n_patterns (German without prefix, English under /en/)
    callback: object

    @property
    def namespace(self) -> str:
        return self.name.rsplit(":", 1)[0] if self.name and ":" in self.name else ""


def _pattern_text(pattern) -> str:
    if isinstance(pattern, LocalePrefixPattern):
        return ""
    if isinstance(pattern, RoutePattern):
        return str(pattern._route)
    if isinstance(pattern, RegexPattern):
        return str(pattern._regex)
    return str(pattern)


def _group_bodies(regex: str) -> dict[str, str]:
    """Named groups of a regex and their (non-nested) bodies: (?P<app_label>auth|x) -> auth|x."""
    bodies = {}
    for match in re.finditer(r"\(\?P<(\w+)>", regex):
        depth, start = 1, match.end()
        index = start
        while index < len(regex) and depth:
            if regex[index] == "\\":
                index += 2
                continue
            depth += {"(": 1, ")": -1}.get(regex[index], 0)
            index += 1
        bodies[match.group(1)] = regex[start : index - 1]
    return bodies


def _kwarg_names(pattern) -> list[str]:
    if isinstance(pattern, RoutePattern):
        return list(pattern.converters)
    if isinstance(pattern, RegexPattern):
        return list(pattern.regex.groupindex)
    return []


def iter_routes(
    patterns=None, prefix: str = "", namespace: str = "", kwargs=(), groups=(), i18n=False
) -> Iterator[Route]:
    """Every endpoint of the URL configuration."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        text = prefix + _pattern_text(entry.pattern)
        entry_kwargs = (*kwargs, *_kwarg_names(entry.pattern))
        entry_groups = (*groups, *_group_bodies(_pattern_text(entry.pattern)).items())
        if isinstance(entry, URLResolver):
            child_namespace = namespace
            if entry.namespace:
                child_namespace = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from iter_routes(
                entry.url_patterns,
                text,
                child_namespace,
                entry_kwargs,
                entry_groups,
                i18n or isinstance(entry.pattern, LocalePrefixPattern),
            )
        elif isinstance(entry, URLPattern):
            name = None
            if entry.name:
                name = f"{namespace}:{entry.name}" if namespace else entry.name
            unnamed_key = f"{namespace}:{text}" if namespace else text
            yield Route(
                key=name or unnamed_key,
                name=name,
                pattern=text,
                kwargs=tuple(entry_kwargs),
                group_patterns=tuple(entry_groups),
                i18n=i18n,
                callback=entry.callback,
            )


#: Values tried for URL keyword arguments that no test data supplies.
GENERIC_SAMPLES = ("1", "beispiel", "x")


def _candidates(route: Route, name: str, values: Mapping[str, object]) -> list[str]:
    found = []
    if name in values:
        value = values[name]
        found.extend(str(v) for v in (value if isinstance(value, list | tuple) else [value]))
    body = dict(route.group_patterns).get(name)
    if body and re.fullmatch(r"[\w|-]+", body):
        found.extend(body.split("|"))  # an alternation like "auth|integration_portal"
    found.extend(GENERIC_SAMPLES)
    return found


def sample_url(route: Route, values: Mapping[str, object] | None = None) -> str | None:
    """A concrete URL of a named route, or None if no sample reverses."""
    if route.name is None:
        return None
    values = values or {}
    if not route.kwargs:
        try:
            return reverse(route.name)
        except NoReverseMatch:
            return None
    options = [_candidates(route, name, values) for name in route.kwargs]
    for combination in itertools.islice(itertools.product(*options), 200):
        try:
            return reverse(route.name, kwargs=dict(zip(route.kwargs, combination, strict=True)))
        except NoReverseMatch:
            continue
    return None
