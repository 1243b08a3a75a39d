"""The leader signs and the clerk seals in the outgoing flow; the recipient checks the signatures on arrival.

Every signature is checked twice: by the platform's verifier and by poppler's ``pdfsig`` (an independent one).
"""

import io

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from chinhquyenso.core.errors import PermissionDenied, ValidationFailed
from chinhquyenso.documents.models import FileKind, IncomingStatus, OutgoingStatus, RecipientStatus
from chinhquyenso.documents.selectors import allowed_actions
from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.services.incoming import SignatureInvalid, incoming_receive, incoming_return
from chinhquyenso.documents.services.outgoing_release import SealMissing, outgoing_dispatch, outgoing_number
from chinhquyenso.documents.services.signatures import SealNotNeeded, outgoing_seal, outgoing_sign
from chinhquyenso.documents.workflow import TransitionNotAllowed
from chinhquyenso.signing.errors import SigningError
from chinhquyenso.signing.locate import signature_box_between
from chinhquyenso.signing.pdf_sign import signature_fields
from chinhquyenso.signing.placement import seal_box
from tests.documents.signed_flows import TRUSTED, VALID, appendix_pdf, approved, pdfsig, sealed, to

pytestmark = pytest.mark.django_db


def newest(document, kind):
    return document.files.filter(kind=kind).order_by("id").last()


def test_the_leader_signs_the_clerk_numbers_and_seals_and_pdfsig_agrees(
    signers, tho_xuan, lam_son, types, documents_nss, tmp_path
):
    staff = signers
    attachments = [
        FileUpload("phu-luc.pdf", "application/pdf", appendix_pdf()),
        FileUpload("so-lieu.xlsx", "application/vnd.ms-excel", b"not a pdf"),
    ]
    document = approved(staff, tho_xuan, types, recipients=to(lam_son), attachments=attachments)
    assert [name for name, _label in allowed_actions(user=staff["leader"], document=document)] == ["sign"]

    outgoing_sign(actor=staff["leader"], document=document)
    document.refresh_from_db()
    assert document.status == OutgoingStatus.SIGNED and document.seal_required and document.sealed_at is None
    assert (document.signer_position, document.signer_full_name) == ("Chủ tịch", "Trịnh Đình Thắng")
    personal = newest(document, FileKind.SIGNED)
    assert personal.signature_report["valid"] and personal.signature_report["signatures"][0]["signer"] == (
        "Trịnh Đình Thắng DEV"
    )
    [block] = pdfsig(bytes(personal.content), tmp_path, documents_nss)
    assert VALID in block and TRUSTED in block and "Trịnh Đình Thắng DEV" in block

    # The blue signature sits in the blank between "CHỦ TỊCH" and the name, as App. I says.
    draft = bytes(newest(document, FileKind.DRAFT).content)
    page, blank = signature_box_between(draft, full_name="Trịnh Đình Thắng", position="Chủ tịch")
    [(field, field_page, box)] = signature_fields(PdfFileReader(io.BytesIO(bytes(personal.content))))
    assert field.startswith("CQS_personal") and field_page == page
    assert abs(box.y1 - blank.y1) < 1.5 and abs(box.y2 - blank.y2) < 1.5

    outgoing_number(actor=staff["clerk"], document=document)
    document.refresh_from_db()
    assert [name for name, _l in allowed_actions(user=staff["clerk"], document=document)] == ["seal"]
    with pytest.raises(SealMissing):
        outgoing_dispatch(actor=staff["clerk"], document=document)

    outgoing_seal(actor=staff["clerk"], document=document)
    document.refresh_from_db()
    assert document.sealed_by == staff["clerk"] and document.sealed_at is not None
    main = newest(document, FileKind.SIGNED)
    assert main.version == 2 and main.signature_report["valid"] and len(main.signature_report["signatures"]) == 2
    blocks = pdfsig(bytes(main.content), tmp_path, documents_nss)
    assert len(blocks) == 2 and all(VALID in b and TRUSTED in b for b in blocks)
    assert "UBND xã Thọ Xuân DEV" in blocks[1]
    fields = signature_fields(PdfFileReader(io.BytesIO(bytes(main.content))))
    (_p, _i, personal_box), (seal_field, _j, seal) = fields
    assert seal_field.startswith("CQS_organisation") and seal.as_tuple() == seal_box(personal_box).as_tuple()

    stamped = newest(document, FileKind.ATTACHMENT)
    assert (stamped.name, stamped.version, stamped.signature_report["valid"]) == ("phu-luc.pdf", 2, True)
    [attachment_block] = pdfsig(bytes(stamped.content), tmp_path, documents_nss)
    assert VALID in attachment_block and TRUSTED in attachment_block
    assert document.files.get(name="so-lieu.xlsx").signature_report is None

    trail = {e.action: e for e in document.events.select_related("actor")}
    assert trail["sign"].actor == staff["leader"] and trail["seal"].actor == staff["clerk"]
    assert "Trịnh Đình Thắng DEV" in trail["digital_signature"].note
    assert "so-lieu.xlsx" in trail["seal"].note

    with pytest.raises(SealNotNeeded):
        outgoing_seal(actor=staff["clerk"], document=document)
    outgoing_dispatch(actor=staff["clerk"], document=document)

    # Lâm Sơn gets the sealed PDF and the stamped attachment (newest versions only), checked on arrival.
    arrived = document.recipients.get().incoming
    files = {f.name: f for f in arrived.files.all()}
    assert sorted(files) == ["bao-cao.pdf", "phu-luc.pdf", "so-lieu.xlsx"]
    assert files["bao-cao.pdf"].sha256 == main.sha256
    assert files["bao-cao.pdf"].signature_report["valid"] and files["phu-luc.pdf"].signature_report["valid"]
    assert "signature_check" in set(arrived.events.values_list("action", flat=True))
    result = incoming_receive(actor=staff["clerk_ls"], document=arrived)
    assert result.warnings == [] and result.document.status == IncomingStatus.RECEIVED


