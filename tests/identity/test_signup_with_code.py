"""Sign-up by phone or e-mail, verified by a one-time code sent through the notification outbox."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.test import override_settings
from django.utils import timezone

from chinhquyenso.core.models import AccountKind, AuditEvent, Notification
from chinhquyenso.identity.models import OneTimeCode
from tests.identity.conftest import PASSWORD, code_sent_for

pytestmark = pytest.mark.django_db
User = get_user_model()


def sign_up(client, contact="0912 345 678", password=PASSWORD, confirm=None, name="Nguyễn Thị Hoa", next_url=""):
    return client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": name,
            "contact": contact,
            "password": password,
            "password_confirm": password if confirm is None else confirm,
            "next": next_url,
        },
    )


def started(client, **kwargs) -> OneTimeCode:
    response = sign_up(client, **kwargs)
    assert response.status_code == 302, response.content.decode()
    challenge = OneTimeCode.objects.latest("id")
    assert response["Location"] == f"/tai-khoan/xac-thuc/{challenge.token}/"
    return challenge


def enter(client, challenge, code):
    return client.post(f"/tai-khoan/xac-thuc/{challenge.token}/", {"code": code})


def test_sign_up_by_phone_sends_an_sms_code_and_creates_the_account_once_confirmed(client):
    challenge = started(client, next_url="/dich-vu-cong/")
    sms = Notification.objects.get(reference=f"otp:{challenge.token}")
    assert sms.channel == "sms" and sms.recipient == "+84912345678" and sms.template == "otp_code"
    code = sms.context["code"]
    assert len(code) == 6 and code in sms.body
    assert not User.objects.filter(kind=AccountKind.CITIZEN).exists()  # nothing until the code is confirmed

    page = client.get(f"/tai-khoan/xac-thuc/{challenge.token}/").content.decode()
    assert "qua SMS đến số 091****678" in page
    response = enter(client, challenge, code)
    assert response.status_code == 302 and response["Location"] == "/dich-vu-cong/"

    user = User.objects.get(kind=AccountKind.CITIZEN)
    assert user.full_name == "Nguyễn Thị Hoa" and user.phone == "0912345678" and user.agency is None
    assert user.check_password(PASSWORD)
    assert user.citizen_profile.verified_phone == "0912345678"
    assert client.session["cqs_auth_method"] == "otp"
    assert client.get("/tai-khoan/ho-so/").wsgi_request.user == user
    assert AuditEvent.objects.filter(action="identity.signup", actor=user).count() == 1


def test_sign_up_by_e_mail_sends_the_code_by_e_mail(client):
    challenge = started(client, contact="  Hoa.Nguyen@Example.VN ")
    mail = Notification.objects.get(reference=f"otp:{challenge.token}")
    assert mail.channel == "email" and mail.recipient == "hoa.nguyen@example.vn"
    assert enter(client, challenge, mail.context["code"]).status_code == 302
    assert User.objects.get(kind=AccountKind.CITIZEN).citizen_profile.verified_email == "hoa.nguyen@example.vn"


def test_the_code_is_stored_only_as_a_hash(client):
    challenge = started(client)
    code = code_sent_for(challenge)
    challenge.refresh_from_db()
    assert code not in challenge.code_hash and len(challenge.code_hash) == 64


def test_a_wrong_code_says_how_many_attempts_are_left_next_to_the_field(client):
    challenge = started(client)
    wrong = "000000" if code_sent_for(challenge) != "000000" else "111111"
    response = enter(client, challenge, wrong)
    assert response.status_code == 400
    text = response.content.decode()
    assert 'data-testid="error-code"' in text and "Mã xác thực không đúng. Bạn còn 4 lần thử." in text
    assert 'aria-invalid="true"' in text
    assert not User.objects.filter(kind=AccountKind.CITIZEN).exists()


def test_an_expired_code_is_refused(client):
    challenge = started(client)
    code = code_sent_for(challenge)
    with time_machine.travel(timezone.now() + timedelta(minutes=10, seconds=1)):
        response = enter(client, challenge, code)
    assert response.status_code == 400
    assert "Mã xác thực đã hết hạn" in response.content.decode()
    assert not User.objects.filter(kind=AccountKind.CITIZEN).exists()


def test_too_many_wrong_codes_lock_the_code_until_a_new_one_is_sent(client):
    challenge = started(client)
    code = code_sent_for(challenge)
    wrong = "000000" if code != "000000" else "111111"
    for _ in range(4):
        assert enter(client, challenge, wrong).status_code == 400
    fifth = enter(client, challenge, wrong)
    assert fifth.status_code == 429
    assert "nhập sai mã quá số lần cho phép" in fifth.content.decode()
    assert enter(client, challenge, code).status_code == 429  # even the right code, now
    assert AuditEvent.objects.filter(action="identity.otp_wrong").count() == 5

    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        assert client.post(f"/tai-khoan/xac-thuc/{challenge.token}/gui-lai/").status_code == 302
        fresh = code_sent_for(challenge)
        assert enter(client, challenge, fresh).status_code == 302
    assert User.objects.filter(kind=AccountKind.CITIZEN).count() == 1


def test_resending_waits_a_minute_and_stops_at_the_hourly_limit(client):
    challenge = started(client)
    too_soon = client.post(f"/tai-khoan/xac-thuc/{challenge.token}/gui-lai/")
    assert too_soon.status_code == 429
    assert "Vui lòng đợi" in too_soon.content.decode() and "giây trước khi yêu cầu mã mới" in too_soon.content.decode()
    now = timezone.now()
    for minute in range(1, 5):
        with time_machine.travel(now + timedelta(minutes=minute, seconds=minute)):
            again = client.post(f"/tai-khoan/xac-thuc/{challenge.token}/gui-lai/")
            assert again.status_code == 302, again.content.decode()
    with time_machine.travel(now + timedelta(minutes=6)):
        sixth = client.post(f"/tai-khoan/xac-thuc/{challenge.token}/gui-lai/")
    assert sixth.status_code == 429
    assert "Đã gửi quá nhiều mã đến địa chỉ này" in sixth.content.decode()
    assert Notification.objects.filter(reference=f"otp:{challenge.token}").count() == 5


def test_only_the_latest_code_works_after_a_resend(client):
    challenge = started(client)
    first = code_sent_for(challenge)
    with time_machine.travel(timezone.now() + timedelta(seconds=61)):
        client.post(f"/tai-khoan/xac-thuc/{challenge.token}/gui-lai/")
        second = code_sent_for(challenge)
        if first != second:
            assert enter(client, challenge, first).status_code == 400
        assert enter(client, challenge, second).status_code == 302


def test_the_verification_page_belongs_to_the_browser_that_started_it(client, django_client_factory):
    challenge = started(client)
    other = django_client_factory()
    response = other.post(f"/tai-khoan/xac-thuc/{challenge.token}/", {"code": code_sent_for(challenge)})
    assert response.status_code == 302 and response["Location"] == "/tai-khoan/dang-nhap/"
    assert not User.objects.filter(kind=AccountKind.CITIZEN).exists()


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"password": "abc123"}, "password", "Mật khẩu quá ngắn: cần ít nhất 8 ký tự."),
        ({"password": "password123"}, "password", "Mật khẩu này quá phổ biến"),
        ({"confirm": "Mat-khau-khac-2026"}, "password_confirm", "Hai mật khẩu không khớp nhau."),
        ({"contact": "12345"}, "contact", "Nhập số điện thoại di động (10 chữ số"),
        ({"contact": "hoa@"}, "contact", "Nhập số điện thoại di động (10 chữ số"),
        ({"name": "  "}, "full_name", "Vui lòng nhập họ và tên."),
    ],
)
def test_bad_sign_up_input_is_refused_next_to_the_field(client, fields, field, message):
    response = sign_up(client, **fields)
    assert response.status_code == 422
    text = response.content.decode()
    error_at = text.index(f'data-testid="error-{field}"')
    assert message in text[error_at : error_at + 300]
    assert not OneTimeCode.objects.exists() and not Notification.objects.exists()


def test_a_registered_phone_cannot_sign_up_again(client, citizen):
    response = sign_up(client, contact="+84912345678")
    assert response.status_code == 409
    assert "Số điện thoại hoặc e-mail này đã có tài khoản" in response.content.decode()


@override_settings(OTP_TTL_MINUTES=3)
def test_the_code_lifetime_is_a_setting(client):
    challenge = started(client)
    assert round((challenge.expires_at - challenge.created_at).total_seconds()) == 180
    assert "Mã có hiệu lực trong 3 phút." in client.get(f"/tai-khoan/xac-thuc/{challenge.token}/").content.decode()
