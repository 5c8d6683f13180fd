from datetime import timedelta

import pytest
from django.utils import timezone

from koppeling.sync import booking, leases, polling
from koppeling.sync.ingest import store
from koppeling.sync.models import Lease, Sale, SaleState
from tests.sync.conftest import make_sale

pytestmark = pytest.mark.django_db


def test_a_lease_is_held_by_one_worker_at_a_time():
    first = leases.acquire("contact:1:c7", 60)
    assert first and leases.acquire("contact:1:c7", 60) is None
    leases.release("contact:1:c7", first)
    assert leases.acquire("contact:1:c7", 60)


def test_an_expired_lease_can_be_taken_over():
    leases.acquire("k", 60)
    Lease.objects.filter(key="k").update(until=timezone.now() - timedelta(seconds=1))
    assert leases.acquire("k", 60)


def test_a_sale_is_claimed_by_one_worker_only(koppeling):
    row, _ = store(koppeling, make_sale())
    assert booking.claim(row.pk)
    assert booking.claim(row.pk) is None


def test_an_expired_claim_can_be_taken_over(koppeling):
    row, _ = store(koppeling, make_sale())
    booking.claim(row.pk)
    Sale.objects.filter(pk=row.pk).update(claimed_until=timezone.now() - timedelta(seconds=1))
    assert booking.claim(row.pk)


def test_only_ready_sales_can_be_claimed(koppeling):
    row, _ = store(koppeling, make_sale(status="pending"))
    assert row.state == SaleState.OPEN
    assert booking.claim(row.pk) is None


def test_one_run_per_koppeling_at_a_time(koppeling):
    token = polling.acquire_run(koppeling.pk)
    assert token and polling.acquire_run(koppeling.pk) is None
    polling.release_run(koppeling.pk, token)
    assert polling.acquire_run(koppeling.pk)
