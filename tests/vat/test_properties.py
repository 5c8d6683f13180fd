"""Properties of classify() over generated sales: consistent shop sales are booked to the cent or refused
with a catalogued code; junk never makes it raise."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from koppeling.sync.errors import CATALOGUE
from koppeling.vat import categories
from koppeling.vat.allocate import vat_in_gross, vat_on_net
from koppeling.vat.classify import VatResult, classify
from koppeling.vat.treatment import VatSettings
from tests.vat.builders import product, sale
from tests.vat.strategies import dutch_route, junk_sales, priced, valid_sales

CENT = Decimal("0.01")
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FAMILY = {"domestic": "NL_", "distance_nl": "NL_", "icp": "ICP", "export": "EXPORT"}
NO_VAT = {"GIFT_CARD", "ROUNDING", "NL_EXEMPT"}


def _per_category(result: VatResult) -> dict[categories.Category, tuple[Decimal, Decimal]]:
    totals: dict[categories.Category, tuple[Decimal, Decimal]] = {}
    for line in result.lines:
        net, tax = totals.get(line.category, (Decimal("0"), Decimal("0")))
        totals[line.category] = (net + line.net, tax + line.tax)
    return totals


def _assert_booked_correctly(sale, result: VatResult) -> None:
    assert sum(line.gross for line in result.lines) == sale.total
    family = FAMILY.get(result.treatment.kind, f"OSS_{result.treatment.country}_")
    for line in result.lines:
        assert categories.parse(line.category.code) == line.category
        assert line.category.box in categories.BOX_LABELS
        assert line.category.code.startswith(family) or line.category.code in NO_VAT
        assert line.net == line.net.quantize(CENT) and line.tax == line.tax.quantize(CENT)
        if line.category.code == "ROUNDING":
            assert abs(line.net) <= CENT and line.tax == 0
    for category, (net, tax) in _per_category(result).items():
        if category.rate is not None:
            assert abs(tax - net * category.rate / 100) <= CENT, category.code


@FAST
@given(valid_sales())
def test_a_consistent_sale_is_booked_to_the_cent_or_refused_with_a_code(generated):
    sale, vat_settings = generated
    result = classify(sale, vat_settings)
    if result.refusal:
        assert result.refusal.code in CATALOGUE
        assert result.lines == []
    else:
        _assert_booked_correctly(sale, result)


@FAST
@given(valid_sales())
def test_vat_per_category_is_computed_over_the_category_total(generated):
    """Incl. VAT: the VAT in the category's gross; excl. VAT: the VAT on the category's net."""
    sale, vat_settings = generated
    result = classify(sale, vat_settings)
    for category, (net, tax) in _per_category(result).items():
        if category.rate:
            expected = vat_in_gross(net + tax, category.rate) if sale.prices_include_tax else \
                vat_on_net(net, category.rate)
            assert tax == expected, category.code


@FAST
@given(valid_sales(incl=True, route=dutch_route()))
def test_a_consistent_dutch_sale_incl_vat_is_always_booked(generated):
    sale, vat_settings = generated
    assume(not (sale.kind == "refund" and sale.total > 0))  # refused on purpose: REFUND_NOT_NEGATIVE
    result = classify(sale, vat_settings)
    assert result.refusal is None, result.refusal and result.refusal.message
    kinds = {line.kind for line in sale.lines}
    for kind in kinds:  # each price the customer paid stays, per kind of line
        shop = sum(line.gross for line in sale.lines if line.kind == kind)
        assert sum(line.gross for line in result.lines if line.kind == kind) == shop


@FAST
@given(st.lists(st.tuples(st.integers(1, 100_000), st.sampled_from(["21", "9"]), st.integers(1, 5)),
                min_size=1, max_size=2, unique_by=lambda item: item[1]))
def test_one_line_per_rate_excl_vat_needs_no_rounding_line(items):
    lines = [priced("product", Decimal(amount) / 100, Decimal(rate), quantity, incl=False)
             for amount, rate, quantity in items]
    result = classify(sale(*lines, incl=False))
    assert result.refusal is None
    assert "ROUNDING" not in result.totals()


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(junk_sales())
def test_junk_never_makes_it_raise(generated):
    sale, vat_settings, check = generated
    result = classify(sale, vat_settings, check)
    if result.refusal:
        assert result.refusal.code in CATALOGUE
        assert result.lines == [] and result.treatment is None
    else:
        assert sum(line.gross for line in result.lines) == sale.total


@pytest.mark.parametrize("amount", ["1E+30", "NaN", "Infinity", "-Infinity"])
def test_amounts_it_cannot_represent_are_refused(amount):
    result = classify(sale(product(amount, "0.00", "21")))
    assert result.refusal is not None


def test_it_never_books_fractions_of_a_cent():
    result = classify(sale(product("10.005", "2.10", "21")))
    assert result.refusal is not None or all(line.net == line.net.quantize(CENT) for line in result.lines)


def test_a_sale_before_the_rate_table_is_refused_not_raised():
    old = sale(product("100.00", "0.00", "0"), country="DE", when="1999-06-01T12:00:00+00:00")
    result = classify(old, VatSettings(oss=True, icp_fallback="domestic"))
    assert result.refusal is not None
