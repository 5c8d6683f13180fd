"""Kies je administratie: after Verbinden, the administration (Moneybird) or division (Exact Online)
to book into; skipped when the package offers one (or no choice)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from koppeling.connectors.base import Option
from koppeling.dashboard import config_page, discovery
from koppeling.dashboard.scope import get_koppeling, render_page, tenant_required
from koppeling.dashboard.views.config import config_url
from koppeling.lib.http import TransportError
from koppeling.sync import actions, connections
from koppeling.sync.models import Koppeling

# Keys a connector may read before the engine's administration_id (Exact's "division"): when present
# they follow the choice, so that an old value never wins over the administration chosen here.
ALIASES = {"division": "id", "division_name": "label"}


def _chosen_config(config: dict, option: Option) -> dict:
    chosen = {**config, "administration_id": option.id, "administration_name": option.label}
    for key, attribute in ALIASES.items():
        if key in config:
            chosen[key] = getattr(option, attribute)
    return chosen


def _default_choices(koppeling: Koppeling) -> None:
    """Start each package choice (Exact's sales journal...) on its first option when nothing valid is
    chosen yet, as Configuratie shows it: a fresh connection then books without another step."""
    found = discovery.accounting(koppeling).result
    if found is None:
        return  # the page shows why; the owner chooses there
    config = dict(koppeling.accounting_config)
    for choice in found.choices:
        if choice.options and config.get(choice.name) not in {option.id for option in choice.options}:
            config[choice.name] = choice.options[0].id
    if config != koppeling.accounting_config:
        koppeling.accounting_config = config
        koppeling.save(update_fields=["accounting_config"])


def _store(koppeling: Koppeling, option: Option) -> None:
    koppeling.accounting_config = _chosen_config(koppeling.accounting_config, option)
    koppeling.save(update_fields=["accounting_config"])
    discovery.forget(koppeling)
    _default_choices(koppeling)
    actions.check_connections(koppeling)


def _match(options: list[Option], chosen: str | None) -> Option | None:
    if len(options) == 1:
        return options[0]
    return next((option for option in options if option.id == chosen), None) if chosen else None


@tenant_required
def administration(request: HttpRequest) -> HttpResponse:
    koppeling = get_koppeling(request, request.GET.get("k") or request.POST.get("k"))
    back = config_url(koppeling, config_page.ACCOUNTING)
    try:
        options = connections.accounting_connector(koppeling).administrations()
    except TransportError as error:
        messages.error(request, _("Verbinden is niet gelukt: %(error)s") % {"error": error.message})
        return redirect(back)
    match = _match(options, request.POST.get("administration_id"))
    if match:
        _store(koppeling, match)
        messages.success(request, _("Verbonden met administratie %(name)s.") % {"name": match.label})
        return redirect(back)
    if not options:
        actions.check_connections(koppeling)
        messages.success(request, _("Verbonden."))
        return redirect(back)
    return render_page(request, "dashboard/administration.html", koppeling,
                       {"options": options, "current": koppeling.accounting_config.get("administration_id")})
