"""One sale: its canonical data, its history, its booking, and the Verwerk button."""

from __future__ import annotations

from decimal import Decimal

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koppeling.dashboard import booking_view, discovery
from koppeling.dashboard.scope import get_sale, render_page, safe_next, tenant_required
from koppeling.sync import actions
from koppeling.sync.models import Booking, Sale

# Booked sales are final and skipped ones are never booked: the engine only takes these back.
PROCESSABLE = {"failed", "open", "ready"}


def canonical_view(sale: Sale) -> dict:
    """The canonical JSON as the template shows it; gross is computed, never stored."""
    data = sale.canonical or {}
    lines = []
    for line in data.get("lines", []):
        net, tax = line.get("net"), line.get("tax")
        try:
            gross = str(_decimal(net) + _decimal(tax))
        except ArithmeticError:  # a malformed amount shows as blank, never as an error page
            gross = ""
        lines.append({**line, "gross": gross})
    return {"customer": data.get("customer") or {}, "lines": lines, "currency": data.get("currency", "EUR"),
            "prices_include_tax": data.get("prices_include_tax"),
            "payment_method_title": data.get("payment_method_title") or data.get("payment_method", "")}


def _decimal(value) -> Decimal:
    return Decimal(str(value if value not in (None, "") else "0"))


@tenant_required
def sale_detail(request: HttpRequest, sale_id: int) -> HttpResponse:
    sale = get_sale(request, sale_id)
    booking = Booking.objects.filter(sale=sale).first()
    context = {"sale": sale, "data": canonical_view(sale), "events": sale.events.all(), "booking": booking,
               "booked_lines": booking_view.booked(booking) if booking else [],
               "plan": None if booking else booking_view.planned(sale),
               "refunds": sale.refunds.all(), "total_net": sale.total - sale.total_tax,
               "status_label": discovery.status_labels(sale.koppeling).get(sale.shop_status, "")}
    return render_page(request, "dashboard/sale.html", sale.koppeling, context)


@require_POST
@tenant_required
def process(request: HttpRequest, sale_id: int) -> HttpResponse:
    sale = get_sale(request, sale_id)
    if sale.state not in PROCESSABLE or not actions.process_now(sale):
        messages.info(request, _("Verkoop %(number)s hoeft niet verwerkt te worden: de status is %(state)s.")
                      % {"number": sale.number, "state": sale.get_state_display().lower()})
    else:
        messages.success(request, _("Verkoop %(number)s wordt nu verwerkt. Ververs de pagina over een "
                                    "paar seconden voor het resultaat.") % {"number": sale.number})
    return redirect(safe_next(request, reverse("dashboard:sale", args=[sale.pk])))
