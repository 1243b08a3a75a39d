"""Telling the citizen a payment arrived: one e-mail through the platform's notification outbox."""

from __future__ import annotations


def notify_payment_received(payment) -> bool:
    """Queues the ``payment_received`` e-mail in the caller's transaction; False when there is no address.

    Context as ``core.notifications.rendering`` documents it: ``code``, ``amount`` (whole VND), ``name``, and
    the optional ``procedure``, ``payment_ref``, ``paid_at``.
    """
    # NOTIFY CALL SITE — chinhquyenso.core.notifications comes from the `notify` branch (merged on main after
    # this branch started). Without it the import fails and nothing is sent; after the merge this guard can go.
    try:
        from chinhquyenso.core.notifications import notification_send
    except ImportError:
        return False
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
