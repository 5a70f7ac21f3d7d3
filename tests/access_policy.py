"""The access policy of every route, in one table.

``test_access_control.py`` walks the URL configuration itself and checks each route,
GET and POST, for every role against this table; a route missing here fails the test,
so a new URL cannot be forgotten. Keys are route keys (``urlwalk.Route.key``: the
namespaced URL name, or the pattern of an unnamed route); ``fnmatch`` patterns are
allowed and the first match wins.

Roles, in this order: anonymous, staff, coordinator (of the object's network A),
other_coordinator (of network B), editor, admin.

Outcomes: ``ok`` (passed the access check: 2xx, 400 for an empty form, or a redirect
that is not to a login page), ``page`` (the strict ``ok`` of a page: exactly 200),
``login`` (sent to sign in), ``deny`` (403), ``hidden`` (404), ``method`` (405: the
route does not take this method).

Object-level rules are rows too: ``coordinator`` coordinates network A, the object of
the URLs, ``other_coordinator`` only network B, so ``NETWORK_EDITORS`` proves that a
coordinator edits only their own network. What a table of outcomes cannot show (a
refused POST with valid data changes nothing, an internal network's name never leaks, a
membership of network B under network A's address) is in ``networks/tests/test_permissions.py``.
"""

from __future__ import annotations

ROLES = ("anonymous", "staff", "coordinator", "other_coordinator", "editor", "admin")


def _row(*outcomes: str) -> dict[str, str]:
    assert len(outcomes) == len(ROLES)
    return dict(zip(ROLES, outcomes, strict=True))


def _all(outcome: str) -> dict[str, str]:
    return _row(*[outcome] * len(ROLES))


OPEN = _all("ok")  # everyone, also anonymous visitors
NO_METHOD = _all("method")
SIGNED_IN = _row("login", "ok", "ok", "ok", "ok", "ok")  # internal data: any account
SIGNED_IN_NO_METHOD = _row("login", "method", "method", "method", "method", "method")
NETWORK_EDITORS = _row("login", "deny", "ok", "deny", "deny", "ok")  # object-level rule
# The same, strict: GET shows the page itself (200) to those who may see it.
OPEN_PAGE = _all("page")
SIGNED_IN_PAGE = _row("login", "page", "page", "page", "page", "page")
NETWORK_EDITOR_PAGE = _row("login", "deny", "page", "deny", "deny", "page")
NETWORK_EDITORS_NO_METHOD = _row("login", "deny", "method", "deny", "deny", "method")
EDITORS = _row("login", "deny", "deny", "deny", "ok", "ok")  # Redaktion and admins
EDITOR_PAGE = _row("login", "deny", "deny", "deny", "page", "page")
EDITORS_NO_METHOD = _row("login", "deny", "deny", "deny", "method", "method")
ADMINS = _row("login", "deny", "deny", "deny", "deny", "ok")
ADMIN_PAGE = _row("login", "deny", "deny", "deny", "deny", "page")
ADMINS_NO_METHOD = _row("login", "deny", "deny", "deny", "deny", "method")
# The Django admin sends accounts without staff status to its own login page; editors
# have staff status for the history content and are refused everything else.
ADMIN_SITE_ADMINS = _row("login", "login", "login", "login", "deny", "ok")
ADMIN_SITE_EDITORS = _row("login", "login", "login", "login", "ok", "ok")
ADMIN_SITE_EDITORS_NO_METHOD = _row("login", "login", "login", "login", "method", "method")
ADMIN_SITE_HIDDEN_FOR_EDITORS = _row("login", "login", "login", "login", "hidden", "ok")
ADMIN_SITE_DENY = _row("login", "login", "login", "login", "deny", "deny")
ADMIN_SITE_HIDDEN = _row("login", "login", "login", "login", "hidden", "hidden")
# Pages of one's own account: sign in first.
OWN_ACCOUNT = SIGNED_IN
OWN_ACCOUNT_NO_METHOD = SIGNED_IN_NO_METHOD
# The second factor cannot be switched off by roles that need it; staff have none to
# switch off (404).
DEACTIVATE_FACTOR = _row("login", "hidden", "ok", "ok", "ok", "ok")
# Recovery codes exist only after they were generated; the test accounts have none.
RECOVERY_CODES = _row("login", "hidden", "hidden", "hidden", "hidden", "hidden")
RECOVERY_CODES_NO_METHOD = _row("login", "method", "method", "method", "method", "method")

