"""Staff pages of the registers and documents (Vietnamese, htmx where it saves a page load)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chinhquyenso.core.errors import ApplicationError, NotFound, PermissionDenied
from chinhquyenso.core.web.xlsx import xlsx_response
from chinhquyenso.documents.access import agency_ids_for
from chinhquyenso.documents.api import ActionIn, UnitIn, incoming_action, outgoing_action
from chinhquyenso.documents.models import (
    DocumentFile,
    DocumentType,
    IncomingDocument,
    IncomingStatus,
    OutgoingStatus,
    Secrecy,
    Urgency,
    WorkFileStatus,
)
from chinhquyenso.documents.selectors import (
    allowed_actions,
    document_search,
    incoming_get_for,
    incoming_list_for,
    notices_for,
    outgoing_get_for,
    outgoing_list_for,
    work_files_for,
)
from chinhquyenso.documents.services import outgoing as outgoing_services
from chinhquyenso.documents.services.incoming import incoming_register_paper
from chinhquyenso.documents.signature_reports import check_pdf
from chinhquyenso.documents.web import forms
from chinhquyenso.units.models import Agency

PAGE = 50


def _get(fn, **kwargs):
    try:
        return fn(**kwargs)
    except NotFound:
        raise Http404 from None


def _home_agency(user) -> Agency:
    """The agency the user works for in the registers: their own, else the first they hold a role in."""
    allowed = agency_ids_for(user)
    if user.agency_id and (allowed is None or user.agency_id in allowed):
        return user.agency
    found = Agency.objects.filter(pk__in=sorted(allowed or [])).first()
    if found is None:
        raise PermissionDenied()
    return found


def _filters(request) -> dict:
    get = request.GET
    problems: dict = {}
    year = forms.integer(get, "year", problems)
    return {
        "year": year,
        "status": forms.text(get, "status") or None,
        "text": forms.text(get, "q") or None,
        "organ": forms.text(get, "organ") or None,
        "type_code": forms.text(get, "type") or None,
        "date_from": forms.day(get, "from", problems),
        "date_to": forms.day(get, "to", problems),
    }


def _page_number(request) -> int:
    raw = request.GET.get("page", "1")
    return max(int(raw), 1) if raw.isdigit() else 1


def _list_context(request, queryset, statuses):
    page = _page_number(request)
    rows = list(queryset[(page - 1) * PAGE : page * PAGE + 1])
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "rows": rows[:PAGE],
        "page": page,
        "has_next": len(rows) > PAGE,
        "query": query.urlencode(),
        "statuses": statuses,
        "types": DocumentType.objects.all(),
        "this_year": timezone.localdate().year,
        "get": request.GET,
    }


def _error(request, error: ApplicationError) -> None:
    details = "; ".join(m for msgs in error.fields.values() for m in msgs if m not in ("allowed_actions",))
    if error.code == "transition_not_allowed":
        details = ""
    messages.error(request, f"{error.message} {details}".strip())


@login_required
def incoming_list(request):
    queryset = _get(incoming_list_for, user=request.user, **_filters(request)).select_related("agency")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename="so-van-ban-den",
            title=_("Incoming register"),
            headers=[
                _("Arrival number"),
                _("Arrival date"),
                _("Number and notation"),
                _("Issued date"),
                _("Issuing body"),
                _("Type"),
                _("Subject"),
                _("Receiving units or persons"),
                _("Status"),
            ],
            rows=(
                (
                    d.arrival_number,
                    d.arrival_date,
                    d.number_notation,
                    d.issued_date,
                    d.organ_name,
                    d.type_name,
                    d.subject,
                    d.to_places,
                    d.get_status_display(),
                )
                for d in queryset[:50_000]
            ),
        )
    context = _list_context(request, queryset, IncomingStatus.choices)
    context["notices"] = list(notices_for(user=request.user)[:10])
    template = "documents/_incoming_rows.html" if request.htmx else "documents/incoming_list.html"
    return render(request, template, context)


@login_required
def outgoing_list(request):
    queryset = _get(outgoing_list_for, user=request.user, **_filters(request)).select_related("agency")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename="so-van-ban-di",
            title=_("Outgoing register"),
            headers=[
                _("Number and notation"),
                _("Issued date"),
                _("Type"),
                _("Subject"),
                _("Signer"),
                _("Recipients"),
                _("Copies issued"),
                _("Status"),
            ],
            rows=(
                (
                    d.number_notation,
                    d.issued_date,
                    d.type_name,
                    d.subject,
                    d.signer_full_name,
                    "; ".join(r.organ_name for r in d.recipients.all()),
                    d.issued_amount,
                    d.get_status_display(),
                )
                for d in queryset.prefetch_related("recipients")[:50_000]
            ),
        )
    context = _list_context(request, queryset, OutgoingStatus.choices)
    template = "documents/_outgoing_rows.html" if request.htmx else "documents/outgoing_list.html"
    return render(request, template, context)


def _choices_context():
    return {
        "types": DocumentType.objects.all(),
        "urgencies": Urgency.choices,
        "secrecies": Secrecy.choices,
    }


@login_required
@require_http_methods(["GET", "POST"])
def incoming_register(request):
    agency = _home_agency(request.user)
    context = {**_choices_context(), "agency": agency, "values": request.POST, "errors": {}}
    if request.method == "POST":
        post = request.POST
        problems: dict = {}
        values = {
            "organ_name": forms.text(post, "organ_name"),
            "organ_id": forms.text(post, "organ_id"),
            "number": forms.text(post, "number"),
            "notation": forms.text(post, "notation"),
            "issued_date": forms.day(post, "issued_date", problems),
            "signer_position": forms.text(post, "signer_position"),
            "signer_full_name": forms.text(post, "signer_full_name"),
            "urgency": forms.integer(post, "urgency", problems, 0),
            "secrecy": forms.integer(post, "secrecy", problems, 0),
            "page_amount": forms.integer(post, "page_amount", problems),
            "due_date": forms.day(post, "due_date", problems),
            "description": forms.text(post, "description"),
        }
        try:
            forms.raise_if(problems)
            result = incoming_register_paper(
                actor=request.user,
                agency=agency,
                document_type=DocumentType.objects.filter(code=forms.text(post, "document_type")).first(),
                subject=forms.text(post, "subject"),
                scan=forms.upload(request.FILES, "scan"),
                **values,
            )
        except ApplicationError as error:
            context["errors"] = error.fields
            messages.error(request, error.message)
            return render(request, "documents/incoming_register.html", context, status=error.status)
        for warning in result.warnings:
            messages.warning(request, warning.message)
        messages.success(
            request,
            _("Registered as incoming number %(number)d.") % {"number": result.document.arrival_number},
        )
        return redirect("documents:incoming_detail", document_id=result.document.pk)
    return render(request, "documents/incoming_register.html", context)


def _signed_files(document):
    """The newest version of each file that has a signature report, for the signatures card."""
    newest = {}
    for stored in document.files.filter(signature_report__isnull=False).defer("content").order_by("id"):
        newest[(stored.kind, stored.name)] = stored
    return list(newest.values())


def _open_files(user, document):
    return work_files_for(user=user, agency_id=document.agency_id).filter(status=WorkFileStatus.OPEN)[:200]


@login_required
def incoming_detail(request, document_id: int):
    document = _get(incoming_get_for, user=request.user, document_id=document_id)
    agency_staff = document.agency.staff.filter(is_active=True).order_by("full_name")[:200]
    context = {
        "document": document,
        "actions": allowed_actions(user=request.user, document=document),
        "events": document.events.select_related("actor"),
        "files": document.files.only("id", "name", "kind", "size", "sha256", "created_at", "incoming_id"),
        "assignments": document.assignments.filter(active=True).select_related("handler"),
        "staff": agency_staff,
        "work_files": _open_files(request.user, document),
        "in_files": document.file_entries.select_related("work_file"),
        "signed_files": _signed_files(document),
        "direction": "incoming",
    }
    return render(request, "documents/incoming_detail.html", context)


@login_required
def incoming_slip(request, document_id: int):
    document = _get(incoming_get_for, user=request.user, document_id=document_id)
    return render(
        request,
        "documents/incoming_slip.html",
        {
            "document": document,
            "assignments": document.assignments.filter(active=True).select_related("handler"),
        },
    )


@login_required
@require_POST
def incoming_act(request, document_id: int, action: str):
    document = _get(incoming_get_for, user=request.user, document_id=document_id)
    post = request.POST
    problems: dict = {}
    cooperating = []
    for i, name in enumerate(post.getlist("coop_unit")):
        if name.strip():
            days = post.getlist("coop_days")[i] if i < len(post.getlist("coop_days")) else ""
            cooperating.append(UnitIn(unit_name=name.strip(), limit_working_days=int(days) if days.isdigit() else 0))
    lead = None
    if action == "assign":
        handler = forms.integer(post, "lead_handler", problems)
        lead = UnitIn(
            unit_name=forms.text(post, "lead_unit"),
            limit_working_days=forms.integer(post, "lead_days", problems, 0) or 0,
            handler_id=handler,
        )
    payload = ActionIn(
        reason=forms.text(post, "reason"),
        proposal=forms.text(post, "proposal"),
        result=forms.text(post, "result"),
        instruction=forms.text(post, "instruction"),
        lead=lead,
        cooperating=cooperating,
    )
    try:
        forms.raise_if(problems)
        warnings = incoming_action(request.user, document, action, payload)
    except ApplicationError as error:
        _error(request, error)
    else:
        for warning in warnings:
            messages.warning(request, warning.message)
        messages.success(request, _("Done."))
    return redirect("documents:incoming_detail", document_id=document.pk)


@login_required
@require_http_methods(["GET", "POST"])
def outgoing_new(request):
    agency = _home_agency(request.user)
    others = Agency.objects.exclude(pk=agency.pk).order_by("name")[:300]
    context = {**_choices_context(), "agency": agency, "agencies": others, "values": request.POST, "errors": {}}
    if request.method == "POST":
        post = request.POST
        problems: dict = {}
        recipients = [
            outgoing_services.RecipientIn(agency_id=int(raw))
            for raw in post.getlist("recipient_agency")
            if raw.isdigit()
        ]
        for line in forms.text(post, "other_recipients").splitlines():
            if line.strip():
                organ_id, bar, name = line.partition("|")
                recipients.append(
                    outgoing_services.RecipientIn(organ_id=organ_id.strip(), organ_name=name.strip())
                    if bar
                    else outgoing_services.RecipientIn(organ_name=line.strip(), paper=True)
                )
        values = {
            "drafting_unit": forms.text(post, "drafting_unit").upper(),
            "signer_position": forms.text(post, "signer_position"),
            "signer_full_name": forms.text(post, "signer_full_name"),
            "urgency": forms.integer(post, "urgency", problems, 0),
            "secrecy": forms.integer(post, "secrecy", problems, 0),
            "page_amount": forms.integer(post, "page_amount", problems),
            "issued_amount": forms.integer(post, "issued_amount", problems),
            "due_date": forms.day(post, "due_date", problems),
            "description": forms.text(post, "description"),
        }
        try:
            forms.raise_if(problems)
            document = outgoing_services.outgoing_create(
                actor=request.user,
                agency=agency,
                document_type=DocumentType.objects.filter(code=forms.text(post, "document_type")).first(),
                subject=forms.text(post, "subject"),
                recipients=recipients,
                draft=forms.upload(request.FILES, "draft"),
                attachments=forms.uploads(request.FILES, "attachments"),
                **values,
            )
        except ApplicationError as error:
            context["errors"] = error.fields
            messages.error(request, error.message)
            return render(request, "documents/outgoing_new.html", context, status=error.status)
        messages.success(request, _("The draft was saved."))
        return redirect("documents:outgoing_detail", document_id=document.pk)
    return render(request, "documents/outgoing_new.html", context)


@login_required
def outgoing_detail(request, document_id: int):
    document = _get(outgoing_get_for, user=request.user, document_id=document_id)
    context = {
        "document": document,
        "actions": allowed_actions(user=request.user, document=document),
        "events": document.events.select_related("actor"),
        "files": document.files.only("id", "name", "kind", "size", "sha256", "version", "created_at", "outgoing_id"),
        "recipients": document.recipients.select_related("agency"),
        "work_files": _open_files(request.user, document),
        "in_files": document.file_entries.select_related("work_file"),
        "signed_files": _signed_files(document),
        "direction": "outgoing",
    }
    return render(request, "documents/outgoing_detail.html", context)


@login_required
@require_POST
def outgoing_act(request, document_id: int, action: str):
    document = _get(outgoing_get_for, user=request.user, document_id=document_id)
    if action == "attach":
        try:
            upload = forms.upload(request.FILES, "file")
            if upload is None:
                raise ApplicationError(_("Choose a file."))
            outgoing_services.outgoing_attach(
                actor=request.user, document=document, upload=upload, kind=forms.text(request.POST, "kind")
            )
        except ApplicationError as error:
            _error(request, error)
        return redirect("documents:outgoing_detail", document_id=document.pk)
    payload = ActionIn(
        note=forms.text(request.POST, "note"),
        reason=forms.text(request.POST, "reason"),
        on_paper=request.POST.get("on_paper") == "1",
        notation=forms.text(request.POST, "notation") or None,
    )
    try:
        warnings = outgoing_action(request.user, document, action, payload)
    except ApplicationError as error:
        _error(request, error)
    else:
        for warning in warnings:
            messages.warning(request, warning.message)
        messages.success(request, _("Done."))
    return redirect("documents:outgoing_detail", document_id=document.pk)


def _stored_file(user, file_id: int) -> DocumentFile:
    """A document's file, if the user may see that document (else 404)."""
    stored = DocumentFile.objects.filter(pk=file_id).only("outgoing_id", "incoming_id").first()
    if stored is None:
        raise Http404
    if stored.outgoing_id:
        _get(outgoing_get_for, user=user, document_id=stored.outgoing_id)
    else:
        _get(incoming_get_for, user=user, document_id=stored.incoming_id)
    return DocumentFile.objects.get(pk=file_id)


