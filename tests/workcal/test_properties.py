"""Properties that must hold for every receipt and limit, checked against the real engine with Hypothesis.

The last tests compare the engine with a minute-by-minute and a day-by-day reference on random calendars
(random sessions, holidays and make-up days), so the tables themselves are under test too.
"""

# ruff: noqa: S101 - pytest asserts are the point of a test

import math
from datetime import UTC, date, datetime, time, timedelta, timezone
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chinhquyenso.workcal.calendar import VN_TZ, CalendarRangeError, WorkingCalendar
from chinhquyenso.workcal.engine import InvalidLimit, add_working_minutes, due_at, working_minutes_between
from chinhquyenso.workcal.seed import calendar_from_holidays_lib

CAL = calendar_from_holidays_lib(range(2024, 2029))

receipts = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001 - bounds of the generated local times
    max_value=datetime(2027, 12, 31, 23, 59, 59),  # noqa: DTZ001
    timezones=st.just(VN_TZ),
)
half_days = st.integers(0, 60).map(lambda halves: halves / 2)
hours = st.integers(0, 40 * 4).map(lambda quarters: quarters / 4)
calendar_days = st.integers(0, 60)
WORKING_UNITS = {"working-days": half_days, "working-hours": hours}


def minute_of_day(t: datetime | time) -> int:
    return t.hour * 60 + t.minute


def in_session(cal, dt, *, end_inclusive):
    """Whether ``dt`` is a working instant: inside a session of a working day (or at its very end)."""
    local = dt.astimezone(VN_TZ)
    if local.second or local.microsecond or not cal.is_working_day(local.date()):
        return False
    m = minute_of_day(local)
    for start, end in cal.sessions:
        s, e = minute_of_day(start), minute_of_day(end)
        if (s < m <= e) if end_inclusive else (s <= m < e):
            return True
    return False


@given(received=receipts, unit=st.sampled_from(sorted(WORKING_UNITS)), data=st.data())
def test_due_is_inside_working_time_or_at_a_session_end(received, unit, data):
    limit = data.draw(WORKING_UNITS[unit])
    due = due_at(CAL, received, limit, unit)
    assert due.tzinfo is VN_TZ
    # A positive limit ends inside a session or exactly at its end; a zero limit is a session start.
    assert in_session(CAL, due, end_inclusive=limit > 0)
    assert due >= received


@given(received=receipts, unit=st.sampled_from(["calendar-days", "same-day"]), days=calendar_days)
def test_calendar_and_same_day_deadlines_fall_on_working_days(received, unit, days):
    due = due_at(CAL, received, days, unit)
    assert CAL.is_working_day(due.date())
    assert due >= received
    if unit == "same-day":
        assert (due.hour, due.minute) == (17, 30)
        assert (due.date() - received.date()).days <= 14  # never more than the longest break away
    else:
        assert in_session(CAL, due, end_inclusive=False)
        assert due.date() >= (received + timedelta(days=days)).date()


@given(received=receipts, unit=st.sampled_from(sorted(WORKING_UNITS)), data=st.data())
def test_elapsed_working_time_from_receipt_to_due_equals_the_limit(received, unit, data):
    limit = data.draw(WORKING_UNITS[unit])
    expected = round(limit * 480) if unit == "working-days" else round(limit * 60)
    assert working_minutes_between(CAL, received, due_at(CAL, received, limit, unit)) == expected


@given(start=receipts, a=st.integers(0, 20_000), b=st.integers(1, 20_000))
def test_adding_a_then_b_minutes_is_adding_a_plus_b(start, a, b):
    # Exact for any b > 0. With b == 0 the result is the same working moment seen as the next session's start
    # (17:30 + 0 -> 07:30 next working day), which the second assertion pins down.
    after_a = add_working_minutes(CAL, start, a)
    assert add_working_minutes(CAL, after_a, b) == add_working_minutes(CAL, start, a + b)
    assert working_minutes_between(CAL, after_a, add_working_minutes(CAL, after_a, 0)) == 0
    assert add_working_minutes(CAL, after_a, 0) >= after_a


