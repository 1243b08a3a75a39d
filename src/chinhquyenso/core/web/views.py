from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_POST

from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.core.permissions import user_roles
from chinhquyenso.core.services.accounts import account_log_in, account_log_out
from chinhquyenso.core.web.xlsx import xlsx_response
from chinhquyenso.units.selectors import agency_get_for, agency_list_for


@require_http_methods(["GET", "POST"])
def log_in(request):
    next_url = request.POST.get("next") or request.GET.get("next") or ""
    if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        next_url = ""
    context = {"next": next_url, "username": ""}
    if request.method == "POST":
        context["username"] = request.POST.get("username", "")
        try:
            account_log_in(request=request, username=context["username"], password=request.POST.get("password", ""))
        except ApplicationError as error:
            context["error"] = error.message
            return render(request, "core/login.html", context, status=error.status)
        return redirect(next_url or "core:home")
    return render(request, "core/login.html", context)


@require_POST
def log_out(request):
    account_log_out(request=request)
    return redirect("core:login")


@login_required
def home(request):
    roles = sorted(user_roles(request.user))
    return render(request, "core/home.html", {"roles": roles})


@login_required
def agencies(request):
    found = agency_list_for(user=request.user)
    if request.GET.get("format") == "xlsx":
        return xlsx_response(
            filename="co-quan",
            title=gettext("Agencies"),
            headers=[gettext("Name"), gettext("Electronic identifier"), gettext("Administrative unit")],
            rows=((a.name, a.identifier, a.unit.name) for a in found.iterator(chunk_size=500)),
        )
    return render(request, "core/agencies.html", {"agencies": found[:200]})


@login_required
def agency_detail(request, agency_id: int):
    try:
        agency = agency_get_for(user=request.user, agency_id=agency_id)
    except NotFound:
        raise Http404 from None
    return render(request, "core/agency_detail.html", {"agency": agency})
