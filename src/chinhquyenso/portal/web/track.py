"""After submission: the confirmation, "My dossiers", each dossier's timeline, supplement, withdrawal, the receipt,
the result with its signature check, and the rating."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.dossiers.forms import form_for
from chinhquyenso.dossiers.models import DossierFile, DossierRating, Satisfaction
from chinhquyenso.dossiers.services.applicant_actions import dossier_withdraw_by_applicant
from chinhquyenso.dossiers.states import FINAL, FINISHED, NATIONAL_STATUS, DossierState
from chinhquyenso.dossiers.web.files import file_response
from chinhquyenso.dossiers.web.pdf import pdf_response
from chinhquyenso.dossiers.workflow import applicant_actions_in
from chinhquyenso.payments.selectors import dossier_payment_summary
from chinhquyenso.portal.selectors import citizen_dossier_get, citizen_dossiers, citizen_drafts, citizen_file_get
from chinhquyenso.portal.services.tracking import open_supplement_request, rating_submit, supplement_submit
from chinhquyenso.portal.uploads import ACCEPT, megabytes
from chinhquyenso.portal.web.access import citizen_required
from chinhquyenso.portal.web.presentation import RATING_ASPECTS, result_checks, state_tone, timeline
from chinhquyenso.printing.render import render as render_pdf


def _own(request, code: str):
    try:
        return citizen_dossier_get(request.user, code)
    except NotFound:
        raise Http404 from None


@citizen_required
def mine(request):
    dossiers = list(citizen_dossiers(request.user)[:200])
    return render(
        request,
        "portal/mine.html",
        {
            "rows": [(d, state_tone(d.state)) for d in dossiers],
            "drafts": list(citizen_drafts(request.user)[:50]),
            "open": sum(d.state not in FINAL for d in dossiers),
        },
    )


@citizen_required
def submitted(request, code: str):
    dossier = _own(request, code)
    return render(request, "portal/submitted.html", {"dossier": dossier, "payment": _payment(dossier)})


def _payment(dossier):
    """What is left to pay online, for the "pay fees" button (none once the dossier is closed)."""
    if dossier.state in FINAL:
        return None
    summary = dossier_payment_summary(dossier)
    return summary if summary.due_vnd > 0 else None


def _detail_page(request, dossier, *, status=200, errors=None, message="", panel=""):
    events = list(dossier.events.select_related("agency").order_by("seq"))
    files = list(dossier.files.defer("content").order_by("uploaded_at", "id"))
    rating = DossierRating.objects.filter(dossier=dossier).first()
    return render(
        request,
        "portal/detail.html",
        {
            "dossier": dossier,
            "tone": state_tone(dossier.state),
            "national_status": NATIONAL_STATUS[dossier.state],
            "timeline": timeline(events),
            "uploads": [f for f in files if f.kind == DossierFile.Kind.UPLOAD],
            "results": [f for f in files if f.kind == DossierFile.Kind.RESULT] if dossier.state in FINISHED else [],
            "components": list(dossier.components.all()),
            "supplement": open_supplement_request(dossier),
            "actions": {t.action: t for t in applicant_actions_in(dossier.state)},
            "receipt": any(e.action == "receive" for e in events),
            "can_rate": dossier.state == DossierState.RETURNED and rating is None,
            "rating": rating,
            "payment": _payment(dossier),
            "satisfaction": Satisfaction.choices,
            "aspects": RATING_ASPECTS,
            "accept": ACCEPT,
            "file_mb": megabytes(settings.PORTAL_MAX_FILE_BYTES),
            "errors": errors or {},
            "message": message,
            "panel": panel,
            "now": timezone.now(),
        },
        status=status,
    )


@citizen_required
def detail(request, code: str):
    return _detail_page(request, _own(request, code))


@citizen_required
@require_POST
def supplement(request, code: str):
    dossier = _own(request, code)
    items = request.POST.getlist("item")
    uploads = []
    for index in range(len(items) + 1):
        upload = request.FILES.get(f"file_{index}")
        if upload is not None:
            uploads.append((items[index] if index < len(items) else _("Other document"), upload))
    try:
        supplement_submit(actor=request.user, code=code, uploads=uploads, note=request.POST.get("note", ""))
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        return _detail_page(
            request, dossier, status=error.status, errors=error.fields, message=str(error.message), panel="supplement"
        )
    messages.success(request, _("Your supplement was sent. The one-stop officer will check it and continue."))
    return redirect("portal:detail", code=code)


@citizen_required
@require_POST
def withdraw(request, code: str):
    dossier = _own(request, code)
    try:
        dossier_withdraw_by_applicant(actor=request.user, code=code, reason=request.POST.get("reason", "").strip())
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        return _detail_page(
            request, dossier, status=error.status, errors=error.fields, message=str(error.message), panel="withdraw"
        )
    messages.success(request, _("Your dossier was withdrawn."))
    return redirect("portal:detail", code=code)


@citizen_required
@require_POST
def rate(request, code: str):
    dossier = _own(request, code)
    try:
        rating_submit(
            actor=request.user,
            code=code,
            overall=request.POST.get("overall", ""),
            comment=request.POST.get("comment", ""),
            aspects={name: request.POST.get(name, "") for name, _label, _kind in RATING_ASPECTS},
        )
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        return _detail_page(
            request, dossier, status=error.status, errors=error.fields, message=str(error.message), panel="rate"
        )
    messages.success(request, _("Thank you: your rating was recorded."))
    return redirect("portal:detail", code=code)


@citizen_required
def download(request, code: str, file_id: int):
    try:
        found = citizen_file_get(request.user, code, file_id)
    except NotFound:
        raise Http404 from None
    return file_response(found)


@citizen_required
def receipt(request, code: str):
    """Form 01, once the one-stop officer has received the dossier."""
    dossier = _own(request, code)
    try:
        pdf = render_pdf(form_for(dossier, "01"))
    except NotFound:
        raise Http404 from None
    return pdf_response(pdf, f"giay-tiep-nhan-{code}.pdf")


@citizen_required
def result(request, code: str):
    dossier = _own(request, code)
    if dossier.state not in FINISHED:
        raise Http404
    files = list(dossier.files.filter(kind=DossierFile.Kind.RESULT).order_by("uploaded_at", "id"))
    return render(
        request,
        "portal/result.html",
        {
            "dossier": dossier,
            "checks": result_checks(files),
            "can_rate": dossier.state == DossierState.RETURNED
            and not DossierRating.objects.filter(dossier=dossier).exists(),
        },
    )
