"""edXML packages: exact round trips, strict prefixes, and one clear reason for each malformed package."""

import json
import os
import subprocess
import sys
from datetime import date, datetime
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from chinhquyenso.edxml.package import (
    NS,
    STATUS_CODES,
    Attachment,
    EdxmlDocument,
    EdxmlError,
    EdxmlStatus,
    make_document_id,
    read_package,
    write_package,
    write_status,
)

CLI = str(Path(sys.executable).with_name("chinhquyenso"))
KEYS = [
    "kind",
    "from_organ_id",
    "from_organ_name",
    "to_organ_ids",
    "code_number",
    "code_notation",
    "promulgation_place",
    "promulgation_date",
    "document_type",
    "subject",
    "signer_full_name",
    "signer_position",
    "due_date",
    "priority",
    "document_id",
    "attachment_names",
    "status_code",
    "response_for_document_id",
]

# Text XML 1.0 can carry: tab, newlines, carriage return and everything printable outside the surrogates.
xml_text = st.text(
    st.one_of(
        st.characters(min_codepoint=0x20, max_codepoint=0xFFFD, exclude_categories=("Cs",)),
        st.sampled_from("\t\n\r<>&\"'ỦyđĐơƯữẫặ"),
        st.characters(min_codepoint=0x10000, max_codepoint=0x1F9FF, exclude_categories=("Cs", "Cn")),
    ),
    min_size=1,
    max_size=40,
)
vietnamese = st.sampled_from(
    ["Ủy ban nhân dân xã Thọ Xuân", "Về việc tổ chức Tết Nguyên đán", "Trịnh Đình Thắng", "Phó Chủ tịch"]
)
some_text = st.one_of(vietnamese, xml_text)
organ_id = st.from_regex(r"\A[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.H[0-9]{2}\Z")
days = st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31))
attachment = st.builds(
    Attachment,
    name=some_text,
    content=st.binary(max_size=600),
    content_type=st.sampled_from(["application/pdf", "application/octet-stream", "image/png"]),
    description=st.one_of(st.just(""), some_text),
)
documents = st.builds(
    EdxmlDocument,
    from_organ_id=organ_id,
    from_organ_name=some_text,
    to_organ_ids=st.lists(organ_id, min_size=1, max_size=4).map(tuple),
    code_number=st.from_regex(r"\A[0-9]{2,4}\Z"),
    code_notation=some_text,
    promulgation_place=some_text,
    promulgation_date=days,
    document_type=st.integers(1, 99),
    subject=some_text,
    signer_full_name=some_text,
    signer_position=some_text,
    document_id=some_text,
    due_date=st.none() | days,
    priority=st.integers(0, 4),
    document_type_name=st.just("") | some_text,
    signer_competence=st.sampled_from(["", "TM.", "KT.", "TL.", "TUQ."]),
    content=st.just("") | some_text,
    response_for_document_id=st.none() | some_text,
    attachments=st.lists(attachment, max_size=3).map(tuple),
)
statuses = st.builds(
    EdxmlStatus,
    from_organ_id=organ_id,
    from_organ_name=some_text,
    response_for_organ_id=organ_id,
    response_for_code_number=st.from_regex(r"\A[0-9]{2,4}\Z"),
    response_for_code_notation=some_text,
    response_for_promulgation_date=days,
    response_for_document_id=some_text,
    status_code=st.sampled_from(sorted(STATUS_CODES)),
    timestamp=st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1)).map(
        lambda moment: moment.replace(microsecond=0)
    ),
    description=st.just("") | some_text,
    staff_department=st.just("") | some_text,
    staff_name=st.just("") | some_text,
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(documents)
def test_a_document_package_reads_back_exactly_what_was_written(document):
    assert read_package(write_package(document)) == document


@settings(max_examples=100, deadline=None)
@given(statuses)
def test_a_status_package_reads_back_exactly_what_was_written(status):
    assert read_package(write_status(status)) == status


