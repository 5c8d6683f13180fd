"""Splitting an amount pro rata to the cent, and the VAT in / on an amount (vat-rules §7, §8)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from koppeling.vat.allocate import split, vat_in_gross, vat_on_net

D = Decimal
HALF_CENT = D("0.005")
cents = st.integers(min_value=-10_000_000, max_value=10_000_000).map(lambda n: D(n) / 100)
weights = st.lists(st.integers(min_value=1, max_value=5_000_000).map(lambda n: D(n) / 100), min_size=1, max_size=6)
rates = st.sampled_from([D(rate) for rate in ("21", "9", "0", "19", "7", "5.5", "25.5", "23", "2.1", "0.9")])


@pytest.mark.parametrize(("amount", "parts", "expected"), [
    # Shipping 5.00 over books 36.70 and a scarf 24.79: 5.00 x 36.70/61.49 = 2.9842 -> 2.98, rest 2.02.
    ("5.00", ["36.70", "24.79"], ["2.98", "2.02"]),
    ("6.05", ["20", "30"], ["2.42", "3.63"]),
    # A refund splits the same way, negative: -5.00 x 20/50 = -2.00.
    ("-5.00", ["20", "30"], ["-2.00", "-3.00"]),
    # Negative weights (refunded goods) give the same proportions.
    ("-6.05", ["-20", "-30"], ["-2.42", "-3.63"]),
    # 1/3 each: 3.3333 -> 3.33 twice, the last part takes the remainder 3.34.
    ("10.00", ["1", "1", "1"], ["3.33", "3.33", "3.34"]),
    ("7.00", ["5"], ["7.00"]),
])
def test_it_splits_in_proportion_the_last_part_taking_the_remainder(amount, parts, expected):
    assert split(D(amount), [D(weight) for weight in parts]) == [D(part) for part in expected]


def test_it_gives_everything_to_the_first_part_when_the_weights_add_up_to_zero():
    assert split(D("4.95"), [D("0"), D("0")]) == [D("4.95"), D("0")]


def test_it_splits_nothing_over_no_parts():
    assert split(D("4.95"), []) == []


@settings(max_examples=200, deadline=None)
@given(amount=cents, parts=weights)
def test_the_parts_add_up_exactly_and_each_is_within_a_cent_of_its_share(amount, parts):
    # Largest remainder: every part is its share rounded down or up, never further off, never of the
    # other sign than the amount.
    result = split(amount, parts)
    total = sum(parts)
    assert sum(result) == amount
    assert all(part == part.quantize(D("0.01")) for part in result)
    for part, weight in zip(result, parts, strict=True):
        assert abs(part - amount * weight / total) < D("0.01")
        assert part * amount >= 0


def test_no_part_has_the_opposite_sign_of_the_amount():
    assert all(part >= 0 for part in split(D("0.05"), [D("1")] * 7))


@pytest.mark.parametrize(("gross", "rate", "vat"), [
    ("121.00", "21", "21.00"),
    ("10.00", "21", "1.74"),  # 1.7355
    ("30.00", "21", "5.21"),  # 5.2066
    ("20.00", "9", "1.65"),  # 1.6514
    ("21.10", "5.5", "1.10"),
    ("125.50", "25.5", "25.50"),
    ("-10.00", "21", "-1.74"),  # refunds: the mirror image
    ("99.00", "0", "0.00"),
])
def test_it_takes_the_vat_out_of_a_gross_amount(gross, rate, vat):
    assert vat_in_gross(D(gross), D(rate)) == D(vat)


@pytest.mark.parametrize(("net", "rate", "vat"), [
    ("37.50", "21", "7.88"),  # 7.875: half up (§8), not to even
    ("12.50", "21", "2.63"),  # 2.625
    ("0.50", "21", "0.11"),  # 0.105: banker's rounding would give 0.10
    ("-0.50", "21", "-0.11"),  # half away from zero: a refund mirrors its order
    ("50.00", "21", "10.50"),
    ("12.50", "9", "1.13"),  # 1.125
])
def test_it_works_out_the_vat_on_a_net_amount_half_up(net, rate, vat):
    assert vat_on_net(D(net), D(rate)) == D(vat)


@settings(max_examples=200, deadline=None)
@given(gross=cents, rate=rates)
def test_vat_out_of_a_gross_is_within_a_cent_of_the_rate_on_what_is_left(gross, rate):
    vat = vat_in_gross(gross, rate)
    assert abs(vat - (gross - vat) * rate / 100) < D("0.01")
    assert vat_in_gross(-gross, rate) == -vat
