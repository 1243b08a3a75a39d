"""Hand-off of dossier changes to the national portal's outbox (``dvcqg``), in the caller's transaction.

Dossiers are synced from receipt on, as the provincial systems do: a dossier still ``submitted`` online has no
receipt time for ``NgayTiepNhan`` and is queued when it is received (or refused).
"""

from __future__ import annotations

from datetime import datetime

from chinhquyenso.core.write_batch import WriteBatch
from chinhquyenso.dossiers.models import Dossier, DossierEvent, DossierFile
from chinhquyenso.dossiers.states import NATIONAL_OWNER_KIND, NATIONAL_STATUS, DossierState
from chinhquyenso.dvcqg import snapshots as s
from chinhquyenso.dvcqg.services import dvcqg_enqueue_changes

_ID_KIND = {12: s.IdentifierKind.CITIZEN_ID, 9: s.IdentifierKind.OLD_ID}


def _supplements(dossier: Dossier, pending: list[DossierEvent], *, stored: bool) -> tuple[s.SupplementRequest, ...]:
    requests, open_request = [], None
    kinds = ("request_supplement", "receive_supplement")
    written = list(dossier.events.filter(action__in=kinds).order_by("seq")) if stored else []
    for event in written + [e for e in pending if e.action in kinds]:
        if event.action == "request_supplement":
            open_request = {
                "request_id": f"{dossier.code}-{event.seq}",
                "requested_by": event.actor_name or "",
                "content": "; ".join(event.data.get("items", [])) or event.content,
                "requested_at": event.occurred_at,
            }
            requests.append(open_request)
        elif open_request is not None:
            open_request.update(
                received_by=event.actor_name or "",
                received_at=event.occurred_at,
                completed=True,
                due_before=_parse(event.data.get("old_due")),
                due_after=_parse(event.data.get("new_due")),
            )
            open_request = None
    return tuple(s.SupplementRequest(**r) for r in requests)


def _parse(value):
    return datetime.fromisoformat(value) if value else None


def dossier_snapshot(
    dossier: Dossier, *, new_dossier: bool = False, pending: list[DossierEvent] = ()
) -> s.DossierSnapshot:
    """The dossier as DVCQG sees it. ``pending``: its events of this transaction not written yet.
    ``new_dossier``: created in this transaction, so nothing else about it is stored yet."""
    pending = list(pending)
    version = dossier.procedure_version
    id_number = dossier.owner_id_number if dossier.owner_id_number.isdigit() else ""
    id_kind = _ID_KIND.get(len(id_number))
    results = (
        ()
        if new_dossier
        else DossierFile.objects.filter(dossier=dossier, kind=DossierFile.Kind.RESULT).only("pk", "name")
    )
    return s.DossierSnapshot(
        code=dossier.code,
        procedure_code=dossier.procedure_code,
        procedure_name=dossier.procedure_name,
        field_code=version.field.code,
        field_name=version.field.name,
        channel=s.Channel(dossier.channel),
        owner_name=dossier.owner_name,
        owner_id_number=id_number if id_kind else "",
        owner_id_kind=id_kind,
        owner_kind=s.OwnerKind(NATIONAL_OWNER_KIND[dossier.owner_kind]),
        email=dossier.submitter_email,
        phone=dossier.submitter_phone,
        summary=dossier.summary,
        received_at=dossier.received_at or dossier.submitted_at,
        due_at=dossier.due_at,
        returned_at=dossier.returned_at,
        finished_at=dossier.decided_at or dossier.closed_at,
        refused_at=dossier.closed_at if dossier.state == DossierState.REFUSED else None,
        submitted_at=dossier.submitted_at,
        status=NATIONAL_STATUS[dossier.state],
        delivery=s.ResultDelivery.BY_POST if dossier.delivery == "post" else s.ResultDelivery.IN_PERSON,
        processing_unit=dossier.agency.name,
        place_submitted=dossier.agency.name,
        paid_online=any(e.action == "pay_online" for e in pending)
        or (not new_dossier and dossier.events.filter(action="pay_online").exists()),
        identifiers=(s.OwnerIdentifier(kind=id_kind, number=id_number),) if id_kind else (),
        fees=tuple(
            s.FeeLine(name=f.name, code=f.code, amount=f.amount_vnd, kind=s.FeeKind(f.kind)) for f in version.fees.all()
        ),
        supplements=_supplements(dossier, pending, stored=not new_dossier),
        result_documents=tuple(s.ResultDocument(name=f.name, document_id=str(f.pk)) for f in results),
    )


def queue_for_portal(
    batch: WriteBatch, dossier: Dossier, events: list[DossierEvent], *, new_dossier: bool = False
) -> None:
    """Queue the dossier's new state and these history steps for DVCQG (steps still ``submitted`` are not sent:
    the portal hears of a dossier from its receipt on)."""
    if dossier.received_at is None and dossier.state != DossierState.REFUSED:
        return
    dvcqg_enqueue_changes(
        batch,
        snapshot=dossier_snapshot(dossier, new_dossier=new_dossier, pending=events),
        steps=[
            s.HistoryStep(
                dossier_code=dossier.code,
                handler=event.actor_name or dossier.agency.name,
                handled_at=event.occurred_at,
                department=dossier.agency.name,
                content=(event.action_label + (f": {event.content}" if event.content else ""))[:2000],
                status=NATIONAL_STATUS[event.to_state],
                started_at=event.occurred_at,
                due_at=event.step_due_at,
            )
            for event in events
            if event.to_state != DossierState.SUBMITTED
        ],
        new_dossier=new_dossier,
    )
