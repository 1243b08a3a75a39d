"""/api/v1/documents/…: registers, document pages, actions, search and work files for staff and other systems."""

from __future__ import annotations

import base64
import binascii
from datetime import date, datetime

from django.utils.translation import gettext as _
from ninja import Router, Schema, Status

from chinhquyenso.core.api.auth import staff_auth
from chinhquyenso.core.api.routes import ErrorOut
from chinhquyenso.core.errors import NotFound, ValidationFailed
from chinhquyenso.documents.access import agency_ids_for
from chinhquyenso.documents.models import DocumentType, IncomingDocument, Medium
from chinhquyenso.documents.selectors import (
    allowed_actions,
    document_search,
    incoming_get_for,
    incoming_list_for,
    outgoing_get_for,
    outgoing_list_for,
    work_file_get_for,
    work_files_for,
)
from chinhquyenso.documents.services import incoming as incoming_services
from chinhquyenso.documents.services import outgoing as outgoing_services
from chinhquyenso.documents.services import outgoing_release, signatures
from chinhquyenso.documents.services.common import FileUpload
from chinhquyenso.documents.workflow import INCOMING, OUTGOING, check_transition
from chinhquyenso.units.models import Agency

router = Router(tags=["documents"], auth=staff_auth)
ERRORS = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut, 503: ErrorOut}


class FileIn(Schema):
    name: str
    content_type: str
    content_base64: str


class FileOut(Schema):
    id: int
    kind: str
    name: str
    content_type: str
    size: int
    sha256: str
    version: int
    signature_report: dict | None


class EventOut(Schema):
    action: str
    label: str
    from_status: str
    to_status: str
    actor_label: str
    occurred_at: datetime
    note: str


class RecipientOut(Schema):
    id: int
    organ_id: str
    organ_name: str
    channel: str
    status: str
    status_at: datetime | None
    status_note: str


class AssignmentOut(Schema):
    role: str
    unit_name: str
    handler_id: int | None
    due_at: datetime
    calendar_version: str
    done_at: datetime | None


class DocumentRow(Schema):
    id: int
    agency_id: int
    number: str
    notation: str
    issued_date: date | None
    type_name: str
    organ_name: str
    subject: str
    status: str
    urgency: int
    medium: str
    year: int | None


class IncomingRow(DocumentRow):
    arrival_number: int | None
    arrival_date: date | None


class OutgoingDetail(DocumentRow):
    organ_id: str
    document_identifier: str
    drafting_unit: str
    signer_position: str
    signer_full_name: str
    secrecy: int
    due_date: date | None
    page_amount: int | None
    issued_amount: int | None
    description: str
    approval_channel: str
    recall_reason: str
    signed_at: datetime | None
    seal_required: bool
    sealed_at: datetime | None
    recipients: list[RecipientOut]
    files: list[FileOut]
    events: list[EventOut]
    allowed_actions: list[str]


class IncomingDetail(IncomingRow):
    organ_id: str
    document_identifier: str
    signer_position: str
    signer_full_name: str
    secrecy: int
    due_date: date | None
    page_amount: int | None
    description: str
    to_places: str
    trace_header_list: str
    leader_instruction: str
    proposal: str
    result: str
    recall_reason: str
    received_via: str
    assignments: list[AssignmentOut]
    files: list[FileOut]
    events: list[EventOut]
    allowed_actions: list[str]


class WarningOut(Schema):
    code: str
    message: str


class OutgoingResult(Schema):
    document: OutgoingDetail
    warnings: list[WarningOut] = []


class IncomingResult(Schema):
    document: IncomingDetail
    warnings: list[WarningOut] = []


class RecipientIn(Schema):
    agency_id: int | None = None
    organ_id: str = ""
    organ_name: str = ""
    paper: bool = False


class OutgoingIn(Schema):
    agency_id: int
    document_type: str
    subject: str
    drafting_unit: str = ""
    signer_position: str = ""
    signer_full_name: str = ""
    urgency: int = 0
    secrecy: int = 0
    due_date: date | None = None
    page_amount: int | None = None
    issued_amount: int | None = None
    description: str = ""
    medium: str = "electronic"
    series_id: int | None = None
    recipients: list[RecipientIn] = []
    draft: FileIn | None = None
    attachments: list[FileIn] = []


class IncomingIn(Schema):
    agency_id: int
    document_type: str
    subject: str
    organ_name: str
    organ_id: str = ""
    number: str = ""
    notation: str = ""
    issued_date: date | None = None
    signer_position: str = ""
    signer_full_name: str = ""
    urgency: int = 0
    secrecy: int = 0
    due_date: date | None = None
    page_amount: int | None = None
    description: str = ""
    scan: FileIn | None = None


