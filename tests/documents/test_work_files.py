"""Work files: codes, documents linked (one document in several files, no copies), closing, exports in
chronological order, and the processed-online rule for the scorecard."""

import subprocess
from datetime import date, datetime
from xml.etree import ElementTree as ET
from zoneinfo import ZoneInfo

import pytest
import time_machine

from chinhquyenso.core.errors import Conflict, ValidationFailed
from chinhquyenso.documents.models import DocumentFile, WorkFileStatus
from chinhquyenso.documents.selectors import work_files_processed_online_share
from chinhquyenso.documents.services.incoming import incoming_receive
from chinhquyenso.documents.services.outgoing import (
    RecipientIn,
    outgoing_approve,
    outgoing_mark_signed,
    outgoing_submit,
)
from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_number
from chinhquyenso.documents.services.workfiles import (
    work_file_add_document,
    work_file_close,
    work_file_create,
    work_file_reopen,
)
from chinhquyenso.documents.workfile_export import work_file_pdf, work_file_xml
from tests.documents.flows import PDF, draft, numbered, paper_incoming

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def _file(staff, agency, code="01.VP", title="Hồ sơ tổ chức Đại hội Đoàn xã"):
    return work_file_create(
        actor=staff["clerk"], agency=agency, year=2026, code=code, title=title, maintenance="10 năm"
    )


def test_a_document_sits_in_several_files_without_a_copy(staff, tho_xuan, types):
    document = paper_incoming(staff, tho_xuan, types, scan=PDF).document
    first, second = _file(staff, tho_xuan), _file(staff, tho_xuan, code="02.VP", title="Hồ sơ ngân sách")
    files_before = DocumentFile.objects.count()
    work_file_add_document(actor=staff["clerk"], work_file=first, document=document)
    work_file_add_document(actor=staff["clerk"], work_file=second, document=document)
    assert DocumentFile.objects.count() == files_before
    assert {e.work_file.code for e in document.file_entries.all()} == {"01.VP", "02.VP"}
    assert first.file_code == "000.01.27.H56.2026.01.VP"
    with pytest.raises(Conflict):
        work_file_add_document(actor=staff["clerk"], work_file=first, document=document)


def test_file_metadata_is_validated(staff, tho_xuan):
    _file(staff, tho_xuan)
    with pytest.raises(ValidationFailed) as raised:
        work_file_create(actor=staff["clerk"], agency=tho_xuan, year=2026, code="01.VP", title="x", maintenance="x")
    assert "code" in raised.value.fields
    with pytest.raises(ValidationFailed) as raised:
        work_file_create(
            actor=staff["clerk"], agency=tho_xuan, year=2026, code="A B", title="x" * 501, maintenance="y" * 31
        )
    assert set(raised.value.fields) == {"code", "title", "maintenance"}


def test_a_closed_file_takes_no_more_documents_until_reopened(staff, tho_xuan, types):
    work_file = _file(staff, tho_xuan)
    with time_machine.travel(datetime(2026, 4, 2, 9, 0, tzinfo=VN), tick=False):
        document = paper_incoming(staff, tho_xuan, types).document
    work_file_add_document(actor=staff["clerk"], work_file=work_file, document=document)
    closed = work_file_close(actor=staff["clerk"], work_file=work_file)
    assert (closed.status, closed.end_date) == (WorkFileStatus.CLOSED, date(2026, 4, 2))
    other = paper_incoming(staff, tho_xuan, types, number="09").document
    with pytest.raises(Conflict):
        work_file_add_document(actor=staff["clerk"], work_file=work_file, document=other)
    work_file_reopen(actor=staff["leader"], work_file=work_file)
    work_file_add_document(actor=staff["clerk"], work_file=work_file, document=other)


def _chronological_file(staff, tho_xuan, types):
    work_file = _file(staff, tho_xuan)
    with time_machine.travel(datetime(2026, 5, 20, 9, 0, tzinfo=VN), tick=False):
        later = numbered(staff, tho_xuan, types, subject="Kế hoạch tổ chức Đại hội", code="ke-hoach").document
    with time_machine.travel(datetime(2026, 5, 4, 9, 0, tzinfo=VN), tick=False):
        earlier = paper_incoming(
            staff, tho_xuan, types, subject="Hướng dẫn tổ chức Đại hội Đoàn cấp cơ sở", scan=PDF, page_amount=4
        ).document
    work_file_add_document(actor=staff["clerk"], work_file=work_file, document=later)
    work_file_add_document(actor=staff["clerk"], work_file=work_file, document=earlier)
    return work_file


