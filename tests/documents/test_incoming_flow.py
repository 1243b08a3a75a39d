"""Registering paper, assigning with workcal deadlines, the processing slip data, reminders and 'done'."""

from datetime import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.documents.models import (
    DocumentNotice,
    DocumentReminder,
    FileKind,
    IncomingStatus,
    Medium,
)
from chinhquyenso.documents.reminders import reminders_due, reminders_send
from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.services.incoming import (
    UnitAssignment,
    incoming_assign,
    incoming_complete,
    incoming_propose,
)
from chinhquyenso.workcal.selectors import deadline_compute
from tests.documents.flows import paper_incoming

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db
SCAN = FileUpload("scan.pdf", "application/pdf", b"%PDF-1.4 scan")


def test_a_paper_document_is_registered_with_its_scan(staff, tho_xuan, types):
    result = paper_incoming(staff, tho_xuan, types, scan=SCAN, page_amount=3)
    document = result.document
    assert (document.status, document.medium, document.arrival_number) == (IncomingStatus.RECEIVED, Medium.PAPER, 1)
    assert document.files.get().kind == FileKind.SCAN
    assert document.events.get().action == "register_paper"


def test_the_leader_assigns_lead_and_cooperating_units_with_working_day_deadlines(staff, tho_xuan, types):
    document = paper_incoming(staff, tho_xuan, types).document
    monday = datetime(2026, 3, 2, 9, 0, tzinfo=VN)
    with time_machine.travel(monday, tick=False):
        incoming_assign(
            actor=staff["leader"],
            document=document,
            lead=UnitAssignment("Phòng Kinh tế", 5, handler_id=staff["specialist"].pk),
            cooperating=[UnitAssignment("Văn phòng HĐND và UBND", 3)],
            instruction="Phòng Kinh tế chủ trì tham mưu báo cáo",
        )
    lead = document.assignments.get(role="lead")
    cooperating = document.assignments.get(role="cooperating")
    expected = deadline_compute(agency_id=tho_xuan.pk, received=monday, limit=5, unit="working-days")
    assert lead.due_at == expected.due_at and lead.calendar_version == expected.calendar_version
    assert lead.handler == staff["specialist"]
    assert cooperating.unit_name == "Văn phòng HĐND và UBND"
    assert timezone_local(lead.due_at).isoformat() == "2026-03-09T09:00:00+07:00"  # Mon 09:00 + 5 working days
    assert timezone_local(cooperating.due_at).isoformat() == "2026-03-05T09:00:00+07:00"
    document.refresh_from_db()
    assert document.status == IncomingStatus.ASSIGNED
    assert document.leader_instruction == "Phòng Kinh tế chủ trì tham mưu báo cáo"

    incoming_propose(actor=staff["specialist"], document=document, proposal="Dự thảo báo cáo gửi Sở Tài chính")
    incoming_complete(actor=staff["specialist"], document=document, result="Đã gửi báo cáo số 15/BC-UBND")
    document.refresh_from_db()
    assert document.status == IncomingStatus.DONE
    assert not document.assignments.filter(done_at__isnull=True).exists()


def timezone_local(value):
    return value.astimezone(VN)


def test_assignment_limits_are_checked(staff, tho_xuan, types):
    document = paper_incoming(staff, tho_xuan, types).document
    with pytest.raises(ValidationFailed) as raised:
        incoming_assign(
            actor=staff["leader"],
            document=document,
            lead=UnitAssignment("", 0),
            cooperating=[UnitAssignment("Phòng Văn hóa", 3, handler_id=staff["clerk_ls"].pk)],
        )
    assert set(raised.value.fields) == {"lead.unit_name", "lead.limit_working_days"}
    with pytest.raises(ValidationFailed) as raised:
        incoming_assign(
            actor=staff["leader"],
            document=document,
            lead=UnitAssignment("Văn phòng", 3, handler_id=staff["clerk_ls"].pk),  # staff of another agency
        )
    assert set(raised.value.fields) == {"lead.handler_id"}
    assert not document.assignments.exists()


def test_reminders_before_and_after_the_deadline_are_sent_once_a_day(staff, tho_xuan, types):
    document = paper_incoming(staff, tho_xuan, types).document
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        incoming_assign(actor=staff["leader"], document=document, lead=UnitAssignment("Văn phòng", 2))
    # Due Wednesday 4 March 09:00. Tuesday morning it is within one working day; Thursday it is late.
    tuesday = datetime(2026, 3, 3, 10, 0, tzinfo=VN)
    assert [r.kind for r in reminders_due(at=datetime(2026, 3, 2, 9, 30, tzinfo=VN))] == []
    assert [r.kind for r in reminders_due(at=tuesday)] == ["before"]
    assert [r.kind for r in reminders_send(at=tuesday)] == ["before"]
    assert reminders_send(at=tuesday) == []  # already sent today
    thursday = datetime(2026, 3, 5, 8, 0, tzinfo=VN)
    out = StringIO()
    call_command("documents", "remind", "--send", "--at", thursday.isoformat(), stdout=out)
    assert "Đã gửi 1 nhắc việc." in out.getvalue()
    assert "QUÁ HẠN" in out.getvalue()
    assert DocumentReminder.objects.count() == 2
    assert DocumentNotice.objects.filter(agency=tho_xuan, kind="reminder_after").count() == 1
    incoming_complete(actor=staff["leader"], document=document, result="Xong")
    assert reminders_due(at=thursday) == []


def test_the_remind_command_lists_without_sending(staff, tho_xuan, types):
    document = paper_incoming(staff, tho_xuan, types).document
    with time_machine.travel(datetime(2026, 3, 2, 9, 0, tzinfo=VN), tick=False):
        incoming_assign(actor=staff["leader"], document=document, lead=UnitAssignment("Văn phòng", 1))
    out = StringIO()
    call_command("documents", "remind", "--at", "2026-03-10T08:00:00+07:00", stdout=out)
    assert "1 nhắc việc đến hạn gửi." in out.getvalue()
    assert "Văn phòng" in out.getvalue()
    assert DocumentReminder.objects.count() == 0
