"""Short builders that walk documents through the services, for the tests."""

from __future__ import annotations

from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.services.incoming import incoming_register_paper
from chinhquyenso.documents.services.outgoing import (
    RecipientIn,
    outgoing_approve,
    outgoing_create,
    outgoing_mark_signed,
    outgoing_submit,
)
from chinhquyenso.documents.services.outgoing_release import outgoing_number


def _real_pdf() -> bytes:
    from weasyprint import HTML

    return HTML(string="<p>Dự thảo</p>").write_pdf()


# A real (unsigned) PDF: the recipient checks every PDF on arrival and refuses unreadable ones.
PDF = FileUpload("du-thao.pdf", "application/pdf", _real_pdf())


def draft(staff, agency, types, *, code="quyet-dinh", subject="Về việc kiện toàn Tổ công tác", **extra):
    extra.setdefault("recipients", [RecipientIn(organ_name="Các phòng chuyên môn", paper=True)])
    return outgoing_create(
        actor=staff["specialist"] if agency.identifier == "000.01.27.H56" else staff["specialist_ls"],
        agency=agency,
        document_type=types[code],
        subject=subject,
        draft=PDF,
        **extra,
    )


def signed(staff, agency, types, **extra):
    suffix = "" if agency.identifier == "000.01.27.H56" else "_ls"
    document = draft(staff, agency, types, **extra)
    outgoing_submit(actor=staff["specialist" + suffix], document=document)
    outgoing_approve(actor=staff["leader" + suffix], document=document)
    return outgoing_mark_signed(actor=staff["leader" + suffix], document=document, signer_full_name="Trịnh Đình Thắng")


def numbered(staff, agency, types, **extra):
    suffix = "" if agency.identifier == "000.01.27.H56" else "_ls"
    return outgoing_number(actor=staff["clerk" + suffix], document=signed(staff, agency, types, **extra))


def paper_incoming(staff, agency, types, **extra):
    values = {
        "document_type": types["cong-van"],
        "subject": "Về việc báo cáo tình hình thu ngân sách quý I",
        "organ_name": "Sở Tài chính tỉnh Thanh Hóa",
        "number": "123",
        "notation": "STC-NS",
    }
    values.update(extra)
    return incoming_register_paper(actor=staff["clerk"], agency=agency, **values)
