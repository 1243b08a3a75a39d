"""The gateway contract's encoding: signed parameters and amounts survive the round trip; any change is caught."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qsl, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chinhquyenso.payments.gateway import contract as c
from chinhquyenso.payments.gateway.base import GatewayConfig, OrderRequest
from chinhquyenso.payments.gateway.http import HttpPaymentGateway
from chinhquyenso.payments.money import MAX_VND, AmountError, amount_from_wire, amount_to_wire, format_vnd

SECRET = "a-test-secret-of-some-length"
GATEWAY = HttpPaymentGateway(GatewayConfig("CQS-TEST", SECRET, "https://gateway.example/pay?lang=vi", "https://x/q"))
# Any text a form or an order description could hold (no lone surrogates: they are not UTF-8).
TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=60)
AMOUNTS = st.integers(min_value=1, max_value=MAX_VND)
# Whole seconds from 2000 to 2099: the wire carries no fractions.
MOMENTS = st.integers(946_684_800, 4_102_444_799).map(lambda s: datetime.fromtimestamp(s, UTC))


@given(ref=st.text("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", min_size=1, max_size=30), amount=AMOUNTS, info=TEXT,
       path=TEXT, moment=MOMENTS)  # fmt: skip
def test_signed_order_url_round_trips(ref, amount, info, path, moment):
    created = moment
    order = OrderRequest(
        ref, amount, info, f"https://cqs.example/ket-qua/{path}", created, created + timedelta(minutes=15)
    )
    url = GATEWAY.create_order(order)
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "gateway.example", "/pay")
    params = dict(parse_qsl(parts.query, keep_blank_values=True))
    assert params.pop("lang") == "vi"  # the gateway URL's own parameters stay, unsigned
    fields = c.verify_params(SECRET, params, c.PAY_FIELDS)
    assert c.parse_amount(fields["amount"]) == amount
    assert fields["order_info"] == info and fields["return_url"] == order.return_url
    assert c.parse_time(fields["created_at"], "created_at") == created


@given(amount=AMOUNTS, other=AMOUNTS)
def test_a_changed_amount_breaks_the_signature(amount, other):
    params = c.sign_params(SECRET, {"order_ref": "TTX", "amount": amount_to_wire(amount)})
    changed = {**params, "amount": amount_to_wire(other)}
    assert (amount == other) == c.signature_matches(SECRET, c.canonical(changed), changed["signature"])


@given(amount=AMOUNTS)
def test_amount_wire_round_trip(amount):
    assert amount_from_wire(amount_to_wire(amount)) == amount


@given(text=st.text(max_size=20))
def test_only_canonical_digit_strings_are_amounts(text):
    canonical = text.isascii() and text.isdigit() and not text.startswith("0") and int(text) <= MAX_VND
    try:
        value = amount_from_wire(text)
    except AmountError:
        assert not canonical
    else:
        assert canonical and amount_to_wire(value) == text


@pytest.mark.parametrize("bad", [3000.0, True, 0, -5, MAX_VND + 1])
def test_floats_booleans_and_out_of_range_amounts_never_go_on_the_wire(bad):
    with pytest.raises(AmountError):
        amount_to_wire(bad)


@given(body=st.binary(min_size=1, max_size=200), index=st.integers(min_value=0), bit=st.integers(0, 7))
def test_flipping_any_bit_of_a_body_breaks_its_signature(body, index, bit):
    signature = c.sign(SECRET, body)
    position = index % len(body)
    flipped = body[:position] + bytes([body[position] ^ (1 << bit)]) + body[position + 1 :]
    assert c.signature_matches(SECRET, body, signature)
    assert not c.signature_matches(SECRET, flipped, signature)


def test_vnd_is_written_the_vietnamese_way():
    assert [format_vnd(n) for n in (0, 3_000, 50_000, 1_000_000)] == ["0\u00a0đ", "3.000\u00a0đ", "50.000\u00a0đ",
                                                                     "1.000.000\u00a0đ"]  # fmt: skip
    with pytest.raises(TypeError):
        format_vnd(50000.0)


def test_wire_times_are_vietnam_local():
    moment = datetime(2026, 3, 2, 2, 0, tzinfo=UTC)
    assert c.format_time(moment) == "20260302090000"
    assert c.parse_time("20260302090000", "t") == moment
    with pytest.raises(c.Malformed):
        c.parse_time("2026-03-02 09:00", "t")
