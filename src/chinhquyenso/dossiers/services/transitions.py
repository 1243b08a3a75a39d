"""One service per workflow action, all through ``dossier_act``.

``dossier_act`` locks the dossier row, checks the transition table (409 with the allowed actions when the
action does not apply, or when the officer's form is stale), the officer's roles and the required fields,
applies the action's effects, and appends the history event, in one transaction. Two officers acting on one
dossier at once: the second waits for the lock, then finds the state changed and gets 409.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound, PermissionDenied, ValidationFailed
from chinhquyenso.core.models import Role, User
from chinhquyenso.dossiers.access import roles_over
from chinhquyenso.dossiers.deadlines import calendar_of, restart_due, shift_plan, step_index_for, step_plan
from chinhquyenso.dossiers.errors import TransitionNotAllowed
from chinhquyenso.dossiers.models import Dossier, DossierFile
from chinhquyenso.dossiers.notify import notify_early_result
from chinhquyenso.dossiers.result_signing import sign_result
from chinhquyenso.dossiers.services.history import record_event
from chinhquyenso.dossiers.services.receipt import apply_receipt
from chinhquyenso.dossiers.states import DossierState
from chinhquyenso.dossiers.workflow import RESUME, TRANSITIONS, actions_for
from chinhquyenso.units.models import Agency
from chinhquyenso.workcal.calendar import WorkcalError
from chinhquyenso.workcal.engine import as_local, due_at, resume_after_pause
from chinhquyenso.workcal.parsing import parse_limit, parse_received
from chinhquyenso.workcal.rules import ExtensionRefused, check_extension


@dataclass
class Act:
    """What a handler works with: the locked dossier, who acts, when, and the submitted values."""

    dossier: Dossier
    actor: User
    now: datetime
    values: dict

    def text(self, name: str) -> str:
        return " ".join(str(self.values.get(name) or "").split())


def _bad(field: str, message: str) -> ValidationFailed:
    return ValidationFailed(fields={field: [message]})


def _limit_days(act: Act) -> int | Decimal:
    try:
        days = parse_limit(str(act.values.get("limit_days")))
    except ValueError:
        raise _bad("limit_days", _("Enter a number of working days.")) from None
    if days <= 0 or (days * 2) % 1:
        raise _bad("limit_days", _("A positive number of working days, in steps of 0.5."))
    return days


def _other_agency(act: Act, field: str) -> Agency:
    try:
        agency = Agency.objects.filter(pk=int(act.values.get(field))).first()
    except (TypeError, ValueError):
        agency = None
    if agency is None:
        raise _bad(field, _("Choose an agency."))
    if agency.pk == act.dossier.agency_id:
        raise _bad(field, _("Choose an agency other than the one handling the dossier."))
    return agency


def _pause(act: Act) -> None:
    act.dossier.paused_at = act.now
    act.dossier.resume_state = act.dossier.state


def _resume(act: Act, *, restart: bool) -> dict:
    """Ends a wait: the deadline moves later by the working time the wait lasted, or restarts from now."""
    d = act.dossier
    if d.resume_state == DossierState.SUBMITTED or d.due_at is None:
        d.paused_at = None
        return {}
    calendar = calendar_of(d)
    old = d.due_at
    if restart:
        d.due_at = restart_due(calendar, d, act.now)
        d.step_plan = step_plan(calendar, d.procedure_version.steps.all(), act.now, d.due_at)
    else:
        d.due_at = resume_after_pause(calendar, d.due_at, d.paused_at, act.now)
        d.step_plan = shift_plan(calendar, d.step_plan, d.paused_at, act.now)
    data = {
        "paused_at": d.paused_at.isoformat(),
        "old_due": as_local(old).isoformat(),
        "new_due": as_local(d.due_at).isoformat(),
        "restarted": restart,
    }
    d.paused_at = None
    return data


def _receive(act: Act):
    apply_receipt(act.dossier, actor=act.actor, at=act.now)
    act.dossier.version -= 1  # dossier_act bumps it once for the whole action
    return "", {}


def _request_supplement(act: Act):
    items = [" ".join(str(i).split()) for i in (act.values.get("items") or []) if str(i).strip()]
    if not items:
        raise _bad("items", _("List what the applicant must add or correct."))
    _pause(act)
    return act.text("reason"), {"items": items, "reason": act.text("reason")}


def _receive_supplement(act: Act):
    restart = act.dossier.supplement_rule == "restart"
    return act.text("content"), _resume(act, restart=restart)


def _close(act: Act):
    act.dossier.closed_at = act.now
    act.dossier.paused_at = None
    return act.text("reason"), {"reason": act.text("reason")}


def _assign(act: Act):
    try:
        user = User.objects.filter(pk=int(act.values.get("assignee")), is_active=True).first()
    except (TypeError, ValueError):
        user = None
    if user is None or Role.SPECIALIST not in roles_over(user, act.dossier.unit_path):
        raise _bad("assignee", _("Choose a specialist of this agency."))
    d = act.dossier
    d.assignee = user
    d.current_step = step_index_for(d.step_plan, Role.SPECIALIST, d.current_step)
    return act.text("content"), {"assignee_id": user.pk, "assignee_name": user.full_name or user.username}


def _request_payment(act: Act):
    try:
        amount = int(act.values.get("amount_vnd"))
    except (TypeError, ValueError):
        amount = -1
    if amount < 0:
        raise _bad("amount_vnd", _("Enter the amount in đồng."))
    _pause(act)
    return act.text("content"), {"amount_vnd": amount}


def _confirm_payment(act: Act):
    return act.text("content"), _resume(act, restart=False)


def _consult(act: Act, field: str):
    agency = _other_agency(act, field)
    days = _limit_days(act)
    calendar = calendar_of(act.dossier)
    reply_due = due_at(calendar, act.now, days, "working-days")
    data = {"agency_id": agency.pk, "agency_name": agency.name, "due_at": reply_due.isoformat()}
    return act.text("content"), data


def _extend(act: Act):
    raw = act.values.get("new_due")
    try:
        new_due = raw if isinstance(raw, datetime) else parse_received(str(raw))
    except ValueError as error:
        raise _bad("new_due", str(error)) from None
    d = act.dossier
    try:
        check_extension(calendar_of(d), act.now, d.due_at, new_due, already_extended=d.original_due_at is not None)
    except ExtensionRefused as refused:
        messages = {
            "already_extended": _("This dossier has already been extended once; it cannot be extended again."),
            "too_late": _("An extension must be made at least one working day before the due time."),
            "not_later": _("The new due time must be later than the current one."),
        }
        raise TransitionNotAllowed(
            messages[refused.code], state=d.state, allowed=_allowed(d, act.actor), code=f"extension_{refused.code}"
        ) from None
    except WorkcalError as error:
        raise _bad("new_due", str(error)) from None
    data = {
        "old_due": as_local(d.due_at).isoformat(),
        "new_due": as_local(new_due).isoformat(),
        "reason": act.text("reason"),
    }
    d.original_due_at = d.due_at
    d.due_at = new_due
    d.extended_at = act.now
    return act.text("reason"), data


def _decide(act: Act):
    d = act.dossier
    d.decided_at = act.now
    d.result_summary = act.text("content")
    d.current_step = step_index_for(d.step_plan, Role.ONE_STOP_OFFICER, d.current_step + 1)
    return d.result_summary, {}


def _attach_result(act: Act):
    upload = act.values.get("file")
    name = getattr(upload, "name", "") or ""
    content = upload.read() if hasattr(upload, "read") else b""
    if not name or not content:
        raise _bad("file", _("Choose the result file."))
    if len(content) > settings.MAX_UPLOAD_BYTES:
        raise _bad(
            "file",
            _("The file is larger than the allowed %(mb)s MB.") % {"mb": settings.MAX_UPLOAD_BYTES // (1024 * 1024)},
        )
    content, signed = sign_result(content, agency=act.dossier.agency, dossier_code=act.dossier.code)
    f = DossierFile.objects.create(
        dossier=act.dossier,
        kind=DossierFile.Kind.RESULT,
        name=name[-255:],
        content_type="application/pdf" if signed else getattr(upload, "content_type", "") or "application/octet-stream",
        content=content,
        sha256=hashlib.sha256(content).hexdigest(),
        size=len(content),
        uploaded_by=act.actor,
        uploaded_at=act.now,
    )
    return name, {"file_id": f.pk, "sha256": f.sha256, "size": f.size, "signed": signed}


def _return_result(act: Act):
    d = act.dossier
    d.returned_at = act.now
    early = d.due_at is not None and as_local(act.now).date() < as_local(d.due_at).date()
    notified = notify_early_result(d) if early else []
    return act.text("content"), {"early": early, "notified": notified}


HANDLERS = {
    "receive": _receive,
    "request_supplement": _request_supplement,
    "receive_supplement": _receive_supplement,
    "refuse": _close,
    "assign": _assign,
    "request_payment": _request_payment,
    "confirm_payment": _confirm_payment,
    "consult": lambda act: _consult(act, "consulted_agency"),
    "record_answer": lambda act: (act.text("content"), {}),
    "transfer": lambda act: _consult(act, "to_agency"),
    "take_back": lambda act: (act.text("content"), {}),
    "extend": _extend,
    "stop": _close,
    "withdraw": _close,
    "decide": _decide,
    "attach_result": _attach_result,
    "return_result": _return_result,
}


def _allowed(dossier: Dossier, actor) -> list[str]:
    return [t.action for t in actions_for(dossier.state, roles_over(actor, dossier.unit_path))]


def dossier_act(
    *, actor, code: str, action: str, expected_version: int | None = None, at: datetime | None = None, **values
) -> Dossier:
    transition = TRANSITIONS.get(action)
    if transition is None:
        raise _bad("action", _("Unknown action %(action)s.") % {"action": action})
    with transaction.atomic():
        dossier = (
            Dossier.objects.select_for_update(of=("self",))
            .select_related("agency", "procedure_version")
            .filter(code=code)
            .first()
        )
        roles = roles_over(actor, dossier.unit_path) if dossier else set()
        if dossier is None or not roles:
            raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
        if expected_version is not None and int(expected_version) != dossier.version:
            raise TransitionNotAllowed(
                _("Someone else changed this dossier a moment ago. Reload it to see what they did."),
                state=dossier.state,
                allowed=_allowed(dossier, actor),
                code="stale_version",
            )
        if dossier.state not in transition.sources:
            raise TransitionNotAllowed(
                _("“%(action)s” does not apply to a dossier that is “%(state)s”.")
                % {"action": transition.label, "state": DossierState(dossier.state).label},
                state=dossier.state,
                allowed=_allowed(dossier, actor),
            )
        if not transition.roles & roles:
            raise PermissionDenied()
        missing = {name: [_("This field is required.")] for name in transition.required if not values.get(name)}
        if missing:
            raise ValidationFailed(fields=missing)
        from_state = dossier.state
        act = Act(dossier, actor, at or timezone.now(), values)
        content, data = HANDLERS[action](act)
        if transition.target == RESUME:
            resume, dossier.resume_state = dossier.resume_state, ""
            dossier.move_to(resume)
        elif transition.target is not None:
            dossier.move_to(transition.target)
        dossier.version += 1
        dossier.save()
        record_event(dossier, actor=actor, action=action, from_state=from_state, at=act.now, content=content, data=data)
    return dossier


def dossier_receive(*, actor, code: str, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="receive", **values)


def dossier_request_supplement(*, actor, code: str, items: list[str], reason: str, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="request_supplement", items=items, reason=reason, **values)


def dossier_refuse(*, actor, code: str, reason: str, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="refuse", reason=reason, **values)


def dossier_extend(*, actor, code: str, reason: str, new_due, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="extend", reason=reason, new_due=new_due, **values)


def dossier_stop(*, actor, code: str, reason: str, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="stop", reason=reason, **values)


def dossier_withdraw(*, actor, code: str, reason: str, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="withdraw", reason=reason, **values)


def dossier_return_result(*, actor, code: str, **values) -> Dossier:
    return dossier_act(actor=actor, code=code, action="return_result", **values)
