"""The scale-out on real servers (bench/cluster.py): one topology for the whole module.

The fixture starts a PostgreSQL primary, its streaming replica, Redis and two gunicorn
app servers (keynote content, no demo data) and stops them after the last test, also
when a test fails or the run is interrupted. The ports are the cluster tests' own
(56440–56444; ``CLUSTER_TEST_BASE_PORT`` moves them), apart from those of
``make bench-cluster``.
"""

from __future__ import annotations

import os

import pytest

from tests.cluster.visitors import load_cluster_module

TEST_BASE_PORT = int(os.environ.get("CLUSTER_TEST_BASE_PORT", 56440))


@pytest.fixture(scope="session")
def topology():
    cluster = load_cluster_module()
    running = cluster.Topology(TEST_BASE_PORT, workers=2)
    running.start()
    try:
        yield running
    finally:
        running.stop()
