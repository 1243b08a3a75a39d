"""Enqueueing: atomic with the caller's change, and the same state twice is one item."""

import pytest
from django.db import transaction

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dvcqg.models import OutboxItem, OutboxKind, OutboxStatus
from chinhquyenso.dvcqg.services import dvcqg_enqueue_dossier, dvcqg_enqueue_history
from tests.dvcqg.conftest import enqueue, make_snapshot, make_step

pytestmark = pytest.mark.django_db


def test_a_dossier_state_is_queued_as_a_pending_item_with_its_payload():
    (item,) = enqueue(make_snapshot())
    assert item.kind == OutboxKind.DOSSIER
    assert item.status == OutboxStatus.PENDING
    assert item.attempts == 0
    assert item.payload["MaHoSo"] == "000.00.15.H38-260302-0001"
    assert item.received_at == make_snapshot().received_at
    assert len(item.idempotency_key) == 64


def test_queuing_the_same_state_twice_is_a_no_op():
    first, second = enqueue(make_snapshot(), make_snapshot())
    (third,) = enqueue(make_snapshot())
    assert first.pk == second.pk == third.pk
    assert OutboxItem.objects.count() == 1


def test_a_new_state_is_queued_and_a_return_to_an_earlier_state_is_queued_again():
    enqueue(make_snapshot(status=2), make_snapshot(status=4), make_snapshot(status=4), make_snapshot(status=2))
    statuses = list(OutboxItem.objects.order_by("id").values_list("payload__TrangThaiHoSo", flat=True))
    assert statuses == ["2", "4", "2"]


def test_the_same_process_step_twice_is_a_no_op_but_a_different_step_is_queued():
    enqueue(make_step(), make_step(), make_step(content="Chuyển xử lý", status=4))
    assert OutboxItem.objects.filter(kind=OutboxKind.HISTORY).count() == 2


def test_a_rolled_back_change_leaves_nothing_in_the_outbox():
    with pytest.raises(RuntimeError), transaction.atomic():
        dvcqg_enqueue_dossier(snapshot=make_snapshot())
        dvcqg_enqueue_history(step=make_step())
        raise RuntimeError("the dossier change failed")
    assert not OutboxItem.objects.exists()


def test_a_bad_snapshot_fails_before_anything_is_queued():
    with pytest.raises(ValidationFailed):
        enqueue(make_snapshot(status=11))
    assert not OutboxItem.objects.exists()


def test_the_status_quirk_setting_applies_when_queuing(settings):
    settings.DVCQG_STATUS_5_6_8_AS_9 = True
    (item, step) = enqueue(make_snapshot(status=5), make_step(status=6))
    assert item.payload["TrangThaiHoSo"] == "9"
    assert step.payload["TrangThai"] == "9"


@pytest.mark.django_db(transaction=True)
def test_enqueue_outside_a_transaction_is_a_programming_error():
    with pytest.raises(RuntimeError, match="inside the transaction"):
        dvcqg_enqueue_dossier(snapshot=make_snapshot())
    with pytest.raises(RuntimeError, match="inside the transaction"):
        dvcqg_enqueue_history(step=make_step())
    assert not OutboxItem.objects.exists()
