"""The payment write path: start a payment, take the gateway's callback, ask the gateway, sweep stale orders.

Every message from the gateway — callback or query answer, accepted or refused — is kept in
``PaymentMessage`` with its exact bytes. A refused message is logged in its own transaction after the
refused one rolled back, so nothing half-written remains but the refusal is on record.

Lock order, everywhere: the dossier row, then the payment rows. A success resolves the dossier's side
(``dossiers.services.online_payment``) in the same transaction.
"""

from __future__ import annotations

import base64
import contextlib
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from django.http.request import validate_host
from django.utils import timezone
from django.utils.translation import gettext as _

from chinhquyenso.conf.env import ConfigurationError
from chinhquyenso.core.errors import NotFound
from chinhquyenso.core.models import AccountKind
from chinhquyenso.core.services.audit import audit_record
from chinhquyenso.dossiers.models import Dossier
from chinhquyenso.dossiers.services.online_payment import dossier_record_online_payment
from chinhquyenso.dossiers.states import FINAL, DossierState
from chinhquyenso.payments import errors as e
from chinhquyenso.payments.config import payment_configured, payment_gateway
from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.gateway.base import GatewayUnreachable, OrderRequest, PaymentGateway, header
from chinhquyenso.payments.models import CallbackOutcome, Payment, PaymentLine, PaymentMessage, PaymentStatus
from chinhquyenso.payments.money import format_vnd
from chinhquyenso.payments.notify import notify_payment_received
from chinhquyenso.payments.obligations import outstanding_lines

# After its expiry an order the gateway still calls pending gets this long to settle before it is expired.
EXPIRY_GRACE = timedelta(minutes=10)


def _gateway() -> PaymentGateway:
    if not payment_configured():
        raise e.PaymentUnavailable()
    try:
        return payment_gateway()
    except ConfigurationError:
        raise e.PaymentUnavailable() from None


def new_order_ref() -> str:
    """``TT`` and 24 base32 characters (120 random bits): unguessable, and safe in any URL or form."""
    return "TT" + base64.b32encode(secrets.token_bytes(15)).decode()


def _order(payment: Payment) -> OrderRequest:
    info = _("Fees of dossier %(code)s") % {"code": payment.dossier.code}
    return OrderRequest(
        payment.order_ref, payment.total_vnd, info, payment.return_url, payment.created_at, payment.expires_at
    )


def _checked_return_url(return_url: str) -> str:
    """Only an absolute http(s) URL back to this platform: the gateway must not become an open redirect."""
    parts = urlsplit(return_url)
    allowed = [h for h in settings.ALLOWED_HOSTS if h != "*"] + [urlsplit(settings.PUBLIC_BASE_URL).hostname or ""]
    ok = parts.scheme in ("http", "https") and parts.hostname and len(return_url) <= 500
    if not ok or not validate_host(parts.hostname, allowed):
        raise e.ReturnUrlRefused(fields={"return_url": [_("The return address must be on this platform.")]})
    return return_url


def _check_payer(actor, dossier: Dossier) -> None:
    # A stranger learns nothing, not even that the dossier exists.
    if getattr(actor, "kind", None) != AccountKind.CITIZEN or dossier.citizen_id != actor.pk:
        raise NotFound(_("No dossier has the code %(code)s.") % {"code": dossier.code})


