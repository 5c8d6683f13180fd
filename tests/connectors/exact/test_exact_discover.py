"""Divisions, and the chart for the mapping dropdowns, read through every OData page."""

from decimal import Decimal

import pytest

from koppeling.simulators import exact_data as demo
from koppeling.simulators.exact import ExactSimulator


@pytest.fixture
def simulator():
    return ExactSimulator(page_size=2)  # every list takes several pages


def test_administrations_are_the_divisions_current_first(target):
    options = target.administrations()
    assert [(o.id, o.label) for o in options] == [(demo.DIVISION, demo.DIVISION_NAME),
                                                  (demo.OTHER_DIVISION, demo.OTHER_DIVISION_NAME)]


def test_revenue_accounts_come_from_every_page(target, simulator):
    found = target.discover()

    assert [o.label for o in found.ledger_accounts] == [
        "8000 Omzet hoog tarief", "8010 Omzet laag tarief", "8020 Omzet 0% / verlegd", "8050 Verzendkosten",
        "8100 Omzet ICP (binnen de EU)", "8200 Omzet export (buiten de EU)"]  # 8900 is blocked
    assert found.ledger_accounts[0].id == demo.gl_id("8000")
    assert any("skiptoken" in line for line in simulator.api_log)


def test_vat_codes_are_the_sales_codes_with_their_percentage(target):
    rates = {o.id: o.percentage for o in target.discover().tax_rates}
    # Purchase codes (6, 7), the inclusive code (8) and the blocked code (9) are left out.
    assert rates == {"0": Decimal("0"), "1": Decimal("9"), "2": Decimal("21"), "3": Decimal("0"),
                     "4": Decimal("0"), "5": Decimal("0")}


def test_journals_become_the_sales_journal_choice_and_payment_accounts(target):
    found = target.discover()
    choices = {choice.name: choice for choice in found.choices}

    assert [o.label for o in choices["journal"].options] == ["70 Verkoopboek", "71 Verkoopboek marktplaatsen"]
    assert choices["journal"].label == "Verkoopdagboek"
    assert [o.id for o in choices["document_type"].options] == ["salesentry", "salesinvoice"]
    assert [o.label for o in found.financial_accounts] == ["10 Kas", "20 Bank", "21 Mollie", "22 PayPal"]


def test_paging_never_follows_a_next_link_to_another_host(target, simulator, monkeypatch):
    original = simulator._page

    def elsewhere(request, records):
        response = original(request, records)
        response.body = response.body.replace(request.base_url.encode(), b"https://elders.example")
        return response

    monkeypatch.setattr(simulator, "_page", elsewhere)
    assert len(target.discover().financial_accounts) < 4
    assert not any("elders" in line for line in simulator.api_log)


def test_check_names_the_chosen_division(make_target):
    assert make_target().check().message == demo.DIVISION_NAME
    other = make_target(division="999")
    assert not other.check().ok


def test_the_engines_administration_id_is_the_division(make_target):
    target = make_target(division="", administration_id=demo.OTHER_DIVISION)
    assert target.check().message == demo.OTHER_DIVISION_NAME
