"""Pauses, restarts, the one extension, status flags and the explanation shown to officers."""

# ruff: noqa: S101 - pytest asserts are the point of a test

from datetime import date, datetime

import pytest

from chinhquyenso.workcal.calendar import VN_TZ, WorkcalError
from chinhquyenso.workcal.engine import due_at, restart_after_supplement, resume_after_pause
from chinhquyenso.workcal.explain import SkippedDay, explain
from chinhquyenso.workcal.rules import DeadlineStatus, ExtensionRefused, check_extension, classify
from chinhquyenso.workcal.seed import calendar_from_holidays_lib

CAL = calendar_from_holidays_lib(range(2024, 2029))


def at(y, mo, d, h=0, mi=0, s=0):
    return datetime(y, mo, d, h, mi, s, tzinfo=VN_TZ)


def test_pause_over_tet_costs_only_the_working_time_it_lasted():
    # Thu 12 Feb 10:00 -> Mon 23 Feb 10:00: 330 + 480 + 150 = 960 minutes, two working days.
    due = resume_after_pause(CAL, at(2026, 2, 24, 10), at(2026, 2, 12, 10), at(2026, 2, 23, 10))
    assert due == at(2026, 2, 26, 10)


def test_pause_entirely_inside_a_holiday_leaves_the_deadline_alone():
    due = at(2026, 2, 24, 17, 30)
    assert resume_after_pause(CAL, due, at(2026, 2, 16, 9), at(2026, 2, 20, 16)) == due
    assert resume_after_pause(CAL, due, at(2026, 3, 2, 9), at(2026, 3, 2, 9)) == due


def test_pause_moving_a_deadline_from_a_session_end():
    # Due Monday 17:30; paused one working hour: Tuesday 08:30, not Monday 18:30.
    due = resume_after_pause(CAL, at(2026, 3, 2, 17, 30), at(2026, 3, 2, 9), at(2026, 3, 2, 10))
    assert due == at(2026, 3, 3, 8, 30)


def test_pause_that_ends_before_it_starts_is_refused():
    with pytest.raises(WorkcalError, match="cannot end"):
        resume_after_pause(CAL, at(2026, 3, 5, 10), at(2026, 3, 3, 10), at(2026, 3, 2, 10))


def test_restart_counts_the_full_limit_again_from_the_supplement():
    assert restart_after_supplement(CAL, at(2026, 2, 23, 10), 3, "working-days") == at(2026, 2, 26, 10)
    assert restart_after_supplement(CAL, at(2026, 2, 13, 15, 30), 0, "same-day") == at(2026, 2, 23, 17, 30)


CURRENT_DUE = at(2026, 3, 4, 10)  # Wednesday


def test_first_extension_requested_in_time_is_allowed():
    new_due = at(2026, 3, 9, 10)
    assert check_extension(CAL, at(2026, 3, 2, 9), CURRENT_DUE, new_due, already_extended=False) is None
    # Exactly one working day before the deadline is still in time.
    assert check_extension(CAL, at(2026, 3, 3, 10), CURRENT_DUE, new_due, already_extended=False) is None


@pytest.mark.parametrize(
    ("now", "new_due", "already_extended", "code"),
    [
        (at(2026, 3, 2, 9), at(2026, 3, 9, 10), True, "already_extended"),
        (at(2026, 3, 3, 10, 1), at(2026, 3, 9, 10), False, "too_late"),  # 479 working minutes left
        (at(2026, 3, 5, 9), at(2026, 3, 9, 10), False, "too_late"),  # already overdue
        (at(2026, 3, 2, 9), CURRENT_DUE, False, "not_later"),
        (at(2026, 3, 2, 9), at(2026, 3, 3, 10), False, "not_later"),
    ],
)
def test_extension_refusals_say_why(now, new_due, already_extended, code):
    with pytest.raises(ExtensionRefused) as refused:
        check_extension(CAL, now, CURRENT_DUE, new_due, already_extended=already_extended)
    assert refused.value.code == code
    assert isinstance(refused.value, ValueError)


def test_too_late_counts_working_time_not_clock_time():
    # Friday 13 Feb 2026 09:00, due Monday 23 Feb 09:00 after Tết: 10 clock days but exactly 480 working
    # minutes (390 on Friday, 90 on Monday); an hour later it is too late.
    due, new_due = at(2026, 2, 23, 9), at(2026, 3, 2, 9)
    check_extension(CAL, at(2026, 2, 13, 9), due, new_due, already_extended=False)
    with pytest.raises(ExtensionRefused) as refused:
        check_extension(CAL, at(2026, 2, 13, 10), due, new_due, already_extended=False)
    assert refused.value.code == "too_late"


