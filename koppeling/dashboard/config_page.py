"""Builds the Configuratie page's sections: one form per section, bound to POST data for the one the
user submitted. Section names are also the page anchors and the keys of missing_settings()."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from koppeling.connectors.base import OAuthConnect, SalesSource
from koppeling.dashboard import config_forms as cf
from koppeling.dashboard import discovery, vat_forms, webhook_help
from koppeling.sync import settings_status
from koppeling.sync.models import Koppeling

SALES, ACCOUNTING = "verbinding-verkoop", "verbinding-boekhouding"
ACCOUNTING_CHOICES = "boekhouding-keuzes"
CONNECTIONS = (SALES, ACCOUNTING, ACCOUNTING_CHOICES)  # saving these tests the connections again
CHOSEN_AFTER_CONNECT = ("administration_id",)
VAT_RULES = "btw-regels"
SECTIONS = (SALES, ACCOUNTING, ACCOUNTING_CHOICES, "statussen", "soorten", "startdatum", VAT_RULES, "btw",
            "betaalmethoden", "interval")
TOC = [(SALES, _("Verkoop")), (ACCOUNTING, _("Boekhouding")), ("statussen", _("Statussen")),
       ("soorten", _("Soorten")), ("startdatum", _("Startdatum")), (VAT_RULES, _("Btw-regels")),
       ("btw", _("Btw en grootboekrekeningen")), ("betaalmethoden", _("Betaalmethoden")), ("interval", _("Ophalen"))]


def uses_oauth(koppeling: Koppeling, side: str = "accounting") -> bool:
    """Whether this side's system connects with a Verbinden button (an OAuth flow)."""
    return issubclass(cf.connector_class(koppeling, side), OAuthConnect)


def webhook_url(koppeling: Koppeling) -> str:
    """Where the shop can push changes, if its connector reads webhooks ("" otherwise)."""
    if cf.connector_class(koppeling, "sales").read_webhook is SalesSource.read_webhook:
        return ""
    return settings.SITE_URL + reverse("webhook", args=[koppeling.webhook_token])


def registers_webhooks(koppeling: Koppeling) -> bool:
    """Whether the sales connector can subscribe our webhook address itself ("Webhooks instellen")."""
    return cf.connector_class(koppeling, "sales").register_webhooks is not SalesSource.register_webhooks


def missing_before_connect(koppeling: Koppeling, side: str) -> list[str]:
    """The labels of required plain settings still empty (Shopify's shop address): the Verbinden
    button needs them to know where to send the owner."""
    config = koppeling.sales_config if side == "sales" else koppeling.accounting_config
    return [str(spec.label) for spec in cf.connector_class(koppeling, side).config_fields
            if spec.required and not spec.secret and spec.name not in CHOSEN_AFTER_CONNECT
            and not str(config.get(spec.name) or "").strip()]


class Lists:
    """The discovery results a page needs, fetched on first use: saving the start date must not wait
    for the shop."""

    def __init__(self, koppeling: Koppeling):
        self.koppeling = koppeling
        self._found: dict[str, discovery.Found] = {}

    @property
    def sales(self) -> discovery.Found:
        if "sales" not in self._found:
            self._found["sales"] = discovery.sales(self.koppeling)
        return self._found["sales"]

    @property
    def accounting(self) -> discovery.Found:
        if "accounting" not in self._found:
            self._found["accounting"] = discovery.accounting(self.koppeling)
        return self._found["accounting"]


def _sales_connection(koppeling: Koppeling, data, lists: Lists) -> forms.Form:
    return cf.ConnectionForm(data, koppeling=koppeling, side="sales")


def _accounting_connection(koppeling: Koppeling, data, lists: Lists) -> forms.Form:
    # With OAuth the administration is chosen after Verbinden, from the list the package gives.
    exclude = CHOSEN_AFTER_CONNECT if uses_oauth(koppeling) else ()
    return cf.ConnectionForm(data, koppeling=koppeling, side="accounting", exclude=exclude)


def _accounting_choices(koppeling: Koppeling, data, lists: Lists) -> forms.Form | None:
    found = lists.accounting.result
    if found is None or not found.choices:
        return None
    return cf.AccountingChoicesForm(data, choices=found.choices, current=koppeling.accounting_config)


def _statuses(koppeling: Koppeling, data, lists: Lists) -> forms.Form | None:
    found = lists.sales.result
    if found is None:
        return None
    initial = {"book_statuses": koppeling.book_statuses or found.default_statuses}
    return cf.StatusesForm(data, statuses=found.statuses, initial=initial)


def _kinds(koppeling: Koppeling, data, lists: Lists) -> forms.Form:
    return cf.KindsForm(data, koppeling=koppeling, initial={"book_kinds": koppeling.book_kinds})


def _start_date(koppeling: Koppeling, data, lists: Lists) -> forms.Form:
    return cf.StartDateForm(data, instance=koppeling)


def _interval(koppeling: Koppeling, data, lists: Lists) -> forms.Form:
    return cf.IntervalForm(data, instance=koppeling)


def _vat_rules(koppeling: Koppeling, data, lists: Lists) -> forms.Form:
    return vat_forms.VatRulesForm(data, koppeling=koppeling)


def _vat(koppeling: Koppeling, data, lists: Lists) -> forms.Form | None:
    found = lists.accounting.result
    if found is None:
        return None
    return vat_forms.VatMappingForm(data, codes=settings_status.vat_categories_to_map(koppeling), found=found,
                                    current=koppeling.vat_mapping)


def _payment(koppeling: Koppeling, data, lists: Lists) -> forms.Form | None:
    found = lists.accounting.result
    if found is None:
        return None
    return cf.PaymentForm(data, methods=settings_status.payment_methods_to_map(koppeling), found=found,
                          current=koppeling.payment_mapping)


BUILDERS = {SALES: _sales_connection, ACCOUNTING: _accounting_connection, ACCOUNTING_CHOICES: _accounting_choices,
            "statussen": _statuses,
            "soorten": _kinds, "startdatum": _start_date, VAT_RULES: _vat_rules, "btw": _vat,
            "betaalmethoden": _payment, "interval": _interval}


def section_form(koppeling: Koppeling, section: str, data: QueryDict | None = None,
                 lists: Lists | None = None) -> forms.Form | None:
    """One section's form; None when its choices could not be discovered."""
    return BUILDERS[section](koppeling, data, lists or Lists(koppeling))


def build(koppeling: Koppeling, bound: str | None = None, data: QueryDict | None = None) -> dict:
    """Everything the template needs: forms per section (the submitted one bound to its data),
    discovery errors, and what is missing."""
    lists = Lists(koppeling)
    section_forms = {section: section_form(koppeling, section, data if section == bound else None, lists)
                     for section in SECTIONS}
    return {
        "forms": section_forms,
        "sales_error": lists.sales.error,
        "accounting_error": lists.accounting.error,
        "missing": settings_status.missing_settings(koppeling),
        "uses_oauth": uses_oauth(koppeling),
        "sales_oauth": uses_oauth(koppeling, "sales"),
        "toc": TOC,
        "webhook_url": webhook_url(koppeling),
        "registers_webhooks": registers_webhooks(koppeling),
        "webhook_steps": webhook_help.manual_steps(koppeling.sales_system),
    }
