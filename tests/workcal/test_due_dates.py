"""Due dates a citizen or an officer would check by hand against the 2024-2028 calendar of holidays.VN."""

# ruff: noqa: S101 - pytest asserts are the point of a test

from datetime import UTC, datetime, time, timedelta, timezone
from decimal import Decimal
from fractions import Fraction

import pytest

from chinhquyenso.workcal.calendar import VN_TZ, CalendarRangeError, WorkingCalendar
from chinhquyenso.workcal.engine import (
    InvalidLimit,
    LimitUnit,
    UnknownLimitUnit,
    add_working_minutes,
    due_at,
    normalised_start,
    working_minutes_between,
)
from chinhquyenso.workcal.seed import calendar_from_holidays_lib

CAL = calendar_from_holidays_lib(range(2024, 2029))


def at(y, mo, d, h=0, mi=0, s=0):
    return datetime(y, mo, d, h, mi, s, tzinfo=VN_TZ)


def reasons(table):
    return [row[0] for row in table]


WORKING_DAYS = [
    # (why, received, limit, due)
    ("Tết 2026: 16-20 Feb and two weekends skipped", at(2026, 2, 13, 10), 3, at(2026, 2, 25, 10)),
    ("Tết 2025: nothing open from 25 Jan to 2 Feb", at(2025, 1, 24, 10), 1, at(2025, 2, 3, 10)),
    ("Hùng Kings 2026 (Sunday) made up on Monday 27 Apr", at(2026, 4, 24, 10), 1, at(2026, 4, 28, 10)),
    ("30 April and 1 May 2026 (Thu, Fri)", at(2026, 4, 29, 10), 1, at(2026, 5, 4, 10)),
    ("2 September 2026: 31 Aug swapped, 1-2 Sep off", at(2026, 8, 28, 10), 1, at(2026, 9, 3, 10)),
    ("Saturday 22 Aug 2026 is a make-up working day", at(2026, 8, 21, 10), 1, at(2026, 8, 22, 10)),
    ("received on the make-up Saturday itself", at(2026, 8, 22, 8), 0.5, at(2026, 8, 22, 14)),
    ("a whole day from 07:30 ends at 17:30 the same day", at(2026, 3, 2, 7, 30), 1, at(2026, 3, 2, 17, 30)),
    ("half a day from 07:30 ends at 11:30", at(2026, 3, 2, 7, 30), 0.5, at(2026, 3, 2, 11, 30)),
    ("half a day from 13:30 ends at 17:30", at(2026, 3, 2, 13, 30), 0.5, at(2026, 3, 2, 17, 30)),
    ("two days from 07:30 end at 17:30 the next day", at(2026, 3, 2, 7, 30), 2, at(2026, 3, 3, 17, 30)),
    ("lunch receipt counts from 13:30", at(2026, 3, 2, 12, 10), 0.5, at(2026, 3, 2, 17, 30)),
    ("Friday 18:00 counts from Monday 07:30", at(2026, 3, 6, 18), 1, at(2026, 3, 9, 17, 30)),
    ("Saturday counts from Monday 07:30", at(2026, 3, 7, 9), 0.5, at(2026, 3, 9, 11, 30)),
    ("before opening counts from 07:30", at(2026, 3, 2, 6), 1, at(2026, 3, 2, 17, 30)),
    ("zero days: the moment counting starts", at(2026, 3, 2, 12, 10), 0, at(2026, 3, 2, 13, 30)),
    ("zero days at 17:30: next morning", at(2026, 3, 2, 17, 30), 0, at(2026, 3, 3, 7, 30)),
    ("15 working days over Tết 2026", at(2026, 2, 10, 9), 15, at(2026, 3, 10, 9)),
]


@pytest.mark.parametrize(("why", "received", "limit", "due"), WORKING_DAYS, ids=reasons(WORKING_DAYS))
def test_working_days(why, received, limit, due):
    assert due_at(CAL, received, limit, "working-days") == due
    assert due_at(CAL, received, limit, LimitUnit.WORKING_DAYS) == due


