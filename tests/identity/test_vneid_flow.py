"""VNeID log-in: the real authorization-code flow with PKCE against FakeVNeID over HTTP."""

import urllib.parse
from datetime import date

import pytest
from django.contrib.auth import get_user_model
from django.test import override_settings

from chinhquyenso.core.models import AccountKind, AuditEvent
from chinhquyenso.identity.fake_vneid import MISBEHAVIOURS
from chinhquyenso.identity.models import CitizenProfile
from chinhquyenso.identity.services.vneid import SESSION_PENDING
from tests.identity.conftest import callback_path, provider_approves, vneid_log_in

pytestmark = pytest.mark.django_db
User = get_user_model()


def signed_in_user(client):
    return client.get("/tai-khoan/ho-so/").wsgi_request.user


def test_first_log_in_creates_the_citizen_and_fills_the_profile(client, fake_vneid):
    response = vneid_log_in(client, next_url="/tai-khoan/ho-so/?tab=1")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/ho-so/?tab=1"

    user = User.objects.get(citizen_profile__vneid_subject="038090001234")
    assert user.kind == AccountKind.CITIZEN and user.agency is None
    assert user.full_name == "Nguyễn Văn An"
    assert not user.has_usable_password()
    profile = user.citizen_profile
    assert profile.id_number == "038090001234" and profile.id_verified
    assert profile.birth_date == date(1990, 5, 12)
    assert profile.address == "Thôn Xuân Lai, xã Thọ Xuân, tỉnh Thanh Hóa"
    assert profile.verified_phone == "0912345678"

    page = client.get("/tai-khoan/ho-so/")
    assert page.wsgi_request.user == user
    assert client.session["cqs_auth_method"] == "vneid"
    text = page.content.decode()
    assert "Đăng nhập bằng VNeID." in text
    assert "Đã xác thực qua VNeID" in text
    assert AuditEvent.objects.filter(action="identity.vneid_created", actor=user).count() == 1
    assert AuditEvent.objects.filter(action="auth.login", actor=user, summary__method="vneid").count() == 1


def test_the_authorization_request_carries_pkce_s256_state_and_nonce(client, fake_vneid):
    start = client.get("/tai-khoan/vneid/")
    location = urllib.parse.urlsplit(start["Location"])
    query = dict(urllib.parse.parse_qsl(location.query))
    assert f"{location.scheme}://{location.netloc}" == fake_vneid.issuer
    assert query["response_type"] == "code"
    assert query["code_challenge_method"] == "S256"
    assert len(query["code_challenge"]) == 43
    assert query["scope"].split()[0] == "openid"
    pending = client.session[SESSION_PENDING][query["state"]]
    assert pending["nonce"] == query["nonce"]
    assert pending["code_verifier"] not in start["Location"]  # only its hash travels


def test_second_log_in_finds_the_same_account(client, fake_vneid):
    vneid_log_in(client)
    first = User.objects.get(citizen_profile__vneid_subject="038090001234")
    client.post("/tai-khoan/dang-xuat/")
    assert not signed_in_user(client).is_authenticated

    assert vneid_log_in(client).status_code == 302
    assert signed_in_user(client) == first
    assert User.objects.filter(kind=AccountKind.CITIZEN).count() == 1
    assert AuditEvent.objects.filter(action="identity.vneid_existing", actor=first).count() == 1


def test_an_account_made_by_sign_up_is_linked_when_vneid_vouches_for_its_phone(client, fake_vneid, citizen):
    citizen.citizen_profile.id_number = "038090001234"  # typed by the citizen, not yet verified
    citizen.citizen_profile.save()
    vneid_log_in(client)
    assert signed_in_user(client) == citizen
    citizen.citizen_profile.refresh_from_db()
    assert citizen.citizen_profile.id_verified
    assert citizen.citizen_profile.vneid_subject == "038090001234"
    assert User.objects.filter(kind=AccountKind.CITIZEN).count() == 1
    assert AuditEvent.objects.filter(action="identity.vneid_linked", actor=citizen).count() == 1


def test_a_typed_identity_number_alone_never_links_someone_elses_account(client, fake_vneid, make_citizen):
    squatter = make_citizen("0398765432")
    squatter.citizen_profile.id_number = "038090001234"  # somebody else's number
    squatter.citizen_profile.save()

    vneid_log_in(client)
    user = signed_in_user(client)
    assert user != squatter
    assert user.citizen_profile.id_number == "038090001234" and user.citizen_profile.id_verified
    squatter.citizen_profile.refresh_from_db()
    assert not squatter.citizen_profile.id_verified and squatter.citizen_profile.vneid_subject is None


def test_a_signed_in_citizen_links_vneid_from_the_profile(client, fake_vneid, make_citizen):
    citizen = make_citizen("0398765432")
    client.force_login(citizen)
    start = client.get("/tai-khoan/vneid/", {"lien-ket": "1", "next": "/tai-khoan/ho-so/"})
    client.get(callback_path(provider_approves(start["Location"], person="038185004321")))
    citizen.citizen_profile.refresh_from_db()
    assert citizen.citizen_profile.vneid_subject == "038185004321"
    assert signed_in_user(client) == citizen
    assert citizen.citizen_profile.verified_phone == "0398765432"  # the citizen's own log-in stays


