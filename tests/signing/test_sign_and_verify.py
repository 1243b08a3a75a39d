"""PAdES B-T signatures placed as Decree 30/2020 App. I says, checked by poppler's pdfsig and by our verifier."""

import io
import re
import subprocess
from datetime import UTC, datetime

import pytest
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader

from chinhquyenso.signing.benchmark import signature_box
from chinhquyenso.signing.credentials import PERSON, agency_identity, identity_from_pkcs12, person_identity
from chinhquyenso.signing.errors import NotAPdf, SigningError
from chinhquyenso.signing.pdf_sign import SignatureKind, sign_pdf, signature_fields
from chinhquyenso.signing.pdf_verify import verify_pdf
from chinhquyenso.signing.placement import MM

from .conftest import PASSWORD, pdfsig, pdfsig_signatures

VALID = "Signature Validation: Signature is Valid."
TRUSTED = "Certificate Validation: Certificate is Trusted."


def signed_by_chairman(pdf: bytes) -> bytes:
    return sign_pdf(pdf, signer=person_identity("lanhdao"), kind=SignatureKind.PERSONAL, page=0, box=signature_box())


def sealed(pdf: bytes) -> bytes:
    return sign_pdf(pdf, signer=agency_identity("000.01.27.H56"), kind=SignatureKind.ORGANISATION)


def page_image(pdf: bytes, tmp_path) -> Image.Image:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(
        ["/usr/bin/pdftoppm", "-r", "72", "-f", "1", "-l", "1", "-png", str(path), str(tmp_path / "page")], check=True
    )
    return Image.open(next(tmp_path.glob("page-*1.png"))).convert("RGB")


def count_pixels(image: Image.Image, box, page_height: float, colour) -> int:
    """Pixels inside a PDF-point box (72 dpi: one pixel per point) that are mostly ``colour`` ("blue" or "red")."""
    left, top = int(box.x1), int(page_height - box.y2)
    right, bottom = int(box.x2), int(page_height - box.y1)
    count = 0
    for x in range(left, right):
        for y in range(top, bottom):
            r, g, b = image.getpixel((x, y))
            if colour == "blue" and b > 120 and b > r + 60 and b > g + 40:
                count += 1
            if colour == "red" and r > 150 and r > g + 80 and r > b + 80:
                count += 1
    return count


def test_the_chairmans_signature_is_valid_for_pdfsig_and_for_our_verifier(decision_pdf, nss_dir, tmp_path):
    before = datetime.now(UTC)
    signed = signed_by_chairman(decision_pdf)
    after = datetime.now(UTC)

    assert signed.startswith(decision_pdf)  # an incremental update: the original bytes are untouched
    [block] = pdfsig_signatures(pdfsig(signed, tmp_path, nss_dir))
    assert "Trịnh Đình Thắng DEV" in block
    assert "ETSI.CAdES.detached" in block and "SHA-256" in block
    assert "Total document signed" in block and VALID in block and TRUSTED in block

    report = verify_pdf(signed)
    assert report.valid
    [signature] = report.signatures
    assert signature.signer == "Trịnh Đình Thắng DEV"
    assert signature.issuer == "Chính quyền số DEV Root CA"
    assert signature.intact and signature.signature_valid and signature.trusted_root
    assert signature.timestamp_trusted and before <= signature.signing_time <= after
    assert signature.certificate_valid_at_signing and not signature.modified_after_signing
    assert "Văn bản HỢP LỆ" in report.summary
    assert "Chữ ký HỢP LỆ." in signature.summary
    assert "Người ký: Trịnh Đình Thắng DEV" in signature.summary
    assert "Tổ chức cung cấp dịch vụ chứng thực: Chính quyền số DEV Root CA" in signature.summary
    assert "Toàn vẹn nội dung: có" in signature.summary


