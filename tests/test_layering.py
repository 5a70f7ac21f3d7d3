"""The import direction of the portal's packages (README, "Architecture").

    integration_portal (top: settings, URLs, site pages, commands that span the apps)
        ↓
    opendata, stewardship → networks → actors        timeline        (devdata: development only)
        ↓          ↓             ↓
    core (bottom: accounts, roles, permissions, content version, shared rules)

Every arrow points down; nothing imports the top; no runtime package imports
``devdata``. Each app's tests may import what the app may import, the other apps' test
factories below it included; the cross-app tests in ``tests/`` may import everything.
Imports inside functions are refused too (outside ``AppConfig.ready()``, where Django
wants them): with the arrows above there is no cycle for them to dodge.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from django.conf import settings

BASE = Path(settings.BASE_DIR)

#: Which first-party packages each package may import (itself included).
ALLOWED: dict[str, set[str]] = {
    "core": {"core"},
    "actors": {"core", "actors"},
    "networks": {"core", "actors", "networks"},
    "timeline": {"core", "timeline"},
    "opendata": {"core", "actors", "networks", "opendata"},
    "stewardship": {"core", "actors", "networks", "stewardship"},
    "integration_portal": {
        "core",
        "actors",
        "networks",
        "timeline",
        "opendata",
        "stewardship",
        "integration_portal",
    },
    "devdata": {"core", "actors", "networks", "timeline", "devdata"},
}
FIRST_PARTY = set(ALLOWED) | {"tests", "bench"}


def _sources():
    for package in sorted(ALLOWED):
        yield from sorted((BASE / package).rglob("*.py"))
    yield from sorted((BASE / "tests").rglob("*.py"))
    yield from sorted((BASE / "bench").rglob("*.py"))
    yield BASE / "conftest.py"
    yield BASE / "manage.py"


def _imports(tree: ast.AST):
    """(line, imported module, enclosing function or None) of every absolute import."""

    def visit(node, function):
        for child in ast.iter_child_nodes(node):
            inner = function
            if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
                inner = child.name
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield child.lineno, alias.name, function
            elif isinstance(child, ast.ImportFrom) and child.level == 0 and child.module:
                yield child.lineno, child.module, function
            yield from visit(child, inner)

    yield from visit(tree, None)


def _all_imports():
    for path in _sources():
        relative = path.relative_to(BASE)
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(relative))
        for line, module, function in _imports(tree):
            target = module.split(".")[0]
            if target in FIRST_PARTY:
                yield relative, line, target, function


def test_every_import_arrow_points_down():
    wrong = []
    for relative, line, target, _function in _all_imports():
        package = relative.parts[0]
        if package not in ALLOWED:
            continue  # tests/, bench/, conftest.py, manage.py: above everything
        if target not in ALLOWED[package]:
            wrong.append(f"{relative}:{line}: {package} → {target}")
    assert wrong == [], "Imports against the layering:\n" + "\n".join(wrong)


def test_no_first_party_import_hides_inside_a_function():
    hidden = [
        f"{relative}:{line}: {target} inside {function}()"
        for relative, line, target, function in _all_imports()
        if function is not None and function != "ready"
    ]
    assert hidden == [], "Function-local imports (move them to the top):\n" + "\n".join(hidden)


@pytest.mark.parametrize(
    ("source", "verdict"),
    [
        ("from networks.models import Network\n", "wrong"),
        ("def f():\n    from core import versions\n", "hidden"),
        ("from core import versions\n", "fine"),
    ],
)
def test_the_check_sees_a_wrong_arrow_and_a_hidden_import(source, verdict):
    """The checks above would fail for an actors module importing networks, or for an
    import tucked into a function (so a green run means something)."""
    found = list(_imports(ast.parse(source)))
    (line, module, function) = found[0]
    is_wrong = module.split(".")[0] not in ALLOWED["actors"]
    is_hidden = function is not None
    assert verdict == ("wrong" if is_wrong else "hidden" if is_hidden else "fine")
