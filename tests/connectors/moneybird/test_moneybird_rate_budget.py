"""The client reads RateLimit-* and waits for the window to reset instead of running into 429."""

import time

import pytest

from koppeling.connectors.base import ConnectorError
from koppeling.simulators.moneybird import MoneybirdSimulator
from tests.helpers.accounting import FakeTime


@pytest.fixture
def sleeps(monkeypatch) -> FakeTime:
    fake = FakeTime(int(time.time()))
    # HttpClient measures the wait against time.time(); the simulator's window runs on the same clock.
    monkeypatch.setattr(time, "time", fake.time)
    return fake


@pytest.fixture
def simulator(request, sleeps) -> MoneybirdSimulator:
    return MoneybirdSimulator(clock=sleeps.time, **getattr(request, "param", {}))


@pytest.mark.parametrize("simulator", [{"rate_limit": 5, "rate_window": 10}], indirect=True)
def test_it_waits_for_the_next_window_instead_of_getting_429(simulator, target, sleeps):
    for _ in range(12):
        target.administrations()

    assert simulator.throttled == 0
    assert len(simulator.api_log) == 12
    assert list(sleeps) == [10.0, 10.0]


@pytest.mark.parametrize("simulator", [{"rate_limit": 2, "rate_window": 300}], indirect=True)
def test_a_long_wait_goes_back_to_the_engine_with_retry_after(simulator, target, sleeps):
    target.administrations()
    target.administrations()

    with pytest.raises(ConnectorError) as spent:
        target.administrations()

    assert not spent.value.permanent and spent.value.code == "ACCOUNTING_RATE_LIMITED"
    assert spent.value.retry_after == 300
    assert simulator.throttled == 0 and len(simulator.api_log) == 2
