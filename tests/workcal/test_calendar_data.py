"""The holiday data the calendar is built from, and the calendar object itself."""

# ruff: noqa: S101 - pytest asserts are the point of a test

import pickle
from datetime import date, datetime, time

import pytest

from chinhquyenso.workcal.calendar import VN_TZ, CalendarRangeError, DaySpec, WorkingCalendar
from chinhquyenso.workcal.seed import calendar_from_holidays_lib, seed_days

CAL = calendar_from_holidays_lib(range(2024, 2029))


def days_of(kind, year):
    return {d.date: d.name for d in seed_days([year]) if d.kind == kind}


def test_tet_2025_is_a_nine_day_break_with_its_weekends():
    holidays = days_of("holiday", 2025)
    assert [d for d in holidays if date(2025, 1, 2) <= d <= date(2025, 2, 28)] == [
        date(2025, 1, 27),
        date(2025, 1, 28),
        date(2025, 1, 29),
        date(2025, 1, 30),
        date(2025, 1, 31),
        date(2025, 2, 1),
    ]
    # With the two weekends, nobody works from Saturday 25 January to Sunday 2 February.
    off = [date(2025, 1, 25 + i) if i < 7 else date(2025, 2, i - 6) for i in range(9)]
    assert [CAL.is_working_day(d) for d in off] == [False] * 9
    assert CAL.is_working_day(date(2025, 1, 24)) and CAL.is_working_day(date(2025, 2, 3))


def test_tet_2026_runs_from_monday_16_to_friday_20_february():
    holidays = days_of("holiday", 2026)
    assert [d for d in holidays if d.month == 2] == [date(2026, 2, d) for d in range(16, 21)]
    assert holidays[date(2026, 2, 16)] == "Giao thừa Tết Nguyên Đán"


def test_hung_kings_day_2026_on_a_sunday_is_made_up_on_monday():
    holidays = days_of("holiday", 2026)
    assert holidays[date(2026, 4, 26)] == "Ngày Giỗ Tổ Hùng Vương"
    assert holidays[date(2026, 4, 27)] == "Ngày Giỗ Tổ Hùng Vương (nghỉ bù)"
    assert not CAL.is_working_day(date(2026, 4, 27))


def test_national_day_2026_swaps_saturday_22_august_for_monday_31_august():
    holidays = days_of("holiday", 2026)
    assert holidays[date(2026, 8, 31)] == "Ngày nghỉ (thay cho ngày 22/08/2026)"
    assert {date(2026, 9, 1), date(2026, 9, 2)} <= holidays.keys()
    assert days_of("makeup_workday", 2026) == {date(2026, 8, 22): "Làm việc bù cho ngày nghỉ 31/08/2026"}
    assert CAL.is_working_day(date(2026, 8, 22))  # a Saturday
    assert not CAL.is_working_day(date(2026, 8, 23))
    assert [CAL.is_working_day(date(2026, 8, 31)), CAL.is_working_day(date(2026, 9, 3))] == [False, True]


def test_make_up_days_are_only_those_of_the_years_asked_for():
    # holidays.VN.weekend_workdays lists every year it knows (2014, 2019, 2024, ...) whatever years= says.
    assert days_of("makeup_workday", 2024) == {date(2024, 5, 4): "Làm việc bù cho ngày nghỉ 29/04/2024"}
    assert days_of("makeup_workday", 2025) == {date(2025, 4, 26): "Làm việc bù cho ngày nghỉ 02/05/2025"}
    assert days_of("makeup_workday", 2027) == {}
    assert CAL.makeup_workdays == {date(2024, 5, 4), date(2025, 4, 26), date(2026, 8, 22)}


def test_culture_day_24_november_is_a_holiday_from_2026():
    assert date(2025, 11, 24) not in CAL.holiday_names
    assert CAL.holiday_names[date(2026, 11, 24)] == "Ngày Văn hóa Việt Nam"


def test_caller_adjustments_override_the_library():
    cal = calendar_from_holidays_lib(
        [2026],
        extra_holidays=[(date(2026, 3, 2), "Nghỉ đột xuất")],
        removed=[date(2026, 11, 24)],
        makeup=[date(2026, 3, 7)],
    )
    assert cal.day_off_reason(date(2026, 3, 2)) == "Nghỉ đột xuất"
    assert cal.is_working_day(date(2026, 11, 24))
    assert cal.is_working_day(date(2026, 3, 7))
    assert cal.version != calendar_from_holidays_lib([2026]).version
    saturday = date(2026, 3, 7)
    with pytest.raises(ValueError, match="both as holiday and make-up day: 2026-03-07"):
        calendar_from_holidays_lib([2026], extra_holidays=[(saturday, "x")], makeup=[saturday])


