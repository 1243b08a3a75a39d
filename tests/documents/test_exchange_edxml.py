"""Outgoing documents to bodies off the platform go as edXML through the (fake) axis, and back.

The platform's axis connection serves both communes here, so one database plays sender and recipient: Thọ Xuân's
recipient row for Lâm Sơn is switched to the exchange channel, "as if Lâm Sơn used another system".
"""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from chinhquyenso.documents import exchange
from chinhquyenso.documents.models import (
    FileKind,
    IncomingDocument,
    IncomingStatus,
    OutgoingStatus,
    ReceivedVia,
    RecipientChannel,
    RecipientStatus,
)
from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.services.incoming import (
    SignatureInvalid,
    UnitAssignment,
    incoming_assign,
    incoming_receive,
    incoming_return,
)
from chinhquyenso.documents.services.outgoing import RecipientIn
from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_recall
from chinhquyenso.edxml.adapter import EdxmlExchange
from chinhquyenso.edxml.fake_axis import FakeAxis
from chinhquyenso.edxml.models import Direction, ExchangeItem, ItemStatus, PackageKind
from chinhquyenso.edxml.package import EdxmlDocument, EdxmlStatus, read_package, write_package, write_status
from tests.documents.signed_flows import TRUSTED, VALID, pdfsig, sealed, to

pytestmark = pytest.mark.django_db

THO_XUAN, LAM_SON, OUTSIDE = "000.01.27.H56", "000.02.27.H56", "000.00.05.H56"
ORGANS = {THO_XUAN: "UBND xã Thọ Xuân", LAM_SON: "UBND xã Lam Sơn", OUTSIDE: "Sở Nội vụ tỉnh Thanh Hóa"}


@pytest.fixture
def axis(settings):
    systems = {"cqs-thanhhoa": ("s3cret", (THO_XUAN, LAM_SON)), "snv": ("snv-key", OUTSIDE)}
    with FakeAxis(systems=systems, organs=ORGANS) as running:
        settings.EDXML_AXIS_URL = running.url
        settings.EDXML_AXIS_SYSTEM_ID = "cqs-thanhhoa"
        settings.EDXML_AXIS_SECRET = "s3cret"
        settings.EDXML_OWN_ORGAN_ID = THO_XUAN
        settings.EDXML_RETRY_SECONDS = 60
        exchange.register_exchange_adapter(EdxmlExchange())
        try:
            yield running
        finally:
            exchange.register_exchange_adapter(None)


def run(*args) -> str:
    out = StringIO()
    call_command("edxml", *args, stdout=out)
    return out.getvalue()


def off_platform(document) -> None:
    document.recipients.update(agency=None, channel=RecipientChannel.EXCHANGE)


