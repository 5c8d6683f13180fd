"""Verbinden with Exact Online, clicked through against its simulator on loopback: consent page,
callback, the division chosen among two, the sales journal started on its first option, and
tokens stored encrypted that work."""

import pytest

from koppeling.simulators import exact_data
from koppeling.simulators.exact import ExactSimulator
from koppeling.sync import actions
from koppeling.sync.connections import accounting_connector
from tests.dashboard.oauth_browser import consent, dashboard_path
from tests.helpers.accounting import fresh_exact_budgets  # noqa: F401 - autouse fixture
from tests.helpers.simulators import running

pytestmark = pytest.mark.django_db


@pytest.fixture
def exact_live():
    with running(ExactSimulator(seed=3)) as simulator:
        yield simulator


@pytest.fixture
def unconnected(shop_connected, exact_live):
    shop_connected.accounting_system = "exact"
    shop_connected.accounting_config = {"api_url": exact_live.url}
    shop_connected.save()
    return shop_connected


def connect(owner_client, koppeling, exact_live, decision: str = "allow"):
    start = owner_client.post("/configuratie/verbinden/", {"k": koppeling.pk})
    assert start["Location"].startswith(f"{exact_live.url}/api/oauth2/auth?")
    return owner_client.get(dashboard_path(consent(start["Location"], decision)), follow=True)


def test_it_connects_exact_and_lets_the_owner_choose_the_division(owner_client, unconnected, exact_live):
    page = connect(owner_client, unconnected, exact_live).content.decode()
    assert exact_data.DIVISION_NAME in page and exact_data.OTHER_DIVISION_NAME in page  # two to choose from

    chosen = owner_client.post("/configuratie/administratie/", {"k": unconnected.pk,
                                                                 "administration_id": exact_data.DIVISION},
                               follow=True)

    assert f"Verbonden met administratie {exact_data.DIVISION_NAME}." in chosen.content.decode()
    unconnected.refresh_from_db()
    assert unconnected.accounting_config["administration_id"] == exact_data.DIVISION
    assert unconnected.accounting_config["journal"] == "70"  # the first sales journal, changeable
    assert unconnected.accounting_config["document_type"] == "salesentry"
    assert unconnected.accounting_credentials["access_token"] not in unconnected.accounting_secret
    assert accounting_connector(unconnected).division == exact_data.DIVISION
    sales, accounting = actions.check_connections(unconnected)
    assert sales.ok and accounting.ok, (sales.message, accounting.message)
    assert accounting.message == exact_data.DIVISION_NAME


def test_a_division_set_earlier_follows_the_new_choice(owner_client, unconnected, exact_live):
    unconnected.accounting_config = {**unconnected.accounting_config, "division": exact_data.DIVISION}
    unconnected.save()
    connect(owner_client, unconnected, exact_live)

    owner_client.post("/configuratie/administratie/", {"k": unconnected.pk,
                                                        "administration_id": exact_data.OTHER_DIVISION})

    unconnected.refresh_from_db()
    assert accounting_connector(unconnected).division == exact_data.OTHER_DIVISION
    assert unconnected.accounting_status == "ok"


def test_it_stores_nothing_when_the_owner_refuses_at_exact(owner_client, unconnected, exact_live):
    page = connect(owner_client, unconnected, exact_live, decision="deny")

    assert "geannuleerd of geweigerd" in page.content.decode()
    unconnected.refresh_from_db()
    assert not unconnected.accounting_secret
