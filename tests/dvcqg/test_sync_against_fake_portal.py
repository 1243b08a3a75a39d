"""The whole contract against the fake portal on a loopback port: create, exists → update, history, failures."""

from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from chinhquyenso.core.models import AuditEvent
from chinhquyenso.dvcqg.fake_portal import CREATE_PATH, HISTORY_PATH, UPDATE_PATH
from chinhquyenso.dvcqg.models import OutboxItem, OutboxStatus, SentVia
from chinhquyenso.dvcqg.sync import dvcqg_sync
from tests.dvcqg.conftest import enqueue, make_snapshot, make_step

pytestmark = pytest.mark.django_db

CODE = "000.00.15.H38-260302-0001"


def run_command(*args):
    out = StringIO()
    call_command("sync", "dvcqg", *args, stdout=out)
    return out.getvalue()


def test_a_new_dossier_is_created_then_its_steps_are_sent(portal):
    enqueue(make_snapshot(), make_step(), make_step(content="Chuyển phòng chuyên môn", status=4))
    out = run_command()
    assert "Đồng bộ DVCQG: đã gửi 3, cập nhật 0, thử lại sau 0, thất bại 0." in out
    assert portal.dossiers[CODE]["NgayTiepNhan"] == "20260302083000"
    assert [s["NoiDungXuLy"] for s in portal.history[CODE]] == ["Tiếp nhận hồ sơ", "Chuyển phòng chuyên môn"]
    items = list(OutboxItem.objects.order_by("id"))
    assert [i.status for i in items] == [OutboxStatus.SENT] * 3
    assert [i.sent_via for i in items] == [SentVia.CREATE, SentVia.HISTORY, SentVia.HISTORY]
    assert all(i.sent_at is not None and i.attempts == 1 for i in items)
    assert AuditEvent.objects.filter(action="dvcqg.sync", summary__sent=3).exists()


def test_when_the_portal_already_has_the_dossier_it_is_updated(portal):
    enqueue(make_snapshot(status=2))
    dvcqg_sync()
    enqueue(make_snapshot(status=4))
    out = run_command()
    assert "đã gửi 0, cập nhật 1" in out
    assert portal.dossiers[CODE]["TrangThaiHoSo"] == "4"
    assert portal.calls(CREATE_PATH, CODE) == 2  # the second create was answered "đã tồn tại"
    assert portal.calls(UPDATE_PATH, CODE) == 1
    assert OutboxItem.objects.order_by("id").last().sent_via == SentVia.UPDATE


def test_running_twice_sends_nothing_new(portal):
    enqueue(make_snapshot(), make_step())
    first = dvcqg_sync()
    requests = len(portal.requests)
    second = dvcqg_sync()
    assert (first.sent, second.processed) == (2, 0)
    assert len(portal.requests) == requests
    assert "đã gửi 0, cập nhật 0, thử lại sau 0, thất bại 0" in run_command()


def test_a_step_of_a_dossier_the_portal_does_not_know_fails_at_once_with_the_portals_message(portal):
    (step,) = enqueue(make_step(code="000.00.15.H38-260302-0099"))
    out = run_command()
    step.refresh_from_db()
    assert step.status == OutboxStatus.FAILED
    assert step.attempts == 1
    assert "HTTP 404" in step.last_error and "không tồn tại" in step.last_error
    assert "thất bại 1" in out and "000.00.15.H38-260302-0099" in out


def test_a_payload_the_portal_rejects_fails_at_once_and_other_items_still_go(portal):
    bad, good = enqueue(make_snapshot(), make_snapshot(code="000.00.15.H38-260302-0002"))
    payload = dict(bad.payload, NgayTiepNhan="2026-03-02 08:30")  # as if the contract had drifted
    OutboxItem.objects.filter(pk=bad.pk).update(payload=payload)
    summary = dvcqg_sync()
    bad.refresh_from_db()
    good.refresh_from_db()
    assert (summary.sent, summary.failed) == (1, 1)
    assert bad.status == OutboxStatus.FAILED
    assert "HTTP 400" in bad.last_error and "NgayTiepNhan" in bad.last_error and "yyyyMMddHHmmss" in bad.last_error
    assert good.status == OutboxStatus.SENT


def test_a_503_is_retried_after_a_back_off_and_then_sent(portal):
    (item,) = enqueue(make_snapshot())
    portal.fail_next(1, status=503)
    before = timezone.now()
    out = run_command()
    item.refresh_from_db()
    assert "thử lại sau 1" in out
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 1)
    assert "HTTP 503" in item.last_error
    assert timedelta(seconds=59) <= item.next_attempt_at - before <= timedelta(seconds=61)
    assert dvcqg_sync().processed == 0  # not due yet: nothing is sent
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert dvcqg_sync().sent == 1
    item.refresh_from_db()
    assert (item.status, item.attempts, item.last_error) == (OutboxStatus.SENT, 2, "")
    assert CODE in portal.dossiers


