"""Generate deterministic synthetic demo data at the size of one Kreis or of all NRW.

    python manage.py seed_demo --scale kreis          # ≈ 2,000 actors, 80 networks
    python manage.py seed_demo --scale nrw --seed 7   # ≈ 50,000 actors, 2,000 networks
    python manage.py seed_demo --scale nrw2           # twice NRW: ≈ 100,000 actors, 4,000 networks
    python manage.py seed_demo --clear                # removes demo data, keeps the rest

The generators live in the development-only package ``devdata`` (``demo_actors.py``,
``demo_networks.py``, ``demo_offers.py``), which the portal's apps never import; the
timeline is left alone.
Everything generated is flagged ``is_demo`` and uses example.org for contact data;
``--clear`` removes exactly that. ``manage.py`` adds ``devdata`` to the installed apps
for the command line only (see ``devdata/__init__.py``).
"""

from __future__ import annotations

import random
import sys
import time
from dataclasses import dataclass

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import Q

from actors import search_document
from core import versions
from devdata import demo_actors as actors_demo
from devdata import demo_networks as networks_demo
from devdata import demo_offers as offers_demo
from networks.models import CoordinationLink, Membership, Network


@dataclass(frozen=True)
class Scale:
    regions: int | None  # None: all 53 Kreise and kreisfreie Städte
    actors: int
    networks: int
    memberships: int
    links: int


SCALES = {
    "kreis": Scale(regions=1, actors=2_000, networks=80, memberships=8_000, links=4_000),
    "nrw": Scale(regions=None, actors=50_000, networks=2_000, memberships=200_000, links=100_000),
    # Twice NRW over the same regions: how page cost grows with the data (bench/growth.py).
    "nrw2": Scale(regions=None, actors=100_000, networks=4_000, memberships=400_000, links=200_000),
    # Not offered in the help: a few rows for the test suite.
    "test": Scale(regions=1, actors=60, networks=4, memberships=80, links=40),
}


class ProgressBar:
    """One line per phase: redrawn in place on a terminal, printed once when piped."""

    WIDTH = 30

    def __init__(self, stream, enabled: bool):
        self.stream = stream
        self.enabled = enabled
        self.label = ""
        self.started = time.monotonic()
        self.last_draw = 0.0

    def __call__(self, label: str, done: int, total: int) -> None:
        if label != self.label:
            self.finish()
            self.label, self.started = label, time.monotonic()
        finished = done >= total
        now = time.monotonic()
        if not self.enabled or (not finished and now - self.last_draw < 0.1):
            self._final = (label, done, total)
            return
        self.last_draw = now
        share = done / total if total else 1.0
        filled = int(share * self.WIDTH)
        self.stream.write(
            f"\r{label:<34} [{'#' * filled}{'.' * (self.WIDTH - filled)}] "
            f"{done:>9,} / {total:,}  {now - self.started:5.1f} s".replace(",", ".")
        )
        self.stream.flush()
        self._final = None

    def finish(self) -> None:
        if not self.label:
            return
        if self.enabled:
            self.stream.write("\n")
        else:
            label, done, _total = getattr(self, "_final", None) or (self.label, 0, 0)
            self.stream.write(
                f"{label}: {done:,} in {time.monotonic() - self.started:.1f} s\n".replace(",", ".")
            )
        self.stream.flush()
        self.label = ""


class Command(BaseCommand):
    help = (
        "Erzeugt synthetische Demo-Daten (Akteure, Netzwerke, Mitgliedschaften, "
        "Verbindungen, Angebote) im Umfang eines Kreises oder ganz NRWs; --clear entfernt "
        "sie wieder."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            choices=sorted(SCALES),
            metavar="kreis|nrw|nrw2",
            help="kreis: ≈ 2.000 Akteure, 80 Netzwerke; nrw: ≈ 50.000 Akteure, 2.000 Netzwerke; "
            "nrw2: doppelt so viel wie nrw",
        )
        parser.add_argument(
            "--seed", type=int, default=1, help="Startwert des Zufalls (Standard: 1)"
        )
        parser.add_argument(
            "--clear",
            action="store_true",
            help="Demo-Daten entfernen (die Inhalte der Keynote bleiben); mit --scale danach neu",
        )
        parser.add_argument(
            "--counts", action="store_true", help="Nur zählen, wie viele Demo-Daten es gibt"
        )

    def handle(self, *args, scale=None, seed=1, clear=False, counts=False, **options):
        if counts:
            self.stdout.write(self._counts())
            return
        if not scale and not clear:
            raise CommandError("Bitte --scale kreis|nrw|nrw2 oder --clear angeben.")
        started = time.monotonic()
        with transaction.atomic():
            if clear:
                # Offers before actors: an offer's provider and area are actors.
                removed = {
                    **networks_demo.clear(),
                    **offers_demo.clear(),
                    **actors_demo.clear(),
                }
                self.stdout.write("Entfernt: " + _summary(removed))
            if scale:
                if actors_demo.demo_actors().exists():
                    raise CommandError(
                        "Es gibt schon Demo-Daten. Mit --clear werden sie vorher entfernt."
                    )
                created = self._generate(SCALES[scale], seed)
                self.stdout.write("Erzeugt: " + _summary(created))
            # Bulk writes send no signals: the actors' search texts (offers, places) are
            # rebuilt here, and cached directory and network pages go stale.
            search_document.refresh()
            versions.bump(versions.DIRECTORY)
            versions.bump(versions.MEMBERSHIPS)
        if scale:
            self._analyze()
        self.stdout.write(self.style.SUCCESS(f"Fertig in {time.monotonic() - started:.0f} s."))

    def _generate(self, scale: Scale, seed: int) -> dict[str, int]:
        rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not secrets
        progress = ProgressBar(sys.stderr, enabled=sys.stderr.isatty())
        regions = actors_demo.generate(
            rng=rng,
            actors=scale.actors,
            regions=actors_demo.regions_for(scale.regions),
            progress=progress,
            superordinate=scale.regions is None or scale.actors >= 1000,
        )
        created = {"Akteure": sum(len(r.actor_ids) for r in regions)}
        created.update(
            networks_demo.generate(
                rng=rng,
                regions=regions,
                networks=scale.networks,
                memberships=scale.memberships,
                links=scale.links,
                progress=progress,
            )
        )
        created.update(offers_demo.generate(rng=rng, regions=regions, progress=progress))
        progress.finish()
        return created

    def _analyze(self) -> None:
        # Fresh planner statistics, so that the first queries after a bulk load are planned
        # on the real numbers (autovacuum would get there, but later).
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def _counts(self) -> str:
        demo_networks = Network.objects.filter(is_demo=True)
        return _summary(
            {
                "Akteure": actors_demo.demo_actors().count(),
                "Netzwerke": demo_networks.count(),
                "Mitgliedschaften": Membership.objects.filter(network__in=demo_networks).count(),
                "Verbindungen": CoordinationLink.objects.filter(
                    Q(source__is_demo=True) | Q(target__is_demo=True) | Q(network__is_demo=True)
                ).count(),
                "Angebote": offers_demo.demo_offers().count(),
            }
        )


def _summary(counts: dict[str, int]) -> str:
    return ", ".join(f"{name}: {count:,}".replace(",", ".") for name, count in counts.items())
