"""The REST API: one error shape, session and bearer authentication, health and the OpenAPI document."""

import secrets

import pytest

from chinhquyenso.core.api.auth import hash_token
from chinhquyenso.core.models import ApiToken, User

pytestmark = pytest.mark.django_db


def assert_error_shape(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"code", "message", "fields"}
    assert body["code"] == code
    assert body["message"]
    return body


def test_health_checks_the_database(client):
    response = client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


def test_openapi_document_is_3_1(client):
    spec = client.get("/api/v1/openapi.json").json()
    assert spec["openapi"].startswith("3.1")
    assert "/api/v1/health" in spec["paths"]
    assert "/api/v1/agencies/{agency_id}" in spec["paths"]


def test_unauthenticated_request_gets_401_in_the_error_shape(client):
    assert_error_shape(client.get("/api/v1/me"), 401, "not_authenticated")


def test_unknown_object_gets_404_in_the_error_shape(client, demo):
    client.force_login(User.objects.get(username="admin"))
    assert_error_shape(client.get("/api/v1/agencies/999999"), 404, "not_found")


def test_malformed_parameter_gets_422_with_the_field(client, demo):
    client.force_login(User.objects.get(username="admin"))
    body = assert_error_shape(client.get("/api/v1/agencies/abc"), 422, "validation_failed")
    assert "agency_id" in body["fields"]


def test_bearer_token_authenticates(client, demo):
    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(user=User.objects.get(username="motcua"), name="test", key_hash=hash_token(secret))
    response = client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"})
    assert response.status_code == 200
    assert response.json()["agency_name"] == "Ủy ban nhân dân xã Thọ Xuân"
    assert response.json()["roles"] == ["one_stop_officer"]


def test_wrong_or_revoked_bearer_token_is_refused(client, demo):
    from django.utils import timezone

    secret = secrets.token_urlsafe(32)
    ApiToken.objects.create(
        user=User.objects.get(username="motcua"),
        name="old",
        key_hash=hash_token(secret),
        revoked_at=timezone.now(),
    )
    assert_error_shape(
        client.get("/api/v1/me", headers={"Authorization": f"Bearer {secret}"}), 401, "not_authenticated"
    )
    assert_error_shape(client.get("/api/v1/me", headers={"Authorization": "Bearer nope"}), 401, "not_authenticated")


def test_error_messages_are_vietnamese_by_default(client):
    body = client.get("/api/v1/me").json()
    assert body["message"] == "Vui lòng đăng nhập."


def test_error_pages_are_vietnamese(rf):
    from chinhquyenso.core.web.errors import forbidden, server_error

    request = rf.get("/")
    from django.contrib.auth.models import AnonymousUser

    request.user = AnonymousUser()
    assert "Không có quyền truy cập" in forbidden(request).content.decode()
    page = server_error(request)
    assert page.status_code == 500
    assert "Lỗi hệ thống" in page.content.decode()
