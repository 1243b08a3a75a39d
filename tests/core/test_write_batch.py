"""Several writes as one statement on PostgreSQL: all or nothing, duplicates skipped only when asked."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext

from chinhquyenso.core.models import AuditChainHead
from chinhquyenso.core.write_batch import WriteBatch
from chinhquyenso.dvcqg.models import OutboxItem

pytestmark = pytest.mark.django_db


def _item(key: str) -> OutboxItem:
    return OutboxItem(kind="history", dossier_code="X-260302-0001", payload={"k": key}, idempotency_key=key)


def test_inserts_and_an_update_go_out_as_one_statement():
    AuditChainHead.objects.get_or_create(id=1)
    batch = WriteBatch()
    batch.insert([_item("a"), _item("b")])
    batch.update(AuditChainHead, 1, seq=41, last_hash="f" * 64)
    with CaptureQueriesContext(connection) as captured:
        batch.execute()
    assert len(captured.captured_queries) == 1
    assert sorted(OutboxItem.objects.values_list("idempotency_key", flat=True)) == ["a", "b"]
    assert AuditChainHead.objects.get(id=1).seq == 41


def test_a_duplicate_is_skipped_when_asked_and_fails_the_whole_statement_otherwise():
    OutboxItem.objects.bulk_create([_item("a")])
    skipping = WriteBatch()
    skipping.insert([_item("a"), _item("b")], ignore_conflicts=True)
    skipping.execute()
    assert OutboxItem.objects.count() == 2

    strict = WriteBatch()
    strict.insert([_item("c")])
    strict.insert([_item("a")])
    with pytest.raises(IntegrityError), transaction.atomic():
        strict.execute()
    assert not OutboxItem.objects.filter(idempotency_key="c").exists()  # nothing half-written


def test_rows_asked_for_get_their_ids_back():
    batch = WriteBatch()
    first, second = _item("p"), _item("q")
    batch.insert([first, second], set_ids=True)
    batch.insert([_item("r")])
    batch.execute()
    assert OutboxItem.objects.get(pk=first.pk).idempotency_key == "p"
    assert OutboxItem.objects.get(pk=second.pk).idempotency_key == "q"


def test_a_shape_compiled_once_writes_each_later_batch_with_its_own_values(monkeypatch):
    from django.utils import timezone

    early = timezone.now() - timezone.timedelta(days=3)
    for round_ in range(3):  # the first compiles the shape through Django, the later ones reuse its text
        batch = WriteBatch()
        batch.insert([_item(f"one-{round_}")])
        batch.insert([_item(f"x-{round_}"), _item(f"y-{round_}")], ignore_conflicts=True)
        batch.execute()
        if round_ == 1:
            monkeypatch.setattr(timezone, "now", lambda: early)  # auto_now_add is filled on the cached path too
    rows = {row.idempotency_key: row for row in OutboxItem.objects.all()}
    assert len(rows) == 9
    assert rows["y-2"].payload == {"k": "y-2"} and rows["one-2"].dossier_code == "X-260302-0001"
    assert rows["x-2"].created_at == early and rows["x-1"].created_at > early


def test_an_update_with_an_expression_goes_through_django_and_the_plain_shape_still_works():
    from django.db.models import F

    AuditChainHead.objects.get_or_create(id=1)
    for seq in (5, 6):
        batch = WriteBatch()
        batch.update(AuditChainHead, 1, seq=seq, last_hash="a" * 64)
        batch.execute()
    batch = WriteBatch()
    batch.update(AuditChainHead, 1, seq=F("seq") + 10, last_hash="b" * 64)
    batch.execute()
    assert AuditChainHead.objects.get(id=1).seq == 16
    batch = WriteBatch()
    batch.update(AuditChainHead, 1, seq=7, last_hash="c" * 64)
    batch.execute()
    head = AuditChainHead.objects.get(id=1)
    assert (head.seq, head.last_hash) == (7, "c" * 64)


def test_a_first_write_with_an_expression_is_written_and_does_not_spoil_its_shape(monkeypatch):
    from django.db.models.functions import Now

    from chinhquyenso.core import write_batch

    monkeypatch.setattr(write_batch, "_shapes", {})  # this worker's earlier tests may have cached the shape
    timed = _item("now")
    timed.next_attempt_at = Now()
    batch = WriteBatch()
    batch.insert([timed])
    batch.execute()
    for key in ("plain-1", "plain-2"):
        batch = WriteBatch()
        batch.insert([_item(key)])
        batch.execute()
    assert OutboxItem.objects.get(idempotency_key="now").next_attempt_at is not None
    assert OutboxItem.objects.filter(idempotency_key__startswith="plain-").count() == 2
    assert any(sql for key, sql in write_batch._shapes.items() if key[2] is OutboxItem)  # cached after all
