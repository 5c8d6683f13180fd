"""Fixtures for engine tests: a tenant with a koppeling and canonical sales built in code."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest

from koppeling.accounts.models import Tenant
from koppeling.sync.canonical import Customer, Line, Sale
from koppeling.sync.models import Koppeling

MAPPING = {key: {"ledger_account_id": f"L{key}", "tax_rate_id": f"T{key}"}
           for key in ("NL_21", "NL_9", "NL_0", "ICP", "EXPORT")}


@pytest.fixture
def koppeling(db):
    tenant = Tenant.objects.create(name="Bakkerij Jansen")
    return Koppeling.objects.create(
        tenant=tenant, name="Winkel", sales_system="woocommerce", accounting_system="moneybird",
        accounting_config={"administration_id": "123"}, book_statuses=["processing", "completed"],
        start_date=date(2026, 1, 1), vat_mapping=MAPPING, payment_mapping={"ideal": "F1"})


def make_sale(**overrides) -> Sale:
    """A consistent Dutch order: 2 x book at 9% and one scarf at 21%, shipping at 21%, paid by iDEAL."""
    lines = [
        Line("product", "Kookboek", Decimal("2"), Decimal("36.70"), Decimal("3.30"), Decimal("9")),
        Line("product", "Wollen sjaal", Decimal("1"), Decimal("24.79"), Decimal("5.21"), Decimal("21")),
        Line("shipping", "Verzending", Decimal("1"), Decimal("4.13"), Decimal("0.87"), Decimal("21")),
    ]
    sale = Sale(kind="order", source_id="101", number="101", status="processing",
                created_at=datetime(2026, 3, 2, 10, 0, tzinfo=UTC), modified_at=datetime(2026, 3, 2, 10, 5, tzinfo=UTC),
                currency="EUR", prices_include_tax=True, total=Decimal("75.00"), total_tax=Decimal("9.38"),
                customer=Customer(id="7", name="Anna de Vries", email="anna@example.nl", country="NL"),
                lines=lines, paid_at=datetime(2026, 3, 2, 10, 1, tzinfo=UTC), payment_method="ideal",
                payment_method_title="iDEAL")
    for key, value in overrides.items():
        setattr(sale, key, value)
    return sale
