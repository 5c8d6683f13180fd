"""Verbinden with Moneybird, clicked through against its simulator on loopback: consent page,
callback, the only administration picked, and tokens stored encrypted that work."""

import pytest

from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.sync import actions
from tests.dashboard.oauth_browser import consent, dashboard_path
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db


@pytest.fixture
def moneybird_live():
    with running(MoneybirdSimulator(seed=3)) as simulator:
        yield simulator


@pytest.fixture
def unconnected(shop_connected, moneybird_live):
    shop_connected.accounting_config = {"api_url": moneybird_live.url}
    shop_connected.save()
    return shop_connected


def test_it_connects_moneybird_and_the_stored_tokens_work(owner_client, unconnected, moneybird_live):
    start = owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})
    assert start["Location"].startswith(f"{moneybird_live.url}/oauth/authorize?")

    page = owner_client.get(dashboard_path(consent(start["Location"], "allow")), follow=True)

    assert "Verbonden met administratie Demo Webwinkel B.V." in page.content.decode()
    unconnected.refresh_from_db()
    token = unconnected.accounting_credentials["access_token"]
    assert token and token not in unconnected.accounting_secret  # encrypted at rest
    sales, accounting = actions.check_connections(unconnected)
    assert sales.ok and accounting.ok, (sales.message, accounting.message)
    assert unconnected.accounting_status == unconnected.sales_status == "ok"


def test_it_stores_nothing_when_the_owner_refuses_at_moneybird(owner_client, unconnected):
    start = owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})

    page = owner_client.get(dashboard_path(consent(start["Location"], "deny")), follow=True)

    assert "geannuleerd of geweigerd" in page.content.decode()
    unconnected.refresh_from_db()
    assert not unconnected.accounting_secret
