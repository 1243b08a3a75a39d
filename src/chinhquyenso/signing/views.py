"""RFC 3161 over HTTP for the development TSA (``CQS_TSA_HTTP_ENABLED``): POST a TimeStampReq, get a
TimeStampResp. Lets other tools (``openssl ts``, another platform instance) use the same TSA as the signer."""

from __future__ import annotations

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from chinhquyenso.signing.tsa import CONTENT_TYPE_QUERY, CONTENT_TYPE_REPLY, local_authority

MAX_REQUEST_BYTES = 8192  # a TimeStampReq with a SHA-512 imprint and a nonce is about 100 bytes


@csrf_exempt  # a machine-to-machine protocol with no session or cookies
@require_POST
def tsa_endpoint(request):
    if not settings.TSA_HTTP_ENABLED:
        raise Http404
    if request.content_type != CONTENT_TYPE_QUERY:
        return HttpResponse(
            f"Content-Type must be {CONTENT_TYPE_QUERY}.", status=415, content_type="text/plain; charset=utf-8"
        )
    body = request.read(MAX_REQUEST_BYTES + 1)
    if len(body) > MAX_REQUEST_BYTES:
        return HttpResponse("Request too large.", status=413, content_type="text/plain; charset=utf-8")
    return HttpResponse(local_authority().respond(body), content_type=CONTENT_TYPE_REPLY)
