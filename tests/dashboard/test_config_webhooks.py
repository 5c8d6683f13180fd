"""Webhooks on Configuratie: a button that subscribes our address for systems that can (Shopify), and
the steps to add it by hand for the others (WooCommerce: delivery URL and secret)."""

import httpx
import pytest

from koppeling.simulators.shopify import DEMO_ACCESS_TOKEN, ShopifySimulator
from koppeling.sync import connections

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopify():
    return ShopifySimulator(seed=3)


@pytest.fixture
def shopify_koppeling(koppeling, shopify, monkeypatch):
    monkeypatch.setitem(connections.TRANSPORTS, "shopify", httpx.WSGITransport(app=shopify.wsgi))
    koppeling.sales_system = "shopify"
    koppeling.sales_config = {"shop_url": "https://shopify.test"}
    koppeling.sales_credentials = {"access_token": DEMO_ACCESS_TOKEN}
    koppeling.save()
    return koppeling


def hook_url(settings, koppeling) -> str:
    return f"{settings.SITE_URL}/webhooks/{koppeling.webhook_token}/"


def test_it_registers_the_webhook_address_at_shopify(owner_client, shopify_koppeling, shopify, settings):
    page = owner_client.post("/configuratie/webhooks/", {"k": shopify_koppeling.pk}, follow=True)

    assert "Webhooks ingesteld" in page.content.decode()
    subscriptions = shopify.state["webhooks"].values()
    assert {s["topic"] for s in subscriptions} == {"orders/create", "orders/updated", "orders/paid",
                                                   "refunds/create"}
    assert {s["address"] for s in subscriptions} == {hook_url(settings, shopify_koppeling)}


def test_pressing_the_button_again_subscribes_nothing_twice(owner_client, shopify_koppeling, shopify):
    owner_client.post("/configuratie/webhooks/", {"k": shopify_koppeling.pk})
    page = owner_client.post("/configuratie/webhooks/", {"k": shopify_koppeling.pk}, follow=True)

    assert "Webhooks ingesteld" in page.content.decode()
    assert len(shopify.state["webhooks"]) == 4


def test_it_says_why_when_shopify_refuses(owner_client, shopify_koppeling, shopify):
    shopify_koppeling.sales_credentials = {"access_token": "shpat_ingetrokken"}
    shopify_koppeling.save()

    page = owner_client.post("/configuratie/webhooks/", {"k": shopify_koppeling.pk}, follow=True)

    assert "Webhooks instellen is niet gelukt" in page.content.decode()
    assert not shopify.state["webhooks"]


def test_the_shopify_page_has_the_button_and_the_address(owner_client, shopify_koppeling, settings):
    html = owner_client.get("/configuratie/").content.decode()
    assert "Webhooks instellen" in html and hook_url(settings, shopify_koppeling) in html


def test_the_woocommerce_page_explains_how_to_add_the_webhook_by_hand(owner_client, koppeling, settings):
    html = owner_client.get("/configuratie/").content.decode()

    assert hook_url(settings, koppeling) in html
    assert "Bezorg-URL" in html and "Geheim van de webhooks" in html
    assert "Webhooks instellen" not in html


def test_woocommerce_has_no_webhook_button(owner_client, koppeling):
    assert owner_client.post("/configuratie/webhooks/", {"k": koppeling.pk}).status_code == 404


def test_it_refuses_another_tenants_koppeling(owner_client, shopify_koppeling, outsider_koppeling):
    outsider_koppeling.sales_system = "shopify"
    outsider_koppeling.save()
    assert owner_client.post("/configuratie/webhooks/", {"k": outsider_koppeling.pk}).status_code == 404