@pytest.mark.parametrize(
    ("finished_at", "status"),
    [
        (at(2026, 3, 3, 16), DeadlineStatus.EARLY),
        (at(2026, 3, 1, 9), DeadlineStatus.EARLY),  # a Sunday, still an earlier day
        (at(2026, 3, 4, 8), DeadlineStatus.ON_TIME),
        (at(2026, 3, 4, 10), DeadlineStatus.ON_TIME),
        (at(2026, 3, 4, 10, 0, 1), DeadlineStatus.LATE),
        (at(2026, 3, 5, 8), DeadlineStatus.LATE),
    ],
)
def test_finished_cases(finished_at, status):
    assert classify(CAL, CURRENT_DUE, finished_at) is status


@pytest.mark.parametrize(
    ("now", "status"),
    [
        (at(2026, 3, 2, 9), DeadlineStatus.WITHIN_TIME),
        (at(2026, 3, 3, 10), DeadlineStatus.WITHIN_TIME),  # exactly one working day left
        (at(2026, 3, 3, 10, 1), DeadlineStatus.DUE_SOON),
        (at(2026, 3, 4, 10), DeadlineStatus.DUE_SOON),
        (at(2026, 3, 4, 10, 1), DeadlineStatus.OVERDUE),
    ],
)
def test_open_cases(now, status):
    assert classify(CAL, CURRENT_DUE, now=now) is status


def test_due_soon_threshold_is_a_parameter_in_working_minutes():
    # Friday 13 Feb 16:00 before Tết, due Mon 23 Feb 09:00: 90 + 90 = 180 working minutes left.
    due = at(2026, 2, 23, 9)
    assert classify(CAL, due, now=at(2026, 2, 13, 16), due_soon_minutes=120) is DeadlineStatus.WITHIN_TIME
    assert classify(CAL, due, now=at(2026, 2, 13, 16), due_soon_minutes=181) is DeadlineStatus.DUE_SOON
    assert DeadlineStatus.DUE_SOON == "due_soon"


def test_explanation_of_the_tet_2026_example():
    e = explain(CAL, at(2026, 2, 13, 10), 3, "working-days")
    assert e.due == at(2026, 2, 25, 10) == due_at(CAL, at(2026, 2, 13, 10), 3, "working-days")
    assert e.start == at(2026, 2, 13, 10)
    assert e.working_minutes == 3 * 480
    assert e.skipped == (
        SkippedDay(date(2026, 2, 14), "Saturday", "rest_day"),
        SkippedDay(date(2026, 2, 15), "Sunday", "rest_day"),
        SkippedDay(date(2026, 2, 16), "Giao thừa Tết Nguyên Đán", "holiday"),
        SkippedDay(date(2026, 2, 17), "Tết Nguyên Đán", "holiday"),
        SkippedDay(date(2026, 2, 18), "Mùng hai Tết Nguyên Đán", "holiday"),
        SkippedDay(date(2026, 2, 19), "Mùng ba Tết Nguyên Đán", "holiday"),
        SkippedDay(date(2026, 2, 20), "Mùng bốn Tết Nguyên Đán", "holiday"),
        SkippedDay(date(2026, 2, 21), "Saturday", "rest_day"),
        SkippedDay(date(2026, 2, 22), "Sunday", "rest_day"),
    )


def test_explanation_gives_the_normalised_start_and_skips_the_receipt_weekend():
    e = explain(CAL, at(2026, 8, 29, 9), 1, "working-days")  # Saturday before the National Day break
    assert e.start == at(2026, 9, 3, 7, 30)
    assert e.due == at(2026, 9, 3, 17, 30)
    assert [(d.date.day, d.reason) for d in e.skipped] == [
        (29, "Saturday"),
        (30, "Sunday"),
        (31, "Ngày nghỉ (thay cho ngày 22/08/2026)"),
        (1, "Quốc khánh"),
        (2, "Quốc khánh"),
    ]


def test_calendar_days_explanation_lists_only_the_days_the_deadline_was_pushed_over():
    # Mon 2 Mar + 5 days lands on Saturday 7 Mar: pushed over the weekend; 3-6 Mar counted, not skipped.
    e = explain(CAL, at(2026, 3, 2, 10), 5, "calendar-days")
    assert e.due == at(2026, 3, 9, 10)
    assert [d.date for d in e.skipped] == [date(2026, 3, 7), date(2026, 3, 8)]
    # Fourteen days from Monday cross two weekends without skipping them.
    assert explain(CAL, at(2026, 3, 2, 10), 14, "calendar-days").skipped == ()
