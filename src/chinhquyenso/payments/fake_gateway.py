"""FAKE payment gateway for development and tests — it takes no money and is not a real gateway.

It keeps the real contract (``gateway/contract.py``) so the platform cannot tell it apart from a gateway:
it refuses an order whose signature, merchant, amount or expiry is wrong, signs its callbacks and status
answers with the shared secret, and sends the browser back with signed parameters. Its pages are served by
the platform itself under ``/thanh-toan/cong-gia-lap/`` when ``CQS_PAYMENT_GATEWAY=fake`` (never in
production), so ``make run`` needs no second process. The tester picks what happens:

- ``success``: the money is taken, one callback, the browser comes back with ``00``;
- ``failure``: refused for insufficient balance (``51``), one callback, the browser comes back with ``51``;
- ``timeout``: the money is taken but no callback is sent and the browser comes back with ``01`` (not
  finished); status queries answer ``pending`` for ``TIMEOUT_SETTLES_AFTER``, then ``succeeded``;
- ``double``: like ``success`` but the identical callback is delivered twice.

Callbacks go to the platform's callback handler in the same process (``web.callback.answer_callback``), the
code path the HTTP endpoint uses.
"""

from __future__ import annotations

import secrets
from collections.abc import Mapping
from datetime import timedelta
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.gateway.base import header
from chinhquyenso.payments.models import FakeGatewayOrder
from chinhquyenso.payments.money import amount_to_wire

OUTCOMES = ("success", "failure", "timeout", "double")
TIMEOUT_SETTLES_AFTER = timedelta(seconds=30)


class FakeRefusal(Exception):
    """The fake refuses an order or a request, as a real gateway would; the message is shown to the tester."""


def _secret() -> str:
    return settings.PAYMENT_SECRET


def fake_open_order(params: Mapping[str, str]) -> FakeGatewayOrder:
    """Checks the order the browser brings, as the gateway's payment page does, and records it."""
    try:
        fields = c.verify_params(_secret(), params, c.PAY_FIELDS)
    except c.SignatureInvalid:
        raise FakeRefusal("Chữ ký của đơn hàng không hợp lệ (mã 97).") from None
    except c.ContractError as error:
        raise FakeRefusal(f"Đơn hàng thiếu tham số bắt buộc (mã 99): {error}") from None
    if fields["version"] != c.VERSION or fields["currency"] != c.CURRENCY:
        raise FakeRefusal("Phiên bản hoặc loại tiền không được hỗ trợ (mã 99).")
    if fields["merchant"] != settings.PAYMENT_MERCHANT_CODE:
        raise FakeRefusal("Mã đơn vị chấp nhận thanh toán không tồn tại (mã 02).")
    try:
        amount = c.parse_amount(fields["amount"])
        expires_at = c.parse_time(fields["expires_at"], "expires_at")
    except c.ContractError as error:
        raise FakeRefusal(f"Số tiền hoặc thời hạn không hợp lệ (mã 99): {error}") from None
    if expires_at <= timezone.now():
        raise FakeRefusal("Đơn hàng đã hết thời hạn thanh toán (mã 11).")
    if urlsplit(fields["return_url"]).scheme not in ("http", "https") or not fields["order_ref"]:
        raise FakeRefusal("Địa chỉ trả về hoặc mã đơn hàng không hợp lệ (mã 99).")
    order, created = FakeGatewayOrder.objects.get_or_create(
        order_ref=fields["order_ref"][:40],
        defaults={
            "merchant": fields["merchant"],
            "amount_vnd": amount,
            "order_info": fields["order_info"][:255],
            "return_url": fields["return_url"],
            "expires_at": expires_at,
        },
    )
    if not created and (order.amount_vnd, order.return_url) != (amount, fields["return_url"]):
        raise FakeRefusal("Mã đơn hàng đã được dùng cho một giao dịch khác (mã 94).")
    return order


def _signed_return(order: FakeGatewayOrder, result_code: str) -> str:
    params = c.sign_params(
        _secret(),
        {
            "merchant": order.merchant,
            "order_ref": order.order_ref,
            "amount": amount_to_wire(order.amount_vnd),
            "result_code": result_code,
            "transaction_no": order.transaction_no if result_code == c.RESULT_SUCCESS else "",
            "paid_at": c.format_time(order.paid_at) if result_code == c.RESULT_SUCCESS else "",
        },
    )
    parts = urlsplit(order.return_url)
    query = "&".join(filter(None, [parts.query, urlencode(params, quote_via=quote)]))
    return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))


