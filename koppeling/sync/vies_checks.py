"""Checking a buyer's VAT number against VIES before an ICP (0%) booking, when the tenant asked for
it (Configuratie > BTW-regels), with a cache and a clear fallback when VIES does not answer."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from koppeling.sync.canonical import Sale
from koppeling.sync.models import Koppeling, VatNumberLookup
from koppeling.vat import vat_number, vies
from koppeling.vat.eu_rates import EU_MEMBERS
from koppeling.vat.treatment import VatNumberCheck, country_of
from koppeling.vat.vies import ViesUnavailable

REUSE = timedelta(days=7)


def needs_check(sale: Sale) -> bool:
    """Only a zero-rated delivery to another EU country with a well-formed number is an ICP candidate."""
    country = country_of(sale)
    return (country in EU_MEMBERS and country != "NL" and not any(line.tax for line in sale.lines)
            and vat_number.is_valid_for(sale.customer.vat_number, country))


def check_for(koppeling: Koppeling, sale: Sale) -> VatNumberCheck | None:
    """VIES's word on the buyer's number, or None when no check is wanted or needed.

    Raises ViesUnavailable when VIES does not answer and the tenant chose to wait for it (the
    default); with the "syntax" fallback the check digits alone decide.
    """
    if not koppeling.vat_settings.get("vies") or not needs_check(sale):
        return None
    number = vat_number.normalize(sale.customer.vat_number)
    recent = VatNumberLookup.objects.filter(number=number, checked_at__gte=timezone.now() - REUSE).first()
    if recent:
        return VatNumberCheck(recent.valid, "vies", recent.reference)
    try:
        result = vies.check_vat_number(number, requester=koppeling.vat_settings.get("own_vat_number", ""))
    except ViesUnavailable as error:
        if koppeling.vat_settings.get("vies_fallback") == "syntax" and not error.permanent:
            return VatNumberCheck(None, "syntax")
        raise
    if result.valid is not None:
        VatNumberLookup.objects.create(number=number, valid=result.valid, reference=result.reference)
    return result
