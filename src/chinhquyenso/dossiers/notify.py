"""Messages to the applicant. E-mail goes out after the transaction commits, so a rollback sends nothing."""

from __future__ import annotations

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils.translation import gettext as _

from chinhquyenso.workcal.engine import as_local


def notify_early_result(dossier) -> list[str]:
    """Tells the applicant the result is ready before the appointment (Decree 61 Art. 20). Returns the channels."""
    if not dossier.submitter_email:
        return []
    subject = _("Dossier %(code)s: the result is ready") % {"code": dossier.code}
    body = _(
        "Dear %(name)s,\n\nThe result of your dossier %(code)s (%(procedure)s) is ready before the appointment "
        "of %(due)s. You may collect it now.\n"
    ) % {
        "name": dossier.submitter_name,
        "code": dossier.code,
        "procedure": dossier.procedure_name,
        "due": as_local(dossier.due_at).strftime("%H:%M %d/%m/%Y"),
    }
    recipient = dossier.submitter_email
    transaction.on_commit(
        lambda: send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [recipient], fail_silently=True)
    )
    return ["email"]
