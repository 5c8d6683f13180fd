"""The simulator's REST API: shapes, paging headers, filters and writes, as WooCommerce does them."""

import re
from datetime import UTC, datetime

import httpx
import pytest

from koppeling.simulators.woocommerce import WooCommerceSimulator


@pytest.fixture
def wc():
    return WooCommerceSimulator(seed=5, clock=lambda: datetime(2024, 6, 1, 12, 0, tzinfo=UTC))


@pytest.fixture
def api(wc):
    # Over https (WSGI url scheme) Basic auth is accepted, as in a real shop.
    with httpx.Client(transport=httpx.WSGITransport(app=wc.wsgi), base_url="https://shop.test/wp-json/wc/v3",
                      auth=(wc.consumer_key, wc.consumer_secret)) as client:
        yield client


def test_orders_have_every_field_of_the_documented_sample(wc, api, fixture):
    sample = fixture("woocommerce_order.json")
    wc.generate_order("coupon")
    [order] = api.get("/orders").json()
    assert set(sample) <= set(order)
    assert set(sample["line_items"][0]) <= set(order["line_items"][0])
    assert set(sample["tax_lines"][0]) | {"rate_percent"} <= set(order["tax_lines"][0])
    assert set(sample["shipping_lines"][0]) <= set(order["shipping_lines"][0])
    money = ("discount_total", "discount_tax", "shipping_total", "shipping_tax", "cart_tax", "total", "total_tax")
    assert all(re.fullmatch(r"\d+\.\d\d", order[key]) for key in money)
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d", order["date_created_gmt"])
    assert isinstance(order["line_items"][0]["price"], int | float)
    assert order["_links"]["self"][0]["href"] == f"https://shop.test/wp-json/wc/v3/orders/{order['id']}"


def test_it_pages_with_headers_and_links(wc, api):
    for _ in range(25):
        wc.generate_order()
    response = api.get("/orders", params={"per_page": 10, "page": 2, "orderby": "id", "order": "asc"})
    assert (response.headers["X-WP-Total"], response.headers["X-WP-TotalPages"]) == ("25", "3")
    assert [o["id"] for o in response.json()] == list(range(1011, 1021))
    link = response.headers["Link"]
    assert 'page=1' in link.split(",")[0] and 'rel="prev"' in link
    assert 'page=3' in link.split(",")[1] and 'rel="next"' in link
    assert len(api.get("/orders").json()) == 10  # the default page size


def test_per_page_is_at_most_a_hundred(api):
    response = api.get("/orders", params={"per_page": 101})
    assert response.status_code == 400
    assert response.json()["code"] == "rest_invalid_param"
    assert "per_page" in response.json()["data"]["params"]


def test_it_filters_on_status_and_dates(wc, api):
    early = wc.generate_order(created_at=datetime(2024, 1, 1, 10, tzinfo=UTC))
    pending = wc.generate_order("pending", created_at=datetime(2024, 3, 1, 10, tzinfo=UTC))
    assert [o["id"] for o in api.get("/orders", params={"status": "pending"}).json()] == [pending["id"]]
    after = {"after": "2024-02-01T00:00:00", "dates_are_gmt": "true"}
    assert [o["id"] for o in api.get("/orders", params=after).json()] == [pending["id"]]
    before = {"before": "2024-02-01T00:00:00+01:00"}
    assert [o["id"] for o in api.get("/orders", params=before).json()] == [early["id"]]
    assert api.get("/orders", params={"orderby": "title-ish"}).status_code == 400


def test_a_status_change_updates_date_modified(wc, api):
    order = wc.generate_order("pending", created_at=datetime(2024, 5, 1, 9, tzinfo=UTC))
    assert order["date_paid_gmt"] is None
    updated = api.put(f"/orders/{order['id']}", json={"status": "processing"}).json()
    assert updated["status"] == "processing"
    assert updated["date_modified_gmt"] == updated["date_paid_gmt"] == "2024-06-01T12:00:00"


