"""The public entry points: one function per form, each taking its frozen data and returning PDF bytes.

Forms 01–05 print on A5 portrait, Form 06 (the register) on A4 landscape. The forms' wording is fixed Vietnamese
(see templates/printing/base.html); values are formatted here so the templates only place text.
"""

from __future__ import annotations

from pathlib import Path

from django.template import Context, Engine

from chinhquyenso.printing import wording
from chinhquyenso.printing.form_data import (
    Component,
    DossierData,
    Form01Receipt,
    Form02SupplementRequest,
    Form03Refusal,
    Form04Apology,
    Form05ProcessControl,
    Form06Register,
    FormData,
    FormHeader,
)
from chinhquyenso.printing.qr import qr_data_uri

# A private engine: a project-level template named like ours must never change an official form.
_engine = Engine(dirs=[str(Path(__file__).resolve().parent / "templates")], autoescape=True)

TITLES = {
    "01": "Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
    "02": "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
    "03": "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
    "04": "Phiếu xin lỗi và hẹn lại ngày trả kết quả",
    "05": "Phiếu kiểm soát quá trình giải quyết hồ sơ",
    "06": "Sổ theo dõi hồ sơ",
}


def _header(header: FormHeader) -> dict[str, str]:
    # Letterhead lines are capitals by rule (Decree 30/2020); str.upper handles Vietnamese (đ → Đ, ọ → Ọ).
    return {
        "parent_agency": header.parent_agency.upper(),
        "agency": header.agency.upper(),
        "receiving_unit": header.receiving_unit.upper(),
        "hotline": header.hotline,
    }


def _components(items: tuple[Component, ...]) -> list[dict[str, str]]:
    return [
        {"name": item.name, "kind_label": wording.KIND_LABELS[item.kind], "quantity": wording.two_digits(item.quantity)}
        for item in items
    ]


def _slip_context(number: str, form, *, show_unit: bool = True) -> dict:
    dossier: DossierData = form.dossier
    return {
        "form_number": number,
        "document_title": f"Mẫu số {number} - {TITLES[number]} - {dossier.code}",
        "header": _header(form.header),
        "show_unit": show_unit,
        "dated_line": wording.dated_line(form.header.place, form.issued_on),
        "form": form,
        "dossier": dossier,
        "qr": qr_data_uri(dossier.lookup_url),
        "channel": wording.CHANNEL_LABELS[dossier.channel],
        "owner": dossier.owner_or_submitter,
        "sets": wording.two_digits(dossier.sets),
        "received_at": wording.time_and_date(dossier.received_at),
        "due_at": wording.time_and_date(dossier.due_at),
    }


def _form01(data: Form01Receipt) -> dict:
    context = _slip_context("01", data)
    context["components"] = _components(data.dossier.components)
    return context


def _form02(data: Form02SupplementRequest) -> dict:
    context = _slip_context("02", data)
    context["items"] = _components(data.items)
    return context


def _form03(data: Form03Refusal) -> dict:
    return _slip_context("03", data)


def _form04(data: Form04Apology) -> dict:
    context = _slip_context("04", data, show_unit=False)
    context["received_date"] = f"{wording.local(data.dossier.received_at):%d/%m/%Y}"
    context["new_due_at"] = wording.time_and_date(data.new_due_at)
    return context


def _form05(data: Form05ProcessControl) -> dict:
    context = _slip_context("05", data)
    context["rows"] = [
        {
            "agency": row.agency,
            "handed_over_at": wording.short_time_and_date(row.handed_over_at),
            "handed_over_by": row.handed_over_by,
            "received_at": wording.short_time_and_date(row.received_at),
            "received_by": row.received_by,
            "outcome": wording.OUTCOME_LABELS[row.outcome] if row.outcome else "",
            "notes": row.notes,
        }
        for row in data.rows
    ]
    return context


def _form06(data: Form06Register) -> dict:
    return {
        "form_number": "06",
        "document_title": f"Mẫu số 06 - {data.title} - {data.period}",
        "header": _header(data.header),
        "show_unit": True,
        "dated_line": "",
        "form": data,
        "column_numbers": range(1, 15),
        "rows": [
            {
                "number": row.number,
                "code_parts": row.code.split("-"),  # the template allows a line break after each hyphen
                "content": row.content,
                "sets": wording.two_digits(row.sets),
                "owner_name": row.owner_name,
                "owner_address": row.owner_address,
                "phone": row.phone,
                "received_at": wording.short_time_and_date(row.received_at),
                "due_at": wording.short_time_and_date(row.due_at),
                "result_at": wording.short_time_and_date(row.result_at),
                "returned_at": wording.short_time_and_date(row.returned_at),
                "returned_to": row.returned_to,
                "receiving_officer": row.receiving_officer,
                "notes": row.notes,
            }
            for row in data.rows
        ],
    }


# Form data class -> (form number, context builder).
_FORMS = {
    Form01Receipt: ("01", _form01),
    Form02SupplementRequest: ("02", _form02),
    Form03Refusal: ("03", _form03),
    Form04Apology: ("04", _form04),
    Form05ProcessControl: ("05", _form05),
    Form06Register: ("06", _form06),
}


def render_html(data: FormData) -> str:
    """The HTML a form is laid out from (what the PDF shows); values are escaped."""
    entry = _FORMS.get(type(data))
    if entry is None:
        raise TypeError(f"no printed form for {type(data).__name__}")
    number, build = entry
    return _engine.get_template(f"printing/form{number}.html").render(Context(build(data), autoescape=True))


def render(data: FormData) -> bytes:
    """Render whichever form ``data`` describes (a ``Form0N…`` instance) to PDF bytes."""
    # WeasyPrint takes a second or two to import: loaded on the first print, not when the server starts.
    from chinhquyenso.printing.pdf import html_to_pdf

    return html_to_pdf(render_html(data))


def _checked(data: object, kind: type) -> object:
    if not isinstance(data, kind):
        raise TypeError(f"expected {kind.__name__}, got {type(data).__name__}")
    return data


def render_form01(data: Form01Receipt) -> bytes:
    """Mẫu số 01, receipt and appointment slip, A5 portrait."""
    return render(_checked(data, Form01Receipt))


def render_form02(data: Form02SupplementRequest) -> bytes:
    """Mẫu số 02, request to add or correct papers, A5 portrait."""
    return render(_checked(data, Form02SupplementRequest))


def render_form03(data: Form03Refusal) -> bytes:
    """Mẫu số 03, refusal slip with the specific reason, A5 portrait."""
    return render(_checked(data, Form03Refusal))


def render_form04(data: Form04Apology) -> bytes:
    """Mẫu số 04, apology and new appointment signed for the agency, A5 portrait."""
    return render(_checked(data, Form04Apology))


def render_form05(data: Form05ProcessControl) -> bytes:
    """Mẫu số 05, process control slip, one row per hand-over, A5 portrait."""
    return render(_checked(data, Form05ProcessControl))


def render_form06(data: Form06Register) -> bytes:
    """Mẫu số 06, the dossier register, A4 landscape; the column headings repeat on every page."""
    return render(_checked(data, Form06Register))
