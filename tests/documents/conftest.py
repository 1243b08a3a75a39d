import pytest

from chinhquyenso.core.models import Role
from chinhquyenso.documents.models import DocumentType
from chinhquyenso.documents.seed import ensure_document_types
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
