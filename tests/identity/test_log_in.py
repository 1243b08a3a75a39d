"""Log-in by phone or e-mail and password (with core's lock-out), by one-time code, and log-out."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth import get_user_model
from django.utils import timezone

from chinhquyenso.core.models import AuditEvent, Notification
from chinhquyenso.identity.models import OneTimeCode
from chinhquyenso.identity.session import auth_method
from tests.factories import PASSWORD as STAFF_PASSWORD
from tests.identity.conftest import PASSWORD, code_sent_for

pytestmark = pytest.mark.django_db
User = get_user_model()


def log_in(client, identifier, password=PASSWORD, next_url=""):
    return client.post("/tai-khoan/dang-nhap/", {"identifier": identifier, "password": password, "next": next_url})


def current(client):
    return client.get("/tai-khoan/ho-so/").wsgi_request


def test_the_log_in_page_offers_vneid_first_then_password_otp_and_sign_up(client):
    text = client.get("/tai-khoan/dang-nhap/?next=/dich-vu-cong/").content.decode()
    vneid = text.index("Đăng nhập bằng tài khoản định danh điện tử VNeID")
    assert vneid < text.index('<label for="id_identifier">Số điện thoại hoặc e-mail</label>')
    assert '<label for="id_password">Mật khẩu</label>' in text
    assert "Đăng nhập bằng mã OTP" in text and "Chưa có tài khoản? Đăng ký" in text
    assert "/tai-khoan/vneid/?next=/dich-vu-cong/" in text


@pytest.mark.parametrize("identifier", ["0912345678", "+84 912 345 678", "0912.345.678"])
def test_a_citizen_logs_in_with_the_phone_number_in_any_spelling(client, citizen, identifier):
    response = log_in(client, identifier, next_url="/dich-vu-cong/ho-so/")
    assert response.status_code == 302 and response["Location"] == "/dich-vu-cong/ho-so/"
    request = current(client)
    assert request.user == citizen
    assert auth_method(request) == "password"


def test_a_citizen_logs_in_with_the_e_mail(client, make_citizen):
    user = make_citizen("an.nguyen@example.vn")
    assert log_in(client, "An.Nguyen@example.vn").status_code == 302
    assert current(client).user == user


def test_an_unsafe_next_is_ignored(client, citizen):
    response = log_in(client, "0912345678", next_url="https://lua-dao.example/")
    assert response["Location"] == "/tai-khoan/ho-so/"


def test_a_wrong_password_is_refused_in_vietnamese(client, citizen):
    response = log_in(client, "0912345678", "sai-mat-khau")
    assert response.status_code == 401
    assert "Sai số điện thoại, e-mail hoặc mật khẩu." in response.content.decode()
    assert not current(client).user.is_authenticated


def test_five_wrong_passwords_lock_the_account_for_every_way_in(client, citizen):
    for _ in range(4):
        assert log_in(client, "0912345678", "sai").status_code == 401
    locked = log_in(client, "0912345678", "sai")
    assert locked.status_code == 403
    assert "Tài khoản đã bị khóa" in locked.content.decode()
    assert log_in(client, "0912345678").status_code == 403  # the right password too
    # and a one-time code does not get around the lock
    by_code = client.post("/tai-khoan/dang-nhap-otp/", {"identifier": "0912345678"})
    assert by_code.status_code == 403
    assert AuditEvent.objects.filter(action="auth.locked", actor=citizen).count() == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=5)):
        assert log_in(client, "0912345678").status_code == 302


def test_a_staff_account_cannot_log_in_as_a_citizen(client, demo):
    staff = User.objects.get(username="motcua")
    staff.phone = "0912345678"
    staff.save()
    for identifier in ("motcua", "0912345678"):
        assert log_in(client, identifier, STAFF_PASSWORD).status_code == 401
    assert not current(client).user.is_authenticated


def test_an_unknown_address_is_audited_without_revealing_anything(client):
    response = log_in(client, "0987000111", "bat-ky")
    assert response.status_code == 401
    assert "Sai số điện thoại, e-mail hoặc mật khẩu." in response.content.decode()
    assert AuditEvent.objects.filter(action="auth.login_failed", summary__identifier="0987000111").exists()


def test_log_in_with_a_one_time_code(client, citizen):
    response = client.post("/tai-khoan/dang-nhap-otp/", {"identifier": "0912345678", "next": "/dich-vu-cong/"})
    challenge = OneTimeCode.objects.get()
    assert response["Location"] == f"/tai-khoan/xac-thuc/{challenge.token}/"
    assert challenge.user == citizen
    confirmed = client.post(f"/tai-khoan/xac-thuc/{challenge.token}/", {"code": code_sent_for(challenge)})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/dich-vu-cong/"
    request = current(client)
    assert request.user == citizen and auth_method(request) == "otp"
    assert AuditEvent.objects.filter(action="auth.login", actor=citizen, summary__method="otp").count() == 1


def test_a_code_for_an_unknown_address_looks_the_same_but_is_never_sent_and_never_works(client):
    response = client.post("/tai-khoan/dang-nhap-otp/", {"identifier": "0987000111"})
    challenge = OneTimeCode.objects.get()
    assert response["Location"] == f"/tai-khoan/xac-thuc/{challenge.token}/"
    assert not Notification.objects.exists()
    assert client.post(f"/tai-khoan/xac-thuc/{challenge.token}/", {"code": "123456"}).status_code == 400


def test_log_out_ends_the_session(client, citizen):
    log_in(client, "0912345678")
    response = client.post("/tai-khoan/dang-xuat/")
    assert response["Location"] == "/tai-khoan/dang-nhap/"
    request = current(client)
    assert not request.user.is_authenticated and auth_method(request) == ""
    assert AuditEvent.objects.filter(action="auth.logout", actor=citizen).count() == 1


def test_citizen_pages_send_anonymous_visitors_to_log_in_with_next(client):
    response = client.get("/tai-khoan/ho-so/?a=1")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=%2Ftai-khoan%2Fho-so%2F%3Fa%3D1"
