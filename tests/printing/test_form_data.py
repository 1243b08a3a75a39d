"""Form data is checked when it is built, so an incomplete or inconsistent form is never printed."""

from dataclasses import FrozenInstanceError, replace
from datetime import date, datetime

import pytest

from chinhquyenso.printing.form_data import (
    Channel,
    Component,
    ComponentKind,
    ControlRow,
    Form01Receipt,
    Form02SupplementRequest,
    Form03Refusal,
    Form04Apology,
    FormDataError,
    Party,
    Signer,
)
from chinhquyenso.printing.render import render, render_form01, render_form03, render_html
from tests.printing.data import RECEIPT_DAY, VN, dossier, header


def test_plain_strings_become_the_enumerations_callers_can_compare():
    built = dossier()
    assert built.channel is Channel.COUNTER
    assert built.components[2].kind is ComponentKind.CERTIFIED_COPY
    assert isinstance(built.components, tuple)


def test_the_data_is_frozen():
    with pytest.raises(FrozenInstanceError):
        dossier().code = "other"


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"received_at": datetime(2026, 2, 20, 8, 15)}, "received_at must be a timezone-aware datetime"),
        ({"due_at": "2026-02-25"}, "due_at must be a timezone-aware datetime"),
        ({"due_at": datetime(2026, 2, 19, 8, 0, tzinfo=VN)}, "due_at is before received_at"),
        ({"channel": "fax"}, "channel='fax' is not one of: counter, online, post"),
        ({"sets": 0}, "sets must be a positive whole number"),
        ({"code": "  "}, "code must be non-empty text"),
        ({"lookup_url": ""}, "lookup_url must be non-empty text"),
        ({"components": ("Tờ khai",)}, "components holds str, not Component"),
    ],
)
def test_bad_dossier_data_is_refused_with_the_field_named(change, message):
    with pytest.raises(FormDataError, match=message):
        replace(dossier(), **change)


def test_bad_component_and_row_values_are_refused():
    with pytest.raises(FormDataError, match="kind='scan' is not one of"):
        Component("Tờ khai", "scan")
    with pytest.raises(FormDataError, match="quantity must be a positive whole number"):
        Component("Tờ khai", "original", 0)
    with pytest.raises(FormDataError, match="outcome='soon' is not one of: early, on_time, late"):
        ControlRow("Bộ phận Một cửa", outcome="soon")
    with pytest.raises(FormDataError, match="handed_over_at must be a timezone-aware"):
        ControlRow("Bộ phận Một cửa", handed_over_at=datetime(2026, 2, 20, 9, 0))
    with pytest.raises(FormDataError, match="name must be non-empty"):
        Party(name="")
    with pytest.raises(FormDataError, match="title_lines"):
        Signer(title_lines=(), name="Lê Văn Hùng")


def test_form_specific_rules():
    with pytest.raises(FormDataError, match="issued_on must be a date"):
        Form01Receipt(header=header(), dossier=dossier(), issued_on=datetime(2026, 2, 20, tzinfo=VN))
    with pytest.raises(FormDataError, match="at least one paper"):
        Form02SupplementRequest(
            header=header(), dossier=dossier(), issued_on=RECEIPT_DAY, items=(), reason="Thiếu", guide_officer="A"
        )
    with pytest.raises(FormDataError, match="reason must be non-empty"):
        Form03Refusal(header=header(), dossier=dossier(), issued_on=RECEIPT_DAY, reason=" ", officer="A")
    with pytest.raises(FormDataError, match="new_due_at must be after the original due time"):
        Form04Apology(
            header=header(),
            dossier=dossier(),
            issued_on=date(2026, 2, 25),
            addressee="Bà Nguyễn Thị Ngọc Diễm",
            new_due_at=datetime(2026, 2, 25, 9, 0, tzinfo=VN),  # before the original 10:00
            reason="Chậm",
            forwarding_unit="Bộ phận Một cửa",
            resolving_agency="Ủy ban nhân dân xã Thọ Xuân",
            signer=Signer(title_lines=("CHỦ TỊCH",), name="Lê Văn Hùng"),
        )


def test_each_function_prints_only_its_own_form():
    receipt = Form01Receipt(header=header(), dossier=dossier(), issued_on=RECEIPT_DAY)
    with pytest.raises(TypeError, match="expected Form03Refusal, got Form01Receipt"):
        render_form03(receipt)
    with pytest.raises(TypeError, match="no printed form for DossierData"):
        render(dossier())
    with pytest.raises(TypeError):
        render_form01(dossier())


def test_values_are_text_never_markup():
    hostile = Party(name='<img src="http://example.com/x.png"> Lê <b>Văn</b>', phone="0915 246 813")
    data = Form01Receipt(header=header(), dossier=replace(dossier(), submitter=hostile), issued_on=RECEIPT_DAY)
    html = render_html(data)
    assert "&lt;img src=&quot;http://example.com/x.png&quot;&gt; Lê &lt;b&gt;Văn&lt;/b&gt;" in html
    assert '<img src="http://example.com' not in html
    assert render(data).startswith(b"%PDF-")  # and nothing was fetched (a fetch would have stopped the render)
