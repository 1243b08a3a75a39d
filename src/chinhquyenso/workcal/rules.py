"""Rules applied to a computed deadline: the one-time extension and the status flag of a case."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum

from chinhquyenso.workcal.calendar import VN_TZ, WorkcalError, WorkingCalendar
from chinhquyenso.workcal.engine import as_local, working_minutes_between


class ExtensionRefused(WorkcalError):
    """An extension request that the rules forbid; ``code`` says which rule."""

    def __init__(self, code: str, message: str):
        self.code = code
        super().__init__(message)


def check_extension(
    calendar: WorkingCalendar,
    now: datetime,
    current_due: datetime,
    new_due: datetime,
    *,
    already_extended: bool,
    min_notice_minutes: int | None = None,
) -> None:
    """Raise ``ExtensionRefused`` unless a case's deadline may move from ``current_due`` to ``new_due``.

    A case may be extended once, by a request made at least one working day (``min_notice_minutes``, by
    default the calendar's minutes per day) before the current deadline, to a later deadline.
    """
    if already_extended:
        raise ExtensionRefused("already_extended", "the deadline of this case has already been extended once")
    notice = calendar.minutes_per_day if min_notice_minutes is None else min_notice_minutes
    if working_minutes_between(calendar, now, current_due) < notice:
        raise ExtensionRefused(
            "too_late",
            f"an extension must be requested at least {notice} working minutes before the current deadline",
        )
    if as_local(new_due) <= as_local(current_due):
        raise ExtensionRefused("not_later", "the new deadline must be after the current deadline")


class DeadlineStatus(StrEnum):
    EARLY = "early"  # finished before the deadline, on an earlier day
    ON_TIME = "on_time"  # finished by the deadline, on the day of the deadline
    LATE = "late"  # finished after the deadline
    WITHIN_TIME = "within_time"  # open, more than ``due_soon_minutes`` working minutes left
    DUE_SOON = "due_soon"  # open, fewer than ``due_soon_minutes`` working minutes left
    OVERDUE = "overdue"  # open, past the deadline


def classify(
    calendar: WorkingCalendar,
    due: datetime,
    finished_at: datetime | None = None,
    *,
    now: datetime | None = None,
    due_soon_minutes: int | None = None,
) -> DeadlineStatus:
    """The status flag of a case due at ``due``.

    Finished cases compare exact instants: ``late`` after ``due``; ``early`` before it and on an earlier
    local date; ``on_time`` otherwise. Open cases are ``overdue`` once ``now`` (default: the current time) is
    after ``due``, ``due_soon`` while fewer than ``due_soon_minutes`` (default: one working day) working
    minutes remain, else ``within_time``.
    """
    due = as_local(due)
    if finished_at is not None:
        finished_at = as_local(finished_at)
        if finished_at > due:
            return DeadlineStatus.LATE
        if finished_at.date() < due.date():
            return DeadlineStatus.EARLY
        return DeadlineStatus.ON_TIME
    now = datetime.now(VN_TZ) if now is None else as_local(now)
    if now > due:
        return DeadlineStatus.OVERDUE
    soon = calendar.minutes_per_day if due_soon_minutes is None else due_soon_minutes
    if working_minutes_between(calendar, now, due) < soon:
        return DeadlineStatus.DUE_SOON
    return DeadlineStatus.WITHIN_TIME
