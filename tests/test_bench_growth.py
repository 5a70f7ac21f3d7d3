"""The report of ``bench/growth.py``: verdicts and the Markdown table, from made-up
figures (nothing is seeded, served or timed here)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
from django.conf import settings


@pytest.fixture(scope="module")
def growth():
    path = Path(settings.BASE_DIR) / "bench" / "growth.py"
    spec = importlib.util.spec_from_file_location("bench_growth", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _page(cold, warm, p50, *, cold_ms=100.0):
    return {
        "as": "staff",
        "url": "/akteure/",
        "status": 200,
        "queries_cold": cold,
        "queries_warm": warm,
        "cold_ms": cold_ms,
        "warm_ms": 5.0,
        "rps": 400.0,
        "p50_ms": p50,
        "p99_ms": 3 * p50,
        "errors": 0,
    }


def _growth(pages_by_scale: dict, dropped: tuple = ()) -> dict:
    by_scale = {
        scale: {"seed_seconds": 3.0, "counts": {"actors": 2000}, "pages": pages}
        for scale, pages in pages_by_scale.items()
    }
    for scale in dropped:
        by_scale[scale] = {"seed_seconds": 400.0, "dropped": "seeding took 400 s"}
    return {
        "scales": [*pages_by_scale, *dropped],
        "pages": ["directory_page1", "network_list"],
        "p50_limit": 1.5,
        "by_scale": by_scale,
    }


def test_fixed_counts_and_flat_latency_are_met(growth):
    figures = _growth(
        {
            "kreis": {"directory_page1": _page(12, 0, 40.0), "network_list": _page(3, 0, 20.0)},
            "nrw": {"directory_page1": _page(12, 0, 44.0), "network_list": _page(3, 0, 24.0)},
            "nrw2": {"directory_page1": _page(12, 0, 56.0), "network_list": _page(3, 0, 30.0)},
        }
    )
    lines = growth.verdicts(figures)
    assert lines == [
        "- met: directory_page1: no more queries with more data (cold 12, warm 0)",
        "- met: directory_page1: served p50 ≤ 1.5× kreis (nrw 1.10×, nrw2 1.40×)",
        "- met: network_list: no more queries with more data (cold 3, warm 0)",
        "- met: network_list: served p50 ≤ 1.5× kreis (nrw 1.20×, nrw2 1.50×)",
    ]
    table = growth.growth_markdown(figures)
    assert (
        "| directory_page1 | 12 / 12 / 12 | 0 / 0 / 0 | 1.00 / 1.00 | 100 / 100 / 100 "
        "| 1.00 / 1.00 | 5.0 / 5.0 / 5.0 | 40.0 / 44.0 / 56.0 | 1.10 / 1.40 | 120 / 132 / 168 "
        "| 400 / 400 / 400 |"
    ) in table
    assert "**missed**" not in table


def test_a_count_that_grows_and_a_slow_page_are_missed(growth):
    figures = _growth(
        {
            "kreis": {"directory_page1": _page(12, 0, 40.0), "network_list": _page(3, 0, 20.0)},
            "nrw": {"directory_page1": _page(12, 0, 44.0), "network_list": _page(4, 1, 24.0)},
            "nrw2": {"directory_page1": _page(12, 0, 64.0), "network_list": _page(4, 1, 24.0)},
        }
    )
    lines = growth.verdicts(figures)
    assert "- **missed**: directory_page1: served p50 ≤ 1.5× kreis (nrw 1.10×, nrw2 1.60×)" in lines
    assert (
        "- **missed**: network_list: no more queries with more data "
        "(cold 3 / 4 / 4, warm 0 / 1 / 1)"
    ) in lines
    assert "| network_list | 3 / 4 / 4 | 0 / 1 / 1 | 1.67 / 1.67 |" in growth.growth_markdown(
        figures
    )


def test_fewer_queries_with_more_data_keep_the_count_fixed(growth):
    # The directory counts the networks beside its filter only while they are few.
    figures = _growth(
        {
            "kreis": {"directory_page1": _page(14, 0, 40.0)},
            "nrw": {"directory_page1": _page(12, 0, 44.0)},
            "nrw2": {"directory_page1": _page(12, 0, 46.0)},
        }
    )
    assert growth.verdicts(figures)[0] == (
        "- met: directory_page1: no more queries with more data (cold 14 / 12 / 12, warm 0)"
    )


def test_a_page_missing_at_one_scale_is_not_measured_there(growth):
    figures = _growth(
        {
            "kreis": {"directory_page1": _page(12, 0, 40.0)},
            "nrw": {},
        }
    )
    figures["by_scale"]["nrw"]["missing"] = {"directory_page1": "no demo actor"}
    lines = growth.verdicts(figures)
    assert lines[0] == (
        "- **missed**: directory_page1: no more queries with more data (cold 12 / –, warm 0 / –)"
    )
    assert lines[1] == "- **missed**: directory_page1: served p50 ≤ 1.5× kreis (nrw not measured)"
    assert "- directory_page1 (`nrw`): no demo actor" in growth.growth_markdown(figures)


def test_a_dropped_scale_is_named_and_left_out_of_the_table(growth):
    figures = _growth(
        {
            "kreis": {"directory_page1": _page(12, 0, 40.0)},
            "nrw": {"directory_page1": _page(12, 0, 40.0)},
        },
        dropped=("nrw2",),
    )
    table = growth.growth_markdown(figures)
    assert "- `nrw2`: seeded in 400 s; **dropped**: seeding took 400 s" in table
    assert "| directory_page1 | 12 / 12 | 0 / 0 | 1.00 |" in table
    assert "Each cell: `kreis` / `nrw`; ratios: nrw÷kreis." in table


def test_one_measured_scale_is_no_growth(growth):
    figures = _growth({"kreis": {"directory_page1": _page(12, 0, 40.0)}})
    assert growth.verdicts(figures) == [
        "- **missed**: growth measured at two scales at least (kreis)"
    ]
