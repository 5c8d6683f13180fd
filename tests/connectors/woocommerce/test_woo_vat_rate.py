"""A line's VAT rate comes from its tax rate ids; when that fails it stays unknown (None)."""

from decimal import Decimal

from koppeling.connectors.sales.woocommerce.mapping import line_vat_rate, order_rate_percents, percentage

D = Decimal
RATES = {1: D(21), 2: D(9), 3: D(0)}


def line(taxes, total_tax="0.00"):
    return {"total": "10.00", "total_tax": total_tax, "taxes": taxes}


def test_one_charged_rate():
    assert line_vat_rate(line([{"id": 2, "total": "0.9", "subtotal": "0.9"}], "0.90"), RATES) == D(9)


def test_an_unknown_rate_id_is_none():
    assert line_vat_rate(line([{"id": 99, "total": "2.1"}], "2.10"), RATES) is None


def test_two_rates_on_one_line_is_none():
    taxes = [{"id": 1, "total": "2.1"}, {"id": 2, "total": "0.9"}]
    assert line_vat_rate(line(taxes, "3.00"), RATES) is None


def test_no_taxes_and_no_tax_is_zero():
    assert line_vat_rate(line([]), RATES) == D(0)


def test_no_taxes_but_tax_charged_is_none():
    assert line_vat_rate(line([], "2.10"), RATES) is None


def test_a_configured_zero_rate():
    assert line_vat_rate(line([{"id": 3, "total": "0.00"}]), RATES) == D(0)


def test_rates_listed_without_an_amount_did_not_apply():
    taxes = [{"id": 1, "total": ""}, {"id": 2, "total": "0.90"}, {"id": 3, "total": "0"}]
    assert line_vat_rate(line(taxes, "0.90"), RATES) == D(9)
    assert line_vat_rate(line([{"id": 1, "total": "", "subtotal": ""}]), RATES) == D(0)


def test_the_order_rate_percent_wins_over_the_tax_table():
    # 6% in the order (charged before 2019) while the table now says 9%.
    order = {"tax_lines": [{"rate_id": 2, "rate_percent": 6}]}
    assert order_rate_percents(order, {1: D(21), 2: D(9)}) == {1: D(21), 2: D(6)}


def test_percentages_are_parsed_without_float():
    assert [percentage(v) for v in ("21.0000", 21, 21.0, "7.5000", "0.0000", "20")] == [
        D(21), D(21), D(21), D("7.5"), D(0), D(20)]
    assert str(percentage("20")) == "20"
    assert percentage("abc") is None and percentage(None) is None
