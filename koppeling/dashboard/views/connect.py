"""Verbinden: the OAuth flow that connects the accounting package, then the choice of administration."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.crypto import constant_time_compare
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from koppeling.connectors.base import Option
from koppeling.dashboard import config_page, discovery
from koppeling.dashboard.scope import get_koppeling, render_page, tenant_required
from koppeling.dashboard.views.config import config_url
from koppeling.lib.http import TransportError
from koppeling.sync import actions, connections
from koppeling.sync.models import Koppeling

STATE_KEY = "oauth_connect"
ANCHOR = "verbinding-boekhouding"


def redirect_uri() -> str:
    # The address registered with the accounting package: the public site address, not the request's.
    return settings.SITE_URL + reverse("dashboard:connect_callback")


def _failed(request: HttpRequest, koppeling: Koppeling, error: TransportError) -> HttpResponse:
    messages.error(request, _("Verbinden is niet gelukt: %(error)s") % {"error": error.message})
    return redirect(config_url(koppeling, ANCHOR))


@require_POST
@tenant_required
def connect(request: HttpRequest) -> HttpResponse:
    koppeling = get_koppeling(request, request.POST.get("k"))
    if not config_page.uses_oauth(koppeling):
        raise Http404("this accounting package has no Connect button")
    state = secrets.token_urlsafe(32)
    request.session[STATE_KEY] = {"state": state, "koppeling": koppeling.pk}
    try:
        url = connections.accounting_connector(koppeling).authorize_url(redirect_uri(), state)
    except TransportError as error:
        return _failed(request, koppeling, error)
    return redirect(url)


@tenant_required
def callback(request: HttpRequest) -> HttpResponse:
    expected = request.session.pop(STATE_KEY, None) or {}
    if not constant_time_compare(request.GET.get("state", ""), expected.get("state") or "-"):
        messages.error(request, _("Deze koppelaanvraag is verlopen of niet van jou. Druk opnieuw op Verbinden."))
        return redirect("dashboard:config")
    koppeling = get_koppeling(request, expected["koppeling"])
    if request.GET.get("error") or not request.GET.get("code"):
        messages.error(request, _("Verbinden is geannuleerd of geweigerd. Je kunt het opnieuw proberen."))
        return redirect(config_url(koppeling, ANCHOR))
    try:
        credentials = connections.accounting_connector(koppeling).exchange_code(request.GET["code"],
                                                                                redirect_uri())
    except TransportError as error:
        return _failed(request, koppeling, error)
    koppeling.accounting_credentials = credentials
    koppeling.save(update_fields=["accounting_secret"])
    discovery.forget(koppeling)
    return redirect(f"{reverse('dashboard:administration')}?k={koppeling.pk}")


def _store_administration(koppeling: Koppeling, option: Option) -> None:
    koppeling.accounting_config = {**koppeling.accounting_config, "administration_id": option.id,
                                   "administration_name": option.label}
    koppeling.save(update_fields=["accounting_config"])
    discovery.forget(koppeling)
    actions.check_connections(koppeling)


@tenant_required
def administration(request: HttpRequest) -> HttpResponse:
    """Choose the administration to book into; skipped when there is only one (or no choice)."""
    koppeling = get_koppeling(request, request.GET.get("k") or request.POST.get("k"))
    try:
        options = connections.accounting_connector(koppeling).administrations()
    except TransportError as error:
        return _failed(request, koppeling, error)
    chosen = request.POST.get("administration_id")
    if len(options) == 1 or chosen:
        match = options[0] if len(options) == 1 else next((o for o in options if o.id == chosen), None)
        if match:
            _store_administration(koppeling, match)
            messages.success(request, _("Verbonden met administratie %(name)s.") % {"name": match.label})
            return redirect(config_url(koppeling, ANCHOR))
    if not options:
        actions.check_connections(koppeling)
        messages.success(request, _("Verbonden."))
        return redirect(config_url(koppeling, ANCHOR))
    return render_page(request, "dashboard/administration.html", koppeling,
                       {"options": options, "current": koppeling.accounting_config.get("administration_id")})