def test_who_may_sign_and_seal(signers, tho_xuan, lam_son, types):
    staff = signers
    document = approved(staff, tho_xuan, types, recipients=to(lam_son))
    for someone in ("specialist", "clerk", "leader_ls"):
        with pytest.raises(PermissionDenied):
            outgoing_sign(actor=staff[someone], document=document)
    outgoing_sign(actor=staff["leader"], document=document)
    with pytest.raises(TransitionNotAllowed) as twice:
        outgoing_sign(actor=staff["leader"], document=document)
    assert twice.value.status == 409
    outgoing_number(actor=staff["clerk"], document=document)
    for someone in ("leader", "specialist", "clerk_ls"):
        with pytest.raises(PermissionDenied):
            outgoing_seal(actor=staff[someone], document=document)
    document.refresh_from_db()
    assert document.sealed_at is None and document.files.filter(kind=FileKind.SIGNED).count() == 1


def test_signing_refusals_leave_nothing_written(signers, tho_xuan, lam_son, types, make_leader):
    staff = signers
    document = approved(staff, tho_xuan, types, recipients=to(lam_son))

    # A leader without a key on file: 422 with a clear code, the document stays approved.
    deputy = make_leader("pct.thoxuan")
    with pytest.raises(SigningError) as no_key:
        outgoing_sign(actor=deputy, document=document)
    assert (no_key.value.status, no_key.value.code) == (422, "no_signing_key")
    document.refresh_from_db()
    assert document.status == OutgoingStatus.APPROVED and not document.files.filter(kind=FileKind.SIGNED).exists()
    assert not document.events.filter(action="sign").exists()

    # A draft that is not a PDF cannot be signed digitally.
    word = approved(staff, tho_xuan, types, recipients=to(lam_son))
    word.files.filter(kind=FileKind.DRAFT).update(content_type="application/msword")
    with pytest.raises(ValidationFailed) as not_pdf:
        outgoing_sign(actor=staff["leader"], document=word)
    assert "draft" in not_pdf.value.fields

    # A paper document is signed by hand, not here.
    paper = approved(staff, tho_xuan, types, recipients=to(lam_son), medium="paper")
    with pytest.raises(ValidationFailed) as on_paper:
        outgoing_sign(actor=staff["leader"], document=paper)
    assert "medium" in on_paper.value.fields

    # Signing an unapproved draft is a 409 that lists what is possible.
    fresh = approved(staff, tho_xuan, types, recipients=to(lam_son))
    fresh.status = OutgoingStatus.DRAFT
    fresh.save(update_fields=["status"])
    with pytest.raises(TransitionNotAllowed) as early:
        outgoing_sign(actor=staff["leader"], document=fresh)
    assert early.value.fields["allowed_actions"] == ["edit", "submit"]