@given(
    received=receipts,
    unit=st.sampled_from(["working-days", "working-hours", "calendar-days", "same-day"]),
    limits=st.tuples(st.integers(0, 60), st.integers(0, 60)),
)
def test_a_longer_limit_never_gives_an_earlier_deadline(received, unit, limits):
    low, high = sorted(limits)
    scale = 0.5 if unit == "working-days" else 1
    assert due_at(CAL, received, low * scale, unit) <= due_at(CAL, received, high * scale, unit)


@given(received=receipts, later=st.integers(0, 5 * 24 * 60), unit=st.sampled_from(sorted(WORKING_UNITS)))
def test_a_later_receipt_never_gives_an_earlier_deadline(received, later, unit):
    assert due_at(CAL, received, 3, unit) <= due_at(CAL, received + timedelta(minutes=later), 3, unit)


# --- the engine against a minute-by-minute reference -----------------------------------------------------


@st.composite
def calendars(draw):
    cuts = sorted(draw(st.sets(st.integers(0, 24 * 60 - 1), min_size=2, max_size=6)))
    cuts = cuts[: len(cuts) // 2 * 2]
    bounds = [time(*divmod(cut, 60)) for cut in cuts]
    sessions = list(zip(bounds[::2], bounds[1::2], strict=True))
    days = st.dates(min_value=date(2026, 1, 1), max_value=date(2026, 12, 31))
    holidays = draw(st.sets(days, max_size=40))
    makeup = draw(st.sets(days, max_size=10)) - holidays
    rest = draw(st.sets(st.integers(0, 6), max_size=3))
    return WorkingCalendar(
        first_year=2026,
        last_year=2026,
        version="random",
        sessions=sessions,
        rest_weekdays=rest,
        holidays=dict.fromkeys(holidays, "h"),
        makeup_workdays=makeup,
    )


def reference_add(cal, start, minutes):
    """Walk working minute by working minute, jumping over the time between sessions and days off.

    Returns the instant after ``minutes`` working minutes, or None if that runs past the calendar's end.
    """
    sessions = [(minute_of_day(s), minute_of_day(e)) for s, e in cal.sessions]
    day = start.date()
    m = minute_of_day(start) + (1 if start.second or start.microsecond else 0)
    counted = 0
    while day.year == 2026:
        if cal.is_working_day(day):
            for s, e in sessions:
                m = max(m, s)
                while m < e:
                    if counted == minutes:
                        return datetime.combine(day, time(0), VN_TZ) + timedelta(minutes=m)
                    counted += 1
                    m += 1
                    if counted == minutes:
                        return datetime.combine(day, time(0), VN_TZ) + timedelta(minutes=m)
        day += timedelta(days=1)
        m = 0
    return None


@settings(max_examples=80, deadline=None)
@given(
    cal=calendars(),
    received=st.datetimes(
        min_value=datetime(2026, 1, 1),  # noqa: DTZ001
        max_value=datetime(2026, 12, 31, 23, 59, 59),  # noqa: DTZ001
        timezones=st.just(VN_TZ),
    ),
    minutes=st.integers(0, 1500),
)
def test_engine_matches_a_minute_by_minute_walk(cal, received, minutes):
    expected = reference_add(cal, received, minutes)
    hours = Fraction(minutes, 60)  # exact, so due_at counts exactly ``minutes``
    if expected is None:
        with pytest.raises(CalendarRangeError):
            add_working_minutes(cal, received, minutes)
        with pytest.raises(CalendarRangeError):
            due_at(cal, received, hours, "working-hours")
    else:
        assert add_working_minutes(cal, received, minutes) == expected
        assert due_at(cal, received, hours, "working-hours") == expected


def reference_due(cal, received, limit, unit, cutoff):
    """``due_at`` restated day by day from the calendar's definition, with none of the engine's tables.

    Returns None where the answer lies outside the calendar's years.
    """
    first, last = date(cal.first_year, 1, 1), date(cal.last_year, 12, 31)
    sessions = [(minute_of_day(s), minute_of_day(e)) for s, e in cal.sessions]

    def works(day):
        return day in cal.makeup_workdays or (day.weekday() not in cal.rest_weekdays and day not in cal.holiday_names)

    def instant(day, minute):
        return datetime.combine(day, time(0), VN_TZ) + timedelta(minutes=minute)

    local = received.astimezone(VN_TZ) if received.tzinfo else received.replace(tzinfo=VN_TZ)
    day = local.date()
    if not first <= day <= last:
        return None
    if unit == "same-day":
        if not (works(day) and local.time().replace(tzinfo=None) < cutoff):
            day += timedelta(days=1)
            while day <= last and not works(day):
                day += timedelta(days=1)
        return instant(day, sessions[-1][1]) if day <= last else None

    # The counted start: the receipt rounded up to the minute, moved to the next session start if outside one.
    minute = minute_of_day(local) + (1 if local.second or local.microsecond else 0)
    while True:
        if day > last:
            return None
        start = next((max(minute, s) for s, e in sessions if minute < e), None) if works(day) else None
        if start is not None:
            break
        day, minute = day + timedelta(days=1), 0
    if unit == "calendar-days":
        landing = day + timedelta(days=limit)
        while landing <= last and not works(landing):
            landing += timedelta(days=1)
        return instant(landing, start) if landing <= last else None

    per_day = sum(e - s for s, e in sessions)
    exact = Fraction(limit) * (per_day if unit == "working-days" else 60)
    left = math.ceil(exact)  # half a day of odd length rounds up a minute
    if left == 0:
        return instant(day, start)
    minute = start
    while day <= last:
        if works(day):
            for s, e in sessions:
                begin = max(minute, s)
                if begin >= e:
                    continue
                if left <= e - begin:
                    return instant(day, begin + left)
                left -= e - begin
        day, minute = day + timedelta(days=1), 0
    return None


ZONES = st.sampled_from([VN_TZ, UTC, timezone(timedelta(hours=9)), timezone(timedelta(hours=-5))])
LIMITS = {
    "working-days": st.integers(0, 40).map(lambda halves: halves // 2 if halves % 2 == 0 else halves / 2),
    "working-hours": st.integers(0, 160).map(lambda quarters: Fraction(quarters, 4)) | st.integers(0, 40),
    "calendar-days": st.integers(0, 60),
    "same-day": st.just(0),
}


@settings(max_examples=300, deadline=None)
@given(
    cal=calendars(),
    received=st.datetimes(
        min_value=datetime(2025, 12, 31),  # noqa: DTZ001 - local bounds; a zone may move them across a year
        max_value=datetime(2027, 1, 1, 23, 59, 59),  # noqa: DTZ001
        timezones=ZONES | st.none(),
    ),
    unit=st.sampled_from(sorted(LIMITS)),
    data=st.data(),
)
def test_due_at_matches_a_day_by_day_reference_for_every_unit(cal, received, unit, data):
    limit = data.draw(LIMITS[unit])
    local = received.astimezone(VN_TZ) if received.tzinfo else received
    # A cut-off equal to the receipt's time is drawn often: that is where "before 15:00" can go wrong.
    cutoff = data.draw(st.just(local.time().replace(tzinfo=None)) | st.times())
    if unit == "same-day" and cutoff > cal.day_end and cal.first_year <= local.year <= cal.last_year:
        with pytest.raises(InvalidLimit):
            due_at(cal, received, limit, unit, same_day_cutoff=cutoff)
        return
    expected = reference_due(cal, received, limit, unit, cutoff)
    if expected is None:
        with pytest.raises(CalendarRangeError):
            due_at(cal, received, limit, unit, same_day_cutoff=cutoff)
    else:
        due = due_at(cal, received, limit, unit, same_day_cutoff=cutoff)
        assert due == expected
        assert due.tzinfo is VN_TZ