def payment_start(*, actor, dossier: Dossier, return_url: str) -> tuple[Payment, str]:
    """Opens a payment of everything the dossier still owes; returns it and the gateway URL for the browser.

    An open order for the same lines is reused (pressing "pay" twice does not create two orders); an order
    past its time is first asked about at the gateway, so money taken there is never asked for again."""
    _check_payer(actor, dossier)
    gateway = _gateway()
    return_url = _checked_return_url(return_url)
    now = timezone.now()
    for stale in Payment.objects.filter(dossier=dossier, status=PaymentStatus.PENDING, expires_at__lte=now):
        with contextlib.suppress(e.GatewayUnavailable, e.MessageRefused):
            payment_query(payment=stale)  # if it stays pending, the start is refused below
    with transaction.atomic():
        locked = Dossier.objects.select_for_update().select_related("procedure_version").get(pk=dossier.pk)
        if locked.state in FINAL:
            raise e.DossierClosed()
        due = outstanding_lines(locked)
        pending = list(Payment.objects.select_for_update().filter(dossier=locked, status=PaymentStatus.PENDING))
        if any(p.expires_at <= now for p in pending):
            raise e.PaymentInProgress()
        if not due:
            if Payment.objects.filter(dossier=locked, status=PaymentStatus.SUCCEEDED).exists():
                raise e.AlreadyPaid()
            raise e.NothingDue()
        keys = [line.key for line in due]
        for open_payment in pending:
            same = [(line.source, line.source_ref) for line in open_payment.lines.all()] == keys
            if same and open_payment.payer_id == actor.pk and open_payment.return_url == return_url:
                return open_payment, gateway.create_order(_order(open_payment))
            open_payment.status, open_payment.finished_at = PaymentStatus.CANCELLED, now
            open_payment.save(update_fields=["status", "finished_at", "updated_at"])
            audit_record(actor=actor, action="payment.cancel", obj=open_payment, summary={"reason": "lines changed"})
        payment = Payment.objects.create(
            dossier=locked,
            payer=actor,
            order_ref=new_order_ref(),
            gateway=gateway.name,
            merchant_code=gateway.config.merchant,
            total_vnd=sum(line.amount_vnd for line in due),
            return_url=return_url,
            created_at=now,
            expires_at=now + timedelta(minutes=settings.PAYMENT_ORDER_MINUTES),
        )
        PaymentLine.objects.bulk_create(
            PaymentLine(
                payment=payment,
                position=i,
                source=line.source,
                source_ref=line.source_ref,
                code=line.code,
                name=line.name,
                amount_vnd=line.amount_vnd,
                collector=line.collector,
            )
            for i, line in enumerate(due, start=1)
        )
        audit_record(
            actor=actor,
            action="payment.start",
            obj=payment,
            summary={"dossier": locked.code, "order_ref": payment.order_ref, "total_vnd": payment.total_vnd},
        )
    return payment, gateway.create_order(_order(payment))


# --- messages from the gateway ------------------------------------------------------------------------------


def _log(
    kind,
    *,
    body: bytes,
    signature: str,
    valid: bool,
    outcome,
    status: int,
    detail="",
    order_ref="",
    payment_id=None,
    remote_ip=None,
) -> None:
    PaymentMessage.objects.create(
        kind=kind,
        received_at=timezone.now(),
        payment_id=payment_id,
        order_ref=order_ref[:100],
        body=body,
        signature=(signature or "")[:200],
        signature_valid=valid,
        outcome=outcome,
        http_status=status,
        detail=str(detail)[:500],
        remote_ip=remote_ip,
    )


def _refuse(kind, refusal: e.MessageRefused, *, body, signature, valid, order_ref="", payment_id=None, remote_ip=None):
    with transaction.atomic():
        _log(
            kind,
            body=body,
            signature=signature,
            valid=valid,
            outcome=refusal.outcome,
            status=refusal.status,
            detail=refusal.message,
            order_ref=order_ref,
            payment_id=payment_id,
            remote_ip=remote_ip,
        )
        audit_record(
            actor=None,
            action=f"payment.{kind}_refused",
            object_type="payments.payment",
            object_id=str(payment_id or ""),
            summary={"order_ref": order_ref[:100], "code": refusal.code, "detail": str(refusal.message)[:300]},
        )
    return refusal


def _verified(kind, verify, *, body: bytes, signature: str, remote_ip) -> c.Outcome:
    """Runs the signature and contract checks, and the time window; logs and raises on any refusal."""
    try:
        outcome = verify()
    except c.SignatureInvalid:
        raise _refuse(
            kind, e.SignatureInvalid(), body=body, signature=signature, valid=False, remote_ip=remote_ip
        ) from None
    except c.ContractError as error:
        raise _refuse(
            kind, e.MessageMalformed(str(error)), body=body, signature=signature, valid=True, remote_ip=remote_ip
        ) from None
    window = timedelta(seconds=settings.PAYMENT_CALLBACK_WINDOW_SECONDS)
    if abs(timezone.now() - outcome.sent_at) > window:
        raise _refuse(
            kind,
            e.MessageStale(),
            body=body,
            signature=signature,
            valid=True,
            order_ref=outcome.order_ref,
            remote_ip=remote_ip,
        )
    return outcome


def payment_callback(*, body: bytes, headers: Mapping[str, str], remote_ip: str | None = None) -> Payment:
    """Applies the gateway's signed server-to-server notification. A repeat of one already applied is answered
    OK and changes nothing; a forged, replayed, malformed or contradicting one raises a ``MessageRefused``."""
    gateway = _gateway()
    signature = header(headers, c.SIGNATURE_HEADER)
    kind = PaymentMessage.Kind.CALLBACK
    outcome = _verified(
        kind, lambda: gateway.verify_callback(body, headers), body=body, signature=signature, remote_ip=remote_ip
    )
    return _apply(kind, outcome, body=body, signature=signature, remote_ip=remote_ip)


