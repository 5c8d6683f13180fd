"""Home: how every koppeling is doing, at a glance."""

from __future__ import annotations

from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koppeling.dashboard.scope import koppelingen_of, render_page, selected_koppeling, tenant_required
from koppeling.sync import settings_status
from koppeling.sync.models import Koppeling, Sale

# The order and words of the counters on Home; the state names are the engine's.
COUNTERS = [
    ("booked", _("Geboekt"), "dashboard:reports"),
    ("failed", _("Fouten"), "dashboard:failed"),
    ("open", _("Open"), "dashboard:open"),
    ("ready", _("In de wachtrij"), ""),
    ("skipped", _("Overgeslagen"), ""),
]


def state_counts(koppelingen: list[Koppeling]) -> dict[int, dict[str, int]]:
    rows = (Sale.objects.filter(koppeling__in=koppelingen).values("koppeling_id", "state")
            .annotate(n=Count("id")).order_by())
    counts: dict[int, dict[str, int]] = {k.pk: {} for k in koppelingen}
    for row in rows:
        counts[row["koppeling_id"]][row["state"]] = row["n"]
    return counts


def overview(koppeling: Koppeling, counts: dict[str, int]) -> dict:
    now = timezone.now()
    missing = settings_status.missing_settings(koppeling)
    return {
        "koppeling": koppeling,
        "counters": [{"state": state, "label": label, "url": url, "count": counts.get(state, 0)}
                     for state, label, url in COUNTERS],
        "paused": bool(koppeling.paused_until and koppeling.paused_until > now),
        "incomplete": [anchor for anchor, items in missing.items() if items],
    }


@tenant_required
def home(request: HttpRequest) -> HttpResponse:
    koppelingen = list(koppelingen_of(request))
    counts = state_counts(koppelingen)
    cards = [overview(k, counts[k.pk]) for k in koppelingen]
    return render_page(request, "dashboard/home.html", selected_koppeling(request), {"cards": cards})
