"""Tenants (our customers), their licence keys and their users."""

import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


def new_licence_key() -> str:
    raw = secrets.token_hex(8).upper()
    return "-".join(raw[i:i + 4] for i in range(0, 16, 4))


class Tenant(models.Model):
    name = models.CharField(_("naam"), max_length=200)
    licence_key = models.CharField(_("licentiesleutel"), max_length=32, unique=True, default=new_licence_key)
    created_at = models.DateTimeField(auto_now_add=True)
    # Weekly status e-mail: claimed with a conditional UPDATE so that two workers never send it twice.
    next_report_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    """A person who logs in. Belongs to one tenant and sees only that tenant's data."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, null=True, blank=True,
                               related_name="users", verbose_name=_("klant"))
    weekly_report = models.BooleanField(_("wekelijkse statusmail"), default=True)
