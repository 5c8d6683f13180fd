from datetime import datetime, timedelta

import pytest
from django.core import mail
from django.utils import timezone

from koppeling.accounts.models import Tenant
from koppeling.notifications.reports import REPORT_PERIOD, send_due_reports
from koppeling.sync.models import Sale
from tests.factories import make_koppeling, make_sale, make_tenant, make_user

pytestmark = pytest.mark.django_db

NOW = timezone.make_aware(datetime(2026, 3, 9, 8, 7))


@pytest.fixture
def tenant():
    tenant = make_tenant()
    koppeling = make_koppeling(tenant)
    in_week = NOW - timedelta(days=2)
    for state in ("booked", "booked", "failed", "open"):
        make_sale(koppeling, state=state, sold_at=in_week)
    make_sale(koppeling, state="booked", sold_at=NOW - timedelta(days=20))
    return tenant


def test_it_mails_every_user_who_wants_it(tenant):
    make_user(tenant, email="anna@theehuis.nl")
    make_user(tenant, email="bert@theehuis.nl", weekly_report=False)

    assert send_due_reports(NOW) == 1

    assert [m.to for m in mail.outbox] == [["anna@theehuis.nl"]]


def test_it_counts_last_weeks_sales_per_state_and_lists_refusals(tenant, settings):
    make_user(tenant)

    send_due_reports(NOW)

    body = mail.outbox[0].body
    assert "- Geboekt: 2" in body and "- Fouten: 1" in body and "- Open: 1" in body
    assert "Btw-tarief 21% is niet gekoppeld." in body
    assert "Kies een grootboekrekening voor 21% btw." in body
    assert f"{settings.SITE_URL}/fouten/" in body
    assert mail.outbox[0].subject == "Koppeling weekoverzicht: 1 verkoop vraagt aandacht"


def test_it_claims_the_tenant_for_a_week(tenant):
    make_user(tenant)

    send_due_reports(NOW)
    assert send_due_reports(NOW + timedelta(hours=1)) == 0

    tenant.refresh_from_db()
    assert tenant.next_report_at == NOW + REPORT_PERIOD
    assert len(mail.outbox) == 1


def test_it_waits_until_the_report_is_due(tenant):
    make_user(tenant)
    Tenant.objects.filter(pk=tenant.pk).update(next_report_at=NOW + timedelta(days=1))
    assert send_due_reports(NOW) == 0
    assert send_due_reports(NOW + timedelta(days=1)) == 1


def test_it_skips_a_tenant_without_koppeling():
    make_user(make_tenant("Nog leeg"))
    assert send_due_reports(NOW) == 0
    assert Tenant.objects.get().next_report_at == NOW + REPORT_PERIOD


def test_it_says_all_is_well_without_refusals(tenant):
    make_user(tenant)
    Sale.objects.filter(state="failed").update(state="booked")

    send_due_reports(NOW)

    assert mail.outbox[0].subject == "Koppeling weekoverzicht: alles geboekt"
    assert "Er staan geen fouten open." in mail.outbox[0].body
