"""Builds ``WorkingCalendar`` objects from the stored versions and keeps them cached per process.

The engine never touches the database: callers ask ``calendar_for(agency)`` once (one small query to learn the
current version numbers) and pass the calendar to the pure functions. A version label such as ``n3`` (national
version 3) or ``n3-a12.2`` (plus version 2 of agency 12) names exactly the data a deadline was computed with.
"""

from __future__ import annotations

import re
import threading
from datetime import date, time

from django.db.models import Max, OuterRef, Q, Subquery
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound
from chinhquyenso.units.models import Agency
from chinhquyenso.workcal.calendar import DEFAULT_REST_WEEKDAYS, DEFAULT_SESSIONS, WorkingCalendar
from chinhquyenso.workcal.models import CalendarVersion

FIRST_YEAR, LAST_YEAR = 2000, 2060  # the years the national seed covers
_LABEL = re.compile(r"^n(\d+)(?:-a(\d+)\.(\d+))?$")
_cache: dict[str, WorkingCalendar] = {}
_lock = threading.Lock()


def version_label(national: int, agency_id: int | None = None, agency_number: int = 0) -> str:
    return f"n{national}" if not agency_id or not agency_number else f"n{national}-a{agency_id}.{agency_number}"


def parse_sessions(raw) -> tuple[tuple[time, time], ...]:
    return tuple((time.fromisoformat(start), time.fromisoformat(end)) for start, end in raw)


def library_snapshot() -> dict:
    """Version 0 of the national calendar: ``holidays.VN`` as pinned. The first migration stores it as version 1,
    so stored deadlines never depend on the library; version 0 is only a fallback for an empty database."""
    from chinhquyenso.workcal.seed import seed_days

    days = seed_days(range(FIRST_YEAR, LAST_YEAR + 1))
    return {"days": [[d.date.isoformat(), d.kind, d.name] for d in days], "sessions": None}


def _snapshot(agency_id: int | None, number: int) -> dict:
    if number == 0:
        return library_snapshot() if agency_id is None else {"days": [], "sessions": None}
    found = CalendarVersion.objects.filter(agency_id=agency_id, number=number).values_list("snapshot", flat=True)
    snapshot = found.first()
    if snapshot is None:
        raise NotFound(f"calendar version {number} of {'national' if agency_id is None else agency_id} not found")
    return snapshot


def build_calendar(national: dict, agency: dict | None, label: str) -> WorkingCalendar:
    holidays: dict[date, str] = {}
    makeup: set[date] = set()
    for scope in (national, agency or {"days": []}):
        for iso, kind, name in scope["days"]:
            day = date.fromisoformat(iso)
            if kind == "holiday":
                holidays[day] = name
                makeup.discard(day)
            elif kind == "makeup_workday" or (kind == "workday" and day.weekday() in DEFAULT_REST_WEEKDAYS):
                makeup.add(day)
                holidays.pop(day, None)
            else:  # "workday": the agency works on a national day off
                holidays.pop(day, None)
                makeup.discard(day)
    sessions = parse_sessions(agency["sessions"]) if agency and agency.get("sessions") else DEFAULT_SESSIONS
    return WorkingCalendar(
        first_year=FIRST_YEAR,
        last_year=LAST_YEAR,
        version=label,
        sessions=sessions,
        holidays=holidays,
        makeup_workdays=makeup,
    )


def calendar_at(label: str) -> WorkingCalendar:
    """The calendar exactly as it was under a stored version label."""
    cached = _cache.get(label)
    if cached is not None:
        return cached
    match = _LABEL.match(label)
    if match is None:
        raise NotFound(f"unknown calendar version {label!r}")
    national_number, agency_id, agency_number = match.groups()
    national = _snapshot(None, int(national_number))
    agency = _snapshot(int(agency_id), int(agency_number)) if agency_id else None
    calendar = build_calendar(national, agency, label)
    with _lock:
        _cache[label] = calendar
    return calendar


def current_label(agency_id: int | None = None, *, agency_known: bool = False) -> str:
    """``agency_known``: the caller holds the agency's row, so its existence need not be checked."""
    if agency_id is not None and not agency_known and not Agency.objects.filter(pk=agency_id).exists():
        raise NotFound(_("Agency %(id)s does not exist.") % {"id": agency_id})
    numbers = (
        CalendarVersion.objects.filter(Q(agency__isnull=True) | Q(agency_id=agency_id))
        .values("agency_id")
        .annotate(latest=Max("number"))
    )
    national = agency_number = 0
    for row in numbers:
        if row["agency_id"] is None:
            national = row["latest"]
        elif row["agency_id"] == agency_id:
            agency_number = row["latest"]
    return version_label(national, agency_id, agency_number)


def calendar_annotations(agency_ref: str = "pk") -> dict[str, Subquery]:
    """Annotations for a query of agencies giving each row the numbers behind its current calendar, so a caller
    that loads the agency anyway gets the calendar without another query (``calendar_of_annotated``)."""
    latest = CalendarVersion.objects.order_by("-number").values("number")
    return {
        "calendar_national": Subquery(latest.filter(agency__isnull=True)[:1]),
        "calendar_own": Subquery(latest.filter(agency_id=OuterRef(agency_ref))[:1]),
    }


def calendar_of_annotated(agency) -> WorkingCalendar:
    """The current calendar of an agency loaded with ``calendar_annotations``."""
    return calendar_at(version_label(agency.calendar_national or 0, agency.pk, agency.calendar_own or 0))


def calendar_for(agency_id: int | None = None, *, agency_known: bool = False) -> WorkingCalendar:
    """The current calendar of an agency (or the national one): one query, then the cache."""
    return calendar_at(current_label(agency_id, agency_known=agency_known))
