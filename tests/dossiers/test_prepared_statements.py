"""The statements of an intake are prepared once per connection; the setting turns it off."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def _prepared() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE name LIKE '_pg3_%%'")
        return [row[0] for row in cursor.fetchall()]


def test_an_intake_prepares_its_statements_and_the_next_one_reuses_them(intake):
    intake()
    first = _prepared()
    assert any("units_agency" in sql for sql in first)  # the agency read
    assert any("dossiers_dossiercodecounter" in sql for sql in first)  # the number
    assert any(sql.startswith("WITH w0 AS (INSERT INTO") for sql in first)  # the writes
    with CaptureQueriesContext(connection) as captured:
        intake()
    assert sorted(_prepared()) == sorted(first)  # same shapes: nothing new to prepare
    assert any("dossiers_dossiercodecounter" in q["sql"] for q in captured.captured_queries)  # still logged


@override_settings(DB_PREPARED_STATEMENTS=False)
def test_the_setting_turns_preparing_off(intake):
    before = _prepared()  # what the fixtures' own writes prepared
    intake()
    intake()
    assert _prepared() == before
