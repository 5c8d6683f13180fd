import pytest

from koppeling.sync.models import Koppeling

pytestmark = pytest.mark.django_db


def test_it_offers_the_systems_from_the_registry(owner_client):
    html = owner_client.get("/koppelingen/nieuw/").content.decode()
    assert 'value="woocommerce"' in html and "WooCommerce" in html
    assert 'value="moneybird"' in html and "Moneybird" in html


def test_it_creates_a_koppeling_for_the_tenant_and_opens_its_configuration(owner_client, owner):
    response = owner_client.post("/koppelingen/nieuw/", {"name": "Theewinkel", "sales_system": "woocommerce",
                                                         "accounting_system": "moneybird"})

    koppeling = Koppeling.objects.get(name="Theewinkel")
    assert koppeling.tenant == owner.tenant
    assert (koppeling.sales_system, koppeling.accounting_system) == ("woocommerce", "moneybird")
    assert response["Location"] == f"/configuratie/?k={koppeling.pk}"


def test_it_refuses_an_unknown_system(owner_client):
    response = owner_client.post("/koppelingen/nieuw/", {"name": "X", "sales_system": "kassa",
                                                         "accounting_system": "moneybird"})
    assert response.status_code == 200
    assert "Selecteer een geldige keuze" in response.content.decode()
    assert not Koppeling.objects.exists()


def test_it_requires_a_name(owner_client):
    response = owner_client.post("/koppelingen/nieuw/", {"sales_system": "woocommerce",
                                                         "accounting_system": "moneybird"})
    assert "Dit veld is verplicht." in response.content.decode()
