"""Reads of units and agencies. Agency reads are scoped to what the user may see."""

from __future__ import annotations

from datetime import date

from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.permissions import scope_prefixes
from chinhquyenso.units.models import AdministrativeUnit, Agency, UnitLevel
from chinhquyenso.units.models.unit import path_prefix_q


def agency_list_for(*, user):
    return Agency.objects.select_related("unit").within_units(scope_prefixes(user)).order_by("name")


def agency_get_for(*, user, agency_id: int) -> Agency:
    """The agency if the user may see it; otherwise 404, so existence is not revealed."""
    found = agency_list_for(user=user).filter(pk=agency_id).first()
    if found is None:
        raise NotFound()
    return found


def unit_get(*, unit_id: int) -> AdministrativeUnit:
    found = AdministrativeUnit.objects.filter(pk=unit_id).first()
    if found is None:
        raise NotFound()
    return found


def unit_descendants(*, unit: AdministrativeUnit, level: str | None = None):
    found = AdministrativeUnit.objects.descendants_of(unit)
    return found.filter(level=level) if level else found


def current_province_by_code(code: str) -> AdministrativeUnit | None:
    return AdministrativeUnit.objects.filter(level=UnitLevel.PROVINCE, code=code, path__startswith="N").first()


def unit_predecessors(*, unit: AdministrativeUnit):
    """Legacy units whose territory rolled up (wholly or partly) into this current unit, with their subtrees.

    Two queries: the direct predecessors, then everything under their paths (their districts and communes).
    """
    direct = AdministrativeUnit.objects.filter(successors=unit).values_list("path", flat=True)
    return AdministrativeUnit.objects.filter(path_prefix_q("path", list(direct)))


def unit_current_successors(*, unit: AdministrativeUnit, on: date | None = None):
    return unit.successors.all() if on is None else unit.successors.in_force_on(on)