def test_person_and_organisation_signatures_on_one_pdf_both_verify(decision_pdf, nss_dir, tmp_path):
    both = sealed(signed_by_chairman(decision_pdf))

    first, second = pdfsig_signatures(pdfsig(both, tmp_path, nss_dir))
    assert "Trịnh Đình Thắng DEV" in first and VALID in first and TRUSTED in first
    assert "UBND xã Thọ Xuân DEV" in second and VALID in second and TRUSTED in second
    assert "Total document signed" in second

    report = verify_pdf(both)
    assert report.valid
    assert [s.signer for s in report.signatures] == ["Trịnh Đình Thắng DEV", "UBND xã Thọ Xuân DEV"]
    assert all(s.valid and not s.modified_after_signing for s in report.signatures)


def test_the_seal_covers_the_left_third_of_the_signature_image_in_red_over_blue(decision_pdf, tmp_path):
    both = sealed(signed_by_chairman(decision_pdf))
    fields = {name: box for name, _page, box in signature_fields(PdfFileReader(io.BytesIO(both)))}
    personal, seal = fields["CQS_personal_1"], fields["CQS_organisation_1"]

    assert personal.as_tuple() == signature_box().as_tuple()
    assert seal.x2 == pytest.approx(personal.x1 + personal.width / 3, abs=1)  # right edge one third in
    assert seal.width == pytest.approx(35 * MM, abs=1)  # the seal at its real size, 35 mm
    assert (seal.y1 + seal.y2) / 2 == pytest.approx((personal.y1 + personal.y2) / 2, abs=1)

    image = page_image(both, tmp_path)
    page_height = image.height
    assert count_pixels(image, personal, page_height, "blue") > 200  # the blue handwritten signature
    assert count_pixels(image, seal, page_height, "red") > 500  # the red seal


