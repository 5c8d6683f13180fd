"""WooCommerce webhooks: read_webhook checks X-WC-Webhook-Signature on the raw body and accepts the
unsigned creation ping; the simulator keeps webhooks (REST), pings them, delivers order.created /
order.updated with WooCommerce's headers from a background thread, and disables one after five
failed deliveries in a row."""

import base64
import hashlib
import hmac
import json

import httpx
import pytest

from koppeling.connectors.sales.woocommerce.connector import WooCommerceSource
from koppeling.connectors.sales.woocommerce.oauth1 import OAuth1Auth
from tests.helpers.simulators import webhook_receiver

SECRET = "wc-webhook-geheim"


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def delivery(body: bytes, topic: str = "order.updated", secret: str = SECRET) -> dict:
    return {"x-wc-webhook-topic": topic, "x-wc-webhook-signature": sign(body, secret),
            "x-wc-webhook-resource": topic.split(".")[0], "x-wc-webhook-event": topic.split(".")[1],
            "content-type": "application/json"}


@pytest.fixture
def source():
    return WooCommerceSource({"url": "http://shop.test"}, {"consumer_key": "ck", "consumer_secret": "cs",
                                                           "webhook_secret": SECRET})


@pytest.fixture
def order_body(fixture) -> bytes:
    order = fixture("woocommerce_order.json")
    order["refunds"] = [{"id": 726, "reason": "", "total": "-10.00"}]
    return json.dumps(order).encode()


def test_a_signed_order_asks_for_the_order_and_its_refunds(source, order_body):
    for topic in ("order.created", "order.updated"):
        result = source.read_webhook(delivery(order_body, topic), order_body)
        assert result.accepted and result.source_ids == ["727", "727/refunds/726"]


def test_a_deleted_order_is_accepted_without_sales(source):
    body = b'{"id":727}'
    result = source.read_webhook(delivery(body, "order.deleted"), body)
    assert result.accepted and result.source_ids == []


def test_the_unsigned_creation_ping_is_accepted(source):
    result = source.read_webhook({"content-type": "application/x-www-form-urlencoded"}, b"webhook_id=15")
    assert result.accepted and result.source_ids == []


def test_a_wrong_or_missing_signature_is_refused(source, order_body):
    assert not source.read_webhook(delivery(order_body, secret="geraden"), order_body).accepted
    unsigned = {"x-wc-webhook-topic": "order.updated"}
    result = source.read_webhook(unsigned, order_body)
    assert not result.accepted and "Signature" in result.message and SECRET not in result.message
    # A "ping" that carries a signature header is not a ping: it must verify like any delivery.
    assert not source.read_webhook({"x-wc-webhook-signature": "x"}, b"webhook_id=15").accepted


def test_the_previous_secret_is_accepted_while_the_secret_changes(order_body):
    changing = WooCommerceSource({"url": "http://shop.test"}, {"webhook_secret": "nieuw",
                                                              "previous_webhook_secret": SECRET})
    assert changing.read_webhook(delivery(order_body, secret=SECRET), order_body).accepted
    assert changing.read_webhook(delivery(order_body, secret="nieuw"), order_body).accepted
    changed = WooCommerceSource({"url": "http://shop.test"}, {"webhook_secret": "nieuw"})
    assert not changed.read_webhook(delivery(order_body, secret=SECRET), order_body).accepted


def test_without_a_webhook_secret_every_signed_delivery_is_refused(order_body):
    bare = WooCommerceSource({"url": "http://shop.test"}, {"consumer_key": "ck", "consumer_secret": "cs"})
    assert not bare.read_webhook(delivery(order_body), order_body).accepted
    assert bare.read_webhook({}, b"webhook_id=3").accepted


def test_webhook_secret_is_an_optional_secret_field():
    spec = next(field for field in WooCommerceSource.config_fields if field.name == "webhook_secret")
    assert spec.secret and not spec.required


# --- the simulator -------------------------------------------------------------------------------

@pytest.fixture
def receiver():
    with webhook_receiver() as endpoint:
        yield endpoint


