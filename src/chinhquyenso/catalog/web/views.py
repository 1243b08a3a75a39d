from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from chinhquyenso.catalog.models import OnlineLevel
from chinhquyenso.catalog.permissions import can_manage_catalog
from chinhquyenso.catalog.presentation import amount_text, budget_text, role_text, time_limit_text
from chinhquyenso.catalog.selectors import (
    fields_in_use,
    procedure_get_for,
    procedure_history_for,
    procedure_list_for,
)
from chinhquyenso.catalog.serialize import catalog_document
from chinhquyenso.catalog.services import catalog_import, catalog_import_workbook
from chinhquyenso.catalog.spreadsheet import workbook_bytes
from chinhquyenso.catalog.workbook_layout import WorkbookInvalid
from chinhquyenso.core.errors import ApplicationError, NotFound, PermissionDenied, ValidationFailed
from chinhquyenso.core.web.xlsx import XLSX_TYPE

PAGE_SIZE = 20
MAX_UPLOAD_BYTES = 20 * 1024 * 1024


@login_required
def procedure_list(request):
    filters = {
        "q": request.GET.get("q", "").strip(),
        "field": request.GET.get("field", ""),
        "online_level": request.GET.get("online_level", ""),
    }
    try:
        found = procedure_list_for(user=request.user, **filters)
    except PermissionDenied:
        raise DjangoPermissionDenied from None
    if request.GET.get("format") == "xlsx":
        document = catalog_document(versions=found.prefetch_related("fees", "components", "steps"))
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response = HttpResponse(workbook_bytes(document), content_type=XLSX_TYPE)
        response["Content-Disposition"] = f'attachment; filename="thu-tuc-hanh-chinh-{stamp}.xlsx"'
        return response
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("page"))
    rows = [(version, time_limit_text(version)) for version in page]
    context = {
        **filters,
        "page": page,
        "rows": rows,
        "fields": fields_in_use(),
        "online_levels": OnlineLevel.choices,
        "can_import": can_manage_catalog(request.user),
    }
    return render(request, "catalog/procedure_list.html", context)


@login_required
def procedure_detail(request, national_code: str):
    raw_number = request.GET.get("phien-ban", "")
    number = int(raw_number) if raw_number.isdigit() else None
    try:
        version = procedure_get_for(user=request.user, national_code=national_code, number=number)
    except PermissionDenied:
        raise DjangoPermissionDenied from None
    except NotFound:
        raise Http404 from None
    context = {
        "version": version,
        "time_limit": time_limit_text(version),
        "fees": [(fee, amount_text(fee.amount_vnd)) for fee in version.fees.all()],
        "steps": [(step, role_text(step.role), budget_text(version, step.budget)) for step in version.steps.all()],
        "history": procedure_history_for(user=request.user, version=version),
    }
    return render(request, "catalog/procedure_detail.html", context)


def _import_upload(request, upload):
    if upload is None:
        raise ValidationFailed(_("Choose a .json or .xlsx file."))
    if upload.size > MAX_UPLOAD_BYTES:
        raise ValidationFailed(_("The file is larger than %(mb)d MB.") % {"mb": MAX_UPLOAD_BYTES // (1024 * 1024)})
    name = upload.name.lower()
    data = upload.read()
    if name.endswith(".xlsx"):
        return catalog_import_workbook(actor=request.user, data=data)
    if name.endswith(".json"):
        try:
            document = json.loads(data.decode("utf-8"))
        except ValueError as error:
            raise ValidationFailed(_("The file is not valid JSON: %(error)s") % {"error": error}) from None
        return catalog_import(actor=request.user, document=document)
    raise ValidationFailed(_("Only .json and .xlsx files can be imported."))


@login_required
@require_http_methods(["GET", "POST"])
def catalog_upload(request):
    if not can_manage_catalog(request.user):
        raise DjangoPermissionDenied
    context, status = {}, 200
    if request.method == "POST":
        try:
            context["result"] = _import_upload(request, request.FILES.get("file"))
        except WorkbookInvalid as error:
            context.update(error=error.message, cell_problems=error.problems)
            status = error.status
        except ApplicationError as error:
            problems = [(path, message) for path, messages in error.fields.items() for message in messages]
            context.update(error=error.message, path_problems=problems)
            status = error.status
    return render(request, "catalog/import.html", context, status=status)
