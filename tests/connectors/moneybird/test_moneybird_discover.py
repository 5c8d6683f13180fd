"""discover(): revenue accounts, active sales tax rates and financial accounts, over several pages."""

from decimal import Decimal

from koppeling.simulators import moneybird_data as demo


def test_it_follows_the_pages(simulator, target):
    target.per_page = 2

    found = target.discover()

    pages = [line for line in simulator.api_log if "ledger_accounts" in line]
    assert len(pages) == 7  # 14 ledger accounts, 2 per page
    assert len(found.ledger_accounts) == 7  # the revenue ones
    assert len(found.tax_rates) == 7
    assert len(found.financial_accounts) == 3


def test_it_offers_revenue_accounts_with_their_code(target):
    labels = [o.label for o in target.discover().ledger_accounts]
    assert labels[0] == "8000 Omzet hoog tarief"
    assert "8050 Verzendkosten" in labels
    assert not [label for label in labels if "Debiteuren" in label or "Kantoorkosten" in label]


def test_it_offers_active_sales_tax_rates_with_decimal_percentages(target):
    rates = {o.id: o for o in target.discover().tax_rates}
    ids = {rate: tax_rate_id for rate, (_ledger, tax_rate_id) in demo.DEMO_VAT_MAPPING.items()}
    assert rates[ids["21"]].percentage == Decimal("21") and rates[ids["21"]].label == "21% btw"
    assert rates[ids["9"]].percentage == Decimal("9")
    assert rates[ids["0"]].percentage == Decimal("0")
    names = [o.label for o in rates.values()]
    assert "6% btw (oud)" not in names  # inactive
    assert names.count("21% btw") == 1  # the purchase rate is left out
    assert {"Btw verlegd", "Buiten de EU", "Binnen de EU (ICP)"} <= set(names)


def test_it_offers_financial_accounts(target):
    labels = [o.label for o in target.discover().financial_accounts]
    assert labels == ["Bank (NL12INGB0001234567)", "Mollie", "PayPal"]