def test_years_the_library_does_not_know_are_refused_not_left_without_holidays():
    with pytest.raises(ValueError, match="holidays.VN knows the years 1901-2100 only"):
        seed_days([2101])
    with pytest.raises(ValueError, match="at least one year"):
        calendar_from_holidays_lib([])


def test_same_data_gives_same_version_and_equal_hashable_calendars():
    again = calendar_from_holidays_lib(range(2024, 2029))
    assert again.version == CAL.version
    assert again == CAL and hash(again) == hash(CAL)
    assert len({again, CAL}) == 1
    assert pickle.loads(pickle.dumps(CAL)) == CAL  # noqa: S301 - our own object


def test_calendar_is_immutable():
    with pytest.raises(AttributeError):
        CAL.version = "other"
    with pytest.raises(TypeError):
        CAL.holiday_names[date(2026, 3, 2)] = "x"


def test_day_off_reasons_name_the_holiday_or_the_weekday():
    assert CAL.day_off_reason(date(2026, 2, 17)) == "Tết Nguyên Đán"
    assert CAL.day_off_reason(date(2026, 3, 7)) == "Saturday"
    assert CAL.day_off_reason(date(2026, 3, 8)) == "Sunday"
    assert CAL.day_off_reason(date(2026, 3, 9)) is None


def test_next_working_day_skips_tet():
    assert CAL.next_working_day(date(2026, 2, 14)) == date(2026, 2, 23)
    assert CAL.next_working_day(date(2026, 2, 13)) == date(2026, 2, 13)
    assert CAL.next_working_day(date(2026, 2, 13), include_self=False) == date(2026, 2, 23)


def test_dates_outside_the_calendar_raise_a_clear_error():
    with pytest.raises(CalendarRangeError, match="2029-01-01 is outside the working calendar"):
        CAL.is_working_day(date(2029, 1, 1))
    assert issubclass(CalendarRangeError, ValueError)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"sessions": [(time(8), time(12)), (time(11), time(17))]}, "overlaps"),
        ({"sessions": [(time(12), time(8))]}, "must end after it starts"),
        ({"sessions": []}, "at least one session"),
        ({"sessions": [(time(8, 0, 30), time(12))]}, "whole minutes"),
        ({"first_year": 1970}, "1976"),
        ({"first_year": 2027, "last_year": 2026}, "invalid year range"),
        ({"version": ""}, "version"),
        ({"rest_weekdays": [7]}, "rest weekdays"),
        ({"holidays": {date(2026, 8, 22): "x"}, "makeup_workdays": [date(2026, 8, 22)]}, "both holiday"),
        ({"rest_weekdays": range(7)}, "no working day"),
    ],
)
def test_invalid_calendar_data_is_refused(kwargs, message):
    args = {"first_year": 2026, "last_year": 2026, "version": "t"} | kwargs
    with pytest.raises(ValueError, match=message):
        WorkingCalendar(**args)


def test_unsorted_sessions_are_accepted_and_ordered():
    cal = WorkingCalendar(
        first_year=2026, last_year=2026, version="t", sessions=[(time(13), time(17)), (time(8), time(12))]
    )
    assert cal.sessions == ((time(8), time(12)), (time(13), time(17)))
    assert cal.minutes_per_day == 480
    assert (cal.day_start, cal.day_end) == (time(8), time(17))


def test_from_days_builds_the_same_calendar_as_the_mapping_form():
    days = [DaySpec(date(2026, 3, 2), "Nghỉ", "holiday"), DaySpec(date(2026, 3, 7), "Bù", "makeup_workday")]
    cal = WorkingCalendar.from_days(days, first_year=2026, last_year=2026, version="t")
    assert not cal.is_working_day(date(2026, 3, 2)) and cal.is_working_day(date(2026, 3, 7))
    with pytest.raises(ValueError, match="kind"):
        DaySpec(date(2026, 3, 2), "x", "vacation")


def test_output_zone_is_asia_ho_chi_minh():
    assert datetime(2026, 1, 1, tzinfo=VN_TZ).utcoffset().total_seconds() == 7 * 3600
