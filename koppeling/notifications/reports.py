"""The weekly status mail: what happened to last week's sales, and which ones need attention."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from koppeling.accounts.models import Tenant
from koppeling.notifications.emails import deliver, make_message
from koppeling.sync.models import Sale

REPORT_PERIOD = timedelta(days=7)
MAX_LISTED = 20
STATES = [("booked", _("Geboekt")), ("failed", _("Fouten")), ("open", _("Open")),
          ("ready", _("In de wachtrij")), ("skipped", _("Overgeslagen"))]


def claim(tenant: Tenant, now: datetime) -> bool:
    """Move the tenant's next report a week ahead, only if no other worker did so first."""
    rows = Tenant.objects.filter(pk=tenant.pk)
    if tenant.next_report_at is None:
        rows = rows.filter(next_report_at__isnull=True)
    else:
        rows = rows.filter(next_report_at=tenant.next_report_at)
    return rows.update(next_report_at=now + REPORT_PERIOD) == 1


def week_summary(tenant: Tenant, now: datetime) -> dict:
    """Last week's sales (by sale date) per current state, and every sale still refused."""
    since = now - REPORT_PERIOD
    sales = Sale.objects.filter(koppeling__tenant=tenant)
    counted = dict(sales.filter(sold_at__gte=since, sold_at__lt=now).values_list("state")
                   .annotate(n=Count("id")).order_by())
    failed = sales.filter(state="failed").select_related("koppeling").order_by("-sold_at")
    return {
        "since": since, "until": now,
        "counts": [{"state": state, "label": label, "count": counted.get(state, 0)} for state, label in STATES],
        "week_total": sum(counted.values()),
        "failed": list(failed[:MAX_LISTED]),
        "failed_count": failed.count(),
        "failed_url": settings.SITE_URL + reverse("dashboard:failed"),
    }


def send_report(tenant: Tenant, now: datetime) -> int:
    recipients = tenant.users.filter(weekly_report=True, is_active=True).exclude(email="")
    if not recipients or not tenant.koppelingen.exists():
        return 0
    context = {"tenant": tenant, **week_summary(tenant, now)}
    sent = 0
    with override(settings.LANGUAGE_CODE):  # no request here: the site's language
        for user in recipients:
            sent += deliver(make_message("weekly-report", user.email, {**context, "user": user}))
    return sent


def send_due_reports(now: datetime | None = None) -> int:
    """Send every weekly report that is due. Returns the number of e-mails sent."""
    now = now or timezone.now()
    due = Tenant.objects.filter(Q(next_report_at__isnull=True) | Q(next_report_at__lte=now))
    return sum(send_report(tenant, now) for tenant in due if claim(tenant, now))
