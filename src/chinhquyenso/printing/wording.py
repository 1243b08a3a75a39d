"""How dates, times and enumerated values are written on the forms (Vietnamese administrative style)."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from chinhquyenso.printing.form_data import Channel, ComponentKind, Outcome

# The forms are Vietnamese legal papers: always Vietnam time, whatever the server's TIME_ZONE says.
VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")

CHANNEL_LABELS = {
    Channel.COUNTER: "Trực tiếp",
    Channel.ONLINE: "Trực tuyến",
    Channel.POST: "Qua dịch vụ bưu chính công ích",
}
KIND_LABELS = {
    ComponentKind.ORIGINAL: "Bản chính",
    ComponentKind.CERTIFIED_COPY: "Bản sao chứng thực",
    ComponentKind.PHOTOCOPY: "Bản sao",
    ComponentKind.ORIGINAL_OR_CERTIFIED_COPY: "Bản chính hoặc bản sao chứng thực",
    ComponentKind.ELECTRONIC: "Bản điện tử",
}
OUTCOME_LABELS = {Outcome.EARLY: "Trước hạn", Outcome.ON_TIME: "Đúng hạn", Outcome.LATE: "Quá hạn"}


def local(instant: datetime) -> datetime:
    return instant.astimezone(VN_TZ)


def dated_line(place: str, day: date) -> str:
    """ "Thọ Xuân, ngày 05 tháng 02 năm 2026".

    Decree 30/2020 (App. I): days below 10 and the months January and February take a leading zero, so a
    date cannot be altered by writing a digit in front; other months are written without one ("tháng 3").
    """
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


def time_and_date(instant: datetime) -> str:
    """ "10 giờ 00 phút, ngày 25/02/2026" in Vietnam time."""
    moment = local(instant)
    return f"{moment.hour:02d} giờ {moment.minute:02d} phút, ngày {moment:%d/%m/%Y}"


def short_time_and_date(instant: datetime | None) -> str:
    """ "10:00 25/02/2026" for table cells; empty when the step has not happened."""
    return "" if instant is None else f"{local(instant):%H:%M %d/%m/%Y}"


def short_date(instant: datetime | None) -> str:
    return "" if instant is None else f"{local(instant):%d/%m/%Y}"


def two_digits(number: int) -> str:
    """Counts on the forms are written with two digits ("02 bộ"), as officers write them by hand."""
    return f"{number:02d}"
