"""The idle timeout of a session (``CQS_SESSION_IDLE_MINUTES``) without a write on every request.

Django's ``SESSION_SAVE_EVERY_REQUEST`` rewrites the session row on every page to push its expiry forward, a
database write for each read. Here a session is marked changed at most once a minute, so the idle timeout holds
to within a minute and most pages write nothing.
"""

from __future__ import annotations

import time

REFRESHED = "_cqs_refreshed"
REFRESH_SECONDS = 60


class SessionIdleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        session = getattr(request, "session", None)
        # No cookie, no session: an anonymous visitor must not get one just for this.
        if session is not None and session.session_key is not None and not session.modified:
            now = int(time.time())
            last = session.get(REFRESHED, 0)  # loads it: a stale cookie leaves no session key
            if session.session_key is not None and now - last >= REFRESH_SECONDS:
                session[REFRESHED] = now
        return response
