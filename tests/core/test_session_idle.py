"""A staff session expires after the idle minutes, and reading pages does not rewrite it each time."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext

from chinhquyenso.core.models import AccountKind, User

pytestmark = pytest.mark.django_db


def _staff(username: str) -> User:
    return User.objects.create(username=username, full_name="Cán bộ", kind=AccountKind.STAFF)


def _session_writes(captured) -> int:
    return sum(
        1
        for q in captured.captured_queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    )


def test_pages_push_the_expiry_forward_at_most_once_a_minute(client, monkeypatch, settings):
    client.force_login(_staff("canbo"))
    assert client.get("/").status_code == 200
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    first = Session.objects.get(session_key=key).expire_date
    with CaptureQueriesContext(connection) as captured:
        for _ in range(3):
            client.get("/")
    assert _session_writes(captured) == 0

    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    with CaptureQueriesContext(connection) as captured:
        client.get("/")
    assert _session_writes(captured) == 1
    assert Session.objects.get(session_key=key).expire_date > first


def test_an_idle_session_is_logged_out(client, settings):
    client.force_login(_staff("canbo2"))
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date="2000-01-01T00:00:00Z")
    response = client.get("/ho-so/")
    assert response.status_code == 302 and response["Location"].startswith("/dang-nhap/")


def test_an_anonymous_visitor_gets_no_session(client, settings):
    response = client.get("/tra-cuu/")
    assert response.status_code == 200
    assert settings.SESSION_COOKIE_NAME not in response.cookies
