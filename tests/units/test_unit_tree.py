"""The administrative unit tree: counts, validity, descendants and roll-up of history."""

from datetime import date

import pytest

from chinhquyenso.units.models import AdministrativeUnit, UnitLevel
from chinhquyenso.units.selectors import unit_current_successors, unit_descendants, unit_predecessors

pytestmark = pytest.mark.django_db


def test_two_tier_system_has_34_provinces_and_3321_communes(units):
    current = AdministrativeUnit.objects.in_force_on(date(2026, 1, 1))
    assert current.filter(level=UnitLevel.PROVINCE).count() == 34
    assert current.filter(level=UnitLevel.COMMUNE).count() == 3321
    assert not current.filter(level=UnitLevel.DISTRICT).exists()


def test_legacy_system_has_63_provinces_696_districts_10051_communes(units):
    legacy = AdministrativeUnit.objects.in_force_on(date(2025, 6, 30))
    assert legacy.filter(level=UnitLevel.PROVINCE).count() == 63
    assert legacy.filter(level=UnitLevel.DISTRICT).count() == 696
    assert legacy.filter(level=UnitLevel.COMMUNE).count() == 10051


def test_communes_of_a_province_in_one_query(units, django_assert_num_queries):
    thanh_hoa = AdministrativeUnit.objects.get(path="N38/")
    with django_assert_num_queries(1):
        names = list(unit_descendants(unit=thanh_hoa, level=UnitLevel.COMMUNE).values_list("name", flat=True))
    assert "Xã Thọ Xuân" in names
    assert "Phường Hạc Thành" in names
    assert len(names) == AdministrativeUnit.objects.filter(parent=thanh_hoa).count()
    assert all(not name.startswith("Huyện") for name in names)


def test_legacy_district_keeps_its_own_communes(units):
    tho_xuan = AdministrativeUnit.objects.get(level=UnitLevel.DISTRICT, name="Huyện Thọ Xuân")
    assert tho_xuan.valid_to == date(2025, 6, 30)
    communes = unit_descendants(unit=tho_xuan)
    assert communes.count() == 30
    assert communes.filter(name="Thị trấn Lam Sơn").exists()


def test_legacy_units_roll_up_to_current_successors(units):
    old_town = AdministrativeUnit.objects.get(path__startswith="L38/395/", name="Thị trấn Thọ Xuân")
    new_commune = AdministrativeUnit.objects.get(path="N38/15499/")
    assert new_commune in unit_current_successors(unit=old_town)

    district = AdministrativeUnit.objects.get(path="L38/395/")
    assert [u.path for u in unit_current_successors(unit=district)] == ["N38/"]

    thanh_hoa = AdministrativeUnit.objects.get(path="N38/")
    history = unit_predecessors(unit=thanh_hoa)
    assert history.filter(path="L38/").exists()  # the old province
    assert history.filter(pk=district.pk).exists()  # its former districts
    assert history.filter(pk=old_town.pk).exists()  # and their communes
    assert not history.filter(path__startswith="L40/").exists()  # not Nghệ An's


def test_merged_province_rolls_up_several_old_provinces(units):
    # Hưng Yên (33) absorbed Thái Bình (34) on 01/07/2025.
    hung_yen = AdministrativeUnit.objects.get(path="N33/")
    old_codes = set(
        AdministrativeUnit.objects.filter(successors=hung_yen, level=UnitLevel.PROVINCE).values_list("code", flat=True)
    )
    assert old_codes == {"33", "34"}


def test_loading_twice_changes_nothing(units):
    from chinhquyenso.units.loading import load_units

    before = AdministrativeUnit.objects.count()
    result = load_units()
    assert (result.created, result.updated, result.successions) == (0, 0, 0)
    assert AdministrativeUnit.objects.count() == before
