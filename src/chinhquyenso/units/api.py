from __future__ import annotations

from ninja import Router, Schema

from chinhquyenso.core.api.auth import staff_auth
from chinhquyenso.core.api.routes import ErrorOut
from chinhquyenso.units.selectors import agency_get_for, agency_list_for, unit_descendants, unit_get

router = Router(tags=["units"], auth=staff_auth)


class UnitOut(Schema):
    id: int
    code: str
    name: str
    level: str
    division_type: str
    path: str


class AgencyOut(Schema):
    id: int
    name: str
    identifier: str
    kind: str
    unit: UnitOut


@router.get("/agencies", response={200: list[AgencyOut], 401: ErrorOut}, summary="Agencies the user may see")
def agencies(request):
    return list(agency_list_for(user=request.auth)[:500])


@router.get("/agencies/{agency_id}", response={200: AgencyOut, 401: ErrorOut, 404: ErrorOut}, summary="One agency")
def agency(request, agency_id: int):
    return agency_get_for(user=request.auth, agency_id=agency_id)


@router.get(
    "/units/{unit_id}/descendants",
    response={200: list[UnitOut], 401: ErrorOut, 404: ErrorOut},
    summary="Units under a unit (optionally of one level)",
)
def descendants(request, unit_id: int, level: str | None = None):
    return list(unit_descendants(unit=unit_get(unit_id=unit_id), level=level))
