"""Request every route of the URL configuration as a given account, for the access tests."""

from __future__ import annotations

import re
from fnmatch import fnmatchcase

from django.contrib import admin

from core.models import AccessibilityFeedback
from tests.urlwalk import Route, iter_routes, sample_url

REDIRECT = (301, 302, 303, 307, 308)


def outcome(response) -> str:
    """ok, login, mfa, deny (403), hidden (404), method (405), or the status code."""
    status = response.status_code
    if status in REDIRECT:
        location = response["Location"]
        if "/konto/login/" in location or "/verwaltung/login/" in location:
            return "login"
        if "/2fa/totp/activate/" in location:
            return "mfa"
        return "ok"
    if 200 <= status < 300 or status == 400:  # 400: passed the check, empty form refused
        return "ok"
    return {403: "deny", 404: "hidden", 405: "method"}.get(status, f"status {status}")


def satisfies(response, expected: str) -> bool:
    """Whether the response is the outcome the policy expects. ``page`` is the strict
    form of ``ok`` for pages: the page itself (200), no redirect, no empty-form 400."""
    if expected == "page":
        return response.status_code == 200
    return outcome(response) == expected


def policy_for(route: Route, policy: dict):
    for pattern, expected in policy.items():
        if pattern == route.key or fnmatchcase(route.key, pattern):
            return expected
    return None


def _admin_model(route: Route):
    """The model behind an admin route (by URL name or by the path of unnamed routes)."""
    for model in admin.site._registry:
        meta = model._meta
        if route.name and route.name.startswith(f"admin:{meta.app_label}_{meta.model_name}_"):
            return model
        if not route.name and f"/{meta.app_label}/{meta.model_name}/" in "/" + route.pattern:
            return model
    return None


def samples_for(route: Route, world) -> dict:
    namespace = route.namespace.split(":")[0]
    slug = {
        "actors": world.actor.slug,
        "stewardship": world.actor.slug,
        "networks": world.network_a.slug,
        "timeline": world.period.slug,
    }.get(namespace, "beispiel")
    if route.name and route.name.startswith("timeline:preview"):
        slug = world.draft_period.slug
    pk = world.link.pk if route.name == "networks:link_end" else world.membership.pk
    values = {"slug": slug, "pk": pk, "object_id": "1", "content_type_id": "1", "url": "x/"}
    if "reference" in route.kwargs:
        feedback = AccessibilityFeedback.objects.order_by("pk").first()
        values["reference"] = feedback.reference if feedback is not None else "BF-00000000"
    if route.name == "stewardship:quality_list":
        values["check"] = "akteure-pruefung-faellig"
    if "account_id" in route.kwargs:
        values["account_id"] = world.other_coordinator.pk
    if route.name == "actors:restore":
        # The actor's first saved state (restoring it is what the route offers).
        first = world.actor.history.order_by("history_id").first()
        values["history_id"] = first.history_id
    if namespace == "editorial":
        # The Redaktion's pages of the published period (its first state in the history,
        # a translated field of it).
        first = world.period.history.order_by("history_id").first()
        values.update(
            kind="zeitabschnitte",
            pk=world.period.pk,
            history_id=first.history_id,
            field="title_en",
        )
    model = _admin_model(route) if namespace == "admin" else None
    if model is not None:
        instance = model._default_manager.order_by("pk").first()
        if instance is not None:
            values["object_id"] = str(instance.pk)
            history = getattr(model, "history", None)
            entry = history.filter(id=instance.pk).first() if history is not None else None
            values["positional"] = [instance.pk, entry.history_id if entry else 1]
    return values


def _fill(pattern: str, values: dict) -> str:
    """A concrete path for an unnamed route, from its pattern text."""
    positional = iter(values.get("positional", [1, 1]))
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values.get(m.group(1), "1")), pattern)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values.get(m.group(1), "1")), path)
    path = re.sub(r"\((?!\?)[^)]*\)", lambda m: str(next(positional, 1)), path)
    return "/" + path.replace("^", "").replace("$", "")


def route_url(route: Route, world) -> str:
    values = samples_for(route, world)
    url = sample_url(route, values) if route.name else None
    if url is None or (route.name and "positional" in values and not route.kwargs):
        url = url or _fill(route.pattern, values)
    if route.name and route.name.endswith("_simple_history"):
        url = _fill(route.pattern, values)
    return url


def all_routes() -> list[Route]:
    return list(iter_routes())