class UnitIn(Schema):
    unit_name: str
    limit_working_days: int
    handler_id: int | None = None


class ActionIn(Schema):
    note: str = ""
    reason: str = ""
    on_paper: bool = False
    notation: str | None = None
    proposal: str = ""
    result: str = ""
    instruction: str = ""
    lead: UnitIn | None = None
    cooperating: list[UnitIn] = []


def _upload(given: FileIn | None, field: str) -> FileUpload | None:
    if given is None:
        return None
    try:
        content = base64.b64decode(given.content_base64, validate=True)
    except (binascii.Error, ValueError):
        raise ValidationFailed(fields={field: [_("The file content is not valid base64.")]}) from None
    return FileUpload(given.name, given.content_type, content)


def _type(code: str) -> DocumentType | None:
    return DocumentType.objects.filter(code=code).first()


def _agency(user, agency_id: int) -> Agency:
    allowed = agency_ids_for(user)
    if allowed is not None and agency_id not in allowed:
        raise NotFound()
    found = Agency.objects.filter(pk=agency_id).first()
    if found is None:
        raise NotFound()
    return found


def _files(document):
    return list(
        document.files.only(
            "id", "kind", "name", "content_type", "size", "sha256", "version", "signature_report", "outgoing_id"
        )
    )


def _events(document):
    return [
        {
            "action": e.action,
            "label": e.label,
            "from_status": e.from_status,
            "to_status": e.to_status,
            "actor_label": e.actor_label,
            "occurred_at": e.occurred_at,
            "note": e.note,
        }
        for e in document.events.all()
    ]


def outgoing_detail(user, document) -> dict:
    document.refresh_from_db()
    return {
        **{name: getattr(document, name) for name in OutgoingDetail.model_fields if hasattr(document, name)},
        "recipients": list(document.recipients.all()),
        "files": _files(document),
        "events": _events(document),
        "allowed_actions": [name for name, _label in allowed_actions(user=user, document=document)],
    }


def incoming_detail(user, document) -> dict:
    document.refresh_from_db()
    return {
        **{name: getattr(document, name) for name in IncomingDetail.model_fields if hasattr(document, name)},
        "assignments": list(document.assignments.filter(active=True)),
        "files": _files(document),
        "events": _events(document),
        "allowed_actions": [name for name, _label in allowed_actions(user=user, document=document)],
    }


def _page(queryset, limit: int, offset: int):
    return list(queryset[offset : offset + min(max(limit, 1), 200)])


@router.get("/documents/outgoing", response={200: list[DocumentRow], **ERRORS}, summary="The outgoing register")
def outgoing_register(
    request, year: int | None = None, status: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
):
    return _page(outgoing_list_for(user=request.auth, year=year, status=status, text=q), limit, offset)


@router.get("/documents/incoming", response={200: list[IncomingRow], **ERRORS}, summary="The incoming register")
def incoming_register(
    request, year: int | None = None, status: str | None = None, q: str | None = None, limit: int = 50, offset: int = 0
):
    return _page(incoming_list_for(user=request.auth, year=year, status=status, text=q), limit, offset)


@router.get("/documents/outgoing/{document_id}", response={200: OutgoingDetail, **ERRORS}, summary="One outgoing")
def outgoing_one(request, document_id: int):
    return outgoing_detail(request.auth, outgoing_get_for(user=request.auth, document_id=document_id))


@router.get("/documents/incoming/{document_id}", response={200: IncomingDetail, **ERRORS}, summary="One incoming")
def incoming_one(request, document_id: int):
    return incoming_detail(request.auth, incoming_get_for(user=request.auth, document_id=document_id))


@router.post("/documents/outgoing", response={201: OutgoingResult, **ERRORS}, summary="Create a draft")
def outgoing_new(request, payload: OutgoingIn):
    data = payload.dict()
    agency = _agency(request.auth, data.pop("agency_id"))
    document = outgoing_services.outgoing_create(
        actor=request.auth,
        agency=agency,
        document_type=_type(data.pop("document_type")),
        recipients=[outgoing_services.RecipientIn(**r) for r in data.pop("recipients")],
        draft=_upload(payload.draft, "draft"),
        attachments=[_upload(f, "attachments") for f in payload.attachments],
        series_id=data.pop("series_id"),
        **{k: v for k, v in data.items() if k not in ("draft", "attachments")},
    )
    return Status(201, {"document": outgoing_detail(request.auth, document), "warnings": []})


@router.post("/documents/incoming", response={201: IncomingResult, **ERRORS}, summary="Register a paper document")
def incoming_new(request, payload: IncomingIn):
    data = payload.dict()
    agency = _agency(request.auth, data.pop("agency_id"))
    data.pop("scan")
    result = incoming_services.incoming_register_paper(
        actor=request.auth,
        agency=agency,
        document_type=_type(data.pop("document_type")),
        scan=_upload(payload.scan, "scan"),
        **data,
    )
    return Status(
        201,
        {
            "document": incoming_detail(request.auth, result.document),
            "warnings": [w.as_dict() for w in result.warnings],
        },
    )


