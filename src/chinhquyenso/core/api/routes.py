from __future__ import annotations

from django.db import connection
from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from chinhquyenso.core.api.auth import staff_auth
from chinhquyenso.core.permissions import user_roles

router = Router(tags=["core"])


class HealthOut(Schema):
    status: str
    database: str


class ErrorOut(Schema):
    code: str
    message: str
    fields: dict[str, list[str]]


@router.get("/health", response={200: HealthOut, 503: HealthOut}, auth=None, summary="Service and database health")
def health(request):
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any database failure means unhealthy
        return Status(503, {"status": "unavailable", "database": _("unreachable")})
    return Status(200, {"status": "ok", "database": "ok"})


class MeOut(Schema):
    username: str
    full_name: str
    agency_id: int | None
    agency_name: str | None
    roles: list[str]


@router.get("/me", response={200: MeOut, 401: ErrorOut}, auth=staff_auth, summary="The signed-in staff member")
def me(request):
    user = request.auth
    return {
        "username": user.username,
        "full_name": user.full_name,
        "agency_id": user.agency_id,
        "agency_name": user.agency.name if user.agency_id else None,
        "roles": sorted(user_roles(user)),
    }
