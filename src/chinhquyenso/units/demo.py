"""Demo agencies of Thanh Hóa (code 38), including its former Thọ Xuân district.

The identifiers follow the Decision 20/2020 pattern of Thanh Hóa (``…H56``) but are made up for the demo:
real ones come from the national shared catalogue.
"""

from __future__ import annotations

from chinhquyenso.units.models import AdministrativeUnit, Agency, AgencyKind
from chinhquyenso.units.paths import current_commune_path, current_province_path, legacy_district_path

# (identifier, name, short name, kind, unit path)
DEMO_AGENCIES = [
    (
        "000.00.00.H56",
        "Ủy ban nhân dân tỉnh Thanh Hóa",
        "UBND tỉnh",
        AgencyKind.PEOPLES_COMMITTEE,
        current_province_path(38),
    ),
    (
        "000.00.31.H56",
        "Trung tâm Phục vụ hành chính công tỉnh Thanh Hóa",
        "TTPVHCC tỉnh",
        AgencyKind.ONE_STOP,
        current_province_path(38),
    ),
    (
        "000.00.15.H56",
        "Sở Tư pháp tỉnh Thanh Hóa",
        "Sở Tư pháp",
        AgencyKind.DEPARTMENT,
        current_province_path(38),
    ),
    (
        "000.01.27.H56",
        "Ủy ban nhân dân xã Thọ Xuân",
        "UBND xã Thọ Xuân",
        AgencyKind.PEOPLES_COMMITTEE,
        current_commune_path(38, 15499),
    ),
    (
        "000.02.27.H56",
        "Ủy ban nhân dân xã Lam Sơn",
        "UBND xã Lam Sơn",
        AgencyKind.PEOPLES_COMMITTEE,
        current_commune_path(38, 15544),
    ),
    (
        "000.03.27.H56",
        "Ủy ban nhân dân xã Sao Vàng",
        "UBND xã Sao Vàng",
        AgencyKind.PEOPLES_COMMITTEE,
        current_commune_path(38, 15553),
    ),
    (
        "000.00.27.H56",
        "Ủy ban nhân dân huyện Thọ Xuân (trước 01/07/2025)",
        "UBND huyện Thọ Xuân",
        AgencyKind.PEOPLES_COMMITTEE,
        legacy_district_path(38, 395),
    ),
]


def ensure_demo_agencies() -> dict[str, Agency]:
    if not AdministrativeUnit.objects.exists():
        from chinhquyenso.units.loading import load_units  # heavy import, only on first load

        load_units()
    units = {u.path: u for u in AdministrativeUnit.objects.filter(path__in=[row[4] for row in DEMO_AGENCIES])}
    agencies = {}
    for identifier, name, short_name, kind, path in DEMO_AGENCIES:
        unit = units[path]
        agency, _ = Agency.objects.get_or_create(
            identifier=identifier,
            defaults={
                "name": name,
                "short_name": short_name,
                "kind": kind,
                "unit": unit,
                "valid_to": unit.valid_to,
            },
        )
        agencies[identifier] = agency
    return agencies
