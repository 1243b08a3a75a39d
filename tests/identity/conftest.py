import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.test import override_settings

from chinhquyenso.core.models import Notification
from chinhquyenso.identity import oidc
from chinhquyenso.identity.fake_vneid_server import FakeVNeIDServer

CALLBACK = "http://testserver/tai-khoan/vneid/callback/"
CLIENT_ID = "chinhquyenso-test"
CLIENT_SECRET = "bi-mat-thu-nghiem-2026"
PASSWORD = "Mat-khau-cong-dan-2026"


def code_sent_for(challenge) -> str:
    """The code the citizen received: the outbox row written in the same transaction as the verification."""
    found = Notification.objects.filter(reference=f"otp:{challenge.token}").order_by("-id").first()
    assert found is not None, "no one-time code was queued"
    assert found.template == "otp_code"
    return found.context["code"]


@pytest.fixture
def fake_vneid():
    """A FakeVNeID on a loopback port; the platform (driven by Django's test client) is its registered client."""
    with FakeVNeIDServer() as server:
        server.provider.register_client(CLIENT_ID, CLIENT_SECRET, CALLBACK)
        with override_settings(
            VNEID_ISSUER=server.issuer,
            VNEID_CLIENT_ID=CLIENT_ID,
            VNEID_CLIENT_SECRET=CLIENT_SECRET,
            VNEID_REDIRECT_URI=CALLBACK,
        ):
            oidc.cache_clear()
            yield server
    oidc.cache_clear()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


_opener = urllib.request.build_opener(_NoRedirect)


def http(method: str, url: str, data: dict | None = None, headers: dict | None = None):
    """(status, headers, text) of one request, redirects not followed: the browser's side of the provider."""
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    request = urllib.request.Request(url, data=body, method=method, headers=headers or {})  # noqa: S310 (loopback)
    if body is not None:
        request.add_header("Content-Type", "application/x-www-form-urlencoded")
    try:
        with _opener.open(request, timeout=10) as answer:
            return answer.status, answer.headers, answer.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


def provider_approves(authorize_url: str, person: str = "038090001234", decision: str = "allow") -> str:
    """Opens the provider's page, picks a person and approves; returns where the provider sends the browser."""
    status, _, page = http("GET", authorize_url)
    assert status == 200, page
    assert "Chọn tài khoản định danh" in page
    params = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(authorize_url).query))
    action = authorize_url.split("?", 1)[0]
    status, headers, _ = http("POST", action, {**params, "person": person, "decision": decision})
    assert status == 302
    return headers["Location"]


def callback_path(location: str) -> str:
    assert location.startswith(CALLBACK), location
    return location[len("http://testserver") :]


def vneid_log_in(client, person: str = "038090001234", next_url: str = "/tai-khoan/ho-so/"):
    """The whole flow: platform → provider page → approve → platform callback. Returns the callback's response."""
    start = client.get("/tai-khoan/vneid/", {"next": next_url})
    assert start.status_code == 302, start.content
    return client.get(callback_path(provider_approves(start["Location"], person)))


@pytest.fixture
def make_citizen(db):
    from chinhquyenso.core.models import AccountKind, User
    from chinhquyenso.identity.models import CitizenProfile

    def make(contact: str, *, full_name: str = "Công Dân Thử", password: str = PASSWORD):
        is_phone = "@" not in contact
        user = User(
            username=f"cd.test-{contact}",
            kind=AccountKind.CITIZEN,
            full_name=full_name,
            phone=contact if is_phone else "",
            email="" if is_phone else contact,
        )
        user.set_password(password)
        user.save()
        CitizenProfile.objects.create(
            user=user, verified_phone=contact if is_phone else None, verified_email=None if is_phone else contact
        )
        return user

    return make


@pytest.fixture
def citizen(make_citizen):
    return make_citizen("0912345678", full_name="Nguyễn Văn An")


@pytest.fixture
def django_client_factory():
    from django.test import Client

    return Client
