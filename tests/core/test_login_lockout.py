"""Log-in, lock-out after five failures, idle session expiry, and the audit of each."""

from datetime import timedelta

import pytest
import time_machine
from django.utils import timezone

from chinhquyenso.core.models import AuditEvent, Role
from tests.factories import PASSWORD, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def officer(units):
    from chinhquyenso.units.models import AdministrativeUnit, Agency

    agency = Agency.objects.create(
        name="Ủy ban nhân dân xã Thọ Xuân",
        identifier="000.01.27.H56",
        unit=AdministrativeUnit.objects.get(path="N38/15499/"),
    )
    return make_staff("motcua", agency=agency, role=Role.ONE_STOP_OFFICER)


def post_login(client, username, password):
    return client.post("/dang-nhap/", {"username": username, "password": password})


def test_login_shows_the_shell_with_the_agency_name(client, officer):
    response = post_login(client, "motcua", PASSWORD)
    assert response.status_code == 302
    home = client.get(response["Location"])
    assert "Ủy ban nhân dân xã Thọ Xuân" in home.content.decode()
    assert AuditEvent.objects.filter(action="auth.login", actor=officer).count() == 1


def test_wrong_password_is_refused_in_vietnamese(client, officer):
    response = post_login(client, "motcua", "sai-mat-khau")
    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()


def test_five_failures_lock_the_account_for_fifteen_minutes(client, officer):
    for _ in range(4):
        assert post_login(client, "motcua", "sai").status_code == 401
    fifth = post_login(client, "motcua", "sai")
    assert fifth.status_code == 403
    assert "đã bị khóa" in fifth.content.decode()

    # Even the right password is refused while locked.
    refused = post_login(client, "motcua", PASSWORD)
    assert refused.status_code == 403
    assert "15 phút" in refused.content.decode()
    assert AuditEvent.objects.filter(action="auth.locked", actor=officer).count() == 1

    with time_machine.travel(timezone.now() + timedelta(minutes=15, seconds=5)):
        assert post_login(client, "motcua", PASSWORD).status_code == 302


def test_success_resets_the_failure_count(client, officer):
    for _ in range(4):
        post_login(client, "motcua", "sai")
    assert post_login(client, "motcua", PASSWORD).status_code == 302
    client.post("/dang-xuat/")
    for _ in range(4):
        assert post_login(client, "motcua", "sai").status_code == 401


def test_session_expires_after_30_idle_minutes(client, officer):
    post_login(client, "motcua", PASSWORD)
    assert client.get("/").status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=29)):
        assert client.get("/").status_code == 200  # activity pushes expiry forward
    with time_machine.travel(timezone.now() + timedelta(minutes=29 + 31)):
        response = client.get("/")
        assert response.status_code == 302
        assert response["Location"].startswith("/dang-nhap/")


def test_logout_is_audited(client, officer):
    post_login(client, "motcua", PASSWORD)
    client.post("/dang-xuat/")
    assert AuditEvent.objects.filter(action="auth.logout", actor=officer).count() == 1
    assert client.get("/").status_code == 302


def test_unknown_user_gets_the_same_message(client, units):
    response = post_login(client, "khong-ton-tai", "x")
    assert response.status_code == 401
    assert "Sai tên đăng nhập hoặc mật khẩu" in response.content.decode()
