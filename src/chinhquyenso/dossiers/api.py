"""REST API of the one-stop back office (staff) and of the public dossier lookup (no log-in)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from chinhquyenso.core.api.auth import staff_auth
from chinhquyenso.core.api.routes import ErrorOut
from chinhquyenso.core.request_context import client_ip
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.forms import form_for
from chinhquyenso.dossiers.ratelimit import check_public_lookup
from chinhquyenso.dossiers.selectors import (
    InboxFilter,
    dossier_detail,
    dossier_get_for,
    dossier_inbox,
    dossier_public_status,
)
from chinhquyenso.dossiers.services.intake import dossier_intake
from chinhquyenso.dossiers.services.transitions import dossier_act

router = Router(tags=["dossiers"], auth=staff_auth)
public_router = Router(tags=["public"], auth=None)
ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut, 422: ErrorOut}


class PublicDossierOut(Schema):
    code: str
    procedure_code: str
    procedure_name: str
    state: str
    state_label: str
    national_status: int
    received_at: datetime | None
    due_at: datetime | None
    current_step: str
    result_available: bool
    owner: str
    agency_name: str


@public_router.get(
    "/public/dossiers/{code}",
    response={200: PublicDossierOut, 404: ErrorOut, 429: ErrorOut},
    summary="Public lookup of a dossier by its code",
)
def public_dossier(request, code: str):
    check_public_lookup(client_ip.get())
    return dossier_public_status(code)


class ApplicantIn(Schema):
    submitter_name: str
    submitter_id_number: str = ""
    submitter_phone: str = ""
    submitter_email: str = ""
    submitter_address: str = ""
    owner_name: str = ""
    owner_id_number: str = ""
    owner_address: str = ""
    owner_kind: str = "citizen"


class IntakeIn(Schema):
    agency_id: int
    procedure_code: str
    channel: str = "counter"
    applicant: ApplicantIn
    provided: list[int] = []
    outcome: str = "receive"
    reason: str = ""
    extra_items: list[str] = []
    summary: str = ""
    sets: int = 1
    delivery: str = "counter"


class DossierOut(Schema):
    code: str
    state: str
    version: int
    procedure_code: str
    procedure_name: str
    owner_name: str
    channel: str
    submitted_at: datetime
    received_at: datetime | None
    due_at: datetime | None
    calendar_version: str
    supplement_arrived_at: datetime | None


class InboxOut(Schema):
    count: int
    items: list[DossierOut]


class EventOut(Schema):
    seq: int
    action: str
    from_state: str
    to_state: str
    actor_name: str
    occurred_at: datetime
    step_name: str
    step_due_at: datetime | None
    content: str
    data: dict


class ComponentOut(Schema):
    position: int
    name: str
    form: str
    quantity: int
    required: bool
    provided: bool


class DetailOut(DossierOut):
    allowed_actions: list[str]
    components: list[ComponentOut]
    events: list[EventOut]


class ActionIn(Schema):
    version: int | None = None
    reason: str | None = None
    content: str | None = None
    items: list[str] | None = None
    assignee: int | None = None
    amount_vnd: int | None = None
    consulted_agency: int | None = None
    to_agency: int | None = None
    limit_days: Decimal | None = None
    new_due: str | None = None


class InboxQuery(Schema):
    agency: int | None = None
    state: str | None = None
    flag: str | None = None
    mine: bool = False
    q: str = ""
    offset: int = 0
    limit: int = 20


@router.post("/dossiers", response={201: DossierOut, **ERRORS}, summary="Intake of a dossier")
def intake(request, payload: IntakeIn):
    data = payload.dict()
    applicant = Applicant(**data.pop("applicant"))
    dossier = dossier_intake(actor=request.auth, applicant=applicant, **data)
    return Status(201, dossier)


@router.get("/dossiers", response={200: InboxOut, **ERRORS}, summary="Inbox: open dossiers by due time")
def inbox(request, query: Query[InboxQuery]):
    filters = InboxFilter(
        agency_id=query.agency, state=query.state, flag=query.flag, assigned_to_me=query.mine, q=query.q
    )
    rows, total = dossier_inbox(
        user=request.auth, filters=filters, offset=max(query.offset, 0), limit=min(max(query.limit, 1), 200)
    )
    return {"count": total, "items": rows}


def _detail(user, code: str) -> dict:
    detail = dossier_detail(user=user, code=code)
    dossier = detail["dossier"]
    out = {field: getattr(dossier, field) for field in DossierOut.model_fields}
    out["allowed_actions"] = [t.action for t in detail["actions"]]
    out["components"] = detail["components"]
    out["events"] = detail["events"]
    return out


@router.get("/dossiers/{code}", response={200: DetailOut, **ERRORS}, summary="A dossier with its history")
def detail(request, code: str):
    return _detail(request.auth, code)


@router.post("/dossiers/{code}/actions/{action}", response={200: DetailOut, **ERRORS}, summary="Take a workflow action")
def act(request, code: str, action: str, payload: ActionIn):
    values = {k: v for k, v in payload.dict().items() if v is not None and k != "version"}
    dossier_act(actor=request.auth, code=code, action=action, expected_version=payload.version, **values)
    return _detail(request.auth, code)


@router.post("/dossiers/{code}/result-files", response={200: DetailOut, **ERRORS}, summary="Attach the result file")
def attach_result(request, code: str, file: File[UploadedFile], version: int | None = None):
    dossier_act(actor=request.auth, code=code, action="attach_result", expected_version=version, file=file)
    return _detail(request.auth, code)


@router.get(
    "/dossiers/{code}/forms/{number}",
    response={200: None, **ERRORS},
    summary="An official form of the dossier (01–05) as PDF",
    openapi_extra={"responses": {200: {"content": {"application/pdf": {}}}}},
)
def form_pdf(request, code: str, number: str):
    from chinhquyenso.dossiers.web.pdf import pdf_response
    from chinhquyenso.printing.render import render

    dossier = dossier_get_for(user=request.auth, code=code)
    return pdf_response(render(form_for(dossier, number)), f"mau-{number}-{code}.pdf")
