"""What the accounting connector tests share (Exact Online, Moneybird): booking factories, personal
tokens, a fake clock for rate budgets, and the lost-answer scenario."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from koppeling.connectors.accounting.exact import limits
from koppeling.connectors.base import AccountingTarget, BookingDocument, BookingLine, ConnectorError
from koppeling.simulators.base import Simulator
from koppeling.sync.canonical import Customer


def personal_credentials(simulator: Simulator, prefix: str) -> dict:
    """Credentials with a fresh never-expiring token (so each connector has its own rate budget)."""
    token = f"{prefix}-{uuid.uuid4().hex}"
    simulator.add_personal_token(token)
    return {"access_token": token}


def booking_line(vat_mapping: dict[str, tuple[str, str]], description: str, quantity: str, net: str, tax: str,
                 rate: str = "21") -> BookingLine:
    """A line booked on the ledger account and VAT code that `vat_mapping` gives `rate`."""
    ledger_id, vat_code = vat_mapping[rate]
    return BookingLine(description, Decimal(quantity), Decimal(net), Decimal(tax), Decimal(rate), ledger_id,
                       vat_code)


def booking_document(lines: list[BookingLine], reference: str = "1001", incl: bool = True,
                     customer: Customer | None = None, is_credit: bool = False, **fields) -> BookingDocument:
    """A document of 14 March 2025 in euros whose totals are the sum of its lines."""
    net = sum((x.net for x in lines), Decimal(0))
    tax = sum((x.tax for x in lines), Decimal(0))
    return BookingDocument(
        reference=reference, is_credit=is_credit, date=date(2025, 3, 14), currency="EUR",
        prices_include_tax=incl, lines=lines, total=net + tax, total_tax=tax,
        customer=customer or Customer(id="42", name="Jan de Vries", email="jan@example.nl",
                                      address1="Dorpsstraat 1", zipcode="1234 AB", city="Utrecht", country="NL"),
        **fields)


def book_with_lost_answer(simulator: Simulator, target: AccountingTarget, document: BookingDocument,
                          request_match: str) -> None:
    """Book `document` while the simulator carries out the matching request but drops its answer:
    the booking must fail as transient (it may be retried)."""
    simulator.add_fault("drop", request_match)

    with pytest.raises(ConnectorError) as lost:
        target.book(document)

    assert not lost.value.permanent


class FakeTime(list):
    """The waits asked for; each one moves the clock on instead of sleeping."""

    def __init__(self, start: float):
        super().__init__()
        self.now = float(start)

    def append(self, seconds: float) -> None:
        super().append(seconds)
        self.now += seconds

    def time(self) -> float:
        return self.now


@pytest.fixture(autouse=True)
def fresh_exact_budgets():
    """Exact's minute and day budgets are kept per address and division in the process, and a later
    simulator may get the same port: start each test afresh. Import it into a test module to use it."""
    limits._budgets.clear()
    yield
    limits._budgets.clear()
