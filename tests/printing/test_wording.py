"""Dates and times are written the Vietnamese administrative way, in Vietnam time, whatever zone they come in."""

import re
from datetime import UTC, date, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from chinhquyenso.printing.wording import dated_line, short_time_and_date, time_and_date

VN = ZoneInfo("Asia/Ho_Chi_Minh")
ZONES = st.sampled_from(
    [UTC, VN, ZoneInfo("Europe/Paris"), ZoneInfo("America/Los_Angeles"), timezone(timedelta(hours=-3))]
)
INSTANTS = st.datetimes(
    min_value=datetime(2000, 1, 1), max_value=datetime(2060, 12, 31), timezones=ZONES, allow_imaginary=False
)


def test_examples():
    assert dated_line("Thọ Xuân", date(2026, 11, 23)) == "Thọ Xuân, ngày 23 tháng 11 năm 2026"
    assert dated_line("Thọ Xuân", date(2026, 2, 5)) == "Thọ Xuân, ngày 05 tháng 02 năm 2026"
    assert dated_line("Hạc Thành", date(2026, 3, 9)) == "Hạc Thành, ngày 09 tháng 3 năm 2026"
    assert time_and_date(datetime(2026, 2, 25, 3, 0, tzinfo=UTC)) == "10 giờ 00 phút, ngày 25/02/2026"
    # 23:30 UTC on New Year's Eve is already the next day, month and year in Vietnam.
    assert time_and_date(datetime(2026, 12, 31, 23, 30, tzinfo=UTC)) == "06 giờ 30 phút, ngày 01/01/2027"
    assert short_time_and_date(datetime(2026, 2, 25, 3, 0, tzinfo=UTC)) == "10:00 25/02/2026"
    assert short_time_and_date(None) == ""


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_dated_line_reads_back_and_pads_days_and_the_first_two_months(day):
    match = re.fullmatch(r"Thọ Xuân, ngày (\d\d) tháng (\d{1,2}) năm (\d{4})", dated_line("Thọ Xuân", day))
    assert match
    assert date(int(match[3]), int(match[2]), int(match[1])) == day
    assert len(match[2]) == (2 if day.month in (1, 2, 10, 11, 12) else 1)


@given(INSTANTS)
def test_time_and_date_reads_back_as_the_same_minute_in_vietnam(instant):
    match = re.fullmatch(r"(\d\d) giờ (\d\d) phút, ngày (\d\d)/(\d\d)/(\d{4})", time_and_date(instant))
    assert match
    printed = datetime(int(match[5]), int(match[4]), int(match[3]), int(match[1]), int(match[2]), tzinfo=VN)
    # Compare instants: aware datetimes inside a repeated (DST) hour never compare equal across zones (PEP 495).
    assert printed.timestamp() == instant.replace(second=0, microsecond=0).timestamp()
