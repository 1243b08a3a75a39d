"""Staff pages of the work-file catalogue: list and create, one file, link documents, close, export."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.documents.models import OutgoingDocument
from chinhquyenso.documents.selectors import (
    incoming_get_for,
    outgoing_get_for,
    work_file_get_for,
    work_file_is_processed_online,
    work_files_for,
)
from chinhquyenso.documents.services.workfiles import (
    work_file_add_document,
    work_file_close,
    work_file_create,
    work_file_remove_document,
    work_file_reopen,
)
from chinhquyenso.documents.web import forms
from chinhquyenso.documents.web.views import _home_agency
from chinhquyenso.documents.workfile_export import documents_in_order, work_file_pdf, work_file_xml


def _file(user, work_file_id: int):
    try:
        return work_file_get_for(user=user, work_file_id=work_file_id)
    except NotFound:
        raise Http404 from None


@login_required
@require_http_methods(["GET", "POST"])
def workfile_list(request):
    problems: dict = {}
    year = forms.integer(request.GET, "year", problems) or timezone.localdate().year
    context = {"year": year, "errors": {}, "values": request.POST}
    if request.method == "POST":
        post = request.POST
        try:
            forms.raise_if(problems)
            created = work_file_create(
                actor=request.user,
                agency=_home_agency(request.user),
                year=forms.integer(post, "year", problems) or year,
                code=forms.text(post, "code"),
                title=forms.text(post, "title"),
                maintenance=forms.text(post, "maintenance"),
                rights=forms.text(post, "rights"),
                creator=forms.text(post, "creator"),
                description=forms.text(post, "description"),
            )
        except ApplicationError as error:
            context["errors"] = error.fields
            messages.error(request, error.message)
        else:
            messages.success(request, _("Work file %(code)s was created.") % {"code": created.code})
            return redirect("documents:workfile_detail", work_file_id=created.pk)
    files = list(
        work_files_for(user=request.user, year=year).prefetch_related("entries__outgoing", "entries__incoming")[:500]
    )
    for work_file in files:
        work_file.processed_online = work_file_is_processed_online(
            [entry.outgoing or entry.incoming for entry in work_file.entries.all()]
        )
    context["files"] = files
    return render(request, "documents/workfile_list.html", context, status=422 if context["errors"] else 200)


@login_required
@require_http_methods(["GET", "POST"])
def workfile_detail(request, work_file_id: int):
    work_file = _file(request.user, work_file_id)
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "close":
                work_file_close(actor=request.user, work_file=work_file)
            elif action == "reopen":
                work_file_reopen(actor=request.user, work_file=work_file)
            elif action == "remove":
                entry = work_file.entries.filter(pk=forms.integer(request.POST, "entry", {})).first()
                if entry is None:
                    raise Http404
                work_file_remove_document(actor=request.user, entry=entry)
        except ApplicationError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Done."))
        return redirect("documents:workfile_detail", work_file_id=work_file.pk)
    entries = {
        (e.outgoing_id, e.incoming_id): e for e in work_file.entries.all().only("id", "outgoing_id", "incoming_id")
    }
    documents = []
    for document in documents_in_order(work_file):
        outgoing = isinstance(document, OutgoingDocument)
        key = (document.pk, None) if outgoing else (None, document.pk)
        name = "documents:outgoing_detail" if outgoing else "documents:incoming_detail"
        documents.append((document, entries.get(key), reverse(name, args=[document.pk])))
    context = {
        "work_file": work_file,
        "documents": documents,
        "processed_online": work_file_is_processed_online([d for d, _entry, _url in documents]),
    }
    return render(request, "documents/workfile_detail.html", context)


@login_required
def workfile_export(request, work_file_id: int, fmt: str):
    work_file = _file(request.user, work_file_id)
    if fmt == "xml":
        response = HttpResponse(work_file_xml(work_file), content_type="application/xml; charset=utf-8")
    elif fmt == "pdf":
        response = HttpResponse(work_file_pdf(work_file), content_type="application/pdf")
    else:
        raise Http404
    response["Content-Disposition"] = f'attachment; filename="ho-so-{work_file.code}.{fmt}"'
    return response


@login_required
@require_POST
def workfile_add(request):
    direction = request.POST.get("direction")
    document_id = forms.integer(request.POST, "document", {})
    getter = outgoing_get_for if direction == "outgoing" else incoming_get_for
    try:
        document = getter(user=request.user, document_id=document_id or 0)
        work_file = _file(request.user, forms.integer(request.POST, "work_file", {}) or 0)
        work_file_add_document(actor=request.user, work_file=work_file, document=document)
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("Added to the work file %(code)s.") % {"code": work_file.code})
    target = "documents:outgoing_detail" if direction == "outgoing" else "documents:incoming_detail"
    return redirect(target, document_id=document.pk)
