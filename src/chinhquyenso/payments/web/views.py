"""The citizen's payment pages: fees of a dossier with a pay button, the return from the gateway, the receipt."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import NoReverseMatch, reverse
from django.views.decorators.http import require_http_methods

from chinhquyenso.core.errors import ApplicationError, NotFound
from chinhquyenso.payments import selectors
from chinhquyenso.payments.models import PaymentStatus
from chinhquyenso.payments.receipt import receipt_pdf
from chinhquyenso.payments.services import payment_confirm_return, payment_start


def _login(request):
    try:
        login_url = reverse("identity:login")  # the citizen log-in, once the identity app is installed
    except NoReverseMatch:
        login_url = settings.LOGIN_URL
    return redirect_to_login(request.get_full_path(), login_url)


def _page(request, dossier, *, error=None, status=200):
    context = {
        "dossier": dossier,
        "lines": selectors.dossier_due_lines(dossier),
        "summary": selectors.dossier_payment_summary(dossier),
        "payments": selectors.payments_of(dossier),
        "error": error,
    }
    context["total_vnd"] = sum(line.amount_vnd for line in context["lines"])
    return render(request, "payments/pay.html", context, status=status)


@require_http_methods(["GET", "POST"])
def pay(request, code: str):
    if not request.user.is_authenticated:
        return _login(request)
    try:
        dossier = selectors.dossier_for_payer(user=request.user, code=code)
    except ApplicationError as error:
        return render(request, "payments/problem.html", {"error": error}, status=error.status)
    if request.method == "POST":
        try:
            _payment, gateway_url = payment_start(
                actor=request.user, dossier=dossier, return_url=request.build_absolute_uri(reverse("payments:return"))
            )
        except ApplicationError as error:
            return _page(request, dossier, error=error, status=error.status)
        return redirect(gateway_url)
    return _page(request, dossier)


def gateway_return(request):
    if not request.user.is_authenticated:
        return _login(request)
    try:
        payment = payment_confirm_return(actor=request.user, params=request.GET.dict())
    except ApplicationError as error:
        return render(request, "payments/problem.html", {"error": error}, status=error.status)
    context = {
        "payment": payment,
        "dossier": payment.dossier,
        "summary": selectors.dossier_payment_summary(payment.dossier),
        "check_again": request.get_full_path(),
        "Status": PaymentStatus,
    }
    return render(request, "payments/return.html", context)


def receipt(request, order_ref: str):
    if not request.user.is_authenticated:
        return _login(request)
    try:
        payment = selectors.payment_get_for(user=request.user, order_ref=order_ref)
        if payment.status != PaymentStatus.SUCCEEDED:
            raise NotFound()
    except ApplicationError as error:
        return render(request, "payments/problem.html", {"error": error}, status=error.status)
    response = HttpResponse(receipt_pdf(payment), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="bien-lai-{payment.order_ref}.pdf"'
    return response
