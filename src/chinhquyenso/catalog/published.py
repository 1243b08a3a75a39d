"""The published version of a procedure, as intake needs it: no query of its own, then a per-process cache.

Which version is published is read from the database every time (publishing a new one takes effect at once).
The version itself, with its components, steps and fees, is cached: a published version is frozen and a later one
gets a new row, so an entry keyed by the version's id and publication time (and the name of its field, the one
related value an import may still change) can never go stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from django.db.models import Subquery

from chinhquyenso.catalog.models import ProcedureVersion, VersionStatus

CHILDREN = ("components", "steps", "fees")
_CACHE_SIZE = 512
_cache: OrderedDict[tuple, ProcedureVersion] = OrderedDict()
_lock = threading.Lock()
_KEY = ("id", "published_at", "field__name")


def published_version_annotations(national_code: str) -> dict[str, Subquery]:
    """Annotations that carry the published version's cache key on a row the caller loads anyway (intake loads
    the agency), so ``published_version_of_annotated`` needs no query of its own when the cache holds it."""
    current = _current(national_code)
    return {f"published_{name}": Subquery(current.values(name)[:1]) for name in _KEY}


def published_version_of_annotated(row) -> ProcedureVersion | None:
    key = tuple(getattr(row, f"published_{name}") for name in _KEY)
    return None if key[0] is None else _version(key)


def _current(national_code: str):
    return ProcedureVersion.objects.filter(procedure__national_code=national_code, status=VersionStatus.PUBLISHED)


def _version(key: tuple) -> ProcedureVersion:
    with _lock:
        version = _cache.get(key)
        if version is not None:
            _cache.move_to_end(key)
            return version
    version = ProcedureVersion.objects.select_related("procedure", "field").prefetch_related(*CHILDREN).get(pk=key[0])
    for name in CHILDREN:
        list(getattr(version, name).all())
    with _lock:
        _cache[key] = version
        while len(_cache) > _CACHE_SIZE:
            _cache.popitem(last=False)
    return version
