"""The simulator delivers webhooks as Shopify does: signed with the app secret, Shopify's headers,
REST-shaped bodies, from a background thread (never under its lock), and drops a subscription
after eight failed deliveries in a row."""

import time

import pytest

from tests.helpers.simulators import webhook_receiver


@pytest.fixture
def receiver():
    with webhook_receiver() as endpoint:
        yield endpoint


@pytest.fixture
def source(sim, make_source):
    return make_source(sim, shop_url="koppeling-demo.myshopify.com")


def test_a_new_paid_order_is_delivered_signed_with_shopifys_headers(sim, source, receiver):
    for topic in ("orders/create", "orders/paid"):
        sim.add_webhook(topic, receiver.url)
    order = sim.generate_order()
    assert sim.wait_for_webhooks(5)
    assert [d.headers.get("x-shopify-topic") for d in receiver.deliveries] == ["orders/create", "orders/paid"]
    delivery = receiver.deliveries[0]
    assert delivery.headers.get("x-shopify-shop-domain") == "koppeling-demo.myshopify.com"
    assert delivery.headers.get("x-shopify-api-version") == "2026-07"
    assert len(delivery.headers.get("x-shopify-webhook-id")) == 36
    headers = dict(delivery.headers)
    assert source.read_webhook(headers, delivery.body).source_ids == [str(order["id"])]
    assert delivery.json()["order_number"] == order["number"]


def test_a_refund_is_delivered_with_its_order_id(sim, source, receiver):
    order = sim.generate_order("mixed_rates")
    sim.add_webhook("refunds/create", receiver.url)
    refund = sim.add_refund(order["id"], [order["line_items"][0]["id"]])
    assert sim.wait_for_webhooks(5)
    (delivery,) = receiver.deliveries
    result = source.read_webhook(dict(delivery.headers), delivery.body)
    assert result.source_ids == [f"{order['id']}/refunds/{refund['id']}", str(order["id"])]


def test_the_endpoint_can_call_the_shop_back_while_it_is_delivering(sim, source, receiver):
    fetched = []
    receiver.on_delivery = lambda request: fetched.append(source.fetch_one(str(request.json()["id"])))
    sim.add_webhook("orders/create", receiver.url)
    started = time.monotonic()
    order = sim.generate_order()
    assert sim.wait_for_webhooks(5) and time.monotonic() - started < 3
    assert [sale.source_id for sale in fetched] == [str(order["id"])]


def test_eight_failed_deliveries_remove_the_subscription(sim, receiver):
    receiver.status = 500
    sim.add_webhook("orders/create", receiver.url)
    for _ in range(7):
        sim.generate_order()
    assert sim.wait_for_webhooks(5) and len(sim.state["webhooks"]) == 1
    sim.generate_order()
    assert sim.wait_for_webhooks(5) and sim.state["webhooks"] == {}
    assert len(receiver.deliveries) == 8


def test_the_connector_subscribes_through_graphql_once(sim, source):
    assert source.register_webhooks("https://koppeling.example/webhooks/abc/") == [
        "ORDERS_CREATE", "ORDERS_UPDATED", "ORDERS_PAID", "REFUNDS_CREATE"]
    source.register_webhooks("https://koppeling.example/webhooks/abc/")  # again: already taken, fine
    topics = sorted(s["topic"] for s in sim.state["webhooks"].values())
    assert topics == ["orders/create", "orders/paid", "orders/updated", "refunds/create"]
