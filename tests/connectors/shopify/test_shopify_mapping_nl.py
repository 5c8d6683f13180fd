"""Dutch orders recorded from the simulator, and variations on them: discounts, VAT numbers, VAT
rates that are never guessed, prices excluding VAT, payments."""

import copy
from decimal import Decimal

from koppeling.connectors.sales.shopify.mapping import money, order_to_sale
from koppeling.sync.canonical import from_json, to_json

D = Decimal


def order(fixture, name="nl_order_discount.json"):
    return copy.deepcopy(fixture(name)["order"])


def bag(amount):
    return {"shopMoney": {"amount": amount, "currencyCode": "EUR"}}


def tax(amount, rate):
    return {"title": "BTW", "rate": rate / 100, "ratePercentage": float(rate), "priceSet": bag(amount)}


def test_a_fixed_discount_over_two_rates_adds_up_to_the_cent(fixture):
    data = order(fixture)
    allocated = sum(money(a["allocatedAmountSet"]) for item in data["lineItems"]["nodes"]
                    for a in item["discountAllocations"])
    assert allocated == D("5.00")
    sale = order_to_sale(data)
    assert sale.total == D("423.70") == sale.lines_net + sale.lines_tax
    assert sale.total_tax == D("68.42") == sale.lines_tax
    assert [line.vat_rate for line in sale.lines if line.kind == "product"] == [21, 21, 9]
    lamp = next(line for line in sale.lines if line.description == "Bureaulamp")
    # 3 x 44.00 = 132.00, minus its share of the discount (1.54): 130.46 incl. 22.64 VAT.
    assert (lamp.quantity, lamp.unit_price, lamp.net, lamp.tax) == (3, D("44.00"), D("107.82"), D("22.64"))


def test_free_shipping_is_a_zero_line_at_the_shipping_rate(fixture):
    shipping = order_to_sale(order(fixture)).lines[-1]
    assert (shipping.kind, shipping.net, shipping.tax, shipping.vat_rate) == ("shipping", 0, 0, 21)


def test_an_eu_business_order_carries_its_vat_number(fixture):
    sale = order_to_sale(order(fixture, "nl_order_icp.json"))
    assert (sale.customer.company, sale.customer.country) == ("Van Dijck Interieur BV", "BE")
    assert sale.customer.vat_number == "BE0428759497"
    assert all(line.vat_rate == 0 and line.tax == 0 for line in sale.lines)
    assert sale.total == sale.lines_net == D("61.85")


def test_the_vat_number_comes_from_the_configured_attribute_first(fixture):
    data = order(fixture, "nl_order_icp.json")
    data["customAttributes"] = [{"key": "vat_number", "value": "BE0000000097"},
                                {"key": "BTW-nummer klant", "value": "BE0428759497"}]
    data["customer"]["vatNumber"] = None
    assert order_to_sale(data, vat_attribute="btw nummer klant").customer.vat_number == "BE0428759497"
    assert order_to_sale(data).customer.vat_number == "BE0000000097"


def test_the_vat_number_can_come_from_a_customer_metafield(fixture):
    data = order(fixture, "nl_order_icp.json")
    data["customAttributes"] = []
    assert data["customer"]["vatNumber"] == {"value": "BE0428759497"}
    assert order_to_sale(data).customer.vat_number == "BE0428759497"


def test_a_line_taxed_at_two_rates_has_no_rate(fixture):
    data = order(fixture)
    item = data["lineItems"]["nodes"][0]
    item["taxLines"] = [tax("20.00", 21), tax("21.14", 9)]
    assert order_to_sale(data).lines[0].vat_rate is None


def test_a_taxed_line_without_a_rate_has_no_rate(fixture):
    data = order(fixture)
    data["lineItems"]["nodes"][0]["taxLines"] = [{"title": "BTW", "priceSet": bag("41.14")}]
    assert order_to_sale(data).lines[0].vat_rate is None


def test_prices_excluding_vat_put_the_tax_on_top(fixture):
    data = order(fixture, "nl_order_icp.json")
    data["taxesIncluded"] = False
    item = data["lineItems"]["nodes"][0]
    item["taxLines"] = [tax("12.13", 21)]
    data["totalPriceSet"], data["totalTaxSet"] = bag("73.98"), bag("12.13")
    sale = order_to_sale(data)
    assert (sale.lines[0].net, sale.lines[0].tax, sale.lines[0].vat_rate) == (D("57.76"), D("12.13"), 21)
    assert not sale.prices_include_tax and sale.lines_net + sale.lines_tax == sale.total


def test_a_gift_card_is_its_own_kind_of_line(fixture):
    data = order(fixture, "nl_order_icp.json")
    data["lineItems"]["nodes"][0].update(isGiftCard=True, name="Cadeaubon")
    line = order_to_sale(data).lines[0]
    assert (line.kind, line.vat_rate) == ("gift_card", 0)


def test_a_paid_order_names_its_gateway_and_payment_time(fixture):
    sale = order_to_sale(order(fixture))
    assert (sale.payment_method, sale.payment_method_title) == ("shopify_payments", "Shopify Payments")
    assert sale.paid_at is not None and sale.status == "PAID"


def test_two_payment_methods_book_no_payment_rather_than_guess_the_split(fixture):
    data = order(fixture)
    card = copy.deepcopy(data["transactions"][0])
    data["transactions"].append({**card, "gateway": "gift_card", "formattedGateway": "Gift card"})
    sale = order_to_sale(data)
    assert (sale.payment_method, sale.paid_at) == ("", None)


def test_a_partly_paid_order_has_no_payment_date(fixture):
    data = order(fixture)
    data["displayFinancialStatus"] = "PARTIALLY_PAID"
    assert order_to_sale(data).paid_at is None


def test_a_test_order_gets_a_status_that_is_never_booked(fixture):
    data = order(fixture)
    data["test"] = True
    assert order_to_sale(data).status == "TEST"


def test_the_sale_survives_its_json_form(fixture):
    sale = order_to_sale(order(fixture))
    again = from_json(to_json(sale))
    assert again.lines == sale.lines and again.total == sale.total and again.customer == sale.customer
