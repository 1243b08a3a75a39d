"""Pages of the local FAKE gateway (``CQS_PAYMENT_GATEWAY=fake`` only; 404 otherwise)."""

from __future__ import annotations

from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from chinhquyenso.payments.config import uses_fake_gateway
from chinhquyenso.payments.fake_gateway import FakeRefusal, fake_answer_query, fake_open_order, fake_settle
from chinhquyenso.payments.money import format_vnd


def _only_when_enabled():
    if not uses_fake_gateway():
        raise Http404


@require_http_methods(["GET", "POST"])
def fake_pay(request):
    _only_when_enabled()
    try:
        if request.method == "POST":
            return redirect(fake_settle(request.POST.get("order_ref", ""), request.POST.get("outcome", "")))
        order = fake_open_order(request.GET.dict())
    except FakeRefusal as refusal:
        return render(request, "payments/fake_gateway.html", {"refusal": str(refusal)}, status=400)
    context = {"order": order, "amount": format_vnd(order.amount_vnd), "finished": order.state != order.State.OPEN}
    return render(request, "payments/fake_gateway.html", context)


@csrf_exempt  # a server-to-server API, signed with the shared secret
@require_POST
def fake_query(request):
    _only_when_enabled()
    status, body, headers = fake_answer_query(request.body, request.headers)
    response = HttpResponse(body, status=status, content_type="application/json")
    for name, value in headers.items():
        if name.lower() != "content-type":
            response[name] = value
    return response
