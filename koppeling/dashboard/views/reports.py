"""Rapportage: what was booked, with the accounting package's reference, per month."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from koppeling.dashboard.scope import render_page, selected_koppeling, tenant_required
from koppeling.sync.models import Booking, Koppeling

PER_PAGE = 50


def parse_month(value: str) -> tuple[int, int] | None:
    """"2025-03" -> (2025, 3); anything else -> None (no filter)."""
    try:
        year, month = (int(part) for part in value.split("-"))
    except ValueError:
        return None
    return (year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None


def bookings_of(koppeling: Koppeling, month: tuple[int, int] | None):
    bookings = Booking.objects.filter(koppeling=koppeling).select_related("sale")
    if month:
        bookings = bookings.filter(sale__sold_at__year=month[0], sale__sold_at__month=month[1])
    return bookings.order_by("-sale__sold_at", "-id")


def months_of(koppeling: Koppeling) -> list:
    return list(Booking.objects.filter(koppeling=koppeling)
                .datetimes("sale__sold_at", "month", order="DESC", tzinfo=timezone.get_current_timezone()))


@tenant_required
def reports(request: HttpRequest) -> HttpResponse:
    koppeling = selected_koppeling(request)
    month_param = request.GET.get("maand", "")
    month = parse_month(month_param)
    context = {"month": month_param if month else "", "months": [], "page": None, "total": None}
    if koppeling:
        bookings = bookings_of(koppeling, month)
        context.update({
            "months": months_of(koppeling),
            "page": Paginator(bookings, PER_PAGE).get_page(request.GET.get("pagina")),
            "total": bookings.aggregate(total=Sum("total"))["total"],
        })
    return render_page(request, "dashboard/reports.html", koppeling, context)
