"""The forms of the Configuratie page, one per section. Each saves only its own fields."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koppeling.connectors import registry
from koppeling.connectors.base import AccountingDiscovery, ChoiceField, ConfigField, Option
from koppeling.dashboard.forms import PlainLabels
from koppeling.sync.models import Koppeling

EMPTY_CHOICE = ("", _("— kies —"))

# Sale kinds every sales system has, and the ones only some systems have (the connector class lists
# its kinds in `sale_kinds`; without it we assume orders and refunds).
KIND_CHOICES = {
    "order": _("Bestellingen"),
    "refund": _("Terugbetalingen"),
    "invoice": _("Facturen"),
    "receipt": _("Kassabonnen"),
    "daily_total": _("Dagtotalen"),
}


def connector_class(koppeling: Koppeling, side: str):
    if side == "sales":
        return registry.sales_class(koppeling.sales_system)
    return registry.accounting_class(koppeling.accounting_system)


def stored_credentials(koppeling: Koppeling, side: str) -> dict:
    try:
        return koppeling.sales_credentials if side == "sales" else koppeling.accounting_credentials
    except ValueError:  # unreadable after a key change: treat as not stored, the user enters them again
        return {}


class ConnectionForm(PlainLabels, forms.Form):
    """Built from the connector's `config_fields`. Secrets are write-only: never rendered, and an
    empty secret field keeps what is stored."""

    def __init__(self, *args, koppeling: Koppeling, side: str, exclude: tuple[str, ...] = (), **kwargs):
        super().__init__(*args, prefix=side, **kwargs)
        self.koppeling, self.side = koppeling, side
        self.spec: list[ConfigField] = [spec for spec in connector_class(koppeling, side).config_fields
                                        if spec.name not in exclude]
        config = koppeling.sales_config if side == "sales" else koppeling.accounting_config
        stored = stored_credentials(koppeling, side)
        for spec in self.spec:
            self.fields[spec.name] = self._field(spec, config, bool(stored.get(spec.name)))

    @staticmethod
    def _field(spec: ConfigField, config: dict, has_secret: bool) -> forms.Field:
        if not spec.secret:
            return forms.CharField(label=spec.label, required=spec.required, help_text=spec.help,
                                   initial=config.get(spec.name, spec.default))
        help_text = _("Opgeslagen. Laat leeg om de opgeslagen waarde te houden.") if has_secret else spec.help
        return forms.CharField(label=spec.label, required=spec.required and not has_secret, help_text=help_text,
                               strip=True, widget=forms.PasswordInput(render_value=False,
                                                                      attrs={"autocomplete": "off"}))

    def save(self, koppeling: Koppeling | None = None) -> None:
        config = dict(self.koppeling.sales_config if self.side == "sales" else self.koppeling.accounting_config)
        secrets = dict(stored_credentials(self.koppeling, self.side))
        for spec in self.spec:
            value = (self.cleaned_data.get(spec.name) or "").strip()
            if not spec.secret:
                config[spec.name] = value
            elif value:
                secrets[spec.name] = value
        if self.side == "sales":
            self.koppeling.sales_config, self.koppeling.sales_credentials = config, secrets
            self.koppeling.save(update_fields=["sales_config", "sales_secret"])
        else:
            self.koppeling.accounting_config, self.koppeling.accounting_credentials = config, secrets
            self.koppeling.save(update_fields=["accounting_config", "accounting_secret"])


class StatusesForm(PlainLabels, forms.Form):
    book_statuses = forms.MultipleChoiceField(label=_("Te boeken statussen"), required=False,
                                              widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, statuses: list[Option], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["book_statuses"].choices = [(option.id, option.label) for option in statuses]

    def save(self, koppeling: Koppeling) -> None:
        koppeling.book_statuses = self.cleaned_data["book_statuses"]
        koppeling.save(update_fields=["book_statuses"])


class KindsForm(PlainLabels, forms.Form):
    book_kinds = forms.MultipleChoiceField(label=_("Te boeken soorten"), required=False,
                                           widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, koppeling: Koppeling, **kwargs):
        super().__init__(*args, **kwargs)
        kinds = getattr(connector_class(koppeling, "sales"), "sale_kinds", None) or ("order", "refund")
        self.fields["book_kinds"].choices = [(kind, KIND_CHOICES.get(kind, kind)) for kind in kinds]

    def save(self, koppeling: Koppeling) -> None:
        koppeling.book_kinds = self.cleaned_data["book_kinds"]
        koppeling.save(update_fields=["book_kinds"])


class StartDateForm(PlainLabels, forms.ModelForm):
    class Meta:
        model = Koppeling
        fields = ["start_date"]
        widgets = {"start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
        labels = {"start_date": _("Boek verkopen vanaf")}

    def save(self, koppeling: Koppeling | None = None) -> Koppeling:
        self.instance.save(update_fields=["start_date"])
        return self.instance


class IntervalForm(PlainLabels, forms.ModelForm):
    poll_interval = forms.IntegerField(label=_("Elke hoeveel minuten ophalen"), min_value=1, max_value=24 * 60)

    class Meta:
        model = Koppeling
        fields = ["poll_interval"]

    def save(self, koppeling: Koppeling | None = None) -> Koppeling:
        self.instance.save(update_fields=["poll_interval"])
        return self.instance


def choices_of(options: list[Option]) -> list[tuple[str, str]]:
    return [EMPTY_CHOICE] + [(option.id, option.label) for option in options]


class PaymentForm(PlainLabels, forms.Form):
    """One row per payment method the shop uses: the financial account its payments land on."""

    def __init__(self, *args, methods: list[tuple[str, str]], found: AccountingDiscovery, current: dict,
                 **kwargs):
        super().__init__(*args, **kwargs)
        self.codes = [code for code, _title in methods]
        for code, title in methods:
            self.fields[f"method_{code}"] = forms.ChoiceField(
                label=title or code, required=False, choices=choices_of(found.financial_accounts),
                initial=current.get(code, ""))

    def save(self, koppeling: Koppeling) -> None:
        mapping = dict(koppeling.payment_mapping)
        for code in self.codes:
            account = self.cleaned_data[f"method_{code}"]
            if account:
                mapping[code] = account
            else:
                mapping.pop(code, None)
        koppeling.payment_mapping = mapping
        koppeling.save(update_fields=["payment_mapping"])


class AccountingChoicesForm(PlainLabels, forms.Form):
    """System-specific choices the accounting package offers after connecting (Exact's sales journal...),
    stored in accounting_config. A choice not made yet starts on the package's first option."""

    def __init__(self, *args, choices: list[ChoiceField], current: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.names = [choice.name for choice in choices]
        for choice in choices:
            first = choice.options[0].id if choice.options else ""
            self.fields[choice.name] = forms.ChoiceField(
                label=choice.label, help_text=choice.help, choices=choices_of(choice.options),
                initial=current.get(choice.name) or first)

    def save(self, koppeling: Koppeling) -> None:
        koppeling.accounting_config = {**koppeling.accounting_config,
                                       **{name: self.cleaned_data[name] for name in self.names}}
        koppeling.save(update_fields=["accounting_config"])
