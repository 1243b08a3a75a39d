"""The adapter for a real gateway over HTTP (standard library only: no network dependency to vendor)."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Mapping

from chinhquyenso.payments.gateway.base import GatewayUnreachable, PaymentGateway


class HttpPaymentGateway(PaymentGateway):
    name = "http"

    def _send_query(self, body: bytes, headers: dict[str, str]) -> tuple[int, bytes, Mapping[str, str]]:
        # The URL is a checked http(s) setting (config.gateway_config), never user input.
        request = urllib.request.Request(  # noqa: S310
            self.config.query_url,
            data=body,
            headers={**headers, "Content-Type": "application/json", "Accept": "application/json"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.config.timeout_seconds) as response:  # noqa: S310
                return response.status, response.read(), dict(response.headers.items())
        except urllib.error.HTTPError as error:
            return error.code, error.read(), dict(error.headers.items())
        except (urllib.error.URLError, TimeoutError, OSError) as error:
            raise GatewayUnreachable(f"the gateway could not be reached: {error}") from None
