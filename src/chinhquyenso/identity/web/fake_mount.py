"""Serves FakeVNeID inside the platform under ``/tai-khoan/fake-vneid/`` (dev and test only; see settings)."""

from __future__ import annotations

import io
import threading

from django.conf import settings
from django.http import Http404, HttpResponse
from django.views.decorators.csrf import csrf_exempt

from chinhquyenso.identity.fake_vneid import FakeVNeID
from chinhquyenso.identity.vneid_config import fake_issuer_for, redirect_uri_for

_providers: dict[str, FakeVNeID] = {}
_lock = threading.Lock()


def provider_for(issuer: str) -> FakeVNeID:
    """One provider (keys, codes, tokens) per address it is reached at, for the life of the process."""
    with _lock:
        if issuer not in _providers:
            _providers[issuer] = FakeVNeID(issuer=issuer)
        return _providers[issuer]


@csrf_exempt  # an identity provider of its own: its token endpoint is called server to server
def fake_vneid(request, subpath: str = ""):
    if not settings.FAKE_VNEID_ENABLED:
        raise Http404
    issuer = fake_issuer_for(request)
    provider = provider_for(issuer)
    provider.register_client(settings.VNEID_CLIENT_ID, settings.VNEID_CLIENT_SECRET, redirect_uri_for(request))
    environ = dict(request.META)
    body = request.body
    environ.update({"PATH_INFO": "/" + subpath, "wsgi.input": io.BytesIO(body), "CONTENT_LENGTH": str(len(body))})
    answer: dict = {}

    def start_response(status, headers, exc_info=None):
        answer["status"], answer["headers"] = status, headers

    content = b"".join(provider(environ, start_response))
    response = HttpResponse(content, status=int(answer["status"].split()[0]))
    for name, value in answer["headers"]:
        if name.lower() != "content-length":
            response[name] = value
    return response
