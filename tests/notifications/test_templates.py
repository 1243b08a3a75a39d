"""The message templates: Vietnamese text by name, with the context each one needs; phone numbers; SMS sizes."""

from __future__ import annotations

from datetime import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chinhquyenso.core.notifications.adapters.sms import sms_encoding, sms_segments
from chinhquyenso.core.notifications.phone import InvalidPhone, phone_normalise
from chinhquyenso.core.notifications.rendering import REQUIRED_KEYS, UnknownTemplate, template_render
from chinhquyenso.workcal.calendar import VN_TZ

DUE = datetime(2026, 3, 5, 16, 30, tzinfo=VN_TZ)
FULL = {
    "otp_code": {"code": "482913", "minutes": 5},
    "dossier_submitted": {
        "code": "000.01.27.H56-260302-0001",
        "procedure": "Cấp giấy xác nhận tình trạng hôn nhân",
        "name": "Nguyễn Văn An",
        "due_at": DUE,
        "lookup_url": "https://dichvucong.example.vn/tra-cuu/?ma=000.01.27.H56-260302-0001",
    },
    "dossier_status": {
        "code": "000.01.27.H56-260302-0001",
        "procedure": "Cấp giấy xác nhận tình trạng hôn nhân",
        "name": "Nguyễn Văn An",
        "status": "Đã giải quyết, chờ trả kết quả",
        "due_at": DUE,
    },
    "dossier_result_ready": {
        "code": "000.01.27.H56-260302-0001",
        "procedure": "Cấp giấy xác nhận tình trạng hôn nhân",
        "name": "Nguyễn Văn An",
        "early": True,
        "due_at": DUE,
    },
    "payment_received": {"code": "000.01.27.H56-260302-0001", "amount": 1250000, "name": "Nguyễn Văn An"},
}


def test_every_template_has_an_example():
    assert set(FULL) == set(REQUIRED_KEYS)


@pytest.mark.parametrize("name", sorted(FULL))
def test_each_template_renders_complete_vietnamese_text_that_fits_two_sms(name):
    rendered = template_render(name, FULL[name])
    for part in (rendered.subject, rendered.body, rendered.short):
        assert part and "{" not in part and "None" not in part
    assert "\n" not in rendered.subject and "\n" not in rendered.short
    assert sms_encoding(rendered.short) == "ucs2" and sms_segments(rendered.short) <= 2


def test_the_texts_read_as_a_citizen_would_expect():
    assert template_render("otp_code", FULL["otp_code"]).short == (
        "Mã xác thực 482913, hiệu lực 5 phút. Không cung cấp mã cho bất kỳ ai."
    )
    status = template_render("dossier_status", FULL["dossier_status"])
    assert status.subject == "Hồ sơ 000.01.27.H56-260302-0001: Đã giải quyết, chờ trả kết quả"
    assert "Kính gửi Ông/Bà Nguyễn Văn An," in status.body
    assert "Hẹn trả kết quả: 16:30 ngày 05/03/2026" in status.body
    early = template_render("dossier_result_ready", FULL["dossier_result_ready"])
    assert "sớm hơn lịch hẹn 16:30 ngày 05/03/2026" in early.body
    paid = template_render("payment_received", FULL["payment_received"])
    assert "1.250.000 đồng" in paid.body and paid.body.endswith("Cổng dịch vụ công")


def test_optional_parts_disappear_when_absent():
    minimal = {k: FULL["dossier_status"][k] for k in REQUIRED_KEYS["dossier_status"]}
    body = template_render("dossier_status", minimal).body
    assert "Hẹn trả" not in body and "Nội dung" not in body and " tại " not in body


def test_values_are_not_html_escaped_in_plain_text():
    context = dict(FULL["dossier_status"], name="Trần Thị B & C <Công ty>")
    assert "Trần Thị B & C <Công ty>" in template_render("dossier_status", context).body


def test_unknown_template_or_missing_context_is_a_programming_error():
    with pytest.raises(UnknownTemplate):
        template_render("otp", {"code": "1"})
    with pytest.raises(UnknownTemplate, match="minutes"):
        template_render("otp_code", {"code": "482913"})


@given(
    prefix=st.sampled_from("35789"),
    rest=st.text(alphabet="0123456789", min_size=8, max_size=8),
    style=st.sampled_from(["0{}", "+84{}", "84{}", "+84 {}", "0{}."]),
)
def test_every_way_of_writing_a_mobile_number_gives_the_same_stored_form(prefix, rest, style):
    national = prefix + rest
    spaced = f"{national[:3]} {national[3:6]} {national[6:]}"
    written = style.format(spaced if "{} " not in style else national).rstrip(".")
    assert phone_normalise(written) == "+84" + national


@given(st.text(alphabet="0123456789+ ", max_size=14))
def test_normalising_never_accepts_what_is_not_a_mobile_number(text):
    try:
        stored = phone_normalise(text)
    except InvalidPhone:
        return
    assert len(stored) == 12 and stored[:3] == "+84" and stored[3] in "35789"


@given(st.text(alphabet="abcdeđăâêôơư ", max_size=300))
def test_sms_parts_follow_the_ucs2_sizes(text):
    length = len(text)
    expected = 1 if length <= 70 else -(-length // 67)
    if sms_encoding(text) == "ucs2":
        assert sms_segments(text) == expected
