"""The mapping on the WooCommerce documentation's own sample order (order 727, US sales tax)."""

from datetime import UTC, datetime
from decimal import Decimal

from koppeling.connectors.sales.woocommerce.mapping import order_to_sale

# The sample's tax_lines carry no rate_percent: the rate comes from the shop's tax table.
SAMPLE_RATES = {75: Decimal("7.5")}


def test_it_maps_the_order_header(fixture):
    order = fixture("woocommerce_order.json")
    sale = order_to_sale(order, tax_rates=SAMPLE_RATES)
    assert (sale.kind, sale.source_id, sale.number, sale.status) == ("order", "727", "727", "processing")
    assert sale.currency == "USD"
    assert sale.prices_include_tax is False
    assert sale.total == Decimal("29.35") and sale.total_tax == Decimal("1.35")
    assert sale.created_at == datetime(2017, 3, 22, 19, 28, 2, tzinfo=UTC)
    assert sale.modified_at == datetime(2017, 3, 22, 19, 28, 8, tzinfo=UTC)
    assert sale.paid_at == datetime(2017, 3, 22, 19, 28, 8, tzinfo=UTC)
    assert (sale.payment_method, sale.payment_method_title) == ("bacs", "Direct Bank Transfer")
    assert sale.raw == order
    assert sale.refund_of == "" and sale.reason == ""


def test_it_maps_the_guest_customer(fixture):
    customer = order_to_sale(fixture("woocommerce_order.json")).customer
    assert customer.id == "0"
    assert customer.name == "John Doe"
    assert customer.company == ""
    assert customer.email == "john.doe@example.com"
    assert (customer.address1, customer.address2) == ("969 Market", "")
    assert (customer.zipcode, customer.city, customer.country) == ("94103", "San Francisco", "US")
    assert customer.vat_number == ""


def test_it_maps_product_lines_after_discount(fixture):
    lines = order_to_sale(fixture("woocommerce_order.json"), tax_rates=SAMPLE_RATES).lines
    first, second = lines[0], lines[1]
    assert (first.kind, first.description, first.sku) == ("product", "Woo Single #1", "")
    assert first.quantity == Decimal("2")
    assert first.unit_price == Decimal("3")
    assert (first.net, first.tax, first.vat_rate) == (Decimal("6.00"), Decimal("0.45"), Decimal("7.5"))
    # The name comes HTML-escaped from WordPress; the "0.9" tax string still becomes 0.90.
    assert second.description == "Ship Your Idea \u2013 Color: Black, Size: M Test"
    assert (second.sku, second.quantity, second.unit_price) == ("Bar3", Decimal("1"), Decimal("12"))
    assert (second.net, second.tax, second.vat_rate) == (Decimal("12.00"), Decimal("0.90"), Decimal("7.5"))
    assert str(second.tax) == "0.90"


def test_it_maps_untaxed_shipping_as_zero_rate(fixture):
    shipping = order_to_sale(fixture("woocommerce_order.json"), tax_rates=SAMPLE_RATES).lines[2]
    assert (shipping.kind, shipping.description, shipping.quantity) == ("shipping", "Flat Rate", Decimal("1"))
    assert (shipping.net, shipping.tax, shipping.vat_rate) == (Decimal("10.00"), Decimal("0.00"), Decimal("0"))


def test_lines_add_up_to_the_order_total(fixture):
    sale = order_to_sale(fixture("woocommerce_order.json"), tax_rates=SAMPLE_RATES)
    assert sale.lines_net + sale.lines_tax == sale.total
    assert sale.lines_tax == sale.total_tax
    assert all(isinstance(v, Decimal) for line in sale.lines for v in (line.net, line.tax))


def test_it_leaves_the_rate_unknown_without_the_tax_table(fixture):
    sale = order_to_sale(fixture("woocommerce_order.json"))
    assert [line.vat_rate for line in sale.lines] == [None, None, Decimal("0")]
