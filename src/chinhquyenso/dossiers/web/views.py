"""Staff pages of the one-stop back office and the public lookup page."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chinhquyenso.catalog.models import ProcedureVersion, VersionStatus
from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.core.models import Role, RoleAssignment
from chinhquyenso.core.request_context import client_ip
from chinhquyenso.core.web.xlsx import xlsx_response
from chinhquyenso.dossiers.applicant import Applicant
from chinhquyenso.dossiers.forms import form_for, form_header, register_form
from chinhquyenso.dossiers.ratelimit import check_public_lookup
from chinhquyenso.dossiers.selectors import (
    INBOX_FLAGS,
    OPEN_STATES,
    InboxFilter,
    dossier_detail,
    dossier_file_get,
    dossier_get_for,
    dossier_inbox,
    dossier_public_status,
    dossier_register,
    dossier_state_counts,
)
from chinhquyenso.dossiers.services.intake import dossier_intake
from chinhquyenso.dossiers.services.transitions import dossier_act
from chinhquyenso.dossiers.states import Channel, DossierState
from chinhquyenso.dossiers.web.files import file_response
from chinhquyenso.dossiers.web.pdf import pdf_response
from chinhquyenso.dossiers.web.presentation import deadline_flag, register_headers, register_rows
from chinhquyenso.printing.render import render as render_pdf
from chinhquyenso.units.models import Agency
from chinhquyenso.units.paths import path_ancestors
from chinhquyenso.workcal.calendar import VN_TZ

REGISTER_PDF_MAX_ROWS = 300  # about 40 ms a row: a longer register is for a background job


def public_lookup(request):
    code = (request.GET.get("ma") or "").strip()
    context = {"code": code}
    if code:
        try:
            check_public_lookup(client_ip.get())
            context["status"] = dossier_public_status(code)
        except ApplicationError as error:
            context["error"] = error.message
            return render(request, "dossiers/lookup.html", context, status=error.status)
    return render(request, "dossiers/lookup.html", context)


def _counter_agencies(user):
    return list(
        Agency.objects.filter(
            pk__in=RoleAssignment.objects.filter(user=user, role=Role.ONE_STOP_OFFICER).values("agency_id")
        ).order_by("name")
    )


def _published_versions():
    return (
        ProcedureVersion.objects.filter(status=VersionStatus.PUBLISHED)
        .select_related("procedure")
        .order_by("procedure__national_code")
    )


@login_required
def counter(request):
    agencies = _counter_agencies(request.user)
    if not agencies:
        raise Http404
    form = request.POST if request.method == "POST" else {}
    errors: dict = {}
    if request.method == "POST":
        try:
            dossier = dossier_intake(
                actor=request.user,
                agency_id=int(form.get("agency") or agencies[0].pk),
                procedure_code=form.get("procedure", ""),
                channel=form.get("channel", Channel.COUNTER),
                applicant=Applicant(**{n: form[n] for n in Applicant.__dataclass_fields__ if form.get(n)}),
                provided=[int(p) for p in form.getlist("provided") if p.isdigit()],
                outcome=form.get("outcome", "receive"),
                reason=form.get("reason", ""),
                extra_items=form.get("extra_items", "").splitlines(),
                sets=int(sets) if (sets := form.get("sets") or "1").isdigit() else 0,
            )
        except ApplicationError as error:
            errors = error.fields
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Dossier %(code)s: %(state)s.") % {"code": dossier.code, "state": DossierState(dossier.state).label},
            )
            return redirect("dossiers:detail", code=dossier.code)
    selected = form.get("procedure", "") or request.GET.get("procedure", "")
    return render(
        request,
        "dossiers/counter.html",
        {
            "agencies": agencies,
            "versions": _published_versions(),
            "selected": selected,
            "components": _components_of(selected),
            "provided": set(form.getlist("provided")) if form else set(),
            "form": form,
            "errors": errors,
            "channels": Channel.choices,
        },
        status=422 if request.method == "POST" else 200,
    )


def _components_of(code: str):
    version = _published_versions().filter(procedure__national_code=code).first()
    return list(version.components.all()) if version else []


@login_required
def counter_components(request):
    return render(
        request,
        "dossiers/_components.html",
        {"components": _components_of(request.GET.get("procedure", "")), "provided": set()},
    )


def _inbox_filter(request) -> InboxFilter:
    state = request.GET.get("state") or None
    flag = request.GET.get("flag") or None
    return InboxFilter(
        agency_id=int(request.GET["agency"]) if request.GET.get("agency", "").isdigit() else None,
        state=state if state in DossierState.values else None,
        flag=flag if flag in INBOX_FLAGS else None,
        assigned_to_me=request.GET.get("mine") == "1",
        q=request.GET.get("q", "")[:60],
    )


@login_required
def inbox(request):
    filters = _inbox_filter(request)
    if request.GET.get("format") == "xlsx":
        rows, _total = dossier_inbox(user=request.user, filters=filters, limit=5000)
        return xlsx_response(
            filename="ho-so-dang-xu-ly",
            title=_("Dossiers"),
            headers=[_("Dossier code"), _("Procedure"), _("Owner"), _("State"), _("Received"), _("Due")],
            rows=(
                (
                    d.code,
                    d.procedure_name,
                    d.owner_name,
                    str(DossierState(d.state).label),
                    _local(d.received_at),
                    _local(d.due_at),
                )
                for d in rows
            ),
        )
    page_number = int(request.GET.get("page", "1")) if request.GET.get("page", "1").isdigit() else 1
    rows, total = dossier_inbox(user=request.user, filters=filters, offset=(page_number - 1) * 20, limit=20)
    now = timezone.now()
    counts = dossier_state_counts(user=request.user, agency_id=filters.agency_id)
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dossiers/inbox.html",
        {
            "rows": [(d, deadline_flag(d, now)) for d in rows],
            "total": total,
            "page": page_number,
            "pages": max(1, -(-total // 20)),
            "counts": [(s, DossierState(s).label, counts[s]) for s in OPEN_STATES],
            "filters": filters,
            "query": query.urlencode(),
            "pdf_available": request.user.agency_id is not None,
        },
    )


def _local(value):
    return value.astimezone(VN_TZ).replace(tzinfo=None) if value else None


@login_required
def detail(request, code: str):
    try:
        found = dossier_detail(user=request.user, code=code)
    except NotFound:
        raise Http404 from None
    dossier = found["dossier"]
    specialists = RoleAssignment.objects.filter(
        role=Role.SPECIALIST, agency__unit__path__in=path_ancestors(dossier.unit_path)
    ).select_related("user")
    return render(
        request,
        "dossiers/detail.html",
        {
            **found,
            "flag": deadline_flag(dossier, timezone.now()),
            "specialists": sorted({a.user for a in specialists}, key=lambda u: u.full_name),
            "agencies": Agency.objects.exclude(pk=dossier.agency_id).order_by("name")[:200],
            "forms": _forms_available(found["events"]),
        },
    )


@login_required
def file_download(request, code: str, file_id: int):
    try:
        found = dossier_file_get(user=request.user, code=code, file_id=file_id)
    except NotFound:
        raise Http404 from None
    return file_response(found)


@login_required
def form_pdf(request, code: str, number: str):
    try:
        dossier = dossier_get_for(user=request.user, code=code)
        pdf = render_pdf(form_for(dossier, number))
    except NotFound:
        raise Http404 from None
    return pdf_response(pdf, f"mau-{number}-{code}.pdf")


def _forms_available(events) -> list[tuple[str, str]]:
    """Which official forms this dossier's history can print."""
    actions = {e.action for e in events}
    forms = []
    if "receive" in actions:
        forms.append(("01", _("Form 01: receipt and appointment")))
    if "request_supplement" in actions:
        forms.append(("02", _("Form 02: supplement request")))
    if "refuse" in actions:
        forms.append(("03", _("Form 03: refusal")))
    if "extend" in actions:
        forms.append(("04", _("Form 04: apology and new appointment")))
    if "receive" in actions:
        forms.append(("05", _("Form 05: process control slip")))
    return forms


