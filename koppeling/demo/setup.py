"""What an owner does in Configuratie after connecting the accounting package, done for the demo:
choose the administration, keep each package choice on its first option (Exact's sales journal),
and take the VAT mapping we suggest from the package's own chart and VAT codes."""

from __future__ import annotations

from koppeling.connectors.base import AccountingDiscovery
from koppeling.sync.connections import accounting_connector
from koppeling.sync.models import Koppeling
from koppeling.sync.settings_status import vat_categories_to_map
from koppeling.sync.suggestions import suggest_vat_mapping

# The Dutch rates, and the categories a demo order to a business in the EU or beyond needs.
EXTRA_VAT_CATEGORIES = ("ICP", "EXPORT")


def choose_administration(koppeling: Koppeling) -> None:
    """The first administration offered (Exact puts the current division first)."""
    first = accounting_connector(koppeling).administrations()[0]
    koppeling.accounting_config = {**koppeling.accounting_config, "administration_id": first.id,
                                   "administration_name": first.label}
    koppeling.save(update_fields=["accounting_config"])


def configure_accounting(koppeling: Koppeling) -> AccountingDiscovery:
    """Administration, package choices and VAT mapping; returns the discovery for further mappings."""
    choose_administration(koppeling)
    found = accounting_connector(koppeling).discover()
    choices = {choice.name: choice.options[0].id for choice in found.choices if choice.options}
    koppeling.accounting_config = {**koppeling.accounting_config, **choices}
    codes = list(dict.fromkeys([*vat_categories_to_map(koppeling), *EXTRA_VAT_CATEGORIES]))
    koppeling.vat_mapping = suggest_vat_mapping(found, codes)
    koppeling.save(update_fields=["accounting_config", "vat_mapping"])
    return found
