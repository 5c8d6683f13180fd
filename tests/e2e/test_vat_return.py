"""The VAT-return check: per quarter, per category and box, as sold, as booked, and the difference."""

from datetime import date
from decimal import Decimal

import pytest

from koppeling.sync import vat_return
from koppeling.sync.models import Sale, SaleState
from tests.e2e.conftest import run_engine

pytestmark = pytest.mark.django_db(transaction=True)


def test_quarters_have_the_right_bounds():
    assert vat_return.quarter_bounds(2026, 1) == (date(2026, 1, 1), date(2026, 4, 1))
    assert vat_return.quarter_bounds(2026, 4) == (date(2026, 10, 1), date(2027, 1, 1))
    assert vat_return.current_quarter(date(2026, 11, 23)) == (2026, 4)


def test_booked_sales_match_and_refused_ones_show_as_difference(koppeling, woo, moneybird):
    for scenario in ("normal", "mixed_rates", "icp_valid", "icp_missing"):
        woo.generate_order(scenario=scenario, status="processing")
    run_engine(koppeling)
    assert Sale.objects.filter(state=SaleState.FAILED).count() == 1
    year, quarter = vat_return.current_quarter()
    report = vat_return.build([koppeling], year, quarter)
    rows = report.rows
    assert rows["NL_21"].booked_tax > 0 and rows["ICP"].booked_net > 0
    # The refused ICP sale (no VAT number) cannot be classified, so it is sold but not booked.
    assert rows[vat_return.UNCLASSIFIED].unbooked == 1
    assert rows[vat_return.UNCLASSIFIED].booked_net == 0
    booked_gross = sum(r.booked_net + r.booked_tax for r in rows.values())
    assert booked_gross == sum(s.total for s in Sale.objects.filter(state=SaleState.BOOKED))
    # Gross per box adds up between sold and booked for booked sales (shipping may move between rates).
    sold = sum(r.sold_net + r.sold_tax for c, r in rows.items() if c != vat_return.UNCLASSIFIED)
    assert sold == booked_gross
    assert report.boxes()["3b"].booked_tax == Decimal("0")


def test_the_csv_has_a_row_per_category(koppeling, woo, moneybird):
    woo.generate_order(scenario="mixed_rates", status="processing")
    run_engine(koppeling)
    text = vat_return.to_csv(vat_return.build([koppeling], *vat_return.current_quarter()))
    lines = text.strip().splitlines()
    assert lines[0].startswith("categorie;omschrijving;rubriek")
    assert any(line.startswith("NL_9;") for line in lines) and any(line.startswith("NL_21;") for line in lines)