def test_the_xml_export_lists_documents_by_date_with_app_vi_names(staff, tho_xuan, types):
    work_file = _chronological_file(staff, tho_xuan, types)
    root = ET.fromstring(work_file_xml(work_file))  # noqa: S314 - our own export
    assert root.findtext("FileCode/FileNotation") == "01.VP"
    assert root.findtext("FileCode/FileCatalog") == "2026"
    assert root.findtext("DocTotal") == "2"
    documents = root.findall("Documents/Document")
    assert [d.get("direction") for d in documents] == ["incoming", "outgoing"]
    assert [d.findtext("DocOrdinal") for d in documents] == ["1", "2"]
    assert documents[0].findtext("ArrivalNumber") == "1"
    assert documents[0].findtext("Subject") == "Hướng dẫn tổ chức Đại hội Đoàn cấp cơ sở"
    assert documents[1].findtext("CodeNotation") == "KH-UBND"
    assert documents[1].findtext("IssuedDate") == "2026-05-20"


def _poppler(tool, *args) -> str:
    return subprocess.run([f"/usr/bin/{tool}", *args], capture_output=True, text=True, check=True).stdout


def test_the_pdf_export_is_a_real_pdf_with_the_documents_embedded(staff, tho_xuan, types, tmp_path):
    work_file = _chronological_file(staff, tho_xuan, types)
    path = tmp_path / "ho-so.pdf"
    path.write_bytes(work_file_pdf(work_file))
    text = _poppler("pdftotext", "-layout", str(path), "-")
    assert "Hướng dẫn tổ chức Đại hội Đoàn cấp cơ sở" in text
    assert text.index("Hướng dẫn tổ chức Đại hội") < text.index("Kế hoạch tổ chức Đại hội")
    assert "01/KH-UBND" in text
    fonts = _poppler("pdffonts", str(path))
    # Every glyph, Vietnamese letters included, from Liberation Serif: no silent fallback font.
    assert all("Liberation-Serif" in line for line in fonts.splitlines()[2:])
    embedded = _poppler("pdfdetach", "-list", str(path))
    assert "001-du-thao.pdf" in embedded and "002-du-thao.pdf" in embedded


def _electronic_pair(staff, tho_xuan, lam_son, types, *, on_paper=False):
    """An outgoing document of Lâm Sơn delivered to Thọ Xuân, and Thọ Xuân's reply, approved as given."""
    sent = numbered(staff, lam_son, types, recipients=[RecipientIn(agency_id=tho_xuan.pk)]).document
    outgoing_dispatch(actor=staff["clerk_ls"], document=sent)
    arrived = incoming_receive(actor=staff["clerk"], document=sent.recipients.get().incoming).document
    reply = draft(staff, tho_xuan, types, code="cong-van", drafting_unit="VP")
    outgoing_submit(actor=staff["specialist"], document=reply)
    outgoing_approve(actor=staff["leader"], document=reply, on_paper=on_paper)
    outgoing_mark_signed(actor=staff["leader"], document=reply)
    outgoing_number(actor=staff["clerk"], document=reply)
    return arrived, reply


def test_processed_online_share(staff, tho_xuan, lam_son, types):
    def closed_file(code, documents):
        work_file = _file(staff, tho_xuan, code=code, title=f"Hồ sơ {code}")
        for document in documents:
            work_file_add_document(actor=staff["clerk"], work_file=work_file, document=document)
        with time_machine.travel(datetime(2026, 6, 30, 16, 0, tzinfo=VN), tick=False):
            return work_file_close(actor=staff["clerk"], work_file=work_file)

    with time_machine.travel(datetime(2026, 6, 1, 9, 0, tzinfo=VN), tick=False):
        online = _electronic_pair(staff, tho_xuan, lam_son, types)
        paper_approval = _electronic_pair(staff, tho_xuan, lam_son, types, on_paper=True)
        paper_in = paper_incoming(staff, tho_xuan, types).document
    closed_file("01", online)
    closed_file("02", [*online, paper_in])  # one paper document spoils the file
    closed_file("03", paper_approval)  # an approval given on paper
    still_open = _file(staff, tho_xuan, code="04", title="Đang mở")
    work_file_add_document(actor=staff["clerk"], work_file=still_open, document=online[0])

    assert work_files_processed_online_share(tho_xuan, (date(2026, 1, 1), date(2026, 12, 31))) == (1, 3, 1 / 3)
    assert work_files_processed_online_share(tho_xuan, (date(2026, 1, 1), date(2026, 5, 31))) == (
        0,
        0,
        0.0,
    )  # files end on 1 June
    assert work_files_processed_online_share(lam_son, (date(2026, 1, 1), date(2026, 12, 31))) == (0, 0, 0.0)