def sample_document(**changes) -> EdxmlDocument:
    values = {
        "from_organ_id": "000.01.27.H56",
        "from_organ_name": "Ủy ban nhân dân xã Thọ Xuân",
        "to_organ_ids": ("000.00.00.H56", "000.02.27.H56"),
        "code_number": "05",
        "code_notation": "QĐ-UBND",
        "promulgation_place": "Thọ Xuân",
        "promulgation_date": date(2026, 3, 5),
        "document_type": 18,
        "subject": "Về việc tổ chức trực Tết <Bính Ngọ> & phòng cháy",
        "signer_full_name": "Trịnh Đình Thắng",
        "signer_position": "Chủ tịch",
        "document_id": make_document_id("000.01.27.H56", date(2026, 3, 5), "05", "QĐ-UBND"),
        "due_date": date(2026, 3, 20),
        "attachments": (Attachment("quyet-dinh.pdf", b"%PDF-1.7\x00\xff", "application/pdf"),),
    }
    values.update(changes)
    return EdxmlDocument(**values)


def test_every_element_inside_the_envelope_carries_the_edxml_prefix_and_attachments_none():
    root = etree.fromstring(write_package(sample_document()))
    assert root.prefix is None and etree.QName(root).localname == "edXML"
    envelope = root.find(f"{{{NS}}}edXMLEnvelope")
    assert all(element.prefix == "edXML" for element in envelope.iter())
    encoded = root.find(f"{{{NS}}}AttachmentEncoded")
    assert all(element.prefix is None for element in encoded.iter())
    assert envelope.findtext(f".//{{{NS}}}PromulgationDate") == "2026/03/05"
    assert encoded.findtext(f".//{{{NS}}}ContentTransferEncoded") == "JVBERi0xLjcA/w=="


def read_command(path) -> str:
    out = StringIO()
    call_command("edxml", "read", str(path), stdout=out)
    return out.getvalue()


def test_edxml_read_prints_one_json_object_with_exactly_the_agreed_keys(tmp_path, capsys):
    document_file = tmp_path / "document.xml"
    document_file.write_bytes(write_package(sample_document()))
    call_command("edxml", "read", str(document_file))
    printed = capsys.readouterr().out
    assert printed.count("\n") == 1
    document = json.loads(printed)
    assert list(document) == KEYS
    assert document == {
        "kind": "document",
        "from_organ_id": "000.01.27.H56",
        "from_organ_name": "Ủy ban nhân dân xã Thọ Xuân",
        "to_organ_ids": ["000.00.00.H56", "000.02.27.H56"],
        "code_number": "05",
        "code_notation": "QĐ-UBND",
        "promulgation_place": "Thọ Xuân",
        "promulgation_date": "2026-03-05",
        "document_type": 18,
        "subject": "Về việc tổ chức trực Tết <Bính Ngọ> & phòng cháy",
        "signer_full_name": "Trịnh Đình Thắng",
        "signer_position": "Chủ tịch",
        "due_date": "2026-03-20",
        "priority": 0,
        "document_id": "000.01.27.H56,2026/03/05,05/QĐ-UBND",
        "attachment_names": ["quyet-dinh.pdf"],
        "status_code": None,
        "response_for_document_id": None,
    }

    status_file = tmp_path / "status.xml"
    status_file.write_bytes(
        write_status(
            EdxmlStatus(
                from_organ_id="000.00.00.H56",
                from_organ_name="Ủy ban nhân dân tỉnh Thanh Hóa",
                response_for_organ_id="000.01.27.H56",
                response_for_code_number="05",
                response_for_code_notation="QĐ-UBND",
                response_for_promulgation_date=date(2026, 3, 5),
                response_for_document_id="000.01.27.H56,2026/03/05,05/QĐ-UBND",
                status_code="03",
                timestamp=datetime(2026, 3, 5, 14, 30, 0),
            )
        )
    )
    call_command("edxml", "read", str(status_file))
    status = json.loads(capsys.readouterr().out)
    assert list(status) == KEYS
    assert status["kind"] == "status" and status["status_code"] == "03"
    assert status["to_organ_ids"] == ["000.01.27.H56"]
    assert status["response_for_document_id"] == "000.01.27.H56,2026/03/05,05/QĐ-UBND"
    assert status["subject"] is None and status["due_date"] is None and status["attachment_names"] == []


def _package_text(**changes) -> str:
    return write_package(sample_document(**changes)).decode()


