"""Uploads: PDF, JPEG, PNG by content only; size limits per file and per dossier; all files or none."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import translation

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dossiers.models import DossierFile
from chinhquyenso.portal.models import DraftFile
from chinhquyenso.portal.services.drafts import draft_attach
from tests.portal.conftest import (
    CERTIFIED_COPY,
    COPY_FORM,
    RESIDENCE_FORM,
    TEMP_RESIDENCE,
    image_bytes,
    make_citizen,
    pdf_bytes,
    upload,
)

pytestmark = pytest.mark.django_db
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200 + b"This program cannot be run in DOS mode."


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def attach(citizen, draft, **files):
    uploads = {int(k.removeprefix("f")): v for k, v in files.items()}
    return draft_attach(actor=citizen, draft_id=draft.pk, uploads=uploads, reuse={})


def test_an_exe_renamed_pdf_is_refused_by_its_content(apply, citizen):
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    with pytest.raises(ValidationFailed) as refused:
        attach(citizen, draft, f0=upload("ban-chinh.pdf", EXE, "application/pdf"))
    assert "PDF, JPEG hoặc PNG" in refused.value.fields["file_0"][0]
    assert not DraftFile.objects.exists()


def test_a_damaged_pdf_and_a_fake_image_are_refused(apply, citizen):
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    whole = pdf_bytes()
    with pytest.raises(ValidationFailed) as refused:
        attach(
            citizen,
            draft,
            f0=upload("a.pdf", whole[: len(whole) // 2]),
            f1=upload("b.png", b"\x89PNG\r\n\x1a\n" + b"rac" * 50, "image/png"),
        )
    assert "hỏng" in refused.value.fields["file_0"][0]
    assert "hỏng" in refused.value.fields["file_1"][0]


def test_one_bad_file_stores_none_of_the_batch(apply, citizen):
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    with pytest.raises(ValidationFailed) as refused:
        attach(citizen, draft, f0=upload("ok.pdf", pdf_bytes()), f1=upload("virus.pdf", EXE))
    assert set(refused.value.fields) == {"file_1"}
    assert not DraftFile.objects.exists()


def test_types_come_from_the_content_and_sha256_is_kept(apply, citizen):
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    png, jpeg = image_bytes("PNG"), image_bytes("JPEG")
    attach(citizen, draft, f0=upload("anh-chup.pdf", png, "application/pdf"), f1=upload("scan", jpeg, "text/plain"))
    stored = {f.component_position: f for f in DraftFile.objects.all()}
    assert (stored[0].content_type, stored[0].name) == ("image/png", "anh-chup.png")
    assert (stored[1].content_type, stored[1].name) == ("image/jpeg", "scan.jpg")
    assert stored[0].sha256 == hashlib.sha256(png).hexdigest() and stored[0].size == len(png)
    assert bytes(stored[1].content) == jpeg


def test_a_file_over_the_per_file_limit_is_refused(apply, citizen, settings):
    settings.PORTAL_MAX_FILE_BYTES = 4000
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    big = pdf_bytes(pages=6, size=(300, 300))
    assert len(big) > 4000
    with pytest.raises(ValidationFailed) as refused:
        attach(citizen, draft, f0=upload("lon.pdf", big))
    assert "lớn hơn" in refused.value.fields["file_0"][0]
    assert not DraftFile.objects.exists()


def test_the_dossier_total_is_limited_counting_files_already_attached(apply, citizen, settings):
    one = pdf_bytes()
    settings.PORTAL_MAX_DOSSIER_BYTES = len(one) * 2 + 10
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    attach(citizen, draft, f0=upload("a.pdf", one), f1=upload("b.pdf", one))
    with pytest.raises(ValidationFailed) as refused:
        attach(citizen, draft, f2=upload("c.pdf", one))
    assert "Tổng dung lượng" in refused.value.fields["files"][0]
    assert DraftFile.objects.count() == 2
    # Replacing a file frees its share of the total.
    attach(citizen, draft, f1=upload("b2.pdf", one))
    assert sorted(DraftFile.objects.values_list("name", flat=True)) == ["a.pdf", "b2.pdf"]


def test_the_page_refuses_with_a_clear_message_and_keeps_nothing(apply, citizen, citizen_client):
    draft = apply(CERTIFIED_COPY, COPY_FORM)
    url = f"/dich-vu-cong/ho-so-nhap/{draft.pk}/giay-to/"
    answer = citizen_client.post(url, {"file_0": upload("ban-chinh.pdf", EXE), "file_1": upload("ok.pdf", pdf_bytes())})
    assert answer.status_code == 422
    body = answer.content.decode()
    assert "Không tệp nào được lưu" in body and "PDF, JPEG hoặc PNG" in body
    assert not DraftFile.objects.exists()
    answer = citizen_client.post(url, {"file_0": upload("ban-chinh.pdf", pdf_bytes())})
    assert answer.status_code == 302
    assert "ban-chinh.pdf" in citizen_client.get(url).content.decode()
    citizen_client.post(f"{url}0/xoa/")
    assert not DraftFile.objects.exists()


def _earlier_result(owner, catalog, officer_code="000.01.27.H56") -> DossierFile:
    """A finished dossier of ``owner`` with a result file, as the back office leaves it."""
    from django.utils import timezone

    from chinhquyenso.dossiers.applicant import Applicant
    from chinhquyenso.dossiers.models import Dossier
    from chinhquyenso.dossiers.services.intake import dossier_intake

    dossier = dossier_intake(
        actor=owner,
        agency_id=catalog[officer_code].pk,
        procedure_code="1.004873",
        channel="online",
        outcome="submit",
        applicant=Applicant(submitter_name=owner.full_name),
    )
    Dossier.objects.filter(pk=dossier.pk).update(state="returned")
    content = pdf_bytes()
    return DossierFile.objects.create(
        dossier=dossier,
        kind=DossierFile.Kind.RESULT,
        name="giay-xac-nhan.pdf",
        content_type="application/pdf",
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_at=timezone.now(),
    )


def test_a_reusable_component_may_take_an_earlier_result_of_the_citizen(apply, citizen, catalog):
    earlier = _earlier_result(citizen, catalog)
    draft = apply(TEMP_RESIDENCE, RESIDENCE_FORM)
    draft_attach(actor=citizen, draft_id=draft.pk, uploads={}, reuse={1: earlier.pk})
    kept = DraftFile.objects.get()
    assert kept.reused_from == earlier and kept.component_position == 1 and kept.sha256 == earlier.sha256
    # Not for a component that the catalogue does not mark reusable.
    with pytest.raises(ValidationFailed) as refused:
        draft_attach(actor=citizen, draft_id=draft.pk, uploads={}, reuse={0: earlier.pk})
    assert "file_0" in refused.value.fields


def test_another_citizens_result_cannot_be_reused(apply, citizen, catalog):
    someone = make_citizen("nguoi.khac", full_name="Người Khác")
    theirs = _earlier_result(someone, catalog)
    draft = apply(TEMP_RESIDENCE, RESIDENCE_FORM)
    with pytest.raises(ValidationFailed):
        draft_attach(actor=citizen, draft_id=draft.pk, uploads={}, reuse={1: theirs.pk})
    assert not DraftFile.objects.exists()
