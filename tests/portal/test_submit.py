"""Submitting: one transaction makes a status-1 online dossier with its files, form and how the citizen signed
in; only its owner ever sees it."""

from __future__ import annotations

import hashlib
import subprocess

import pytest
from django.utils import translation

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dossiers.models import Dossier, DossierFile
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dossiers.states import NATIONAL_STATUS
from chinhquyenso.portal.models import DossierDraft
from chinhquyenso.portal.services.submit import draft_submit
from tests.factories import make_staff
from tests.portal.conftest import (
    CERTIFIED_COPY,
    COMMUNE,
    COPY_FORM,
    MARITAL,
    MARITAL_FORM,
    make_citizen,
    pdf_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_submitting_makes_a_status_1_dossier_with_files_form_and_auth_method(apply, citizen, citizen_client, clock):
    first, second = pdf_bytes(1), pdf_bytes(2)
    draft = apply(CERTIFIED_COPY, COPY_FORM, files={0: first, 1: second})
    answer = citizen_client.post(f"/dich-vu-cong/ho-so-nhap/{draft.pk}/nop/", {"delivery": "post"})
    assert answer.status_code == 302
    dossier = Dossier.objects.get()
    assert answer["Location"] == f"/dich-vu-cong/ho-so-cua-toi/{dossier.code}/da-nop/"
    assert dossier.code.startswith(f"{COMMUNE}-260302-")
    assert (dossier.state, NATIONAL_STATUS[dossier.state], dossier.channel) == ("submitted", 1, "online")
    assert dossier.citizen == citizen and dossier.submitter_auth == "vneid"
    assert dossier.submitter_name == "Nguyễn Văn An" and dossier.submitter_phone == "0912345678"
    assert dossier.delivery == "post"
    assert dossier.form_data["so_trang_ban_chinh"] == 2 and dossier.form_data["ten_giay_to"] == COPY_FORM["ten_giay_to"]
    files = {f.component_position: f for f in DossierFile.objects.filter(dossier=dossier)}
    assert set(files) == {0, 1} and all(f.kind == "upload" for f in files.values())
    assert files[1].sha256 == hashlib.sha256(second).hexdigest() and bytes(files[1].content) == second
    assert [c.provided for c in dossier.components.order_by("position")] == [True, True, False]
    assert list(dossier.events.values_list("action", flat=True)) == ["submit"]
    assert not DossierDraft.objects.exists()
    page = citizen_client.get(answer["Location"]).content.decode()
    assert dossier.code in page and "Hồ sơ của bạn đã được nộp" in page
    assert dossier.code in citizen_client.get("/dich-vu-cong/ho-so-cua-toi/").content.decode()


def test_no_auth_method_in_the_session_is_recorded_as_empty(apply, citizen, client):
    client.force_login(citizen)
    draft = apply(files={})
    assert client.post(f"/dich-vu-cong/ho-so-nhap/{draft.pk}/nop/").status_code == 302
    assert Dossier.objects.get().submitter_auth == ""


def test_the_e_form_answers_the_declaration_component(apply, citizen):
    dossier = draft_submit(actor=citizen, draft_id=apply(MARITAL, MARITAL_FORM).pk, auth_method="otp")
    assert dossier.submitter_auth == "otp"
    assert dossier.components.get(position=0).provided  # "Tờ khai … (hoặc biểu mẫu điện tử tương tác)"


def test_a_missing_required_document_or_bad_form_submits_nothing(apply, citizen, citizen_client):
    draft = apply(CERTIFIED_COPY, {**COPY_FORM, "so_ban_sao": "0"})
    with pytest.raises(ValidationFailed) as refused:
        draft_submit(actor=citizen, draft_id=draft.pk)
    assert set(refused.value.fields) == {"so_ban_sao", "file_0"}
    answer = citizen_client.post(f"/dich-vu-cong/ho-so-nhap/{draft.pk}/nop/")
    assert answer.status_code == 422
    body = answer.content.decode()
    assert "Đính kèm giấy tờ này." in body and "Tối thiểu 1." in body
    assert not Dossier.objects.exists() and DossierDraft.objects.filter(pk=draft.pk).exists()


def test_the_receipt_is_downloadable_once_an_officer_received_it(apply, citizen, citizen_client, catalog, clock):
    dossier = draft_submit(actor=citizen, draft_id=apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()}).pk)
    url = f"/dich-vu-cong/ho-so-cua-toi/{dossier.code}/giay-tiep-nhan/"
    assert citizen_client.get(url).status_code == 404
    assert "Mẫu 01" not in citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{dossier.code}/").content.decode()
    officer = make_staff("motcua1", agency=catalog[COMMUNE], role="one_stop_officer")
    dossier_act(actor=officer, code=dossier.code, action="receive")
    page = citizen_client.get(f"/dich-vu-cong/ho-so-cua-toi/{dossier.code}/").content.decode()
    assert "Mẫu 01" in page and "Đã tiếp nhận" in page
    answer = citizen_client.get(url)
    assert answer["Content-Type"] == "application/pdf"
    text = subprocess.run(["pdftotext", "-", "-"], input=answer.content, capture_output=True, check=True).stdout
    assert dossier.code in text.decode()


def test_a_citizen_cannot_see_or_touch_another_citizens_dossier(apply, citizen, client):
    dossier = draft_submit(actor=citizen, draft_id=apply(CERTIFIED_COPY, COPY_FORM, files={0: pdf_bytes()}).pk)
    file_id = DossierFile.objects.get(dossier=dossier).pk
    client.force_login(make_citizen("nguoi.khac", full_name="Người Khác"))
    base = f"/dich-vu-cong/ho-so-cua-toi/{dossier.code}"
    for url in (f"{base}/", f"{base}/da-nop/", f"{base}/tep/{file_id}/", f"{base}/giay-tiep-nhan/", f"{base}/ket-qua/"):
        assert client.get(url).status_code == 404, url
    assert client.post(f"{base}/rut/", {"reason": "Không cần nữa"}).status_code == 404
    assert client.post(f"{base}/danh-gia/", {"overall": "satisfied"}).status_code == 404
    assert client.post(f"{base}/bo-sung/", {"note": "x"}).status_code == 404
    assert dossier.code not in client.get("/dich-vu-cong/ho-so-cua-toi/").content.decode()
    assert Dossier.objects.get(pk=dossier.pk).state == "submitted"


def test_only_citizens_reach_the_citizen_pages(catalog, client):
    answer = client.get("/dich-vu-cong/ho-so-cua-toi/")
    assert answer.status_code == 302
    assert answer["Location"] == "/tai-khoan/dang-nhap/?next=%2Fdich-vu-cong%2Fho-so-cua-toi%2F"
    client.force_login(make_staff("canbo", agency=catalog[COMMUNE], role="one_stop_officer"))
    assert client.get("/dich-vu-cong/ho-so-cua-toi/")["Location"].startswith("/tai-khoan/dang-nhap/")
    # The catalogue pages are public.
    assert client.get("/dich-vu-cong/").status_code == 200
