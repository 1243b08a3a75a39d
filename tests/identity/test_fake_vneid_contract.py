"""FakeVNeID enforces the provider's side of the contract, so a relying-party mistake fails here as it would live."""

import base64
import hashlib
import json
import secrets
import urllib.parse

import pytest
from django.test import override_settings

from chinhquyenso.identity.fake_vneid_server import FakeVNeIDServer
from tests.identity.conftest import CALLBACK, CLIENT_ID, CLIENT_SECRET, http


def b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


@pytest.fixture(scope="module")
def fake():
    with FakeVNeIDServer() as server:
        server.provider.register_client(CLIENT_ID, CLIENT_SECRET, CALLBACK)
        yield server


def authorize_params(**overrides) -> dict:
    verifier = secrets.token_urlsafe(48)
    params = {
        "response_type": "code",
        "client_id": CLIENT_ID,
        "redirect_uri": CALLBACK,
        "scope": "openid profile",
        "state": "s-123",
        "nonce": "n-456",
        "code_challenge": b64url(hashlib.sha256(verifier.encode()).digest()),
        "code_challenge_method": "S256",
        "_verifier": verifier,
    }
    params.update(overrides)
    return params


def get_code(fake, params) -> str:
    form = {k: v for k, v in params.items() if not k.startswith("_")}
    status, headers, _ = http(
        "POST", fake.issuer + "/authorize", {**form, "person": "038185004321", "decision": "allow"}
    )
    assert status == 302
    query = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(headers["Location"]).query))
    assert query["state"] == "s-123"
    return query["code"]


def exchange(fake, code, verifier, *, secret=CLIENT_SECRET, redirect_uri=CALLBACK):
    basic = base64.b64encode(f"{CLIENT_ID}:{secret}".encode()).decode()
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri, "code_verifier": verifier}
    status, headers, body = http("POST", fake.issuer + "/token", form, {"Authorization": f"Basic {basic}"})
    return status, headers, json.loads(body)


def test_discovery_names_the_issuer_and_its_endpoints(fake):
    status, _, body = http("GET", fake.issuer + "/.well-known/openid-configuration")
    document = json.loads(body)
    assert status == 200
    assert document["issuer"] == fake.issuer
    assert document["code_challenge_methods_supported"] == ["S256"]
    assert document["id_token_signing_alg_values_supported"] == ["RS256"]
    status, _, body = http("GET", document["jwks_uri"])
    (key,) = json.loads(body)["keys"]
    assert key["kty"] == "RSA" and key["alg"] == "RS256" and key["kid"] == fake.provider.kid
    assert "d" not in key  # never the private part


def test_the_page_is_marked_as_a_test_provider(fake):
    query = urllib.parse.urlencode({k: v for k, v in authorize_params().items() if not k.startswith("_")})
    status, _, page = http("GET", f"{fake.issuer}/authorize?{query}")
    assert status == 200
    assert "MÔI TRƯỜNG THỬ NGHIỆM" in page and "không phải VNeID thật" in page
    assert "Lê Thị Bình" in page and "038******321" in page


def test_an_unregistered_redirect_uri_gets_an_error_page_never_a_redirect(fake):
    params = authorize_params(redirect_uri="https://ke-gian.example/callback")
    query = urllib.parse.urlencode({k: v for k, v in params.items() if not k.startswith("_")})
    status, headers, page = http("GET", f"{fake.issuer}/authorize?{query}")
    assert status == 400
    assert "Location" not in headers
    assert "redirect_uri" in page


@pytest.mark.parametrize(
    ("overrides", "error"),
    [
        ({"code_challenge_method": "plain"}, "invalid_request"),
        ({"code_challenge": ""}, "invalid_request"),
        ({"scope": "profile"}, "invalid_scope"),
        ({"response_type": "token"}, "unsupported_response_type"),
    ],
)
def test_a_bad_authorization_request_is_sent_back_with_its_error(fake, overrides, error):
    params = authorize_params(**overrides)
    query = urllib.parse.urlencode({k: v for k, v in params.items() if not k.startswith("_")})
    status, headers, _ = http("GET", f"{fake.issuer}/authorize?{query}")
    assert status == 302
    answer = dict(urllib.parse.parse_qsl(urllib.parse.urlsplit(headers["Location"]).query))
    assert answer == {"error": error, "state": "s-123"}


def test_a_code_is_exchanged_once_and_a_second_use_revokes_its_token(fake):
    params = authorize_params()
    code = get_code(fake, params)
    status, headers, tokens = exchange(fake, code, params["_verifier"])
    assert status == 200 and tokens["token_type"] == "Bearer"
    assert headers["Cache-Control"] == "no-store"
    bearer = {"Authorization": f"Bearer {tokens['access_token']}"}
    status, _, body = http("GET", fake.issuer + "/userinfo", headers=bearer)
    assert status == 200 and json.loads(body)["sub"] == "038185004321"

    status, _, again = exchange(fake, code, params["_verifier"])
    assert status == 400 and again["error"] == "invalid_grant"
    status, headers, _ = http("GET", fake.issuer + "/userinfo", headers=bearer)
    assert status == 401 and "invalid_token" in headers["WWW-Authenticate"]


def test_the_pkce_verifier_must_match_the_challenge(fake):
    params = authorize_params()
    status, _, answer = exchange(fake, get_code(fake, params), secrets.token_urlsafe(48))
    assert status == 400 and answer == {"error": "invalid_grant", "error_description": "PKCE verification failed"}


def test_the_redirect_uri_must_be_the_one_authorized(fake):
    params = authorize_params()
    status, _, answer = exchange(fake, get_code(fake, params), params["_verifier"], redirect_uri=CALLBACK + "x")
    assert status == 400 and answer["error"] == "invalid_grant"


def test_a_wrong_client_secret_is_401_invalid_client(fake):
    params = authorize_params()
    status, headers, answer = exchange(fake, get_code(fake, params), params["_verifier"], secret="doan-bua")
    assert status == 401 and answer["error"] == "invalid_client"
    assert headers["WWW-Authenticate"].startswith("Basic")


def test_userinfo_without_a_token_is_401(fake):
    status, headers, _ = http("GET", fake.issuer + "/userinfo")
    assert status == 401 and headers["WWW-Authenticate"] == 'Bearer error="invalid_token"'


@pytest.mark.django_db
def test_the_in_platform_mount_serves_the_provider_at_the_platform_address(client):
    status = client.get("/tai-khoan/fake-vneid/.well-known/openid-configuration")
    assert status.status_code == 200
    assert status.json()["issuer"] == "http://testserver/tai-khoan/fake-vneid"
    assert status.json()["token_endpoint"] == "http://testserver/tai-khoan/fake-vneid/token"


@pytest.mark.django_db
def test_the_in_platform_mount_is_off_unless_enabled(client):
    with override_settings(FAKE_VNEID_ENABLED=False):
        assert client.get("/tai-khoan/fake-vneid/.well-known/openid-configuration").status_code == 404


def test_production_refuses_the_fake_provider():
    from chinhquyenso.identity.checks import vneid_settings

    with override_settings(PROFILE="production", FAKE_VNEID_ENABLED=True, VNEID_ISSUER=None):
        assert [problem.id for problem in vneid_settings(None)] == ["identity.E001"]
    with override_settings(
        PROFILE="production", FAKE_VNEID_ENABLED=False, VNEID_ISSUER="http://sso.example", VNEID_REDIRECT_URI=None
    ):
        assert [problem.id for problem in vneid_settings(None)] == ["identity.E002", "identity.E003"]
