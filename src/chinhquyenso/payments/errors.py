"""The payment errors: each a 4xx ``ApplicationError`` with its own code (503 when the gateway is out of reach).

Refusals of a gateway message also carry ``answer``, the contract's code the gateway reads, and ``outcome``,
what the message log records.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.errors import ApplicationError, Conflict, NotFound, ValidationFailed
from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.models import CallbackOutcome


class NothingDue(Conflict):
    code = "nothing_due"
    default_message = _("This dossier has no fee or charge to pay.")


class AlreadyPaid(Conflict):
    code = "already_paid"
    default_message = _("The fees and charges of this dossier are already paid.")


class PaymentInProgress(Conflict):
    code = "payment_in_progress"
    default_message = _(
        "An earlier payment of this dossier is still waiting for the gateway's confirmation. "
        "Please check again in a few minutes."
    )


class DossierClosed(Conflict):
    code = "dossier_closed"
    default_message = _("This dossier is closed; nothing can be paid for it any more.")


class ReturnUrlRefused(ValidationFailed):
    code = "return_url_refused"


class PaymentUnavailable(ApplicationError):
    status = 503
    code = "payment_unavailable"
    default_message = _("Online payment is not available at the moment. Please try again later.")


class GatewayUnavailable(ApplicationError):
    status = 503
    code = "gateway_unavailable"
    default_message = _("The payment gateway did not answer. Please try again in a few minutes.")


class MessageRefused(ApplicationError):
    """A callback or query answer the platform does not accept."""

    answer = c.ANSWER_MALFORMED
    outcome = CallbackOutcome.MALFORMED


class SignatureInvalid(MessageRefused):
    status = 403
    code = "signature_invalid"
    answer = c.ANSWER_SIGNATURE_INVALID
    outcome = CallbackOutcome.SIGNATURE_INVALID
    default_message = _("The message's signature does not match: refused.")


class MessageMalformed(MessageRefused):
    status = 400
    code = "message_malformed"
    default_message = _("The message does not follow the gateway contract: refused.")


class MessageStale(MessageRefused):
    status = 400
    code = "message_stale"
    answer = c.ANSWER_STALE
    outcome = CallbackOutcome.STALE
    default_message = _("The message was signed too long ago (a replay?): refused.")


class OrderUnknown(MessageRefused, NotFound):
    status = 404
    code = "order_not_found"
    answer = c.ANSWER_ORDER_NOT_FOUND
    outcome = CallbackOutcome.UNKNOWN_ORDER
    default_message = _("No payment has this order reference.")


class AmountMismatch(MessageRefused):
    status = 422
    code = "amount_mismatch"
    answer = c.ANSWER_AMOUNT_MISMATCH
    outcome = CallbackOutcome.AMOUNT_MISMATCH
    default_message = _("The amount differs from the payment's total: refused.")


class PaymentFinished(MessageRefused, Conflict):
    status = 409
    code = "payment_finished"
    answer = c.ANSWER_ALREADY_FINISHED
    outcome = CallbackOutcome.CONFLICT
    default_message = _("This payment already ended with another outcome: refused.")


class ReturnInvalid(ValidationFailed):
    status = 400
    code = "return_invalid"
    default_message = _("The link back from the payment gateway is not valid.")
