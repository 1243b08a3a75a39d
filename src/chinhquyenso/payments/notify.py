"""Telling the citizen a payment arrived: one e-mail through the platform's notification outbox."""

from __future__ import annotations

from django.urls import reverse

from chinhquyenso.payments.money import format_vnd


def notify_payment_received(payment) -> bool:
    """Queues the ``payment_received`` e-mail in the caller's transaction; False when there is no address.

    Context keys: ``dossier_code``, ``procedure_name``, ``amount`` (``50.000 đ``), ``amount_vnd`` (int),
    ``order_ref``, ``transaction_no``, ``paid_at`` (aware datetime), ``receipt_path``, ``full_name``.
    """
    # NOTIFY CALL SITE — chinhquyenso.core.notifications comes from the `notify` branch. Until that branch is
    # merged the import fails and nothing is sent; after the merge this guard can go.
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
            "full_name": payment.payer.full_name or dossier.submitter_name,
            "dossier_code": dossier.code,
            "procedure_name": dossier.procedure_name,
            "amount": format_vnd(payment.total_vnd),
            "amount_vnd": payment.total_vnd,
            "order_ref": payment.order_ref,
            "transaction_no": payment.transaction_no,
            "paid_at": payment.paid_at,
            "receipt_path": reverse("payments:receipt", args=[payment.order_ref]),
        },
        reference=payment.order_ref,
    )
    return True
