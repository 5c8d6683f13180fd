"""An owner with a koppeling, and an outsider tenant for every permission test."""

import httpx
import pytest
from django.core.cache import cache

from koppeling.simulators import moneybird_data as mb_data
from koppeling.simulators import woocommerce as woo
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.simulators.woocommerce import WooCommerceSimulator
from koppeling.sync import connections
from tests.factories import make_koppeling, make_tenant, make_user

MONEYBIRD_URL = "https://moneybird.test"


@pytest.fixture(autouse=True)
def _fresh_cache():
    # Discovery results are cached per koppeling id, and ids repeat between tests.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def owner(db):
    return make_user(make_tenant("Theehuis Utrecht"))


@pytest.fixture
def koppeling(owner):
    return make_koppeling(owner.tenant)


@pytest.fixture
def outsider(db):
    return make_user(make_tenant("Fietsenwinkel Zwolle"), email="piet@fietsen.nl", first_name="Piet")


@pytest.fixture
def outsider_koppeling(outsider):
    return make_koppeling(outsider.tenant, name="Fietsen")


@pytest.fixture
def owner_client(client, owner):
    client.force_login(owner)
    return client


@pytest.fixture
def shop():
    return WooCommerceSimulator(seed=3)


@pytest.fixture
def moneybird():
    return MoneybirdSimulator(seed=3)


@pytest.fixture
def connected(koppeling, shop, moneybird, monkeypatch):
    """The koppeling wired to both simulators in-process (httpx's WSGI transport, no sockets)."""
    monkeypatch.setitem(connections.TRANSPORTS, "woocommerce", httpx.WSGITransport(app=shop.wsgi))
    monkeypatch.setitem(connections.TRANSPORTS, "moneybird", httpx.WSGITransport(app=moneybird.wsgi))
    koppeling.sales_config = {"url": "https://shop.test"}
    koppeling.sales_credentials = {"consumer_key": woo.DEMO_CONSUMER_KEY, "consumer_secret": woo.DEMO_CONSUMER_SECRET}
    koppeling.accounting_config = {"api_url": MONEYBIRD_URL, "administration_id": mb_data.ADMINISTRATION_ID,
                                   "administration_name": "Demo Webwinkel B.V."}
    koppeling.accounting_credentials = {"access_token": mb_data.DEMO_TOKEN}
    koppeling.save()
    return koppeling


@pytest.fixture
def shop_connected(koppeling, shop, monkeypatch):
    """Only the sales side wired (WooCommerce in-process), for tests that connect the accounting side."""
    monkeypatch.setitem(connections.TRANSPORTS, "woocommerce", httpx.WSGITransport(app=shop.wsgi))
    koppeling.sales_config = {"url": "https://shop.test"}
    koppeling.sales_credentials = {"consumer_key": woo.DEMO_CONSUMER_KEY, "consumer_secret": woo.DEMO_CONSUMER_SECRET}
    koppeling.save()
    return koppeling
