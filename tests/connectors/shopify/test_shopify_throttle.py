"""Cost-based throttling: wait before a query the bucket cannot cover, wait out a THROTTLED answer
(HTTP 200 or 429) by the bucket's own numbers, and hand long waits back to the queue."""

import json

import pytest

from koppeling.connectors.base import ConnectorError


@pytest.fixture
def answers(sim):
    """The GraphQL answers the simulator gave: (status, error codes)."""
    seen = []
    handle = sim.handle

    def recording(request):
        response = handle(request)
        body = json.loads(response.body or b"{}")
        errors = body.get("errors") if isinstance(body.get("errors"), list) else []
        seen.append((response.status, [e["extensions"]["code"] for e in errors]))
        return response

    sim.handle = recording
    return seen


def test_it_waits_before_a_query_the_bucket_cannot_cover(sim, make_source, clock, answers):
    sim.generate_order()
    list(make_source(sim).fetch_changed(None))  # learns what each query costs
    clock.sleeps.clear()
    answers.clear()
    sim.set_throttle(size=1000, restore_rate=50, available=100)
    sales = list(make_source(sim).fetch_changed(None))
    assert len(sales) == 1
    # The id page used 3 of 100 points; the order query asks 329: wait (329 + 1 - 97) / 50 s first.
    assert clock.sleeps == [pytest.approx((329 + 1 - 97) / 50)]
    assert all(codes == [] for _status, codes in answers)


def test_a_throttled_answer_is_waited_out_and_retried(sim, make_source, clock, answers):
    sim.set_throttle(size=1000, restore_rate=50, available=10)
    assert list(make_source(sim).fetch_changed(None)) == []
    assert answers[0] == (200, ["THROTTLED"]) and answers[1] == (200, [])
    assert clock.sleeps == [pytest.approx((52 + 1 - 10) / 50)]


def test_throttled_is_recognised_on_a_429_too(sim, make_source, clock, answers):
    sim.throttle_status = 429
    sim.set_throttle(size=1000, restore_rate=5, available=0)
    assert list(make_source(sim).fetch_changed(None)) == []
    assert [status for status, _codes in answers] == [429, 429, 429, 200]
    # HttpClient's own backoff first (0.5 s, 1 s), then the bucket's math: (52 + 1 - 7) / 5 s.
    assert clock.sleeps == [0.5, 1.0, pytest.approx((52 + 1 - 7) / 5)]


def test_a_long_wait_goes_back_to_the_queue(sim, make_source, clock):
    sim.set_throttle(size=1000, restore_rate=1, available=0)
    with pytest.raises(ConnectorError) as raised:
        list(make_source(sim).fetch_changed(None))
    error = raised.value
    assert (error.permanent, error.code, error.status) == (False, "SALES_THROTTLED", 429)
    assert error.retry_after == pytest.approx(53)
    assert "53 seconden" in error.message and clock.sleeps == []


def test_the_bucket_is_shared_by_connectors_of_one_shop(sim, make_source, clock):
    sim.generate_order()
    sim.set_throttle(size=1000, restore_rate=50, available=100)
    list(make_source(sim).fetch_changed(None))
    clock.sleeps.clear()
    sim.set_throttle(available=0)
    make_source(sim).fetch_one(str(next(iter(sim.state["orders"]))))
    # A fresh connector already knows the bucket is low, so it waits instead of being refused.
    assert clock.sleeps and clock.sleeps[0] > 0
