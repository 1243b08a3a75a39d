"""The outgoing flow from draft to dispatch, delivery on the platform, tracking per recipient."""

import pytest

from chinhquyenso.core.errors import PermissionDenied, ValidationFailed
from chinhquyenso.documents import exchange
from chinhquyenso.documents.models import (
    ApprovalChannel,
    FileKind,
    IncomingStatus,
    OutgoingStatus,
    RecipientChannel,
    RecipientStatus,
)
from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.services.incoming import (
    UnitAssignment,
    incoming_assign,
    incoming_complete,
    incoming_receive,
    incoming_return,
)
from chinhquyenso.documents.services.outgoing import (
    RecipientIn,
    outgoing_approve,
    outgoing_attach,
    outgoing_mark_signed,
    outgoing_return,
    outgoing_submit,
    outgoing_update,
)
from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_number
from tests.documents.flows import PDF, draft, numbered, signed

pytestmark = pytest.mark.django_db


def test_a_draft_goes_through_review_approval_signature_number_and_dispatch(staff, tho_xuan, lam_son, types):
    document = draft(
        staff,
        tho_xuan,
        types,
        recipients=[
            RecipientIn(agency_id=lam_son.pk),
            RecipientIn(organ_id="000.00.15.H56", organ_name="ignored: taken from the platform"),
            RecipientIn(organ_id="H99.01", organ_name="Bộ Nội vụ"),
            RecipientIn(organ_name="Lưu: VT"),
        ],
        attachments=[FileUpload("phu-luc.docx", "application/msword", b"phu luc")],
    )
    assert [f.kind for f in document.files.all()] == [FileKind.DRAFT, FileKind.ATTACHMENT]
    channels = [r.channel for r in document.recipients.all()]
    assert channels == [
        RecipientChannel.PLATFORM,
        RecipientChannel.PLATFORM,
        RecipientChannel.EXCHANGE,
        RecipientChannel.PAPER,
    ]
    outgoing_submit(actor=staff["specialist"], document=document)
    outgoing_return(actor=staff["leader"], document=document, note="Sửa lại căn cứ pháp lý")
    outgoing_update(actor=staff["specialist"], document=document, subject="Về việc kiện toàn Tổ công tác (sửa)")
    outgoing_attach(actor=staff["specialist"], document=document, upload=PDF, kind=FileKind.DRAFT)
    outgoing_submit(actor=staff["specialist"], document=document)
    outgoing_approve(actor=staff["leader"], document=document)
    outgoing_mark_signed(
        actor=staff["leader"],
        document=document,
        signed_file=FileUpload("qd-ky-so.pdf", "application/pdf", b"%PDF-1.7 signed"),
        signature_report={"valid": True, "signer": "Trịnh Đình Thắng"},
    )
    outgoing_number(actor=staff["clerk"], document=document)
    outgoing_dispatch(actor=staff["clerk"], document=document)

    document.refresh_from_db()
    assert document.status == OutgoingStatus.DISPATCHED
    assert document.approval_channel == ApprovalChannel.SYSTEM
    assert list(document.files.filter(kind=FileKind.DRAFT).values_list("version", flat=True)) == [1, 2]
    signed_file = document.files.get(kind=FileKind.SIGNED)
    assert signed_file.signature_report == {"valid": True, "signer": "Trịnh Đình Thắng"}
    statuses = {r.organ_name: r.status for r in document.recipients.all()}
    assert statuses["Ủy ban nhân dân xã Lam Sơn"] == RecipientStatus.DELIVERED
    assert statuses["Sở Tư pháp tỉnh Thanh Hóa"] == RecipientStatus.DELIVERED
    assert statuses["Bộ Nội vụ"] == RecipientStatus.PENDING  # no exchange adapter in this test
    assert statuses["Lưu: VT"] == RecipientStatus.DELIVERED
    trail = list(document.events.values_list("action", flat=True))
    assert trail == [
        *("create", "submit", "return", "edit", "attach", "submit"),
        *("approve", "sign", "signed_file", "number", "dispatch"),
    ]

    # Lâm Sơn got it directly, with the signed file and the attachment, waiting for its clerk.
    arrived = document.recipients.get(agency=lam_son).incoming
    assert arrived.status == IncomingStatus.PENDING
    assert arrived.number_notation == document.number_notation
    assert arrived.organ_name == "Ủy ban nhân dân xã Thọ Xuân"
    assert sorted(f.name for f in arrived.files.all()) == ["phu-luc.docx", "qd-ky-so.pdf"]


