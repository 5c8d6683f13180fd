"""PostgreSQL + Redis: two Huey consumers (separate processes) work one backlog, with faults
injected, and every sale is booked exactly once. Run by .ci/run (needs DATABASE_URL and REDIS_URL)."""

import os
import subprocess
import sys
import time
from collections import Counter

import pytest
from django.conf import settings
from django.db import connection

from koppeling.sync.models import Booking, Sale, SaleEvent, SaleState
from tests.e2e.conftest import koppeling, moneybird_simulator, woo  # noqa: F401 - fixtures
from tests.helpers.simulators import running

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=True)]

ORDERS = 60
SCENARIOS = ["normal", "mixed_rates", "coupon", "normal", "icp_valid"]


@pytest.fixture
def moneybird():
    # A generous rate limit: this test is about concurrency, the limit has its own tests.
    with running(moneybird_simulator(rate_limit=100000)) as simulator:
        yield simulator


@pytest.fixture
def queue():
    from huey.contrib.djhuey import HUEY

    assert settings.REDIS_URL, "the integration suite needs REDIS_URL (see .ci/run)"
    assert connection.vendor == "postgresql", "the integration suite needs DATABASE_URL on PostgreSQL"
    HUEY.immediate = False
    HUEY.flush()
    yield HUEY
    HUEY.flush()
    HUEY.immediate = True


def start_consumer() -> subprocess.Popen:
    db = connection.settings_dict
    env = {**os.environ, "HUEY_IMMEDIATE": "0", "FERNET_KEY": settings.FERNET_KEY, "SECRET_KEY": settings.SECRET_KEY,
           "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
           "HUEY_WORKERS": "2", "LOG_LEVEL": "WARNING"}
    return subprocess.Popen([sys.executable, "-m", "koppeling", "run_huey"], env=env)


def wait_until_settled(koppeling, seconds: float = 120) -> None:  # noqa: F811
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        sales = Sale.objects.filter(koppeling=koppeling)
        if sales.count() == ORDERS and not sales.filter(state=SaleState.READY).exists():
            return
        time.sleep(0.5)
    raise AssertionError(f"not settled: {Counter(Sale.objects.values_list('state', flat=True))}")


def test_two_consumers_book_every_sale_exactly_once(queue, koppeling, woo, moneybird):  # noqa: F811
    from koppeling.sync.tasks import poll_koppeling

    for index in range(ORDERS):
        woo.generate_order(scenario=SCENARIOS[index % len(SCENARIOS)], status="processing")
    moneybird.add_fault("drop", match=r"POST .*external_sales_invoices\.json$", times=3)
    moneybird.add_fault("500", match=r"POST .*external_sales_invoices\.json$", times=3)
    moneybird.add_fault("429", match=r"POST .*external_sales_invoices\.json$", times=2, seconds=1)
    consumers = [start_consumer(), start_consumer()]
    time.sleep(5)  # both consumers up before the backlog arrives, so that both get a share
    try:
        poll_koppeling(koppeling.pk)
        wait_until_settled(koppeling)
    finally:
        for consumer in consumers:
            consumer.terminate()
            consumer.wait(timeout=20)
    assert Counter(Sale.objects.values_list("state", flat=True)) == {SaleState.BOOKED: ORDERS}
    assert Booking.objects.count() == ORDERS
    per_reference = Counter(invoice["reference"] for invoice in moneybird.invoices())
    assert len(per_reference) == ORDERS and set(per_reference.values()) == {1}
    customer_ids = Counter(contact["customer_id"] for contact in moneybird.contacts())
    assert set(customer_ids.values()) == {1}, "a contact was created twice"
    workers = {event.details.get("worker") for event in SaleEvent.objects.filter(
        kind__in=[SaleEvent.Kind.BOOKED, SaleEvent.Kind.FOUND])}
    assert len(workers) == 2, "both consumers should have booked sales"
