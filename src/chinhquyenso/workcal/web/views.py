from __future__ import annotations

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.core.models import Role
from chinhquyenso.core.permissions import has_role
from chinhquyenso.units.selectors import agency_get_for, agency_list_for
from chinhquyenso.workcal.models import CalendarDay, CalendarVersion, DayKind
from chinhquyenso.workcal.presentation import version_change
from chinhquyenso.workcal.services import calendar_day_clear, calendar_day_set
from chinhquyenso.workcal.store import FIRST_YEAR, LAST_YEAR, calendar_for
from chinhquyenso.workcal.web.year import year_grid


def _scope(request):
    """The agency whose calendar is shown (None = national), from ?agency=, default the user's own."""
    raw = request.GET.get("agency", request.POST.get("agency"))
    if raw in ("", "0", "national"):
        return None
    agency_id = int(raw) if raw and raw.isdigit() else request.user.agency_id
    if agency_id is None:
        return None
    try:
        return agency_get_for(user=request.user, agency_id=agency_id)
    except NotFound:
        raise Http404 from None


def _can_edit(user, agency) -> bool:
    if has_role(user, Role.SYSTEM_ADMIN):
        return True
    return agency is not None and has_role(user, Role.AGENCY_ADMIN)


def _year(request) -> int:
    raw = request.GET.get("year", "")
    year = int(raw) if raw.isdigit() else date.today().year  # noqa: DTZ011 - local date is fine for a default
    return min(max(year, FIRST_YEAR), LAST_YEAR)


@login_required
def year_view(request):
    agency = _scope(request)
    year = _year(request)
    calendar = calendar_for(agency.pk if agency else None)
    rows = CalendarDay.objects.filter(agency=agency, day__year=year)
    selected = None
    if raw_day := request.GET.get("day"):
        try:
            selected = date.fromisoformat(raw_day)
        except ValueError:
            selected = None
    local_days = {r.day for r in rows} if agency is not None else set()
    months = year_grid(calendar, year, local_days, {r.day: r.legal_basis for r in rows if r.legal_basis})
    can_edit = _can_edit(request.user, agency)
    context = {
        "agency": agency,
        "year": year,
        "months": months,
        "rows": rows,
        "version": calendar.version,
        "can_edit": can_edit,
        "agencies": agency_list_for(user=request.user)[:200],
        "selected": selected,
        "selected_row": next((r for r in rows if r.day == selected), None),
        "kinds": DayKind.choices if agency is not None else DayKind.choices[:2],
        "history": [
            (v, version_change(v.reason, national=agency is None))
            for v in CalendarVersion.objects.filter(agency=agency).select_related("actor").order_by("-number")[:10]
        ],
        "sessions": calendar.sessions,
        "weekday_labels": [_("Mo"), _("Tu"), _("We"), _("Th"), _("Fr"), _("Sa"), _("Su")],
        "working_days": sum(m.working_days for m in months),
    }
    # The day form is for editors only, whether asked for by htmx or in the page.
    template = "workcal/_day_form.html" if request.htmx and selected and can_edit else "workcal/year.html"
    return render(request, template, context)


@login_required
@require_POST
def day_update(request):
    agency = _scope(request)
    back = reverse("workcal:year") + f"?agency={agency.pk if agency else 0}&year={request.POST.get('year', '')}"
    try:
        day = date.fromisoformat(request.POST.get("day", ""))
    except ValueError:
        messages.error(request, _("The date is not valid."))
        return redirect(back)
    try:
        if request.POST.get("kind") == "default":
            calendar_day_clear(
                actor=request.user, agency=agency, day=day, legal_basis=request.POST.get("legal_basis", "")
            )
        else:
            calendar_day_set(
                actor=request.user,
                agency=agency,
                day=day,
                kind=request.POST.get("kind", ""),
                name=request.POST.get("name", ""),
                legal_basis=request.POST.get("legal_basis", ""),
            )
    except ApplicationError as error:
        details = "; ".join(m for msgs in error.fields.values() for m in msgs)
        messages.error(request, f"{error.message} {details}".strip())
        return redirect(back + f"&day={day.isoformat()}")
    messages.success(request, _("The calendar was updated."))
    return redirect(back)
