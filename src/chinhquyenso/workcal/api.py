from __future__ import annotations

from datetime import date, datetime

from ninja import Query, Router, Schema

from chinhquyenso.core.api.auth import staff_auth
from chinhquyenso.core.api.routes import ErrorOut
from chinhquyenso.core.errors import ValidationFailed
from chinhquyenso.workcal.calendar import WorkcalError
from chinhquyenso.workcal.engine import DEFAULT_SAME_DAY_CUTOFF
from chinhquyenso.workcal.parsing import format_local_minutes, parse_cutoff, parse_limit, parse_received, parse_unit
from chinhquyenso.workcal.presentation import engine_error, skipped_reason
from chinhquyenso.workcal.selectors import deadline_explain

router = Router(tags=["calendar"], auth=staff_auth)


class DueQuery(Schema):
    received: str
    limit: str
    unit: str
    agency: int | None = None
    cutoff: str | None = None


class SkippedDayOut(Schema):
    date: date
    reason: str
    kind: str


class DueOut(Schema):
    due_at: datetime
    due_local: str
    counted_from: str
    working_minutes: int
    calendar_version: str
    skipped: list[SkippedDayOut]


@router.get(
    "/calendar/due",
    response={200: DueOut, 401: ErrorOut, 404: ErrorOut, 422: ErrorOut},
    summary="Due time of a case, with the days off skipped and the calendar version used",
)
def calendar_due(request, query: Query[DueQuery]):
    fields: dict[str, list[str]] = {}
    parsed = {}
    for name, parse in (
        ("received", parse_received),
        ("limit", parse_limit),
        ("unit", parse_unit),
        ("cutoff", parse_cutoff),
    ):
        try:
            parsed[name] = parse(getattr(query, name))
        except ValueError as error:
            fields[name] = [str(error)]
    if fields:
        raise ValidationFailed(fields=fields)
    try:
        explanation, version = deadline_explain(
            agency_id=query.agency,
            received=parsed["received"],
            limit=parsed["limit"],
            unit=parsed["unit"],
            same_day_cutoff=parsed["cutoff"] or DEFAULT_SAME_DAY_CUTOFF,
        )
    except WorkcalError as error:
        field, message = engine_error(error, limit=parsed["limit"], unit=parsed["unit"])
        raise ValidationFailed(fields={field: [message]}) from None
    return {
        "due_at": explanation.due,
        "due_local": format_local_minutes(explanation.due),
        "counted_from": format_local_minutes(explanation.start),
        "working_minutes": explanation.working_minutes,
        "calendar_version": version,
        "skipped": [{"date": d.date, "reason": skipped_reason(d.reason), "kind": d.kind} for d in explanation.skipped],
    }
