"""Dossier codes ``{agency identifier}-{YYMMDD}-{NNNN}`` (Decree 61 Art. 26, Circular 01/2018 Art. 19).

One counter row per agency per day. The increment is a single upsert in the caller's transaction: concurrent
intakes queue on that row, and a rolled-back intake rolls its number back too, so numbers are consecutive and
never skipped or repeated.
"""

from __future__ import annotations

import re
from datetime import date

from django.db import connection
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import Conflict
from chinhquyenso.core.prepared import prepared_cursor
from chinhquyenso.dossiers.models import Dossier, DossierCodeCounter

MAX_PER_DAY = 9999
CODE_RE = re.compile(r"^(?P<agency>[0-9A-Z.]{5,35})-(?P<day>\d{6})-(?P<n>\d{4})$")


def format_code(identifier: str, day: date, number: int) -> str:
    return f"{identifier}-{day:%y%m%d}-{number:04d}"


def next_number(agency_id: int, day: date) -> int:
    return take_number(agency_id, day)[0]


def take_number(agency_id: int, day: date, *, reserve_dossier_id: bool = False) -> tuple[int, int | None]:
    """The agency's next number for ``day`` and, on PostgreSQL when asked, an id for the new dossier's row
    taken in the same round trip (None elsewhere: the row's insert gives it)."""
    table = DossierCodeCounter._meta.db_table
    reserve = reserve_dossier_id and connection.vendor == "postgresql"
    returning = "last, nextval(pg_get_serial_sequence(%s, 'id'))" if reserve else "last, NULL"
    with prepared_cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608 - table names are ours
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING {returning}",
            [agency_id, day, Dossier._meta.db_table] if reserve else [agency_id, day],
        )
        number, dossier_id = cursor.fetchone()
    if number > MAX_PER_DAY:
        raise Conflict(
            _("This agency has already received 9,999 dossiers today; the code has only four digits."),
            code="dossier_counter_full",
        )
    return number, dossier_id


def next_code(agency, day: date) -> str:
    return format_code(agency.identifier, day, next_number(agency.pk, day))
