"""Moneybird tests: a fresh simulator on a loopback socket per test, and small factories."""

from __future__ import annotations

from functools import partial
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from koppeling.connectors.accounting.moneybird.connector import MoneybirdTarget
from koppeling.connectors.base import BookingDocument, BookingLine, Payment
from koppeling.simulators import moneybird_data as demo
from koppeling.simulators.moneybird import MoneybirdSimulator
from koppeling.sync.canonical import Customer
from tests.helpers.accounting import booking_document, booking_line, personal_credentials
from tests.helpers.simulators import SharedServer


@pytest.fixture(scope="session")
def _server():
    """One loopback server for the session; each test plugs in its own simulator."""
    with SharedServer(MoneybirdSimulator()) as server:
        yield server


@pytest.fixture
def simulator() -> MoneybirdSimulator:
    """A fresh simulator; a test module overrides this fixture for other settings."""
    return MoneybirdSimulator()


@pytest.fixture
def make_target(simulator, api_url, sleeps, saved):
    """A connector on the demo administration with a fresh personal token (its own rate budget)."""

    def make(credentials: dict | None = None, **config) -> MoneybirdTarget:
        credentials = personal_credentials(simulator, "mb-test") if credentials is None else credentials
        config = {"api_url": api_url, "administration_id": demo.ADMINISTRATION_ID, **config}
        return MoneybirdTarget(config, credentials, save_credentials=saved.append, sleep=sleeps.append)

    return make


@pytest.fixture
def target(make_target) -> MoneybirdTarget:
    return make_target()


@pytest.fixture
def line():
    """line("Koffie", quantity, net, tax, rate) with the demo ledger account and tax rate of `rate`."""
    return partial(booking_line, demo.DEMO_VAT_MAPPING)


@pytest.fixture
def make_document():
    def make(lines: list[BookingLine], reference: str = "1001", incl: bool = True,
             customer: Customer | None = None, is_credit: bool = False, original_reference: str = "",
             payment: Payment | None = None) -> BookingDocument:
        return booking_document(lines, reference, incl, customer, is_credit, original_reference=original_reference,
                                payment=payment, source_url=f"https://shop.example.nl/bestelling/{reference}")

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
