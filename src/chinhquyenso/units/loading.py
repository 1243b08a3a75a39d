"""Loads the administrative units from the ``vietnam-provinces`` package.

The two-tier system (34 provinces, 3,321 communes) is in force from 01/07/2025; the legacy three-tier one
(63 / 696 / 10,051) ends the day before. Succession links let history roll up to today's units. Loading is
idempotent: existing rows (matched by path) are updated, missing ones created.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from vietnam_provinces import Province, Ward
from vietnam_provinces import _ward_conversion_2025 as ward_conversion  # partial-merge flags live only here
from vietnam_provinces.legacy import District as LegacyDistrict
from vietnam_provinces.legacy import Province as LegacyProvince
from vietnam_provinces.legacy import Ward as LegacyWard

from chinhquyenso.units.models import AdministrativeUnit, UnitLevel, UnitSuccession
from chinhquyenso.units.paths import (
    current_commune_path,
    current_province_path,
    legacy_commune_path,
    legacy_district_path,
    legacy_province_path,
)

REFORM_DAY = date(2025, 7, 1)
LEGACY_LAST_DAY = date(2025, 6, 30)


@dataclass
class LoadResult:
    created: int
    updated: int
    successions: int


def _rows():
    """(path, parent_path, code, name, division_type, level, valid_from, valid_to), parents first."""
    for p in Province.iter_all():
        yield (
            current_province_path(p.code),
            None,
            f"{p.code:02d}",
            p.name,
            str(p.division_type),
            UnitLevel.PROVINCE,
            REFORM_DAY,
            None,
        )
    for w in Ward.iter_all():
        yield (
            current_commune_path(w.province_code, w.code),
            current_province_path(w.province_code),
            f"{w.code:05d}",
            w.name,
            str(w.division_type),
            UnitLevel.COMMUNE,
            REFORM_DAY,
            None,
        )
    for p in LegacyProvince.iter_all():
        yield (
            legacy_province_path(p.code),
            None,
            f"{p.code:02d}",
            p.name,
            str(p.division_type),
            UnitLevel.PROVINCE,
            None,
            LEGACY_LAST_DAY,
        )
    district_province = {}
    for d in LegacyDistrict.iter_all():
        district_province[int(d.code)] = int(d.province_code)
        yield (
            legacy_district_path(d.province_code, d.code),
            legacy_province_path(d.province_code),
            f"{d.code:03d}",
            d.name,
            str(d.division_type),
            UnitLevel.DISTRICT,
            None,
            LEGACY_LAST_DAY,
        )
    for w in LegacyWard.iter_all():
        province = district_province[int(w.district_code)]
        yield (
            legacy_commune_path(province, w.district_code, w.code),
            legacy_district_path(province, w.district_code),
            f"{w.code:05d}",
            w.name,
            str(w.division_type),
            UnitLevel.COMMUNE,
            None,
            LEGACY_LAST_DAY,
        )


def _succession_pairs(district_province: dict[int, int], ward_district: dict[int, int]):
    """(legacy path, current path, partial) for provinces, districts and communes."""
    province_successor: dict[int, int] = {}
    for p in Province.iter_all():
        for old in p.get_legacy_sources():
            province_successor[int(old.code)] = int(p.code)
            yield legacy_province_path(old.code), current_province_path(p.code), False
    for district, province in district_province.items():
        # District government ended with the reform; its territory rolls up to the new province.
        yield (
            legacy_district_path(province, district),
            current_province_path(province_successor[province]),
            False,
        )
    for old_code, entry in ward_conversion.OLD_TO_NEW.items():
        district = ward_district.get(old_code)
        if district is None:
            continue
        old_path = legacy_commune_path(district_province[district], district, old_code)
        for new in entry.new_wards:
            yield old_path, current_commune_path(new.province_code, new.code), entry.old_ward.is_partly_merged


@transaction.atomic
def load_units() -> LoadResult:
    existing = {u.path: u for u in AdministrativeUnit.objects.all()}
    created = updated = 0
    by_level: dict[int, list] = {}
    for row in _rows():
        by_level.setdefault(row[0].count("/"), []).append(row)
    for depth in sorted(by_level):
        to_create, to_update = [], []
        for path, parent_path, code, name, division_type, level, valid_from, valid_to in by_level[depth]:
            parent = existing.get(parent_path) if parent_path else None
            unit = existing.get(path)
            if unit is None:
                to_create.append(
                    AdministrativeUnit(
                        path=path,
                        parent=parent,
                        code=code,
                        name=name,
                        division_type=division_type,
                        level=level,
                        valid_from=valid_from,
                        valid_to=valid_to,
                    )
                )
            elif (unit.name, unit.division_type, unit.valid_from, unit.valid_to) != (
                name,
                division_type,
                valid_from,
                valid_to,
            ):
                unit.name, unit.division_type, unit.valid_from, unit.valid_to = (
                    name,
                    division_type,
                    valid_from,
                    valid_to,
                )
                to_update.append(unit)
        for unit in AdministrativeUnit.objects.bulk_create(to_create, batch_size=2000):
            existing[unit.path] = unit
        AdministrativeUnit.objects.bulk_update(
            to_update, ["name", "division_type", "valid_from", "valid_to"], batch_size=2000
        )
        created += len(to_create)
        updated += len(to_update)

    district_province = {int(d.code): int(d.province_code) for d in LegacyDistrict.iter_all()}
    ward_district = {int(w.code): int(w.district_code) for w in LegacyWard.iter_all()}
    known = set(UnitSuccession.objects.values_list("predecessor__path", "successor__path"))
    new_links = [
        UnitSuccession(predecessor=existing[old], successor=existing[new], partial=partial, effective_on=REFORM_DAY)
        for old, new, partial in _succession_pairs(district_province, ward_district)
        if (old, new) not in known and old in existing and new in existing
    ]
    UnitSuccession.objects.bulk_create(new_links, batch_size=2000, ignore_conflicts=True)
    return LoadResult(created=created, updated=updated, successions=len(new_links))
