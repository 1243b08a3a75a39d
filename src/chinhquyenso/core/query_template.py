"""A read built and compiled by Django once, then run again with new values for its parameters.

Building and compiling a queryset with subqueries costs Django a few milliseconds, more than the database needs to
answer it by primary key. A read on every write (intake loads the agency, its calendar's versions and the
published procedure's key) is declared once as a function of its parameters; the first run compiles it with
marker values standing for them, and later runs put the real values where the markers were and execute it
through the prepared-statement cursor. Rows come back as dicts, converted by Django's own converters.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import connections
from django.db.models import QuerySet

from chinhquyenso.core.prepared import prepared_cursor

# Markers for the parameters while Django compiles. An int marker must be one Django leaves as it is: inside the
# range of a 32-bit positive integer field (Django rewrites comparisons with values outside a field's range).
_MARK_INT = 2_074_318_529
# Django may wrap an int in psycopg's Int2/Int4/Int8 to type it; a value outside that type's range matches no row.
_BITS = {"Int2": 16, "Int4": 32}


class QueryTemplate:
    def __init__(self, build: Callable[..., QuerySet], *kinds: type):
        """``build`` takes one argument per entry of ``kinds`` (int or str) and returns a ``values()`` queryset.
        It runs once: it must depend on its arguments only (no clock, no settings read at call time)."""
        self._build, self._kinds = build, kinds
        self._compiled: dict[str, tuple] = {}
        self._lock = threading.Lock()

    def rows(self, *values, using: str = "default") -> list[dict]:
        compiler, sql, params, slots, names = self._compile(using)
        values = [kind(value) for kind, value in zip(self._kinds, values, strict=True)]
        params = list(params)
        for position, index in slots:
            wrapper, value = type(params[position]), values[index]
            if isinstance(value, int) and not _fits(wrapper, value):
                return []  # no row has such a key; the driver could not even send it
            params[position] = value if wrapper in (int, str) else wrapper(value)
        with prepared_cursor(using) as cursor:
            cursor.execute(sql, params)
            fetched = cursor.fetchall()
        return [dict(zip(names, row, strict=True)) for row in compiler.results_iter(results=[fetched])]

    def first(self, *values, using: str = "default") -> dict | None:
        found = self.rows(*values, using=using)
        return found[0] if found else None

    def _compile(self, using: str) -> tuple:
        compiled = self._compiled.get(using)
        if compiled is not None:
            return compiled
        with self._lock:
            marks = [_MARK_INT + i if kind is int else f"\x1fparam {i}\x1f" for i, kind in enumerate(self._kinds)]
            queryset = self._build(*marks)
            query = queryset.query
            compiler = query.get_compiler(connection=connections[using])
            sql, params = compiler.as_sql()
            slots = [
                (position, marks.index(value))
                for position, value in enumerate(params)
                if isinstance(value, int | str) and value in marks
            ]
            if {index for _position, index in slots} != set(range(len(marks))):
                raise ImproperlyConfigured("a template parameter does not reach the SQL as it was given")
            # The columns' names in order, as Django's ValuesIterable reads them.
            names = list(query.selected or [*query.extra_select, *query.values_select, *query.annotation_select])
            compiled = self._compiled[using] = (compiler, sql, tuple(params), slots, names)
        return compiled


def _fits(wrapper: type, value: int) -> bool:
    half = 2 ** (_BITS.get(wrapper.__name__, 64) - 1)
    return -half <= value < half
