"""Messages to the citizen, through the platform's notification outbox when it is installed.

``chinhquyenso.core.notifications`` (its own branch) writes an outbox row inside our transaction and delivers after
commit; until it is present nothing is sent from here.
"""

from __future__ import annotations

from chinhquyenso.dossiers.forms import lookup_url
from chinhquyenso.workcal.engine import as_local


def _sender():
    try:
        from chinhquyenso.core.notifications import notification_send
    except ImportError:
        return None
    return notification_send


def notify_submitted(dossier) -> bool:
    """Queues the "dossier submitted" e-mail; False when there is no address or no notification package."""
    send = _sender()
    if send is None or not dossier.submitter_email:
        return False
    send(
        channel="email",
        to=dossier.submitter_email,
        template="dossier_submitted",
        context={
            "name": dossier.submitter_name,
            "code": dossier.code,
            "procedure_name": dossier.procedure_name,
            "agency_name": dossier.agency.name,
            "submitted_at": as_local(dossier.submitted_at).strftime("%H:%M %d/%m/%Y"),
            "lookup_url": lookup_url(dossier.code),
        },
        reference=dossier.code,
    )
    return True
