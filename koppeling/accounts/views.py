"""Sign-up and Profiel. Log-in and log-out are Django's own views (see urls.py)."""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.accounts.forms import PasswordForm, ProfileForm, SignupForm
from koppeling.dashboard.scope import render_page, selected_koppeling, tenant_required
from koppeling.notifications.emails import send_welcome

# The first weekly status mail goes out a week after sign-up, not at the next hourly run.
FIRST_REPORT_AFTER = timedelta(days=7)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("dashboard:home")
    form = SignupForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        user.tenant.next_report_at = timezone.now() + FIRST_REPORT_AFTER
        user.tenant.save(update_fields=["next_report_at"])
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        send_welcome(user)
        messages.success(request, _("Welkom! Je account is aangemaakt. Maak nu je eerste koppeling."))
        return redirect("dashboard:new_koppeling")
    return render(request, "accounts/signup.html", {"form": form})


def _profile_forms(request: HttpRequest) -> tuple[ProfileForm, PasswordForm]:
    which = request.POST.get("form") if request.method == "POST" else None
    profile = ProfileForm(request.POST if which == "profile" else None, instance=request.user)
    password = PasswordForm(request.user, request.POST if which == "password" else None)
    return profile, password


@tenant_required
def profile(request: HttpRequest) -> HttpResponse:
    profile_form, password_form = _profile_forms(request)
    if profile_form.is_bound and profile_form.is_valid():
        profile_form.save()
        messages.success(request, _("Je gegevens zijn opgeslagen."))
        return redirect("profile")
    if password_form.is_bound and password_form.is_valid():
        update_session_auth_hash(request, password_form.save())
        messages.success(request, _("Je wachtwoord is gewijzigd."))
        return redirect("profile")
    context = {"profile_form": profile_form, "password_form": password_form, "tenant": request.user.tenant,
               "languages": settings.LANGUAGES}
    return render_page(request, "accounts/profile.html", selected_koppeling(request), context)
