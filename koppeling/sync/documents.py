"""Turns a canonical sale plus the koppeling's mapping into the BookingDocument a target books."""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from django.utils import timezone

from koppeling.connectors.base import BookingDocument, BookingLine, Payment
from koppeling.lib.money import ZERO
from koppeling.sync.canonical import Sale as CanonicalSale
from koppeling.sync.models import KIND_LABELS, Booking, Koppeling, Sale
from koppeling.vat.classify import VatLine, VatResult


def reference_for(koppeling: Koppeling, sale: Sale) -> str:
    """Our reference in the accounting package: the shop's number, with an optional prefix per
    koppeling so that two shops booking into one administration never collide."""
    return f"{koppeling.accounting_config.get('reference_prefix', '')}{sale.number}"


def document_to_json(document: BookingDocument) -> dict:
    """JSON form of a booking document: amounts as strings, dates ISO."""
    return _json_ready(dataclasses.asdict(document))


def _json_ready(value):
    if isinstance(value, dict):
        return {key: _json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_json_ready(item) for item in value]
    if isinstance(value, Decimal | date):
        return str(value) if isinstance(value, Decimal) else value.isoformat()
    return value


def build_document(koppeling: Koppeling, sale: Sale, canonical: CanonicalSale, vat: VatResult,
                   original: Booking | None = None) -> BookingDocument:
    lines = [_booking_line(koppeling, line) for line in vat.lines]
    return BookingDocument(
        reference=reference_for(koppeling, sale),
        is_credit=canonical.kind == "refund",
        date=timezone.localtime(canonical.created_at).date(),
        currency=canonical.currency,
        prices_include_tax=canonical.prices_include_tax,
        customer=canonical.customer,
        lines=lines,
        total=sum((line.gross for line in lines), ZERO),
        total_tax=sum((line.tax for line in lines), ZERO),
        description=f"{KIND_LABELS.get(canonical.kind, canonical.kind)} {canonical.number}",
        original_reference=original.reference if original else "",
        original_target_id=original.target_id if original else "",
        payment=_payment(koppeling, canonical),
        treatment=vat.treatment.kind if vat.treatment else "",
    )


def _booking_line(koppeling: Koppeling, line: VatLine) -> BookingLine:
    entry = koppeling.vat_mapping[line.category.code]
    return BookingLine(description=line.description, quantity=line.quantity, net=line.net, tax=line.tax,
                       vat_rate=line.category.rate or ZERO, ledger_account_id=str(entry["ledger_account_id"]),
                       tax_rate_id=str(entry["tax_rate_id"]), category=line.category.code, box=line.category.box)


def _payment(koppeling: Koppeling, canonical: CanonicalSale) -> Payment | None:
    if canonical.kind == "refund" or not canonical.paid_at:
        return None
    account = koppeling.payment_mapping.get(canonical.payment_method)
    if not account:
        return None
    return Payment(date=timezone.localtime(canonical.paid_at).date(), amount=canonical.total,
                   financial_account_id=str(account), method=canonical.payment_method)
