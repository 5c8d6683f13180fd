"""Refunds as their own canonical sales: negative amounts, the original line's VAT rate, and no
guessing when a refund does not say what it refunds."""

import copy
from decimal import Decimal

from koppeling.connectors.sales.shopify.mapping import order_to_sale, refund_to_sale

D = Decimal


def bag(amount):
    return {"shopMoney": {"amount": amount, "currencyCode": "EUR"}}


def recorded(fixture):
    data = copy.deepcopy(fixture("nl_refund_partial.json"))
    return data["refund"], data["order"]


def test_a_partial_refund_is_a_negative_sale_of_its_own(fixture):
    refund, order = recorded(fixture)
    sale = refund_to_sale(refund, order)
    order_id, refund_id = order["legacyResourceId"], refund["legacyResourceId"]
    assert (sale.kind, sale.source_id, sale.refund_of) == ("refund", f"{order_id}/refunds/{refund_id}", order_id)
    assert sale.number == f"{order['name'].lstrip('#')}-C{refund_id}"
    assert (sale.total, sale.total_tax) == (D("-4.99"), D("-0.41"))
    assert sale.lines_net + sale.lines_tax == sale.total
    (line,) = sale.lines
    assert (line.description, line.quantity, line.net, line.tax, line.vat_rate) == (
        "Stroopwafels (doos)", 1, D("-4.58"), D("-0.41"), 9)
    assert sale.reason == "Retour: past niet" and sale.payment_method == "shopify_payments"
    assert sale.customer == order_to_sale(order).customer


def test_refunded_shipping_is_a_negative_shipping_line(fixture):
    refund, order = recorded(fixture)
    refund["refundShippingLines"]["nodes"] = [{
        "subtotalAmountSet": bag("4.95"), "taxAmountSet": bag("0.86"),
        "shippingLine": {"title": "PostNL", "taxLines": order["shippingLines"]["nodes"][0]["taxLines"]}}]
    refund["totalRefundedSet"] = bag("9.94")
    sale = refund_to_sale(refund, order)
    shipping = sale.lines[-1]
    assert (shipping.kind, shipping.net, shipping.tax, shipping.vat_rate) == ("shipping", D("-4.09"), D("-0.86"), 21)
    assert sale.total == D("-9.94") == sale.lines_net + sale.lines_tax


def test_an_amount_only_refund_has_no_lines_so_it_is_refused(fixture):
    refund, order = recorded(fixture)
    refund["refundLineItems"]["nodes"] = []
    refund["orderAdjustments"]["nodes"] = [{"reason": "REFUND_DISCREPANCY", "amountSet": bag("-10.00"),
                                            "taxAmountSet": bag("0.00")}]
    refund["totalRefundedSet"] = bag("10.00")
    sale = refund_to_sale(refund, order)
    assert sale.lines == [] and sale.total == D("-10.00")


def test_a_refund_of_the_whole_total_without_lines_returns_every_order_line(fixture):
    refund, order = recorded(fixture)
    refund["refundLineItems"]["nodes"] = []
    refund["totalRefundedSet"] = order["totalPriceSet"]
    original = order_to_sale(order)
    sale = refund_to_sale(refund, order)
    assert [line.net for line in sale.lines] == [-line.net for line in original.lines]
    assert sale.total == -original.total == sale.lines_net + sale.lines_tax


def test_an_amount_beyond_the_lines_becomes_a_line_without_a_rate(fixture):
    refund, order = recorded(fixture)
    refund["orderAdjustments"]["nodes"] = [{"reason": "REFUND_DISCREPANCY", "amountSet": bag("-2.00"),
                                            "taxAmountSet": bag("0.00")}]
    refund["totalRefundedSet"] = bag("6.99")
    sale = refund_to_sale(refund, order)
    extra = sale.lines[-1]
    assert (extra.kind, extra.net, extra.vat_rate) == ("fee", D("-2.00"), None)
    assert sale.lines_net + sale.lines_tax == sale.total == D("-6.99")


def test_a_refund_without_vat_on_a_taxed_line_has_no_rate(fixture):
    refund, order = recorded(fixture)
    item = refund["refundLineItems"]["nodes"][0]
    item["totalTaxSet"] = bag("0.00")
    assert refund_to_sale(refund, order).lines[0].vat_rate is None
