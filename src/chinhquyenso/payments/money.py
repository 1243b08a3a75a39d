"""Amounts of money: whole đồng as Python ints, written ``50.000 đ`` on pages and as bare digits on the wire.

Floats never appear: a decimal point, an exponent, a sign or a thousands separator in a wire amount is refused
rather than rounded, so ``"3000.0"`` or ``"3e3"`` cannot slip through as 3000.
"""

from __future__ import annotations

# The largest amount the platform accepts in one payment: 10^13 đồng, well above any fee schedule.
MAX_VND = 10**13


class AmountError(ValueError):
    """A wire amount is not a canonical positive whole number of đồng."""


def format_vnd(amount: int) -> str:
    """``50000`` → ``"50.000 đ"`` (Vietnamese digit grouping with dots, non-breaking space before the sign)."""
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise TypeError(f"an amount in đồng is an int, not {type(amount).__name__}")
    grouped = f"{abs(amount):,}".replace(",", ".")
    return ("-" if amount < 0 else "") + grouped + "\u00a0đ"


def amount_to_wire(amount: int) -> str:
    if isinstance(amount, bool) or not isinstance(amount, int):
        raise AmountError(f"an amount in đồng is an int, not {type(amount).__name__}")
    if not 0 < amount <= MAX_VND:
        raise AmountError(f"amount out of range: {amount}")
    return str(amount)


def amount_from_wire(text: object) -> int:
    """The inverse of ``amount_to_wire``: only ASCII digits without a leading zero, within range."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit() or text.startswith("0"):
        raise AmountError(f"not a whole positive number of đồng: {text!r}")
    value = int(text)
    if value > MAX_VND:
        raise AmountError(f"amount out of range: {text}")
    return value
