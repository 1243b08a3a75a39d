"""The public lookup: no log-in, masked owner, a clear 404, and a per-IP rate limit."""

from __future__ import annotations

import pytest
from django.core.cache import cache

from chinhquyenso.dossiers.masking import mask_name
from chinhquyenso.dossiers.services.transitions import dossier_act

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _fresh_rate_window():
    cache.clear()
    yield
    cache.clear()


@pytest.mark.parametrize(
    ("name", "masked"),
    [("Nguyễn Văn An", "Nguyễn V** A**"), ("Lê Thị Thu Hà", "Lê T** T** H**"), ("Đỗ", "Đỗ"), ("  ", "")],
)
def test_owner_names_are_masked(name, masked):
    assert mask_name(name) == masked


def test_anyone_can_follow_a_dossier_through_its_states(client, intake, clock, all_roles):
    dossier = intake(actor=all_roles)
    url = f"/api/v1/public/dossiers/{dossier.code}"
    body = client.get(url).json()
    assert body["state"] == "received" and body["national_status"] == 2
    assert body["owner"] == "Nguyễn V** A**"
    assert body["procedure_code"] == "1.004873" and body["due_at"].startswith("2026-03-05T02:00")
    assert "submitter_phone" not in body and "0912345678" not in str(body)
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    assert client.get(url).json()["current_step"].startswith("Kiểm tra, xác minh tình trạng hôn nhân")
    dossier_act(actor=all_roles, code=dossier.code, action="decide", content="Cấp giấy")
    body = client.get(url).json()
    assert (body["state"], body["result_available"]) == ("resolved", True)

    page = client.get("/tra-cuu/", {"ma": dossier.code})
    html = page.content.decode()
    assert page.status_code == 200 and "Nguyễn V** A**" in html and "Nguyễn Văn An" not in html


def test_an_unknown_code_is_a_clear_404(client, catalog):
    response = client.get("/api/v1/public/dossiers/000.01.27.H56-260101-9999")
    assert response.status_code == 404
    assert response.json()["code"] == "not_found" and "000.01.27.H56-260101-9999" in response.json()["message"]
    page = client.get("/tra-cuu/", {"ma": "KHONG-CO"})
    assert page.status_code == 404 and "KHONG-CO" in page.content.decode()


def test_lookups_are_rate_limited_per_ip(client, catalog, settings):
    settings.PUBLIC_LOOKUP_PER_MINUTE = 3
    statuses = [client.get("/api/v1/public/dossiers/X-1", REMOTE_ADDR="203.0.113.7").status_code for _ in range(5)]
    assert statuses == [404, 404, 404, 429, 429]
    assert client.get("/api/v1/public/dossiers/X-1", REMOTE_ADDR="203.0.113.8").status_code == 404
    limited = client.get("/api/v1/public/dossiers/X-1", REMOTE_ADDR="203.0.113.7").json()
    assert limited["code"] == "rate_limited"


def test_a_code_typed_in_lower_case_with_spaces_is_found_and_junk_is_a_404(client, intake, all_roles):
    dossier = intake(actor=all_roles)
    page = client.get("/tra-cuu/", {"ma": f"  {dossier.code.lower()} "})
    assert page.status_code == 200 and dossier.code in page.content.decode()
    for junk in ("%00", "' OR 1=1 --", "x" * 5000, f"{dossier.code}0"):
        response = client.get(f"/api/v1/public/dossiers/{junk}")
        assert response.status_code == 404, junk
    assert client.get("/tra-cuu/", {"ma": "A\x00B"}).status_code == 404
