"""Channel adapters: each turns an outbox row into one message on its channel, or raises DeliveryError."""

from __future__ import annotations

from typing import Protocol


class DeliveryError(Exception):
    """A message was not sent. ``retryable``: try again later (transport down, rate limit, 5xx); otherwise the
    channel refused it for good (bad address, too long) and the row is marked failed at once."""

    def __init__(self, code: str, message: str, *, retryable: bool):
        self.code = code
        self.message = message
        self.retryable = retryable
        super().__init__(f"{code}: {message}")


class Adapter(Protocol):
    channel: str

    def send(self, notification) -> str:
        """Sends the row's message; returns the provider's message id. Raises DeliveryError."""
        ...
