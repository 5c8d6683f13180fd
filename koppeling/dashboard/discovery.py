"""Discovery results (statuses, ledger accounts, tax rates...) for the Configuratie page.

Discovery calls the external systems over HTTP, so results are cached for a few minutes and a
failure becomes a Dutch message on the page instead of an error page. Status labels are kept a
day longer, so that the Open tab can show them without calling the shop.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.cache import cache
from django.utils.translation import gettext as _

from koppeling.connectors import registry
from koppeling.connectors.base import AccountingDiscovery, SalesDiscovery
from koppeling.lib.http import TransportError
from koppeling.sync import connections
from koppeling.sync.models import Koppeling

CACHE_SECONDS = 5 * 60
LABELS_SECONDS = 24 * 60 * 60


@dataclass
class Found:
    """A discovery result, or the reason why there is none (a Dutch sentence)."""

    result: SalesDiscovery | AccountingDiscovery | None
    error: str = ""


def _key(koppeling: Koppeling, side: str) -> str:
    return f"discovery:{side}:{koppeling.pk}"


def _labels_key(koppeling: Koppeling) -> str:
    return f"discovery:status-labels:{koppeling.pk}"


def forget(koppeling: Koppeling) -> None:
    """The Vernieuwen button, and every change of connection settings."""
    cache.delete_many([_key(koppeling, "sales"), _key(koppeling, "accounting")])


def _discover(koppeling: Koppeling, side: str, build) -> Found:
    cached = cache.get(_key(koppeling, side))
    if cached is not None:
        return Found(cached)
    system = koppeling.sales_system if side == "sales" else koppeling.accounting_system
    try:
        result = build(koppeling).discover()
    except TransportError as error:  # ConnectorError included
        return Found(None, _("%(system)s gaf geen lijsten terug: %(error)s")
                     % {"system": registry.label(system), "error": error.message})
    except ValueError:  # credentials that cannot be decrypted any more
        return Found(None, _("De opgeslagen inloggegevens zijn niet meer leesbaar. Verbind opnieuw."))
    cache.set(_key(koppeling, side), result, CACHE_SECONDS)
    return Found(result)


def sales(koppeling: Koppeling) -> Found:
    if not (koppeling.sales_config or koppeling.sales_secret):
        return Found(None, _("Vul eerst de verbinding met het verkoopsysteem in."))
    found = _discover(koppeling, "sales", connections.sales_connector)
    if found.result is not None:
        labels = {option.id: option.label for option in found.result.statuses}
        cache.set(_labels_key(koppeling), labels, LABELS_SECONDS)
    return found


def accounting(koppeling: Koppeling) -> Found:
    if not koppeling.accounting_secret:
        return Found(None, _("Verbind eerst het boekhoudpakket."))
    return _discover(koppeling, "accounting", connections.accounting_connector)


def cached_accounting(koppeling: Koppeling) -> AccountingDiscovery | None:
    """The accounting lists if a recent discovery fetched them; never calls the package."""
    return cache.get(_key(koppeling, "accounting"))


def status_labels(koppeling: Koppeling) -> dict[str, str]:
    """The shop's status labels if a recent discovery saw them; never calls the shop."""
    return cache.get(_labels_key(koppeling)) or {}
