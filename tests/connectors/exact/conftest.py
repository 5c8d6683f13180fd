"""Exact Online tests: a fresh simulator on a loopback socket per test, and small factories."""

from __future__ import annotations

from functools import partial

import pytest

from koppeling.connectors.accounting.exact.connector import ExactTarget
from koppeling.connectors.base import BookingDocument, BookingLine
from koppeling.simulators import exact_data as demo
from koppeling.simulators.exact import ExactSimulator
from koppeling.sync.canonical import Customer
from tests.helpers.accounting import (
    booking_document,
    booking_line,
    fresh_exact_budgets,  # noqa: F401 - autouse fixture
    personal_credentials,
)
from tests.helpers.simulators import SharedServer


@pytest.fixture(scope="session")
def _server():
    """One loopback server for the session; each test plugs in its own simulator."""
    with SharedServer(ExactSimulator()) as server:
        yield server


@pytest.fixture
def simulator() -> ExactSimulator:
    """A fresh simulator; a test module overrides this fixture for other settings."""
    return ExactSimulator()


@pytest.fixture
def make_target(simulator, api_url, sleeps, saved):
    """A connector on the demo division and sales journal, with a fresh never-expiring token."""

    def make(credentials: dict | None = None, **config) -> ExactTarget:
        credentials = personal_credentials(simulator, "exact-test") if credentials is None else credentials
        config = {"api_url": api_url, "division": demo.DIVISION, "journal": demo.SALES_JOURNAL, **config}
        return ExactTarget(config, credentials, save_credentials=saved.append, sleep=sleeps.append,
                           clock=simulator.clock)

    return make


@pytest.fixture
def target(make_target) -> ExactTarget:
    return make_target()


@pytest.fixture
def line():
    """line("Koffie", quantity, net, tax, rate) with the demo GL account and VAT code of `rate`."""
    return partial(booking_line, demo.DEMO_VAT_MAPPING)


@pytest.fixture
def make_document():
    def make(lines: list[BookingLine], reference: str = "1001", incl: bool = True,
             customer: Customer | None = None, is_credit: bool = False,
             original_reference: str = "") -> BookingDocument:
        return booking_document(lines, reference, incl, customer, is_credit, description=f"Bestelling {reference}",
                                original_reference=original_reference)

    return make
