"""Electronic identifiers under Decision 20/2020: what is accepted and what is refused, with the reason."""

import pytest

from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.units.identifiers import identifier_errors, validate_identifier
from chinhquyenso.units.models import AdministrativeUnit, Agency
from chinhquyenso.units.services import agency_create


@pytest.mark.parametrize(
    "value",
    [
        "000.00.00.H56",
        "000.00.31.H56",
        "000.01.27.H56",
        "G01",
        "001.00.00.A01",
        "00.H29",
        "Z01ABC123",
        "Z990.1.X",
    ],
)
def test_valid_identifiers(value):
    assert identifier_errors(value) == []


@pytest.mark.parametrize(
    ("value", "reason"),
    [
        ("", "bắt buộc"),
        ("000.00.00.h56", "chữ in hoa"),
        ("000-00-00-H56", "chữ in hoa"),
        ("000.00.00.Z56", "mã cấp 1"),
        ("000.00.00.H5", "mã cấp 1"),
        ("000.00.00.56H", "mã cấp 1"),
        ("000..00.H56", "nhóm rỗng"),
        ("0000.00.00.H56", "2 hoặc 3 chữ số"),
        ("A00.00.00.H56", "2 hoặc 3 chữ số"),
        ("Z00ABC", "Z01"),
        ("Z01" + "A" * 33, "35 ký tự"),
        ("000.000.000.00.00.00.00.00.00.00.H56", "35 ký tự"),
    ],
)
def test_invalid_identifiers_say_why(value, reason):
    errors = identifier_errors(value)
    assert errors, f"{value!r} should be refused"
    assert any(reason in e for e in errors), errors
    with pytest.raises(ValidationFailed) as caught:
        validate_identifier(value)
    assert caught.value.fields["identifier"] == errors


@pytest.mark.django_db
def test_agency_create_refuses_bad_identifier_and_writes_nothing(units):
    commune = AdministrativeUnit.objects.get(path="N38/15499/")
    with pytest.raises(ValidationFailed) as caught:
        agency_create(actor=None, name="UBND xã thử", identifier="000.00.00.h5", unit=commune)
    assert "identifier" in caught.value.fields
    assert not Agency.objects.filter(name="UBND xã thử").exists()


@pytest.mark.django_db
def test_agency_create_normalises_case_and_refuses_duplicates(units):
    commune = AdministrativeUnit.objects.get(path="N38/15499/")
    agency = agency_create(actor=None, name="UBND xã thử", identifier=" 000.09.27.h56 ", unit=commune)
    assert agency.identifier == "000.09.27.H56"
    with pytest.raises(ValidationFailed) as caught:
        agency_create(actor=None, name="Trùng mã", identifier="000.09.27.H56", unit=commune)
    assert caught.value.fields["identifier"]
