"""Fouten: refused sales grouped by cause, with Verwerk and "Alle opnieuw verwerken"."""

from __future__ import annotations

from django.contrib import messages
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from koppeling.dashboard.scope import get_koppeling, render_page, selected_koppeling, tenant_required
from koppeling.sync import actions
from koppeling.sync.models import Koppeling, Sale

ROWS_PER_GROUP = 50


def failed_groups(koppeling: Koppeling) -> list[dict]:
    """One group per cause (error code), the largest first, each with its newest sales."""
    failed = Sale.objects.filter(koppeling=koppeling, state="failed")
    causes = failed.values("error_code").annotate(n=Count("id")).order_by("-n", "error_code")
    groups = []
    for cause in causes:
        sales = list(failed.filter(error_code=cause["error_code"])[:ROWS_PER_GROUP])
        groups.append({"code": cause["error_code"], "count": cause["n"], "sales": sales,
                       "title": sales[0].error_message if sales else "",
                       "hidden": cause["n"] - len(sales)})
    return groups


@tenant_required
def failed(request: HttpRequest) -> HttpResponse:
    koppeling = selected_koppeling(request)
    groups = failed_groups(koppeling) if koppeling else []
    total = sum(group["count"] for group in groups)
    return render_page(request, "dashboard/failed.html", koppeling, {"groups": groups, "total": total})


@require_POST
@tenant_required
def reprocess_cause(request: HttpRequest) -> HttpResponse:
    koppeling = get_koppeling(request, request.POST.get("k"))
    error_code = request.POST.get("error_code", "")
    count = actions.reprocess_cause(koppeling, error_code)
    messages.success(request, ngettext(
        "%(count)d verkoop wordt opnieuw verwerkt.", "%(count)d verkopen worden opnieuw verwerkt.", count,
    ) % {"count": count} if count else _("Er was niets om opnieuw te verwerken."))
    return redirect(f"{reverse('dashboard:failed')}?k={koppeling.pk}")
