from __future__ import annotations

from datetime import datetime

import pytest
import time_machine

from chinhquyenso.core.models import Role, RoleAssignment
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.services.intake import dossier_intake
from chinhquyenso.workcal.calendar import VN_TZ
from tests.factories import make_staff

COMMUNE = "000.01.27.H56"
OTHER_COMMUNE = "000.02.27.H56"
# Monday 2 March 2026, 09:00 in Vietnam: a plain working morning.
MONDAY_9 = datetime(2026, 3, 2, 9, 0, tzinfo=VN_TZ)
THREE_DAYS = "1.004873"  # certificate of marital status: 3 working days, 1 required component of 4


@pytest.fixture
def catalog(demo):
    # Loaded per test, inside its transaction: a session-wide copy would leak into other apps' tests.
    from chinhquyenso.catalog.demo.loader import ensure_demo_catalog

    ensure_demo_catalog()
    return demo


@pytest.fixture
def clock():
    with time_machine.travel(MONDAY_9, tick=False) as traveller:
        yield traveller


@pytest.fixture
def officer(catalog):
    return make_staff("tiepnhan", agency=catalog[COMMUNE], role=Role.ONE_STOP_OFFICER)


@pytest.fixture
def specialist(catalog):
    return make_staff("chuyenvien1", agency=catalog[COMMUNE], role=Role.SPECIALIST)


@pytest.fixture
def leader(catalog):
    return make_staff("lanhdao1", agency=catalog[COMMUNE], role=Role.UNIT_LEADER)


@pytest.fixture
def all_roles(catalog):
    """One officer holding the three working roles, for table-driven tests."""
    user = make_staff("daunoi", agency=catalog[COMMUNE], role=Role.ONE_STOP_OFFICER)
    for role in (Role.SPECIALIST, Role.UNIT_LEADER):
        RoleAssignment.objects.create(user=user, role=role, agency=catalog[COMMUNE])
    return user


APPLICANT = Applicant(
    submitter_name="Nguyễn Văn An",
    submitter_id_number="038090001234",
    submitter_phone="0912345678",
    submitter_email="an.nguyen@example.vn",
    submitter_address="Thôn 3, xã Thọ Xuân, tỉnh Thanh Hóa",
)


@pytest.fixture
def intake(catalog, officer):
    """Receives a counter dossier with every required component; keywords override the defaults."""

    def make(**overrides):
        procedure = overrides.pop("procedure_code", THREE_DAYS)
        from chinhquyenso.catalog.models import ProcedureVersion

        version = ProcedureVersion.objects.filter(procedure__national_code=procedure, status="published").first()
        required = [c.position for c in version.components.all() if c.required] if version else []
        kwargs = {
            "actor": officer,
            "agency_id": catalog[COMMUNE].pk,
            "procedure_code": procedure,
            "channel": "counter",
            "applicant": APPLICANT,
            "provided": required,
            "outcome": "receive",
        }
        kwargs.update(overrides)
        return dossier_intake(**kwargs)

    return make