MALFORMED = {
    "not XML": ("Chào bạn, đây không phải XML", "không phải XML hợp lệ"),
    "missing prefix": (
        _package_text().replace("edXML:Subject>", "Subject>"),
        "Phần tử Subject phải có tiền tố edXML:",
    ),
    "wrong prefix": (
        _package_text()
        .replace('xmlns:edXML="', 'xmlns:ed="' + NS + '" xmlns:edXML="', 1)
        .replace("edXML:CodeNumber>", "ed:CodeNumber>"),
        "Phần tử CodeNumber phải có tiền tố edXML:",
    ),
    "missing required element": (
        _package_text().replace("<edXML:Subject>", "<edXML:Summary>").replace("</edXML:Subject>", "</edXML:Summary>"),
        "Thiếu phần tử bắt buộc Subject",
    ),
    "bad base64": (
        _package_text().replace("JVBERi0xLjcA/w==", "JVBER!0xLjcA/w=="),
        "không phải base64 hợp lệ",
    ),
    "bad date": (_package_text().replace("2026/03/05<", "2026/02/30<", 1), "không phải ngày dạng YYYY/MM/DD"),
    "unknown status code": (
        write_status(
            EdxmlStatus(
                from_organ_id="000.00.00.H56",
                from_organ_name="UBND tỉnh",
                response_for_organ_id="000.01.27.H56",
                response_for_code_number="05",
                response_for_code_notation="QĐ-UBND",
                response_for_promulgation_date=date(2026, 3, 5),
                response_for_document_id="x",
                status_code="06",
                timestamp=datetime(2026, 3, 5, 14, 30, 0),
            )
        )
        .decode()
        .replace(">06<", ">07<"),
        "Mã trạng thái 07 không có trong danh mục",
    ),
}


@pytest.mark.parametrize("case", list(MALFORMED))
def test_a_malformed_package_exits_2_with_its_reason(case, tmp_path):
    text, reason = MALFORMED[case]
    path = tmp_path / "package.xml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        read_command(path)
    assert error.value.returncode == 2
    assert reason in str(error.value)
    assert "\n" not in str(error.value)
    with pytest.raises(EdxmlError):
        read_package(text.encode())


def test_the_command_exits_2_with_one_line_on_stderr(tmp_path):
    path = tmp_path / "broken.xml"
    path.write_text(MALFORMED["bad date"][0], encoding="utf-8")
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CQS_")}
    environment.update(CQS_PROFILE="test", CQS_VAR_DIR=str(tmp_path))
    result = subprocess.run(
        [CLI, "edxml", "read", str(path)], capture_output=True, text=True, env=environment, timeout=120, check=False
    )
    assert result.returncode == 2
    assert result.stdout == ""
    assert len(result.stderr.strip().splitlines()) == 1
    assert "YYYY/MM/DD" in result.stderr


def test_a_dtd_is_refused_so_entities_cannot_expand():
    bomb = '<?xml version="1.0"?><!DOCTYPE edXML [<!ENTITY a "aaaaaaaaaa">]><edXML xmlns="' + NS + '">&a;</edXML>'
    with pytest.raises(EdxmlError):
        read_package(bomb.encode())


def test_edxml_write_from_json_builds_a_package_that_reads_back(tmp_path):
    (tmp_path / "phu-luc.pdf").write_bytes(b"%PDF-1.7 phu luc")
    source = tmp_path / "document.json"
    source.write_text(
        json.dumps(
            {
                "from_organ_id": "000.01.27.H56",
                "from_organ_name": "Ủy ban nhân dân xã Thọ Xuân",
                "to_organ_ids": ["000.00.00.H56"],
                "code_number": "12",
                "code_notation": "UBND-VP",
                "promulgation_place": "Thọ Xuân",
                "promulgation_date": "2026-04-01",
                "document_type": 18,
                "subject": "Về việc báo cáo quý I",
                "signer_full_name": "Trịnh Đình Thắng",
                "signer_position": "Chủ tịch",
                "due_date": None,
                "priority": 1,
                "attachments": [{"name": "phu-luc.pdf", "path": "phu-luc.pdf", "content_type": "application/pdf"}],
            },
            ensure_ascii=False,
        ),
        encoding="utf-8",
    )
    out = tmp_path / "package.xml"
    call_command("edxml", "write", "--from-json", str(source), "--out", str(out), stdout=StringIO())
    package = read_package(out.read_bytes())
    assert package.document_id == "000.01.27.H56,2026/04/01,12/UBND-VP"
    assert package.priority == 1 and package.due_date is None
    assert package.attachments == (Attachment("phu-luc.pdf", b"%PDF-1.7 phu luc", "application/pdf"),)
