"""The gateway's server-to-server callback: ``POST /thanh-toan/ipn/``, answered in the contract's terms."""

from __future__ import annotations

import logging
from collections.abc import Mapping

from django.http import HttpRequest, JsonResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from chinhquyenso.core.errors import ApplicationError
from chinhquyenso.core.request_context import client_ip
from chinhquyenso.payments.errors import MessageRefused
from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.services import payment_callback

logger = logging.getLogger(__name__)

# Bigger bodies are not callbacks; refuse before parsing.
MAX_BODY = 16 * 1024


def answer_callback(body: bytes, headers: Mapping[str, str], *, remote_ip: str | None) -> tuple[int, dict]:
    """HTTP status and JSON answer for one callback; the endpoint and the in-process fake both use this."""
    try:
        payment_callback(body=body, headers=headers, remote_ip=remote_ip)
    except MessageRefused as refusal:
        logger.warning("payment callback refused: %s (%s)", refusal.code, refusal.message)
        return refusal.status, {"result_code": refusal.answer, "code": refusal.code, "message": str(refusal.message)}
    except ApplicationError as error:
        return error.status, {"result_code": c.ANSWER_MALFORMED, "code": error.code, "message": str(error.message)}
    return 200, {"result_code": c.ANSWER_OK, "message": "Confirm success"}


@csrf_exempt  # the gateway signs its callbacks; it has no session or CSRF token
@require_POST
def callback(request: HttpRequest) -> JsonResponse:
    if len(request.body) > MAX_BODY:
        return JsonResponse({"result_code": c.ANSWER_MALFORMED, "code": "body_too_large"}, status=413)
    status, answer = answer_callback(request.body, request.headers, remote_ip=client_ip.get() or None)
    return JsonResponse(answer, status=status, json_dumps_params={"ensure_ascii": False})
