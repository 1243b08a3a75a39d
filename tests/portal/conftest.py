from __future__ import annotations

import io
from datetime import datetime

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from chinhquyenso.core.models import AccountKind, Role, User
from chinhquyenso.workcal.calendar import VN_TZ
from tests.factories import make_staff

COMMUNE = "000.01.27.H56"
OTHER_COMMUNE = "000.02.27.H56"
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
# Certificate of marital status: full online, e-form of 7 fields, component 0 is the declaration (answered by
# the e-form), the others optional.
MARITAL = "1.004873"
# Temporary residence: full online, component 1 (proof of lawful residence) required and reusable.
TEMP_RESIDENCE = "1.004194"
# Certified copy from the original: partly online, component 0 (the original) required.
CERTIFIED_COPY = "2.000815"


@pytest.fixture
def catalog(demo):
    from chinhquyenso.catalog.demo.loader import ensure_demo_catalog

    ensure_demo_catalog()
    return demo


PKI_PASSWORD = "portal-test-pki"


@pytest.fixture(scope="session")
def pki_dir(tmp_path_factory):
    """A development PKI (CA, TSA, the commune) for signed results."""
    from chinhquyenso.signing.pki import AgencySpec, pki_init

    directory = tmp_path_factory.mktemp("portal-pki")
    pki_init(
        directory,
        PKI_PASSWORD,
        people=[],
        agencies=[AgencySpec(COMMUNE, "Ủy ban nhân dân xã Thọ Xuân", "UBND xã Thọ Xuân")],
    )
    return directory


@pytest.fixture
def signing(settings, pki_dir):
    settings.PKI_DIR = pki_dir
    settings.PKI_PASSWORD = PKI_PASSWORD
    settings.SIGNING_TRUST_ROOTS = []
    settings.TSA_URL = None
    settings.SIGNATURE_BACKEND = "file"
    return settings


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


def make_citizen(username: str = "cong.dan", **extra) -> User:
    values = {"full_name": "Nguyễn Văn An", "email": "an.nguyen@example.vn", "phone": "0912345678", **extra}
    user = User(username=username, kind=AccountKind.CITIZEN, **values)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def citizen(db):
    return make_citizen()


@pytest.fixture
def citizen_client(client, citizen):
    client.force_login(citizen)
    session = client.session
    session["cqs_auth_method"] = "vneid"
    session.save()
    return client


@pytest.fixture
def officer(catalog):
    return make_staff("tiepnhan", agency=catalog[COMMUNE], role=Role.ONE_STOP_OFFICER)


def pdf_bytes(pages: int = 1, size: tuple[int, int] = (40, 40)) -> bytes:
    buffer = io.BytesIO()
    images = [Image.new("RGB", size, "white") for _ in range(pages)]
    images[0].save(buffer, "PDF", save_all=True, append_images=images[1:])
    return buffer.getvalue()


def image_bytes(kind: str = "PNG", size: tuple[int, int] = (40, 40)) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 30, 30)).save(buffer, kind)
    return buffer.getvalue()


def upload(name: str, content: bytes, content_type: str = "application/pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type)


MARITAL_FORM = {
    "ho_ten_nguoi_yeu_cau": "Nguyễn Văn An",
    "so_dinh_danh_nguoi_yeu_cau": "038090001234",
    "ngay_sinh": "1990-05-12",
    "muc_dich_su_dung": "Đăng ký kết hôn",
    "so_dien_thoai": "0912345678",
}
COPY_FORM = {
    "ho_ten_nguoi_yeu_cau": "Nguyễn Văn An",
    "so_dinh_danh_nguoi_yeu_cau": "038090001234",
    "ten_giay_to": "Bằng tốt nghiệp đại học",
    "so_trang_ban_chinh": "2",
    "so_ban_sao": "3",
    "so_dien_thoai": "0912345678",
}
RESIDENCE_FORM = {
    "ho_ten_nguoi_dang_ky": "Nguyễn Văn An",
    "so_dinh_danh_nguoi_dang_ky": "038090001234",
    "dia_chi_tam_tru": "Số 5, thôn Đông, xã Thọ Xuân",
    "thoi_han_tam_tru_thang": "12",
    "ly_do": "Lao động",
    "so_dien_thoai": "0912345678",
}


@pytest.fixture
def apply(catalog, citizen):
    """Starts a draft for ``code`` at the commune, saves ``form`` and attaches ``files`` {position: bytes}."""
    from chinhquyenso.portal.services.drafts import draft_attach, draft_save, draft_start

    def make(code=MARITAL, form=None, files=None, actor=None, agency=COMMUNE):
        actor = actor or citizen
        draft = draft_start(actor=actor, procedure_code=code, agency_id=catalog[agency].pk)
        draft_save(actor=actor, draft_id=draft.pk, values=form if form is not None else MARITAL_FORM)
        if files:
            uploads = {pos: upload(f"giay-to-{pos}.pdf", content) for pos, content in files.items()}
            draft_attach(actor=actor, draft_id=draft.pk, uploads=uploads, reuse={})
        return draft

    return make
