"""The engine's records: koppelingen, the sales they fetched, what happened to each, and bookings."""

from __future__ import annotations

import secrets

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koppeling.accounts.models import Tenant
from koppeling.lib.crypto import decrypt_json, encrypt_json


def default_book_kinds() -> list[str]:
    return ["order", "refund"]


def new_webhook_token() -> str:
    return secrets.token_urlsafe(24)


class Koppeling(models.Model):
    """One sales system linked to one accounting package, with its settings and engine state."""

    tenant = models.ForeignKey(Tenant, on_delete=models.CASCADE, related_name="koppelingen")
    name = models.CharField(_("naam"), max_length=200)
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # Routes the shop's webhooks to this koppeling: /webhooks/<token>/. Not a secret: every
    # delivery is verified by its signature.
    webhook_token = models.CharField(max_length=40, unique=True, default=new_webhook_token)

    # The two systems: registry keys (see koppeling/connectors/registry.py), their plain settings
    # (shop URL, administration id...) and their secrets, Fernet-encrypted JSON.
    sales_system = models.CharField(max_length=40)
    sales_config = models.JSONField(default=dict, blank=True)
    sales_secret = models.TextField(blank=True, default="")
    accounting_system = models.CharField(max_length=40)
    accounting_config = models.JSONField(default=dict, blank=True)
    accounting_secret = models.TextField(blank=True, default="")

    # What to book.
    book_statuses = models.JSONField(_("te boeken statussen"), default=list, blank=True)
    book_kinds = models.JSONField(_("te boeken soorten"), default=default_book_kinds, blank=True)
    start_date = models.DateField(_("startdatum"), default=timezone.localdate)
    poll_interval = models.PositiveIntegerField(_("ophaalinterval (minuten)"), default=15)
    # VAT category code (koppeling.vat.categories: "NL_21", "ICP", "OSS_DE_19"...) ->
    # {"ledger_account_id": ..., "tax_rate_id": ...} in the accounting package.
    vat_mapping = models.JSONField(default=dict, blank=True)
    # VAT choices: {"oss": bool, "icp_fallback": "refuse"|"domestic", "vies": bool,
    #               "vies_fallback": "wait"|"syntax"} (see koppeling.vat.treatment.VatSettings).
    vat_settings = models.JSONField(default=dict, blank=True)
    # Shop payment method code -> financial account id in the accounting package.
    payment_mapping = models.JSONField(default=dict, blank=True)

    # Engine state: the fetch cursor (shop modification time) and the run lease.
    cursor = models.DateTimeField(null=True, blank=True)
    next_poll_at = models.DateTimeField(null=True, blank=True, db_index=True)
    last_poll_at = models.DateTimeField(null=True, blank=True)
    last_poll_error = models.TextField(blank=True, default="")
    run_lease_until = models.DateTimeField(null=True, blank=True)
    run_token = models.CharField(max_length=40, blank=True, default="")
    paused_until = models.DateTimeField(null=True, blank=True)
    paused_reason = models.TextField(blank=True, default="")

    # Connection health, as last checked: "ok", "error" or "" (never checked).
    sales_status = models.CharField(max_length=10, blank=True, default="")
    sales_status_message = models.TextField(blank=True, default="")
    accounting_status = models.CharField(max_length=10, blank=True, default="")
    accounting_status_message = models.TextField(blank=True, default="")

    class Meta:
        ordering = ["id"]
        verbose_name_plural = "koppelingen"

    def __str__(self) -> str:
        return self.name

    @property
    def sales_credentials(self) -> dict:
        return decrypt_json(self.sales_secret)

    @sales_credentials.setter
    def sales_credentials(self, value: dict) -> None:
        self.sales_secret = encrypt_json(value)

    @property
    def accounting_credentials(self) -> dict:
        return decrypt_json(self.accounting_secret)

    @accounting_credentials.setter
    def accounting_credentials(self, value: dict) -> None:
        self.accounting_secret = encrypt_json(value)


class SaleState(models.TextChoices):
    OPEN = "open", _("Open")  # status in the shop is not (yet) one we book
    READY = "ready", _("Klaar om te boeken")
    BOOKED = "booked", _("Geboekt")
    FAILED = "failed", _("Fout")
    SKIPPED = "skipped", _("Overgeslagen")  # never to be booked (before the start date, kind not booked)


