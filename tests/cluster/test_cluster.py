"""The scale-out of the README on real servers: two gunicorn app servers, a PostgreSQL
primary with a streaming replica, and Redis, all started by bench/cluster.py.

Everything is asked over HTTP, as a load balancer would pass it on to either server:

- anonymous GET requests read from the replica (replay paused, a change on the primary
  is not shown);
- a visitor who has just changed something reads from the primary on both servers (the
  pin cookie), while others still read the paused replica;
- a change of the history published through server A is shown by server B at once,
  though B's page was cached in the shared Redis (the content version moves on);
- the sign-in's limit of failed attempts counts across both servers;
- with the replica stopped, both servers answer every GET from the primary, and they
  return to the replica when it is back.

docs/cluster.md describes the topology and what a failure of the replica does.
"""

from __future__ import annotations

import secrets
import subprocess

import pytest
from allauth.account.adapter import get_adapter
from django.conf import settings
from django.utils import translation

from integration_portal import settings as portal_settings
from tests.cluster.visitors import Browser, forms_of, load_cluster_module

if not settings.DATABASE_IS_POSTGRES:
    pytest.skip(
        "starts a PostgreSQL primary and replica; the PostgreSQL suite runs it "
        "(DATABASE_URL=postgres://…)",
        allow_module_level=True,
    )
cluster = load_cluster_module()
_missing = cluster.missing_packages()
if _missing:
    pytest.skip(
        f"needs the Debian packages {', '.join(_missing)} (apt-get install postgresql "
        "redis-server)",
        allow_module_level=True,
    )
try:
    import redis  # noqa: F401  (Django's Redis cache backend needs it)
except ImportError:
    pytest.skip(
        "needs the Python package redis (Django's Redis cache, REDIS_URL)",
        allow_module_level=True,
    )

pytestmark = pytest.mark.postgres

PIN_COOKIE = "portal_primary"
EDITOR = "cluster-editor@example.org"


def _period(topology, slug: str) -> tuple[int, str]:
    """Id and title of a period of the keynote, read on the primary."""
    row = topology.psql(
        topology.ports.primary,
        f"SELECT id, title FROM timeline_period WHERE slug = '{slug}'",  # noqa: S608 - the tests' own slugs
    )
    pk, title = row.split("|", 1)
    return int(pk), title


def _change_on_the_primary(topology, slug: str, title: str) -> None:
    """A new title written straight into the primary, with the history's content
    version moved on in the same transaction, as the portal's own saves do."""
    topology.psql(
        topology.ports.primary,
        f"BEGIN; UPDATE timeline_period SET title = '{title}' WHERE slug = '{slug}'; "  # noqa: S608
        "UPDATE integration_portal_contentversion SET value = value + 1 WHERE key = 'timeline'; COMMIT;",
    )


def _paused_replica(topology):
    topology.wait_for_replica()
    topology.pause_replay()


@pytest.fixture
def editor(topology) -> Browser:
    """An editor signed in (password and authenticator app), valid on both servers."""
    browser = Browser(topology.signed_in_cookie(EDITOR, "editor"))
    topology.wait_for_replica()  # the account and its app are on the replica too
    return browser


def _save_draft_title(browser: Browser, server: str, pk: int, title: str):
    """Open the period's editorial form on ``server`` and save it with a new title."""
    path = f"/redaktion/zeitabschnitte/{pk}/"
    page = browser.request(server + path)
    assert page.status == 200, page.text[:500]
    (form,) = [f for f in forms_of(page.html) if "editorial-form" in f["attrs"].get("class", "")]
    fields = {**form["fields"], "title": title}
    return browser.request(server + path, fields)


def test_anonymous_get_requests_read_from_the_replica(topology):
    a, b = topology.app_urls["A"], topology.app_urls["B"]
    slug = "1980er"
    _, old_title = _period(topology, slug)
    new_title = f"Geändert {secrets.token_hex(4)}"
    _paused_replica(topology)
    try:
        _change_on_the_primary(topology, slug, new_title)
        # Nothing cached any more: the page is rendered from the database it reads.
        topology.redis_command("FLUSHALL")
        for server in (a, b):
            page = Browser().request(f"{server}/geschichte/{slug}/")
            assert page.status == 200
            assert old_title in page.text
            assert new_title not in page.text
    finally:
        topology.resume_replay()
    topology.wait_for_replica()
    for server in (a, b):
        page = Browser().request(f"{server}/geschichte/{slug}/")
        assert new_title in page.text


def test_a_visitor_sees_their_own_change_at_once_on_both_servers(topology, editor):
    a, b = topology.app_urls["A"], topology.app_urls["B"]
    pk, _ = _period(topology, "1990er")
    draft_title = f"Entwurf {secrets.token_hex(4)}"
    _paused_replica(topology)
    try:
        saved = _save_draft_title(editor, a, pk, draft_title)
        assert saved.status == 302, saved.text[:2000]
        assert PIN_COOKIE in editor.cookies
        edit_page = f"/redaktion/zeitabschnitte/{pk}/"
        for server in (a, b):
            page = editor.request(server + edit_page)
            assert page.status == 200
            assert draft_title in page.text
        # The same account without the pin reads the replica, whose replay is paused.
        unpinned = editor.without(PIN_COOKIE).request(b + edit_page)
        assert unpinned.status == 200
        assert draft_title not in unpinned.text
    finally:
        topology.resume_replay()


