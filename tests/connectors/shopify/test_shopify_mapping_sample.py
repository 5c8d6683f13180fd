"""The constructed GraphQL sample (shopify_order_graphql.json) as a canonical sale, to the cent."""

from datetime import UTC, datetime
from decimal import Decimal

from koppeling.connectors.sales.shopify.mapping import order_to_sale

D = Decimal


def sample_order(fixture):
    return fixture("shopify_order_graphql.json")["data"]["orders"]["edges"][0]["node"]


def test_the_sample_maps_to_the_shops_totals(fixture):
    sale = order_to_sale(sample_order(fixture))
    assert (sale.kind, sale.source_id, sale.number, sale.status) == ("order", "5639344201653", "1001", "PAID")
    assert (sale.total, sale.total_tax) == (D("127.05"), D("22.05"))
    assert sale.lines_net + sale.lines_tax == sale.total and sale.lines_tax == sale.total_tax
    assert sale.prices_include_tax and sale.currency == "EUR"


def test_each_line_takes_the_vat_out_of_its_price(fixture):
    product, shipping = order_to_sale(sample_order(fixture)).lines
    assert (product.kind, product.description, product.sku, product.quantity) == ("product", "T-shirt", "TSHIRT-M", 2)
    assert (product.net, product.tax, product.vat_rate, product.unit_price) == (D("100.00"), D("21.00"), 21, D("60.50"))
    assert (shipping.kind, shipping.description) == ("shipping", "PostNL")
    # The shipping tax line gives `rate` (0.21) but no ratePercentage.
    assert (shipping.net, shipping.tax, shipping.vat_rate) == (D("5.00"), D("1.05"), 21)


def test_customer_and_dates(fixture):
    sale = order_to_sale(sample_order(fixture))
    customer = sale.customer
    assert (customer.id, customer.name, customer.company) == ("7012345678901", "Jan Jansen", "Jansen BV")
    assert (customer.email, customer.address1, customer.zipcode, customer.city, customer.country) == (
        "jan@example.nl", "Damrak 1", "1012 LG", "Amsterdam", "NL")
    assert sale.created_at == datetime(2025, 1, 15, 10, 21, 5, tzinfo=UTC)  # processedAt
    assert sale.modified_at == datetime(2025, 1, 15, 10, 25, 40, tzinfo=UTC)


def test_the_sample_has_no_transactions_so_no_payment_is_guessed(fixture):
    sale = order_to_sale(sample_order(fixture))
    assert sale.payment_method == "" and sale.paid_at is None