def test_a_callback_with_a_state_this_browser_did_not_start_is_refused(client, fake_vneid):
    start = client.get("/tai-khoan/vneid/")
    location = provider_approves(start["Location"])
    forged = location.replace("state=", "state=x")
    response = client.get(callback_path(forged))
    assert response.status_code == 400
    assert "không được bắt đầu từ đây hoặc đã hết hạn" in response.content.decode()
    assert not signed_in_user(client).is_authenticated


def test_a_callback_from_another_browser_is_refused(client, fake_vneid, django_client_factory):
    start = client.get("/tai-khoan/vneid/")
    location = provider_approves(start["Location"])
    other = django_client_factory()
    assert other.get(callback_path(location)).status_code == 400
    assert not User.objects.filter(kind=AccountKind.CITIZEN).exists()


def test_a_wrong_pkce_verifier_is_refused_by_the_provider(client, fake_vneid):
    start = client.get("/tai-khoan/vneid/")
    session = client.session
    for item in session[SESSION_PENDING].values():
        item["code_verifier"] = "A" * 64  # not the verifier the challenge was made from
    session.save()
    response = client.get(callback_path(provider_approves(start["Location"])))
    assert response.status_code == 400
    assert not signed_in_user(client).is_authenticated
    assert AuditEvent.objects.filter(action="auth.vneid_failed", summary__code="vneid_token_refused").exists()


def test_a_replayed_callback_signs_nobody_in(client, fake_vneid, django_client_factory):
    start = client.get("/tai-khoan/vneid/")
    location = provider_approves(start["Location"])
    assert client.get(callback_path(location)).status_code == 302
    client.post("/tai-khoan/dang-xuat/")
    # Same browser, same callback again: the state was used up with the first log-in.
    assert client.get(callback_path(location)).status_code == 400
    assert not signed_in_user(client).is_authenticated


def test_a_code_already_exchanged_is_refused_even_with_a_fresh_state(client, fake_vneid):
    start = client.get("/tai-khoan/vneid/")
    location = provider_approves(start["Location"])
    used_code = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(location).query))["code"]
    assert client.get(callback_path(location)).status_code == 302
    client.post("/tai-khoan/dang-xuat/")

    second = client.get("/tai-khoan/vneid/")
    state = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(second["Location"]).query))["state"]
    response = client.get("/tai-khoan/vneid/callback/", {"code": used_code, "state": state})
    assert response.status_code == 400
    assert not signed_in_user(client).is_authenticated


@pytest.mark.parametrize(
    ("misbehaviour", "code"),
    [
        ("unsigned", "vneid_bad_id_token"),
        ("forged", "vneid_bad_id_token"),
        ("hs256", "vneid_bad_id_token"),
        ("wrong_audience", "vneid_wrong_audience"),
        ("expired", "vneid_token_expired"),
        ("wrong_nonce", "vneid_wrong_nonce"),
        ("wrong_issuer", "vneid_bad_id_token"),
        ("userinfo_other_subject", "vneid_subject_mismatch"),
    ],
)
def test_an_id_token_that_does_not_hold_signs_nobody_in(client, fake_vneid, misbehaviour, code):
    assert {m for m in MISBEHAVIOURS} >= {misbehaviour}
    fake_vneid.provider.misbehave_next(misbehaviour)
    response = vneid_log_in(client)
    assert response.status_code == 400
    assert "Đăng nhập bằng VNeID không thành công" in response.content.decode()
    assert not signed_in_user(client).is_authenticated
    assert not User.objects.filter(kind=AccountKind.CITIZEN).exists()
    assert AuditEvent.objects.filter(action="auth.vneid_failed", summary__code=code).count() == 1


def test_cancelling_at_the_provider_says_so(client, fake_vneid):
    start = client.get("/tai-khoan/vneid/")
    response = client.get(callback_path(provider_approves(start["Location"], decision="deny")))
    assert response.status_code == 400
    assert "Bạn đã hủy đăng nhập bằng VNeID" in response.content.decode()


def test_an_unreachable_provider_is_a_clear_502(client):
    with override_settings(VNEID_ISSUER="http://127.0.0.1:9", VNEID_TIMEOUT_SECONDS=2):
        from chinhquyenso.identity import oidc

        oidc.cache_clear()
        response = client.get("/tai-khoan/vneid/")
    assert response.status_code == 502
    assert "Không kết nối được với hệ thống định danh VNeID" in response.content.decode()


def test_a_staff_account_is_not_a_citizen(client, fake_vneid, demo):
    client.force_login(User.objects.get(username="motcua"))
    response = client.get("/tai-khoan/ho-so/")
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/?next=%2Ftai-khoan%2Fho-so%2F"
    assert not CitizenProfile.objects.exists()
