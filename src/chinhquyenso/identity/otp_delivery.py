"""Sends a one-time code through the platform's notification adapters (SMS or e-mail, template ``otp_code``)."""

from __future__ import annotations


def otp_deliver(*, channel: str, to: str, code: str, minutes: int, reference: str) -> None:
    """Queues the message in the caller's transaction; it leaves after commit (never blocks the request)."""
    from chinhquyenso.core.notifications import notification_send

    notification_send(
        channel=channel, to=to, template="otp_code", context={"code": code, "minutes": minutes}, reference=reference
    )
