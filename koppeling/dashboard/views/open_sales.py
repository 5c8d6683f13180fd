"""Open: sales whose shop status is not (yet) one we book, and why."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse

from koppeling.dashboard import discovery
from koppeling.dashboard.scope import render_page, selected_koppeling, tenant_required
from koppeling.sync.models import Sale

PER_PAGE = 50


@tenant_required
def open_sales(request: HttpRequest) -> HttpResponse:
    koppeling = selected_koppeling(request)
    page = None
    if koppeling:
        sales = Sale.objects.filter(koppeling=koppeling, state="open")
        page = Paginator(sales, PER_PAGE).get_page(request.GET.get("pagina"))
        labels = discovery.status_labels(koppeling)
        for sale in page.object_list:
            sale.status_label = labels.get(sale.shop_status, "")
    return render_page(request, "dashboard/open.html", koppeling, {"page": page})
