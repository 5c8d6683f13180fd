"""Two workers may find the same tenant due; only the one whose conditional UPDATE wins sends."""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from koppeling.accounts.models import Tenant
from koppeling.notifications.reports import claim
from tests.factories import make_tenant

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 3, 9, 8, 7))


def test_it_claims_a_tenant_that_was_never_reported():
    tenant = make_tenant()
    assert claim(tenant, NOW) is True


def test_it_loses_when_another_worker_claimed_first():
    tenant = make_tenant(next_report_at=NOW - timedelta(minutes=1))
    seen_by_second_worker = Tenant.objects.get(pk=tenant.pk)

    assert claim(tenant, NOW) is True
    assert claim(seen_by_second_worker, NOW) is False


def test_it_loses_a_never_reported_tenant_claimed_by_another_worker():
    tenant = make_tenant()
    stale = Tenant.objects.get(pk=tenant.pk)
    assert claim(tenant, NOW) is True
    assert claim(stale, NOW) is False
