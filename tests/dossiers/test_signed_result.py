"""The electronic result a citizen downloads carries the agency's valid signature; a file that cannot be signed
is kept as the officer uploaded it."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from chinhquyenso.dossiers.models import DossierFile
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.signing.pdf_verify import verify_pdf
from chinhquyenso.signing.pki import pki_init
from tests.portal.conftest import pdf_bytes

pytestmark = pytest.mark.django_db


def _resolved(intake, all_roles):
    dossier = intake()
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    dossier_act(actor=all_roles, code=dossier.code, action="decide", content="Cấp giấy xác nhận")
    return dossier


def _attach(all_roles, code: str, name: str, content: bytes, content_type: str) -> DossierFile:
    upload = SimpleUploadedFile(name, content, content_type=content_type)
    dossier_act(actor=all_roles, code=code, action="attach_result", file=upload)
    return DossierFile.objects.get(dossier__code=code, kind="result")


def test_a_pdf_result_is_signed_by_the_agency(intake, all_roles, catalog):
    pki_init(settings.PKI_DIR, settings.PKI_PASSWORD or "")
    dossier = _resolved(intake, all_roles)
    original = pdf_bytes(1)
    stored = _attach(all_roles, dossier.code, "giay-xac-nhan.pdf", original, "application/pdf")
    assert bytes(stored.content) != original and bytes(stored.content).startswith(original)  # an incremental update
    report = verify_pdf(bytes(stored.content))
    assert report.valid and "xã Thọ Xuân" in report.signatures[0].signer
    assert dossier.events.get(action="attach_result").data["signed"] is True


def test_a_result_that_is_not_a_pdf_is_kept_unsigned(intake, all_roles, catalog):
    pki_init(settings.PKI_DIR, settings.PKI_PASSWORD or "")
    dossier = _resolved(intake, all_roles)
    stored = _attach(all_roles, dossier.code, "ket-qua.png", b"\x89PNG\r\n\x1a\n" + b"0" * 64, "image/png")
    assert bytes(stored.content).startswith(b"\x89PNG") and stored.content_type == "image/png"
    assert dossier.events.get(action="attach_result").data["signed"] is False
