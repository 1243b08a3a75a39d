"""A cursor for the statements run most (every intake's, the public lookup's), prepared once per connection.

Django binds parameters on the client: each value is quoted into the SQL text and the server parses and plans
that text anew on every call. An intake runs the same handful of statements each time, so these go through a
cursor that sends the values separately and prepares the statement on first use. psycopg keeps the prepared
statements per connection and drops them all on a rollback. Django's query logging and execute wrappers still see
every statement. Elsewhere (SQLite), or with ``CQS_DB_PREPARED_STATEMENTS`` off, it is Django's ordinary cursor.
"""

from __future__ import annotations

import functools
import sys
from contextlib import contextmanager

from django.conf import settings
from django.db import connections
from django.db.backends.utils import CursorDebugWrapper


@contextmanager
def prepared_cursor(using: str = "default"):
    connection = connections[using]
    if connection.vendor != "postgresql" or not settings.DB_PREPARED_STATEMENTS:
        with connection.cursor() as cursor:
            yield cursor
        return
    connection.close_if_health_check_failed()
    connection.ensure_connection()
    connection.validate_thread_sharing()
    if connection.connection.prepare_threshold is None:
        # Django turns psycopg's automatic preparing off (None), which also ignores prepare=True; a threshold no
        # statement reaches keeps the automatic preparing off and lets this cursor ask.
        connection.connection.prepare_threshold = sys.maxsize
    with connection.wrap_database_errors:
        raw = _preparing_cursor_class()(connection.connection)
    cursor = _LoggingCursor(raw, connection) if connection.queries_logged else connection.make_cursor(raw)
    with cursor:
        yield cursor


class _LoggingCursor(CursorDebugWrapper):
    # Django's debug cursor reads the executed text back from psycopg, which keeps none for a prepared statement:
    # log the statement as written, with its placeholders.
    def execute(self, sql, params=None):
        with self.debug_sql(sql, params, use_last_executed_query=False):
            return self._execute_with_wrappers(sql, params, many=False, executor=self._execute)


@functools.cache
def _preparing_cursor_class():
    # Built on first use: Django's PostgreSQL backend module imports psycopg, which SQLite set-ups never load.
    from django.db.backends.postgresql.base import ServerBindingCursor

    class PreparingCursor(ServerBindingCursor):
        def execute(self, query, params=None, *, prepare=None, binary=None):
            return super().execute(query, params, prepare=True if prepare is None else prepare, binary=binary)

    return PreparingCursor
