"""The published version of a procedure, as intake needs it: one query, then a per-process cache.

Which version is published is read from the database every time (publishing a new one takes effect at once).
Its components, steps and fees are cached: a published version is frozen, and a later one gets a new row, so a
cache entry keyed by the version's id and publication time can never go stale.
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from chinhquyenso.catalog.models import ProcedureVersion, VersionStatus

CHILDREN = ("components", "steps", "fees")
_CACHE_SIZE = 512
_cache: OrderedDict[tuple, dict[str, list]] = OrderedDict()
_lock = threading.Lock()


def published_version(national_code: str) -> ProcedureVersion | None:
    """The published version of ``national_code`` with its procedure and field joined and its components, steps
    and fees loaded (``version.components.all()`` and the others run no query), or None."""
    version = (
        ProcedureVersion.objects.select_related("procedure", "field")
        .filter(procedure__national_code=national_code, status=VersionStatus.PUBLISHED)
        .first()
    )
    if version is None:
        return None
    key = (version.pk, version.published_at)
    with _lock:
        children = _cache.get(key)
        if children is not None:
            _cache.move_to_end(key)
    if children is None:
        children = {name: list(getattr(version, name).all()) for name in CHILDREN}
        with _lock:
            _cache[key] = children
            while len(_cache) > _CACHE_SIZE:
                _cache.popitem(last=False)
    _attach(version, children)
    return version


def _attach(version: ProcedureVersion, children: dict[str, list]) -> None:
    # The same shape prefetch_related leaves behind, so related managers answer from it.
    cache = version.__dict__.setdefault("_prefetched_objects_cache", {})
    for name, rows in children.items():
        queryset = getattr(version, name).all()
        queryset._result_cache = rows
        queryset._prefetch_done = True
        cache[name] = queryset
