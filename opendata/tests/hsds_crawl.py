"""Crawl the HSDS API as a client would: every endpoint, every page, every filter, every
record's own address. Used by the schema, marker and round-trip tests (also from
``tests/``)."""

from __future__ import annotations

import json

from opendata import profile

LISTS = {
    "/api/hsds/organizations": "organization",
    "/api/hsds/services": "service",
    "/api/hsds/service_at_locations": "service_at_location",
    "/api/hsds/taxonomies": "taxonomy",
    "/api/hsds/taxonomy_terms": "taxonomy_term",
    "/api/hsds/organization_relationships": "organization_relationship",
    "/api/hsds/networks": "network",
    "/api/hsds/memberships": "membership",
    "/api/hsds/responsibilities": "responsibility",
    "/api/hsds/tasks": "task",
}
#: List endpoints whose records have an address of their own, and its object.
DETAILS = {
    "/api/hsds/organizations": "organization",
    "/api/hsds/services": "service",
    "/api/hsds/service_at_locations": "service_at_location",
    "/api/hsds/taxonomies": "taxonomy",
    "/api/hsds/taxonomy_terms": "taxonomy_term",
    "/api/hsds/networks": "network",
}
#: Endpoints that take the filters search, taxonomy_term_id, modified_after.
FILTERED = ("/api/hsds/organizations", "/api/hsds/services", "/api/hsds/service_at_locations")
ENVELOPE = {
    "total_items": int,
    "total_pages": int,
    "page_number": int,
    "size": int,
    "first_page": bool,
    "last_page": bool,
    "empty": bool,
    "contents": list,
}


def _get(client, url: str) -> dict:
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code, response.content[:300])
    assert response["Content-Type"].startswith("application/json"), url
    return json.loads(response.content)


def pages(client, url: str, per_page: int) -> dict[str, dict]:
    """Every page of a list (``url`` may carry filters already)."""
    joiner = "&" if "?" in url else "?"
    found = {}
    page = 1
    while True:
        page_url = f"{url}{joiner}per_page={per_page}&page={page}"
        data = _get(client, page_url)
        found[page_url] = data
        if data["last_page"] or page > 500:
            return found
        page += 1


def crawl(
    client,
    *,
    per_page: int = 7,
    searches=("Beratung", "Sprache"),
    full=True,
    details: int | None = None,
    terms: int | None = None,
) -> dict:
    """``{url: JSON}`` of everything the API answers for the data in the database
    (``details``, ``terms``: at most this many records' own addresses per kind and
    taxonomy terms to filter by, spread evenly)."""
    answers = {
        "/api/hsds/": _get(client, "/api/hsds/"),
        "/api/hsds/profile": _get(client, "/api/hsds/profile"),
    }
    for url in LISTS:
        answers.update(pages(client, url, per_page))
        if full and url in FILTERED:
            answers.update(pages(client, f"{url}?full=true", per_page))
    term_ids = [
        term["id"]
        for url, data in list(answers.items())
        if url.startswith("/api/hsds/taxonomy_terms?")
        for term in data["contents"]
    ]
    if terms is not None and len(term_ids) > terms:
        term_ids = term_ids[:: len(term_ids) // terms + 1]
    for url in FILTERED:
        for term_id in term_ids:
            answers.update(pages(client, f"{url}?taxonomy_term_id={term_id}&full=true", 50))
        for text in searches:
            answers.update(pages(client, f"{url}?search={text}&full=true", 50))
        answers.update(pages(client, f"{url}?modified_after=2000-01-01&full=true", 50))
    for url in ("/api/hsds/taxonomy_terms", "/api/hsds/taxonomies"):
        for text in searches:
            answers.update(pages(client, f"{url}?search={text}", 50))
    for list_url in DETAILS:
        ids = {
            item["id"]
            for url, data in list(answers.items())
            if url.startswith(list_url + "?")
            for item in data["contents"]
        }
        chosen = sorted(ids)
        if details is not None and len(chosen) > details:
            chosen = chosen[:: len(chosen) // details + 1]
        for record_id in chosen:
            answers[f"{list_url}/{record_id}"] = _get(client, f"{list_url}/{record_id}")
    return answers


def object_of(url: str) -> tuple[str, bool]:
    """The HSDS object an answer holds, and whether it is a list envelope."""
    path = url.split("?")[0]
    if path in LISTS:
        return LISTS[path], True
    parent, _, _ = path.rpartition("/")
    if parent in DETAILS:
        return DETAILS[parent], False
    return "", False


def invalid(answers: dict) -> list[str]:
    """Every answer checked against HSDS 3.0 with the portal's profile."""
    problems = []
    for url, data in answers.items():
        name, is_list = object_of(url)
        if not name:
            continue
        if is_list:
            for key, kind in ENVELOPE.items():
                if not isinstance(data.get(key), kind):
                    problems.append(f"{url}: envelope {key} is {data.get(key)!r}")
            items = data.get("contents", [])
        else:
            items = [data]
        for item in items:
            problems += [f"{url}: {error}" for error in profile.errors(name, item)]
    return problems
