"""Refusals specific to citizen accounts, in the platform's error hierarchy."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.errors import ApplicationError


class CodeInvalid(ApplicationError):
    status = 400
    code = "otp_invalid"
    default_message = _("This verification is no longer valid. Please ask for a new code.")


class CodeExpired(ApplicationError):
    status = 400
    code = "otp_expired"
    default_message = _("The code has expired. Please ask for a new code.")


class CodeWrong(ApplicationError):
    status = 400
    code = "otp_wrong"


class CodeAttemptsExhausted(ApplicationError):
    status = 429
    code = "otp_attempts_exhausted"
    default_message = _("Too many wrong codes. Please ask for a new code.")


class AlreadyRegistered(ApplicationError):
    status = 409
    code = "already_registered"
