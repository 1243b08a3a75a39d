"""The one read intake needs before it writes: the agency with its unit, its calendar's version numbers and the
published procedure's cache key, compiled once (``QueryTemplate``) because it runs on every intake."""

from __future__ import annotations

from chinhquyenso.catalog.published import published_version_annotations
from chinhquyenso.core.query_template import QueryTemplate
from chinhquyenso.units.models import AdministrativeUnit, Agency
from chinhquyenso.workcal.store import calendar_annotations

_AGENCY = [f.attname for f in Agency._meta.concrete_fields]
_UNIT = [f.attname for f in AdministrativeUnit._meta.concrete_fields]

_READ = QueryTemplate(
    lambda agency_id, procedure_code: (
        Agency.objects.filter(pk=agency_id)
        .values(*_AGENCY, *(f"unit__{name}" for name in _UNIT))
        .annotate(**calendar_annotations(), **published_version_annotations(procedure_code))
    ),
    int,
    str,
)


def agency_for_intake(agency_id: int, procedure_code: str) -> Agency | None:
    """The agency (its unit loaded) carrying the annotations ``calendar_of_annotated`` and
    ``published_version_of_annotated`` read; None when there is no such agency."""
    row = _READ.first(agency_id, procedure_code)
    if row is None:
        return None
    agency = Agency.from_db("default", _AGENCY, [row.pop(name) for name in _AGENCY])
    agency.unit = AdministrativeUnit.from_db("default", _UNIT, [row.pop(f"unit__{name}") for name in _UNIT])
    for name, value in row.items():
        setattr(agency, name, value)
    return agency