def test_a_signed_document_goes_out_through_the_axis_and_its_statuses_come_back(
    signers, tho_xuan, lam_son, types, axis, documents_nss, tmp_path
):
    staff = signers
    document = sealed(staff, tho_xuan, types, recipients=to(lam_son))
    off_platform(document)
    outgoing_dispatch(actor=staff["clerk"], document=document)
    recipient = document.recipients.get()
    assert recipient.status == RecipientStatus.QUEUED and recipient.reference.startswith("edxml-")
    [item] = ExchangeItem.objects.filter(direction=Direction.OUT)
    assert (item.to_organ_id, item.status) == (LAM_SON, ItemStatus.PENDING)
    sent = read_package(bytes(item.package))
    assert (sent.code_number, sent.code_notation, sent.document_id) == (
        document.number,
        document.notation,
        document.document_identifier,
    )

    # `edxml send`: delivered; the axis answers "01 arrived", which reaches the tracking row.
    assert run("send").startswith("sent 1, retrying 0, failed 0, status packages received 1")
    recipient.refresh_from_db()
    assert recipient.status == RecipientStatus.DELIVERED

    # `edxml receive` on the recipient's side: a pending incoming document, its signatures checked on arrival.
    assert "applied: 1 incoming document(s)" in run("receive")
    arrived = IncomingDocument.objects.get(agency=lam_son)
    assert (arrived.status, arrived.received_via) == (IncomingStatus.PENDING, ReceivedVia.EXCHANGE)
    assert (arrived.number_notation, arrived.document_identifier) == (
        document.number_notation,
        document.document_identifier,
    )
    main = arrived.files.get(name="bao-cao.pdf")
    assert main.kind == FileKind.RECEIVED and main.signature_report["valid"]
    assert len(main.signature_report["signatures"]) == 2
    blocks = pdfsig(bytes(main.content), tmp_path, documents_nss)
    assert len(blocks) == 2 and all(VALID in b and TRUSTED in b for b in blocks)
    assert run("receive").startswith("received 0")  # nothing arrives twice
    assert IncomingDocument.objects.filter(agency=lam_son).count() == 1

    # The recipient's clerk and leader act; each step goes back as a status package (03, then 04).
    assert incoming_receive(actor=staff["clerk_ls"], document=arrived).warnings == []
    incoming_assign(actor=staff["leader_ls"], document=arrived, lead=UnitAssignment("Văn phòng", 3))
    codes = list(
        ExchangeItem.objects.filter(direction=Direction.OUT, kind=PackageKind.STATUS).values_list(
            "status_code", "to_organ_id"
        )
    )
    assert codes == [("03", THO_XUAN), ("04", THO_XUAN)]
    run("send")
    assert "2 status update(s)" in run("receive")
    recipient.refresh_from_db()
    assert recipient.status == RecipientStatus.ASSIGNED
    trail = document.events.filter(action="recipient_status").values_list("data", flat=True)
    assert [d["status"] for d in trail] == ["delivered", "received", "assigned"]

    # A late "01 arrived" does not move the tracking back.
    late = EdxmlStatus(
        from_organ_id=LAM_SON,
        from_organ_name="UBND xã Lam Sơn",
        response_for_organ_id=THO_XUAN,
        response_for_code_number=document.number,
        response_for_code_notation=document.notation,
        response_for_promulgation_date=document.issued_date,
        response_for_document_id=document.document_identifier,
        status_code="01",
        timestamp=sent_time(),
    )
    axis.deliver(THO_XUAN, write_status(late))
    run("receive")
    recipient.refresh_from_db()
    assert recipient.status == RecipientStatus.ASSIGNED

    # Recall: status 13 to the recipient, whose copy is recalled and who answers 15.
    outgoing_recall(actor=staff["clerk"], document=document, reason="Ban hành nhầm số liệu")
    recipient.refresh_from_db()
    assert recipient.status == RecipientStatus.RECALLED
    run("send")
    run("receive")
    arrived.refresh_from_db()
    assert arrived.status == IncomingStatus.RECALLED and not arrived.files.exists()
    assert ExchangeItem.objects.filter(direction=Direction.OUT, status_code="15", to_organ_id=THO_XUAN).exists()
    document.refresh_from_db()
    assert document.status == OutgoingStatus.RECALLED


def sent_time():
    from chinhquyenso.edxml.adapter import local_now

    return local_now()


def test_a_tampered_package_from_another_system_is_refused_and_returned(signers, lam_son, types, axis, tmp_path):
    from chinhquyenso.edxml.axis import AxisClient
    from chinhquyenso.edxml.package import Attachment
    from tests.documents.signed_flows import letter_pdf

    staff = signers
    # Sở Nội vụ (another system on the axis) sends Lâm Sơn a PDF whose signature we break on the way.
    from chinhquyenso.signing.credentials import agency_identity
    from chinhquyenso.signing.pdf_sign import SignatureKind, sign_pdf

    signed = sign_pdf(
        letter_pdf(), signer=agency_identity(THO_XUAN), kind=SignatureKind.COPY, copy_type="SAO Y", check_signer=True
    )
    broken = bytearray(signed)
    at = broken.index(b">>\nstream\n", 1000) + 20
    broken[at] ^= 0x01
    package = EdxmlDocument(
        from_organ_id=OUTSIDE,
        from_organ_name="Sở Nội vụ tỉnh Thanh Hóa",
        to_organ_ids=(LAM_SON,),
        code_number="45",
        code_notation="SNV-CCVC",
        promulgation_place="Thanh Hóa",
        promulgation_date=sent_time().date(),
        document_type=18,
        document_type_name="Công văn",
        subject="Về việc rà soát vị trí việc làm năm 2026",
        signer_full_name="Nguyễn Văn An",
        signer_position="Giám đốc",
        document_id=f"{OUTSIDE},{sent_time():%Y/%m/%d},45/SNV-CCVC",
        attachments=(Attachment("cong-van-45.pdf", bytes(broken), "application/pdf"),),
    )
    AxisClient(axis.url, "snv", "snv-key").send(write_package(package), to_organ_id=LAM_SON)
    run("receive")
    arrived = IncomingDocument.objects.get(agency=lam_son, received_via=ReceivedVia.EXCHANGE)
    assert arrived.document_type.code == "cong-van" and arrived.organ_id == OUTSIDE
    report = arrived.files.get().signature_report
    assert report["signed"] and not report["valid"]
    assert arrived.events.get(action="signature_check").data["valid"] is False

    with pytest.raises(SignatureInvalid):
        incoming_receive(actor=staff["clerk_ls"], document=arrived)
    incoming_return(actor=staff["clerk_ls"], document=arrived, reason="Chữ ký số không hợp lệ")
    [back] = ExchangeItem.objects.filter(direction=Direction.OUT, kind=PackageKind.STATUS)
    assert (back.status_code, back.to_organ_id) == ("02", OUTSIDE)
    assert run("send").startswith("sent 1")
    [returned] = [m for m in axis.mailbox(OUTSIDE)]
    status = read_package(returned.package)
    assert (status.status_code, status.description) == ("02", "Chữ ký số không hợp lệ")


