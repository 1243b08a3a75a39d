"""Reads: what a dossier owes and has paid, and the citizen's own dossiers and payments (404 for anyone else)."""

from __future__ import annotations

from typing import NamedTuple

from django.db.models import Sum
from django.utils.translation import gettext as _

from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.models import AccountKind
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.payments.models import Payment, PaymentStatus
from chinhquyenso.payments.obligations import DueLine, outstanding_lines


class PaymentSummary(NamedTuple):
    due_vnd: int  # still owed
    paid_vnd: int  # paid online, all payments together
    paid_online: bool  # at least one payment succeeded
    last_payment: Payment | None  # the latest attempt, whatever became of it


def dossier_payment_summary(dossier: Dossier) -> PaymentSummary:
    due = sum(line.amount_vnd for line in outstanding_lines(dossier))
    succeeded = Payment.objects.filter(dossier=dossier, status=PaymentStatus.SUCCEEDED)
    paid = succeeded.aggregate(total=Sum("total_vnd"))["total"] or 0
    last = Payment.objects.filter(dossier=dossier).order_by("-created_at", "-id").first()
    return PaymentSummary(due, paid, paid > 0, last)


def dossier_due_lines(dossier: Dossier) -> list[DueLine]:
    return outstanding_lines(dossier)


def dossier_for_payer(*, user, code: str) -> Dossier:
    """The citizen's own dossier by its code; anyone else gets 404, so existence is not revealed."""
    dossier = None
    if getattr(user, "is_authenticated", False) and user.kind == AccountKind.CITIZEN:
        dossier = Dossier.objects.select_related("agency", "procedure_version").filter(code=code, citizen=user).first()
    if dossier is None:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": code})
    return dossier


def payments_of(dossier: Dossier) -> list[Payment]:
    return list(Payment.objects.filter(dossier=dossier).prefetch_related("lines").order_by("-created_at", "-id"))


def payment_get_for(*, user, order_ref: str) -> Payment:
    payment = None
    if getattr(user, "is_authenticated", False):
        payment = (
            Payment.objects.select_related("dossier", "dossier__agency", "payer")
            .prefetch_related("lines")
            .filter(order_ref=order_ref, payer=user)
            .first()
        )
    if payment is None:
        raise NotFound(_("No payment has this order reference."))
    return payment
