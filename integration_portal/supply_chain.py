"""List pinned dependencies that have newer releases: ``make outdated``.

    python -m integration_portal.supply_chain

Reads the ``==`` pins of ``requirements.txt`` and ``requirements-dev.txt`` and asks the
package index (``pip index versions``, which honours the running Python version) for
each; asks npm (``npm outdated``) for ``package.json``. Prints, per package, the newest
patch release of the pinned series and the newest release overall. Exit code 1 when a
patch release is pending (those are the updates that should never wait), else 0.

Vulnerability databases are not consulted here; run ``pip-audit -r requirements.txt``
and ``npm audit`` where the machine can reach them.
"""

from __future__ import annotations

import json
import re
import shutil

# Bandit B404: subprocess runs pip and npm, with fixed argument lists.
import subprocess  # nosec B404
import sys
from dataclasses import dataclass
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
REQUIREMENT_FILES = ("requirements.txt", "requirements-dev.txt")
PIN = re.compile(r"^\s*([A-Za-z0-9_.-]+)(?:\[[^\]]*\])?\s*==\s*([^\s;#]+)")


@dataclass(frozen=True)
class Finding:
    ecosystem: str
    name: str
    pinned: str
    newest_patch: str | None  # newer release of the same major.minor series
    newest: str | None  # newer release of any series

    def line(self) -> str:
        parts = [f"{self.ecosystem:<6} {self.name:<28} {self.pinned:<12}"]
        if self.newest_patch:
            parts.append(f"patch → {self.newest_patch}")
        if self.newest and self.newest != self.newest_patch:
            parts.append(f"newest → {self.newest}")
        return "  ".join(parts)


def read_pins(paths=REQUIREMENT_FILES, base: Path = BASE_DIR) -> dict[str, str]:
    pins = {}
    for name in paths:
        for line in (base / name).read_text().splitlines():
            match = PIN.match(line)
            if match:
                pins[match.group(1)] = match.group(2)
    return pins


def _release(version: str) -> tuple[int, ...] | None:
    """(major, minor, patch, …) of a final release, None for anything else."""
    if not re.fullmatch(r"\d+(\.\d+)*", version):
        return None
    return tuple(int(part) for part in version.split("."))


def compare(ecosystem: str, name: str, pinned: str, available: list[str]) -> Finding | None:
    """The finding for one package, or None when the pin is the newest release."""
    current = _release(pinned)
    releases = sorted(
        (release, version) for version in available if (release := _release(version)) is not None
    )
    if current is None or not releases:
        return None
    newer = [(r, v) for r, v in releases if r > current]
    same_series = [(r, v) for r, v in newer if r[:2] == current[:2]]
    newest_patch = same_series[-1][1] if same_series else None
    newest = newer[-1][1] if newer else None
    if newest is None:
        return None
    return Finding(ecosystem, name, pinned, newest_patch, newest)


def pip_versions(name: str) -> list[str]:
    # Bandit B603: fixed argument list, no shell; the package name comes from our own pins.
    result = subprocess.run(  # noqa: S603  # nosec B603
        [sys.executable, "-m", "pip", "index", "versions", name, "--disable-pip-version-check"],
        capture_output=True,
        text=True,
        check=False,
    )
    match = re.search(r"Available versions:\s*(.+)", result.stdout)
    return [v.strip() for v in match.group(1).split(",")] if match else []


def npm_findings(base: Path = BASE_DIR) -> list[Finding]:
    npm = shutil.which("npm")
    if npm is None or not (base / "package.json").exists():
        return []
    pins = json.loads((base / "package.json").read_text()).get("dependencies", {})
    findings = []
    for name, pinned in pins.items():
        # Bandit B603: fixed argument list, no shell; the name comes from package.json.
        result = subprocess.run(  # noqa: S603  # nosec B603
            [npm, "view", name, "versions", "--json"],
            cwd=base,
            capture_output=True,
            text=True,
            check=False,
        )
        try:
            versions = json.loads(result.stdout or "[]")
        except json.JSONDecodeError:
            versions = []
        finding = compare("npm", name, pinned, versions if isinstance(versions, list) else [])
        if finding:
            findings.append(finding)
    return findings


def main() -> int:
    findings = []
    for name, pinned in sorted(read_pins().items(), key=lambda item: item[0].lower()):
        finding = compare("python", name, pinned, pip_versions(name))
        if finding:
            findings.append(finding)
    findings.extend(npm_findings())
    if not findings:
        print("Every pinned dependency is at its newest release.")
        return 0
    for finding in findings:
        print(finding.line())
    return 1 if any(f.newest_patch for f in findings) else 0


if __name__ == "__main__":
    raise SystemExit(main())
