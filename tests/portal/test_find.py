"""Finding a procedure: search ignoring diacritics and case, filters, and the procedure page."""

from __future__ import annotations

import pytest

from chinhquyenso.portal.selectors import procedure_search
from tests.portal.conftest import CERTIFIED_COPY, COMMUNE, MARITAL

pytestmark = pytest.mark.django_db


def codes(**filters) -> list[str]:
    return [v.procedure.national_code for v in procedure_search(**filters)]


def test_search_without_diacritics_finds_the_procedure(catalog, client):
    assert CERTIFIED_COPY in codes(q="chung thuc ban sao")
    assert CERTIFIED_COPY in codes(q="CHỨNG THỰC bản SAO")
    page = client.get("/dich-vu-cong/", {"q": "chung thuc ban sao"})
    assert page.status_code == 200
    assert "Chứng thực bản sao từ bản chính" in page.content.decode()


def test_every_word_must_match_and_codes_are_searchable(catalog):
    assert codes(q="chung thuc ban sao khai sinh") == []
    assert codes(q="1.004873") == [MARITAL]
    assert "1.001193" in codes(q="dang ky khai sinh")


def test_filters_by_online_level_field_and_agency(catalog):
    full = codes(online_level="full")
    assert MARITAL in full and CERTIFIED_COPY not in full
    online = codes(online_level="online")
    assert MARITAL in online and CERTIFIED_COPY in online
    assert "2.001019" not in online  # a will: not online at all
    assert set(codes(field="HT")) >= {MARITAL, "1.001193"}
    assert CERTIFIED_COPY not in codes(field="HT")
    commune = codes(agency_id=catalog[COMMUNE].pk)
    province = codes(agency_id=catalog["000.00.31.H56"].pk)
    assert MARITAL in commune and MARITAL not in province
    assert "2.000488" in province  # judicial record: province level
    assert codes(agency_id=999_999) == []


def test_the_home_page_filters_by_query_string(catalog, client):
    page = client.get("/dich-vu-cong/", {"q": "khai sinh", "muc_do": "full"}).content.decode()
    results = page.split('data-testid="procedures"')[1]
    assert "Thủ tục đăng ký khai sinh" in results
    assert "Chứng thực" not in results


def test_procedure_page_shows_components_fees_time_limit_and_legal_basis(catalog, client):
    page = client.get(f"/dich-vu-cong/thu-tuc/{MARITAL}/").content.decode()
    assert "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in page
    assert "Tờ khai cấp Giấy xác nhận tình trạng hôn nhân" in page  # a component
    assert "3.000 đồng" in page.split('data-testid="fees"')[1] and "Lệ phí" in page
    assert "03 ngày làm việc" in page or "3 ngày làm việc" in page
    assert "Luật Hộ tịch" in page
    # Anonymous: asked to log in, sent back here afterwards.
    assert "/tai-khoan/dang-nhap/?next=/dich-vu-cong/thu-tuc/1.004873/" in page


def test_a_citizen_sees_the_online_button_and_chooses_the_agency(catalog, citizen_client):
    page = citizen_client.get(f"/dich-vu-cong/thu-tuc/{MARITAL}/").content.decode()
    assert "Nộp hồ sơ trực tuyến" in page
    assert "Ủy ban nhân dân xã Thọ Xuân" in page
    assert "Ủy ban nhân dân tỉnh Thanh Hóa" not in page  # a commune procedure goes to a commune
    answer = citizen_client.post(f"/dich-vu-cong/thu-tuc/{MARITAL}/nop-truc-tuyen/", {"agency": ""})
    assert answer.status_code == 422
    assert "Chọn cơ quan tiếp nhận hồ sơ" in answer.content.decode()
    answer = citizen_client.post(f"/dich-vu-cong/thu-tuc/{MARITAL}/nop-truc-tuyen/", {"agency": catalog[COMMUNE].pk})
    assert answer.status_code == 302 and "/dich-vu-cong/ho-so-nhap/" in answer["Location"]
    # Starting again resumes the same draft.
    again = citizen_client.post(f"/dich-vu-cong/thu-tuc/{MARITAL}/nop-truc-tuyen/", {"agency": catalog[COMMUNE].pk})
    assert again["Location"] == answer["Location"]


def test_a_procedure_not_offered_online_has_no_button(catalog, citizen_client):
    page = citizen_client.get("/dich-vu-cong/thu-tuc/2.001019/").content.decode()
    assert "Nộp hồ sơ trực tuyến" not in page
    assert "không được cung cấp trực tuyến" in page
    answer = citizen_client.post("/dich-vu-cong/thu-tuc/2.001019/nop-truc-tuyen/", {"agency": catalog[COMMUNE].pk})
    assert answer.status_code == 422


def test_unknown_procedure_is_404(catalog, client):
    assert client.get("/dich-vu-cong/thu-tuc/9.999999/").status_code == 404


@pytest.mark.django_db
def test_a_citizen_who_lands_on_the_staff_log_in_finds_the_portal(client):
    page = client.get("/dang-nhap/").content.decode()
    assert 'href="/dich-vu-cong/"' in page and "Vào Cổng dịch vụ công" in page
