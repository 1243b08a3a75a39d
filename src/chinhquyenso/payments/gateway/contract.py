"""The payment gateway's contract, shared by our client and by the local fake (plain Python, no Django).

It follows the shape of the Vietnamese gateways (VNPay, the DVCQG payment platform): the merchant sends the
citizen's browser to the gateway with signed parameters, the gateway tells the merchant the outcome in a signed
server-to-server call, sends the browser back with signed parameters, and answers signed status queries. One
shared secret per merchant; every signature is hex HMAC-SHA256.

1. **Payment page** — browser ``GET {pay_url}?…``: ``version`` (``1``), ``merchant``, ``order_ref``, ``amount``,
   ``currency`` (``VND``), ``order_info``, ``return_url``, ``created_at``, ``expires_at``, ``signature``.
2. **Browser return** — ``GET {return_url}?…``: ``merchant``, ``order_ref``, ``amount``, ``result_code``,
   ``transaction_no``, ``paid_at`` (empty unless paid), ``signature``.
   Signed parameters: ``signature`` = HMAC of ``canonical(params)``, the other parameters sorted by name, each
   ``name=value`` percent-encoded as UTF-8 (RFC 3986, nothing left unescaped), joined by ``&``.
3. **Callback** — ``POST`` to the merchant's callback URL, ``Content-Type: application/json``, header
   ``X-Signature`` = HMAC of the exact body bytes. Body: ``merchant``, ``order_ref``, ``amount``, ``result_code``,
   ``message``, ``transaction_no``, ``paid_at``, ``sent_at``, ``event_id`` (the same for a repeat of the same
   notification). The merchant acknowledges with HTTP 200 and ``{"result_code": "00"}``; any other answer is a
   failed delivery (the gateway may repeat it). Refusals carry the ``ANSWER_*`` codes below.
4. **Status query** — ``POST {query_url}``, JSON ``merchant``, ``order_ref``, ``request_id``, ``requested_at``,
   signed like a callback. The answer is JSON, signed in its own ``X-Signature``: ``merchant``, ``order_ref``,
   ``state`` (``succeeded`` | ``failed`` | ``pending`` | ``not_found``), ``amount``, ``result_code``,
   ``transaction_no``, ``paid_at``, ``responded_at``.

Every scalar is a string; amounts are whole đồng as bare digits (``money.amount_to_wire``); times are
``yyyyMMddHHmmss`` in Vietnam time.
"""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote
from zoneinfo import ZoneInfo

from chinhquyenso.payments.money import AmountError, amount_from_wire

VERSION = "1"
CURRENCY = "VND"
SIGNATURE_HEADER = "X-Signature"
ZONE = ZoneInfo("Asia/Ho_Chi_Minh")
TIME_FORMAT = "%Y%m%d%H%M%S"

# Transaction results (result_code).
RESULT_SUCCESS = "00"
RESULT_PENDING = "01"  # not finished yet: the gateway has no final outcome
RESULT_CANCELLED = "24"  # the customer cancelled at the gateway
RESULT_INSUFFICIENT_FUNDS = "51"
RESULT_EXPIRED = "11"  # the order's time ran out before payment

# The merchant's answers to a callback.
ANSWER_OK = "00"
ANSWER_ORDER_NOT_FOUND = "01"
ANSWER_ALREADY_FINISHED = "02"
ANSWER_AMOUNT_MISMATCH = "04"
ANSWER_SIGNATURE_INVALID = "97"
ANSWER_STALE = "98"
ANSWER_MALFORMED = "99"

QUERY_STATES = ("succeeded", "failed", "pending", "not_found")

PAY_FIELDS = ("version", "merchant", "order_ref", "amount", "currency", "order_info", "return_url", "created_at",
              "expires_at")  # fmt: skip
RETURN_FIELDS = ("merchant", "order_ref", "amount", "result_code", "transaction_no", "paid_at")
CALLBACK_FIELDS = ("merchant", "order_ref", "amount", "result_code", "message", "transaction_no", "paid_at",
                   "sent_at", "event_id")  # fmt: skip
QUERY_FIELDS = ("merchant", "order_ref", "request_id", "requested_at")
ANSWER_FIELDS = ("merchant", "order_ref", "state", "amount", "result_code", "transaction_no", "paid_at",
                 "responded_at")  # fmt: skip


class ContractError(ValueError):
    """A message breaks the contract; ``answer`` is the code the receiver answers with."""

    answer = ANSWER_MALFORMED


class SignatureInvalid(ContractError):
    answer = ANSWER_SIGNATURE_INVALID


class Malformed(ContractError):
    answer = ANSWER_MALFORMED


# --- signatures ---------------------------------------------------------------------------------------------


def sign(secret: str, data: bytes) -> str:
    return hmac.new(secret.encode(), data, hashlib.sha256).hexdigest()


def signature_matches(secret: str, data: bytes, signature: object) -> bool:
    if not isinstance(signature, str) or len(signature) != 64:
        return False
    return hmac.compare_digest(sign(secret, data), signature.lower())


def canonical(params: Mapping[str, str]) -> bytes:
    """The signed form of URL parameters: sorted, percent-encoded, ``signature`` itself left out."""
    pairs = sorted((k, v) for k, v in params.items() if k != "signature")
    return "&".join(f"{quote(k, safe='')}={quote(v, safe='')}" for k, v in pairs).encode()


