"""Checks a canonical sale against the koppeling's settings and the VAT rules before booking.

Returns the VAT classification (the lines to book) or the first refusal found, so that the owner
sees one clear cause at a time. Pure apart from reading the koppeling's own bookings (for the EU
distance-sales threshold).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.utils import timezone

from koppeling.connectors import registry
from koppeling.sync.canonical import Sale
from koppeling.sync.errors import Refusal, refusal
from koppeling.sync.models import Koppeling
from koppeling.vat.classify import VatResult, classify
from koppeling.vat.treatment import Original, VatNumberCheck, VatSettings


@dataclass
class Checked:
    vat: VatResult | None
    refusal: Refusal | None


def vat_settings(koppeling: Koppeling, when: datetime | None = None) -> VatSettings:
    return VatSettings.from_config(koppeling.vat_settings, distance_sales_ytd(koppeling, when))


def distance_sales_ytd(koppeling: Koppeling, when: datetime | None = None) -> Decimal:
    """Net EU distance sales under Dutch VAT booked this calendar year (for the EUR 10,000 threshold).

    Counted over all the tenant's koppelingen: the threshold is per seller, not per shop."""
    from koppeling.sync.models import Booking

    year = timezone.localtime(when or timezone.now()).year
    total = Decimal("0")
    for document in Booking.objects.filter(koppeling__tenant_id=koppeling.tenant_id, booked_at__year=year,
                                           document__treatment="distance_nl").values_list("document", flat=True):
        total += sum((Decimal(line["net"]) for line in document.get("lines", [])
                      if line.get("category") not in ("GIFT_CARD", "ROUNDING")), Decimal("0"))
    return total


def validate(koppeling: Koppeling, sale: Sale, target: str, check: VatNumberCheck | None = None,
             original: Original | None = None) -> Checked:
    if not koppeling.accounting_config.get("administration_id"):
        return Checked(None, refusal("ADMINISTRATION_MISSING", target=target))
    vat = classify(sale, vat_settings(koppeling, sale.created_at), check, original)
    if vat.refusal:
        return Checked(None, vat.refusal)
    for problem in (_mapping_problem(koppeling, vat, target), _payment_problem(koppeling, sale)):
        if problem:
            return Checked(vat, problem)
    return Checked(vat, None)


def _mapping_problem(koppeling: Koppeling, vat: VatResult, target: str) -> Refusal | None:
    for line in vat.lines:
        entry = koppeling.vat_mapping.get(line.category.code) or {}
        if not (entry.get("ledger_account_id") and entry.get("tax_rate_id")):
            return refusal("VAT_MAPPING_MISSING", category=line.category.label, target=target)
    return None


def _payment_problem(koppeling: Koppeling, sale: Sale) -> Refusal | None:
    """A paid sale gets its payment booked too, on the account mapped to its payment method."""
    if sale.kind == "refund" or not sale.paid_at or not sale.payment_method:
        return None
    if not registry.accounting_class(koppeling.accounting_system).registers_payments:
        return None
    if not koppeling.payment_mapping.get(sale.payment_method):
        return refusal("PAYMENT_MAPPING_MISSING", method=sale.payment_method_title or sale.payment_method)
    return None
