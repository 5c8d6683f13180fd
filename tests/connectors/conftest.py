"""Fixtures every connector's tests may use; a system's own conftest overrides what it needs to."""

from __future__ import annotations

import pytest


@pytest.fixture
def api_url(_server, simulator) -> str:
    """The session's loopback server (`_server`, a SharedServer), now serving this test's `simulator`."""
    return _server.plug(simulator)


@pytest.fixture
def sleeps() -> list[float]:
    """Records every wait instead of waiting, so that tests stay fast."""
    return []


@pytest.fixture
def saved() -> list[dict]:
    """The credentials a connector saved, in order."""
    return []
