"""The JSON the portal receives: exact field names, yyyyMMddHHmmss in Vietnam time, strings, empty values."""

from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.dvcqg.fake_portal import check_dossier, check_history
from chinhquyenso.dvcqg.payload import dossier_payload, format_portal_time, history_payload, parse_portal_time
from chinhquyenso.dvcqg.snapshots import (
    Attachment,
    Channel,
    FeeKind,
    FeeLine,
    IdentifierKind,
    OwnerIdentifier,
    OwnerKind,
    ResultDelivery,
    SupplementRequest,
)
from tests.dvcqg.conftest import make_snapshot, make_step

DOSSIER_FIELDS = {
    "MaHoSo", "MaTTHC", "TenTTHC", "MaLinhVuc", "TenLinhVuc", "KenhThucHien", "ChuHoSo", "SoGiayToChuHoSo",
    "LoaiDoiTuong", "MaDoiTuong", "ThongTinKhac", "Email", "Fax", "SoDienThoai", "TrichYeuHoSo", "NgayTiepNhan",
    "NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi", "NgayNopHoSo", "TrangThaiHoSo", "ThongTinTra",
    "HinhThuc", "DonViXuLy", "GhiChu", "NoiNopHoSo", "HoSoCoThanhPhanSoHoa", "TaiKhoanDuocXacThucVoiVNeID",
    "DuocThanhToanTrucTuyen", "DinhDanhCHS", "DSKetNoiCSDL", "TaiLieuNop", "DanhSachLePhi", "DanhSachHoSoBoSung",
    "DanhSachGiayToKetQua", "DanhSachTepDinhKemKhac",
}  # fmt: skip


def test_dossier_payload_has_exactly_the_portal_field_names_and_values():
    payload = dossier_payload(make_snapshot())
    assert set(payload) == DOSSIER_FIELDS
    assert payload["MaHoSo"] == "000.00.15.H38-260302-0001"
    assert payload["MaTTHC"] == "2.000908"
    assert payload["KenhThucHien"] == "1"
    assert payload["LoaiDoiTuong"] == "1"
    assert payload["TrangThaiHoSo"] == "2"
    assert payload["HinhThuc"] == "0"
    # 01:30 UTC is 08:30 in Vietnam; the portal reads local time.
    assert payload["NgayTiepNhan"] == "20260302083000"
    assert payload["NgayHenTra"] == "20260303160000"
    assert payload["DinhDanhCHS"] == [{"LoaiDinhDanh": "1", "SoDinhDanh": "038190000123"}]
    assert payload["DanhSachLePhi"] == [
        {
            "TenPhiLePhi": "Lệ phí chứng thực",
            "MaPhiLePhi": "LP01",
            "HinhThucThu": "1",
            "Gia": "6000",
            "LoaiPhiLePhi": "1",
        }
    ]
    assert payload["TaiLieuNop"][0]["TenTepDinhKem"] == "Giấy khai sinh"
    assert payload["TaiLieuNop"][0]["DuocSoHoa"] == "0"
    assert payload["DanhSachGiayToKetQua"][0]["MaGiayToKetQua"] == "KQ01"


def test_absent_values_are_empty_strings_and_empty_lists_never_null():
    payload = dossier_payload(make_snapshot(due_at=None, fees=[], attachments=[], result_documents=[]))
    for name in ("NgayHenTra", "NgayTra", "NgayKetThucXuLy", "NgayTuChoi", "Email", "Fax", "GhiChu", "MaDoiTuong"):
        assert payload[name] == ""
    for name in ("DanhSachLePhi", "TaiLieuNop", "DanhSachHoSoBoSung", "DSKetNoiCSDL", "DanhSachTepDinhKemKhac"):
        assert payload[name] == []
    assert None not in payload.values()


def test_every_scalar_is_a_string():
    payload = dossier_payload(make_snapshot(digitised=True, vneid_verified=True, paid_online=True))
    scalars = {k: v for k, v in payload.items() if not isinstance(v, list)}
    assert all(isinstance(v, str) for v in scalars.values())
    assert (payload["HoSoCoThanhPhanSoHoa"], payload["TaiKhoanDuocXacThucVoiVNeID"]) == ("1", "1")
    assert payload["DuocThanhToanTrucTuyen"] == "1"


