"""Outgoing numbers and incoming arrival numbers: per register, per year, restarting on 1 January, printed 05."""

from concurrent.futures import ThreadPoolExecutor
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection
from hypothesis import given
from hypothesis import strategies as st

from chinhquyenso.core.models import Role
from chinhquyenso.documents.models import Secrecy, SeriesKind
from chinhquyenso.documents.notation import (
    build_notation,
    format_number,
    notation_problems,
    number_problems,
    split_number_notation,
)
from chinhquyenso.documents.services.incoming import incoming_receive
from chinhquyenso.documents.services.outgoing import RecipientIn
from chinhquyenso.documents.services.outgoing_release import outgoing_dispatch, outgoing_number
from tests.documents.conftest import THO_XUAN
from tests.documents.flows import numbered, paper_incoming, signed
from tests.factories import make_staff

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


@given(st.integers(min_value=1, max_value=10**9))
def test_a_printed_number_has_a_leading_zero_only_below_ten(n):
    printed = format_number(n)
    assert int(printed) == n
    assert printed.startswith("0") == (n < 10)
    assert len(printed) == max(2, len(str(n)))
    assert number_problems(printed) == []


_abbr = st.text(alphabet="ABCDĐEGHIKLMNOPQRSTUVXY", min_size=1, max_size=6)


@given(_abbr, _abbr, st.one_of(st.just(""), _abbr), st.integers(min_value=1, max_value=99_999))
def test_a_built_notation_is_valid_and_splits_back(type_abbr, organ, unit, n):
    notation = build_notation(type_abbreviation=type_abbr, organ=organ, unit=unit)
    assert notation_problems(notation, type_abbreviation=type_abbr) == []
    assert split_number_notation(f"{format_number(n)}/{notation}") == (format_number(n), notation)


@pytest.mark.parametrize(
    ("notation", "abbr", "qppl"),
    [("QĐ-UBND", "QĐ", False), ("UBND-VP", "", False), ("TTr-UBND", "TTr", False), ("2026/QĐ-UBND", "QĐ", True)],
)
def test_valid_notations(notation, abbr, qppl):
    assert notation_problems(notation, type_abbreviation=abbr, legal_normative=qppl) == []


@pytest.mark.parametrize(
    ("notation", "abbr"),
    [("QĐ - UBND", "QĐ"), ("QĐ-ubnd", "QĐ"), ("QĐUBND", "QĐ"), ("TB-UBND", "QĐ"), ("QĐ--UBND", "QĐ"), ("", "QĐ")],
)
def test_invalid_notations_are_explained(notation, abbr):
    assert notation_problems(notation, type_abbreviation=abbr)


def test_numbers_run_in_order_in_the_administrative_series(staff, tho_xuan, types):
    first = numbered(staff, tho_xuan, types).document
    second = numbered(staff, tho_xuan, types, code="cong-van", drafting_unit="VP").document
    assert first.number_notation == "01/QĐ-UBND"
    assert second.number_notation == "02/UBND-VP"  # one administrative series for every type
    assert first.series.kind == SeriesKind.ADMINISTRATIVE
    assert first.register == second.register
    assert first.document_identifier == f"000.01.27.H56,{first.issued_date:%Y/%m/%d},01/QĐ-UBND"


def test_legal_normative_and_secret_documents_have_their_own_series(staff, tho_xuan, types):
    numbered(staff, tho_xuan, types)
    qppl = numbered(staff, tho_xuan, types, code="quyet-dinh-qppl").document
    secret = numbered(staff, tho_xuan, types, secrecy=Secrecy.SECRET).document
    year = qppl.issued_date.year
    assert qppl.number_notation == f"01/{year}/QĐ-UBND"
    assert qppl.series.kind == SeriesKind.LEGAL_NORMATIVE
    assert secret.number == "01"
    assert secret.series.kind == SeriesKind.SECRET


def test_numbering_restarts_on_the_first_of_january(staff, tho_xuan, types):
    with time_machine.travel(datetime(2026, 12, 31, 23, 50, tzinfo=VN), tick=False):
        numbered(staff, tho_xuan, types)
        late = numbered(staff, tho_xuan, types).document
    with time_machine.travel(datetime(2027, 1, 1, 0, 5, tzinfo=VN), tick=False):
        early = numbered(staff, tho_xuan, types).document
    assert (late.number, late.issued_date.isoformat(), late.year) == ("02", "2026-12-31", 2026)
    assert (early.number, early.issued_date.isoformat(), early.year) == ("01", "2027-01-01", 2027)
    assert late.register != early.register


