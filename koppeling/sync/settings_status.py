"""Which settings of a koppeling are still incomplete ("niet ingevuld"), per Configuratie section."""

from __future__ import annotations

from django.utils.translation import gettext as _

from koppeling.connectors import registry
from koppeling.sync import errors
from koppeling.sync.canonical import from_json
from koppeling.sync.models import Koppeling
from koppeling.vat import categories
from koppeling.vat.classify import classify
from koppeling.vat.rates import NL_RATES
from koppeling.vat.treatment import VatSettings

RECENT = 300  # how many recent sales to look at for VAT categories and payment methods in use


def _recent_canonicals(koppeling: Koppeling):
    return koppeling.sales.order_by("-id").values_list("canonical", flat=True)[:RECENT]


def vat_categories_to_map(koppeling: Koppeling) -> list[str]:
    """The Dutch rates, plus every VAT category the koppeling's recent sales use (ICP, export,
    OSS per country and rate, rounding...), in a stable order."""
    codes = [categories.nl(rate).code for rate in NL_RATES]
    settings = VatSettings.from_config(koppeling.vat_settings)
    for canonical in _recent_canonicals(koppeling):
        try:
            result = classify(from_json(canonical), settings)
        except (KeyError, ValueError, ArithmeticError):
            continue
        codes += [line.category.code for line in result.lines if line.category.code not in codes]
    return codes


def payment_methods_to_map(koppeling: Koppeling) -> list[tuple[str, str]]:
    """Payment methods seen in recent sales, plus any already mapped: (code, title)."""
    seen: dict[str, str] = {code: code for code in koppeling.payment_mapping}
    for canonical in _recent_canonicals(koppeling):
        code = canonical.get("payment_method")
        if code:
            seen[code] = canonical.get("payment_method_title") or seen.get(code) or code
    return sorted(seen.items(), key=lambda item: item[1].lower())


def missing_settings(koppeling: Koppeling) -> dict[str, list[str]]:
    target = registry.label(koppeling.accounting_system)
    shop = registry.label(koppeling.sales_system)
    return {
        errors.SETTING_SALES: _missing_sales(koppeling, shop),
        errors.SETTING_ACCOUNTING: _missing_accounting(koppeling, target),
        errors.SETTING_STATUSES: [] if koppeling.book_statuses else [_("Kies welke statussen geboekt worden.")],
        errors.SETTING_KINDS: [] if koppeling.book_kinds else [_("Kies wat er geboekt wordt.")],
        errors.SETTING_START: [] if koppeling.start_date else [_("Kies een startdatum.")],
        errors.SETTING_VAT: [_("'%(category)s' is niet gekoppeld.") % {"category": categories.parse(code).label}
                             for code in vat_categories_to_map(koppeling) if not _vat_complete(koppeling, code)],
        errors.SETTING_PAYMENT: _missing_payments(koppeling),
    }


def _missing_payments(koppeling: Koppeling) -> list[str]:
    if not registry.accounting_class(koppeling.accounting_system).registers_payments:
        return []
    return [_("Betaalmethode '%(title)s' is niet gekoppeld.") % {"title": title}
            for code, title in payment_methods_to_map(koppeling) if not koppeling.payment_mapping.get(code)]


def is_complete(koppeling: Koppeling) -> bool:
    return not any(missing_settings(koppeling).values())


def _vat_complete(koppeling: Koppeling, key: str) -> bool:
    entry = koppeling.vat_mapping.get(key) or {}
    return bool(entry.get("ledger_account_id") and entry.get("tax_rate_id"))


def _missing_sales(koppeling: Koppeling, shop: str) -> list[str]:
    if not koppeling.sales_secret or not any(koppeling.sales_config.values()):
        return [_("Vul de gegevens van %(shop)s in.") % {"shop": shop}]
    if koppeling.sales_status == "error":
        return [koppeling.sales_status_message or _("De verbinding met %(shop)s werkt niet.") % {"shop": shop}]
    return []


def _missing_accounting(koppeling: Koppeling, target: str) -> list[str]:
    if not koppeling.accounting_secret:
        return [_("Verbind %(target)s met de knop Verbinden.") % {"target": target}]
    if not koppeling.accounting_config.get("administration_id"):
        return [_("Kies de administratie in %(target)s.") % {"target": target}]
    if koppeling.accounting_status == "error":
        return [koppeling.accounting_status_message or _("De verbinding met %(target)s werkt niet.") % {
            "target": target}]
    choices = registry.accounting_class(koppeling.accounting_system).required_choices
    return [_("Kies '%(choice)s' in %(target)s.") % {"choice": label, "target": target}
            for name, label in choices.items() if not koppeling.accounting_config.get(name)]

