"""Webhooks instellen: ask the shop to send its order changes to our webhook address, for sales
systems whose connector can subscribe it (register_webhooks); others get instructions instead."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koppeling.connectors import registry
from koppeling.dashboard import config_page
from koppeling.dashboard.scope import get_koppeling, tenant_required
from koppeling.dashboard.views.config import config_url
from koppeling.lib.http import TransportError
from koppeling.sync import connections


@require_POST
@tenant_required
def register(request: HttpRequest) -> HttpResponse:
    koppeling = get_koppeling(request, request.POST.get("k"))
    url = config_page.webhook_url(koppeling)
    if not url or not config_page.registers_webhooks(koppeling):
        raise Http404("this sales system cannot subscribe webhooks itself")
    system = registry.label(koppeling.sales_system)
    try:
        connections.sales_connector(koppeling).register_webhooks(url)
    except (TransportError, ValueError) as error:  # ValueError: credentials that cannot be decrypted
        messages.error(request, _("Webhooks instellen is niet gelukt: %(error)s")
                       % {"error": getattr(error, "message", "") or _("verbind de winkel opnieuw.")})
    else:
        messages.success(request, _("Webhooks ingesteld: %(system)s geeft nieuwe en gewijzigde verkopen nu "
                                    "direct door.") % {"system": system})
    return redirect(config_url(koppeling, "webhooks"))
