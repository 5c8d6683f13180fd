"""Rapportage > Btw-controle: per quarter, sold versus booked per VAT category and return box, so the
owner and the bookkeeper can check before filing the VAT return. Also as CSV."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse

from koppeling.dashboard.scope import koppelingen_of, render_page, selected_koppeling, tenant_required
from koppeling.sync import vat_return
from koppeling.vat.categories import BOX_LABELS

QUARTERS_SHOWN = 8


def parse_quarter(value: str) -> tuple[int, int] | None:
    """"2026-2" -> (2026, 2); anything else -> None."""
    try:
        year, quarter = (int(part) for part in value.split("-"))
    except ValueError:
        return None
    return (year, quarter) if 1 <= quarter <= 4 and 2000 <= year <= 2100 else None


def recent_quarters(year: int, quarter: int) -> list[tuple[int, int]]:
    result = []
    for _ in range(QUARTERS_SHOWN):
        result.append((year, quarter))
        year, quarter = (year, quarter - 1) if quarter > 1 else (year - 1, 4)
    return result


def _csv(report: vat_return.Report) -> HttpResponse:
    response = HttpResponse(vat_return.to_csv(report), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="btw-{report.year}-K{report.quarter}.csv"'
    return response


@tenant_required
def vat_check(request: HttpRequest) -> HttpResponse:
    # A VAT return covers the whole company: every koppeling of the tenant.
    current = vat_return.current_quarter()
    year, quarter = parse_quarter(request.GET.get("kwartaal", "")) or current
    report = vat_return.build(list(koppelingen_of(request)), year, quarter)
    if request.GET.get("formaat") == "csv":
        return _csv(report)
    boxes = [{"box": box, "label": BOX_LABELS.get(box, box), "row": row} for box, row in report.boxes().items()]
    context = {"report": report, "rows": report.ordered(), "boxes": boxes, "quarters": recent_quarters(*current),
               "box_labels": BOX_LABELS}
    return render_page(request, "dashboard/vat_check.html", selected_koppeling(request), context)
