"""The staff pages and the API: registers with Excel, document pages with their buttons, actions, 409s."""

import base64

import pytest
from openpyxl import load_workbook

from chinhquyenso.core.demo.accounts import DEMO_PASSWORD
from chinhquyenso.documents.demo.loader import ensure_demo_documents
from chinhquyenso.documents.models import IncomingDocument, OutgoingDocument
from tests.documents.flows import paper_incoming

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk_client(client, demo):
    ensure_demo_documents(demo)
    client.login(username="vanthu", password=DEMO_PASSWORD)
    return client


def test_the_registers_show_the_demo_documents_and_export_to_excel(clerk_client):
    page = clerk_client.get("/van-ban/den/").content.decode()
    assert "Sổ văn bản đến" in page
    assert "Hướng dẫn lập dự toán ngân sách xã năm 2027" in page
    assert "Mời dự hội nghị triển khai chuyển đổi số" in page
    outgoing = clerk_client.get("/van-ban/di/").content.decode()
    assert "01/QĐ-UBND" in outgoing
    response = clerk_client.get("/van-ban/den/?format=xlsx")
    sheet = load_workbook(__import__("io").BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "Số đến"
    assert {r[6] for r in rows[1:]} >= {"Hướng dẫn lập dự toán ngân sách xã năm 2027"}


def test_filters_and_search_page(clerk_client):
    page = clerk_client.get("/van-ban/den/?q=phong chong chay rung").content.decode()
    assert "tăng cường phòng, chống cháy rừng" in page
    assert "Hướng dẫn lập dự toán" not in page
    found = clerk_client.get("/van-ban/tim-kiem/?q=ban chi dao").content.decode()
    assert "kiện toàn Ban Chỉ đạo chuyển đổi số" in found
    excel = clerk_client.get("/van-ban/tim-kiem/?q=ban chi dao&format=xlsx")
    assert excel["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_document_page_shows_trail_and_the_allowed_buttons(clerk_client):
    decision = OutgoingDocument.objects.get(notation="QĐ-UBND", agency__identifier="000.01.27.H56")
    page = clerk_client.get(f"/van-ban/di/{decision.pk}/").content.decode()
    assert "Đã phát hành" in page
    assert "Thu hồi</button>" in page  # the clerk may recall
    assert "Cấp số</button>" not in page
    assert "<td>Cấp số</td>" in page  # in the trail
    assert "Ủy ban nhân dân xã Lam Sơn" in page
    pending = IncomingDocument.objects.get(subject__startswith="Về việc kiện toàn", agency__identifier="000.02.27.H56")
    assert clerk_client.get(f"/van-ban/den/{pending.pk}/").status_code == 404  # Lâm Sơn's tray


def test_a_clerk_registers_paper_through_the_form_and_sees_field_errors(clerk_client):
    bad = clerk_client.post("/van-ban/den/dang-ky/", {"document_type": "cong-van", "subject": "x" * 501})
    assert bad.status_code == 422
    text = bad.content.decode()
    assert "Tối đa 500 ký tự" in text
    assert "Nhập cơ quan ban hành." in text
    good = clerk_client.post(
        "/van-ban/den/dang-ky/",
        {
            "document_type": "cong-van",
            "subject": "Về việc kiểm tra",
            "organ_name": "Sở Nội vụ",
            "number": "12",
            "notation": "SNV-TCBC",
        },
        follow=True,
    )
    assert "Đã vào sổ với số đến 4." in good.content.decode()


def test_the_api_creates_acts_and_answers_409_with_allowed_actions(client, demo, staff, tho_xuan, types):
    client.force_login(staff["specialist"])
    draft = client.post(
        "/api/v1/documents/outgoing",
        {
            "agency_id": tho_xuan.pk,
            "document_type": "thong-bao",
            "subject": "Thông báo lịch tiếp công dân",
            "recipients": [{"organ_name": "Nhân dân", "paper": True}],
            "draft": {
                "name": "tb.pdf",
                "content_type": "application/pdf",
                "content_base64": base64.b64encode(b"%PDF").decode(),
            },
        },
        content_type="application/json",
    )
    assert draft.status_code == 201, draft.content
    document_id = draft.json()["document"]["id"]
    assert draft.json()["document"]["allowed_actions"] == ["edit", "submit"]
    wrong = client.post(f"/api/v1/documents/outgoing/{document_id}/dispatch", {}, content_type="application/json")
    assert wrong.status_code == 409
    assert wrong.json()["code"] == "transition_not_allowed"
    assert wrong.json()["fields"]["allowed_actions"] == ["edit", "submit"]
    ok = client.post(f"/api/v1/documents/outgoing/{document_id}/submit", {}, content_type="application/json")
    assert ok.json()["document"]["status"] == "in_review"
    too_long = client.post(
        "/api/v1/documents/outgoing",
        {"agency_id": tho_xuan.pk, "document_type": "thong-bao", "subject": "x" * 501},
        content_type="application/json",
    )
    assert too_long.status_code == 422
    assert "subject" in too_long.json()["fields"]


def test_the_api_registers_paper_and_warns_on_a_duplicate(client, staff, tho_xuan, types):
    paper_incoming(staff, tho_xuan, types)
    client.force_login(staff["clerk"])
    response = client.post(
        "/api/v1/documents/incoming",
        {
            "agency_id": tho_xuan.pk,
            "document_type": "cong-van",
            "subject": "Về việc báo cáo tình hình thu ngân sách quý I",
            "organ_name": "Sở Tài chính tỉnh Thanh Hóa",
            "number": "123",
            "notation": "STC-NS",
        },
        content_type="application/json",
    )
    assert response.status_code == 201
    body = response.json()
    assert body["document"]["arrival_number"] == 2
    assert [w["code"] for w in body["warnings"]] == ["duplicate_number_notation"]
    other = client.get(f"/api/v1/documents/incoming/{body['document']['id']}")
    assert other.json()["allowed_actions"] == []  # a clerk does not assign
    client.force_login(staff["clerk_ls"])
    assert client.get(f"/api/v1/documents/incoming/{body['document']['id']}").status_code == 404


def test_work_file_pages_and_exports(clerk_client):
    listing = clerk_client.get("/van-ban/ho-so/").content.decode()
    assert "Hồ sơ kiện toàn Ban Chỉ đạo chuyển đổi số xã" in listing
    from chinhquyenso.documents.models import WorkFile

    work_file = WorkFile.objects.get(code="01.VP")
    page = clerk_client.get(f"/van-ban/ho-so/{work_file.pk}/").content.decode()
    assert "01/QĐ-UBND" in page
    assert clerk_client.get(f"/van-ban/ho-so/{work_file.pk}/xuat.xml").content.startswith(b"<?xml")
    assert clerk_client.get(f"/van-ban/ho-so/{work_file.pk}/xuat.pdf").content.startswith(b"%PDF")


def test_the_openapi_document_lists_the_documents_endpoints(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/documents/outgoing/{document_id}/{action}" in paths
    assert "/api/v1/documents/incoming" in paths
    assert "409" in paths["/api/v1/documents/incoming/{document_id}/{action}"]["post"]["responses"]
