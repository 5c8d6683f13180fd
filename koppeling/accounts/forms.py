"""Sign-up, log-in and profile forms. The username is the e-mail address, in lower case."""

from __future__ import annotations

from django import forms
from django.contrib.auth import password_validation
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from koppeling.accounts.models import Tenant, User
from koppeling.dashboard.forms import PlainLabels

PASSWORD_HELP = _("Minstens 8 tekens, niet alleen cijfers en niet te voor de hand liggend.")


def email_taken(email: str, exclude: User | None = None) -> bool:
    users = User.objects.filter(email__iexact=email) | User.objects.filter(username__iexact=email)
    return users.exclude(pk=exclude.pk).exists() if exclude else users.exists()


class LoginForm(PlainLabels, AuthenticationForm):
    username = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(
        attrs={"autofocus": True, "autocomplete": "email"}))
    error_messages = {
        "invalid_login": _("Dit e-mailadres en wachtwoord horen niet bij elkaar. Controleer ze en probeer "
                           "het opnieuw."),
        "inactive": _("Dit account is uitgeschakeld."),
    }

    def clean_username(self) -> str:
        return self.cleaned_data["username"].strip().lower()


class SignupForm(PlainLabels, forms.Form):
    company = forms.CharField(label=_("Bedrijfsnaam"), max_length=200,
                              widget=forms.TextInput(attrs={"autocomplete": "organization"}))
    name = forms.CharField(label=_("Je naam"), max_length=150,
                           widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(label=_("E-mailadres"), widget=forms.EmailInput(attrs={"autocomplete": "email"}),
                             error_messages={"invalid": _("Vul een geldig e-mailadres in.")})
    password = forms.CharField(label=_("Wachtwoord"), strip=False,
                               widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                               help_text=PASSWORD_HELP)

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email_taken(email):
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres. Log in of kies een ander "
                                          "e-mailadres."))
        return email

    def clean(self) -> dict:
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            probe = User(username=cleaned.get("email", ""), email=cleaned.get("email", ""),
                         first_name=cleaned.get("name", ""))
            try:
                password_validation.validate_password(password, probe)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned

    @transaction.atomic
    def save(self) -> User:
        tenant = Tenant.objects.create(name=self.cleaned_data["company"].strip())
        email = self.cleaned_data["email"]
        # The whole name goes in first_name: splitting Dutch names ("Jan de Vries") guesses wrong.
        return User.objects.create_user(username=email, email=email, password=self.cleaned_data["password"],
                                        first_name=self.cleaned_data["name"].strip(), tenant=tenant)


class ProfileForm(PlainLabels, forms.ModelForm):
    first_name = forms.CharField(label=_("Naam"), max_length=150)
    email = forms.EmailField(label=_("E-mailadres"))

    class Meta:
        model = User
        fields = ["first_name", "email", "weekly_report"]
        labels = {"weekly_report": _("Stuur mij elke week een statusmail")}

    def clean_email(self) -> str:
        email = self.cleaned_data["email"].strip().lower()
        if email_taken(email, exclude=self.instance):
            raise forms.ValidationError(_("Er is al een account met dit e-mailadres."))
        return email

    def save(self, commit: bool = True) -> User:
        self.instance.username = self.cleaned_data["email"]  # the e-mail address is the login name
        return super().save(commit)


class PasswordForm(PlainLabels, PasswordChangeForm):
    """Django's password change, with our short help text instead of the list of validators."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP
