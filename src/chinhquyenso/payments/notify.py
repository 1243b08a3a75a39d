"""Telling the citizen a payment arrived: one e-mail through the platform's notification outbox."""

from __future__ import annotations

from chinhquyenso.core.notifications import notification_send


def notify_payment_received(payment) -> bool:
    """Queues the ``payment_received`` e-mail in the caller's transaction; False when there is no address.

    Context as ``core.notifications.rendering`` documents it: ``code``, ``amount`` (whole VND), ``name``, and
    the optional ``procedure``, ``payment_ref``, ``paid_at``.
    """
    dossier = payment.dossier
    to = payment.payer.email or dossier.submitter_email
    if not to:
        return False
    notification_send(
        channel="email",
        to=to,
        template="payment_received",
        context={
            "code": dossier.code,
            "amount": payment.total_vnd,
            "name": payment.payer.full_name or dossier.submitter_name,
            "procedure": dossier.procedure_name,
            "payment_ref": payment.transaction_no or payment.order_ref,
            "paid_at": payment.paid_at,
        },
        reference=payment.order_ref,
    )
    return True