def fake_settle(order_ref: str, outcome: str) -> str:
    """Carries out the tester's choice; returns where the browser goes next (the merchant's return URL)."""
    if outcome not in OUTCOMES:
        raise FakeRefusal("Lựa chọn không hợp lệ.")
    now = timezone.now()
    with transaction.atomic():
        order = FakeGatewayOrder.objects.select_for_update().filter(order_ref=order_ref).first()
        if order is None:
            raise FakeRefusal("Không tìm thấy đơn hàng (mã 01).")
        if order.state != FakeGatewayOrder.State.OPEN:
            # Already decided: the browser just goes back, as a gateway does for a reloaded page.
            code = order.result_code if order.visible_from is None or order.visible_from <= now else c.RESULT_PENDING
            return _signed_return(order, code)
        if order.expires_at <= now:
            order.state, order.result_code = FakeGatewayOrder.State.FAILED, c.RESULT_EXPIRED
        elif outcome == "failure":
            order.state, order.result_code = FakeGatewayOrder.State.FAILED, c.RESULT_INSUFFICIENT_FUNDS
        else:
            order.state, order.result_code = FakeGatewayOrder.State.SUCCEEDED, c.RESULT_SUCCESS
            order.transaction_no = "GL" + "".join(secrets.choice("0123456789") for _ in range(12))
            order.paid_at = now
            if outcome == "timeout":
                order.visible_from = now + TIMEOUT_SETTLES_AFTER
        order.save()
    if outcome == "timeout" and order.state == FakeGatewayOrder.State.SUCCEEDED:
        return _signed_return(order, c.RESULT_PENDING)
    _deliver(order, times=2 if outcome == "double" else 1)
    return _signed_return(order, order.result_code)


def callback_body(order: FakeGatewayOrder, *, sent_at=None, event_id: str | None = None) -> bytes:
    """The signed notification's body; tests build forged and replayed variants from it."""
    success = order.result_code == c.RESULT_SUCCESS
    return c.encode_body(
        {
            "merchant": order.merchant,
            "order_ref": order.order_ref,
            "amount": amount_to_wire(order.amount_vnd),
            "result_code": order.result_code,
            "message": "Giao dịch thành công" if success else "Giao dịch không thành công",
            "transaction_no": order.transaction_no,
            "paid_at": c.format_time(order.paid_at) if success else "",
            "sent_at": c.format_time(sent_at or timezone.now()),
            "event_id": event_id or secrets.token_hex(8),
        }
    )


def _deliver(order: FakeGatewayOrder, *, times: int) -> None:
    from chinhquyenso.payments.web.callback import answer_callback

    body = callback_body(order)
    headers = {c.SIGNATURE_HEADER: c.sign(_secret(), body), "Content-Type": "application/json"}
    deliveries = []
    for _ in range(times):
        status, answer = answer_callback(body, headers, remote_ip="127.0.0.1")
        deliveries.append({"status": status, "answer": answer})
    FakeGatewayOrder.objects.filter(pk=order.pk).update(deliveries=order.deliveries + deliveries)


def fake_answer_query(body: bytes, headers: Mapping[str, str]) -> tuple[int, bytes, dict[str, str]]:
    """The status query API: a signed request in, a signed answer out (HTTP status, body, headers)."""
    try:
        fields = c.verify_body(_secret(), body, header(headers, c.SIGNATURE_HEADER), c.QUERY_FIELDS)
    except c.ContractError as error:
        return 403 if isinstance(error, c.SignatureInvalid) else 400, c.encode_body({"error": str(error)}), {}
    if fields["merchant"] != settings.PAYMENT_MERCHANT_CODE:
        return 403, c.encode_body({"error": "unknown merchant"}), {}
    now = timezone.now()
    order = FakeGatewayOrder.objects.filter(order_ref=fields["order_ref"]).first()
    if order is None:
        state, amount, code = "not_found", "", ""
    else:
        amount = amount_to_wire(order.amount_vnd)
        hidden = order.visible_from is not None and order.visible_from > now
        state = "pending" if order.state == FakeGatewayOrder.State.OPEN or hidden else order.state
        code = c.RESULT_PENDING if state == "pending" else order.result_code
    paid = state == "succeeded"
    answer = c.encode_body(
        {
            "merchant": fields["merchant"],
            "order_ref": fields["order_ref"],
            "state": state,
            "amount": amount,
            "result_code": code,
            "transaction_no": order.transaction_no if paid else "",
            "paid_at": c.format_time(order.paid_at) if paid else "",
            "responded_at": c.format_time(now),
        }
    )
    return 200, answer, {c.SIGNATURE_HEADER: c.sign(_secret(), answer), "Content-Type": "application/json"}