def test_the_sender_sees_each_step_at_the_recipient(staff, tho_xuan, lam_son, types):
    document = numbered(staff, tho_xuan, types, recipients=[RecipientIn(agency_id=lam_son.pk)]).document
    outgoing_dispatch(actor=staff["clerk"], document=document)
    recipient = document.recipients.get()
    arrived = recipient.incoming

    def seen():
        recipient.refresh_from_db()
        return recipient.status

    incoming_receive(actor=staff["clerk_ls"], document=arrived)
    assert seen() == RecipientStatus.RECEIVED
    incoming_assign(
        actor=staff["leader_ls"], document=arrived, lead=UnitAssignment("Văn phòng", 3), instruction="Xử lý"
    )
    assert seen() == RecipientStatus.ASSIGNED
    incoming_complete(actor=staff["specialist_ls"], document=arrived, result="Đã tham mưu văn bản trả lời")
    assert seen() == RecipientStatus.DONE


def test_a_misaddressed_document_is_returned_to_the_sender(staff, tho_xuan, lam_son, types):
    document = numbered(staff, tho_xuan, types, recipients=[RecipientIn(agency_id=lam_son.pk)]).document
    outgoing_dispatch(actor=staff["clerk"], document=document)
    arrived = document.recipients.get().incoming
    incoming_return(actor=staff["clerk_ls"], document=arrived, reason="Gửi nhầm cơ quan")
    recipient = document.recipients.get()
    assert (recipient.status, recipient.status_note) == (RecipientStatus.RETURNED, "Gửi nhầm cơ quan")
    arrived.refresh_from_db()
    assert arrived.arrival_number is None  # never registered: no duty to act


class RecordingExchange:
    """An adapter that queues, as the edXML outbox would, and records what it was handed."""

    name = "recording"

    def __init__(self):
        self.sent, self.recalled = [], []

    def send(self, package, recipient):
        self.sent.append((package, recipient.organ_id))
        return exchange.Delivery(RecipientStatus.QUEUED, reference=f"outbox-{len(self.sent)}")

    def recall(self, package, recipient, reason):
        self.recalled.append((package.document_identifier, reason))
        return exchange.Delivery(RecipientStatus.QUEUED, reference=recipient.reference)


def test_bodies_off_the_platform_go_to_the_exchange_adapter(staff, tho_xuan, types):
    adapter = RecordingExchange()
    exchange.register_exchange_adapter(adapter)
    try:
        document = numbered(
            staff, tho_xuan, types, recipients=[RecipientIn(organ_id="G01.001", organ_name="Văn phòng Chính phủ")]
        ).document
        outgoing_dispatch(actor=staff["clerk"], document=document)
    finally:
        exchange.register_exchange_adapter(None)
    ((package, organ_id),) = adapter.sent
    assert organ_id == "G01.001"
    assert (package.number, package.notation, package.type_code) == ("01", "QĐ-UBND", "quyet-dinh")
    assert package.document_identifier == document.document_identifier
    assert package.files[0].content.startswith(b"%PDF")
    recipient = document.recipients.get()
    assert (recipient.status, recipient.reference) == (RecipientStatus.QUEUED, "outbox-1")


def test_approval_recorded_from_paper_is_marked_as_such(staff, tho_xuan, types):
    document = draft(staff, tho_xuan, types)
    outgoing_submit(actor=staff["specialist"], document=document)
    outgoing_approve(actor=staff["leader"], document=document, on_paper=True)
    document.refresh_from_db()
    assert document.approval_channel == ApprovalChannel.PAPER


def test_only_the_agencys_leader_approves(staff, tho_xuan, types):
    document = draft(staff, tho_xuan, types)
    outgoing_submit(actor=staff["specialist"], document=document)
    with pytest.raises(PermissionDenied):
        outgoing_approve(actor=staff["specialist"], document=document)
    with pytest.raises(PermissionDenied):
        outgoing_approve(actor=staff["leader_ls"], document=document)  # a leader of another agency


def test_dispatch_needs_a_recipient(staff, tho_xuan, types):
    document = signed(staff, tho_xuan, types)
    outgoing_number(actor=staff["clerk"], document=document)
    document.recipients.all().delete()
    with pytest.raises(ValidationFailed):
        outgoing_dispatch(actor=staff["clerk"], document=document)
    document.refresh_from_db()
    assert document.status == OutgoingStatus.NUMBERED
