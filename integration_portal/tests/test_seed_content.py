"""The keynote's content files: each parses, has its sections, and a broken one says where.

Editors and translators change ``<app>/content/keynote.yaml`` by hand; a mistake there
must stop ``seed_keynote`` with a message naming the file and the entry, before anything
is written, not with a traceback from deep inside a seed module.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest
import yaml
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from actors import seed as actors_seed
from actors.models import Actor
from core.seeding import ContentError, _display
from networks import seed as networks_seed
from timeline import seed as timeline_seed

SECTIONS: dict[ModuleType, list[str]] = {
    actors_seed: ["target_groups", "languages", "actors", "tasks", "synonyms"],
    networks_seed: ["illustrative_note", "networks", "links"],
    timeline_seed: ["sources", "period_sources", "periods", "theses"],
}


@pytest.mark.parametrize("module", SECTIONS, ids=lambda module: module.__name__)
def test_each_content_file_parses_with_its_sections_in_order(module):
    path = module.CONTENT
    # Beside the module, so it is found wherever the code is deployed.
    assert path == Path(module.__file__).resolve().parent / "content" / "keynote.yaml"
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert list(raw) == SECTIONS[module]
    assert all(raw[section] for section in SECTIONS[module])
    module.read_keynote(path)  # the shape and the references hold


def _broken(tmp_path: Path, module: ModuleType, old: str, new: str) -> Path:
    text = module.CONTENT.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "keynote.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


# (module, text of the file, replaced by, words the error must contain)
BROKEN = {
    "invalid-yaml": (timeline_seed, "  - slug: 1970er\n", "  - slug: [1970er\n", ["line"]),
    "missing-section": (actors_seed, "\nlanguages:\n", "\nsprachen:\n", ["languages"]),
    "duplicate-key": (
        timeline_seed,
        "    title: 1970er Jahre\n",
        "    title: 1970er Jahre\n    title: 1970er\n",
        ["'title'", "twice", "line"],
    ),
    "missing-key": (
        timeline_seed,
        "    title_en: 1970s\n",
        "",
        ["periods #1 (1970er)", "missing", "title_en"],
    ),
    "misspelt-key": (
        actors_seed,
        "  - slug: bmi\n    name:",
        "  - slug: bmi\n    nam:",
        ["actors #4 (bmi)", "missing key(s): name", "unknown key(s): nam"],
    ),
    "unknown-choice": (
        networks_seed,
        "    kind: steering_group\n",
        "    kind: lenkungsgruppe\n",
        ["networks #5 (kim-lenkungsgruppe).kind", "lenkungsgruppe", "steering_group"],
    ),
    "wrong-type": (timeline_seed, "    start: 1970\n", "    start: siebziger\n", ["start"]),
    "duplicate-slug": (
        timeline_seed,
        "  - slug: 1980er\n",
        "  - slug: 1970er\n",
        ["periods #2 (1970er)", "another entry"],
    ),
    "unknown-source": (
        timeline_seed,
        "{source: weber-et-al-2024}",
        "{source: weber-2024}",
        ["periods #1 (1970er)", "weber-2024", "no source"],
    ),
    "parent-below-child": (
        actors_seed,
        "    parent: bmi\n",
        "    parent: bamf-regionalstelle\n",
        ["actors #5 (bamf)", "'parent' is no actor above it"],
    ),
    "unknown-actor-of-task": (
        actors_seed,
        "    responsible: [abh-kreis-heinsberg]",
        "    responsible: [abh-heinsberg]",
        ["tasks #1 (auslaenderwesen)", "abh-heinsberg"],
    ),
    "unknown-network-of-link": (
        networks_seed,
        "    network: kim-lenkungsgruppe\n",
        "    network: lenkungsgruppe\n",
        ["links #7", "'network' names no network"],
    ),
}


@pytest.mark.parametrize(("module", "old", "new", "words"), BROKEN.values(), ids=BROKEN)
def test_a_broken_content_file_is_named_in_a_clear_error(tmp_path, module, old, new, words):
    path = _broken(tmp_path, module, old, new)
    with pytest.raises(ContentError) as error:
        module.read_keynote(path)
    message = str(error.value)
    assert message.startswith(f"{path}: ")
    for word in words:
        assert word in message


@pytest.mark.django_db
def test_seed_keynote_stops_on_a_broken_file_before_writing(tmp_path, monkeypatch):
    path = _broken(tmp_path, timeline_seed, "    kind: law\n", "    kind: gesetz\n")
    monkeypatch.setattr(timeline_seed, "keynote", lambda: timeline_seed.read_keynote(path))
    # A CommandError: manage.py prints the message alone, without a traceback.
    with pytest.raises(CommandError, match=r"keynote\.yaml: periods #\d+ \(.+\)\.events"):
        call_command("seed_keynote", stdout=io.StringIO())
    assert not Actor.objects.exists()  # the actors seeded before it are rolled back


def test_a_missing_content_file_is_named(tmp_path):
    path = tmp_path / "keynote.yaml"
    with pytest.raises(ContentError, match="keynote.yaml: cannot be read"):
        timeline_seed.read_keynote(path)


def test_the_shipped_files_are_named_relative_to_the_project():
    # A shipped file is named as editors find it in the repository.

    assert _display(timeline_seed.CONTENT) == "timeline/content/keynote.yaml"


def test_importing_the_seed_modules_reads_no_content_file():
    """``manage.py`` and the seed modules start without parsing YAML; the seed reads it."""
    script = (
        "import django; django.setup()\n"
        "import sys\n"
        "assert 'core.seeding' not in sys.modules, 'imported at start-up'\n"
        "from actors import seed as a; from networks import seed as n\n"
        "from timeline import keynote, seed as t\n"
        "sizes = [m.keynote.cache_info().currsize for m in (a, n, t)]\n"
        "assert sizes == [0, 0, 0], sizes\n"
    )
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "integration_portal.settings"}
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
