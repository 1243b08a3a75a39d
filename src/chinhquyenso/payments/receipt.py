"""The payment confirmation as a PDF (A5, the printing app's fonts and stylesheet, WeasyPrint)."""

from __future__ import annotations

from django.template.loader import render_to_string

from chinhquyenso.payments.money import format_vnd
from chinhquyenso.workcal.engine import as_local


def receipt_pdf(payment) -> bytes:
    from chinhquyenso.printing.pdf import html_to_pdf  # WeasyPrint loads on the first print, not at start-up

    paid = as_local(payment.paid_at)
    lines = [{"line": line, "amount": format_vnd(line.amount_vnd)} for line in payment.lines.all()]
    html = render_to_string(
        "payments/receipt.html",
        {
            "payment": payment,
            "dossier": payment.dossier,
            "agency": payment.dossier.agency,
            "lines": lines,
            "total": format_vnd(payment.total_vnd),
            "paid_at": paid.strftime("%H:%M ngày %d/%m/%Y"),
        },
    )
    return html_to_pdf(html)