def test_an_attachment_gets_a_text_only_stamp_at_the_top_right_of_page_one(decision_pdf, nss_dir, tmp_path):
    stamped = sign_pdf(
        decision_pdf, signer=agency_identity("000.01.27.H56"), kind="attachment", document_code="05/QĐ-UBND"
    )
    [block] = pdfsig_signatures(pdfsig(stamped, tmp_path, nss_dir))
    assert VALID in block and TRUSTED in block

    path = tmp_path / "attachment.pdf"
    path.write_bytes(stamped)
    html = subprocess.run(
        ["/usr/bin/pdftotext", "-bbox", "-f", "1", "-l", "1", str(path), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    text = subprocess.run(["/usr/bin/pdftotext", str(path), "-"], capture_output=True, text=True, check=True).stdout
    assert "Số, ký hiệu: 05/QĐ-UBND" in text
    assert "Ủy ban nhân dân xã Thọ Xuân" in text
    assert re.search(r"Thời gian ký: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00", text)

    words = re.findall(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]+)<', html)
    in_top_margin = [w for w in words if float(w[3]) < 20 * MM]  # y from the top: above the content
    assert "05/QĐ-UBND" in " ".join(w[4] for w in in_top_margin)
    assert any(w[4].endswith("+07:00") for w in in_top_margin)
    for x_min, y_min, _x_max, y_max, _word in in_top_margin:
        assert float(x_min) > 595.28 / 2  # right half of the page
        assert 9 <= float(y_max) - float(y_min) <= 13  # font size 10

    images = subprocess.run(["/usr/bin/pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    assert len(images.stdout.strip().splitlines()) == 2  # header lines only: the stamp has no image


def test_an_electronic_copy_is_stamped_with_its_copy_type(decision_pdf):
    copy = sign_pdf(decision_pdf, signer=agency_identity("000.02.27.H56"), kind="copy", copy_type="SAO Y")
    assert verify_pdf(copy).valid
    with pytest.raises(SigningError) as error:
        sign_pdf(decision_pdf, signer=agency_identity("000.02.27.H56"), kind="copy", copy_type="BẢN NHÁP")
    assert error.value.code == "copy_type_invalid"


def _flip_a_byte_in_the_first_stream(pdf: bytes) -> bytes:
    start = pdf.index(b"stream\n") + len(b"stream\n")
    position = start + 20
    return pdf[:position] + bytes([pdf[position] ^ 0x01]) + pdf[position + 1 :]


def test_a_pdf_changed_after_signing_is_invalid_for_both_verifiers(decision_pdf, nss_dir, tmp_path):
    tampered = _flip_a_byte_in_the_first_stream(sealed(signed_by_chairman(decision_pdf)))

    for block in pdfsig_signatures(pdfsig(tampered, tmp_path, nss_dir)):
        assert "Signature Validation: Digest Mismatch." in block

    report = verify_pdf(tampered)
    assert not report.valid
    assert all(not s.valid and not s.intact for s in report.signatures)
    assert "Văn bản KHÔNG HỢP LỆ" in report.summary
    assert "Văn bản đã bị thay đổi sau khi ký" in report.signatures[0].summary


def test_content_appended_after_signing_is_reported_as_a_modification(decision_pdf, nss_dir, tmp_path):
    signed = signed_by_chairman(decision_pdf)
    writer = IncrementalPdfFileWriter(io.BytesIO(signed))
    forged = writer.add_object(generic.StreamObject(stream_data=b"BT /F1 24 Tf 100 700 Td (Forged) Tj ET"))
    writer.add_stream_to_page(0, forged)
    buffer = io.BytesIO()
    writer.write(buffer)
    appended = buffer.getvalue()

    # pdfsig still finds the signed bytes intact, but says the signature no longer covers the whole file.
    [block] = pdfsig_signatures(pdfsig(appended, tmp_path, nss_dir))
    assert "Not total document signed" in block

    report = verify_pdf(appended)
    assert not report.valid
    [signature] = report.signatures
    assert signature.intact and signature.modified_after_signing
    assert "đã bị sửa đổi sau khi ký" in signature.summary


def test_a_signature_from_an_untrusted_ca_is_reported_untrusted(decision_pdf, foreign_pki_dir, nss_dir, tmp_path):
    impostor = identity_from_pkcs12(
        foreign_pki_dir / "people" / "lanhdao.p12",
        PASSWORD,
        kind=PERSON,
        ref="lanhdao",
        display_name="Trịnh Đình Thắng",
        image_png=(foreign_pki_dir / "people" / "lanhdao.png").read_bytes(),
    )
    with pytest.raises(SigningError) as refused:
        sign_pdf(decision_pdf, signer=impostor, kind="personal")
    assert refused.value.code == "certificate_invalid"  # checked before signing

    forged = sign_pdf(decision_pdf, signer=impostor, kind="personal", check_signer=False)
    [block] = pdfsig_signatures(pdfsig(forged, tmp_path, nss_dir))
    assert VALID in block and "Certificate issuer isn't Trusted." in block

    report = verify_pdf(forged)
    assert not report.valid
    [signature] = report.signatures
    assert signature.intact and not signature.trusted_root and signature.issuer == "Untrusted DEV CA"
    assert "không do tổ chức cung cấp dịch vụ chứng thực tin cậy cấp" in signature.summary


def test_signing_refuses_the_wrong_kind_of_key_and_a_seal_with_nothing_to_cover(decision_pdf):
    with pytest.raises(SigningError) as error:
        sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="organisation")
    assert error.value.code == "wrong_signer_kind"
    with pytest.raises(SigningError) as error:
        sign_pdf(decision_pdf, signer=agency_identity("000.01.27.H56"), kind="organisation")
    assert error.value.code == "personal_signature_missing"
    with pytest.raises(SigningError) as error:
        sign_pdf(decision_pdf, signer=person_identity("lanhdao"), kind="personal", page=3)
    assert error.value.code == "page_out_of_range"
    with pytest.raises(SigningError) as error:
        person_identity("khongco")
    assert error.value.code == "no_signing_key"


def test_unsigned_and_non_pdf_input(decision_pdf):
    report = verify_pdf(decision_pdf)
    assert not report.valid and report.signatures == []
    assert report.summary == "Văn bản không có chữ ký số."
    with pytest.raises(NotAPdf):
        verify_pdf(b"<html>not a pdf</html>")
    with pytest.raises(NotAPdf):
        sign_pdf(b"%PDF-1.7 truncated", signer=person_identity("lanhdao"), kind="personal")
