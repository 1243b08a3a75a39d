"""Applying online in three steps: the e-form, the documents, then review and submit."""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.dossiers.states import Delivery
from chinhquyenso.portal.components import slots_of
from chinhquyenso.portal.eform import clean, fields_of, prefilled
from chinhquyenso.portal.selectors import citizen_draft_get, reusable_results
from chinhquyenso.portal.services.drafts import draft_attach, draft_detach, draft_discard, draft_save
from chinhquyenso.portal.services.submit import draft_submit
from chinhquyenso.portal.uploads import ACCEPT, megabytes
from chinhquyenso.portal.web.access import citizen_required

STEPS = (
    ("eform", gettext_lazy("Declaration")),
    ("documents", gettext_lazy("Supporting documents")),
    ("review", gettext_lazy("Review and submit")),
)


def _draft(request, draft_id: int):
    try:
        return citizen_draft_get(request.user, draft_id)
    except NotFound:
        raise Http404 from None


def _steps(current: str):
    names = [name for name, _label in STEPS]
    return [
        {"name": name, "label": label, "number": i + 1, "current": name == current, "done": i < names.index(current)}
        for i, (name, label) in enumerate(STEPS)
    ]


@citizen_required
def eform(request, draft_id: int):
    draft = _draft(request, draft_id)
    fields = fields_of(draft.procedure_version.eform)
    errors: dict = {}
    status = 200
    if request.method == "POST":
        try:
            draft = draft_save(actor=request.user, draft_id=draft.pk, values=request.POST)
        except NotFound:
            raise Http404 from None
        if request.POST.get("action") == "save":
            messages.success(request, _("Draft saved. You can come back to it from “My dossiers”."))
            return redirect("portal:eform", draft_id=draft.pk)
        _values, errors = clean(fields, draft.data)
        if not errors:
            return redirect("portal:documents", draft_id=draft.pk)
        status = 422
    values = prefilled(fields, request.user, draft.data)
    return render(
        request,
        "portal/eform.html",
        {
            "draft": draft,
            "version": draft.procedure_version,
            "rows": [{"field": f, "value": values.get(f.name, ""), "errors": errors.get(f.name, [])} for f in fields],
            "errors": errors,
            "steps": _steps("eform"),
        },
        status=status,
    )


def _documents_page(request, draft, *, errors=None, message="", status=200):
    files = {f.component_position: f for f in draft.files.defer("content")}
    results = list(reusable_results(request.user))
    slots = [
        {"slot": s, "file": files.get(s.position), "errors": (errors or {}).get(f"file_{s.position}", [])}
        for s in slots_of(draft.procedure_version)
    ]
    return render(
        request,
        "portal/documents.html",
        {
            "draft": draft,
            "version": draft.procedure_version,
            "slots": slots,
            "results": results,
            "accept": ACCEPT,
            "file_mb": megabytes(settings.PORTAL_MAX_FILE_BYTES),
            "dossier_mb": megabytes(settings.PORTAL_MAX_DOSSIER_BYTES),
            "used": sum(f.size for f in files.values() if not f.reused),
            "errors": errors or {},
            "message": message,
            "missing": [s["slot"] for s in slots if s["slot"].needs_file and s["file"] is None],
            "steps": _steps("documents"),
        },
        status=status,
    )


@citizen_required
def documents(request, draft_id: int):
    draft = _draft(request, draft_id)
    if request.method == "POST":
        uploads = {
            int(key.removeprefix("file_")): upload
            for key, upload in request.FILES.items()
            if key.startswith("file_") and key.removeprefix("file_").isdigit()
        }
        reuse = {
            int(key.removeprefix("reuse_")): value
            for key, value in request.POST.items()
            if key.startswith("reuse_") and key.removeprefix("reuse_").isdigit() and value
        }
        try:
            stored = draft_attach(actor=request.user, draft_id=draft.pk, uploads=uploads, reuse=reuse)
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            return _documents_page(request, draft, errors=error.fields, message=str(error.message), status=error.status)
        messages.success(request, _("%(count)d document(s) saved.") % {"count": len(stored)})
        return redirect("portal:documents", draft_id=draft.pk)
    return _documents_page(request, draft)


@citizen_required
@require_POST
def detach(request, draft_id: int, position: int):
    try:
        draft_detach(actor=request.user, draft_id=draft_id, position=position)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The file was removed."))
    return redirect("portal:documents", draft_id=draft_id)


@citizen_required
def review(request, draft_id: int):
    draft = _draft(request, draft_id)
    errors: dict = {}
    message = ""
    status = 200
    if request.method == "POST":
        try:
            dossier = draft_submit(
                actor=request.user,
                draft_id=draft.pk,
                auth_method=request.session.get("cqs_auth_method", ""),
                delivery=request.POST.get("delivery", Delivery.COUNTER),
            )
        except NotFound:
            raise Http404 from None
        except ApplicationError as error:
            errors, message, status = error.fields, str(error.message), error.status
        else:
            return redirect("portal:submitted", code=dossier.code)
    fields = fields_of(draft.procedure_version.eform)
    values, form_errors = clean(fields, draft.data)
    files = {f.component_position: f for f in draft.files.defer("content")}
    slots = slots_of(draft.procedure_version)
    return render(
        request,
        "portal/review.html",
        {
            "draft": draft,
            "version": draft.procedure_version,
            "answers": [(f, draft.data.get(f.name, ""), errors.get(f.name) or form_errors.get(f.name)) for f in fields],
            "documents": [(s, files.get(s.position), errors.get(f"file_{s.position}")) for s in slots],
            "form_ok": not form_errors,
            "errors": errors,
            "other_errors": [m for name, msgs in errors.items() if name.startswith("submitter") for m in msgs],
            "message": message,
            "deliveries": Delivery.choices,
            "delivery": request.POST.get("delivery", Delivery.COUNTER),
            "steps": _steps("review"),
        },
        status=status,
    )


@citizen_required
@require_POST
def discard(request, draft_id: int):
    try:
        draft_discard(actor=request.user, draft_id=draft_id)
    except NotFound:
        raise Http404 from None
    messages.success(request, _("The draft was deleted."))
    return redirect("portal:mine")
