"""Nieuwe koppeling: choose a name, a sales system and an accounting package."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from koppeling.dashboard.forms import NewKoppelingForm
from koppeling.dashboard.scope import SESSION_KEY, render_page, selected_koppeling, tenant_required
from koppeling.dashboard.views.config import config_url


@tenant_required
def new_koppeling(request: HttpRequest) -> HttpResponse:
    form = NewKoppelingForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        koppeling = form.save(request.user.tenant)
        request.session[SESSION_KEY] = koppeling.pk
        messages.success(request, _("Koppeling %(name)s is aangemaakt. Vul nu de verbindingen in.")
                         % {"name": koppeling.name})
        return redirect(config_url(koppeling))
    return render_page(request, "dashboard/new_koppeling.html", selected_koppeling(request), {"form": form})
