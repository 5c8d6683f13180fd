from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from django.test import Client

from koppeling.connectors.accounting.moneybird.connector import MoneybirdTarget
from koppeling.connectors.base import Option
from koppeling.sync import connections
from tests.dashboard.conftest import MONEYBIRD_URL

pytestmark = pytest.mark.django_db


@pytest.fixture
def unconnected(koppeling, moneybird, monkeypatch):
    monkeypatch.setitem(connections.TRANSPORTS, "moneybird", httpx.WSGITransport(app=moneybird.wsgi))
    koppeling.accounting_config = {"api_url": MONEYBIRD_URL}
    koppeling.save()
    return koppeling


def _consent(moneybird, authorize_url: str, decision: str = "allow") -> str:
    """Play the owner at Moneybird: open the consent page, press a button, return where it sends us."""
    with httpx.Client(transport=httpx.WSGITransport(app=moneybird.wsgi)) as browser:
        assert browser.get(authorize_url).status_code == 200
        query = {k: v[0] for k, v in parse_qs(urlsplit(authorize_url).query).items()}
        answer = browser.post(f"{MONEYBIRD_URL}/oauth/authorize", data={**query, "decision": decision})
    location = answer.headers["Location"]
    return location[location.index("/configuratie/"):]


def test_it_sends_the_owner_to_moneybird_with_a_random_state(owner_client, unconnected):
    response = owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})

    assert response.status_code == 302
    query = parse_qs(urlsplit(response["Location"]).query)
    assert response["Location"].startswith(f"{MONEYBIRD_URL}/oauth/authorize?")
    assert query["redirect_uri"] == ["http://127.0.0.1:8000/configuratie/verbonden/"]
    assert query["state"] == [owner_client.session["oauth_connect"]["state"]]
    assert len(query["state"][0]) >= 32


def test_it_connects_and_picks_the_only_administration(owner_client, unconnected, moneybird):
    authorize = owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})["Location"]

    response = owner_client.get(_consent(moneybird, authorize), follow=True)

    unconnected.refresh_from_db()
    assert set(unconnected.accounting_credentials) >= {"access_token", "refresh_token"}
    assert unconnected.accounting_config["administration_name"] == "Demo Webwinkel B.V."
    assert unconnected.accounting_config["administration_id"]
    assert unconnected.accounting_status == "ok"
    assert "Verbonden met administratie Demo Webwinkel B.V." in response.content.decode()


def test_it_refuses_a_callback_with_a_wrong_state(owner_client, unconnected):
    owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})

    response = owner_client.get("/configuratie/verbonden/", {"code": "abc", "state": "geraden"}, follow=True)

    assert "verlopen of niet van jou" in response.content.decode()
    unconnected.refresh_from_db()
    assert not unconnected.accounting_secret


def test_it_refuses_a_callback_without_a_started_flow(owner_client, unconnected):
    response = owner_client.get("/configuratie/verbonden/", {"code": "abc", "state": ""}, follow=True)
    assert "verlopen of niet van jou" in response.content.decode()


def test_it_reports_a_refusal_at_moneybird(owner_client, unconnected, moneybird):
    authorize = owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})["Location"]

    response = owner_client.get(_consent(moneybird, authorize, "deny"), follow=True)

    assert "geannuleerd of geweigerd" in response.content.decode()
    unconnected.refresh_from_db()
    assert not unconnected.accounting_secret


def test_it_reports_a_code_that_does_not_work(owner_client, unconnected):
    owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})
    state = owner_client.session["oauth_connect"]["state"]

    response = owner_client.get("/configuratie/verbonden/", {"code": "vals", "state": state}, follow=True)

    assert "Verbinden is niet gelukt" in response.content.decode()


def test_it_lets_the_owner_choose_among_administrations(owner_client, unconnected, monkeypatch):
    options = [Option("1", "Thee BV"), Option("2", "Koffie BV")]
    monkeypatch.setattr(MoneybirdTarget, "administrations", lambda self: options)
    monkeypatch.setattr("koppeling.sync.actions.check_connections", lambda koppeling: None)

    page = owner_client.get("/configuratie/administratie/", {"k": unconnected.pk})
    assert "Thee BV" in page.content.decode() and "Koffie BV" in page.content.decode()

    owner_client.post("/configuratie/administratie/", {"k": unconnected.pk, "administration_id": "2"})

    unconnected.refresh_from_db()
    assert unconnected.accounting_config["administration_id"] == "2"
    assert unconnected.accounting_config["administration_name"] == "Koffie BV"


def test_it_refuses_to_connect_another_tenants_koppeling(owner_client, koppeling, outsider_koppeling):
    assert owner_client.post("/configuratie/verbinden/", {"k": outsider_koppeling.pk}).status_code == 404
    assert owner_client.get("/configuratie/administratie/", {"k": outsider_koppeling.pk}).status_code == 404


def test_it_does_not_finish_another_users_flow(owner_client, outsider, outsider_koppeling, unconnected):
    owner_client.post("/configuratie/verbinden/", {"k": unconnected.pk})
    state = owner_client.session["oauth_connect"]["state"]

    intruder = Client()
    intruder.force_login(outsider)
    response = intruder.get("/configuratie/verbonden/", {"code": "abc", "state": state}, follow=True)

    assert "verlopen of niet van jou" in response.content.decode()