def payment_query(*, payment: Payment) -> Payment:
    """Asks the gateway what became of a payment (the callback may never have come) and applies the answer."""
    return _query(payment)[0]


def _query(payment: Payment) -> tuple[Payment, c.Outcome]:
    gateway = _gateway()
    kind = PaymentMessage.Kind.QUERY
    try:
        body, signature = gateway.send_query(payment.order_ref, now=timezone.now())
    except GatewayUnreachable as error:
        with transaction.atomic():
            _log(
                kind,
                body=b"",
                signature="",
                valid=False,
                outcome=CallbackOutcome.UNREACHABLE,
                status=503,
                detail=str(error),
                order_ref=payment.order_ref,
                payment_id=payment.pk,
            )
        raise e.GatewayUnavailable() from None
    outcome = _verified(
        kind,
        lambda: gateway.verify_query_answer(payment.order_ref, body, signature),
        body=body,
        signature=signature,
        remote_ip=None,
    )
    return _apply(kind, outcome, body=body, signature=signature, remote_ip=None), outcome


def _apply(kind, outcome: c.Outcome, *, body: bytes, signature: str, remote_ip) -> Payment:
    known = Payment.objects.filter(order_ref=outcome.order_ref).values("pk", "dossier_id").first()
    if known is None:
        raise _refuse(
            kind,
            e.OrderUnknown(),
            body=body,
            signature=signature,
            valid=True,
            order_ref=outcome.order_ref,
            remote_ip=remote_ip,
        )
    try:
        with transaction.atomic():
            Dossier.objects.select_for_update().filter(pk=known["dossier_id"]).values_list("pk").get()
            payment = Payment.objects.select_for_update().select_related("dossier", "payer").get(pk=known["pk"])
            result = _transition(payment, outcome, kind)
            _log(
                kind,
                body=body,
                signature=signature,
                valid=True,
                outcome=result,
                status=200,
                order_ref=outcome.order_ref,
                payment_id=payment.pk,
                remote_ip=remote_ip,
            )
        return payment
    except e.MessageRefused as refusal:
        raise _refuse(
            kind,
            refusal,
            body=body,
            signature=signature,
            valid=True,
            order_ref=outcome.order_ref,
            payment_id=known["pk"],
            remote_ip=remote_ip,
        ) from None


def _final_state(outcome: c.Outcome, kind) -> str:
    """succeeded, failed or pending, from a callback's result code or a query answer's state."""
    if kind == PaymentMessage.Kind.QUERY:
        return {"succeeded": "succeeded", "failed": "failed"}.get(outcome.state, "pending")
    if outcome.result_code == c.RESULT_SUCCESS:
        return "succeeded"
    return "pending" if outcome.result_code == c.RESULT_PENDING else "failed"


def _transition(payment: Payment, outcome: c.Outcome, kind) -> str:
    state = _final_state(outcome, kind)
    if state == "pending":
        if kind == PaymentMessage.Kind.QUERY:
            payment.last_queried_at = timezone.now()
            payment.save(update_fields=["last_queried_at", "updated_at"])
        return CallbackOutcome.PENDING
    if outcome.amount_vnd != payment.total_vnd:
        raise e.AmountMismatch(
            _("The gateway reports %(got)s đồng for an order of %(want)s đồng.")
            % {"got": outcome.amount_vnd, "want": payment.total_vnd}
        )
    if state == "succeeded":
        if payment.status == PaymentStatus.SUCCEEDED and payment.transaction_no == outcome.transaction_no:
            return CallbackOutcome.DUPLICATE
        if payment.status != PaymentStatus.PENDING:
            raise e.PaymentFinished()
        clash = Payment.objects.filter(gateway=payment.gateway, transaction_no=outcome.transaction_no)
        if clash.exclude(pk=payment.pk).exists():
            raise e.PaymentFinished(_("The gateway's transaction number belongs to another payment."))
        _succeed(payment, outcome)
        return CallbackOutcome.APPLIED
    if payment.status == PaymentStatus.FAILED and payment.result_code == outcome.result_code:
        return CallbackOutcome.DUPLICATE
    if payment.status != PaymentStatus.PENDING:
        raise e.PaymentFinished()
    now = timezone.now()
    payment.status, payment.finished_at = PaymentStatus.FAILED, now
    payment.result_code, payment.result_message = outcome.result_code[:8], outcome.message[:255]
    payment.save(update_fields=["status", "finished_at", "result_code", "result_message", "updated_at"])
    audit_record(actor=None, action="payment.failed", obj=payment, summary={"code": payment.result_code})
    return CallbackOutcome.APPLIED


