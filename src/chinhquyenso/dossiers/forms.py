"""The official forms of a dossier (Circular 01/2018/TT-VPCP, Forms 01–06), filled from its data and history.

This module turns dossiers into the plain values ``printing`` renders; it decides nothing about layout.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.models import Role, RoleAssignment
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.printing import form_data as f
from chinhquyenso.units.models import AdministrativeUnit
from chinhquyenso.units.paths import path_ancestors
from chinhquyenso.workcal.engine import as_local
from chinhquyenso.workcal.rules import DeadlineStatus, classify
from chinhquyenso.workcal.store import calendar_at

FORMS = ("01", "02", "03", "04", "05")
# The word before a unit's own name, dropped for "Thọ Xuân, ngày … tháng … năm …".
UNIT_WORDS = ("Thành phố ", "Đặc khu ", "Phường ", "Tỉnh ", "Xã ")


def lookup_url(code: str) -> str:
    return f"{settings.PUBLIC_BASE_URL}/tra-cuu/?ma={code}"


def _place(unit: AdministrativeUnit) -> str:
    for word in UNIT_WORDS:
        if unit.name.startswith(word):
            return unit.name[len(word) :]
    return unit.name


def form_header(agency) -> f.FormHeader:
    unit = agency.unit
    if agency.parent_id:
        parent = agency.parent.short_name or agency.parent.name
    elif unit.level == "province" and agency.kind == "peoples_committee":
        parent = ""
    else:
        province = AdministrativeUnit.objects.filter(path=path_ancestors(unit.path)[0]).first()
        parent = f"UBND {province.name}" if province else ""
    one_stop = "Trung tâm Phục vụ hành chính công" if agency.kind == "one_stop" else "Bộ phận Một cửa"
    return f.FormHeader(
        parent_agency=parent,
        agency=agency.short_name or agency.name,
        receiving_unit="" if agency.kind == "one_stop" else one_stop,
        place=_place(unit),
        hotline=agency.phone,
    )


def time_limit_text(limit: Decimal, unit: str) -> str:
    number = f"{int(limit):02d}" if limit == limit.to_integral_value() else f"{limit}".replace(".", ",")
    return {
        "working-days": f"{number} ngày làm việc",
        "working-hours": f"{number} giờ làm việc",
        "calendar-days": f"{number} ngày",
        "same-day": "Trong ngày",
    }.get(unit, f"{number}")


def _officer(dossier: Dossier, actions: tuple[str, ...]) -> str:
    event = dossier.events.filter(action__in=actions).order_by("-seq").first()
    return (event.actor_name if event else "") or (dossier.received_by.full_name if dossier.received_by else "")


def dossier_data(dossier: Dossier) -> f.DossierData:
    received = dossier.received_at or dossier.submitted_at
    owner = None
    if dossier.owner_name != dossier.submitter_name:
        owner = f.Party(name=dossier.owner_name, address=dossier.owner_address, id_number=dossier.owner_id_number)
    return f.DossierData(
        code=dossier.code,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        submitter=f.Party(
            name=dossier.submitter_name,
            address=dossier.submitter_address,
            phone=dossier.submitter_phone,
            email=dossier.submitter_email,
            id_number=dossier.submitter_id_number,
        ),
        channel=dossier.channel,
        sets=dossier.sets,
        time_limit=time_limit_text(dossier.time_limit, dossier.time_limit_unit),
        received_at=received,
        # Forms 02 and 03 at intake print no appointment; the printing contract still wants an instant.
        due_at=max(dossier.original_due_at or dossier.due_at or received, received),
        receiving_officer=_officer(dossier, ("receive", "request_supplement", "refuse")) or "—",
        lookup_url=lookup_url(dossier.code),
        owner=owner,
        components=_components(dossier),
        result_delivery=str(dossier.get_delivery_display()),
    )


def _components(dossier: Dossier) -> tuple[f.Component, ...]:
    """What was handed in; an online dossier with nothing ticked yet lists the whole checklist."""
    components = list(dossier.components.all())
    handed_in = [c for c in components if c.provided] or components
    return tuple(f.Component(name=c.name, kind=c.form, quantity=c.quantity) for c in handed_in)


def _leader(dossier: Dossier) -> f.Signer:
    assignment = (
        RoleAssignment.objects.filter(role=Role.UNIT_LEADER, agency_id=dossier.agency_id).select_related("user").first()
    )
    name = assignment.user.full_name if assignment else "—"
    if dossier.agency.kind == "peoples_committee":
        return f.Signer(title_lines=("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"), name=name)
    return f.Signer(title_lines=("THỦ TRƯỞNG CƠ QUAN",), name=name)


def _last(dossier: Dossier, action: str):
    event = dossier.events.filter(action=action).order_by("-seq").first()
    if event is None:
        raise NotFound(_("This form does not exist for the dossier yet."))
    return event


def _outcome(dossier: Dossier, event) -> str | None:
    if not event.step_due_at:
        return None
    status = classify(calendar_at(dossier.calendar_version), event.step_due_at, event.occurred_at)
    return {DeadlineStatus.EARLY: "early", DeadlineStatus.ON_TIME: "on_time", DeadlineStatus.LATE: "late"}[status]


HANDOVERS = ("receive", "assign", "consult", "record_answer", "transfer", "take_back", "decide", "return_result")


def form_for(dossier: Dossier, number: str, *, today: date | None = None):
    """The filled data class of form ``number`` ("01"–"05") for ``dossier``; 404 when its history has none."""
    header = form_header(dossier.agency)
    issued = today or timezone.localdate()
    if number == "01":
        event = _last(dossier, "receive")
        return f.Form01Receipt(
            header=header, dossier=dossier_data(dossier), issued_on=as_local(event.occurred_at).date()
        )
    if number == "02":
        event = _last(dossier, "request_supplement")
        items = tuple(f.Component(name=item) for item in event.data.get("items", []))
        return f.Form02SupplementRequest(
            header=header,
            dossier=dossier_data(dossier),
            issued_on=as_local(event.occurred_at).date(),
            items=items,
            reason=event.data.get("reason") or event.content or "—",
            guide_officer=event.actor_name or "—",
            guide_phone=dossier.agency.phone,
        )
    if number == "03":
        event = _last(dossier, "refuse")
        return f.Form03Refusal(
            header=header,
            dossier=dossier_data(dossier),
            issued_on=as_local(event.occurred_at).date(),
            reason=event.content or "—",
            officer=event.actor_name or "—",
            officer_phone=dossier.agency.phone,
        )
    if number == "04":
        event = _last(dossier, "extend")
        return f.Form04Apology(
            header=header,
            dossier=dossier_data(dossier),
            issued_on=as_local(event.occurred_at).date(),
            addressee=dossier.submitter_name,
            new_due_at=datetime.fromisoformat(event.data["new_due"]),
            reason=event.data.get("reason") or event.content or "—",
            forwarding_unit=form_header(dossier.agency).receiving_unit or dossier.agency.name,
            resolving_agency=dossier.agency.name,
            signer=_leader(dossier),
        )
    if number == "05":
        _last(dossier, "receive")
        rows, previous = [], None
        for event in dossier.events.filter(action__in=HANDOVERS).select_related("agency").order_by("seq"):
            data_agency = event.data.get("agency_name")
            rows.append(
                f.ControlRow(
                    agency=data_agency or (event.agency.name if event.agency else dossier.agency.name),
                    handed_over_at=event.occurred_at,
                    received_at=event.occurred_at,
                    handed_over_by=previous or event.actor_name,
                    received_by=event.data.get("assignee_name") or event.actor_name,
                    outcome=_outcome(dossier, event),
                    notes=(event.action_label + (f": {event.content}" if event.content else ""))[:300],
                )
            )
            previous = event.actor_name
        return f.Form05ProcessControl(
            header=header,
            dossier=dossier_data(dossier),
            issued_on=issued,
            rows=tuple(rows),
            resolving_agency=dossier.agency.name,
        )
    raise NotFound(_("There is no form %(number)s.") % {"number": number})


def register_form(dossiers, *, header: f.FormHeader, period: str) -> f.Form06Register:
    rows = []
    for number, d in enumerate(dossiers, start=1):
        received = d.received_at or d.submitted_at
        rows.append(
            f.RegisterRow(
                number=number,
                code=d.code,
                content=d.procedure_name,
                sets=d.sets,
                owner_name=d.owner_name,
                received_at=received,
                due_at=max(d.due_at or received, received),
                receiving_officer=(d.received_by.full_name if d.received_by else "") or "—",
                owner_address=d.owner_address,
                phone=d.submitter_phone,
                result_at=d.decided_at,
                returned_at=d.returned_at,
                returned_to=d.submitter_name if d.returned_at else "",
                notes=str(d.get_state_display()) if d.state in ("refused", "withdrawn", "stopped") else "",
            )
        )
    return f.Form06Register(header=header, period=period, rows=tuple(rows))
