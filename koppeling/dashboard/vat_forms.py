"""The two VAT sections of Configuratie: the VAT rules the tenant chose (OSS, VIES...) and, per VAT
category the sales use, the ledger account and VAT code to book with."""

from __future__ import annotations

from decimal import Decimal

from django import forms
from django.utils.translation import gettext_lazy as _

from koppeling.connectors.base import AccountingDiscovery, Option
from koppeling.dashboard.config_forms import choices_of
from koppeling.dashboard.forms import PlainLabels
from koppeling.sync.models import Koppeling
from koppeling.sync.suggestions import suggest_vat_mapping
from koppeling.vat import categories


def tax_rates_for(code: str, options: list[Option]) -> list[Option]:
    """The accounting package's VAT codes whose percentage fits the category; all of them when the
    category has no rate or none fits, so that the user can always choose."""
    rate = categories.parse(code).rate
    if rate is None:
        return options
    matching = [o for o in options if o.percentage is not None and Decimal(o.percentage) == rate]
    return matching or options


class VatMappingForm(PlainLabels, forms.Form):
    """One row per VAT category (NL_21, ICP, OSS_DE_19...): ledger account and VAT code."""

    def __init__(self, *args, codes: list[str], found: AccountingDiscovery, current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = codes
        suggested = suggest_vat_mapping(found, codes)
        # Unmapped categories start with our suggestion, which counts only once the user saves it.
        self.suggested = [code for code in codes if not current.get(code)]
        for code in codes:
            label = categories.parse(code).label
            mapped = current.get(code) or suggested.get(code) or {}
            self.fields[f"ledger_{code}"] = forms.ChoiceField(
                label=_("%(category)s: grootboekrekening") % {"category": label}, required=False,
                choices=choices_of(found.ledger_accounts), initial=mapped.get("ledger_account_id", ""))
            self.fields[f"tax_{code}"] = forms.ChoiceField(
                label=_("%(category)s: btw-code") % {"category": label}, required=False,
                choices=choices_of(tax_rates_for(code, found.tax_rates)), initial=mapped.get("tax_rate_id", ""))

    def rows(self) -> list[dict]:
        rows = []
        for code in self.codes:
            category = categories.parse(code)
            rows.append({"code": code, "label": category.label, "box": categories.BOX_LABELS.get(category.box, ""),
                         "ledger": self[f"ledger_{code}"], "tax": self[f"tax_{code}"]})
        return rows

    def save(self, koppeling: Koppeling) -> None:
        mapping = dict(koppeling.vat_mapping)
        for code in self.codes:
            ledger, tax = self.cleaned_data[f"ledger_{code}"], self.cleaned_data[f"tax_{code}"]
            mapping[code] = {"ledger_account_id": ledger, "tax_rate_id": tax}
            if not (ledger or tax):
                mapping.pop(code)
        koppeling.vat_mapping = mapping
        koppeling.save(update_fields=["vat_mapping"])


class VatRulesForm(PlainLabels, forms.Form):
    """The choices in Koppeling.vat_settings (see koppeling.vat.treatment.VatSettings)."""

    oss = forms.BooleanField(
        label=_("Ik doe mee aan OSS (éénloketsysteem)"), required=False,
        help_text=_("Verkopen aan consumenten in andere EU-landen krijgen dan de btw van het land van de klant. "
                    "Zonder OSS rekenen we Nederlandse btw tot je boven de drempel van € 10.000 komt."))
    icp_fallback = forms.ChoiceField(
        label=_("Zakelijke klant in de EU zonder geldig btw-nummer"), widget=forms.RadioSelect,
        choices=[("refuse", _("Niet boeken: eerst het btw-nummer navragen (aanbevolen)")),
                 ("domestic", _("Boeken met Nederlandse btw"))])
    vies = forms.BooleanField(
        label=_("Btw-nummers van klanten controleren bij VIES (de EU-controle)"), required=False,
        help_text=_("Zonder VIES controleren we alleen de controlecijfers van het nummer."))
    vies_fallback = forms.ChoiceField(
        label=_("Als VIES geen antwoord geeft"), widget=forms.RadioSelect,
        choices=[("wait", _("Wachten en later opnieuw proberen")),
                 ("syntax", _("Boeken na controle van alleen de controlecijfers"))])

    def __init__(self, *args, koppeling: Koppeling, **kwargs):
        current = koppeling.vat_settings or {}
        initial = {"oss": bool(current.get("oss")), "icp_fallback": current.get("icp_fallback") or "refuse",
                   "vies": bool(current.get("vies")), "vies_fallback": current.get("vies_fallback") or "wait"}
        super().__init__(*args, initial=initial, **kwargs)

    def save(self, koppeling: Koppeling) -> None:
        koppeling.vat_settings = {**(koppeling.vat_settings or {}), **self.cleaned_data}
        koppeling.save(update_fields=["vat_settings"])
