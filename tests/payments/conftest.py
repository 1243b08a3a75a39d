from __future__ import annotations

from urllib.parse import parse_qsl, urlsplit

import pytest

from chinhquyenso.core.models import AccountKind, User
from chinhquyenso.dossiers.services.intake import dossier_intake
from tests.dossiers.conftest import APPLICANT, COMMUNE, catalog, clock, officer, specialist  # noqa: F401

# Đăng ký thành lập doanh nghiệp tư nhân: 50.000 đ "(nộp hồ sơ giấy)" and 100.000 đ publication fee.
BUSINESS = "2.001610"
FREE = "1.001193"  # birth registration: 0 đồng


def make_citizen(username: str, full_name: str, email: str = "") -> User:
    user = User(username=username, full_name=full_name, email=email, kind=AccountKind.CITIZEN)
    user.set_unusable_password()
    user.save()
    return user


@pytest.fixture
def citizen(db):
    return make_citizen("0912345678", "Nguyễn Văn An", "an.nguyen@example.vn")


@pytest.fixture
def stranger(db):
    return make_citizen("0987654321", "Trần Thị Bình")


@pytest.fixture
def online_dossier(catalog, citizen):  # noqa: F811
    def make(procedure_code: str = BUSINESS):
        return dossier_intake(
            actor=citizen,
            agency_id=catalog[COMMUNE].pk,
            procedure_code=procedure_code,
            channel="online",
            applicant=APPLICANT,
            outcome="submit",
        )

    return make


def query_of(url: str) -> dict[str, str]:
    return dict(parse_qsl(urlsplit(url).query, keep_blank_values=True))


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return parts.path + ("?" + parts.query if parts.query else "")


def pay_through_fake(client, dossier, outcome: str):
    """Pay button → fake gateway page → the tester's choice; returns the response of the return page."""
    start = client.post(f"/thanh-toan/ho-so/{dossier.code}/")
    assert start.status_code == 302, start.content.decode()
    gateway_page = client.get(start["Location"])
    assert gateway_page.status_code == 200, gateway_page.content.decode()
    assert "order_ref" in query_of(start["Location"]), start["Location"]
    order_ref = query_of(start["Location"])["order_ref"]
    back = client.post("/thanh-toan/cong-gia-lap/", {"order_ref": order_ref, "outcome": outcome})
    assert back.status_code == 302
    return client.get(path_of(back["Location"]))
