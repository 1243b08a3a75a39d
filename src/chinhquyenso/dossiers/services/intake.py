"""Intake: a dossier arrives at the counter, by post or online, and the one-stop officer decides on the spot.

At the counter or by post the officer checks the component checklist and either receives the dossier
(Form 01), asks for everything missing in one request (Form 02) or refuses it with a reason (Form 03). An
online dossier (and a postal one not yet checked) is created as ``submitted`` and checked later with the
``receive`` / ``request_supplement`` / ``refuse`` actions.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.catalog.published import published_version_of_annotated
from chinhquyenso.core.errors import NotFound, PermissionDenied, ValidationFailed
from chinhquyenso.core.models import AccountKind, Role
from chinhquyenso.core.write_batch import WriteBatch
from chinhquyenso.dossiers.access import roles_over
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.codes import format_code, take_number
from chinhquyenso.dossiers.models import Dossier, DossierComponent
from chinhquyenso.dossiers.services.history import Happened, record_arrival
from chinhquyenso.dossiers.services.intake_agency import agency_for_intake
from chinhquyenso.dossiers.services.receipt import apply_receipt
from chinhquyenso.dossiers.states import Channel, Delivery, DossierState
from chinhquyenso.workcal.engine import as_local
from chinhquyenso.workcal.store import calendar_of_annotated

OUTCOMES = ("receive", "supplement", "refuse", "submit")


def _check_outcome(outcome: str, channel: str, actor) -> None:
    if outcome not in OUTCOMES:
        raise ValidationFailed(fields={"outcome": [_("Choose receive, supplement, refuse or submit.")]})
    if channel not in Channel.values:
        raise ValidationFailed(fields={"channel": [_("Choose the counter, online or post.")]})
    if actor.kind == AccountKind.CITIZEN and (channel != Channel.ONLINE or outcome != "submit"):
        raise PermissionDenied()


@transaction.atomic
def dossier_intake(
    *,
    actor,
    agency_id: int,
    procedure_code: str,
    channel: str,
    applicant: Applicant,
    provided: Iterable[int] = (),
    outcome: str = "receive",
    reason: str = "",
    extra_items: Iterable[str] = (),
    summary: str = "",
    sets: int = 1,
    delivery: str = Delivery.COUNTER,
    at: datetime | None = None,
) -> Dossier:
    """Creates the dossier with its code and checklist. ``provided`` are the positions of the components
    handed in; ``outcome`` is what the officer decided (``submit`` for dossiers checked later)."""
    _check_outcome(outcome, channel, actor)
    agency = agency_for_intake(agency_id, procedure_code)
    if agency is None:
        raise NotFound(_("Agency not found."))
    if actor.kind == AccountKind.STAFF:
        roles = roles_over(actor, agency.unit.path)
        if not roles:
            raise NotFound(_("Agency not found."))  # outside the officer's scope: do not reveal it
        if Role.ONE_STOP_OFFICER not in roles:
            raise PermissionDenied()
    version = published_version_of_annotated(agency)
    if version is None:
        raise NotFound(_("No published procedure has the code %(code)s.") % {"code": procedure_code})
    person = applicant.cleaned()
    if not 1 <= sets <= 99:
        raise ValidationFailed(fields={"sets": [_("Between 1 and 99 sets.")]})
    if delivery not in Delivery.values:
        raise ValidationFailed(fields={"delivery": [_("Choose how the result is delivered.")]})

    components = list(version.components.all())
    positions = {c.position for c in components}
    provided = set(provided)
    unknown = provided - positions
    if unknown:
        raise ValidationFailed(fields={"provided": [_("Unknown component numbers: %s.") % sorted(unknown)]})
    missing = [c.name for c in components if c.required and c.position not in provided]
    extra = [" ".join(item.split()) for item in extra_items if item and item.strip()]
    reason = " ".join((reason or "").split())
    if outcome == "receive" and missing:
        raise ValidationFailed(
            _("Required components are missing: request a supplement instead."), fields={"provided": missing}
        )
    if outcome == "supplement" and not (missing or extra):
        raise ValidationFailed(fields={"extra_items": [_("List what the applicant must add or correct.")]})
    if outcome in ("supplement", "refuse") and not reason:
        raise ValidationFailed(fields={"reason": [_("Give the reason.")]})

    now = at or timezone.now()
    day = as_local(now).date()
    number, reserved_id = take_number(agency.pk, day, reserve_dossier_id=True)
    dossier = Dossier(
        pk=reserved_id,
        code=format_code(agency.identifier, day, number),
        agency=agency,
        unit_path=agency.unit.path,
        procedure_version=version,
        procedure_code=version.procedure.national_code,
        procedure_name=version.name,
        time_limit=version.time_limit,
        time_limit_unit=version.time_limit_unit,
        same_day_cutoff=version.same_day_cutoff,
        supplement_rule=version.supplement_rule,
        channel=channel,
        delivery=delivery,
        state=DossierState.SUBMITTED,
        submitter_name=person.submitter_name,
        submitter_id_number=person.submitter_id_number,
        submitter_phone=person.submitter_phone,
        submitter_email=person.submitter_email,
        submitter_address=person.submitter_address,
        owner_name=person.owner_name,
        owner_id_number=person.owner_id_number,
        owner_address=person.owner_address,
        owner_kind=person.owner_kind,
        summary=" ".join(summary.split()) or version.name,
        sets=sets,
        citizen=actor if actor.kind == AccountKind.CITIZEN else None,
        submitted_at=now,
    )
    arrival = Happened("submit", "", DossierState.SUBMITTED, data={"channel": channel}, on_step=False)
    happened = [arrival]
    if outcome == "receive":
        apply_receipt(dossier, actor=actor, at=now, calendar=calendar_of_annotated(agency))
        happened.append(Happened("receive", DossierState.SUBMITTED, dossier.state))
    elif outcome == "supplement":
        dossier.state = DossierState.WAITING_SUPPLEMENT
        dossier.resume_state = DossierState.SUBMITTED
        dossier.version += 1
        happened.append(
            Happened(
                "request_supplement",
                DossierState.SUBMITTED,
                dossier.state,
                reason,
                {"items": missing + extra, "reason": reason},
            )
        )
    elif outcome == "refuse":
        dossier.state = DossierState.REFUSED
        dossier.closed_at = now
        dossier.version += 1
        happened.append(Happened("refuse", DossierState.SUBMITTED, dossier.state, reason))
    # The decision is applied before the first write, and every row goes out in one statement.
    batch = WriteBatch()
    if reserved_id is None:
        dossier.save(force_insert=True)  # no sequence to draw from (SQLite): the insert gives the id
    else:
        batch.insert([dossier])
    batch.insert(
        [
            DossierComponent(
                dossier=dossier,
                position=c.position,
                name=c.name,
                form=c.form,
                quantity=c.quantity,
                required=c.required,
                provided=c.position in provided,
            )
            for c in components
        ]
    )
    record_arrival(batch, dossier, actor=actor, at=now, happened=happened)
    batch.execute()
    return dossier