def test_it_creates_an_order_from_products(api):
    body = {"set_paid": True, "payment_method": "bacs", "line_items": [{"product_id": 11, "quantity": 2}],
            "shipping_lines": [{"method_id": "flat_rate"}], "billing": {"first_name": "Emma", "country": "NL"}}
    response = api.post("/orders", json=body)
    assert response.status_code == 201
    order = response.json()
    assert order["status"] == "processing" and order["created_via"] == "rest-api"
    assert order["total"] == "164.85"  # 2 x 79.95 + 4.95 shipping, all incl. 21%
    assert api.post("/orders", json={"line_items": [{"product_id": 999}]}).status_code == 400


def test_it_creates_and_lists_refunds(wc, api):
    order = wc.generate_order("mixed_rates", status="completed")
    item = order["line_items"][0]
    response = api.post(f"/orders/{order['id']}/refunds", json={"reason": "Retour", "line_items": [{"id": item["id"]}]})
    assert response.status_code == 201
    refund = response.json()
    assert refund["line_items"][0]["quantity"] == -item["quantity"]
    assert refund["line_items"][0]["total"] == f"-{item['total']}"
    assert refund["line_items"][0]["meta_data"][0] == {"id": refund["line_items"][0]["id"],
                                                       "key": "_refunded_item_id", "value": str(item["id"])}
    again = api.get(f"/orders/{order['id']}").json()
    assert again["refunds"] == [{"id": refund["id"], "reason": "Retour", "total": f"-{refund['amount']}"}]
    assert [r["id"] for r in api.get(f"/orders/{order['id']}/refunds").json()] == [refund["id"]]
    assert api.get(f"/orders/{order['id']}/refunds/{refund['id']}").json()["amount"] == refund["amount"]


def test_it_refuses_a_refund_above_what_is_left(wc, api):
    order = wc.generate_order()
    response = api.post(f"/orders/{order['id']}/refunds", json={"amount": "100000.00"})
    assert (response.status_code, response.json()["code"]) == (400, "woocommerce_rest_cannot_create_order_refund")


def test_unknown_ids_are_404(api):
    response = api.get("/orders/424242")
    assert (response.status_code, response.json()["code"]) == (404, "woocommerce_rest_shop_order_invalid_id")
    assert api.get("/orders/424242/refunds").status_code == 404


def test_taxes_and_gateways(api):
    taxes = api.get("/taxes").json()
    assert [(t["id"], t["rate"], t["class"]) for t in taxes] == [(1, "21.0000", "standard"),
                                                               (2, "9.0000", "reduced-rate")]
    gateways = {g["id"]: g for g in api.get("/payment_gateways").json()}
    assert gateways["mollie_wc_gateway_ideal"]["title"] == "iDEAL"
    assert gateways["klarna_pay_later"]["enabled"] is True and gateways["cod"]["enabled"] is False


def test_the_admin_routes_drive_the_shop(wc):
    with httpx.Client(transport=httpx.WSGITransport(app=wc.wsgi), base_url="http://shop.test") as admin:
        ids = admin.post("/_sim/orders", json={"count": 3, "scenario": "on_hold"}).json()["orders"]
        assert len(ids) == 3 and all(wc.state["orders"][str(i)]["status"] == "on-hold" for i in ids)
        assert admin.post(f"/_sim/orders/{ids[0]}/status", json={"status": "completed"}).json()["status"] == "completed"
        refund = admin.post(f"/_sim/orders/{ids[0]}/refund", json={"amount": "2.00", "reason": "Kras"}).json()
        assert refund["amount"] == "2.00" and refund["line_items"] == []
        assert admin.post("/_sim/orders", json={"scenario": "nonsense"}).status_code == 400
        assert admin.post("/_sim/orders/999/status", json={"status": "completed"}).status_code == 404
        assert admin.post("/_sim/tick").json()["action"] in ("order", "paid", "completed", "refund")
