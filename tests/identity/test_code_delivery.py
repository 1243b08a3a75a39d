"""After the commit, the one-time code really leaves through the SMS adapter (its fake records what was sent)."""

import pytest
from django.contrib.auth import get_user_model

from chinhquyenso.core.notifications.adapters.fakes import FakeSmsGateway
from chinhquyenso.core.notifications.worker import notifications_wait_idle
from chinhquyenso.identity.models import OneTimeCode
from tests.identity.conftest import PASSWORD

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_sign_up_code_arrives_by_sms_and_opens_the_account(client):
    FakeSmsGateway.reset()
    client.post(
        "/tai-khoan/dang-ky/",
        {"full_name": "Lê Thị Bình", "contact": "0987654321", "password": PASSWORD, "password_confirm": PASSWORD},
    )
    assert notifications_wait_idle(timeout=20)
    (sms,) = FakeSmsGateway.messages(to="+84987654321")
    code = next(word for word in sms.text.replace(",", " ").split() if word.isdigit() and len(word) == 6)
    challenge = OneTimeCode.objects.get()
    assert client.post(f"/tai-khoan/xac-thuc/{challenge.token}/", {"code": code}).status_code == 302
    assert get_user_model().objects.get(citizen_profile__verified_phone="0987654321").full_name == "Lê Thị Bình"
