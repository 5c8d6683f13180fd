"""Fixtures for the Shopify connector: sample payloads, the simulator in-process (httpx's WSGI
transport), a fake clock that moves only when the connector sleeps, and connectors pointed at it."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from koppeling.connectors.sales.shopify import throttle
from koppeling.connectors.sales.shopify.connector import ShopifySource
from koppeling.simulators.shopify import ShopifySimulator

FIXTURES = Path(__file__).resolve().parents[3] / "koppeling/connectors/sales/shopify/fixtures"
SHOP_URL = "http://shop.test"


def load(name: str):
    return json.loads((FIXTURES / name).read_text())


@pytest.fixture
def fixture():
    return load


class Clock:
    """Time that passes only when someone sleeps: waits are recorded, never slept."""

    def __init__(self):
        self.now = 1000.0
        self.sleeps: list[float] = []

    def __call__(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture(autouse=True)
def fresh_buckets():
    """The cost bucket is shared per shop within a process: start every test with none."""
    throttle._buckets.clear()
    yield
    throttle._buckets.clear()


@pytest.fixture
def sim(clock):
    return ShopifySimulator(seed=42, cost_clock=clock)


@pytest.fixture
def make_source(clock):
    def make(sim: ShopifySimulator, credentials: dict | None = None, **config) -> ShopifySource:
        credentials = {"access_token": sim.access_token} if credentials is None else credentials
        return ShopifySource({"shop_url": SHOP_URL, **config}, credentials,
                             transport=httpx.WSGITransport(app=sim.wsgi), sleep=clock.sleep, clock=clock)

    return make


@pytest.fixture
def requests_seen(sim):
    """(operation name, variables) of every GraphQL request the simulator answers."""
    seen = []
    handle = sim.handle

    def recording(request):
        if request.path.endswith("/graphql.json"):
            body = json.loads(request.body)
            seen.append((body.get("operationName"), body.get("variables") or {}))
        return handle(request)

    sim.handle = recording
    return seen
