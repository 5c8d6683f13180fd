"""Dashboard forms other than the Configuratie sections (see config_forms.py)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from koppeling.accounts.models import Tenant
from koppeling.connectors import registry
from koppeling.sync.models import Koppeling


class PlainLabels:
    """Labels without Django's trailing colon: the page layout already sets them apart."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)


class NewKoppelingForm(PlainLabels, forms.Form):
    name = forms.CharField(label=_("Naam"), max_length=200,
                           help_text=_("Bijvoorbeeld de naam van je webwinkel."))
    sales_system = forms.ChoiceField(label=_("Verkoopsysteem"), widget=forms.RadioSelect)
    accounting_system = forms.ChoiceField(label=_("Boekhoudpakket"), widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sales_system"].choices = [(key, label) for key, (label, _p) in registry.SALES.items()]
        self.fields["accounting_system"].choices = [(key, label) for key, (label, _p)
                                                    in registry.ACCOUNTING.items()]
        # With one system on offer there is nothing to choose: preselect it.
        for name in ("sales_system", "accounting_system"):
            choices = self.fields[name].choices
            if len(choices) == 1:
                self.fields[name].initial = choices[0][0]

    def save(self, tenant: Tenant) -> Koppeling:
        return Koppeling.objects.create(tenant=tenant, name=self.cleaned_data["name"].strip(),
                                        sales_system=self.cleaned_data["sales_system"],
                                        accounting_system=self.cleaned_data["accounting_system"])
