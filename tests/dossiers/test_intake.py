"""Intake at the counter: receive (Form 01), supplement (Form 02) or refuse (Form 03), with a code and a due time."""

from __future__ import annotations

from datetime import datetime

import pytest

from chinhquyenso.core.errors import NotFound, PermissionDenied, ValidationFailed
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.workcal.calendar import VN_TZ
from tests.dossiers.conftest import COMMUNE, OTHER_COMMUNE

pytestmark = pytest.mark.django_db


def test_a_complete_counter_dossier_is_received_with_code_due_time_and_checklist(intake, clock):
    dossier = intake()
    assert dossier.code == f"{COMMUNE}-260302-0001"
    assert dossier.state == "received"
    # 3 working days from Monday 09:00 is Thursday 09:00.
    assert dossier.due_at.astimezone(VN_TZ) == datetime(2026, 3, 5, 9, 0, tzinfo=VN_TZ)
    assert dossier.calendar_version.startswith("n")
    assert [c.provided for c in dossier.components.all()] == [True, False, False, False]
    assert [e.action for e in dossier.events.all()] == ["submit", "receive"]
    # Received before 15:00: the paper file goes to the resolving unit by the end of the day.
    assert dossier.transfer_due_at.astimezone(VN_TZ) == datetime(2026, 3, 2, 17, 30, tzinfo=VN_TZ)


def test_codes_run_per_agency_and_restart_each_day(intake, clock, catalog):
    first, second = intake(), intake()
    assert (first.code[-4:], second.code[-4:]) == ("0001", "0002")
    clock.shift(24 * 3600)
    assert intake().code == f"{COMMUNE}-260303-0001"


def test_received_at_or_after_15_the_file_moves_at_the_start_of_the_next_working_day(intake, clock):
    clock.move_to(datetime(2026, 3, 6, 15, 0, tzinfo=VN_TZ))  # a Friday
    dossier = intake()
    assert dossier.transfer_due_at.astimezone(VN_TZ) == datetime(2026, 3, 9, 7, 30, tzinfo=VN_TZ)


def test_a_missing_required_component_cannot_be_received(intake, clock):
    with pytest.raises(ValidationFailed) as caught:
        intake(provided=[])
    assert caught.value.fields["provided"] == [
        "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu (hoặc biểu mẫu điện tử tương tác)"
    ]
    assert not Dossier.objects.exists()


def test_supplement_at_intake_lists_every_missing_item_once(intake, clock):
    dossier = intake(provided=[], outcome="supplement", reason="Thiếu tờ khai", extra_items=["Ảnh 4x6"])
    assert dossier.state == "waiting_supplement"
    event = dossier.events.get(action="request_supplement")
    assert len(event.data["items"]) == 2 and event.data["items"][-1] == "Ảnh 4x6"
    assert dossier.due_at is None  # no promise before the dossier is complete


def test_refusal_needs_a_reason_and_closes_the_dossier(intake, clock):
    with pytest.raises(ValidationFailed) as caught:
        intake(outcome="refuse")
    assert "reason" in caught.value.fields
    dossier = intake(outcome="refuse", reason="Không thuộc thẩm quyền của UBND xã")
    assert dossier.state == "refused" and dossier.closed_at is not None


def test_bad_applicant_details_are_reported_field_by_field(intake, clock):
    bad = Applicant(submitter_name=" ", submitter_id_number="12AB", submitter_phone="12345", submitter_email="x@")
    with pytest.raises(ValidationFailed) as caught:
        intake(applicant=bad)
    assert set(caught.value.fields) >= {"submitter_name", "submitter_id_number", "submitter_phone", "submitter_email"}
    assert not Dossier.objects.exists()


def test_an_unknown_procedure_is_a_clear_404(intake, clock):
    with pytest.raises(NotFound):
        intake(procedure_code="9.999999")


def test_an_officer_cannot_receive_for_another_commune(intake, clock, catalog):
    with pytest.raises(NotFound):
        intake(agency_id=catalog[OTHER_COMMUNE].pk)


def test_a_specialist_cannot_take_counter_intake(intake, clock, specialist):
    with pytest.raises(PermissionDenied):
        intake(actor=specialist)


def test_online_dossiers_arrive_as_submitted_and_are_received_later(intake, clock):
    dossier = intake(channel="online", outcome="submit")
    assert dossier.state == "submitted" and dossier.due_at is None and dossier.transfer_due_at is None
