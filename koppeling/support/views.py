"""Meld probleem: the user describes what went wrong; support gets the report with a snapshot."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect

from koppeling.dashboard.scope import get_sale, render_page, selected_koppeling, tenant_required
from koppeling.support.forms import ProblemReportForm
from koppeling.support.models import ProblemReport
from koppeling.support.reports import create_report


@tenant_required
def report_problem(request: HttpRequest) -> HttpResponse:
    sale_id = request.GET.get("verkoop") or request.POST.get("verkoop")
    sale = get_sale(request, sale_id) if sale_id and sale_id.isdigit() else None
    koppeling = sale.koppeling if sale else selected_koppeling(request)
    form = ProblemReportForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        report = create_report(request.user, koppeling, sale, form.cleaned_data["note"])
        return redirect("dashboard:report_received", report_id=report.pk)
    return render_page(request, "support/report_form.html", koppeling, {"form": form, "sale": sale})


@tenant_required
def report_received(request: HttpRequest, report_id: int) -> HttpResponse:
    report = get_object_or_404(ProblemReport, pk=report_id, tenant_id=request.user.tenant_id)
    return render_page(request, "support/report_received.html", report.koppeling, {"report": report})
