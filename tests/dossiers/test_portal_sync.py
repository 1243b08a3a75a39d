"""Every receipt and history step reaches the DVCQG outbox in the same transaction, and the contract holds."""

from __future__ import annotations

import pytest

from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dvcqg.models import OutboxItem

pytestmark = pytest.mark.django_db


def test_receipt_and_each_step_are_queued_with_the_portal_field_names(intake, clock, all_roles):
    dossier = intake(actor=all_roles)
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    dossier_act(actor=all_roles, code=dossier.code, action="request_supplement", items=["Ảnh 4x6"], reason="Thiếu")
    dossier_act(actor=all_roles, code=dossier.code, action="receive_supplement")
    items = list(OutboxItem.objects.filter(dossier_code=dossier.code).order_by("id"))
    kinds = [i.kind for i in items]
    assert kinds.count("dossier") == 4 and kinds.count("history") == 4
    received, *_, latest = [i.payload for i in items if i.kind == "dossier"]
    assert received["MaHoSo"] == dossier.code and received["MaTTHC"] == "1.004873"
    assert (received["KenhThucHien"], received["TrangThaiHoSo"]) == ("1", "2")
    assert received["NgayTiepNhan"] == "20260302090000" and received["NgayHenTra"] == "20260305090000"
    assert received["DinhDanhCHS"] == [{"SoDinhDanh": "038090001234", "LoaiDinhDanh": "1"}]
    assert latest["TrangThaiHoSo"] == "4"
    assert latest["DanhSachHoSoBoSung"][0]["NoiDungBoSung"] == "Ảnh 4x6"
    steps = [i.payload for i in items if i.kind == "history"]
    assert [step["TrangThai"] for step in steps] == ["2", "4", "5", "4"]
    assert steps[2]["NoiDungXuLy"] == "Yêu cầu bổ sung: Thiếu"


def test_a_rolled_back_action_queues_nothing(intake, clock, all_roles):
    dossier = intake(actor=all_roles)
    before = OutboxItem.objects.count()
    with pytest.raises(Exception):  # noqa: B017, PT011 - any refusal will do
        dossier_act(actor=all_roles, code=dossier.code, action="extend", reason="x", new_due="2026-03-02T10:00")
    assert OutboxItem.objects.count() == before
