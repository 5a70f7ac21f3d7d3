"""The demo data stays apart: the portal's apps never import ``devdata``, and the site
(the settings that WSGI, ASGI and the test suite load) does not install it."""

from __future__ import annotations

import ast
from pathlib import Path

from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
RUNTIME_PACKAGES = ("actors", "networks", "timeline", "integration_portal")


def imported_modules(path: Path) -> set[str]:
    """Every module an ``import`` or ``from … import`` in the file names, nested ones too."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.add(node.module)
        elif (  # importlib.import_module("devdata…") / __import__("devdata…")
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
        ):
            found.add(node.args[0].value)
    return found


def imports_devdata(path: Path) -> bool:
    return any(name == "devdata" or name.startswith("devdata.") for name in imported_modules(path))


def test_no_module_of_the_portal_imports_devdata():
    offenders = [
        str(path.relative_to(ROOT))
        for package in RUNTIME_PACKAGES
        for path in sorted((ROOT / package).rglob("*.py"))
        if imports_devdata(path)
    ]
    assert not offenders, f"runtime modules that import devdata: {offenders}"


def test_the_check_finds_an_import_of_devdata(tmp_path):
    """The check must be able to fail, whichever way the import is written."""
    for source in (
        "import devdata\n",
        "from devdata.demo_actors import generate\n",
        "def f():\n    from devdata import demo_networks\n",
        "import importlib\nimportlib.import_module('devdata.demo_actors')\n",
    ):
        module = tmp_path / "module.py"
        module.write_text(source, encoding="utf-8")
        assert imports_devdata(module), source
    (tmp_path / "clean.py").write_text("from actors import seed\n", encoding="utf-8")
    assert not imports_devdata(tmp_path / "clean.py")


def test_the_site_does_not_install_devdata():
    assert not any(app.split(".")[0] == "devdata" for app in settings.INSTALLED_APPS)