def test_a_repeated_number_and_notation_is_a_warning_not_an_error(staff, tho_xuan, types):
    # The secret series and the administrative series both start at 01 with the notation QĐ-UBND.
    numbered(staff, tho_xuan, types)
    result = numbered(staff, tho_xuan, types, secrecy=Secrecy.SECRET)
    assert result.document.number_notation == "01/QĐ-UBND"
    assert {w.code for w in result.warnings} == {"duplicate_number_notation", "duplicate_identifier"}


def test_a_clerk_given_notation_is_validated(staff, tho_xuan, types):
    from chinhquyenso.core.errors import ValidationFailed

    document = signed(staff, tho_xuan, types)
    with pytest.raises(ValidationFailed) as raised:
        outgoing_number(actor=staff["clerk"], document=document, notation="QĐ UBND")
    assert "notation" in raised.value.fields
    document.refresh_from_db()
    assert document.number == "" and document.status == "signed"  # nothing half-written
    done = outgoing_number(actor=staff["clerk"], document=document, notation="QĐ-UBND-VP")
    assert done.document.number_notation == "01/QĐ-UBND-VP"


def test_arrival_numbers_are_shared_by_paper_and_electronic(staff, tho_xuan, lam_son, types):
    first = paper_incoming(staff, tho_xuan, types).document
    sent = numbered(
        staff, lam_son, types, recipients=[RecipientIn(agency_id=tho_xuan.pk)], subject="Giấy mời họp"
    ).document
    outgoing_dispatch(actor=staff["clerk_ls"], document=sent)
    electronic = sent.recipients.get().incoming
    assert electronic.arrival_number is None  # waiting for the clerk
    received = incoming_receive(actor=staff["clerk"], document=electronic).document
    third = paper_incoming(staff, tho_xuan, types, number="07", notation="TB-UBND").document
    assert [first.arrival_number, received.arrival_number, third.arrival_number] == [1, 2, 3]
    assert first.register == received.register == third.register


def test_arrival_numbers_restart_each_year(staff, tho_xuan, types):
    with time_machine.travel(datetime(2026, 12, 31, 16, 0, tzinfo=VN), tick=False):
        paper_incoming(staff, tho_xuan, types, number="01")
        december = paper_incoming(staff, tho_xuan, types, number="02").document
    with time_machine.travel(datetime(2027, 1, 4, 8, 0, tzinfo=VN), tick=False):
        january = paper_incoming(staff, tho_xuan, types, number="03").document
    assert (december.arrival_number, december.year) == (2, 2026)
    assert (january.arrival_number, january.year, january.arrival_date.isoformat()) == (1, 2027, "2027-01-04")


def test_registering_the_same_paper_twice_warns_the_clerk(staff, tho_xuan, types):
    first = paper_incoming(staff, tho_xuan, types)
    again = paper_incoming(staff, tho_xuan, types)
    assert first.warnings == []
    assert [w.code for w in again.warnings] == ["duplicate_number_notation"]
    assert "123/STC-NS" in again.warnings[0].message
    assert again.document.arrival_number == 2  # still registered: a warning only


@pytest.mark.django_db(transaction=True)
def test_thirty_concurrent_numberings_get_thirty_consecutive_numbers(demo, types):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are PostgreSQL's; SQLite serialises writers itself")
    tho_xuan = demo[THO_XUAN]
    staff = {
        "specialist": make_staff("cv.c", agency=tho_xuan, role=Role.SPECIALIST),
        "leader": make_staff("ld.c", agency=tho_xuan, role=Role.UNIT_LEADER),
        "clerk": make_staff("vt.c", agency=tho_xuan, role=Role.CLERK),
    }
    documents = [signed(staff, tho_xuan, types) for _ in range(30)]

    def number(document):
        try:
            return outgoing_number(actor=staff["clerk"], document=document).document.number
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=10) as pool:
        numbers = list(pool.map(number, documents))
    assert sorted(int(n) for n in numbers) == list(range(1, 31))
    assert len(set(numbers)) == 30
