"""Helpers of the concurrency tests: jobs started at the same moment in threads, each
with its own database connection, and signed-in test browsers for them."""

from __future__ import annotations

import threading

from django.db import connections


def in_threads(*jobs):
    """Start the jobs at the same moment, each in a thread with its own connection;
    return what each returned or raised."""
    barrier = threading.Barrier(len(jobs))
    results = [None] * len(jobs)

    def runner(index, job):
        try:
            barrier.wait()
            results[index] = job()
        except Exception as exc:  # noqa: BLE001 - the test inspects every outcome
            results[index] = exc
        finally:
            connections.close_all()

    threads = [threading.Thread(target=runner, args=(i, job)) for i, job in enumerate(jobs)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def signed_in_browsers(client_factory, *users):
    """A test browser per account, signed in (second factor included)."""
    browsers = []
    for user in users:
        browser = client_factory(raise_request_exception=False)
        browser.force_login(user)
        browsers.append(browser)
    return browsers