def test_portal_account_is_sent_only_for_online_dossiers():
    counter = dossier_payload(make_snapshot(portal_account_id="TECH-991"))
    online = dossier_payload(make_snapshot(channel=Channel.ONLINE, portal_account_id="TECH-991"))
    assert counter["MaDoiTuong"] == ""
    assert online["MaDoiTuong"] == "TECH-991"
    assert online["KenhThucHien"] == "2"
    assert dossier_payload(make_snapshot(channel="post"))["KenhThucHien"] == "3"


def test_codes_of_owner_kind_delivery_and_fee_kind():
    payload = dossier_payload(
        make_snapshot(
            owner_kind=OwnerKind.ENTERPRISE,
            owner_id_kind=None,
            owner_id_number="0101234567",
            delivery=ResultDelivery.BY_POST,
            fees=[FeeLine(name="Lệ phí", amount=50000, kind=FeeKind.CHARGE)],
        )
    )
    assert payload["LoaiDoiTuong"] == "2"
    assert payload["HinhThuc"] == "1"
    assert payload["DinhDanhCHS"] == []  # a tax code is not a personal identity paper
    assert payload["SoGiayToChuHoSo"] == "0101234567"
    assert payload["DanhSachLePhi"][0]["LoaiPhiLePhi"] == "2"


def test_explicit_identifiers_replace_the_owner_id():
    payload = dossier_payload(
        make_snapshot(
            identifiers=[
                OwnerIdentifier(kind=IdentifierKind.CITIZEN_ID, number="001099000001"),
                OwnerIdentifier(kind=IdentifierKind.OLD_ID, number="123456789"),
            ]
        )
    )
    assert payload["DinhDanhCHS"] == [
        {"LoaiDinhDanh": "1", "SoDinhDanh": "001099000001"},
        {"LoaiDinhDanh": "2", "SoDinhDanh": "123456789"},
    ]


def test_supplement_requests_carry_their_dates_documents_and_fees():
    request = SupplementRequest(
        request_id="BS1",
        requested_by="Lê Văn Tâm",
        content="Bổ sung bản chính CCCD",
        requested_at=datetime(2026, 3, 2, 3, 0, tzinfo=UTC),
        due_before=datetime(2026, 3, 3, 9, 0, tzinfo=UTC),
        documents=[Attachment(name="CCCD", component_code="TP02")],
        fees=[FeeLine(name="Phí", amount=0)],
    )
    entry = dossier_payload(make_snapshot(status=5, supplements=[request]))["DanhSachHoSoBoSung"][0]
    assert entry["NgayBoSung"] == "20260302100000"
    assert entry["NgayTiepNhanBoSung"] == ""
    assert entry["NgayHenTraTruoc"] == "20260303160000"
    assert entry["TrangThaiBoSung"] == "0"
    assert entry["DanhSachGiayToBoSung"][0]["TenTepDinhKem"] == "CCCD"
    assert entry["DanhSachLePhiBoSung"][0]["Gia"] == "0"


def test_long_summary_and_handler_are_cut_to_the_portal_limits():
    payload = dossier_payload(make_snapshot(summary="x" * 1500))
    assert len(payload["TrichYeuHoSo"]) == 1000 and payload["TrichYeuHoSo"].endswith("…")
    step = history_payload(make_step(handler="Nguyễn " * 20))
    assert len(step["NguoiXuLy"]) == 50


def test_history_payload_field_names_and_formats():
    payload = history_payload(make_step(started_at=datetime(2026, 3, 2, 2, 0, tzinfo=UTC)))
    assert payload == {
        "MaHoSo": "000.00.15.H38-260302-0001",
        "NguoiXuLy": "Lê Văn Tâm",
        "ChucDanh": "Công chức tư pháp",
        "ThoiDiemXuLy": "20260302090000",
        "PhongBanXuLy": "Bộ phận Một cửa",
        "NoiDungXuLy": "Tiếp nhận hồ sơ",
        "TrangThai": "2",
        "NgayBatDau": "20260302090000",
        "NgayKetThucTheoQuyDinh": "",
    }