class Sale(models.Model):
    """A sale as fetched from the shop, in canonical form, and where it stands."""

    koppeling = models.ForeignKey(Koppeling, on_delete=models.CASCADE, related_name="sales")
    kind = models.CharField(max_length=20)
    source_id = models.CharField(max_length=200)
    number = models.CharField(max_length=100)
    shop_status = models.CharField(max_length=60, blank=True, default="")
    state = models.CharField(max_length=10, choices=SaleState.choices, default=SaleState.READY, db_index=True)
    reason = models.TextField(blank=True, default="")  # why it is open or skipped, in Dutch
    sold_at = models.DateTimeField()
    modified_at = models.DateTimeField()  # in the shop
    currency = models.CharField(max_length=3, default="EUR")
    total = models.DecimalField(max_digits=14, decimal_places=2)
    total_tax = models.DecimalField(max_digits=14, decimal_places=2)
    customer_name = models.CharField(max_length=300, blank=True, default="")
    canonical = models.JSONField()  # koppeling.sync.canonical.to_json(sale, include_raw=False)
    raw = models.JSONField(default=dict)  # the payload as received
    refund_of = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT,
                                  related_name="refunds")

    # The current refusal, if failed; history is in SaleEvent.
    error_code = models.CharField(max_length=60, blank=True, default="", db_index=True)
    error_message = models.TextField(blank=True, default="")
    error_suggestion = models.TextField(blank=True, default="")
    error_setting = models.CharField(max_length=60, blank=True, default="")  # Configuratie anchor

    # Scheduling: retries, priority (Verwerk button) and the claim that keeps two workers apart.
    attempts = models.PositiveIntegerField(default=0)
    next_attempt_at = models.DateTimeField(null=True, blank=True, db_index=True)
    claimed_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=40, blank=True, default="")

    first_seen_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-sold_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["koppeling", "source_id"], name="unique_sale_per_koppeling")]
        indexes = [models.Index(fields=["koppeling", "state"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def get_kind_display(self) -> str:
        return str(KIND_LABELS.get(self.kind, self.kind))


KIND_LABELS = {
    "order": _("Bestelling"),
    "invoice": _("Factuur"),
    "receipt": _("Kassabon"),
    "daily_total": _("Dagtotaal"),
    "refund": _("Terugbetaling"),
}


class Booking(models.Model):
    """The local ledger: one row per booked sale, never two (OneToOne + unique reference)."""

    sale = models.OneToOneField(Sale, on_delete=models.PROTECT, related_name="booking")
    koppeling = models.ForeignKey(Koppeling, on_delete=models.PROTECT, related_name="bookings")
    reference = models.CharField(max_length=100)  # our reference, sent along for idempotency
    target_system = models.CharField(max_length=40)
    target_id = models.CharField(max_length=100)
    target_number = models.CharField(max_length=100, blank=True, default="")
    target_url = models.URLField(blank=True, default="")
    total = models.DecimalField(max_digits=14, decimal_places=2)
    booked_at = models.DateTimeField(default=timezone.now)
    # The BookingDocument as sent (lines with ledger, VAT code, net and VAT): what was booked, for
    # the VAT-return check and for support.
    document = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["-booked_at"]
        constraints = [
            models.UniqueConstraint(fields=["koppeling", "reference"], name="unique_booking_reference"),
        ]


class SaleEvent(models.Model):
    """Every attempt and change of a sale, newest last: the history on the sale's page."""

    class Kind(models.TextChoices):
        FETCHED = "fetched", _("Opgehaald")
        UPDATED = "updated", _("Gewijzigd in de winkel")
        OPEN = "open", _("Open")
        SKIPPED = "skipped", _("Overgeslagen")
        REFUSED = "refused", _("Geweigerd")
        RETRY = "retry", _("Tijdelijke storing, wordt opnieuw geprobeerd")
        BOOKED = "booked", _("Geboekt")
        FOUND = "found", _("Al geboekt gevonden")
        CHANGED_AFTER_BOOKING = "changed_after_booking", _("Gewijzigd na boeking")
        REQUEUED = "requeued", _("Opnieuw aangeboden")

    sale = models.ForeignKey(Sale, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(default=timezone.now)
    kind = models.CharField(max_length=30, choices=Kind.choices)
    error_code = models.CharField(max_length=60, blank=True, default="")
    message = models.TextField(blank=True, default="")
    suggestion = models.TextField(blank=True, default="")
    reference = models.CharField(max_length=100, blank=True, default="")
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "id"]


class WorkerHeartbeat(models.Model):
    """Written every minute by each Huey consumer's periodic task; read by /health/."""

    name = models.CharField(max_length=200, unique=True)
    seen_at = models.DateTimeField()


class Lease(models.Model):
    """A named lock with an expiry, shared by all workers through the database.

    Used where two workers must not do the same thing at once across machines, e.g. finding or
    creating the same customer in the accounting package.
    """

    key = models.CharField(max_length=200, unique=True)
    token = models.CharField(max_length=40)
    until = models.DateTimeField()


class VatNumberLookup(models.Model):
    """A VIES check of a buyer's VAT number: kept as evidence for the ICP (0%) supply, and reused
    for a week so that VIES is not asked for every order of the same customer."""

    number = models.CharField(max_length=20, db_index=True)  # compact, with country prefix
    valid = models.BooleanField()
    reference = models.CharField(max_length=60, blank=True, default="")  # VIES request identifier
    checked_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-checked_at"]