@pytest.fixture
def rest(shop):
    sim, url = shop
    with httpx.Client(base_url=f"{url}/wp-json/wc/v3/", auth=OAuth1Auth(sim.consumer_key, sim.consumer_secret)) as c:
        yield c


def test_a_webhook_made_over_rest_is_pinged_then_gets_signed_orders(shop, rest, receiver, source):
    sim, _url = shop
    made = rest.post("webhooks", json={"name": "Koppeling", "topic": "order.created", "secret": SECRET,
                                       "delivery_url": receiver.url})
    assert made.status_code == 201 and "secret" not in made.json()
    assert made.json()["status"] == "active" and made.json()["event"] == "created"
    order = sim.generate_order()
    assert sim.wait_for_webhooks(5)
    ping, created = receiver.deliveries
    assert ping.body == f"webhook_id={made.json()['id']}".encode() and not ping.headers.get("x-wc-webhook-signature")
    assert source.read_webhook(dict(ping.headers), ping.body).accepted
    headers = dict(created.headers)
    assert (headers["x-wc-webhook-topic"], headers["x-wc-webhook-resource"], headers["x-wc-webhook-event"]) == (
        "order.created", "order", "created")
    assert headers["x-wc-webhook-id"] == str(made.json()["id"]) and headers["x-wc-webhook-source"].endswith("/")
    assert headers["user-agent"].startswith("WooCommerce/") and len(headers["x-wc-webhook-delivery-id"]) == 32
    assert b"\\/" in created.body  # PHP's JSON escapes slashes; the signature covers these exact bytes
    assert source.read_webhook(headers, created.body).source_ids == [str(order["id"])]


def test_changes_and_refunds_arrive_as_order_updated(shop, receiver, source):
    sim, _url = shop
    order = sim.generate_order("mixed_rates", status="pending")
    sim.add_webhook("order.updated", receiver.url, SECRET)
    sim.set_status(order["id"], "processing")
    refund = sim.add_refund(order["id"], [order["line_items"][0]["id"]])
    assert sim.wait_for_webhooks(5)
    _ping, paid, refunded = receiver.deliveries
    assert source.read_webhook(dict(paid.headers), paid.body).source_ids == [str(order["id"])]
    assert source.read_webhook(dict(refunded.headers), refunded.body).source_ids == [
        str(order["id"]), f"{order['id']}/refunds/{refund['id']}"]


def test_five_failed_deliveries_disable_the_webhook(shop, receiver):
    sim, _url = shop
    webhook = sim.add_webhook("order.created", receiver.url, SECRET)
    assert sim.wait_for_webhooks(5)
    receiver.status = 500
    for _ in range(5):
        sim.generate_order()
    assert sim.wait_for_webhooks(5)
    assert sim.state["webhooks"][str(webhook["id"])]["status"] == "disabled"
    sim.generate_order()
    assert sim.wait_for_webhooks(5) and len(receiver.deliveries) == 1 + 5  # nothing after disabling


def test_a_webhook_whose_ping_fails_is_not_activated(shop, receiver):
    sim, _url = shop
    receiver.status = 401
    webhook = sim.add_webhook("order.created", receiver.url, SECRET)
    assert sim.wait_for_webhooks(5)
    assert sim.state["webhooks"][str(webhook["id"])]["status"] == "disabled"


def test_webhooks_are_listed_and_deleted_with_force(shop, rest, receiver):
    made = rest.post("webhooks", json={"topic": "order.updated", "delivery_url": receiver.url}).json()
    assert [w["id"] for w in rest.get("webhooks").json()] == [made["id"]]
    assert rest.get(f"webhooks/{made['id']}").json()["topic"] == "order.updated"
    assert rest.delete(f"webhooks/{made['id']}").status_code == 501
    assert rest.delete(f"webhooks/{made['id']}", params={"force": "true"}).status_code == 200
    assert rest.get("webhooks").json() == []
    bad = rest.post("webhooks", json={"topic": "order.paid", "delivery_url": receiver.url})
    assert bad.status_code == 400 and bad.json()["code"] == "rest_invalid_param"
