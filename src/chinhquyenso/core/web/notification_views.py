"""The outbox for system administrators: recent messages, their state and errors; Excel; send a failed one again."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.shortcuts import redirect, render
from django.utils.timezone import localtime
from django.utils.translation import gettext
from django.views.decorators.http import require_POST

from chinhquyenso.core.errors import ApplicationError, PermissionDenied
from chinhquyenso.core.models import NotificationChannel, NotificationStatus
from chinhquyenso.core.notifications.selectors import notification_list_for
from chinhquyenso.core.notifications.services import notification_retry
from chinhquyenso.core.web.xlsx import xlsx_response

PAGE_ROWS = 200
EXPORT_ROWS = 50_000


def _time(value) -> str:
    return localtime(value).strftime("%H:%M:%S %d/%m/%Y") if value else ""


@login_required
def notifications(request):
    filters = {key: request.GET.get(key, "") for key in ("status", "channel", "q")}
    try:
        found = notification_list_for(user=request.user, **filters)
    except PermissionDenied:
        raise DjangoPermissionDenied from None
    if request.GET.get("format") == "xlsx":
        rows = found.only(
            "created_at", "channel", "recipient", "template", "reference", "status", "attempts", "sent_at", "last_error"
        )[:EXPORT_ROWS]
        return xlsx_response(
            filename="thong-bao",
            title=gettext("Notifications"),
            headers=[
                gettext("Created at"),
                gettext("Channel"),
                gettext("Sent to"),
                gettext("Template"),
                gettext("Reference"),
                gettext("Status"),
                gettext("Attempts"),
                gettext("Sent at"),
                gettext("Last error"),
            ],
            rows=(
                (
                    _time(n.created_at),
                    n.get_channel_display(),
                    n.recipient,
                    n.template,
                    n.reference,
                    n.get_status_display(),
                    n.attempts,
                    _time(n.sent_at),
                    n.last_error,
                )
                for n in rows.iterator(chunk_size=1000)
            ),
        )
    query = "&".join(f"{k}={v}" for k, v in filters.items() if v)
    context = {
        "rows": found[:PAGE_ROWS],
        "filters": filters,
        "query": query,
        "statuses": NotificationStatus.choices,
        "channels": NotificationChannel.choices,
    }
    return render(request, "core/notifications.html", context)


@login_required
@require_POST
def notification_send_again(request, notification_id: int):
    try:
        notification_retry(actor=request.user, notification_id=notification_id)
    except PermissionDenied:
        raise DjangoPermissionDenied from None
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, gettext("The notification is queued again."))
    return redirect("core:notifications")
