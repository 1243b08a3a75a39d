"""Errors of the signing layer, in the platform's hierarchy (rendered as 4xx by the API)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from chinhquyenso.core.errors import ApplicationError


class SigningError(ApplicationError):
    status = 422
    code = "signing_failed"
    default_message = _("The document could not be signed.")


class SigningConfigurationError(ApplicationError):
    """The signer, key store or time-stamping authority is not configured correctly."""

    status = 503
    code = "signing_misconfigured"
    default_message = _("Digital signing is not configured correctly.")


class NotAPdf(ApplicationError):
    status = 422
    code = "not_a_pdf"
    default_message = _("The file is not a readable PDF document.")


class TimestampUnavailable(ApplicationError):
    status = 503
    code = "tsa_unavailable"
    default_message = _("The time-stamping authority cannot be reached or refused the request; nothing was signed.")