def outgoing_action(user, document, action: str, payload: ActionIn):
    """Runs one outgoing action from an API payload; the web views share it. Returns the warnings."""
    warnings = []
    if action == "submit":
        outgoing_services.outgoing_submit(actor=user, document=document, note=payload.note)
    elif action == "return":
        outgoing_services.outgoing_return(actor=user, document=document, note=payload.note)
    elif action == "approve":
        outgoing_services.outgoing_approve(actor=user, document=document, on_paper=payload.on_paper, note=payload.note)
    elif action == "sign" and document.medium == Medium.ELECTRONIC:
        signatures.outgoing_sign(actor=user, document=document)
    elif action == "sign":
        outgoing_services.outgoing_mark_signed(actor=user, document=document)
    elif action == "seal":
        signatures.outgoing_seal(actor=user, document=document)
    elif action == "number":
        warnings = outgoing_release.outgoing_number(actor=user, document=document, notation=payload.notation).warnings
    elif action == "dispatch":
        outgoing_release.outgoing_dispatch(actor=user, document=document)
    elif action == "recall":
        outgoing_release.outgoing_recall(actor=user, document=document, reason=payload.reason)
    else:
        check_transition(OUTGOING, action, document.status, document.get_status_display())
    return warnings


@router.post(
    "/documents/outgoing/{document_id}/{action}", response={200: OutgoingResult, **ERRORS}, summary="Act on one"
)
def outgoing_act(request, document_id: int, action: str, payload: ActionIn):
    user = request.auth
    document = outgoing_get_for(user=user, document_id=document_id)
    warnings = outgoing_action(user, document, action, payload)
    return {"document": outgoing_detail(user, document), "warnings": [w.as_dict() for w in warnings]}


def incoming_action(user, document: IncomingDocument, action: str, payload: ActionIn):
    """Runs one incoming action from an API payload; the web views share it."""
    warnings = []
    if action == "receive":
        warnings = incoming_services.incoming_receive(actor=user, document=document).warnings
    elif action == "return":
        incoming_services.incoming_return(actor=user, document=document, reason=payload.reason)
    elif action == "assign":
        if payload.lead is None:
            raise ValidationFailed(fields={"lead.unit_name": [_("Enter the unit.")]})
        incoming_services.incoming_assign(
            actor=user,
            document=document,
            lead=incoming_services.UnitAssignment(**payload.lead.dict()),
            cooperating=[incoming_services.UnitAssignment(**u.dict()) for u in payload.cooperating],
            instruction=payload.instruction,
        )
    elif action == "propose":
        incoming_services.incoming_propose(actor=user, document=document, proposal=payload.proposal)
    elif action == "complete":
        incoming_services.incoming_complete(actor=user, document=document, result=payload.result)
    else:
        check_transition(INCOMING, action, document.status, document.get_status_display())
    return warnings


@router.post(
    "/documents/incoming/{document_id}/{action}", response={200: IncomingResult, **ERRORS}, summary="Act on one"
)
def incoming_act(request, document_id: int, action: str, payload: ActionIn):
    user = request.auth
    document = incoming_get_for(user=user, document_id=document_id)
    warnings = incoming_action(user, document, action, payload)
    return {"document": incoming_detail(user, document), "warnings": [w.as_dict() for w in warnings]}


class SearchRow(DocumentRow):
    direction: str


@router.get("/documents/search", response={200: list[SearchRow], **ERRORS}, summary="Search both registers")
def search(request, q: str = "", direction: str = "", limit: int = 50):
    found = document_search(user=request.auth, text=q, direction=direction, limit=min(max(limit, 1), 200))
    return [
        {
            **{name: getattr(d, name) for name in DocumentRow.model_fields},
            "direction": "incoming" if isinstance(d, IncomingDocument) else "outgoing",
        }
        for d in found
    ]


class WorkFileOut(Schema):
    id: int
    file_code: str
    code: str
    title: str
    maintenance: str
    status: str
    start_date: date | None
    end_date: date | None


@router.get("/documents/work-files", response={200: list[WorkFileOut], **ERRORS}, summary="Work files")
def work_files(request, year: int | None = None):
    return list(work_files_for(user=request.auth, year=year)[:500])


@router.get("/documents/work-files/{work_file_id}", response={200: WorkFileOut, **ERRORS}, summary="One work file")
def work_file(request, work_file_id: int):
    return work_file_get_for(user=request.auth, work_file_id=work_file_id)
