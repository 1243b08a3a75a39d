"""The audit log is append-only and hash-chained: any edit or deletion behind the app's back is caught."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from chinhquyenso.core.models import AuditEvent
from chinhquyenso.core.services.audit import audit_record, audit_verify

pytestmark = pytest.mark.django_db


def write_events(n):
    for i in range(n):
        with transaction.atomic():
            audit_record(
                actor=None,
                action="test.event",
                object_type="thing",
                object_id=str(i),
                summary={"index": i, "tên": "Thọ Xuân"},
            )


def test_rows_are_chained_in_order():
    write_events(3)
    rows = list(AuditEvent.objects.order_by("seq"))
    assert [r.seq for r in rows] == [1, 2, 3]
    assert rows[1].previous_hash == rows[0].entry_hash
    assert rows[2].previous_hash == rows[1].entry_hash
    assert audit_verify() is None


def test_editing_a_row_behind_the_apps_back_is_caught(capsys):
    write_events(4)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET action = %s WHERE seq = %s", ["test.forged", 2])
    broken = audit_verify()
    assert broken is not None and broken.seq == 2
    with pytest.raises(CommandError):
        call_command("audit", "verify")
    assert "#2" in capsys.readouterr().out


def test_editing_the_summary_json_is_caught():
    write_events(3)
    with connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET summary = %s WHERE seq = 3", ['{"index": 99}'])
    assert audit_verify().seq == 3


def test_deleting_a_row_is_caught():
    write_events(4)
    AuditEvent.objects.filter(seq=3).delete()
    assert audit_verify().seq == 3


def test_deleting_the_last_row_is_caught():
    write_events(3)
    AuditEvent.objects.filter(seq=3).delete()
    broken = audit_verify()
    assert broken is not None and broken.seq == 3


def test_verify_command_prints_ok(capsys):
    write_events(2)
    call_command("audit", "verify")
    assert capsys.readouterr().out.strip() == "OK"


def test_audit_record_refuses_to_run_outside_a_transaction():
    with pytest.raises(RuntimeError):
        # pytest-django wraps the test in a transaction; leave it to reach autocommit mode.
        connection.in_atomic_block = False
        try:
            audit_record(actor=None, action="test.outside")
        finally:
            connection.in_atomic_block = True
