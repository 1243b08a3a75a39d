"""The fake portal refuses what the real contract refuses, so a passing sync test means a conforming payload."""

import json
import urllib.error
import urllib.request

import pytest

from chinhquyenso.dvcqg.client import Verdict, classify
from chinhquyenso.dvcqg.fake_portal import FakeDvcqgPortal
from chinhquyenso.dvcqg.payload import dossier_payload, history_payload
from tests.dvcqg.conftest import TOKEN, make_snapshot, make_step


@pytest.fixture(scope="module")
def fake():
    with FakeDvcqgPortal(token=TOKEN) as portal:
        yield portal


def post(url, body, token=TOKEN):
    data = body if isinstance(body, bytes) else json.dumps(body, ensure_ascii=False).encode()
    headers = {"Content-Type": "application/json"}
    if token is not None:
        headers["Authorization"] = f"Bearer {token}"
    request = urllib.request.Request(url, data=data, method="POST", headers=headers)  # noqa: S310  (the fake)
    try:
        with urllib.request.urlopen(request, timeout=5) as response:  # noqa: S310
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        with error:
            return error.code, json.loads(error.read())


def dossier(code="F-260302-0001", **changes):
    return dict(dossier_payload(make_snapshot(code=code)), **changes)


@pytest.mark.parametrize("token", [None, "wrong"])
def test_without_the_right_bearer_token_the_answer_is_401(fake, token):
    status, answer = post(fake.create_url, [dossier()], token=token)
    assert status == 401 and answer["error_code"] != "0"


@pytest.mark.parametrize(
    ("changes", "mentioned"),
    [
        ({"NgayTiepNhan": "02/03/2026 08:30"}, "NgayTiepNhan"),
        ({"NgayTiepNhan": "20260230083000"}, "NgayTiepNhan"),  # 30 February
        ({"NgayHenTra": "2026030316"}, "NgayHenTra"),
        ({"TrangThaiHoSo": "11"}, "TrangThaiHoSo"),
        ({"TrangThaiHoSo": "0"}, "TrangThaiHoSo"),
        ({"KenhThucHien": "4"}, "KenhThucHien"),
        ({"LoaiDoiTuong": "5"}, "LoaiDoiTuong"),
        ({"HinhThuc": "2"}, "HinhThuc"),
        ({"MaTTHC": ""}, "MaTTHC"),
        ({"KenhThucHien": 1}, "KenhThucHien"),  # a number, not a string
        ({"MaDoiTuong": "TECH-1"}, "MaDoiTuong"),  # on a counter dossier
        ({"TrichYeuHoSo": "x" * 1001}, "TrichYeuHoSo"),
        ({"DinhDanhCHS": [{"LoaiDinhDanh": "1", "SoDinhDanh": "12345"}]}, "SoDinhDanh"),
        ({"DanhSachLePhi": [{"TenPhiLePhi": "Lệ phí"}]}, "Gia"),
        ({"MaHoSoKhac": "x"}, "MaHoSoKhac"),  # not a contract field
    ],
)
def test_a_dossier_breaking_the_contract_is_400_with_the_field_named(fake, changes, mentioned):
    status, answer = post(fake.create_url, [dossier(**changes)])
    assert status == 400
    assert mentioned in answer["message"]
    assert "F-260302-0001" not in fake.dossiers


def test_a_missing_field_is_named_even_if_it_could_be_empty(fake):
    body = dossier()
    del body["Fax"]
    status, answer = post(fake.create_url, [body])
    assert status == 400 and "thiếu trường Fax" in answer["message"]


def test_the_body_must_be_a_non_empty_json_array(fake):
    assert post(fake.create_url, dossier())[0] == 400
    assert post(fake.create_url, [])[0] == 400
    assert post(fake.create_url, b"{not json")[0] == 400


def test_create_then_exists_then_update_then_history(fake):
    code = "F-260302-0002"
    assert post(fake.create_url, [dossier(code)]) == (200, {"error_code": "0", "message": "Thêm mới hồ sơ thành công"})
    status, answer = post(fake.create_url, [dossier(code, TrangThaiHoSo="4")])
    assert (status, answer["error_code"]) == (200, "3") and "đã tồn tại" in answer["message"]
    assert post(fake.update_url, [dossier(code, TrangThaiHoSo="4")])[1]["error_code"] == "0"
    assert fake.dossiers[code]["TrangThaiHoSo"] == "4"
    status, answer = post(fake.history_url, [history_payload(make_step(code=code))])
    assert status == 200 and "thành công" in answer["message"]


def test_update_and_history_need_a_dossier_the_portal_knows(fake):
    status, answer = post(fake.update_url, [dossier("F-260302-0404")])
    assert status == 404 and "không tồn tại" in answer["message"]
    status, answer = post(fake.history_url, [history_payload(make_step(code="F-260302-0404"))])
    assert status == 404


@pytest.mark.parametrize(
    "changes",
    [{"ThoiDiemXuLy": ""}, {"TrangThai": "12"}, {"NguoiXuLy": "x" * 51}, {"NgayBatDau": "2026-03-02"}],
)
def test_a_history_step_breaking_the_contract_is_400(fake, changes):
    code = "F-260302-0003"
    post(fake.create_url, [dossier(code)])
    step = dict(history_payload(make_step(code=code)), **changes)
    assert post(fake.history_url, [step])[0] == 400


def test_injected_failures_answer_503_without_doing_anything(fake):
    fake.fail_next(2)
    assert post(fake.create_url, [dossier("F-260302-0503")])[0] == 503
    assert post(fake.create_url, [dossier("F-260302-0503")])[0] == 503
    assert "F-260302-0503" not in fake.dossiers
    assert post(fake.create_url, [dossier("F-260302-0503")])[0] == 200


@pytest.mark.parametrize(
    ("status", "body", "creating", "verdict"),
    [
        (200, b'{"error_code": "0", "message": "Th\\u00eam m\\u1edbi th\\u00e0nh c\\u00f4ng"}', True, Verdict.OK),
        (200, '{"error_code": "-3", "message": "Hồ sơ đã tồn tại"}'.encode(), True, Verdict.EXISTS),
        (200, '{"error_code": "7", "message": "Hồ sơ đã tồn tại"}'.encode(), True, Verdict.EXISTS),
        (200, b'{"error_code": "3", "message": "x"}', False, Verdict.REJECTED),
        (200, b'{"error_code": "5", "message": "Sai ma TTHC"}', True, Verdict.REJECTED),
        (200, b"<html>gateway</html>", True, Verdict.RETRY),
        (400, b'{"error_code": "-1", "message": "bad"}', True, Verdict.REJECTED),
        (404, b"", False, Verdict.REJECTED),
        (401, b"", True, Verdict.AUTH),
        (403, b"", True, Verdict.AUTH),
        (429, b"", True, Verdict.RETRY),
        (408, b"", True, Verdict.RETRY),
        (500, b'{"error_code": "0", "message": "?"}', True, Verdict.RETRY),
        (503, b"Service Unavailable", False, Verdict.RETRY),
    ],
)
def test_how_portal_answers_are_read(status, body, creating, verdict):
    assert classify(status, body, creating=creating).verdict is verdict