#: route key (or fnmatch pattern) -> (GET, POST)
POLICY: dict[str, tuple[dict[str, str], dict[str, str]]] = {
    # --- site ---------------------------------------------------------------------
    "healthz": (OPEN, OPEN),
    # The reference view of `make bench`: 404 unless PORTAL_BENCH is on (never in tests).
    "ceiling": (_all("hidden"), _all("hidden")),
    "set_language": (OPEN, OPEN),
    "sitemap": (OPEN, OPEN),
    # robots.txt, the favicon's redirect and security.txt: read by anyone, GET and HEAD only.
    "robots_txt": (OPEN_PAGE, NO_METHOD),
    "favicon": (OPEN, NO_METHOD),
    "security_txt": (OPEN_PAGE, NO_METHOD),
    "home": (OPEN, NO_METHOD),
    "imprint": (OPEN, NO_METHOD),
    "privacy": (OPEN, NO_METHOD),
    "privacy_register": (SIGNED_IN, SIGNED_IN_NO_METHOD),
    "accessibility": (OPEN, OPEN),  # the feedback form is for everyone
    "accessibility_receipt": (OPEN, OPEN),
    # The feedback inbox holds the senders' personal data: administrators only.
    "inbox": (ADMIN_PAGE, ADMINS_NO_METHOD),
    "inbox_detail": (ADMIN_PAGE, ADMINS),  # POST without data: the form comes back
    # "Mein Bereich": every account's start page; the saved searches are its own data.
    "workspace": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    "workspace_search_save": (SIGNED_IN_NO_METHOD, SIGNED_IN),  # no data: the form comes back
    # Only the account's own saved searches: any other id is a 404.
    "workspace_search_delete": (SIGNED_IN_NO_METHOD, _row("login", *["hidden"] * 5)),
    # Account administration: administrators only. POST without data: the form comes
    # back (list: GET only; deactivation and invitation: POST only, back to the account).
    "accounts_admin": (ADMIN_PAGE, ADMINS_NO_METHOD),
    "accounts_admin_invite": (ADMIN_PAGE, ADMINS),
    "accounts_admin_detail": (ADMIN_PAGE, ADMINS),
    "accounts_admin_active": (ADMINS_NO_METHOD, ADMINS),
    "accounts_admin_resend": (ADMINS_NO_METHOD, ADMINS),
    # --- accounts (allauth) ----------------------------------------------------------
    "account_login": (OPEN, OPEN),
    "account_logout": (OPEN, OPEN),
    "account_inactive": (OPEN, NO_METHOD),
    "account_signup": (OPEN, OPEN),  # shows "sign-up closed"; creates nothing
    "account_reauthenticate": (OWN_ACCOUNT, OWN_ACCOUNT),
    "account_email": (OWN_ACCOUNT, OWN_ACCOUNT),
    "account_email_verification_sent": (OPEN, NO_METHOD),
    "account_change_password": (OWN_ACCOUNT, OWN_ACCOUNT),
    "account_set_password": (OWN_ACCOUNT, OWN_ACCOUNT),
    "account_reset_password": (OPEN, OPEN),
    "account_confirm_login_code": (OWN_ACCOUNT, OWN_ACCOUNT),
    "account_confirm_email": (OPEN, _all("hidden")),  # an unknown key
    "account_reset_password_from_key_done": (OPEN, NO_METHOD),
    "account_reset_password_from_key": (OPEN, OPEN),  # an invalid key shows "invalid link"
    "account_reset_password_done": (OPEN, NO_METHOD),
    "mfa_index": (OWN_ACCOUNT, OWN_ACCOUNT_NO_METHOD),
    "mfa_authenticate": (OWN_ACCOUNT, OWN_ACCOUNT),
    "mfa_reauthenticate": (OWN_ACCOUNT, OWN_ACCOUNT),
    "mfa_activate_totp": (OWN_ACCOUNT, OWN_ACCOUNT),
    "mfa_deactivate_totp": (DEACTIVATE_FACTOR, DEACTIVATE_FACTOR),
    "mfa_view_recovery_codes": (RECOVERY_CODES, RECOVERY_CODES_NO_METHOD),
    "mfa_generate_recovery_codes": (OWN_ACCOUNT, OWN_ACCOUNT),
    "mfa_download_recovery_codes": (RECOVERY_CODES, RECOVERY_CODES),
    # --- actor directory ---------------------------------------------------------------
    "actors:list": (OPEN, NO_METHOD),
    "actors:multilevel": (OPEN, NO_METHOD),
    "actors:tasks": (OPEN, NO_METHOD),
    "finder": (OPEN, NO_METHOD),  # contact persons and internal notes for staff only
    "actors:detail": (OPEN, NO_METHOD),
    "actors:export": (SIGNED_IN, SIGNED_IN_NO_METHOD),  # contains internal columns
    "actors:import": (ADMINS, ADMINS),
    "actors:import_runs": (ADMIN_PAGE, ADMINS_NO_METHOD),
    # An import's preview, mapping and undo: administrators, and only their own preview
    # (the sample pk names no import: 404).
    "actors:import_*": (
        _row("login", "deny", "deny", "deny", "deny", "hidden"),
        _row("login", "deny", "deny", "deny", "deny", "hidden"),
    ),
    # The change history names accounts and shows internal data; restoring: admins only.
    "actors:history": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    "actors:restore": (ADMIN_PAGE, ADMINS),
    # The member municipalities' pages: public data only (a slug that names no visible
    # municipality is a 404).
    "municipalities:list": (OPEN_PAGE, NO_METHOD),
    "municipalities:detail": (_all("hidden"), NO_METHOD),
    # --- networks ---------------------------------------------------------------------
    "networks:list": (OPEN_PAGE, NO_METHOD),
    "networks:overview_map": (OPEN_PAGE, NO_METHOD),
    "networks:overview_map_data": (OPEN_PAGE, OPEN),
    "networks:ki": (OPEN_PAGE, NO_METHOD),
    "networks:kim": (OPEN_PAGE, NO_METHOD),
    "networks:detail": (OPEN_PAGE, NO_METHOD),
    "networks:map": (OPEN_PAGE, NO_METHOD),
    "networks:map_data": (OPEN_PAGE, NO_METHOD),
    "networks:changes": (OPEN_PAGE, NO_METHOD),
    "networks:history": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    "networks:export": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    # Contact persons' e-mail addresses of the current members: internal data.
    "networks:mailing_list": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    "networks:profile_edit": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS),
    "networks:members": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS),
    "networks:membership_edit": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS),
    "networks:membership_end": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS),
    "networks:link_add": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS),
    # The combobox's suggestions (JSON, GET only): for those who edit the network.
    "networks:actor_suggestions": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS_NO_METHOD),
    "networks:link_end": (NETWORK_EDITOR_PAGE, NETWORK_EDITORS),
    # The keynote's figures drawn from the network data (networks/figures.py).
    "networks:figure_*": (OPEN_PAGE, NO_METHOD),
    # --- stewardship: review links, suggestions from outside, data quality ----------------
    # The review links carry a signed token; the walk's sample token is never valid: 404.
    "stewardship:review_*": (_all("hidden"), _all("hidden")),
    # The public suggestion forms of a public actor (the walk's actor) and of an offer (the
    # sample slug names none: 404). A POST without data shows the form with its errors.
    "stewardship:suggest_actor": (OPEN_PAGE, OPEN),
    "stewardship:suggest_new_offer": (OPEN_PAGE, OPEN),
    "stewardship:suggest_offer_choice": (OPEN_PAGE, NO_METHOD),
    "stewardship:suggest_offer": (_all("hidden"), _all("hidden")),
    "stewardship:suggestion_thanks": (OPEN, NO_METHOD),
    # The queue holds the proposers' contact data: those who may edit the directory.
    "stewardship:suggestion_queue": (EDITOR_PAGE, EDITORS_NO_METHOD),
    # A sample id names no suggestion: 404 once the right is granted.
    "stewardship:suggestion_detail": (
        _row("login", "deny", "deny", "deny", "hidden", "hidden"),
        EDITORS_NO_METHOD,
    ),
    "stewardship:suggestion_accept": (
        EDITORS_NO_METHOD,
        _row("login", "deny", "deny", "deny", "hidden", "hidden"),
    ),
    "stewardship:suggestion_edit": (
        _row("login", "deny", "deny", "deny", "hidden", "hidden"),
        _row("login", "deny", "deny", "deny", "hidden", "hidden"),
    ),
    "stewardship:suggestion_reject": (
        EDITORS_NO_METHOD,
        _row("login", "deny", "deny", "deny", "hidden", "hidden"),
    ),
    # Data quality: every signed-in account (internal entries counted, nothing public).
    "stewardship:quality": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    "stewardship:quality_list": (SIGNED_IN_PAGE, SIGNED_IN_NO_METHOD),
    # --- open data: the HSDS API (read-only JSON), its OpenAPI description, /daten/ -------
    # A malformed id in the walk's sample URLs is a 400 (passed the check).
    "opendata:not_found": (_all("hidden"), _all("hidden")),
    "opendata:*": (OPEN, NO_METHOD),
    # The data package's files: a 404 until `export_open_data` wrote them (as in the walk).
    "daten:download_*": (_all("hidden"), NO_METHOD),
    "daten:*": (OPEN_PAGE, NO_METHOD),
    # --- history (timeline) -------------------------------------------------------------
    "timeline:overview": (OPEN, NO_METHOD),
    "timeline:theses": (OPEN, NO_METHOD),
    "timeline:bibliography": (OPEN, NO_METHOD),
    "timeline:timelinejs": (OPEN, NO_METHOD),  # the history for reuse (JSON, iCalendar)
    "timeline:calendar": (OPEN, NO_METHOD),
    "timeline:period": (OPEN, NO_METHOD),
    "timeline:period_easy": (OPEN, NO_METHOD),
    "timeline:preview_*": (EDITORS, EDITORS_NO_METHOD),  # drafts
    # --- the Redaktion's editorial area (/redaktion/): drafts, never for anyone else -----
    "editorial:overview": (EDITOR_PAGE, EDITORS_NO_METHOD),
    # The forms: POST without data comes back with the form's errors (400).
    "editorial:edit": (EDITOR_PAGE, EDITORS),
    "editorial:create": (EDITOR_PAGE, EDITORS),
    "editorial:preview": (EDITOR_PAGE, EDITORS_NO_METHOD),
    "editorial:versions": (EDITOR_PAGE, EDITORS_NO_METHOD),
    # POST only; without data they send the editor back to the page with a message.
    "editorial:publish": (EDITORS_NO_METHOD, EDITORS),
    "editorial:discard": (EDITORS_NO_METHOD, EDITORS),
    "editorial:restore": (EDITORS_NO_METHOD, EDITORS),
    "editorial:translation_confirm": (EDITORS_NO_METHOD, EDITORS),
    # --- Django admin -------------------------------------------------------------------
    "admin:index": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS),
    # Django's admin login hands over to the portal's sign-in (password, code, rate limits);
    # signed-in accounts that may not use the admin are refused, the others sent on.
    "admin:login": (
        _row("login", "deny", "deny", "deny", "ok", "ok"),
        _row("login", "deny", "deny", "deny", "ok", "ok"),
    ),
    "admin:logout": (
        _row("ok", "ok", "ok", "ok", "method", "method"),  # GET: others are sent on
        OPEN,
    ),
    "admin:password_change": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS),
    "admin:password_change_done": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS_NO_METHOD),
    "admin:jsi18n": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS_NO_METHOD),
    "admin:autocomplete": (ADMIN_SITE_DENY, ADMIN_SITE_EDITORS_NO_METHOD),  # no field given
    "admin:view_on_site": (ADMIN_SITE_HIDDEN, ADMIN_SITE_HIDDEN),  # no such object
    "admin:app_list": (ADMIN_SITE_HIDDEN_FOR_EDITORS, ADMIN_SITE_HIDDEN_FOR_EDITORS),  # "auth"
    "admin:timeline_*": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS),
    "admin:verwaltung/timeline/*": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS),
    # The unnamed "<object_id>/" routes only redirect to the change page (checked there).
    "admin:verwaltung/*/<path:object_id>/": (ADMIN_SITE_EDITORS, ADMIN_SITE_EDITORS),
    "admin:verwaltung/(?P<url>.*)$": (ADMIN_SITE_HIDDEN, ADMIN_SITE_HIDDEN),  # catch-all
    # Second factors: administrators see who has which and may remove one; nobody adds or
    # edits one there (the secrets never appear in the admin).
    "admin:mfa_authenticator_add": (ADMIN_SITE_DENY, ADMIN_SITE_DENY),
    "admin:mfa_authenticator_change": (ADMIN_SITE_ADMINS, ADMIN_SITE_DENY),
    # Accounts are invited, changed and deactivated on the portal's own pages; the admin
    # shows them (and lets their name be corrected) but adds and deletes none.
    "admin:integration_portal_user_add": (ADMIN_SITE_DENY, ADMIN_SITE_DENY),
    "admin:integration_portal_user_delete": (ADMIN_SITE_DENY, ADMIN_SITE_DENY),
    "admin:*": (ADMIN_SITE_ADMINS, ADMIN_SITE_ADMINS),  # every other model: administrators
}
