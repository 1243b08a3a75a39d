import subprocess

import pytest

from chinhquyenso.core.models import Role
from chinhquyenso.documents.models import DocumentType
from chinhquyenso.documents.seed import ensure_document_types
from chinhquyenso.signing.pki import AgencySpec, PersonSpec, pki_init
from tests.factories import make_staff

THO_XUAN = "000.01.27.H56"
LAM_SON = "000.02.27.H56"


@pytest.fixture(autouse=True)
def _document_types(request):
    # Reference rows a transactional test elsewhere may have flushed.
    if "db" in request.fixturenames or request.node.get_closest_marker("django_db"):
        ensure_document_types()


@pytest.fixture
def types(db):
    ensure_document_types()
    return {t.code: t for t in DocumentType.objects.all()}


@pytest.fixture
def tho_xuan(demo):
    return demo[THO_XUAN]


@pytest.fixture
def lam_son(demo):
    return demo[LAM_SON]


@pytest.fixture
def staff(tho_xuan, lam_son):
    """One account per clerical role in Thọ Xuân, and a clerk and a leader in Lâm Sơn."""
    return {
        "clerk": make_staff("vt.thoxuan", agency=tho_xuan, role=Role.CLERK),
        "specialist": make_staff("cv.thoxuan", agency=tho_xuan, role=Role.SPECIALIST),
        "leader": make_staff("ld.thoxuan", agency=tho_xuan, role=Role.UNIT_LEADER),
        "clerk_ls": make_staff("vt.lamson", agency=lam_son, role=Role.CLERK),
        "leader_ls": make_staff("ld.lamson", agency=lam_son, role=Role.UNIT_LEADER),
        "specialist_ls": make_staff("cv.lamson", agency=lam_son, role=Role.SPECIALIST),
    }


# --- digital signatures --------------------------------------------------------------------------------------

PKI_PASSWORD = "documents-test-pki"
THO_XUAN_SPEC = AgencySpec(THO_XUAN, "Ủy ban nhân dân xã Thọ Xuân", "UBND xã Thọ Xuân")
LAM_SON_SPEC = AgencySpec(LAM_SON, "Ủy ban nhân dân xã Lam Sơn", "UBND xã Lam Sơn")
SIGNERS = {
    "ld.thoxuan": PersonSpec(
        "ld.thoxuan", "Trịnh Đình Thắng", "Chủ tịch", THO_XUAN, THO_XUAN_SPEC.name, "UBND xã Thọ Xuân"
    ),
    "ld.lamson": PersonSpec("ld.lamson", "Lê Văn Minh", "Chủ tịch", LAM_SON, LAM_SON_SPEC.name, "UBND xã Lam Sơn"),
}


@pytest.fixture(scope="session")
def documents_pki(tmp_path_factory):
    """The development PKI of the two communes' chairmen (the ``staff`` leaders) and seals."""
    directory = tmp_path_factory.mktemp("documents-pki")
    pki_init(directory, PKI_PASSWORD, people=list(SIGNERS.values()), agencies=[THO_XUAN_SPEC, LAM_SON_SPEC])
    return directory


@pytest.fixture
def signing(settings, documents_pki):
    settings.PKI_DIR = documents_pki
    settings.PKI_PASSWORD = PKI_PASSWORD
    settings.SIGNING_TRUST_ROOTS = []
    settings.TSA_URL = None
    settings.SIGNATURE_BACKEND = "file"
    return documents_pki


@pytest.fixture
def signers(staff, signing):
    """The ``staff`` leaders carry their chairmen's names, as the PKI does."""
    for key, username in (("leader", "ld.thoxuan"), ("leader_ls", "ld.lamson")):
        staff[key].full_name = SIGNERS[username].full_name
        staff[key].save(update_fields=["full_name"])
    return staff


@pytest.fixture(scope="session")
def documents_nss(tmp_path_factory, documents_pki) -> str:
    """An NSS database trusting the test CA, so poppler's pdfsig can check our signatures independently."""
    directory = tmp_path_factory.mktemp("documents-nss")
    subprocess.run(["/usr/bin/certutil", "-N", "-d", f"sql:{directory}", "--empty-password"], check=True)
    subprocess.run(
        ["/usr/bin/certutil", "-A", "-d", f"sql:{directory}", "-n", "cqs-test-ca", "-t", "CT,C,C"]
        + ["-i", str(documents_pki / "ca.pem")],
        check=True,
    )
    return f"sql:{directory}"