@login_required
def file_verify(request, file_id: int):
    """Verifies the file's signatures now and shows the report in Vietnamese (valid, signer, CA, time,
    integrity); nothing is stored."""
    stored = _stored_file(request.user, file_id)
    report = check_pdf(bytes(stored.content))
    if stored.outgoing_id:
        back = reverse("documents:outgoing_detail", args=[stored.outgoing_id])
    else:
        back = reverse("documents:incoming_detail", args=[stored.incoming_id])
    return render(request, "documents/signature_check.html", {"stored": stored, "report": report, "back": back})


@login_required
def file_download(request, file_id: int):
    stored = _stored_file(request.user, file_id)
    response = HttpResponse(bytes(stored.content), content_type=stored.content_type)
    response["Content-Disposition"] = f'attachment; filename="{stored.name}"'
    return response


@login_required
def search(request):
    filters = _filters(request)
    direction = request.GET.get("direction", "")
    text = filters.pop("text") or ""
    filters.pop("status")
    found = (
        document_search(user=request.user, text=text, direction=direction, limit=500, **filters)
        if any([text, *filters.values()])
        else []
    )
    rows = [(d, isinstance(d, IncomingDocument)) for d in found]
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename="tim-kiem-van-ban",
            title=_("Search results"),
            headers=[
                _("Register"),
                _("Number and notation"),
                _("Issued date"),
                _("Issuing body"),
                _("Type"),
                _("Subject"),
                _("Status"),
            ],
            rows=(
                (
                    _("Incoming") if incoming else _("Outgoing"),
                    d.number_notation,
                    d.issued_date,
                    d.organ_name,
                    d.type_name,
                    d.subject,
                    d.get_status_display(),
                )
                for d, incoming in rows
            ),
        )
    context = {"rows": rows, "get": request.GET, "types": DocumentType.objects.all(), "searched": bool(found) or text}
    template = "documents/_search_rows.html" if request.htmx else "documents/search.html"
    return render(request, template, context)