def test_bad_or_secret_recipients_do_not_block_the_dispatch(signers, tho_xuan, types, axis):
    staff = signers
    recipients = [
        RecipientIn(organ_id="H99.01", organ_name="Cơ quan có mã sai"),
        RecipientIn(organ_id=OUTSIDE, organ_name="Sở Nội vụ tỉnh Thanh Hóa"),
    ]
    document = sealed(staff, tho_xuan, types, recipients=recipients)
    outgoing_dispatch(actor=staff["clerk"], document=document)
    rows = {r.organ_id: r for r in document.recipients.all()}
    assert rows["H99.01"].status == RecipientStatus.FAILED and "định danh" in rows["H99.01"].status_note
    assert rows[OUTSIDE].status == RecipientStatus.QUEUED

    secret = sealed(staff, tho_xuan, types, recipients=[RecipientIn(organ_id=OUTSIDE, organ_name="Sở Nội vụ")])
    secret.secrecy = 1
    secret.save(update_fields=["secrecy"])
    outgoing_dispatch(actor=staff["clerk"], document=secret)
    assert secret.recipients.get().status == RecipientStatus.FAILED
    assert ExchangeItem.objects.filter(direction=Direction.OUT).count() == 1


def test_edxml_write_document_writes_the_package_of_an_outgoing_document(signers, tho_xuan, types, tmp_path, capsys):
    staff = signers
    document = sealed(
        staff,
        tho_xuan,
        types,
        recipients=[RecipientIn(organ_id=OUTSIDE, organ_name="Sở Nội vụ tỉnh Thanh Hóa")],
        attachments=[FileUpload("so-lieu.xlsx", "application/vnd.ms-excel", b"xlsx")],
    )
    out = tmp_path / "goi-tin.xml"
    assert run("write", "--document", str(document.pk), "--out", str(out)).strip() == f"wrote {out}"
    call_command("edxml", "read", str(out))  # prints on the process's stdout
    summary = json.loads(capsys.readouterr().out)
    assert summary["kind"] == "document"
    assert (summary["from_organ_id"], summary["to_organ_ids"]) == (THO_XUAN, [OUTSIDE])
    assert (summary["code_number"], summary["code_notation"]) == (document.number, document.notation)
    assert summary["promulgation_date"] == document.issued_date.isoformat()
    assert summary["document_id"] == document.document_identifier
    assert summary["signer_full_name"] == "Trịnh Đình Thắng"
    assert summary["attachment_names"] == ["bao-cao.pdf", "so-lieu.xlsx"]
    parsed = read_package(out.read_bytes())
    assert parsed.attachments[0].content == bytes(document.files.filter(kind=FileKind.SIGNED).last().content)

    with pytest.raises(CommandError) as missing:
        call_command("edxml", "write", "--document", "999999", "--out", str(out))
    assert missing.value.returncode == 2

    from tests.documents.signed_flows import approved

    draft = approved(staff, tho_xuan, types, recipients=[RecipientIn(organ_id=OUTSIDE, organ_name="Sở Nội vụ")])
    with pytest.raises(CommandError) as unnumbered:
        call_command("edxml", "write", "--document", str(draft.pk), "--out", str(out))
    assert unnumbered.value.returncode == 2 and "cấp số" in str(unnumbered.value)
