"""The one error hierarchy of the platform.

Services raise these; the API turns them into ``{"code", "message", "fields"}`` with their 4xx status, and the
web views into a message on the page. Anything else that escapes is a bug (a 500).
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _


class ApplicationError(Exception):
    status = 400
    code = "bad_request"
    default_message = _("The request could not be processed.")

    def __init__(self, message=None, *, code: str | None = None, fields: dict[str, list[str]] | None = None):
        self.message = message if message is not None else self.default_message
        if code is not None:
            self.code = code
        self.fields = fields or {}
        super().__init__(str(self.message))

    def as_dict(self) -> dict:
        return {
            "code": self.code,
            "message": str(self.message),
            "fields": {name: [str(m) for m in msgs] for name, msgs in self.fields.items()},
        }


class ValidationFailed(ApplicationError):
    status = 422
    code = "validation_failed"
    default_message = _("Some fields are not valid.")


class NotAuthenticated(ApplicationError):
    status = 401
    code = "not_authenticated"
    default_message = _("Please log in.")


class PermissionDenied(ApplicationError):
    status = 403
    code = "permission_denied"
    default_message = _("You do not have permission to do this.")


class NotFound(ApplicationError):
    status = 404
    code = "not_found"
    default_message = _("Not found.")


class Conflict(ApplicationError):
    status = 409
    code = "conflict"
    default_message = _("This action conflicts with the current state.")


class AccountLocked(ApplicationError):
    status = 403
    code = "account_locked"


class RateLimited(ApplicationError):
    status = 429
    code = "rate_limited"
    default_message = _("Too many requests. Please wait a minute and try again.")
