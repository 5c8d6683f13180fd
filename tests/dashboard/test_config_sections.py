from datetime import date

import pytest

from koppeling.connectors.accounting.moneybird.connector import MoneybirdTarget
from koppeling.connectors.base import ChoiceField, Option
from koppeling.sync import actions
from tests.factories import canonical, make_sale

pytestmark = pytest.mark.django_db


def _save(client, koppeling, section: str, **data):
    return client.post("/configuratie/", {"k": koppeling.pk, "section": section, **data})


def test_it_saves_the_statuses_to_book(owner_client, connected):
    response = _save(owner_client, connected, "statussen", book_statuses=["completed"])
    assert response["Location"].endswith("#statussen")
    connected.refresh_from_db()
    assert connected.book_statuses == ["completed"]


def test_it_refuses_a_status_the_shop_does_not_have(owner_client, connected):
    response = _save(owner_client, connected, "statussen", book_statuses=["verzonnen"])
    assert response.status_code == 200
    connected.refresh_from_db()
    assert connected.book_statuses == []


def test_it_saves_the_kinds_to_book(owner_client, koppeling):
    _save(owner_client, koppeling, "soorten", book_kinds=["order"])
    koppeling.refresh_from_db()
    assert koppeling.book_kinds == ["order"]


def test_it_offers_orders_and_refunds_for_woocommerce(owner_client, koppeling):
    html = owner_client.get("/configuratie/").content.decode()
    assert "Bestellingen" in html and "Terugbetalingen" in html
    assert "Kassabonnen" not in html


def test_it_saves_the_start_date(owner_client, koppeling):
    _save(owner_client, koppeling, "startdatum", start_date="2026-02-01")
    koppeling.refresh_from_db()
    assert koppeling.start_date == date(2026, 2, 1)


def test_it_saves_the_poll_interval_within_limits(owner_client, koppeling):
    assert _save(owner_client, koppeling, "interval", poll_interval="0").status_code == 200
    koppeling.refresh_from_db()
    assert koppeling.poll_interval == 15

    _save(owner_client, koppeling, "interval", poll_interval="30")
    koppeling.refresh_from_db()
    assert koppeling.poll_interval == 30


def test_it_saves_the_vat_mapping(owner_client, connected):
    form = owner_client.get("/configuratie/").context["forms"]["btw"]
    ledger = form.fields["ledger_NL_21"].choices[1][0]
    tax = form.fields["tax_NL_21"].choices[1][0]

    _save(owner_client, connected, "btw", ledger_NL_21=ledger, tax_NL_21=tax)

    connected.refresh_from_db()
    assert connected.vat_mapping == {"NL_21": {"ledger_account_id": ledger, "tax_rate_id": tax}}


def test_it_clears_the_red_mark_once_everything_is_mapped(owner_client, connected):
    form = owner_client.get("/configuratie/").context["forms"]["btw"]
    data = {name: field.choices[1][0] for name, field in form.fields.items()}
    _save(owner_client, connected, "btw", **data)

    response = owner_client.get("/configuratie/")

    assert response.context["missing"]["btw"] == []


def test_it_saves_the_payment_mapping(owner_client, connected):
    make_sale(connected, canonical=canonical(payment_method="paypal", payment_method_title="PayPal"))
    form = owner_client.get("/configuratie/").context["forms"]["betaalmethoden"]
    account = form.fields["method_paypal"].choices[1][0]

    _save(owner_client, connected, "betaalmethoden", method_paypal=account)

    connected.refresh_from_db()
    assert connected.payment_mapping["paypal"] == account


def test_it_saves_the_vat_rules(owner_client, koppeling):
    koppeling.vat_settings = {"something_else": 1}
    koppeling.save()

    _save(owner_client, koppeling, "btw-regels", oss="on", icp_fallback="domestic", vies="on",
          vies_fallback="syntax")

    koppeling.refresh_from_db()
    assert koppeling.vat_settings == {"something_else": 1, "oss": True, "icp_fallback": "domestic", "vies": True,
                                      "vies_fallback": "syntax"}


def test_it_starts_the_vat_rules_on_the_careful_side(owner_client, koppeling):
    form = owner_client.get("/configuratie/").context["forms"]["btw-regels"]
    assert form.initial == {"oss": False, "icp_fallback": "refuse", "vies": False, "vies_fallback": "wait"}


def test_it_saves_the_accounting_packages_own_choices(owner_client, connected, monkeypatch):
    journals = [Option("70", "70 Verkoopboek"), Option("71", "71 Webwinkel")]
    original = MoneybirdTarget.discover

    def with_choices(self):
        found = original(self)
        found.choices = [ChoiceField("journal", "Verkoopdagboek", journals)]
        return found

    monkeypatch.setattr(MoneybirdTarget, "discover", with_choices)
    monkeypatch.setattr(actions, "check_connections", lambda koppeling: None)
    html = owner_client.get("/configuratie/").content.decode()
    assert "71 Webwinkel" in html

    response = _save(owner_client, connected, "boekhouding-keuzes", journal="71")

    assert response["Location"].endswith("#boekhouding-keuzes")
    connected.refresh_from_db()
    assert connected.accounting_config["journal"] == "71"
    assert connected.accounting_config["administration_id"]