@pytest.fixture
def make_leader(tho_xuan):
    from chinhquyenso.core.models import Role
    from tests.factories import make_staff

    return lambda username: make_staff(username, agency=tho_xuan, role=Role.UNIT_LEADER)


def test_a_document_tampered_with_after_signing_is_refused_on_receipt(signers, tho_xuan, lam_son, types):
    staff = signers
    document = sealed(staff, tho_xuan, types, recipients=to(lam_son))
    main = newest(document, FileKind.SIGNED)
    content = bytearray(bytes(main.content))
    at = content.index(b">>\nstream\n", 1000) + 20  # inside a stream of the signed revision: the file parses
    content[at] ^= 0x01
    type(main).objects.filter(pk=main.pk).update(content=bytes(content))

    outgoing_dispatch(actor=staff["clerk"], document=document)
    arrived = document.recipients.get().incoming
    report = arrived.files.get(name="bao-cao.pdf").signature_report
    assert report["signed"] and not report["valid"]
    assert "KHÔNG HỢP LỆ" in report["summary"]

    with pytest.raises(SignatureInvalid) as refused:
        incoming_receive(actor=staff["clerk_ls"], document=arrived)
    assert refused.value.status == 422 and refused.value.code == "signature_invalid"
    assert "Trả lại văn bản cho nơi gửi" in str(refused.value.message)
    arrived.refresh_from_db()
    assert arrived.status == IncomingStatus.PENDING and arrived.arrival_number is None

    incoming_return(actor=staff["clerk_ls"], document=arrived, reason="Chữ ký số không hợp lệ")
    recipient = document.recipients.get()
    assert (recipient.status, recipient.status_note) == (RecipientStatus.RETURNED, "Chữ ký số không hợp lệ")


def test_an_unsigned_electronic_document_is_received_with_a_warning(staff, tho_xuan, lam_son, types, signing):
    from tests.documents.flows import numbered

    document = numbered(staff, tho_xuan, types, recipients=to(lam_son)).document
    outgoing_dispatch(actor=staff["clerk"], document=document)
    arrived = document.recipients.get().incoming
    result = incoming_receive(actor=staff["clerk_ls"], document=arrived)
    assert "not_signed" in [w.code for w in result.warnings]
    assert result.document.status == IncomingStatus.RECEIVED


def test_a_signature_from_an_untrusted_authority_is_refused_on_receipt(
    signers, tho_xuan, lam_son, types, settings, tmp_path
):
    from chinhquyenso.signing.pki import pki_init
    from tests.documents.conftest import PKI_PASSWORD, SIGNERS, THO_XUAN_SPEC

    staff = signers
    foreign = tmp_path / "foreign"
    pki_init(foreign, PKI_PASSWORD, people=[SIGNERS["ld.thoxuan"]], agencies=[THO_XUAN_SPEC], ca_name="Giả mạo CA")
    document = approved(staff, tho_xuan, types, recipients=to(lam_son))
    trusted_ca = settings.PKI_DIR / "ca.pem"
    # Thọ Xuân signs with keys from another CA (its own CA file is trusted for the pre-signing check) …
    settings.PKI_DIR = foreign
    settings.SIGNING_TRUST_ROOTS = [str(foreign / "ca.pem")]
    outgoing_sign(actor=staff["leader"], document=document)
    outgoing_number(actor=staff["clerk"], document=document)
    outgoing_seal(actor=staff["clerk"], document=document)
    # … and Lâm Sơn trusts only the platform's CA.
    settings.SIGNING_TRUST_ROOTS = [str(trusted_ca)]
    outgoing_dispatch(actor=staff["clerk"], document=document)
    arrived = document.recipients.get().incoming
    report = arrived.files.get(name="bao-cao.pdf").signature_report
    assert not report["valid"] and not report["signatures"][0]["trusted_root"]
    with pytest.raises(SignatureInvalid):
        incoming_receive(actor=staff["clerk_ls"], document=arrived)


