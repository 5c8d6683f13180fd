"""VIES tests: one loopback server for the session, a fresh simulator plugged in per test."""

from __future__ import annotations

import pytest

from koppeling.simulators.base import serve
from koppeling.simulators.vies import ViesSimulator

NOW = 1767261600.0  # 2026-01-01 10:00 UTC, so that request dates are predictable


@pytest.fixture(scope="session")
def _server():
    server, url = serve(ViesSimulator())
    yield server, url
    server.shutdown()
    server.server_close()


@pytest.fixture
def simulator() -> ViesSimulator:
    return ViesSimulator(clock=lambda: NOW)


@pytest.fixture
def vies(_server, simulator, settings) -> ViesSimulator:
    """The simulator behind a real socket, with settings.VIES_URL pointing at it."""
    server, url = _server
    server.RequestHandlerClass.simulator = simulator
    settings.VIES_URL = url
    return simulator


@pytest.fixture
def sleeps() -> list[float]:
    """Records every wait instead of waiting, so that tests stay fast."""
    return []
