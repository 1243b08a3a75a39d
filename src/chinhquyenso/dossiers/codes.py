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
from chinhquyenso.dossiers.models import DossierCodeCounter

MAX_PER_DAY = 9999
CODE_RE = re.compile(r"^(?P<agency>[0-9A-Z.]{5,35})-(?P<day>\d{6})-(?P<n>\d{4})$")


def format_code(identifier: str, day: date, number: int) -> str:
    return f"{identifier}-{day:%y%m%d}-{number:04d}"


def next_number(agency_id: int, day: date) -> int:
    table = DossierCodeCounter._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} (agency_id, day, last) VALUES (%s, %s, 1) "  # noqa: S608 - table name is ours
            f"ON CONFLICT (agency_id, day) DO UPDATE SET last = {table}.last + 1 RETURNING last",
            [agency_id, day],
        )
        (number,) = cursor.fetchone()
    if number > MAX_PER_DAY:
        raise Conflict(
            _("This agency has already received 9,999 dossiers today; the code has only four digits."),
            code="dossier_counter_full",
        )
    return number


def next_code(agency, day: date) -> str:
    return format_code(agency.identifier, day, next_number(agency.pk, day))