WORKING_HOURS = [
    # 10:00-11:30 is 1.5 h, so 4 hours end 2.5 h after 13:30.
    ("4 hours from 10:00 cross lunch", at(2026, 3, 2, 10), 4, at(2026, 3, 2, 16)),
    ("4 hours from 09:30", at(2026, 3, 2, 9, 30), 4, at(2026, 3, 2, 15, 30)),
    ("4 hours from 07:30 end at 11:30, not 13:30", at(2026, 3, 2, 7, 30), 4, at(2026, 3, 2, 11, 30)),
    ("1.5 hours from 16:30 roll to the next day", at(2026, 3, 2, 16, 30), 1.5, at(2026, 3, 3, 8)),
    ("2 hours from Friday 16:30 before Tết", at(2026, 2, 13, 16, 30), 2, at(2026, 2, 23, 8, 30)),
    ("40 hours = 5 working days", at(2026, 3, 2, 7, 30), 40, at(2026, 3, 6, 17, 30)),
    ("a quarter hour", at(2026, 3, 2, 11, 20), 0.25, at(2026, 3, 2, 13, 35)),
    ("seconds round the receipt up to the next minute", at(2026, 3, 2, 10, 0, 30), 1, at(2026, 3, 2, 11, 1)),
]


@pytest.mark.parametrize(("why", "received", "limit", "due"), WORKING_HOURS, ids=reasons(WORKING_HOURS))
def test_working_hours(why, received, limit, due):
    assert due_at(CAL, received, limit, "working-hours") == due
    assert working_minutes_between(CAL, received, due) == round(limit * 60)


CALENDAR_DAYS = [
    ("lands on a Monday", at(2026, 3, 2, 10), 7, at(2026, 3, 9, 10)),
    ("lands on a Saturday: moved to Monday, same time", at(2026, 3, 2, 10), 5, at(2026, 3, 9, 10)),
    ("lands on 1 Sep 2026: moved past 2 Sep", at(2026, 8, 27, 9), 5, at(2026, 9, 3, 9)),
    ("lands on the make-up Saturday: stays", at(2026, 8, 17, 9), 5, at(2026, 8, 22, 9)),
    ("lunch receipt starts at 13:30", at(2026, 3, 2, 12, 10), 3, at(2026, 3, 5, 13, 30)),
    ("Friday evening starts Monday 07:30", at(2026, 3, 6, 18), 3, at(2026, 3, 12, 7, 30)),
    ("weekends in the middle count", at(2026, 3, 2, 10), 14, at(2026, 3, 16, 10)),
    ("lands in Tết 2026", at(2026, 2, 9, 8), 8, at(2026, 2, 23, 8)),
]


@pytest.mark.parametrize(("why", "received", "limit", "due"), CALENDAR_DAYS, ids=reasons(CALENDAR_DAYS))
def test_calendar_days(why, received, limit, due):
    assert due_at(CAL, received, limit, "calendar-days") == due


SAME_DAY = [
    ("14:59 is before the cut-off", at(2026, 3, 2, 14, 59), time(15), at(2026, 3, 2, 17, 30)),
    ("15:00 is not", at(2026, 3, 2, 15), time(15), at(2026, 3, 3, 17, 30)),
    ("14:59:59 is still before", at(2026, 3, 2, 14, 59, 59), time(15), at(2026, 3, 2, 17, 30)),
    ("early morning on a working day", at(2026, 3, 2, 6), time(15), at(2026, 3, 2, 17, 30)),
    ("Saturday: next working day", at(2026, 3, 7, 9), time(15), at(2026, 3, 9, 17, 30)),
    ("Friday 15:30: Monday", at(2026, 3, 6, 15, 30), time(15), at(2026, 3, 9, 17, 30)),
    ("Friday before Tết after the cut-off", at(2026, 2, 13, 15, 30), time(15), at(2026, 2, 23, 17, 30)),
    ("make-up Saturday works", at(2026, 8, 22, 10), time(15), at(2026, 8, 22, 17, 30)),
    ("a later cut-off of 16:00", at(2026, 3, 2, 15, 30), time(16), at(2026, 3, 2, 17, 30)),
    ("an earlier cut-off of 11:00", at(2026, 3, 2, 11), time(11), at(2026, 3, 3, 17, 30)),
]


