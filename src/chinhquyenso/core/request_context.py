"""Request-scoped facts (client IP) that services need without taking the request object."""

from __future__ import annotations

from contextvars import ContextVar

client_ip: ContextVar[str | None] = ContextVar("client_ip", default=None)