def test_a_history_change_published_on_one_server_shows_on_the_other_at_once(topology, editor):
    a, b = topology.app_urls["A"], topology.app_urls["B"]
    slug = "2000er"
    pk, old_title = _period(topology, slug)
    public_page = f"/geschichte/{slug}/"
    # Both servers have the public page from the shared cache (Redis).
    for server in (b, a, b):
        assert old_title in Browser().request(server + public_page).text
    new_title = f"Veröffentlicht {secrets.token_hex(4)}"

    assert _save_draft_title(editor, a, pk, new_title).status == 302
    page = editor.request(f"{a}/redaktion/zeitabschnitte/{pk}/")
    (publish,) = [f for f in forms_of(page.html) if f["action"].endswith("/veroeffentlichen/")]
    fields = {**publish["fields"], "p-note": "Cluster-Test"}
    published = editor.request(a + publish["action"], fields)
    assert published.status == 302, published.text[:2000]

    # The editor, pinned to the primary, sees it on the other server at once.
    assert new_title in editor.request(b + public_page).text
    # Anonymous visitors read the replica: once it has the commit, server B shows the
    # new title, though the old page is still in the shared cache under the old version.
    topology.wait_for_replica()
    for server in (b, a):
        page = Browser().request(server + public_page)
        assert page.status == 200
        assert new_title in page.text


def _failed_sign_in_limit() -> int:
    """The number of failed sign-ins per account that settings allow (``login_failed``,
    its ``/key`` part), read from the settings module, as the servers do."""
    rule = portal_settings.ACCOUNT_RATE_LIMITS["login_failed"]
    (amount,) = [int(part.split("/")[0]) for part in rule.split(",") if part.endswith("/key")]
    return amount


def test_the_limit_of_failed_sign_ins_counts_across_both_servers(topology):
    with translation.override("de"):
        refused = str(get_adapter().error_messages["too_many_login_attempts"])
    limit = _failed_sign_in_limit()
    topology.signed_in_cookie("cluster-staff@example.org", "staff")  # the account exists
    servers = [topology.app_urls["A"], topology.app_urls["B"]]
    visitor = Browser()
    answers = []
    for attempt in range(limit + 1):
        server = servers[attempt % 2]
        form_page = visitor.request(f"{server}/konto/login/")
        (form,) = [f for f in forms_of(form_page.html) if "password" in f["fields"]]
        fields = {**form["fields"], "login": "cluster-staff@example.org", "password": "falsch"}
        answers.append(visitor.request(f"{server}/konto/login/", fields))
    # Each server alone saw fewer than the limit; together they reached it.
    assert all(answer.status == 200 for answer in answers)
    assert not any(refused in answer.text for answer in answers[:limit])
    assert refused in answers[limit].text


def test_with_the_replica_stopped_both_servers_answer_every_get_from_the_primary(topology, editor):
    public = ["/", "/geschichte/", "/geschichte/1970er/", "/akteure/", "/impressum/"]
    signed_in = ["/mein-bereich/", "/redaktion/", "/akteure/"]
    servers = list(topology.app_urls.values())
    # Not pinned to the primary by an earlier test's write: reads go to the replica.
    reader = editor.without(PIN_COOKIE)

    def answers() -> list[tuple[str, int]]:
        seen = []
        for server in servers:
            seen += [(server + url, Browser().request(server + url).status) for url in public]
            seen += [(server + url, reader.request(server + url).status) for url in signed_in]
        return seen

    # Every worker now holds an open connection to the replica.
    assert {status for _, status in answers() + answers()} == {200}
    topology.stop_replica()
    with pytest.raises(subprocess.CalledProcessError):
        topology.psql(topology.ports.replica, "SELECT 1")
    # Nothing cached: every page is rendered from the database again.
    topology.redis_command("FLUSHALL")
    statuses = answers() + answers() + answers()
    assert [answer for answer in statuses if answer[1] != 200] == []


def _app_connections_on_the_replica(topology) -> int:
    return int(
        topology.psql(
            topology.ports.replica,
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND backend_type = 'client backend' AND pid <> pg_backend_pid()",
        )
    )


def test_a_restarted_replica_serves_the_reads_again(topology):
    """After the previous test stopped it: started again, the app servers return to it
    once their few seconds of reading from the primary are over, without a restart."""
    topology.start_replica()
    assert _app_connections_on_the_replica(topology) == 0
    servers = list(topology.app_urls.values())
    statuses = set()
    # Each round asks every worker of both servers (two each) a page that reads the
    # database; the workers try the replica again after RETRY_SECONDS. A generous bound
    # on the rounds keeps a broken fallback from hanging the suite.
    for _ in range(600):
        for server in servers:
            for _ in range(4):
                statuses.add(Browser().request(server + "/akteure/").status)
        if _app_connections_on_the_replica(topology):
            break
    assert statuses == {200}
    assert _app_connections_on_the_replica(topology) > 0
