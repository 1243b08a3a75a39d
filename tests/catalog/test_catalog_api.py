"""The catalogue API: search published procedures, read one with its parts; staff only, errors in one shape."""

import pytest

from chinhquyenso.core.models import User

pytestmark = pytest.mark.django_db

URL = "/api/v1/catalog/procedures"


def test_the_list_is_paginated_and_searchable(client, officer, catalog):
    client.force_login(officer)
    body = client.get(URL).json()
    assert body["count"] == len(catalog["procedures"])
    assert len(body["items"]) == 33  # one page of 50
    first = body["items"][0]
    assert set(first) == {
        "national_code",
        "name",
        "field_code",
        "field_name",
        "level",
        "online_level",
        "time_limit",
        "version",
    }
    found = client.get(URL, {"q": "dang ky khai sinh"}).json()
    assert "1.001193" in [p["national_code"] for p in found["items"]]
    assert all("khai sinh" in p["name"].lower() for p in found["items"])


def test_filters_by_field_and_online_level(client, officer, catalog):
    client.force_login(officer)
    body = client.get(URL, {"field": "CT", "online_level": "partial"}).json()
    expected = {
        p["national_code"] for p in catalog["procedures"] if p["field_code"] == "CT" and p["online_level"] == "partial"
    }
    assert {p["national_code"] for p in body["items"]} == expected


def test_an_unknown_online_level_is_a_422_naming_the_parameter(client, officer, catalog):
    client.force_login(officer)
    response = client.get(URL, {"online_level": "level-4"})
    assert response.status_code == 422
    assert "online_level" in response.json()["fields"]


def test_one_procedure_with_components_fees_and_steps(client, officer, catalog):
    client.force_login(officer)
    body = client.get(f"{URL}/1.001193").json()
    source = next(p for p in catalog["procedures"] if p["national_code"] == "1.001193")
    assert body["name"] == source["name"] and body["status"] == "published" and body["version"] == 1
    assert body["time_limit"] == {"value": 0, "unit": "same-day", "same_day_cutoff": "15:00"}
    assert body["components"] == source["components"]
    assert body["fees"] == source["fees"]
    assert body["steps"] == source["steps"]
    assert body["legal_basis"] == source["legal_basis"]


def test_an_unknown_code_is_404_in_the_error_shape(client, officer, catalog):
    client.force_login(officer)
    response = client.get(f"{URL}/9.999999")
    assert response.status_code == 404
    assert set(response.json()) == {"code", "message", "fields"} and response.json()["code"] == "not_found"


def test_staff_authentication_is_required(client, catalog):
    response = client.get(URL)
    assert response.status_code == 401 and response.json()["code"] == "not_authenticated"
    citizen = User.objects.create_user(username="congdan", password="x-Mat-khau-2026", kind="citizen")
    client.force_login(citizen)
    assert client.get(f"{URL}/1.001193").status_code == 401


def test_the_openapi_document_lists_the_catalogue(client):
    paths = client.get("/api/v1/openapi.json").json()["paths"]
    assert "/api/v1/catalog/procedures" in paths and "/api/v1/catalog/procedures/{national_code}" in paths
