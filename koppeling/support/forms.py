from django import forms
from django.utils.translation import gettext_lazy as _

from koppeling.dashboard.forms import PlainLabels


class ProblemReportForm(PlainLabels, forms.Form):
    note = forms.CharField(
        label=_("Toelichting (niet verplicht)"), required=False, max_length=5000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Wat verwachtte je, en wat gebeurde er? We sturen de gegevens van de verkoop en je "
                    "instellingen automatisch mee, zonder wachtwoorden of sleutels."),
    )
