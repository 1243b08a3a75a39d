"""Six-digit one-time codes: drawn from ``secrets``, stored only as a keyed hash bound to their verification."""

from __future__ import annotations

import hmac
import secrets

from django.utils.crypto import salted_hmac

CODE_DIGITS = 6


def code_new() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def code_hash(*, token, code: str) -> str:
    # Keyed by SECRET_KEY and bound to the verification's token: a leaked table reveals no code.
    return salted_hmac("chinhquyenso.identity.otp", f"{token}:{code}", algorithm="sha256").hexdigest()


def code_matches(*, token, code: str, stored_hash: str) -> bool:
    return hmac.compare_digest(code_hash(token=token, code=code.strip()), stored_hash)