@pytest.mark.parametrize(("why", "received", "cutoff", "due"), SAME_DAY, ids=reasons(SAME_DAY))
def test_same_day(why, received, cutoff, due):
    assert due_at(CAL, received, 0, "same-day", same_day_cutoff=cutoff) == due


def test_default_same_day_cutoff_is_15_00():
    assert due_at(CAL, at(2026, 3, 2, 14, 59), 0, "same-day") == at(2026, 3, 2, 17, 30)
    assert due_at(CAL, at(2026, 3, 2, 15), 0, "same-day") == at(2026, 3, 3, 17, 30)


def test_cutoff_after_the_working_day_is_refused():
    with pytest.raises(InvalidLimit, match="after the end of the working day"):
        due_at(CAL, at(2026, 3, 2, 9), 0, "same-day", same_day_cutoff=time(18))


def test_any_time_zone_in_vietnam_time_out():
    utc = datetime(2026, 2, 13, 3, 0, tzinfo=UTC)  # 10:00 in Hà Nội
    tokyo = datetime(2026, 2, 13, 12, 0, tzinfo=timezone(timedelta(hours=9)))
    naive = datetime(2026, 2, 13, 10, 0)  # noqa: DTZ001 - naive input is read as Vietnam local time
    for received in (utc, tokyo, naive):
        due = due_at(CAL, received, 3, "working-days")
        assert due == at(2026, 2, 25, 10)
        assert due.tzinfo is VN_TZ
        assert (due.hour, due.minute) == (10, 0)
    # A UTC evening is already the next morning in Vietnam.
    assert due_at(CAL, datetime(2026, 3, 2, 23, 0, tzinfo=UTC), 0, "same-day") == at(2026, 3, 3, 17, 30)


def test_exact_number_types_are_accepted():
    received = at(2026, 3, 2, 7, 30)
    assert due_at(CAL, received, Decimal("1.5"), "working-days") == at(2026, 3, 3, 11, 30)
    assert due_at(CAL, received, Fraction(1, 2), "working-days") == at(2026, 3, 2, 11, 30)
    assert due_at(CAL, received, 0.1, "working-hours") == at(2026, 3, 2, 7, 36)
    assert due_at(CAL, received, 7.0, "calendar-days") == at(2026, 3, 9, 7, 30)


@pytest.mark.parametrize(
    ("limit", "unit", "error", "message"),
    [
        (-1, "working-days", InvalidLimit, "negative"),
        (-0.5, "working-hours", InvalidLimit, "negative"),
        (-3, "calendar-days", InvalidLimit, "negative"),
        (-1, "same-day", InvalidLimit, "negative"),
        (0.3, "working-days", InvalidLimit, "multiple of 0.5"),
        (1.25, "working-days", InvalidLimit, "multiple of 0.5"),
        (0.01, "working-hours", InvalidLimit, "whole number of minutes"),
        (1.5, "calendar-days", InvalidLimit, "whole number"),
        (True, "working-days", InvalidLimit, "must be a number"),
        ("3", "working-days", InvalidLimit, "must be a number"),
        (float("nan"), "working-hours", InvalidLimit, "finite"),
        (3, "weeks", UnknownLimitUnit, "unknown limit unit 'weeks'"),
    ],
)
def test_invalid_limits_are_refused_with_a_clear_message(limit, unit, error, message):
    with pytest.raises(error, match=message):
        due_at(CAL, at(2026, 3, 2, 9), limit, unit)
    assert issubclass(error, ValueError)


