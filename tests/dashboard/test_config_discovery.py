import pytest

from koppeling.sync import connections
from tests.factories import canonical, make_sale

pytestmark = pytest.mark.django_db


def test_it_offers_the_shops_statuses_as_checkboxes(owner_client, connected):
    html = owner_client.get("/configuratie/").content.decode()
    assert 'name="book_statuses" value="processing"' in html
    assert 'name="book_statuses" value="completed"' in html


def test_it_offers_ledger_accounts_and_vat_codes_per_vat_category(owner_client, connected):
    response = owner_client.get("/configuratie/")
    form = response.context["forms"]["btw"]
    assert form.codes[:3] == ["NL_21", "NL_9", "NL_0"]
    ledger_labels = [label for _id, label in form.fields["ledger_NL_21"].choices]
    assert any("8000" in str(label) for label in ledger_labels)
    assert len(form.fields["tax_NL_21"].choices) >= 2
    html = response.content.decode()
    assert "We hebben een voorstel ingevuld" in html
    assert "Nederland 21%" in html and "1a Leveringen/diensten belast met hoog tarief" in html


def test_it_adds_a_row_for_every_category_the_sales_use(owner_client, connected):
    data = canonical(total="100.00", tax="0.00", rate="0")
    data["customer"].update(country="BE", company="Brouwerij Gent", vat_number="BE0123456749")
    make_sale(connected, canonical=data)
    form = owner_client.get("/configuratie/").context["forms"]["btw"]
    assert "ICP" in form.codes


def test_it_lists_payment_methods_seen_in_sales(owner_client, connected):
    make_sale(connected, canonical=canonical(payment_method="paypal", payment_method_title="PayPal"))
    response = owner_client.get("/configuratie/")
    form = response.context["forms"]["betaalmethoden"]
    assert "method_paypal" in form.fields
    assert len(form.fields["method_paypal"].choices) >= 2


def test_it_shows_a_dutch_message_when_the_shop_fails(owner_client, connected):
    connected.sales_credentials = {"consumer_key": "ck_fout", "consumer_secret": "cs_fout"}
    connected.save()
    response = owner_client.get("/configuratie/")
    assert response.status_code == 200
    assert response.context["forms"]["statussen"] is None
    assert "WooCommerce gaf geen lijsten terug" in response.content.decode()


def test_it_shows_a_dutch_message_when_moneybird_refuses(owner_client, connected):
    connected.accounting_credentials = {"access_token": "ingetrokken"}
    connected.save()
    response = owner_client.get("/configuratie/")
    assert response.status_code == 200
    assert "Moneybird gaf geen lijsten terug" in response.content.decode()
    assert response.context["forms"]["btw"] is None


def test_it_caches_discovery_until_vernieuwen(owner_client, connected, monkeypatch):
    calls = []
    real = connections.accounting_connector

    def counting(koppeling):
        calls.append(koppeling.pk)
        return real(koppeling)

    monkeypatch.setattr(connections, "accounting_connector", counting)
    owner_client.get("/configuratie/")
    owner_client.get("/configuratie/")
    assert len(calls) == 1

    owner_client.post("/configuratie/vernieuwen/", {"k": connected.pk, "section": "btw"})
    owner_client.get("/configuratie/")
    assert len(calls) == 2
