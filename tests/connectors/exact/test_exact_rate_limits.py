"""The minute budget is waited out before Exact says 429; a spent day budget pauses the koppeling."""

import pytest

from koppeling.connectors.accounting.exact import limits
from koppeling.connectors.base import ConnectorError
from koppeling.simulators.exact import ExactSimulator
from tests.helpers.accounting import FakeTime

START = 1_742_000_000 // 60 * 60 + 10  # ten seconds into a minute


@pytest.fixture
def sleeps() -> FakeTime:
    return FakeTime(START)


@pytest.fixture
def simulator(request, sleeps) -> ExactSimulator:
    return ExactSimulator(clock=sleeps.time, **getattr(request, "param", {}))


@pytest.mark.parametrize("simulator", [{"minutely_limit": 3}], indirect=True)
def test_it_waits_for_the_next_minute_instead_of_getting_429(simulator, target, sleeps):
    for _ in range(3):
        target.administrations()  # two requests each

    assert simulator.throttled == 0 and len(simulator.api_log) == 6
    assert list(sleeps) == [50.0]


@pytest.mark.parametrize("simulator", [{"minutely_limit": 2}], indirect=True)
def test_a_429_for_the_minute_is_waited_out_and_the_booking_resent(simulator, make_target, sleeps,
                                                                   make_document, line):
    make_target().administrations()
    limits._budgets.clear()  # as if another process spent the budget: we only learn it from the 429

    make_target().book(make_document([line("Mok", "1", "10.00", "2.10")]))

    # The 429 on the relation lookup waits for the minute; the budget then runs out again before the entry.
    assert simulator.throttled == 1 and list(sleeps) == [50.0, 60.0]
    assert len(simulator.entries()) == 1


@pytest.mark.parametrize("simulator", [{"daily_limit": 4}], indirect=True)
def test_a_spent_day_budget_pauses_without_asking_exact_again(simulator, target, sleeps):
    target.administrations()
    target.administrations()  # the fourth request spends the day; the fifth is not sent

    with pytest.raises(ConnectorError) as spent:
        target.discover()

    error = spent.value
    assert error.pause and not error.permanent
    assert error.retry_after == 86400 - START % 86400  # until Exact's daily reset (midnight UTC here)
    assert error.message.startswith("Exact Online heeft het daglimiet voor API-verzoeken bereikt; Koppeling "
                                    "gaat automatisch verder na ")
    assert simulator.throttled == 0 and len(simulator.api_log) == 4 and list(sleeps) == []


@pytest.mark.parametrize("simulator", [{"daily_limit": 2}], indirect=True)
def test_a_429_with_the_day_spent_pauses(simulator, make_target, sleeps):
    make_target().administrations()
    limits._budgets.clear()  # spent by another process

    with pytest.raises(ConnectorError) as spent:
        make_target().administrations()

    assert spent.value.pause and simulator.throttled == 1 and list(sleeps) == []


def test_a_long_wait_goes_back_to_the_engine_with_retry_after(simulator, target, sleeps):
    simulator.add_fault("429", r"GET .*/Me$", seconds=120)

    with pytest.raises(ConnectorError) as limited:
        target.administrations()

    assert not limited.value.permanent and not limited.value.pause
    assert limited.value.code == "ACCOUNTING_RATE_LIMITED" and limited.value.retry_after == 120
    assert list(sleeps) == []