def test_out_of_range_receipts_and_deadlines():
    with pytest.raises(CalendarRangeError, match="outside the working calendar"):
        due_at(CAL, at(2023, 12, 29, 9), 1, "working-days")
    with pytest.raises(CalendarRangeError):
        due_at(CAL, at(2028, 12, 28, 9), 5, "working-days")
    with pytest.raises(CalendarRangeError):
        due_at(CAL, at(2028, 12, 28, 9), 10, "calendar-days")
    with pytest.raises(CalendarRangeError):
        due_at(CAL, at(2028, 12, 29, 16), 0, "same-day")  # Friday after the cut-off; Monday is 2029
    with pytest.raises(CalendarRangeError):
        working_minutes_between(CAL, at(2026, 1, 1), at(2029, 1, 2))


CUSTOM = WorkingCalendar(
    first_year=2026,
    last_year=2026,
    version="custom",
    sessions=[(time(7), time(11, 30)), (time(13, 30), time(17))],
    holidays={},
)


def test_custom_sessions_07_00_to_11_30_and_13_30_to_17_00():
    assert CUSTOM.minutes_per_day == 480
    assert due_at(CUSTOM, at(2026, 3, 2, 7), 1, "working-days") == at(2026, 3, 2, 17)
    assert due_at(CUSTOM, at(2026, 3, 2, 7), 0.5, "working-days") == at(2026, 3, 2, 11)
    assert due_at(CUSTOM, at(2026, 3, 2, 11, 45), 1, "working-hours") == at(2026, 3, 2, 14, 30)
    assert due_at(CUSTOM, at(2026, 3, 2, 17), 0, "working-hours") == at(2026, 3, 3, 7)
    assert due_at(CUSTOM, at(2026, 3, 2, 9), 0, "same-day") == at(2026, 3, 2, 17)
    assert due_at(CUSTOM, at(2026, 3, 6, 17, 30), 3, "calendar-days") == at(2026, 3, 12, 7)


def test_half_of_an_odd_length_day_rounds_up_to_the_minute():
    cal = WorkingCalendar(
        first_year=2026,
        last_year=2026,
        version="odd",
        sessions=[(time(7, 30), time(11, 30)), (time(13), time(16, 45))],
    )
    assert cal.minutes_per_day == 465
    received = at(2026, 3, 2, 7, 30)
    assert due_at(cal, received, 0.5, "working-days") == at(2026, 3, 2, 11, 23)  # 232.5 -> 233 minutes
    assert working_minutes_between(cal, received, due_at(cal, received, 1.5, "working-days")) == 698
    assert due_at(cal, received, 1, "working-days") == at(2026, 3, 2, 16, 45)


def test_add_working_minutes_and_normalised_start():
    assert add_working_minutes(CAL, at(2026, 3, 2, 11), 30) == at(2026, 3, 2, 11, 30)
    assert add_working_minutes(CAL, at(2026, 3, 2, 11), 31) == at(2026, 3, 2, 13, 31)
    assert add_working_minutes(CAL, at(2026, 3, 2, 11, 30), 0) == at(2026, 3, 2, 13, 30)
    assert normalised_start(CAL, at(2026, 2, 14, 9)) == at(2026, 2, 23, 7, 30)
    with pytest.raises(InvalidLimit):
        add_working_minutes(CAL, at(2026, 3, 2, 11), -5)


def test_working_minutes_between_counts_only_sessions_of_working_days():
    assert working_minutes_between(CAL, at(2026, 3, 2, 10), at(2026, 3, 2, 14)) == 90 + 30
    assert working_minutes_between(CAL, at(2026, 2, 13, 17), at(2026, 2, 23, 8)) == 30 + 30
    assert working_minutes_between(CAL, at(2026, 3, 2, 14), at(2026, 3, 2, 10)) == 0
    assert working_minutes_between(CAL, at(2026, 3, 7, 8), at(2026, 3, 8, 17)) == 0
