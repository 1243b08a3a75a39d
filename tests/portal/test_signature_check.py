"""The signature check: anyone may upload a PDF; the result page checks the result file the same way."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.portal.services.submit import draft_submit
from tests.portal.conftest import CERTIFIED_COPY, COMMUNE, COPY_FORM, pdf_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


@pytest.fixture
def sealed_pdf(signing):
    from chinhquyenso.signing.credentials import agency_identity
    from chinhquyenso.signing.pdf_sign import sign_pdf

    return sign_pdf(pdf_bytes(), signer=agency_identity(COMMUNE), kind="attachment", document_code="12/QĐ-UBND")


def check(client, content: bytes, name: str = "ket-qua.pdf"):
    return client.post("/dich-vu-cong/kiem-tra-chu-ky/", {"pdf": upload(name, content)})


def test_a_signed_pdf_is_reported_valid_with_its_signer_and_authority(client, sealed_pdf):
    assert client.get("/dich-vu-cong/kiem-tra-chu-ky/").status_code == 200
    answer = check(client, sealed_pdf)
    assert answer.status_code == 200
    page = answer.content.decode()
    assert "Văn bản hợp lệ" in page
    assert "UBND xã Thọ Xuân DEV" in page  # the signer
    assert "Chính quyền số DEV Root CA" in page  # the issuing authority
    assert "theo dấu thời gian tin cậy" in page


def test_a_changed_signed_pdf_is_reported_not_valid(client, sealed_pdf):
    # One letter of the comment line after the header: inside the signed bytes, harmless to the PDF syntax.
    assert sealed_pdf[9:18] == b"% created"
    tampered = sealed_pdf[:11] + b"X" + sealed_pdf[12:]
    page = check(client, tampered).content.decode()
    assert "KHÔNG hợp lệ" in page
    assert "UBND xã Thọ Xuân DEV" in page


def test_an_unsigned_pdf_and_a_non_pdf(client, signing):
    assert "Văn bản không có chữ ký số." in check(client, pdf_bytes()).content.decode()
    answer = check(client, b"GIF89a not a pdf", "anh.pdf")
    assert answer.status_code == 422
    assert "Tệp không phải là văn bản PDF đọc được." in answer.content.decode()
    assert client.post("/dich-vu-cong/kiem-tra-chu-ky/").status_code == 422


def test_the_result_page_checks_the_signed_result(apply, citizen, citizen_client, catalog, sealed_pdf):
    from chinhquyenso.core.models import Role, RoleAssignment
    from tests.factories import make_staff

    crew = make_staff("daunoi", agency=catalog[COMMUNE], role=Role.ONE_STOP_OFFICER)
    for role in (Role.SPECIALIST, Role.UNIT_LEADER):
        RoleAssignment.objects.create(user=crew, role=role, agency=catalog[COMMUNE])
    dossier = draft_submit(actor=citizen, draft_id=apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()}).pk)
    dossier_act(actor=crew, code=dossier.code, action="receive")
    dossier_act(actor=crew, code=dossier.code, action="assign", assignee=crew.pk)
    dossier_act(actor=crew, code=dossier.code, action="decide", content="Đã chứng thực")
    dossier_act(
        actor=crew,
        code=dossier.code,
        action="attach_result",
        file=SimpleUploadedFile("ban-sao-chung-thuc.pdf", sealed_pdf, "application/pdf"),
    )
    page = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{dossier.code}/ket-qua/").content.decode()
    assert "ban-sao-chung-thuc.pdf" in page and "Văn bản hợp lệ" in page and "UBND xã Thọ Xuân DEV" in page