@login_required
@require_POST
def act(request, code: str, action: str):
    values = {
        name: request.POST.get(name)
        for name in (
            "reason",
            "content",
            "assignee",
            "amount_vnd",
            "consulted_agency",
            "to_agency",
            "limit_days",
            "new_due",
        )
        if request.POST.get(name)
    }
    if request.POST.get("items"):
        values["items"] = request.POST["items"].splitlines()
    if request.FILES.get("file"):
        values["file"] = request.FILES["file"]
    version = request.POST.get("version")
    try:
        dossier = dossier_act(
            actor=request.user,
            code=code,
            action=action,
            expected_version=int(version) if version and version.isdigit() else None,
            **values,
        )
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        details = "; ".join(f"{m}" for msgs in error.fields.values() for m in msgs)
        messages.error(request, f"{error.message} {details}".strip())
    else:
        messages.success(
            request, _("Done: the dossier is now “%(state)s”.") % {"state": DossierState(dossier.state).label}
        )
    return redirect(reverse("dossiers:detail", kwargs={"code": code}))


def _register_period(request) -> tuple[datetime, datetime]:
    today = timezone.localdate()
    try:
        start = datetime.fromisoformat(request.GET["tu"]).date()
    except (KeyError, ValueError):
        start = today.replace(day=1)
    try:
        end = datetime.fromisoformat(request.GET["den"]).date()
    except (KeyError, ValueError):
        end = today
    if end < start:
        start, end = end, start
    as_dt = lambda d: datetime(d.year, d.month, d.day, tzinfo=VN_TZ)  # noqa: E731
    return as_dt(start), as_dt(end) + timedelta(days=1)


@login_required
def register(request):
    start, end = _register_period(request)
    state = request.GET.get("state", "")
    queryset = dossier_register(
        user=request.user,
        agency_id=int(request.GET["agency"]) if request.GET.get("agency", "").isdigit() else None,
        start=start,
        end=end,
        procedure_code=request.GET.get("procedure", "").strip(),
        state=state if state in DossierState.values else "",
    )
    if request.GET.get("format") == "pdf":
        count = queryset.count()
        if count > REGISTER_PDF_MAX_ROWS:
            messages.error(
                request,
                _("The register has %(count)s dossiers in this period; print at most %(max)s at a time.")
                % {"count": count, "max": REGISTER_PDF_MAX_ROWS},
            )
            query = request.GET.copy()
            query.pop("format")
            return redirect(f"{reverse('dossiers:register')}?{query.urlencode()}")
        if request.user.agency is None:
            raise Http404
        header = form_header(request.user.agency)
        period = f"{start:%d/%m/%Y} – {end - timedelta(days=1):%d/%m/%Y}"
        return pdf_response(render_pdf(register_form(queryset, header=header, period=period)), "so-theo-doi-ho-so.pdf")
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename="so-theo-doi-ho-so",
            title=_("Dossier register"),
            headers=register_headers(),
            rows=register_rows(queryset.iterator(chunk_size=1000)),
        )
    page = Paginator(queryset, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "dossiers/register.html",
        {
            "page": page,
            "rows": register_rows(page.object_list, first=page.start_index()),
            "headers": register_headers(),
            "start": start.date(),
            "end": (end - timedelta(days=1)).date(),
            "states": DossierState.choices,
            "state": state,
            "query": query.urlencode(),
            "pdf_available": request.user.agency_id is not None,
        },
    )
