"""Deadlines through the working calendar: pauses, restarts, the single extension, step plans, early return."""

from __future__ import annotations

from datetime import datetime

import pytest

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.core.models import Notification
from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.workcal.calendar import VN_TZ

pytestmark = pytest.mark.django_db


def vn(*args) -> datetime:
    return datetime(*args, tzinfo=VN_TZ)


def local(dt: datetime) -> datetime:
    return dt.astimezone(VN_TZ)


@pytest.fixture
def processing(intake, clock, all_roles):
    dossier = intake(actor=all_roles)
    return dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)


def test_pause_rule_moves_the_due_time_by_the_working_time_waited(processing, clock, all_roles):
    Dossier.objects.filter(pk=processing.pk).update(supplement_rule="pause")
    clock.move_to(vn(2026, 3, 3, 9, 0))  # Tuesday: one working day used, two left
    dossier_act(actor=all_roles, code=processing.code, action="request_supplement", items=["Ảnh"], reason="Thiếu")
    clock.move_to(vn(2026, 3, 6, 9, 0))  # Friday: the citizen brings it three working days later
    after = dossier_act(actor=all_roles, code=processing.code, action="receive_supplement")
    assert after.state == "processing"
    assert local(after.due_at) == vn(2026, 3, 10, 9, 0)  # Thursday 09:00 + 3 working days = next Tuesday 09:00


def test_restart_rule_counts_the_whole_limit_again_from_the_supplement(processing, clock, all_roles):
    clock.move_to(vn(2026, 3, 3, 9, 0))
    dossier_act(actor=all_roles, code=processing.code, action="request_supplement", items=["Ảnh"], reason="Thiếu")
    clock.move_to(vn(2026, 3, 6, 14, 0))
    after = dossier_act(actor=all_roles, code=processing.code, action="receive_supplement")
    assert local(after.due_at) == vn(2026, 3, 11, 14, 0)  # 3 working days from Friday 14:00
    event = after.events.last()
    assert event.data["restarted"] is True and event.data["old_due"].startswith("2026-03-05T09:00")


def test_a_pause_across_tet_does_not_count_the_holiday(intake, clock, all_roles):
    clock.move_to(vn(2026, 2, 12, 9, 0))  # Thursday before Tết 2026 (16–20 February)
    dossier = intake(actor=all_roles)
    Dossier.objects.filter(pk=dossier.pk).update(supplement_rule="pause")
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    clock.move_to(vn(2026, 2, 13, 9, 0))
    dossier_act(actor=all_roles, code=dossier.code, action="request_payment", amount_vnd=8000, content="Lệ phí")
    clock.move_to(vn(2026, 2, 23, 9, 0))  # back after Tết: one working day (13 Feb) paused
    after = dossier_act(actor=all_roles, code=dossier.code, action="confirm_payment")
    assert local(after.due_at) == vn(2026, 2, 25, 9, 0)  # was 17 Feb 09:00 → Tết → 24 Feb; +1 working day


def test_extension_once_and_at_least_one_working_day_before_due(processing, clock, all_roles):
    after = dossier_act(
        actor=all_roles, code=processing.code, action="extend", reason="Cần xác minh", new_due="2026-03-10T16:00"
    )
    assert local(after.due_at) == vn(2026, 3, 10, 16, 0)
    assert local(after.original_due_at) == vn(2026, 3, 5, 9, 0)
    with pytest.raises(TransitionNotAllowed) as caught:
        dossier_act(actor=all_roles, code=processing.code, action="extend", reason="Lần hai", new_due="2026-03-12")
    assert caught.value.code == "extension_already_extended"
    assert "một lần" in str(caught.value.message)


def test_an_extension_asked_less_than_a_working_day_before_due_is_refused(processing, clock, all_roles):
    clock.move_to(vn(2026, 3, 4, 10, 0))  # due Thursday 09:00: under 8 working hours left
    with pytest.raises(TransitionNotAllowed) as caught:
        dossier_act(actor=all_roles, code=processing.code, action="extend", reason="Muộn", new_due="2026-03-12T09:00")
    assert caught.value.code == "extension_too_late"
    assert Dossier.objects.get(pk=processing.pk).original_due_at is None


def test_a_malformed_new_due_time_is_a_field_error(processing, clock, all_roles):
    with pytest.raises(ValidationFailed) as caught:
        dossier_act(actor=all_roles, code=processing.code, action="extend", reason="x", new_due="thứ Hai")
    assert "new_due" in caught.value.fields


def test_step_plan_follows_the_procedure_budgets_and_history_records_step_deadlines(processing):
    plan = processing.step_plan
    assert [s["role"] for s in plan] == ["one_stop_officer", "specialist", "unit_leader", "clerk", "one_stop_officer"]
    dues = [datetime.fromisoformat(s["due_at"]) for s in plan]
    assert dues == sorted(dues) and dues[-1] <= processing.due_at
    assign = processing.events.get(action="assign")
    assert assign.step_name == plan[1]["name"] and assign.step_due_at == dues[1]


def test_early_return_queues_the_result_ready_e_mail(processing, clock, all_roles):
    code = processing.code
    dossier_act(actor=all_roles, code=code, action="decide", content="Cấp giấy xác nhận")
    after = dossier_act(actor=all_roles, code=code, action="return_result")
    assert after.events.last().data == {"early": True, "notified": ["email"]}
    # The early-result message replaces the plain status message of this transition: one e-mail, not two.
    last = Notification.objects.filter(reference=code).order_by("-id")
    assert [(n.template, n.recipient) for n in last[:2]] == [
        ("dossier_result_ready", "an.nguyen@example.vn"),
        ("dossier_status", "an.nguyen@example.vn"),
    ]
    assert code in last[0].subject and "sớm hơn lịch hẹn" in last[0].body
    assert "Đã giải quyết, chờ trả kết quả" in last[1].body


def test_stale_form_is_refused_with_409(processing, all_roles):
    with pytest.raises(TransitionNotAllowed) as caught:
        dossier_act(actor=all_roles, code=processing.code, action="decide", content="x", expected_version=1)
    assert caught.value.code == "stale_version"
    assert "decide" in caught.value.allowed
