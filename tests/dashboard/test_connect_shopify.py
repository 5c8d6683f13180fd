"""Verbinden with Shopify on the sales side, clicked through against its simulator on loopback: the
shop's address saved with the button, the install page, a callback whose hmac is checked, and a
token stored encrypted that works. A forged callback is refused."""

from urllib.parse import parse_qs, urlencode, urlsplit

import httpx
import pytest

from koppeling.connectors.sales.shopify import throttle
from koppeling.simulators import moneybird_data as mb_data
from koppeling.simulators.shopify import DEMO_ACCESS_TOKEN, ShopifySimulator
from koppeling.sync import actions, connections
from tests.dashboard.conftest import MONEYBIRD_URL
from tests.dashboard.oauth_browser import consent, dashboard_path
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db


@pytest.fixture
def shopify_live():
    throttle._buckets.clear()  # the cost bucket is kept per shop address in the process
    with running(ShopifySimulator(seed=3)) as simulator:
        yield simulator
    throttle._buckets.clear()


@pytest.fixture
def unconnected(koppeling, moneybird, monkeypatch):
    """A Shopify koppeling whose accounting side (Moneybird, in-process) already works."""
    monkeypatch.setitem(connections.TRANSPORTS, "moneybird", httpx.WSGITransport(app=moneybird.wsgi))
    koppeling.sales_system = "shopify"
    koppeling.accounting_config = {"api_url": MONEYBIRD_URL, "administration_id": mb_data.ADMINISTRATION_ID}
    koppeling.accounting_credentials = {"access_token": mb_data.DEMO_TOKEN}
    koppeling.save()
    return koppeling


def start(owner_client, koppeling, shop_url: str):
    """Verbinden pressed in the sales form, with the shop's address typed in."""
    return owner_client.post("/configuratie/verbinden/", {"k": koppeling.pk, "side": "sales",
                                                           "section": "verbinding-verkoop",
                                                           "sales-shop_url": shop_url})


def callback_query(owner_client, koppeling, shopify_live) -> dict[str, str]:
    answer = consent(start(owner_client, koppeling, shopify_live.url)["Location"], "install")
    return {k: v[0] for k, v in parse_qs(urlsplit(dashboard_path(answer)).query).items()}


def test_it_connects_shopify_and_the_stored_token_works(owner_client, unconnected, shopify_live):
    response = start(owner_client, unconnected, shopify_live.url)
    assert response["Location"].startswith(f"{shopify_live.url}/admin/oauth/authorize?")
    unconnected.refresh_from_db()
    assert unconnected.sales_config["shop_url"] == shopify_live.url  # saved before leaving for Shopify

    page = owner_client.get(dashboard_path(consent(response["Location"], "install")), follow=True)

    assert "Verbonden met Shopify." in page.content.decode()
    unconnected.refresh_from_db()
    token = unconnected.sales_credentials["access_token"]
    assert token.startswith("shpat_") and token not in unconnected.sales_secret
    sales, accounting = actions.check_connections(unconnected)
    assert sales.ok and accounting.ok, (sales.message, accounting.message)
    assert unconnected.sales_status == unconnected.accounting_status == "ok"


@pytest.mark.parametrize("forge", [
    lambda query: {**query, "hmac": "0" * 64},
    lambda query: {**query, "code": "een-geraden-code"},
], ids=["wrong hmac", "code swapped under the hmac"])
def test_it_refuses_a_forged_callback(owner_client, unconnected, shopify_live, forge):
    query = forge(callback_query(owner_client, unconnected, shopify_live))

    page = owner_client.get(f"/configuratie/verbonden/?{urlencode(query)}", follow=True)

    assert "komt niet van Shopify" in page.content.decode()
    unconnected.refresh_from_db()
    assert "access_token" not in unconnected.sales_credentials


def test_it_asks_for_the_shops_address_before_connecting(owner_client, unconnected):
    page = owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk, "side": "sales"}, follow=True)

    assert "Vul eerst in: Adres van de winkel." in page.content.decode()
    assert "oauth_connect" not in owner_client.session


def test_it_connects_shopify_with_a_pasted_token(owner_client, unconnected, shopify_live):
    owner_client.post("/configuratie/", {"k": unconnected.pk, "section": "verbinding-verkoop",
                                         "sales-shop_url": shopify_live.url, "sales-access_token": DEMO_ACCESS_TOKEN})

    unconnected.refresh_from_db()
    assert unconnected.sales_credentials["access_token"] == DEMO_ACCESS_TOKEN
    assert unconnected.sales_status == "ok", unconnected.sales_status_message


def test_the_sales_connect_button_is_only_for_systems_that_offer_it(owner_client, koppeling):
    assert "Verbinden met WooCommerce" not in owner_client.get("/configuratie/").content.decode()
    response = owner_client.post("/configuratie/verbinden/", {"k": koppeling.pk, "side": "sales"})
    assert response.status_code == 404


def test_the_configuration_page_offers_both_ways_to_connect_shopify(owner_client, unconnected):
    html = owner_client.get("/configuratie/").content.decode()
    assert "Verbinden met Shopify" in html and "Admin API-toegangstoken" in html
