"""Stage 1-3 of the pipeline: store fetched sales and decide whether each is open, ready or skipped.

Storing is idempotent: the same sale fetched twice (overlapping poll windows, a webhook and a poll)
updates one row. A sale already booked is never reopened: a later change is only recorded.
"""

from __future__ import annotations

import logging

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.connectors import registry
from koppeling.sync.canonical import Sale as CanonicalSale
from koppeling.sync.canonical import to_json
from koppeling.sync.models import Koppeling, Sale, SaleEvent, SaleState

log = logging.getLogger(__name__)


def status_label(koppeling: Koppeling, status: str) -> str:
    labels = registry.sales_class(koppeling.sales_system).status_labels
    return str(labels.get(status, status))


def eligibility(koppeling: Koppeling, sale: CanonicalSale) -> tuple[str, str]:
    """(state, reason) for a fetched sale: skipped, open or ready."""
    if sale.kind not in koppeling.book_kinds:
        return SaleState.SKIPPED, _("Deze soort verkoop wordt niet geboekt (Configuratie > Te boeken soorten).")
    if timezone.localtime(sale.created_at).date() < koppeling.start_date:
        return SaleState.SKIPPED, _("Verkoop van vóór de startdatum %(date)s; die boeken we niet.") % {
            "date": koppeling.start_date.strftime("%d-%m-%Y")}
    if sale.kind != "refund" and sale.status not in koppeling.book_statuses:
        if not koppeling.book_statuses:
            return SaleState.OPEN, _("Er zijn nog geen te boeken statussen ingesteld (Configuratie > Statussen).")
        return SaleState.OPEN, _(
            "De status '%(status)s' wordt niet geboekt. De verkoop wordt geboekt zodra de status in de "
            "webwinkel verandert in een te boeken status.") % {"status": status_label(koppeling, sale.status)}
    return SaleState.READY, ""


def store(koppeling: Koppeling, sale: CanonicalSale) -> tuple[Sale, bool]:
    """Insert or update the sale. Returns (row, became_ready)."""
    row = Sale.objects.filter(koppeling=koppeling, source_id=sale.source_id).first()
    if row is None:
        try:
            with transaction.atomic():
                return _create(koppeling, sale)
        except IntegrityError:  # stored by a concurrent fetch a moment ago
            row = Sale.objects.get(koppeling=koppeling, source_id=sale.source_id)
    return _update(koppeling, row, sale)


def _fields(sale: CanonicalSale) -> dict:
    return {
        "kind": sale.kind, "number": sale.number, "shop_status": sale.status, "sold_at": sale.created_at,
        "modified_at": sale.modified_at, "currency": sale.currency, "total": sale.total,
        "total_tax": sale.total_tax, "customer_name": sale.customer.company or sale.customer.name,
        "canonical": to_json(sale, include_raw=False), "raw": sale.raw,
    }


def _link_refund(koppeling: Koppeling, sale: CanonicalSale) -> Sale | None:
    if not sale.refund_of:
        return None
    return Sale.objects.filter(koppeling=koppeling, source_id=sale.refund_of).first()


def _create(koppeling: Koppeling, sale: CanonicalSale) -> tuple[Sale, bool]:
    state, reason = eligibility(koppeling, sale)
    row = Sale.objects.create(koppeling=koppeling, source_id=sale.source_id, state=state, reason=reason,
                              refund_of=_link_refund(koppeling, sale), **_fields(sale))
    SaleEvent.objects.create(sale=row, kind=SaleEvent.Kind.FETCHED, message=reason)
    return row, state == SaleState.READY


def _update(koppeling: Koppeling, row: Sale, sale: CanonicalSale) -> tuple[Sale, bool]:
    if row.modified_at == sale.modified_at and row.shop_status == sale.status:
        return row, False
    if row.state == SaleState.BOOKED:
        _note_change_after_booking(row, sale)
        return row, False
    state, reason = eligibility(koppeling, sale)
    # A refused sale that changed in the shop may be fixed now: give it a fresh start.
    Sale.objects.filter(pk=row.pk).exclude(state=SaleState.BOOKED).update(
        state=state, reason=reason, attempts=0, next_attempt_at=None,
        refund_of=_link_refund(koppeling, sale) or row.refund_of, updated_at=timezone.now(), **_fields(sale))
    SaleEvent.objects.create(sale=row, kind=SaleEvent.Kind.UPDATED,
                             message=_("Status in de webwinkel: %(status)s. %(reason)s") % {
                                 "status": status_label(koppeling, sale.status), "reason": reason})
    row.refresh_from_db()
    return row, row.state == SaleState.READY


def _note_change_after_booking(row: Sale, sale: CanonicalSale) -> None:
    """Booked sales stay as booked; a refund arrives as its own credit note."""
    marker = sale.modified_at.isoformat()
    if row.events.filter(kind=SaleEvent.Kind.CHANGED_AFTER_BOOKING, details__modified_at=marker).exists():
        return
    SaleEvent.objects.create(
        sale=row, kind=SaleEvent.Kind.CHANGED_AFTER_BOOKING, details={"modified_at": marker, "status": sale.status},
        message=_("De verkoop is na de boeking gewijzigd in de webwinkel (status: %(status)s). De boeking "
                  "blijft staan; een terugbetaling wordt als creditnota geboekt.") % {"status": sale.status})
