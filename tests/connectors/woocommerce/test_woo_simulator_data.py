"""The generated orders are realistic and add up to the cent, as WooCommerce's do."""

import json
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal

import pytest
from stdnum.eu import vat

from koppeling.simulators.woo_data import SCENARIOS
from koppeling.simulators.woocommerce import WooCommerceSimulator

D = Decimal
NOW = datetime(2024, 6, 1, 12, 0, tzinfo=UTC)
EU = {"BE", "DE", "FR", "AT", "ES", "IT", "LU", "DK", "SE", "PL"}


@pytest.fixture
def wc(tmp_path):
    return WooCommerceSimulator(tmp_path / "woo.json", seed=11, clock=lambda: NOW)


def gross_lines(order):
    return [item for key in ("line_items", "shipping_lines", "fee_lines") for item in order[key]]


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_every_scenario_adds_up_to_the_cent(wc, scenario):
    for _ in range(10):
        order = wc.generate_order(scenario)
        lines = gross_lines(order)
        assert D(order["total"]) == sum(D(i["total"]) + D(i["total_tax"]) for i in lines)
        assert D(order["total_tax"]) == D(order["cart_tax"]) + D(order["shipping_tax"])
        assert D(order["total_tax"]) == sum(D(t["tax_total"]) + D(t["shipping_tax_total"]) for t in order["tax_lines"])
        for item in order["line_items"]:
            for tax in item["taxes"]:
                assert D(tax["total"]) == D(item["total_tax"])
                rate = {1: D(21), 2: D(9)}[tax["id"]]
                gross = D(item["total"]) + D(item["total_tax"])
                expected = (gross * rate / (100 + rate)).quantize(D("0.01"), rounding=ROUND_HALF_UP)
                assert D(item["total_tax"]) == expected


def test_consumers_are_dutch(wc):
    billing = wc.generate_order()["billing"]
    assert billing["country"] == "NL"
    assert len(billing["postcode"]) == 7 and billing["postcode"][:4].isdigit() and billing["postcode"][5:].isupper()
    assert billing["email"].endswith("@example.nl")


def test_scenarios_carry_what_their_name_says(wc):
    mixed = wc.generate_order("mixed_rates")
    assert {t["rate_id"] for t in mixed["tax_lines"]} == {1, 2}
    coupon = wc.generate_order("coupon")
    assert coupon["coupon_lines"][0]["code"] == "welkom10" and D(coupon["discount_total"]) > 0
    no_vat = wc.generate_order("shipping_no_vat")
    assert no_vat["shipping_lines"][0]["taxes"] == [] and D(no_vat["cart_tax"]) > 0
    assert wc.generate_order("unmapped_payment")["payment_method"] == "klarna_pay_later"
    assert wc.generate_order("pending")["status"] == "pending"
    on_hold = wc.generate_order("on_hold")
    assert (on_hold["status"], on_hold["date_paid_gmt"]) == ("on-hold", None)


def test_icp_orders_have_a_valid_vat_number_or_none(wc):
    valid = wc.generate_order("icp_valid")
    number = {m["key"]: m["value"] for m in valid["meta_data"]}["_billing_vat_number"]
    assert vat.is_valid(number) and valid["billing"]["country"] in EU and valid["total_tax"] == "0.00"
    missing = wc.generate_order("icp_missing")
    assert "_billing_vat_number" not in {m["key"] for m in missing["meta_data"]}
    assert missing["billing"]["company"] and missing["billing"]["country"] in EU and missing["total_tax"] == "0.00"


def test_unknown_scenarios_are_refused(wc):
    with pytest.raises(ValueError):
        wc.generate_order("black_friday")


def test_refunds_update_the_order(wc):
    order = wc.generate_order("mixed_rates", status="completed")
    refund = wc.add_refund(order["id"], reason="Kapot")
    stored = wc.state["orders"][str(order["id"])]
    assert refund["amount"] == order["total"] and stored["status"] == "refunded"
    assert stored["refunds"] == [{"id": refund["id"], "reason": "Kapot", "total": f"-{order['total']}"}]
    assert stored["date_modified_gmt"] == "2024-06-01T12:00:00"
    assert all(D(item["total"]) < 0 and item["quantity"] < 0 for item in refund["line_items"])
    with pytest.raises(ValueError):
        wc.add_refund(order["id"], amount="0.01")


def test_the_state_persists_as_json_without_floats(wc, tmp_path):
    order = wc.generate_order("coupon")
    wc.add_refund(order["id"], amount="1.00")
    text = (tmp_path / "woo.json").read_text()
    assert not any(isinstance(v, float) for v in _walk(json.loads(text)))
    again = WooCommerceSimulator(tmp_path / "woo.json", seed=1)
    assert again.state["orders"][str(order["id"])]["total"] == order["total"]


def test_the_same_seed_gives_the_same_shop():
    first, second = (WooCommerceSimulator(seed=3, clock=lambda: NOW) for _ in range(2))
    assert [first.generate_order("mixed_rates") for _ in range(3)] == [second.generate_order("mixed_rates")
                                                                       for _ in range(3)]


def test_the_demo_stream_stays_consistent(wc):
    actions = [wc.demo_tick()["action"] for _ in range(150)]
    assert actions.count("order") > 80 and {"paid", "completed"} <= set(actions)
    for order in wc.state["orders"].values():
        refunded = sum(-D(r["total"]) for r in order["refunds"])
        assert D("0") <= refunded <= D(order["total"])
        assert D(order["total"]) == sum(D(i["total"]) + D(i["total_tax"]) for i in gross_lines(order))


def _walk(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _walk(item)
    elif isinstance(value, list):
        for item in value:
            yield from _walk(item)
    else:
        yield value
