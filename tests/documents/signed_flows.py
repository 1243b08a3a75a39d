"""Builders for digitally signed documents (real PDFs, real keys) and poppler's independent check."""

from __future__ import annotations

import subprocess
from pathlib import Path

from chinhquyenso.documents.demo.drafts import draft_pdf
from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.services.outgoing import RecipientIn, outgoing_approve, outgoing_create, outgoing_submit
from chinhquyenso.documents.services.outgoing_release import outgoing_number
from chinhquyenso.documents.services.signatures import outgoing_seal, outgoing_sign

THO_XUAN = "000.01.27.H56"
VALID = "Signature Validation: Signature is Valid."
TRUSTED = "Certificate Validation: Certificate is Trusted."


def letter_pdf(full_name: str = "Trịnh Đình Thắng", agency: str = "Ủy ban nhân dân xã Thọ Xuân") -> bytes:
    return draft_pdf(
        agency=agency,
        notation="UBND-VP",
        place="Thọ Xuân",
        year=2026,
        type_name="",
        subject="V/v báo cáo kết quả triển khai chuyển đổi số năm 2026",
        paragraphs=["Kính gửi: Ủy ban nhân dân xã Lam Sơn.", "Ủy ban nhân dân xã Thọ Xuân báo cáo như sau."],
        competence="TM. ỦY BAN NHÂN DÂN",
        position="Chủ tịch",
        full_name=full_name,
    )


def appendix_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<h1 style=\"font-family:'Liberation Serif'\">Phụ lục: số liệu chuyển đổi số</h1>").write_pdf()


def approved(staff, agency, types, *, recipients, attachments=(), medium="electronic"):
    suffix = "" if agency.identifier == THO_XUAN else "_ls"
    document = outgoing_create(
        actor=staff["specialist" + suffix],
        agency=agency,
        document_type=types["cong-van"],
        subject="Về việc báo cáo kết quả triển khai chuyển đổi số năm 2026",
        drafting_unit="VP",
        signer_position="Chủ tịch",
        signer_full_name=staff["leader" + suffix].full_name,
        medium=medium,
        recipients=recipients,
        draft=FileUpload("bao-cao.pdf", "application/pdf", letter_pdf(staff["leader" + suffix].full_name)),
        attachments=attachments,
    )
    outgoing_submit(actor=staff["specialist" + suffix], document=document)
    outgoing_approve(actor=staff["leader" + suffix], document=document)
    document.refresh_from_db()
    return document


def sealed(staff, agency, types, *, recipients, attachments=()):
    """Approved, signed by the leader, numbered and sealed by the clerk: ready to dispatch."""
    suffix = "" if agency.identifier == THO_XUAN else "_ls"
    document = approved(staff, agency, types, recipients=recipients, attachments=attachments)
    outgoing_sign(actor=staff["leader" + suffix], document=document)
    outgoing_number(actor=staff["clerk" + suffix], document=document)
    outgoing_seal(actor=staff["clerk" + suffix], document=document)
    document.refresh_from_db()
    return document


def to(agency) -> list[RecipientIn]:
    return [RecipientIn(agency_id=agency.pk)]


def pdfsig(pdf: bytes, folder: Path, nss: str) -> list[str]:
    """poppler's report, one block per signature."""
    path = folder / f"checked-{len(list(folder.iterdir()))}.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["/usr/bin/pdfsig", "-nssdir", nss, str(path)], capture_output=True, text=True, check=False)
    return result.stdout.split("Signature #")[1:]
