"""read_webhook: the HMAC over the raw body with the app secret (or the previous one during a
rotation), the shop it came from, and which sales each topic asks us to read again."""

import base64
import hashlib
import hmac
import json

import pytest

SECRET, OLD_SECRET = "shpss_nieuw", "shpss_oud"


def sign(body: bytes, secret: str = SECRET) -> str:
    return base64.b64encode(hmac.new(secret.encode(), body, hashlib.sha256).digest()).decode()


def headers(body: bytes, topic: str, secret: str = SECRET, shop: str = "koppeling-demo.myshopify.com") -> dict:
    return {"x-shopify-topic": topic, "x-shopify-hmac-sha256": sign(body, secret), "x-shopify-shop-domain": shop,
            "x-shopify-webhook-id": "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043", "content-type": "application/json"}


@pytest.fixture
def source(sim, make_source):
    return make_source(sim, credentials={"access_token": "t", "client_secret": SECRET})


@pytest.fixture
def order_body(fixture) -> bytes:
    return json.dumps(fixture("shopify_order.json")["order"]).encode()


@pytest.mark.parametrize("topic", ["orders/create", "orders/updated", "orders/paid"])
def test_an_order_topic_asks_for_the_order(source, order_body, topic):
    result = source.read_webhook(headers(order_body, topic), order_body)
    assert result.accepted and result.source_ids == ["450789469"]


def test_a_refund_asks_for_the_refund_and_its_order(source, fixture):
    body = json.dumps(fixture("shopify_refund.json")["refund"]).encode()
    result = source.read_webhook(headers(body, "refunds/create"), body)
    assert result.accepted and result.source_ids == ["450789469/refunds/509562969", "450789469"]


def test_other_topics_are_accepted_without_sales(source, order_body):
    for topic in ("orders/delete", "orders/fulfilled", "app/uninstalled"):
        result = source.read_webhook(headers(order_body, topic), order_body)
        assert result.accepted and result.source_ids == []


def test_a_wrong_or_missing_signature_is_refused(source, order_body):
    forged = headers(order_body, "orders/create", secret="geraden")
    assert not source.read_webhook(forged, order_body).accepted
    unsigned = {k: v for k, v in headers(order_body, "orders/create").items() if k != "x-shopify-hmac-sha256"}
    result = source.read_webhook(unsigned, order_body)
    assert not result.accepted and "Hmac" in result.message and SECRET not in result.message


def test_a_body_changed_after_signing_is_refused(source, order_body):
    signed = headers(order_body, "orders/create")
    assert not source.read_webhook(signed, order_body.replace(b"450789469", b"450789470")).accepted


def test_the_previous_secret_is_accepted_during_a_rotation(sim, make_source, order_body):
    rotating = make_source(sim, credentials={"client_secret": SECRET, "previous_client_secret": OLD_SECRET})
    assert rotating.read_webhook(headers(order_body, "orders/paid", OLD_SECRET), order_body).accepted
    assert rotating.read_webhook(headers(order_body, "orders/paid", SECRET), order_body).accepted
    rotated = make_source(sim, credentials={"client_secret": SECRET})
    assert not rotated.read_webhook(headers(order_body, "orders/paid", OLD_SECRET), order_body).accepted


def test_without_a_secret_of_its_own_the_apps_secret_applies(sim, make_source, order_body, settings):
    settings.SHOPIFY_CLIENT_SECRET = "app-geheim"
    public = make_source(sim, credentials={"access_token": "t"})
    assert public.read_webhook(headers(order_body, "orders/paid", "app-geheim"), order_body).accepted


def test_a_delivery_for_another_shop_is_refused(sim, make_source, order_body):
    mine = make_source(sim, credentials={"client_secret": SECRET}, shop_url="koppeling-demo")
    assert mine.read_webhook(headers(order_body, "orders/paid"), order_body).accepted
    other = headers(order_body, "orders/paid", shop="andere-winkel.myshopify.com")
    assert not mine.read_webhook(other, order_body).accepted


def test_headers_without_the_x_prefix_are_read_too(source, order_body):
    plain = {key.removeprefix("x-"): value for key, value in headers(order_body, "orders/paid").items()}
    assert source.read_webhook(plain, order_body).source_ids == ["450789469"]


def test_a_signed_body_that_is_not_json_is_accepted_without_sales(source):
    body = b"<xml/>"
    result = source.read_webhook(headers(body, "orders/paid"), body)
    assert result.accepted and result.source_ids == []
