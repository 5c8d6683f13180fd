"""Exact Online tests: a fresh simulator on a loopback socket per test, and small factories."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal

import pytest

from koppeling.connectors.accounting.exact import limits
from koppeling.connectors.accounting.exact.connector import ExactTarget
from koppeling.connectors.base import BookingDocument, BookingLine
from koppeling.simulators import exact_data as demo
from koppeling.simulators.base import serve
from koppeling.simulators.exact import ExactSimulator
from koppeling.sync.canonical import Customer


@pytest.fixture(scope="session")
def _server():
    """One loopback server for the session; each test plugs in its own simulator."""
    server, url = serve(ExactSimulator())
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def _fresh_budgets():
    """The minute and day budgets are shared per division in a process: start each test afresh."""
    limits._budgets.clear()
    yield
    limits._budgets.clear()


@pytest.fixture
def simulator() -> ExactSimulator:
    """A fresh simulator; a test module overrides this fixture for other settings."""
    return ExactSimulator()


@pytest.fixture
def api_url(_server, simulator) -> str:
    server, url = _server
    server.RequestHandlerClass.simulator = simulator
    return url


@pytest.fixture
def sleeps() -> list[float]:
    """Records every wait instead of waiting, so that tests stay fast."""
    return []


@pytest.fixture
def saved() -> list[dict]:
    return []


@pytest.fixture
def make_target(simulator, api_url, sleeps, saved):
    """A connector on the demo division and sales journal, with a fresh never-expiring token."""

    def make(credentials: dict | None = None, **config) -> ExactTarget:
        if credentials is None:
            token = f"exact-test-{uuid.uuid4().hex}"
            simulator.add_personal_token(token)
            credentials = {"access_token": token}
        config = {"api_url": api_url, "division": demo.DIVISION, "journal": demo.SALES_JOURNAL, **config}
        return ExactTarget(config, credentials, save_credentials=saved.append, sleep=sleeps.append,
                           clock=simulator.clock)

    return make


@pytest.fixture
def target(make_target) -> ExactTarget:
    return make_target()


def _line(description: str, quantity: str, net: str, tax: str, rate: str = "21") -> BookingLine:
    ledger_id, vat_code = demo.DEMO_VAT_MAPPING[rate]
    return BookingLine(description, Decimal(quantity), Decimal(net), Decimal(tax), Decimal(rate), ledger_id,
                       vat_code)


@pytest.fixture
def line():
    """line("Koffie", quantity, net, tax, rate) with the demo GL account and VAT code of `rate`."""
    return _line


@pytest.fixture
def make_document():
    def make(lines: list[BookingLine], reference: str = "1001", incl: bool = True,
             customer: Customer | None = None, is_credit: bool = False,
             original_reference: str = "") -> BookingDocument:
        net = sum((x.net for x in lines), Decimal(0))
        tax = sum((x.tax for x in lines), Decimal(0))
        return BookingDocument(
            reference=reference, is_credit=is_credit, date=date(2025, 3, 14), currency="EUR",
            prices_include_tax=incl, lines=lines, total=net + tax, total_tax=tax,
            customer=customer or Customer(id="42", name="Jan de Vries", email="jan@example.nl",
                                          address1="Dorpsstraat 1", zipcode="1234 AB", city="Utrecht",
                                          country="NL"),
            description=f"Bestelling {reference}", original_reference=original_reference)

    return make
