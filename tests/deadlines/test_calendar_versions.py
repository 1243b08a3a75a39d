"""Stored calendars: national seed, agency overrides, versions, and recomputing a past deadline."""

from datetime import date, datetime

import pytest

from chinhquyenso.core.errors import PermissionDenied, ValidationFailed
from chinhquyenso.core.models import AuditEvent, Role, User
from chinhquyenso.units.models import Agency
from chinhquyenso.workcal.calendar import VN_TZ
from chinhquyenso.workcal.selectors import deadline_compute, deadline_explain
from chinhquyenso.workcal.services import agency_sessions_set, calendar_day_clear, calendar_day_set
from chinhquyenso.workcal.store import calendar_at, calendar_for
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def at(y, mo, d, h=0, mi=0):
    return datetime(y, mo, d, h, mi, tzinfo=VN_TZ)


@pytest.fixture
def admin(demo):
    return User.objects.get(username="admin")


@pytest.fixture
def tho_xuan(demo):
    return Agency.objects.get(identifier="000.01.27.H56")


def test_national_calendar_is_seeded_as_version_1():
    calendar = calendar_for(None)
    assert calendar.version == "n1"
    assert calendar.holiday_names[date(2026, 2, 17)] == "Tết Nguyên Đán"
    assert calendar.is_working_day(date(2026, 8, 22))  # make-up Saturday
    assert not calendar.is_working_day(date(2026, 8, 31))


def test_tet_example_through_the_stored_calendar():
    computed = deadline_compute(agency_id=None, received=at(2026, 2, 13, 10), limit=3, unit="working-days")
    assert computed.due_at == at(2026, 2, 25, 10)
    assert computed.calendar_version == "n1"


def test_adding_a_national_day_off_moves_deadlines_and_keeps_the_old_version(admin):
    before = deadline_compute(agency_id=None, received=at(2026, 3, 2, 8), limit=2, unit="working-days")
    calendar_day_set(
        actor=admin,
        day=date(2026, 3, 3),
        kind="holiday",
        name="Ngày nghỉ đột xuất",
        legal_basis="Thông báo số 1/TB-UBND",
    )
    after = deadline_compute(agency_id=None, received=at(2026, 3, 2, 8), limit=2, unit="working-days")
    assert after.calendar_version == "n2"
    assert before.due_at == at(2026, 3, 4, 8)
    assert after.due_at == at(2026, 3, 5, 8)  # Tuesday 3 March is now a day off
    # The old deadline is recomputed exactly under the version stored with it.
    explanation, version = deadline_explain(
        agency_id=None, received=at(2026, 3, 2, 8), limit=2, unit="working-days", calendar_version="n1"
    )
    assert (explanation.due, version) == (before.due_at, "n1")
    event = AuditEvent.objects.filter(action="calendar.day_set").latest("seq")
    assert event.actor == admin
    assert event.summary["legal_basis"] == "Thông báo số 1/TB-UBND"


def test_agency_override_applies_only_to_that_agency(admin, tho_xuan):
    calendar_day_set(actor=admin, agency=tho_xuan, day=date(2026, 3, 3), kind="holiday", name="Lễ hội Lam Kinh")
    own = calendar_for(tho_xuan.pk)
    assert own.version == f"n1-a{tho_xuan.pk}.1"
    assert not own.is_working_day(date(2026, 3, 3))
    assert calendar_for(None).is_working_day(date(2026, 3, 3))
    other = Agency.objects.get(identifier="000.02.27.H56")
    assert calendar_for(other.pk).is_working_day(date(2026, 3, 3))


def test_agency_can_work_on_a_national_day_off_and_rename_days(admin, tho_xuan):
    calendar_day_set(actor=admin, agency=tho_xuan, day=date(2026, 11, 24), kind="workday", name="Làm việc")
    calendar_day_set(actor=admin, agency=tho_xuan, day=date(2026, 1, 1), kind="holiday", name="Tết Dương lịch 2026")
    calendar = calendar_for(tho_xuan.pk)
    assert calendar.is_working_day(date(2026, 11, 24))
    assert calendar.holiday_names[date(2026, 1, 1)] == "Tết Dương lịch 2026"
    calendar_day_clear(actor=admin, agency=tho_xuan, day=date(2026, 11, 24))
    assert not calendar_for(tho_xuan.pk).is_working_day(date(2026, 11, 24))


def test_agency_sessions_change_its_deadlines(admin, tho_xuan):
    agency_sessions_set(actor=admin, agency=tho_xuan, sessions=[["07:00", "11:30"], ["13:30", "17:00"]])
    computed = deadline_compute(agency_id=tho_xuan.pk, received=at(2026, 3, 2, 7), limit=1, unit="working-days")
    assert computed.due_at == at(2026, 3, 2, 17)
    with pytest.raises(ValidationFailed):
        agency_sessions_set(actor=admin, agency=tho_xuan, sessions=[["11:00", "10:00"]])


def test_agency_admin_edits_only_own_agency(tho_xuan):
    lam_son = Agency.objects.get(identifier="000.02.27.H56")
    quantri = User.objects.get(username="quantri")
    calendar_day_set(actor=quantri, agency=tho_xuan, day=date(2026, 3, 3), kind="holiday", name="Lễ hội")
    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=quantri, agency=lam_son, day=date(2026, 3, 3), kind="holiday", name="Lễ hội")
    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=quantri, agency=None, day=date(2026, 3, 3), kind="holiday", name="Lễ hội")
    officer = make_staff("cb.motcua", agency=tho_xuan, role=Role.ONE_STOP_OFFICER)
    with pytest.raises(PermissionDenied):
        calendar_day_set(actor=officer, agency=tho_xuan, day=date(2026, 3, 3), kind="holiday", name="Lễ hội")


def test_bad_day_input_is_refused_with_fields(admin):
    with pytest.raises(ValidationFailed) as caught:
        calendar_day_set(actor=admin, day=date(2026, 3, 3), kind="workday", name="")
    assert "kind" in caught.value.fields  # "workday" only exists at agency level
    with pytest.raises(ValidationFailed) as caught:
        calendar_day_set(actor=admin, day=date(2026, 3, 3), kind="holiday", name="  ")
    assert "name" in caught.value.fields
    with pytest.raises(ValidationFailed) as caught:
        calendar_day_set(actor=admin, day=date(2099, 3, 3), kind="holiday", name="x")
    assert "day" in caught.value.fields


def test_unknown_version_label_is_not_found():
    from chinhquyenso.core.errors import NotFound

    with pytest.raises(NotFound):
        calendar_at("n99")
    with pytest.raises(NotFound):
        calendar_at("garbage")
