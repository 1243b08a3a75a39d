"""Finding a procedure: the portal's home with search and filters, and one page per procedure."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chinhquyenso.catalog.models import OnlineLevel
from chinhquyenso.catalog.presentation import time_limit_text
from chinhquyenso.catalog.selectors import fields_in_use
from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.portal.components import slots_of
from chinhquyenso.portal.selectors import offered_online, procedure_public, procedure_search, receiving_agencies
from chinhquyenso.portal.services.drafts import draft_start
from chinhquyenso.portal.web.access import citizen_login_url, citizen_required, is_citizen
from chinhquyenso.portal.web.presentation import vnd

PAGE_SIZE = 20


def home(request):
    q = request.GET.get("q", "")[:120]
    field = request.GET.get("linh_vuc", "")[:20]
    level = request.GET.get("muc_do", "")[:10]
    agency = request.GET.get("co_quan", "")
    agency_id = int(agency) if agency.isdigit() else None
    found = procedure_search(q=q, field=field, agency_id=agency_id, online_level=level)
    page = Paginator(found, PAGE_SIZE).get_page(request.GET.get("trang"))
    query = request.GET.copy()
    query.pop("trang", None)
    return render(
        request,
        "portal/home.html",
        {
            "q": q,
            "field": field,
            "level": level,
            "agency_id": agency_id,
            "fields": fields_in_use(),
            "agencies": receiving_agencies(),
            "levels": [("online", _("Online (fully or partly)")), *OnlineLevel.choices],
            "page": page,
            "query": query.urlencode(),
            "searched": bool(q or field or level or agency_id),
        },
    )


def _procedure_page(request, version, *, status: int = 200, error: str = "", errors: dict | None = None):
    return render(
        request,
        "portal/procedure.html",
        {
            "version": version,
            "slots": slots_of(version),
            "fees": [(fee, vnd(fee.amount_vnd)) for fee in version.fees.all()],
            "time_limit": time_limit_text(version),
            "online": offered_online(version),
            "agencies": receiving_agencies(version.level),
            "is_citizen": is_citizen(request.user),
            "login_url": f"{citizen_login_url()}?next={request.path}",
            "error": error,
            "errors": errors or {},
            "chosen": request.POST.get("agency", ""),
        },
        status=status,
    )


def procedure(request, code: str):
    try:
        version = procedure_public(code)
    except NotFound:
        raise Http404 from None
    return _procedure_page(request, version)


@citizen_required
@require_POST
def start(request, code: str):
    try:
        version = procedure_public(code)
        draft = draft_start(actor=request.user, procedure_code=code, agency_id=request.POST.get("agency"))
    except NotFound:
        raise Http404 from None
    except ApplicationError as error:
        return _procedure_page(request, version, status=error.status, error=str(error.message), errors=error.fields)
    return redirect("portal:eform", draft_id=draft.pk)
