"""The staff API: intake, inbox, detail, actions with 409 + allowed actions, result upload."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from tests.dossiers.conftest import COMMUNE

pytestmark = pytest.mark.django_db

INTAKE = {
    "procedure_code": "1.004873",
    "applicant": {"submitter_name": "Trần Thị Bình", "submitter_phone": "0987654321"},
    "provided": [0],
}


@pytest.fixture
def api(client, all_roles):
    client.force_login(all_roles)
    return client


def test_intake_inbox_detail_and_actions(api, catalog, clock):
    created = api.post(
        "/api/v1/dossiers", {**INTAKE, "agency_id": catalog[COMMUNE].pk}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    code = created.json()["code"]
    inbox = api.get("/api/v1/dossiers", {"state": "received"}).json()
    assert inbox["count"] == 1 and inbox["items"][0]["code"] == code

    detail = api.get(f"/api/v1/dossiers/{code}").json()
    assert "assign" in detail["allowed_actions"] and "return_result" not in detail["allowed_actions"]
    assert [e["action"] for e in detail["events"]] == ["submit", "receive"]

    wrong = api.post(f"/api/v1/dossiers/{code}/actions/return_result", {}, content_type="application/json")
    assert wrong.status_code == 409
    assert wrong.json()["allowed_actions"] == detail["allowed_actions"]
    assert wrong.json()["state"] == "received"

    missing = api.post(f"/api/v1/dossiers/{code}/actions/refuse", {}, content_type="application/json")
    assert missing.status_code == 422 and "reason" in missing.json()["fields"]

    done = api.post(
        f"/api/v1/dossiers/{code}/actions/refuse",
        {"reason": "Không đủ điều kiện", "version": detail["version"]},
        content_type="application/json",
    )
    assert done.status_code == 200 and done.json()["state"] == "refused"

    stale = api.post(
        f"/api/v1/dossiers/{code}/actions/withdraw",
        {"reason": "x", "version": detail["version"]},
        content_type="application/json",
    )
    assert stale.status_code == 409


def test_bad_intake_input_is_422_never_500(api, catalog, clock):
    bad = api.post(
        "/api/v1/dossiers",
        {"agency_id": catalog[COMMUNE].pk, "procedure_code": "1.004873", "applicant": {"submitter_name": ""}},
        content_type="application/json",
    )
    assert bad.status_code == 422 and "submitter_name" in bad.json()["fields"]
    garbage = api.post("/api/v1/dossiers", "{not json", content_type="application/json")
    assert 400 <= garbage.status_code < 500


def test_result_file_upload(api, intake, clock, all_roles):
    from chinhquyenso.dossiers.services.transitions import dossier_act

    dossier = intake(actor=all_roles)
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    dossier_act(actor=all_roles, code=dossier.code, action="decide", content="Cấp giấy")
    upload = SimpleUploadedFile("giay-xac-nhan.pdf", b"%PDF-1.7\n...", content_type="application/pdf")
    response = api.post(f"/api/v1/dossiers/{dossier.code}/result-files", {"file": upload})
    assert response.status_code == 200, response.content
    assert dossier.files.get().name == "giay-xac-nhan.pdf"


def test_an_officer_of_another_commune_gets_404(client, intake, clock, catalog):
    from chinhquyenso.core.models import Role
    from tests.factories import make_staff

    dossier = intake()
    stranger = make_staff("lamson2", agency=catalog["000.02.27.H56"], role=Role.ONE_STOP_OFFICER)
    client.force_login(stranger)
    assert client.get(f"/api/v1/dossiers/{dossier.code}").status_code == 404
    assert client.get("/api/v1/dossiers").json()["count"] == 0
