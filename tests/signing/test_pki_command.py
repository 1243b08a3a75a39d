"""``chinhquyenso pki init``: a development PKI that says it is one, with encrypted keys, made only once."""

import io
from io import StringIO

import pytest
from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID
from django.core.management import call_command
from django.core.management.base import CommandError
from PIL import Image

from .conftest import PASSWORD


def load(path, password=PASSWORD):
    return pkcs12.load_key_and_certificates(path.read_bytes(), password.encode())


def test_pki_init_creates_the_demo_pki_once_and_keeps_it(tmp_path, settings):
    settings.PKI_PASSWORD = PASSWORD
    out = StringIO()
    call_command("pki", "init", "--dir", str(tmp_path), stdout=out)
    lines = out.getvalue().splitlines()
    created = [line for line in lines if line.startswith("created")]
    # The CA, the TSA, the two chairmen "lanhdao" and "lanhdao.lamson" and the seven demo agencies.
    assert len(created) == 11
    assert any("person" in line and "lanhdao" in line for line in created)
    assert any("agency" in line and "000.01.27.H56" in line for line in created)

    files = sorted(tmp_path.rglob("*.p12"))
    before = {path: path.read_bytes() for path in files}
    again = StringIO()
    call_command("pki", "init", "--dir", str(tmp_path), stdout=again)
    assert not [line for line in again.getvalue().splitlines() if line.startswith("created")]
    assert {path: path.read_bytes() for path in sorted(tmp_path.rglob("*.p12"))} == before

    ca = x509.load_pem_x509_certificate((tmp_path / "ca.pem").read_bytes())
    for path in files:
        key, certificate, _chain = load(path)
        organisation = certificate.subject.get_attributes_for_oid(NameOID.ORGANIZATION_NAME)[0].value
        common_name = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
        assert organisation.endswith("(CHỈ DÙNG THỬ NGHIỆM)") and "DEV" in common_name
        assert isinstance(key, rsa.RSAPrivateKey) and key.key_size == 2048
        assert certificate.signature_hash_algorithm.name == "sha256"
        assert certificate.issuer == ca.subject
        with pytest.raises(ValueError):
            load(path, "not the password")  # the keys are encrypted

    _key, tsa, _chain = load(tmp_path / "tsa.p12")
    usage = tsa.extensions.get_extension_for_class(x509.ExtendedKeyUsage)
    assert usage.critical and list(usage.value) == [ExtendedKeyUsageOID.TIME_STAMPING]
    _key, chairman, _chain = load(tmp_path / "people" / "lanhdao.p12")
    assert chairman.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value == "Trịnh Đình Thắng DEV"
    assert chairman.extensions.get_extension_for_class(x509.KeyUsage).value.content_commitment  # non-repudiation


def test_the_signature_is_blue_and_the_seal_red_on_transparent_png(tmp_path, settings, pki_dir):
    signature = Image.open(io.BytesIO((pki_dir / "people" / "lanhdao.png").read_bytes()))
    seal = Image.open(io.BytesIO((pki_dir / "agencies" / "000.01.27.H56.png").read_bytes()))
    for image, (dominant, others) in ((signature, (2, (0, 1))), (seal, (0, (1, 2)))):
        assert image.format == "PNG" and image.mode == "RGBA"
        assert image.getpixel((0, 0))[3] == 0  # transparent background
        raw = image.tobytes()
        inked = [raw[i : i + 4] for i in range(0, len(raw), 4) if raw[i + 3] > 200]
        assert len(inked) > 1000
        assert all(p[dominant] > max(p[o] for o in others) for p in inked)


def test_pki_init_with_the_wrong_password_exits_2_and_changes_nothing(tmp_path, settings, pki_dir):
    settings.PKI_PASSWORD = "another password"
    before = (pki_dir / "ca.p12").read_bytes()
    with pytest.raises(CommandError) as error:
        call_command("pki", "init", "--dir", str(pki_dir))
    assert error.value.returncode == 2
    assert "CQS_PKI_PASSWORD" in str(error.value)
    assert (pki_dir / "ca.p12").read_bytes() == before


def test_bench_signing_prints_the_medians_with_a_verdict():
    out = StringIO()
    call_command("bench", "signing", "--runs", "2", stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("sign   p50:") and lines[0].split()[-1] in {"PASS", "FAIL"}
    assert lines[1].startswith("verify p50:") and lines[1].split()[-1] in {"PASS", "FAIL"}
