"""Refunds become sales of their own, with negative amounts."""

from datetime import UTC, datetime
from decimal import Decimal

from koppeling.connectors.sales.woocommerce.mapping import order_to_sale, refund_to_sale

D = Decimal
TABLE = {1: D(21), 2: D(9)}


def test_it_maps_a_line_refund(fixture):
    order = fixture("nl_order_mixed_coupon.json")
    sale = refund_to_sale(fixture("nl_refund_partial.json"), order)
    assert (sale.kind, sale.source_id, sale.refund_of) == ("refund", "1001/refunds/1002", "1001")
    assert sale.number == "1001-C1002"
    assert sale.status == "processing"  # the order's own status
    assert sale.reason == "Boek beschadigd"
    assert sale.created_at == sale.modified_at == datetime(2024, 11, 5, 10, 0, tzinfo=UTC)
    assert (sale.total, sale.total_tax) == (D("-22.50"), D("-1.86"))
    [line] = sale.lines
    assert (line.kind, line.description, line.quantity) == ("product", "Kookboek Hollandse pot", D(1))
    assert (line.net, line.tax, line.vat_rate) == (D("-20.64"), D("-1.86"), D(9))
    assert sale.lines_net + sale.lines_tax == sale.total


def test_the_refund_keeps_the_order_customer_and_payment(fixture):
    order = fixture("nl_order_mixed_coupon.json")
    sale = refund_to_sale(fixture("nl_refund_partial.json"), order)
    assert sale.customer.name == "Sanne de Vries" and sale.customer.id == "42"
    assert (sale.payment_method, sale.currency, sale.prices_include_tax) == ("mollie_wc_gateway_ideal", "EUR", True)
    assert sale.raw["id"] == 1002


def test_an_amount_only_refund_has_no_lines(fixture):
    sale = refund_to_sale(fixture("nl_refund_amount_only.json"), fixture("nl_order_old_wc.json"), tax_rates=TABLE)
    assert sale.lines == []
    assert (sale.total, sale.total_tax) == (D("-10.00"), D("0.00"))
    assert sale.reason == "Coulance"


def test_a_refund_of_the_whole_order_copies_every_line_negated(fixture):
    order = fixture("nl_order_old_wc.json")
    refund = {**fixture("nl_refund_amount_only.json"), "amount": "52.80"}
    sale = refund_to_sale(refund, order, tax_rates=TABLE)
    assert [(line.kind, line.quantity, line.net, line.tax, line.vat_rate) for line in sale.lines] == [
        ("product", D(1), D("-28.88"), D("-6.07"), D(21)),
        ("product", D(1), D("-17.39"), D("-1.56"), D(9)),
        ("shipping", D(1), D("-4.09"), D("-0.86"), D(21)),
        ("fee", D(1), D("5.00"), D("1.05"), D(21)),
    ]
    assert sale.total == D("-52.80") == sale.lines_net + sale.lines_tax
    assert sale.total_tax == D("-7.44")


def test_it_maps_the_documentation_refund_sample(fixture):
    order = fixture("woocommerce_order.json")
    sale = refund_to_sale(fixture("woocommerce_refund.json"), order, tax_rates={75: D("7.5")})
    assert (sale.source_id, sale.number, sale.total) == ("727/refunds/726", "727-C726", D("-10.00"))
    assert sale.created_at == datetime(2017, 3, 21, 20, 7, 11, tzinfo=UTC)
    assert sale.lines == []


def test_a_refund_line_is_negative_with_a_positive_quantity(fixture):
    order = {**fixture("woocommerce_order.json"), "id": 723, "number": "723"}
    refund = fixture("woocommerce_refunds_list.json")[1]
    [line] = refund_to_sale(refund, order, tax_rates={75: D("7.5")}).lines
    assert (line.quantity, line.net, line.tax, line.unit_price) == (D(1), D("-9.00"), D("0.00"), D(-9))
    assert line.vat_rate == D(0)  # the refunded line (311) is not in this order: no VAT, no tax


def test_it_refuses_a_refund_without_vat_of_a_taxed_line(fixture):
    order = {**fixture("woocommerce_order.json"), "id": 723, "number": "723"}
    order["line_items"] = [{**order["line_items"][0], "id": 311}]
    refund = fixture("woocommerce_refunds_list.json")[1]
    [line] = refund_to_sale(refund, order, tax_rates={75: D("7.5")}).lines
    # The original line carried 7.5% but the refund returns no VAT: unknown, never guessed.
    assert line.vat_rate is None


def test_a_refunded_order_keeps_its_own_total(fixture):
    order = fixture("nl_order_old_wc_refunded.json")
    assert order["refunds"] == [{"id": 1005, "reason": "Coulance", "total": "-10.00"}]
    sale = refund_to_sale(fixture("nl_refund_amount_only.json"), order, tax_rates=TABLE)
    assert sale.source_id == "1004/refunds/1005" and sale.refund_of == "1004"
    assert order_to_sale(order, tax_rates=TABLE).total == D("52.80")
