"""Verbinden: the OAuth flows that connect a koppeling's systems. Any connector that is also an
OAuthConnect gets the button: the accounting package (then the administration is chosen, see
administration.py), and a sales system that offers it (Shopify; its shop address is saved first)."""

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

from koppeling.connectors import registry
from koppeling.connectors.base import Connector
from koppeling.dashboard import config_page, discovery
from koppeling.dashboard.scope import get_koppeling, render_page, tenant_required
from koppeling.dashboard.views.config import config_url
from koppeling.lib.http import TransportError
from koppeling.sync import actions, connections
from koppeling.sync.models import Koppeling

STATE_KEY = "oauth_connect"
SALES, ACCOUNTING = "sales", "accounting"
ANCHORS = {SALES: config_page.SALES, ACCOUNTING: config_page.ACCOUNTING}


def redirect_uri() -> str:
    # The address registered with the external system: the public site address, not the request's.
    return settings.SITE_URL + reverse("dashboard:connect_callback")


def _connector(koppeling: Koppeling, side: str) -> Connector:
    if side == SALES:
        return connections.sales_connector(koppeling)
    return connections.accounting_connector(koppeling)


def _system(koppeling: Koppeling, side: str) -> str:
    return registry.label(koppeling.sales_system if side == SALES else koppeling.accounting_system)


def _back(request: HttpRequest, koppeling: Koppeling, side: str, error: str) -> HttpResponse:
    messages.error(request, error)
    return redirect(config_url(koppeling, ANCHORS[side]))


def _failed(request: HttpRequest, koppeling: Koppeling, side: str, error: TransportError) -> HttpResponse:
    return _back(request, koppeling, side, _("Verbinden is niet gelukt: %(error)s") % {"error": error.message})


def _save_sales_form(request: HttpRequest, koppeling: Koppeling) -> HttpResponse | None:
    """The sales form comes along with its Verbinden button: save it first, since the shop's address
    says where to send the owner. The page again with the red fields when it does not validate."""
    form = config_page.section_form(koppeling, config_page.SALES, request.POST)
    if not form.is_valid():
        messages.error(request, _("Niet opgeslagen: controleer de rood gemarkeerde velden."))
        page = config_page.build(koppeling)
        page["forms"][config_page.SALES] = form
        return render_page(request, "dashboard/config.html", koppeling, page)
    form.save(koppeling)
    discovery.forget(koppeling)
    return None


@require_POST
@tenant_required
def connect(request: HttpRequest) -> HttpResponse:
    koppeling = get_koppeling(request, request.POST.get("k"))
    side = request.POST.get("side") or ACCOUNTING
    if side not in ANCHORS or not config_page.uses_oauth(koppeling, side):
        raise Http404("this system has no Connect button")
    if side == SALES and request.POST.get("section") == config_page.SALES:
        invalid = _save_sales_form(request, koppeling)
        if invalid:
            return invalid
    missing = config_page.missing_before_connect(koppeling, side)
    if missing:
        return _back(request, koppeling, side, _("Vul eerst in: %(fields)s.") % {"fields": ", ".join(missing)})
    state = secrets.token_urlsafe(32)
    request.session[STATE_KEY] = {"state": state, "koppeling": koppeling.pk, "side": side}
    try:
        url = _connector(koppeling, side).authorize_url(redirect_uri(), state)
    except TransportError as error:
        return _failed(request, koppeling, side, error)
    return redirect(url)


@tenant_required
def callback(request: HttpRequest) -> HttpResponse:
    expected = request.session.pop(STATE_KEY, None) or {}
    if not constant_time_compare(request.GET.get("state", ""), expected.get("state") or "-"):
        messages.error(request, _("Deze koppelaanvraag is verlopen of niet van jou. Druk opnieuw op Verbinden."))
        return redirect("dashboard:config")
    koppeling = get_koppeling(request, expected["koppeling"])
    side = expected.get("side") or ACCOUNTING
    if request.GET.get("error") or not request.GET.get("code"):
        return _back(request, koppeling, side, _("Verbinden is geannuleerd of geweigerd. Je kunt het opnieuw "
                                                 "proberen."))
    connector = _connector(koppeling, side)
    if not connector.verify_callback(request.GET.dict()):
        return _back(request, koppeling, side, _("Dit antwoord komt niet van %(system)s (de controlecode klopt "
                                                 "niet). Druk opnieuw op Verbinden.")
                     % {"system": _system(koppeling, side)})
    try:
        credentials = connector.exchange_code(request.GET["code"], redirect_uri())
    except TransportError as error:
        return _failed(request, koppeling, side, error)
    if side == SALES:
        return _sales_connected(request, koppeling, credentials)
    koppeling.accounting_credentials = credentials
    koppeling.save(update_fields=["accounting_secret"])
    discovery.forget(koppeling)
    return redirect(f"{reverse('dashboard:administration')}?k={koppeling.pk}")


def _sales_connected(request: HttpRequest, koppeling: Koppeling, credentials: dict) -> HttpResponse:
    koppeling.sales_credentials = credentials
    koppeling.save(update_fields=["sales_secret"])
    discovery.forget(koppeling)
    sales, _accounting = actions.check_connections(koppeling)
    system = _system(koppeling, SALES)
    if not sales.ok:
        return _back(request, koppeling, SALES, _("Verbonden met %(system)s, maar de verbinding werkt nog niet: "
                                                  "%(error)s") % {"system": system, "error": sales.message})
    messages.success(request, _("Verbonden met %(system)s.") % {"system": system})
    return redirect(config_url(koppeling, config_page.SALES))
