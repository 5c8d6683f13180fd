"""Problem reports ("Meld probleem"): what the user saw, with a snapshot for support."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from koppeling.accounts.models import Tenant


class ProblemReport(models.Model):
    class Status(models.TextChoices):
        # A context of their own: "In behandeling" is also a shop's order status, translated differently.
        NEW = "new", pgettext_lazy("problem report", "Nieuw")
        IN_PROGRESS = "in_progress", pgettext_lazy("problem report", "In behandeling")
        SOLVED = "solved", pgettext_lazy("problem report", "Opgelost")

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="problem_reports",
                               verbose_name=_("klant"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             verbose_name=_("gebruiker"))
    # Kept when the koppeling or sale is deleted later: the snapshot holds what support needs.
    koppeling = models.ForeignKey("sync.Koppeling", on_delete=models.SET_NULL, null=True, blank=True,
                                  verbose_name=_("koppeling"))
    sale = models.ForeignKey("sync.Sale", on_delete=models.SET_NULL, null=True, blank=True,
                             verbose_name=_("verkoop"))
    note = models.TextField(_("toelichting"), blank=True, default="")
    snapshot = models.JSONField(_("momentopname"), default=dict, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    support_notes = models.TextField(_("interne notities"), blank=True, default="")
    created_at = models.DateTimeField(_("gemeld op"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("probleemmelding")
        verbose_name_plural = _("probleemmeldingen")

    def __str__(self) -> str:
        return f"#{self.pk}"
