"""The mapping on Dutch orders (fixtures recorded from the simulator, in the shape of WooCommerce 8)."""

from datetime import UTC, datetime
from decimal import Decimal

from koppeling.connectors.sales.woocommerce.mapping import missing_rate_ids, order_to_sale, percentage

D = Decimal


def summary(sale):
    return [(line.kind, line.description, line.quantity, line.net, line.tax, line.vat_rate) for line in sale.lines]


def test_it_maps_a_mixed_rate_order_with_a_coupon(fixture):
    sale = order_to_sale(fixture("nl_order_mixed_coupon.json"))
    # Coupon lines are not lines of their own: WooCommerce line totals are after the discount.
    assert summary(sale) == [
        ("product", "Koptelefoon", D(1), D("59.46"), D("12.49"), D(21)),
        ("product", "Kookboek Hollandse pot", D(2), D("41.27"), D("3.71"), D(9)),
        ("product", "Biologische thee", D(3), D("16.07"), D("1.45"), D(9)),
        ("shipping", "PostNL", D(1), D("4.09"), D("0.86"), D(21)),
    ]
    assert (sale.total, sale.total_tax) == (D("139.40"), D("18.51"))
    assert sale.lines_net + sale.lines_tax == sale.total
    assert sale.prices_include_tax is True and sale.currency == "EUR"


def test_it_keeps_the_unit_price_as_sent(fixture):
    sale = order_to_sale(fixture("nl_order_mixed_coupon.json"))
    assert [line.unit_price for line in sale.lines[:3]] == [D("59.46"), D("20.635"), D("5.356667")]
    assert [line.sku for line in sale.lines] == ["KOP-BT-01", "BOE-KOOK-23", "THE-BIO-21", ""]


def test_it_maps_the_registered_customer_and_dates(fixture):
    sale = order_to_sale(fixture("nl_order_mixed_coupon.json"))
    customer = sale.customer
    assert (customer.id, customer.name, customer.email) == ("42", "Sanne de Vries", "sanne.devries@example.nl")
    assert (customer.address1, customer.address2) == ("Prinsengracht 263", "2e etage")
    assert (customer.zipcode, customer.city, customer.country) == ("1016 GV", "Amsterdam", "NL")
    assert sale.created_at == datetime(2024, 11, 4, 14, 30, 5, tzinfo=UTC)
    assert sale.paid_at == datetime(2024, 11, 4, 14, 31, 47, tzinfo=UTC)
    assert sale.modified_at == datetime(2024, 11, 5, 10, 0, tzinfo=UTC)
    assert (sale.payment_method, sale.payment_method_title) == ("mollie_wc_gateway_ideal", "iDEAL")


def test_it_maps_an_intra_community_order(fixture):
    sale = order_to_sale(fixture("nl_order_icp.json"))
    assert sale.customer.company == "Van Dijck Interieur BV"
    assert sale.customer.country == "BE"
    assert sale.customer.vat_number == "BE0428759497"
    assert summary(sale) == [("product", "Bureaulamp", D(4), D("145.45"), D("0.00"), D(0)),
                             ("shipping", "PostNL", D(1), D("4.09"), D("0.00"), D(0))]
    assert (sale.total, sale.total_tax) == (D("149.54"), D("0.00"))


def test_an_older_shop_needs_the_tax_table(fixture):
    order = fixture("nl_order_old_wc.json")
    assert missing_rate_ids(order) == {1, 2}
    assert [line.vat_rate for line in order_to_sale(order).lines] == [None, None, None, None]


def test_it_reads_rates_from_the_tax_table(fixture):
    table = {rate["id"]: percentage(rate["rate"]) for rate in fixture("nl_taxes.json")}
    sale = order_to_sale(fixture("nl_order_old_wc.json"), tax_rates=table)
    assert summary(sale) == [
        ("product", "Wollen sjaal", D(1), D("28.88"), D("6.07"), D(21)),
        ("product", "Koffiebonen 1 kg", D(1), D("17.39"), D("1.56"), D(9)),
        ("shipping", "PostNL", D(1), D("4.09"), D("0.86"), D(21)),
        ("fee", "Korting vaste klant", D(1), D("-5.00"), D("-1.05"), D(21)),
    ]
    assert sale.lines_net + sale.lines_tax == sale.total == D("52.80")


def test_it_takes_the_address_from_shipping_when_billing_has_none(fixture):
    customer = order_to_sale(fixture("nl_order_old_wc.json")).customer
    assert (customer.name, customer.email) == ("Daan Bakker", "daan.bakker@example.nl")
    assert (customer.address1, customer.zipcode, customer.city) == ("Dorpsstraat 5", "8011 AB", "Zwolle")
    assert customer.country == "NL"


def test_amounts_are_decimals_with_two_places(fixture):
    for name in ("nl_order_mixed_coupon.json", "nl_order_icp.json", "nl_order_old_wc.json"):
        sale = order_to_sale(fixture(name), tax_rates={1: D(21), 2: D(9)})
        amounts = [sale.total, sale.total_tax] + [v for line in sale.lines for v in (line.net, line.tax)]
        assert all(isinstance(v, Decimal) and v.as_tuple().exponent == -2 for v in amounts)


def test_amounts_may_be_json_numbers(fixture):
    order = fixture("nl_order_mixed_coupon.json")
    order["total"], order["line_items"][0]["total"], order["line_items"][0]["total_tax"] = 139.4, 59.46, 12.49
    sale = order_to_sale(order)
    assert (sale.total, sale.lines[0].net, sale.lines[0].tax) == (D("139.40"), D("59.46"), D("12.49"))
