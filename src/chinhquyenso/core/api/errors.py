"""One error shape for the whole API: ``{"code", "message", "fields"}`` with a 4xx status."""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _
from ninja.errors import AuthenticationError, HttpError
from ninja.errors import ValidationError as NinjaValidationError

from chinhquyenso.core.errors import (
    ApplicationError,
    NotAuthenticated,
    NotFound,
    PermissionDenied,
    ValidationFailed,
)

logger = logging.getLogger(__name__)


def _fields_from_ninja(errors: list[dict]) -> dict[str, list[str]]:
    fields: dict[str, list[str]] = {}
    for error in errors:
        # loc is like ("query", "limit") or ("body", "payload", "name"); the last part names the field.
        loc = [str(part) for part in error.get("loc", []) if part not in ("body", "query", "path", "payload")]
        name = ".".join(loc) or "__all__"
        fields.setdefault(name, []).append(error.get("msg", _("Invalid value.")))
    return fields


def install_error_handlers(api) -> None:
    def respond(request, error: ApplicationError):
        return api.create_response(request, error.as_dict(), status=error.status)

    @api.exception_handler(ApplicationError)
    def application_error(request, exc):
        return respond(request, exc)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        return respond(request, ValidationFailed(fields=_fields_from_ninja(exc.errors)))

    @api.exception_handler(AuthenticationError)
    def authentication_error(request, exc):
        return respond(request, NotAuthenticated())

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return respond(request, NotFound())

    @api.exception_handler(DjangoPermissionDenied)
    def permission_denied(request, exc):
        return respond(request, PermissionDenied())

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        error = ApplicationError(str(exc), code="http_error")
        error.status = exc.status_code
        return respond(request, error)

    @api.exception_handler(Exception)
    def unexpected(request, exc):
        # A bug: logged with its traceback, answered in the same shape so clients never parse HTML.
        logger.exception("Unhandled API error")
        error = ApplicationError(_("An internal error occurred."), code="internal_error")
        error.status = 500
        return respond(request, error)
