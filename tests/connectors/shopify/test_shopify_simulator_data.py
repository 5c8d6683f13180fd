"""The simulator's orders are Dutch, Shopify-shaped, and add up to the cent as Shopify's do."""

from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest

from koppeling.simulators import shopify_data as data
from koppeling.simulators.shopify import ShopifySimulator

D = Decimal
NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


@pytest.fixture
def shop():
    return ShopifySimulator(seed=11, clock=lambda: NOW)


def amount(bag) -> Decimal:
    return D(bag["shopMoney"]["amount"])


def line_gross(item) -> Decimal:
    return amount(item["originalTotalSet"]) - sum((amount(a["allocatedAmountSet"])
                                                   for a in item["discountAllocations"]), D(0))


@pytest.mark.parametrize("scenario", data.SCENARIOS)
def test_every_scenario_adds_up_to_the_cent(shop, scenario):
    for _ in range(8):
        node = data.graphql_order(shop.generate_order(scenario))
        items, shipping = node["lineItems"]["nodes"], node["shippingLines"]["nodes"]
        goods = sum((line_gross(item) for item in items), D(0))
        ship = sum((amount(s["originalPriceSet"]) - sum((amount(a["allocatedAmountSet"])
                                                          for a in s["discountAllocations"]), D(0))
                    for s in shipping), D(0))
        taxes = [t for line in items + shipping for t in line["taxLines"]]
        assert amount(node["totalPriceSet"]) == goods + ship  # taxesIncluded
        assert amount(node["totalTaxSet"]) == sum((amount(t["priceSet"]) for t in taxes), D(0))
        assert amount(node["totalTaxSet"]) == sum((amount(t["priceSet"]) for t in node["taxLines"]), D(0))
        for item in items:
            for tax in item["taxLines"]:
                rate = D(str(tax["ratePercentage"]))
                expected = (line_gross(item) * rate / (100 + rate)).quantize(D("0.01"), rounding=ROUND_HALF_UP)
                assert amount(tax["priceSet"]) == expected


def test_discount_codes_are_spread_over_the_lines_to_the_cent(shop):
    for _ in range(20):
        order = shop.generate_order("discount")
        allocated = sum(D(d["amount"]) for item in order["line_items"] for d in item["discounts"])
        kind, value = data.DISCOUNT_CODES[order["discount_code"]]
        if kind == "fixed":
            assert allocated == value
        else:
            assert allocated == sum(
                (D(i["price"]) * i["quantity"] * value / 100).quantize(D("0.01"), rounding=ROUND_HALF_UP)
                for i in order["line_items"])


def test_scenarios_carry_what_their_name_says(shop):
    mixed = data.graphql_order(shop.generate_order("mixed_rates"))
    assert {t["ratePercentage"] for t in mixed["taxLines"]} == {21.0, 9.0}
    no_vat = shop.generate_order("shipping_no_vat")
    assert no_vat["shipping_lines"][0]["tax_lines"] == [] and no_vat["line_items"][0]["tax_lines"]
    icp = shop.generate_order("icp_valid")
    assert icp["billing_address"]["country_code"] in {"BE", "DE"} and icp["tax_exempt"]
    assert icp["note_attributes"][0]["name"] == "vat_number"
    assert icp["customer"]["metafields"][data.VAT_METAFIELD] == icp["note_attributes"][0]["value"]
    assert shop.generate_order("icp_missing")["note_attributes"] == []
    pending = shop.generate_order("pending")
    assert pending["financial_status"] == "PENDING" and pending["transactions"][0]["status"] == "PENDING"
    assert shop.generate_order("unmapped_payment")["gateway"] == "klarna"
    assert shop.generate_order()["billing_address"]["zip"][:4].isdigit()


def test_payment_and_refunds_change_the_financial_status(shop):
    order = shop.generate_order("pending")
    paid = shop.set_status(order["id"], "PAID")
    assert [(t["kind"], t["status"]) for t in paid["transactions"]] == [("SALE", "PENDING"), ("SALE", "SUCCESS")]
    order = shop.generate_order("mixed_rates")
    first = shop.add_refund(order["id"], [order["line_items"][0]["id"]], note="Retour")
    assert shop.order(order["id"])["financial_status"] == "PARTIALLY_REFUNDED"
    rest = shop.add_refund(order["id"])
    totals = data.totals(shop.order(order["id"]))
    assert shop.order(order["id"])["financial_status"] == "REFUNDED"
    assert D(first["amount"]) + D(rest["amount"]) == totals["total"] == totals["refunded"]
    with pytest.raises(ValueError):
        shop.add_refund(order["id"], amount="1.00")


def test_the_rest_shape_is_what_webhooks_carry(shop):
    order = shop.generate_order()
    body = data.rest_order(shop.order(order["id"]))
    assert body["id"] == order["id"] and body["name"] == order["name"] and body["financial_status"] == "paid"
    assert body["admin_graphql_api_id"] == f"gid://shopify/Order/{order['id']}"
    assert body["created_at"].endswith(("+01:00", "+02:00")) and body["taxes_included"] is True


def test_the_demo_stream_does_what_a_shop_does(shop):
    actions = [shop.demo_tick()["action"] for _ in range(150)]
    assert actions.count("order") > 100 and "paid" in actions and "refund" in actions
