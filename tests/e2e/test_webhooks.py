"""Webhooks end to end: a shop simulator posts to Koppeling's webhook URL (a live Django server), the
sale is read again from the shop and booked into Moneybird at once, without any poll. A forged
delivery is refused and logged; a sale seen by webhook and by poll is stored and booked once."""

import json
import logging
import time

import httpx
import pytest

from koppeling.simulators.shopify import ShopifySimulator
from koppeling.sync.connections import sales_connector
from koppeling.sync.models import Sale, SaleState
from tests.e2e.conftest import run_engine
from tests.e2e.test_shopify_to_moneybird import shopify_koppeling_for
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db(transaction=True)
SECRET = "wc-webhook-geheim"


def hook_url(live_server, koppeling) -> str:
    return f"{live_server.url}/webhooks/{koppeling.webhook_token}/"


@pytest.fixture
def woo_hooked(koppeling, woo, live_server):
    """The WooCommerce koppeling with a webhook secret, and the shop's webhook pointing at us."""
    koppeling.sales_credentials = {**koppeling.sales_credentials, "webhook_secret": SECRET}
    koppeling.save()
    woo.add_webhook("order.created", hook_url(live_server, koppeling), SECRET)
    woo.add_webhook("order.updated", hook_url(live_server, koppeling), SECRET)
    assert woo.wait_for_webhooks(10)
    return koppeling


@pytest.fixture
def shopify():
    with running(ShopifySimulator(seed=9)) as simulator:
        yield simulator


@pytest.fixture
def shopify_hooked(db, shopify, moneybird, live_server):
    koppeling = shopify_koppeling_for(shopify, moneybird)
    sales_connector(koppeling).register_webhooks(hook_url(live_server, koppeling))
    return koppeling


def test_a_woocommerce_order_is_booked_by_its_webhook_without_a_poll(woo_hooked, woo, moneybird):
    assert [entry["status"] for entry in woo.sender.log] == [200, 200]  # both pings answered
    started = time.monotonic()
    order = woo.generate_order("normal", status="processing")
    assert woo.wait_for_webhooks(10)
    sale = Sale.objects.get()
    assert (sale.source_id, sale.state) == (str(order["id"]), SaleState.BOOKED), sale.error_message
    assert time.monotonic() - started < 5
    assert [i["reference"] for i in moneybird.invoices()] == [sale.booking.reference]
    woo_hooked.refresh_from_db()
    assert woo_hooked.last_poll_at is None and woo_hooked.cursor is None


def test_a_payment_arriving_later_books_the_open_order(woo_hooked, woo, moneybird):
    order = woo.generate_order("pending", status="pending")
    assert woo.wait_for_webhooks(10)
    assert Sale.objects.get().state == SaleState.OPEN
    woo.set_status(order["id"], "processing")
    assert woo.wait_for_webhooks(10)
    assert Sale.objects.get().state == SaleState.BOOKED and len(moneybird.invoices()) == 1


def test_a_forged_webhook_is_refused_stores_nothing_and_is_logged(woo_hooked, live_server, caplog):
    caplog.set_level(logging.WARNING, logger="koppeling.sync.webhooks")
    body = json.dumps({"id": 4242, "status": "processing", "total": "0.01", "refunds": []}).encode()
    answer = httpx.post(hook_url(live_server, woo_hooked), content=body, headers={
        "Content-Type": "application/json", "X-WC-Webhook-Topic": "order.updated",
        "X-WC-Webhook-Signature": "bm9nIGVlbiBnZWhlaW0="})
    assert answer.status_code == 401
    assert Sale.objects.count() == 0
    refused = [r for r in caplog.records if r.name == "koppeling.sync.webhooks" and r.levelno == logging.WARNING]
    assert refused and "refused" in refused[0].getMessage() and SECRET not in refused[0].getMessage()


def test_the_same_order_by_webhook_and_by_poll_is_one_sale_and_one_invoice(woo_hooked, woo, moneybird):
    woo.generate_order("normal", status="processing")
    assert woo.wait_for_webhooks(10)
    run_engine(woo_hooked)
    polled_first = woo.generate_order("mixed_rates", status="processing")
    woo.set_status(polled_first["id"], "completed")
    run_engine(woo_hooked)
    assert woo.wait_for_webhooks(10)
    assert Sale.objects.count() == 2 and set(Sale.objects.values_list("state", flat=True)) == {SaleState.BOOKED}
    assert len(moneybird.invoices()) == 2


def test_a_shopify_order_and_its_refund_are_booked_by_webhooks(shopify_hooked, shopify, moneybird):
    order = shopify.generate_order("mixed_rates")
    assert shopify.wait_for_webhooks(10)
    sale = Sale.objects.get()
    assert (sale.source_id, sale.state) == (str(order["id"]), SaleState.BOOKED), sale.error_message
    refund = shopify.add_refund(order["id"], [order["line_items"][0]["id"]], note="Retour")
    assert shopify.wait_for_webhooks(10)
    credit = Sale.objects.get(kind="refund")
    assert credit.source_id == f"{order['id']}/refunds/{refund['id']}"
    assert credit.state == SaleState.BOOKED and credit.refund_of == sale
    assert len(moneybird.invoices()) == 2
    assert all(entry["status"] == 200 for entry in shopify.sender.log)
    shopify_hooked.refresh_from_db()
    assert shopify_hooked.last_poll_at is None


def test_a_forged_shopify_webhook_is_refused(shopify_hooked, live_server):
    body = json.dumps({"id": 5739344200001, "total_price": "0.01"}).encode()
    answer = httpx.post(hook_url(live_server, shopify_hooked), content=body, headers={
        "Content-Type": "application/json", "X-Shopify-Topic": "orders/paid",
        "X-Shopify-Hmac-Sha256": "bm9nIGVlbiBnZWhlaW0=", "X-Shopify-Shop-Domain": "koppeling-demo.myshopify.com"})
    assert answer.status_code == 401 and Sale.objects.count() == 0
