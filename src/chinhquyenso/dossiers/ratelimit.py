"""A fixed one-minute window per client IP, kept in Django's cache (configure a shared cache in production)."""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import cache

from chinhquyenso.core.errors import RateLimited


def check_public_lookup(ip: str | None) -> None:
    window = int(time.time() // 60)
    key = f"cqs:lookup:{ip or 'unknown'}:{window}"
    if cache.add(key, 1, timeout=120):
        return
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.add(key, 1, timeout=120)
        return
    if count > settings.PUBLIC_LOOKUP_PER_MINUTE:
        raise RateLimited()
