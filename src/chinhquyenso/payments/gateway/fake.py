"""The adapter for the local FAKE gateway (dev and test): the same contract, the query answered in-process."""

from __future__ import annotations

from collections.abc import Mapping

from chinhquyenso.payments.gateway.base import PaymentGateway


class FakePaymentGateway(PaymentGateway):
    name = "fake"

    def _send_query(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, Mapping[str, str]]:
        from chinhquyenso.payments.fake_gateway import fake_answer_query

        return fake_answer_query(body, headers)