def sign_params(secret: str, params: Mapping[str, str]) -> dict[str, str]:
    if any(not isinstance(v, str) for v in params.values()):
        raise TypeError("every parameter value is a string")
    return {**params, "signature": sign(secret, canonical(params))}


def verify_params(secret: str, params: Mapping[str, str], fields: tuple[str, ...]) -> dict[str, str]:
    """Checks the signature over exactly the parameters received, then that the contract's fields are all there."""
    if not signature_matches(secret, canonical(params), params.get("signature")):
        raise SignatureInvalid("the parameters' signature does not match")
    missing = [name for name in fields if name not in params]
    if missing:
        raise Malformed(f"missing parameters: {', '.join(missing)}")
    return {name: params[name] for name in fields}


def encode_body(message: Mapping[str, str]) -> bytes:
    return json.dumps(dict(message), ensure_ascii=False, separators=(",", ":")).encode()


def verify_body(secret: str, body: bytes, signature: object, fields: tuple[str, ...]) -> dict[str, str]:
    """Checks the signature over the exact bytes received, then parses them: every field present, every value a
    string (a number or null where a string belongs is a broken message, not something to coerce)."""
    if not signature_matches(secret, body, signature):
        raise SignatureInvalid("the body's signature does not match")
    try:
        data = json.loads(body.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise Malformed("the body is not JSON in UTF-8") from None
    if not isinstance(data, dict):
        raise Malformed("the body is not a JSON object")
    missing = [name for name in fields if name not in data]
    if missing:
        raise Malformed(f"missing fields: {', '.join(missing)}")
    wrong = [name for name in fields if not isinstance(data[name], str)]
    if wrong:
        raise Malformed(f"fields that must be strings: {', '.join(wrong)}")
    return {name: data[name] for name in fields}


# --- times and amounts --------------------------------------------------------------------------------------


def format_time(moment: datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("a naive time has no place on the wire")
    return moment.astimezone(ZONE).strftime(TIME_FORMAT)


def parse_time(text: str, field: str) -> datetime:
    if len(text) != 14 or not text.isdigit():
        raise Malformed(f"{field} is not yyyyMMddHHmmss: {text!r}")
    try:
        return datetime.strptime(text, TIME_FORMAT).replace(tzinfo=ZONE)
    except ValueError:
        raise Malformed(f"{field} is not a real time: {text!r}") from None


def parse_amount(text: str) -> int:
    try:
        return amount_from_wire(text)
    except AmountError as error:
        raise Malformed(str(error)) from None


# --- parsed messages ----------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Outcome:
    """What the gateway says about an order, from a callback, a browser return or a query answer."""

    merchant: str
    order_ref: str
    amount_vnd: int
    result_code: str
    transaction_no: str
    paid_at: datetime | None
    message: str = ""
    state: str = ""  # query answers only
    sent_at: datetime | None = None  # callbacks: sent_at; query answers: responded_at
    event_id: str = ""

    @property
    def succeeded(self) -> bool:
        return self.result_code == RESULT_SUCCESS if not self.state else self.state == "succeeded"


def _paid_at(fields: dict[str, str], *, success: bool) -> datetime | None:
    if fields["paid_at"]:
        return parse_time(fields["paid_at"], "paid_at")
    if success:
        raise Malformed("a successful payment carries paid_at")
    return None


def _required(fields: dict[str, str], *names: str) -> None:
    empty = [name for name in names if not fields[name].strip()]
    if empty:
        raise Malformed(f"empty fields: {', '.join(empty)}")


def parse_callback(fields: dict[str, str]) -> Outcome:
    _required(fields, "merchant", "order_ref", "result_code", "sent_at", "event_id")
    success = fields["result_code"] == RESULT_SUCCESS
    if success:
        _required(fields, "transaction_no")
    return Outcome(
        merchant=fields["merchant"],
        order_ref=fields["order_ref"],
        amount_vnd=parse_amount(fields["amount"]),
        result_code=fields["result_code"],
        transaction_no=fields["transaction_no"],
        paid_at=_paid_at(fields, success=success),
        message=fields["message"],
        sent_at=parse_time(fields["sent_at"], "sent_at"),
        event_id=fields["event_id"],
    )


def parse_return(fields: dict[str, str]) -> Outcome:
    _required(fields, "merchant", "order_ref", "result_code")
    success = fields["result_code"] == RESULT_SUCCESS
    return Outcome(
        merchant=fields["merchant"],
        order_ref=fields["order_ref"],
        amount_vnd=parse_amount(fields["amount"]),
        result_code=fields["result_code"],
        transaction_no=fields["transaction_no"],
        paid_at=_paid_at(fields, success=success),
    )


def parse_query_answer(fields: dict[str, str]) -> Outcome:
    _required(fields, "merchant", "order_ref", "state", "responded_at")
    if fields["state"] not in QUERY_STATES:
        raise Malformed(f"unknown state {fields['state']!r}")
    success = fields["state"] == "succeeded"
    if success:
        _required(fields, "transaction_no")
    return Outcome(
        merchant=fields["merchant"],
        order_ref=fields["order_ref"],
        amount_vnd=parse_amount(fields["amount"]) if fields["amount"] else 0,
        result_code=fields["result_code"],
        transaction_no=fields["transaction_no"],
        paid_at=_paid_at(fields, success=success),
        state=fields["state"],
        sent_at=parse_time(fields["responded_at"], "responded_at"),
    )
