"""Writes to the calendar. Each change is audited and creates a new version of its scope."""

from __future__ import annotations

from datetime import date

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import PermissionDenied, ValidationFailed
from chinhquyenso.core.models import Role
from chinhquyenso.core.permissions import has_role, scope_prefixes
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.workcal.calendar import check_sessions
from chinhquyenso.workcal.models import AgencyWorkingHours, CalendarDay, CalendarVersion, DayKind
from chinhquyenso.workcal.store import FIRST_YEAR, LAST_YEAR, library_snapshot, parse_sessions


def _require_editor(actor, agency) -> None:
    """National days: system administrators. An agency's days: its administrators (or a system administrator)."""
    if actor is None or has_role(actor, Role.SYSTEM_ADMIN):
        return
    if agency is None or not has_role(actor, Role.AGENCY_ADMIN):
        raise PermissionDenied()
    prefixes = scope_prefixes(actor, roles=(Role.AGENCY_ADMIN,))
    if not any(agency.unit.path.startswith(p) for p in prefixes or []):
        raise PermissionDenied()


def _new_version(*, actor, agency, reason: str) -> CalendarVersion:
    scope = CalendarVersion.objects.select_for_update().filter(agency=agency)
    number = (scope.aggregate(latest=Max("number"))["latest"] or 0) + 1
    rows = CalendarDay.objects.filter(agency=agency).order_by("day")
    snapshot = {"days": [[r.day.isoformat(), r.kind, r.name] for r in rows], "sessions": None}
    if agency is not None:
        hours = AgencyWorkingHours.objects.filter(agency=agency).first()
        snapshot["sessions"] = hours.sessions if hours else None
    return CalendarVersion.objects.create(agency=agency, number=number, actor=actor, reason=reason, snapshot=snapshot)


def _check_day(day: date, kind: str, name: str, agency) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    if not (FIRST_YEAR <= day.year <= LAST_YEAR):
        fields["day"] = [
            _("The calendar covers the years %(first)d to %(last)d.") % {"first": FIRST_YEAR, "last": LAST_YEAR}
        ]
    allowed = DayKind.values if agency is not None else [DayKind.HOLIDAY, DayKind.MAKEUP_WORKDAY]
    if kind not in allowed:
        fields["kind"] = [_("Choose a day off or a make-up working day.")]
    if kind == DayKind.HOLIDAY and not (name or "").strip():
        fields["name"] = [_("Give the day off a name (e.g. Tết Nguyên Đán).")]
    return fields


def calendar_day_set(*, actor, agency=None, day: date, kind: str, name: str = "", legal_basis: str = "") -> CalendarDay:
    """Adds or changes a dated exception for the national calendar or one agency."""
    _require_editor(actor, agency)
    if fields := _check_day(day, kind, name, agency):
        raise ValidationFailed(fields=fields)
    name = (name or "").strip() or str(DayKind(kind).label)
    with transaction.atomic():
        row, created = CalendarDay.objects.update_or_create(
            agency=agency, day=day, defaults={"kind": kind, "name": name, "legal_basis": legal_basis.strip()}
        )
        version = _new_version(actor=actor, agency=agency, reason=f"{day.isoformat()} {kind}: {name}")
        audit_record(
            actor=actor,
            action="calendar.day_set",
            obj=row,
            summary={
                "agency": getattr(agency, "pk", None),
                "day": day,
                "kind": kind,
                "name": name,
                "legal_basis": legal_basis,
                "created": created,
                "version": version.number,
            },
        )
    return row


def calendar_day_clear(*, actor, agency=None, day: date, legal_basis: str = "") -> None:
    """Removes a scope's exception for a date: the day follows the weekly pattern (or the national calendar)."""
    _require_editor(actor, agency)
    with transaction.atomic():
        deleted, _ignored = CalendarDay.objects.filter(agency=agency, day=day).delete()
        if not deleted:
            return
        version = _new_version(actor=actor, agency=agency, reason=f"{day.isoformat()} cleared")
        audit_record(
            actor=actor,
            action="calendar.day_clear",
            object_type="workcal.calendarday",
            object_id=day.isoformat(),
            summary={
                "agency": getattr(agency, "pk", None),
                "day": day,
                "legal_basis": legal_basis,
                "version": version.number,
            },
        )


def agency_sessions_set(*, actor, agency, sessions: list[list[str]], legal_basis: str = "") -> None:
    """Sets an agency's working sessions, e.g. ``[["07:00", "11:30"], ["13:30", "17:00"]]``."""
    _require_editor(actor, agency)
    try:
        check_sessions(parse_sessions(sessions))
    except (ValueError, TypeError) as error:
        raise ValidationFailed(fields={"sessions": [str(error)]}) from None
    with transaction.atomic():
        AgencyWorkingHours.objects.update_or_create(
            agency=agency, defaults={"sessions": sessions, "legal_basis": legal_basis}
        )
        version = _new_version(actor=actor, agency=agency, reason="sessions")
        audit_record(
            actor=actor,
            action="calendar.sessions_set",
            obj=agency,
            summary={"sessions": sessions, "legal_basis": legal_basis, "version": version.number},
        )


def calendar_seed_national(*, actor=None) -> CalendarVersion | None:
    """Stores the library's national days as rows and a version, unless a national version exists."""
    with transaction.atomic():
        if CalendarVersion.objects.filter(agency__isnull=True).exists():
            return None
        snapshot = library_snapshot()
        CalendarDay.objects.bulk_create(
            [
                CalendarDay(agency=None, day=date.fromisoformat(iso), kind=kind, name=name, legal_basis="holidays.VN")
                for iso, kind, name in snapshot["days"]
            ],
            ignore_conflicts=True,
        )
        version = _new_version(actor=actor, agency=None, reason="seeded from holidays.VN")
        audit_record(actor=actor, action="calendar.seed", obj=version, summary={"days": len(snapshot["days"])})
    return version
