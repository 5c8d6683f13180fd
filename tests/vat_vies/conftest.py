"""VIES tests: one loopback server for the session, a fresh simulator plugged in per test."""

from __future__ import annotations

import pytest

from koppeling.simulators.vies import ViesSimulator
from tests.helpers.simulators import SharedServer

NOW = 1767261600.0  # 2026-01-01 10:00 UTC, so that request dates are predictable


@pytest.fixture(scope="session")
def _server():
    with SharedServer(ViesSimulator()) as server:
        yield server


@pytest.fixture
def simulator() -> ViesSimulator:
    return ViesSimulator(clock=lambda: NOW)


@pytest.fixture
def vies(_server, simulator, settings) -> ViesSimulator:
    """The simulator behind a real socket, with settings.VIES_URL pointing at it."""
    settings.VIES_URL = _server.plug(simulator)
    return simulator


@pytest.fixture
def sleeps() -> list[float]:
    """Records every wait instead of waiting, so that tests stay fast."""
    return []