@pytest.mark.parametrize("code", range(1, 11))
def test_status_codes_go_as_given_unless_the_quirk_is_switched_on(code):
    assert dossier_payload(make_snapshot(status=code))["TrangThaiHoSo"] == str(code)
    quirky = dossier_payload(make_snapshot(status=code), send_waiting_as_resolved=True)["TrangThaiHoSo"]
    assert quirky == ("9" if code in {5, 6, 8} else str(code))
    step = history_payload(make_step(status=code), send_waiting_as_resolved=True)
    assert step["TrangThai"] == quirky


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"status": 11}, "status"),
        ({"status": 0}, "status"),
        ({"status": "4"}, "status"),
        ({"channel": "fax"}, "channel"),
        ({"owner_kind": 5}, "owner_kind"),
        ({"received_at": datetime(2026, 3, 2, 8, 30)}, "received_at"),  # naive
        ({"received_at": None}, "received_at"),
        ({"owner_id_number": "12345"}, "owner_id_number"),
        ({"code": " "}, "code"),
        ({"processing_unit": ""}, "processing_unit"),
    ],
)
def test_a_bad_snapshot_is_refused_with_the_field_named(overrides, field):
    with pytest.raises(ValidationFailed) as caught:
        make_snapshot(**overrides)
    assert field in caught.value.fields


def test_a_bad_history_step_is_refused_with_every_field_named():
    with pytest.raises(ValidationFailed) as caught:
        make_step(status=12, handled_at=None, handler="")
    assert set(caught.value.fields) == {"status", "handled_at", "handler"}


def test_snapshots_are_frozen_and_keep_tuples():
    snapshot = make_snapshot()
    assert isinstance(snapshot.fees, tuple)
    with pytest.raises(AttributeError):
        snapshot.status = 4


aware_datetimes = st.datetimes(
    min_value=datetime(2000, 1, 2),
    max_value=datetime(2099, 12, 30),
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=7)), timezone(timedelta(hours=-5, minutes=-30))]),
)


@given(aware_datetimes)
def test_portal_time_round_trips_to_the_second(moment):
    text = format_portal_time(moment)
    assert len(text) == 14 and text.isdigit()
    assert parse_portal_time(text) == moment.replace(microsecond=0)


def test_naive_times_and_malformed_text_are_refused():
    with pytest.raises(ValueError):
        format_portal_time(datetime(2026, 1, 1, 8, 0))
    for text in ("2026-01-01", "20261301000000", "2026010108000", ""):
        with pytest.raises(ValueError):
            parse_portal_time(text)


text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=1200).filter(
    lambda s: s.strip()
)


@settings(max_examples=60, deadline=None)
@given(
    status=st.integers(1, 10),
    channel=st.sampled_from(list(Channel)),
    owner_kind=st.sampled_from(list(OwnerKind)),
    summary=text,
    owner=text,
    received=aware_datetimes,
    returned=st.none() | aware_datetimes,
    amount=st.integers(0, 10**9),
    quirk=st.booleans(),
)
def test_the_fake_portal_accepts_every_payload_built_from_a_valid_snapshot(
    status, channel, owner_kind, summary, owner, received, returned, amount, quirk
):
    snapshot = make_snapshot(
        status=status,
        channel=channel,
        owner_kind=owner_kind,
        summary=summary,
        owner_name=owner,
        received_at=received,
        returned_at=returned,
        portal_account_id="TECH-1",
        fees=[FeeLine(name=owner, amount=amount)],
    )
    assert check_dossier(dossier_payload(snapshot, send_waiting_as_resolved=quirk)) == []
    step = make_step(handler=owner, status=status, handled_at=received, due_at=returned)
    assert check_history(history_payload(step, send_waiting_as_resolved=quirk)) == []
