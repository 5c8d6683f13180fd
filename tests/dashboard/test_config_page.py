import pytest

from koppeling.connectors.sales.woocommerce.connector import WooCommerceSource
from koppeling.sync.models import Koppeling

pytestmark = pytest.mark.django_db


def test_it_shows_every_section_with_an_anchor(owner_client, koppeling):
    html = owner_client.get("/configuratie/").content.decode()
    for anchor in ("verbinding-verkoop", "verbinding-boekhouding", "statussen", "soorten", "startdatum",
                   "btw", "betaalmethoden", "interval"):
        assert f'id="{anchor}"' in html


def test_it_marks_incomplete_sections_in_red(owner_client, koppeling):
    html = owner_client.get("/configuratie/").content.decode()
    assert html.count("niet ingevuld") >= 4
    assert "Vul de gegevens van WooCommerce in." in html
    assert "Verbind Moneybird met de knop Verbinden." in html


def test_it_explains_why_lists_are_missing_before_connecting(owner_client, koppeling):
    html = owner_client.get("/configuratie/").content.decode()
    assert "Vul eerst de verbinding met het verkoopsysteem in." in html
    assert "Verbind eerst het boekhoudpakket." in html


def test_it_never_renders_stored_secrets(owner_client, connected):
    html = owner_client.get("/configuratie/").content.decode()

    for secret in connected.sales_credentials.values():
        assert secret not in html
    assert connected.accounting_credentials["access_token"] not in html
    assert "https://shop.test" in html
    assert "Opgeslagen. Laat leeg om de opgeslagen waarde te houden." in html


def test_it_shows_both_connection_states(owner_client, koppeling):
    Koppeling.objects.filter(pk=koppeling.pk).update(sales_status="ok", accounting_status="error",
                                                     accounting_status_message="Token ingetrokken")
    html = owner_client.get("/configuratie/").content.decode()
    assert 'class="dot dot-ok"' in html and 'class="dot dot-error"' in html
    assert "Token ingetrokken" in html


def test_it_sends_a_tenant_without_koppeling_to_nieuwe_koppeling(owner_client):
    response = owner_client.get("/configuratie/")
    assert response.status_code == 302 and response["Location"] == "/koppelingen/nieuw/"


def test_it_refuses_another_tenants_koppeling(owner_client, koppeling, outsider_koppeling):
    assert owner_client.get(f"/configuratie/?k={outsider_koppeling.pk}").status_code == 404


def test_it_shows_the_webhook_address_when_the_shop_can_send_webhooks(owner_client, koppeling, settings,
                                                                      monkeypatch):
    monkeypatch.setattr(WooCommerceSource, "read_webhook", lambda self, headers, body: None)
    html = owner_client.get("/configuratie/").content.decode()
    assert f"{settings.SITE_URL}/webhooks/{koppeling.webhook_token}/" in html
