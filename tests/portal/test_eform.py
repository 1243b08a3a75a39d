"""The e-form: rendered from the procedure's data, pre-filled, checked on the server, saved as a draft."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

import pytest
from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from chinhquyenso.portal.eform import clean, fields_of, prefilled, profile_values
from chinhquyenso.portal.models import DossierDraft
from tests.portal.conftest import COMMUNE, MARITAL, MARITAL_FORM, make_citizen

FORM = fields_of(
    [
        {"name": "ho_ten_nguoi_yeu_cau", "label": "Họ và tên", "type": "text", "required": True, "max_length": 12},
        {"name": "so_dinh_danh_nguoi_yeu_cau", "label": "CCCD", "type": "id_number", "required": True},
        {"name": "so_ban", "label": "Số bản", "type": "integer", "required": True, "min": 1, "max": 5},
        {"name": "ngay", "label": "Ngày", "type": "date", "required": False, "max": "2026-12-31"},
        {"name": "loai", "label": "Loại", "type": "select", "required": True, "choices": ["A", "B"]},
        {"name": "email", "label": "Thư", "type": "email", "required": False},
        {"name": "so_dien_thoai", "label": "Điện thoại", "type": "phone", "required": True, "help": "Số di động"},
    ]
)


@pytest.fixture(autouse=True)
def vietnamese():
    with translation.override("vi"):
        yield


def test_required_fields_are_reported_under_their_names():
    values, errors = clean(FORM, {})
    assert values == {}
    assert set(errors) == {"ho_ten_nguoi_yeu_cau", "so_dinh_danh_nguoi_yeu_cau", "so_ban", "loai", "so_dien_thoai"}
    assert errors["loai"] == ["Trường này là bắt buộc."]


def test_bad_values_get_a_message_each():
    _values, errors = clean(
        FORM,
        {
            "ho_ten_nguoi_yeu_cau": "Một cái tên rất dài",
            "so_dinh_danh_nguoi_yeu_cau": "12345",
            "so_ban": "ba",
            "ngay": "31/02/2026",
            "loai": "C",
            "email": "khong-phai-thu",
            "so_dien_thoai": "12345",
        },
    )
    assert errors["ho_ten_nguoi_yeu_cau"] == ["Tối đa 12 ký tự."]
    assert "12 chữ số" in errors["so_dinh_danh_nguoi_yeu_cau"][0]
    assert errors["so_ban"] == ["Nhập số nguyên."]
    assert errors["ngay"] == ["Nhập ngày (ngày/tháng/năm)."]
    assert errors["loai"] == ["Chọn một trong các lựa chọn có sẵn."]
    assert errors["email"] == ["Nhập địa chỉ thư điện tử hợp lệ."]
    assert "bắt đầu bằng 0 hoặc +84" in errors["so_dien_thoai"][0]


def test_bounds_and_good_values_are_converted():
    _values, errors = clean(FORM, {**_good(), "so_ban": "9", "ngay": "2027-01-01"})
    assert errors == {"so_ban": ["Tối đa 5."], "ngay": ["Không sau ngày 31/12/2026."]}
    values, errors = clean(FORM, _good())
    assert errors == {}
    assert values["so_ban"] == 2 and values["ngay"] == "2026-03-02"
    assert values["so_dinh_danh_nguoi_yeu_cau"] == "038090001234"
    assert values["so_dien_thoai"] == "0912345678"


def _good() -> dict:
    return {
        "ho_ten_nguoi_yeu_cau": "Lê  Bình",
        "so_dinh_danh_nguoi_yeu_cau": "0380 9000 1234",
        "so_ban": "2",
        "ngay": "2026-03-02",
        "loai": "B",
        "so_dien_thoai": "0912 345 678",
    }


@given(st.integers(min_value=-1000, max_value=1000))
def test_an_integer_is_accepted_exactly_within_its_bounds(number):
    values, errors = clean(FORM, {**_good(), "so_ban": str(number)})
    assert ("so_ban" in errors) == (not 1 <= number <= 5)
    if "so_ban" not in errors:
        assert values["so_ban"] == number


def test_profile_prefills_the_citizens_own_fields_only():
    person = SimpleNamespace(
        full_name="Trần Thị Mai",
        email="mai@example.vn",
        phone="0987654321",
        citizen_profile=SimpleNamespace(id_number="038191000111", birth_date=date(1991, 7, 1), address="Xã Lam Sơn"),
    )
    assert profile_values(person)["birth_date"] == "1991-07-01"
    shown = prefilled(FORM, person, {})
    assert shown["ho_ten_nguoi_yeu_cau"] == "Trần Thị Mai"
    assert shown["so_dinh_danh_nguoi_yeu_cau"] == "038191000111"
    assert shown["so_dien_thoai"] == "0987654321"
    assert shown["email"] == "mai@example.vn"
    assert shown["loai"] == ""
    # What the citizen typed in the draft wins over the profile.
    assert prefilled(FORM, person, {"so_dien_thoai": "0911111111"})["so_dien_thoai"] == "0911111111"
    # Without the identity profile (that app may be absent), the account's own fields still pre-fill.
    assert prefilled(FORM, SimpleNamespace(full_name="A", email="", phone=""), {})["ho_ten_nguoi_yeu_cau"] == "A"


@pytest.mark.django_db
def test_the_page_renders_types_prefills_and_shows_errors_next_to_fields(catalog, citizen_client, citizen):
    start = citizen_client.post(f"/dich-vu-cong/thu-tuc/{MARITAL}/nop-truc-tuyen/", {"agency": catalog[COMMUNE].pk})
    url = start["Location"]
    page = citizen_client.get(url).content.decode()
    assert 'type="date"' in page and 'type="tel"' in page and "<select" in page
    assert 'value="Nguyễn Văn An"' in page  # the account's name
    assert 'value="0912345678"' in page
    assert 'for="f-ngay_sinh"' in page  # real labels

    answer = citizen_client.post(url, {**MARITAL_FORM, "ngay_sinh": "", "so_dien_thoai": "abc", "action": "next"})
    assert answer.status_code == 422
    body = answer.content.decode()
    assert 'id="e-ngay_sinh"' in body and "Trường này là bắt buộc." in body
    assert 'aria-invalid="true"' in body
    assert "bắt đầu bằng 0 hoặc +84" in body
    assert 'value="abc"' in body  # what was typed is kept

    answer = citizen_client.post(url, {**MARITAL_FORM, "action": "next"})
    assert answer.status_code == 302 and answer["Location"].endswith("/giay-to/")


@pytest.mark.django_db
def test_a_draft_is_saved_and_resumed_from_my_dossiers(catalog, citizen_client, citizen):
    start = citizen_client.post(f"/dich-vu-cong/thu-tuc/{MARITAL}/nop-truc-tuyen/", {"agency": catalog[COMMUNE].pk})
    url = start["Location"]
    answer = citizen_client.post(url, {"ngay_sinh": "1990-05-12", "so_dien_thoai": "091", "action": "save"})
    assert answer.status_code == 302
    draft = DossierDraft.objects.get(citizen=citizen)
    assert draft.data["ngay_sinh"] == "1990-05-12" and draft.data["so_dien_thoai"] == "091"  # kept unchecked
    mine = citizen_client.get("/dich-vu-cong/ho-so-cua-toi/").content.decode()
    assert "Thủ tục cấp Giấy xác nhận tình trạng hôn nhân" in mine and url in mine
    assert 'value="1990-05-12"' in citizen_client.get(url).content.decode()


@pytest.mark.django_db
def test_a_citizen_cannot_open_another_citizens_draft(catalog, citizen_client, client):
    start = citizen_client.post(f"/dich-vu-cong/thu-tuc/{MARITAL}/nop-truc-tuyen/", {"agency": catalog[COMMUNE].pk})
    other = make_citizen("nguoi.khac", full_name="Người Khác")
    client.force_login(other)
    assert client.get(start["Location"]).status_code == 404
    assert client.post(start["Location"], {"action": "save", "ngay_sinh": "2000-01-01"}).status_code == 404
