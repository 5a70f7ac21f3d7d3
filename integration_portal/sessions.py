"""A sliding idle timeout without a database write on every request.

Sessions end after ``SESSION_COOKIE_AGE`` (8 hours) without activity, and activity
moves that end. ``SESSION_SAVE_EVERY_REQUEST`` would do it by writing the session on
every signed-in request, a transaction with a commit each time: `make bench` measured
it as the largest part of a cached page for signed-in staff. ``SessionRefreshMiddleware``
writes the session only when its last refresh is ``REFRESH_SECONDS`` old, so the end
moves in steps of five minutes instead of on every click; the timeout stays the same
within those five minutes.
"""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone

REFRESH_SECONDS = 5 * 60
REFRESHED_KEY = "_refreshed"


class SessionRefreshMiddleware:
    """Mark a used session as modified once every ``REFRESH_SECONDS`` (then it is saved)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is None or settings.SESSION_COOKIE_NAME not in request.COOKIES:
            return response  # no session to keep alive; reading one would create it
        if session.is_empty():
            return response  # signed out during this request
        now = int(timezone.now().timestamp())
        if now - session.get(REFRESHED_KEY, 0) >= REFRESH_SECONDS:
            session[REFRESHED_KEY] = now
        return response
