"""Vietnamese mobile numbers: written as 0912 345 678, +84 912 345 678 or 84912345678; stored as +84912345678.

Since the 2018 renumbering every mobile number is ten digits with the leading 0, the second digit being 3, 5, 7,
8 or 9. Landlines cannot receive SMS or Zalo messages and are refused.
"""

from __future__ import annotations

import re

_SEPARATORS = re.compile(r"[\s.\-()]")
_NATIONAL = re.compile(r"0[35789]\d{8}")


class InvalidPhone(ValueError):
    pass


def phone_normalise(text: str) -> str:
    """Returns the number as +84XXXXXXXXX, or raises InvalidPhone."""
    digits = _SEPARATORS.sub("", text or "")
    if digits.startswith("+84"):
        digits = "0" + digits[3:]
    elif digits.startswith("84") and len(digits) == 11:
        digits = "0" + digits[2:]
    if not _NATIONAL.fullmatch(digits):
        raise InvalidPhone(f"not a Vietnamese mobile number: {text!r}")
    return "+84" + digits[1:]


def phone_is_valid(text: str) -> bool:
    try:
        phone_normalise(text)
    except InvalidPhone:
        return False
    return True