def _succeed(payment: Payment, outcome: c.Outcome) -> None:
    now = timezone.now()
    payment.status = PaymentStatus.SUCCEEDED
    payment.transaction_no = outcome.transaction_no[:64]
    payment.result_code, payment.result_message = c.RESULT_SUCCESS, outcome.message[:255]
    payment.paid_at = outcome.paid_at or now
    payment.finished_at = now
    payment.save(
        update_fields=[
            "status", "transaction_no", "result_code", "result_message", "paid_at", "finished_at", "updated_at"
        ]
    )  # fmt: skip
    dossier = payment.dossier
    remaining = outstanding_lines(dossier)
    dossier_record_online_payment(
        dossier=dossier,
        payer=payment.payer,
        at=now,
        resume=dossier.state == DossierState.WAITING_PAYMENT and not remaining,
        content=_("%(amount)s, order %(ref)s") % {"amount": format_vnd(payment.total_vnd), "ref": payment.order_ref},
        data={
            "order_ref": payment.order_ref,
            "amount_vnd": payment.total_vnd,
            "gateway": payment.gateway,
            "transaction_no": payment.transaction_no,
            "lines": [line.code or line.name for line in payment.lines.all()],
        },
    )
    audit_record(
        actor=None,
        action="payment.succeeded",
        obj=payment,
        summary={"dossier": dossier.code, "total_vnd": payment.total_vnd, "transaction_no": payment.transaction_no},
    )
    notify_payment_received(payment)


def payment_expire_stale(*, now: datetime | None = None, limit: int = 500) -> dict[str, int]:
    """The sweep (``chinhquyenso payments reconcile``): asks the gateway about every pending order past its time
    and applies the answer; an order the gateway never saw, or still calls pending after the grace period,
    expires. An unreachable gateway expires nothing."""
    now = now or timezone.now()
    counts = {"checked": 0, "succeeded": 0, "failed": 0, "expired": 0, "pending": 0, "unreachable": 0}
    stale = Payment.objects.filter(status=PaymentStatus.PENDING, expires_at__lte=now).order_by("expires_at")
    for payment in stale[:limit]:
        counts["checked"] += 1
        try:
            payment, answer = _query(payment)
        except e.GatewayUnavailable:
            counts["unreachable"] += 1
            continue
        except e.MessageRefused:
            counts["pending"] += 1  # logged; left for a person to look at
            continue
        if payment.status != PaymentStatus.PENDING:
            counts[payment.status] = counts.get(payment.status, 0) + 1
            continue
        if answer.state == "not_found" or payment.expires_at + EXPIRY_GRACE <= now:
            _expire(payment, now)
            counts["expired"] += 1
        else:
            counts["pending"] += 1
    return counts


def _expire(payment: Payment, now: datetime) -> None:
    with transaction.atomic():
        locked = Payment.objects.select_for_update().get(pk=payment.pk)
        if locked.status != PaymentStatus.PENDING:
            return
        locked.status, locked.finished_at = PaymentStatus.EXPIRED, now
        locked.save(update_fields=["status", "finished_at", "updated_at"])
        audit_record(actor=None, action="payment.expire", obj=locked, summary={"order_ref": locked.order_ref})


def payment_confirm_return(*, actor, params: Mapping[str, str]) -> Payment:
    """The citizen's browser is back from the gateway. Its parameters are only trusted to name the order, and only
    once their signature checks; the outcome shown is the stored one, or the gateway's answer to a query."""
    gateway = _gateway()
    try:
        outcome = gateway.verify_return(params)
    except c.ContractError:
        raise e.ReturnInvalid() from None
    payment = Payment.objects.filter(order_ref=outcome.order_ref, payer=actor).first()
    if payment is None:
        raise NotFound(_("No payment has this order reference."))
    if payment.status == PaymentStatus.PENDING:
        try:
            payment = payment_query(payment=payment)
        except (e.GatewayUnavailable, e.MessageRefused):
            payment.refresh_from_db()
    return payment
