"""Supply chain: exact pins, the `make outdated` report, and bandit without findings."""

import json
import subprocess
import sys
from pathlib import Path

from integration_portal.supply_chain import PIN, REQUIREMENT_FILES, compare, read_pins

BASE_DIR = Path(__file__).resolve().parents[2]


def test_every_python_requirement_is_pinned_exactly():
    for name in REQUIREMENT_FILES:
        for line in (BASE_DIR / name).read_text().splitlines():
            line = line.strip()
            if not line or line.startswith(("#", "-r ")):
                continue
            assert PIN.match(line), f"{name}: {line!r} is not pinned with =="


def test_every_npm_dependency_is_pinned_exactly():
    package = json.loads((BASE_DIR / "package.json").read_text())
    for name, version in package["dependencies"].items():
        assert version[0].isdigit(), f"{name}: {version!r} is a range, not a pin"


def test_pins_are_read_with_extras():
    pins = read_pins()
    assert pins["Django"].startswith("5.2.")
    assert "django-allauth" in pins  # written as django-allauth[mfa]==…


def test_a_newer_patch_release_is_reported():
    finding = compare("python", "Django", "5.2.7", ["5.2.7", "5.2.19", "5.1.15", "6.0.1", "6.1a1"])
    assert finding.newest_patch == "5.2.19"
    assert finding.newest == "6.0.1"
    assert "patch → 5.2.19" in finding.line()


def test_a_newer_series_without_a_patch_release_is_reported_too():
    finding = compare("npm", "cytoscape", "3.34.4", ["3.34.4", "3.35.0"])
    assert finding.newest_patch is None
    assert finding.newest == "3.35.0"


def test_the_newest_pin_and_pre_releases_report_nothing():
    assert compare("python", "ruff", "0.17.6", ["0.17.6", "0.17.5", "0.18.0rc1"]) is None
    assert compare("python", "x", "1.0", []) is None


def test_bandit_finds_no_medium_or_high_issue_in_the_portal_code():
    result = subprocess.run(
        [
            str(Path(sys.executable).parent / "bandit"),
            "-c",
            "pyproject.toml",
            "-r",
            ".",
            "-q",
            "-ll",
            "-f",
            "json",
        ],
        cwd=BASE_DIR,
        capture_output=True,
        text=True,
        timeout=120,
    )
    report = json.loads(result.stdout)
    findings = [
        f"{issue['filename']}:{issue['line_number']} {issue['test_id']} {issue['issue_text']}"
        for issue in report["results"]
    ]
    assert not findings
    assert result.returncode == 0
    scanned = [name for name in report["metrics"] if name != "_totals"]
    assert any(name.endswith("integration_portal/views.py") for name in scanned)
    assert not any("/tests/" in name or ".venv" in name for name in scanned)
