"""How the citizen signed in, kept in the session (``cqs_auth_method``): ``password``, ``otp`` or ``vneid``."""

from __future__ import annotations

SESSION_KEY = "cqs_auth_method"
AUTH_METHODS = ("password", "otp", "vneid")


def auth_method(request) -> str:
    """The method the current session was opened with; "" when nobody is signed in through this app."""
    session = getattr(request, "session", None)
    if session is None:
        return ""
    value = session.get(SESSION_KEY, "")
    return value if value in AUTH_METHODS else ""


def auth_method_set(request, method: str) -> None:
    if method not in AUTH_METHODS:
        raise ValueError(f"unknown authentication method {method!r}")
    request.session[SESSION_KEY] = method