def test_a_timeout_is_retried_and_the_upsert_absorbs_a_request_that_did_land(portal, settings):
    settings.DVCQG_TIMEOUT_SECONDS = 0.3
    (item,) = enqueue(make_snapshot())
    portal.stall_next(1, seconds=0.8)
    assert dvcqg_sync().retried == 1
    item.refresh_from_db()
    assert "timed out" in item.last_error.lower()
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        summary = dvcqg_sync()
    # The stalled create was carried out after the client gave up, so the retry meets "exists" and updates.
    assert summary.sent + summary.updated == 1
    item.refresh_from_db()
    assert item.status == OutboxStatus.SENT


def test_out_of_attempts_the_item_fails_with_the_last_error_and_back_off_doubles(portal):
    (item,) = enqueue(make_snapshot())
    portal.fail_next(10, status=502)
    delays = []
    now = timezone.now()
    for _ in range(3):
        with time_machine.travel(now):
            dvcqg_sync()
        item.refresh_from_db()
        if item.status == OutboxStatus.PENDING:
            delays.append(round((item.next_attempt_at - now).total_seconds()))
            now = item.next_attempt_at + timedelta(seconds=1)
    assert delays == [60, 120]
    assert item.status == OutboxStatus.FAILED
    assert item.attempts == 3
    assert "HTTP 502" in item.last_error and "after 3 attempts" in item.last_error


def test_a_dossier_waiting_for_a_retry_holds_back_its_own_steps_but_not_other_dossiers(portal):
    enqueue(make_snapshot(), make_step(), make_snapshot(code="000.00.15.H38-260302-0002"))
    portal.fail_next(1)
    summary = dvcqg_sync()
    assert (summary.retried, summary.sent) == (1, 1)
    assert portal.calls(HISTORY_PATH) == 0  # the step never went before its dossier
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert dvcqg_sync().sent == 2
    assert len(portal.history[CODE]) == 1


def test_limit_sends_at_most_n_items_in_order(portal):
    enqueue(*(make_snapshot(code=f"000.00.15.H38-260302-{n:04d}") for n in range(1, 6)))
    assert "đã gửi 2" in run_command("--limit", "2")
    assert sorted(portal.dossiers) == ["000.00.15.H38-260302-0001", "000.00.15.H38-260302-0002"]
    assert dvcqg_sync().sent == 3


def test_a_refused_token_stops_the_run_and_marks_nothing(portal, settings):
    settings.DVCQG_TOKEN = "sai-token"
    (item,) = enqueue(make_snapshot())
    with pytest.raises(CommandError) as caught:
        run_command()
    assert caught.value.returncode == 1
    assert "CQS_DVCQG_TOKEN" in str(caught.value) and "HTTP 401" in str(caught.value)
    item.refresh_from_db()
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 0)


def test_an_unreachable_portal_is_a_retry_not_a_failure(portal, settings):
    portal.stop()
    (item,) = enqueue(make_snapshot())
    assert dvcqg_sync().retried == 1
    item.refresh_from_db()
    assert item.status == OutboxStatus.PENDING and "Connection refused" in item.last_error


def test_retry_failed_requeues_the_latest_state_but_never_a_superseded_one(portal):
    old, step = enqueue(make_snapshot(status=2), make_step(code="000.00.15.H38-260302-0077"))
    portal.fail_next(1, status=400)
    dvcqg_sync()  # the dossier state is rejected once (say the portal had a bad day), the orphan step fails
    enqueue(make_snapshot(status=4))
    newest = OutboxItem.objects.order_by("id").last()
    portal.fail_next(1, status=400)
    dvcqg_sync()
    assert set(OutboxItem.objects.values_list("status", flat=True)) == {OutboxStatus.FAILED}
    out = run_command("--retry-failed")
    assert "2 mục thất bại được đưa lại vào hàng đợi." in out
    old.refresh_from_db()
    newest.refresh_from_db()
    assert old.status == OutboxStatus.FAILED  # superseded by status 4: sending it would go back in time
    assert (newest.status, newest.attempts) == (OutboxStatus.SENT, 1)
    assert portal.dossiers[CODE]["TrangThaiHoSo"] == "4"
    assert AuditEvent.objects.filter(action="dvcqg.requeue_failed", summary__items=2).exists()
