"""Moneybird tests: a fresh simulator on a loopback socket per test, and small factories."""

from __future__ import annotations

import uuid
from datetime import date
from decimal import Decimal
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from koppeling.connectors.accounting.moneybird.connector import MoneybirdTarget
from koppeling.connectors.base import BookingDocument, BookingLine, Payment
from koppeling.simulators import moneybird_data as demo
from koppeling.simulators.base import serve
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.sync.canonical import Customer


@pytest.fixture(scope="session")
def _server():
    """One loopback server for the session (stopping one takes half a second); each test plugs in
    its own simulator."""
    server, url = serve(MoneybirdSimulator())
    # Headers and body go out in two writes; without this, Nagle plus delayed ACKs cost 40 ms a call.
    server.RequestHandlerClass.disable_nagle_algorithm = True
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def simulator() -> MoneybirdSimulator:
    """A fresh simulator; a test module overrides this fixture for other settings."""
    return MoneybirdSimulator()


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
    """A connector on the demo administration with a fresh personal token (its own rate budget)."""

    def make(credentials: dict | None = None, **config) -> MoneybirdTarget:
        if credentials is None:
            token = f"mb-test-{uuid.uuid4().hex}"
            simulator.add_personal_token(token)
            credentials = {"access_token": token}
        config = {"api_url": api_url, "administration_id": demo.ADMINISTRATION_ID, **config}
        return MoneybirdTarget(config, credentials, save_credentials=saved.append, sleep=sleeps.append)

    return make


@pytest.fixture
def target(make_target) -> MoneybirdTarget:
    return make_target()


def _line(description: str, quantity: str, net: str, tax: str, rate: str = "21") -> BookingLine:
    ledger_id, tax_rate_id = demo.DEMO_VAT_MAPPING[rate]
    return BookingLine(description, Decimal(quantity), Decimal(net), Decimal(tax), Decimal(rate), ledger_id,
                       tax_rate_id)


@pytest.fixture
def line():
    """line("Koffie", quantity, net, tax, rate) with the demo ledger account and tax rate of `rate`."""
    return _line


@pytest.fixture
def make_document():
    def make(lines: list[BookingLine], reference: str = "1001", incl: bool = True,
             customer: Customer | None = None, is_credit: bool = False, original_reference: str = "",
             payment: Payment | None = None) -> BookingDocument:
        net = sum((x.net for x in lines), Decimal(0))
        tax = sum((x.tax for x in lines), Decimal(0))
        return BookingDocument(
            reference=reference, is_credit=is_credit, date=date(2025, 3, 14), currency="EUR",
            prices_include_tax=incl, lines=lines, total=net + tax, total_tax=tax,
            customer=customer or Customer(id="42", name="Jan de Vries", email="jan@example.nl",
                                          address1="Dorpsstraat 1", zipcode="1234 AB", city="Utrecht",
                                          country="NL"),
            original_reference=original_reference, payment=payment,
            source_url=f"https://shop.example.nl/bestelling/{reference}")

    return make


@pytest.fixture
def oauth_credentials(api_url, make_target):
    """Credentials from a completed code flow (consent given without the HTML page)."""
    redirect_uri = "http://127.0.0.1:8000/terug"
    answer = httpx.post(f"{api_url}/oauth/authorize", data={
        "client_id": demo.DEMO_CLIENT_ID, "redirect_uri": redirect_uri, "state": "s",
        "scope": "sales_invoices documents settings bank", "decision": "allow"})
    code = parse_qs(urlsplit(answer.headers["Location"]).query)["code"][0]
    return make_target(credentials={}).exchange_code(code, redirect_uri)
