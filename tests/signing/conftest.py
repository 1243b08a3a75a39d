"""A development PKI per test session (the demo chairman and two agencies), an NSS database trusting its CA for
poppler's ``pdfsig``, and a one-page decision rendered by WeasyPrint."""

import subprocess
from pathlib import Path

import pytest

from chinhquyenso.signing.pki import AgencySpec, PersonSpec, pki_init

PASSWORD = "test-pki-password"
# Debian's paths (poppler-utils, libnss3-tools; scripts/install-test-packages.sh installs both).
CERTUTIL = "/usr/bin/certutil"
PDFSIG = "/usr/bin/pdfsig"
THO_XUAN = AgencySpec("000.01.27.H56", "Ủy ban nhân dân xã Thọ Xuân", "UBND xã Thọ Xuân")
LAM_SON = AgencySpec("000.02.27.H56", "Ủy ban nhân dân xã Lam Sơn", "UBND xã Lam Sơn")
CHAIRMAN = PersonSpec(
    "lanhdao", "Trịnh Đình Thắng", "Chủ tịch", THO_XUAN.identifier, THO_XUAN.name, THO_XUAN.short_name
)


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory) -> Path:
    directory = tmp_path_factory.mktemp("pki")
    pki_init(directory, PASSWORD, people=[CHAIRMAN], agencies=[THO_XUAN, LAM_SON])
    return directory


@pytest.fixture(scope="session")
def foreign_pki_dir(tmp_path_factory) -> Path:
    """Another CA with a look-alike chairman: nothing here is trusted by the platform."""
    directory = tmp_path_factory.mktemp("foreign-pki")
    pki_init(directory, PASSWORD, people=[CHAIRMAN], agencies=[THO_XUAN], ca_name="Untrusted DEV CA")
    return directory


@pytest.fixture(autouse=True)
def signing_settings(settings, pki_dir):
    settings.PKI_DIR = pki_dir
    settings.PKI_PASSWORD = PASSWORD
    settings.SIGNING_TRUST_ROOTS = []
    settings.TSA_URL = None
    settings.SIGNATURE_BACKEND = "file"
    settings.TSA_HTTP_ENABLED = True
    return settings


@pytest.fixture(scope="session")
def nss_dir(tmp_path_factory, pki_dir) -> str:
    """An NSS database trusting the dev CA, so pdfsig can say "Certificate is Trusted"."""
    directory = tmp_path_factory.mktemp("nss")
    subprocess.run([CERTUTIL, "-N", "-d", f"sql:{directory}", "--empty-password"], check=True)
    subprocess.run(
        [CERTUTIL, "-A", "-d", f"sql:{directory}", "-n", "cqs-dev-ca", "-t", "CT,C,C", "-i", str(pki_dir / "ca.pem")],
        check=True,
    )
    return f"sql:{directory}"


@pytest.fixture(scope="session")
def decision_pdf() -> bytes:
    from chinhquyenso.signing.benchmark import sample_pdf

    return sample_pdf()


def pdfsig(pdf: bytes, tmp_path: Path, nss_dir: str) -> str:
    path = tmp_path / f"checked-{len(list(tmp_path.iterdir()))}.pdf"
    path.write_bytes(pdf)
    result = subprocess.run([PDFSIG, "-nssdir", nss_dir, str(path)], capture_output=True, text=True, check=False)
    return result.stdout


def pdfsig_signatures(output: str) -> list[str]:
    """pdfsig's report cut into one block per signature."""
    return [block for block in output.split("Signature #")[1:]]
