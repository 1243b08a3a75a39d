"""The applicant hears of every change of state of the dossier, by e-mail (and SMS when enabled)."""

from __future__ import annotations

import pytest
from django.db import transaction

from chinhquyenso.core.models import Notification
from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway
from chinhquyenso.core.notifications.worker import notifications_wait_idle
from chinhquyenso.dossiers.services.transitions import dossier_act


def _messages(code):
    rows = Notification.objects.filter(reference=code).order_by("id")
    return list(rows.values_list("channel", "template", "subject"))


@pytest.mark.django_db
def test_a_counter_dossier_gives_one_received_message_not_two(intake, clock):
    dossier = intake()
    assert _messages(dossier.code) == [("email", "dossier_status", f"Hồ sơ {dossier.code}: Đã tiếp nhận")]
    body = Notification.objects.get(reference=dossier.code).body
    assert "Kính gửi Ông/Bà Nguyễn Văn An," in body and f"/tra-cuu/?ma={dossier.code}" in body


@pytest.mark.django_db
def test_an_online_dossier_is_acknowledged_then_each_change_is_told(intake, clock, all_roles):
    dossier = intake(channel="online", outcome="submit")
    dossier_act(actor=all_roles, code=dossier.code, action="receive")
    assert [template for _c, template, _s in _messages(dossier.code)] == ["dossier_submitted", "dossier_status"]
    assert _messages(dossier.code)[0][2] == f"Đã nhận hồ sơ {dossier.code}"


@pytest.mark.django_db
def test_no_address_no_message_and_sms_only_when_enabled(intake, clock, settings):
    from dataclasses import replace

    from tests.dossiers.conftest import APPLICANT

    silent = intake(applicant=replace(APPLICANT, submitter_email=""))
    assert _messages(silent.code) == []
    settings.NOTIFY_DOSSIER_SMS = True
    both = intake()
    sms = Notification.objects.get(reference=both.code, channel="sms")
    assert sms.recipient == "+84912345678" and sms.body == f"Hồ sơ {both.code}: Đã tiếp nhận. Tra cứu bằng mã hồ sơ."


@pytest.mark.django_db(transaction=True)
def test_a_transition_reaches_the_applicants_mailbox_and_phone(intake, all_roles, smtp_server, settings):
    settings.NOTIFY_DOSSIER_SMS = True
    FakeSmsGateway.reset()
    with transaction.atomic():
        dossier = intake()
    smtp_server.wait_for(1, to="an.nguyen@example.vn")
    dossier_act(actor=all_roles, code=dossier.code, action="assign", assignee=all_roles.pk)
    mails = smtp_server.wait_for(2, to="an.nguyen@example.vn")
    assert [m.subject for m in mails] == [
        f"Hồ sơ {dossier.code}: Đã tiếp nhận",
        f"Hồ sơ {dossier.code}: Đang xử lý",
    ]
    assert "đã chuyển sang trạng thái: Đang xử lý." in mails[1].text
    assert notifications_wait_idle()
    assert [m.text for m in FakeSmsGateway.messages(to="+84912345678")][-1].startswith(f"Hồ sơ {dossier.code}: ")
    FakeSmsGateway.reset()
