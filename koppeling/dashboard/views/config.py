"""Configuratie: both connections and every booking setting of one koppeling, section by section."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koppeling.dashboard import config_page, discovery
from koppeling.dashboard.scope import get_koppeling, render_page, selected_koppeling, tenant_required
from koppeling.sync import actions
from koppeling.sync.models import Koppeling


def config_url(koppeling: Koppeling, anchor: str = "") -> str:
    return f"{reverse('dashboard:config')}?k={koppeling.pk}" + (f"#{anchor}" if anchor else "")


def _save(request: HttpRequest, koppeling: Koppeling, section: str) -> HttpResponse:
    form = config_page.section_form(koppeling, section, request.POST)
    if form is None:
        messages.error(request, _("Dit onderdeel kan nu niet worden opgeslagen. Probeer het opnieuw."))
        return redirect(config_url(koppeling, section))
    if not form.is_valid():
        messages.error(request, _("Niet opgeslagen: controleer de rood gemarkeerde velden."))
        page = config_page.build(koppeling)
        page["forms"][section] = form
        return render_page(request, "dashboard/config.html", koppeling, page)
    form.save(koppeling)
    if section in config_page.CONNECTIONS:
        # New credentials: old discovery results may belong to another shop or administration.
        discovery.forget(koppeling)
        actions.check_connections(koppeling)
    messages.success(request, _("Opgeslagen."))
    return redirect(config_url(koppeling, section))


@tenant_required
def config(request: HttpRequest) -> HttpResponse:
    koppeling = selected_koppeling(request)
    if koppeling is None:
        return redirect("dashboard:new_koppeling")
    section = request.POST.get("section", "")
    if request.method == "POST" and section in config_page.SECTIONS:
        return _save(request, koppeling, section)
    return render_page(request, "dashboard/config.html", koppeling, config_page.build(koppeling))


@require_POST
@tenant_required
def refresh(request: HttpRequest) -> HttpResponse:
    """Vernieuwen: fetch statuses, accounts and tax rates again instead of using the cached lists."""
    koppeling = get_koppeling(request, request.POST.get("k"))
    discovery.forget(koppeling)
    messages.success(request, _("De lijsten zijn opnieuw opgehaald."))
    section = request.POST.get("section", "")
    return redirect(config_url(koppeling, section if section in config_page.SECTIONS else ""))


@require_POST
@tenant_required
def check(request: HttpRequest) -> HttpResponse:
    """Verbinding testen: ask both systems whether our credentials still work."""
    koppeling = get_koppeling(request, request.POST.get("k"))
    actions.check_connections(koppeling)
    koppeling.refresh_from_db()
    if koppeling.sales_status == "ok" and koppeling.accounting_status == "ok":
        messages.success(request, _("Beide verbindingen werken."))
    else:
        messages.error(request, _("Niet elke verbinding werkt. Zie de melding bij de rode stip."))
    return redirect(config_url(koppeling, "verbindingen"))