def test_the_signing_buttons_and_the_report_on_the_document_page(signers, tho_xuan, lam_son, types, client):
    from tests.factories import PASSWORD

    staff = signers
    document = approved(staff, tho_xuan, types, recipients=to(lam_son))
    client.login(username="ld.thoxuan", password=PASSWORD)
    page = client.get(f"/van-ban/di/{document.pk}/").content.decode()
    assert "Ký" in page and "giữa chức vụ và họ tên" in page
    response = client.post(f"/van-ban/di/{document.pk}/sign/", follow=True)
    page = response.content.decode()
    assert "Đã ký" in page and "Chữ ký hợp lệ" in page and "Trịnh Đình Thắng DEV" in page
    signed_file = newest(document, FileKind.SIGNED)
    check = client.get(f"/van-ban/tep/{signed_file.pk}/kiem-tra-chu-ky/").content.decode()
    assert "Văn bản HỢP LỆ" in check and "Toàn vẹn nội dung: có" in check

    api = client.post(f"/api/v1/documents/outgoing/{document.pk}/seal", {}, content_type="application/json")
    assert api.status_code == 409  # sealing comes after the number
    assert api.json()["code"] == "transition_not_allowed"
    assert api.json()["fields"]["allowed_actions"] == ["number"]


def test_the_demo_signs_out_of_the_box_and_loads_once(units, capsys):
    from django.core.management import call_command

    from chinhquyenso.documents.demo.loader import REQUEST_SUBJECT
    from chinhquyenso.documents.models import IncomingDocument, OutgoingDocument

    call_command("demo")
    call_command("demo")
    out = capsys.readouterr().out
    assert "PKI thử nghiệm" in out and "vanthu.lamson" in out and "lanhdao.lamson" in out
    [request] = OutgoingDocument.objects.filter(subject=REQUEST_SUBJECT)
    assert request.sealed_at is not None and request.signer_full_name == "Lê Văn Minh"
    [arrived] = IncomingDocument.objects.filter(subject=REQUEST_SUBJECT)
    assert arrived.status == IncomingStatus.PENDING and arrived.agency.identifier == "000.01.27.H56"
    report = arrived.files.get().signature_report
    assert report["valid"] and [s["signer"] for s in report["signatures"]] == ["Lê Văn Minh DEV", "UBND xã Lam Sơn DEV"]


def test_without_trust_roots_a_signed_document_waits_and_an_unsigned_one_passes(
    signers, tho_xuan, lam_son, types, settings, tmp_path
):
    staff = signers
    document = sealed(staff, tho_xuan, types, recipients=to(lam_son))
    settings.SIGNING_TRUST_ROOTS = [str(tmp_path / "missing-neac-root.pem")]  # misconfigured recipient platform
    outgoing_dispatch(actor=staff["clerk"], document=document)
    arrived = document.recipients.get().incoming
    report = arrived.files.get(name="bao-cao.pdf").signature_report
    assert report["signed"] and not report["valid"] and "Chưa kiểm tra được chữ ký số" in report["summary"]
    with pytest.raises(SignatureInvalid):
        incoming_receive(actor=staff["clerk_ls"], document=arrived)

    from tests.documents.flows import numbered

    unsigned = numbered(staff, tho_xuan, types, recipients=to(lam_son)).document
    outgoing_dispatch(actor=staff["clerk"], document=unsigned)
    plain = unsigned.recipients.get().incoming
    assert plain.files.get().signature_report["readable"]
    assert "not_signed" in [w.code for w in incoming_receive(actor=staff["clerk_ls"], document=plain).warnings]
