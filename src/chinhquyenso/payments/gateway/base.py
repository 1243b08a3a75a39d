"""The adapter interface: what the platform asks of a payment gateway, whichever gateway it is.

``PaymentGateway`` holds the contract's logic (signing orders, checking callbacks, browser returns and query
answers); a subclass supplies only the transport of the status query. ``HttpPaymentGateway`` speaks HTTP to a
real gateway; ``FakePaymentGateway`` hands the query to the local fake in the same process.
"""

from __future__ import annotations

import secrets
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from urllib.parse import quote, urlencode, urlsplit, urlunsplit

from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.money import amount_to_wire


@dataclass(frozen=True)
class GatewayConfig:
    merchant: str
    secret: str
    pay_url: str
    query_url: str
    timeout_seconds: float = 10


@dataclass(frozen=True)
class OrderRequest:
    order_ref: str
    amount_vnd: int
    order_info: str
    return_url: str
    created_at: datetime
    expires_at: datetime


class GatewayUnreachable(Exception):
    """The status query got no usable answer (network, timeout, HTTP error): try again later."""


def header(headers: Mapping[str, str], name: str) -> str:
    """A header by name, whatever its case (Django's ``request.headers`` or a plain dict)."""
    wanted = name.lower()
    for key, value in headers.items():
        if key.lower() == wanted:
            return value
    return ""


class PaymentGateway(ABC):
    name = ""

    def __init__(self, config: GatewayConfig) -> None:
        self.config = config

    def create_order(self, order: OrderRequest) -> str:
        """The URL at the gateway to send the citizen's browser to."""
        params = c.sign_params(
            self.config.secret,
            {
                "version": c.VERSION,
                "merchant": self.config.merchant,
                "order_ref": order.order_ref,
                "amount": amount_to_wire(order.amount_vnd),
                "currency": c.CURRENCY,
                "order_info": order.order_info,
                "return_url": order.return_url,
                "created_at": c.format_time(order.created_at),
                "expires_at": c.format_time(order.expires_at),
            },
        )
        parts = urlsplit(self.config.pay_url)
        query = "&".join(filter(None, [parts.query, urlencode(params, quote_via=quote)]))
        return urlunsplit((parts.scheme, parts.netloc, parts.path, query, ""))

    def _own(self, outcome: c.Outcome) -> c.Outcome:
        if outcome.merchant != self.config.merchant:
            raise c.Malformed(f"the message is for merchant {outcome.merchant!r}")
        return outcome

    def verify_callback(self, body: bytes, headers: Mapping[str, str]) -> c.Outcome:
        """The callback's content, once its signature over the exact body is checked. Raises ContractError."""
        fields = c.verify_body(self.config.secret, body, header(headers, c.SIGNATURE_HEADER), c.CALLBACK_FIELDS)
        return self._own(c.parse_callback(fields))

    def verify_return(self, params: Mapping[str, str]) -> c.Outcome:
        """The browser's return parameters, once their signature is checked. Raises ContractError."""
        return self._own(c.parse_return(c.verify_params(self.config.secret, params, c.RETURN_FIELDS)))

    def send_query(self, order_ref: str, *, now: datetime) -> tuple[bytes, str]:
        """Asks the gateway what became of an order: the answer's bytes and signature, unchecked.
        Raises GatewayUnreachable when no answer came."""
        body = c.encode_body(
            {
                "merchant": self.config.merchant,
                "order_ref": order_ref,
                "request_id": secrets.token_hex(8),
                "requested_at": c.format_time(now),
            }
        )
        status, answer, headers = self._send_query(body, {c.SIGNATURE_HEADER: c.sign(self.config.secret, body)})
        if status != 200:
            raise GatewayUnreachable(f"the gateway answered the status query with HTTP {status}")
        return answer, header(headers, c.SIGNATURE_HEADER)

    def verify_query_answer(self, order_ref: str, body: bytes, signature: str) -> c.Outcome:
        """The answer's content, once its signature is checked. Raises ContractError."""
        fields = c.verify_body(self.config.secret, body, signature, c.ANSWER_FIELDS)
        outcome = self._own(c.parse_query_answer(fields))
        if outcome.order_ref != order_ref:
            raise c.Malformed(f"the answer is about order {outcome.order_ref!r}")
        return outcome

    @abstractmethod
    def _send_query(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, Mapping[str, str]]:
        """Delivers a signed query; returns the HTTP status, the answer's bytes and headers."""
