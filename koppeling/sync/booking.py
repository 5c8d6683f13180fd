"""Stage 4-6 of the pipeline: validate a ready sale, book it exactly once, record the reference.

Exactly once rests on three guards:
1. a claim (conditional UPDATE with an expiry) so that only one worker processes a sale at a time;
2. `find_booking(reference)` before every create, so that a booking whose answer was lost is found
   rather than made again;
3. the local ledger (Booking: one row per sale, unique reference per koppeling).
"""

from __future__ import annotations

import logging
import os
import socket
import uuid
from dataclasses import dataclass
from datetime import date, timedelta

from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from koppeling.connectors import registry
from koppeling.connectors.base import BookingResult, ConnectorError
from koppeling.lib.http import TransportError
from koppeling.sync import leases, vies_checks
from koppeling.sync.canonical import from_json
from koppeling.sync.connections import accounting_connector
from koppeling.sync.documents import build_document, document_to_json, reference_for
from koppeling.sync.errors import CATALOGUE, Refusal, refusal
from koppeling.sync.models import Booking, Koppeling, Sale, SaleEvent, SaleState
from koppeling.sync.validation import validate
from koppeling.vat.treatment import Original

log = logging.getLogger(__name__)

WORKER = f"{socket.gethostname()}:{os.getpid()}"
CLAIM_SECONDS = 600  # longer than the slowest booking (HTTP timeouts x tries) can take
MAX_ATTEMPTS = 8
WAIT_SECONDS = 300  # a refund waiting for its order, a contact being created by another worker


@dataclass
class Outcome:
    """What happened; `retry_in` (seconds) tells the caller when to queue the sale again."""

    state: str
    retry_in: float | None = None


def claim(sale_id: int) -> str | None:
    now = timezone.now()
    token = uuid.uuid4().hex
    claimed = Sale.objects.filter(Q(claimed_until__isnull=True) | Q(claimed_until__lt=now),
                                  pk=sale_id, state=SaleState.READY).update(
        claimed_until=now + timedelta(seconds=CLAIM_SECONDS), claim_token=token)
    return token if claimed else None


def release(sale: Sale, token: str, **fields) -> None:
    Sale.objects.filter(pk=sale.pk, claim_token=token).update(claimed_until=None, claim_token="",
                                                              updated_at=timezone.now(), **fields)


def process(sale_id: int) -> Outcome | None:
    """Process one ready sale. None when it was not ours to process (not ready, or claimed)."""
    token = claim(sale_id)
    if token is None:
        return None
    sale = Sale.objects.select_related("koppeling", "refund_of").get(pk=sale_id)
    try:
        return _process_claimed(sale, token)
    except Exception:
        # A bug must not leave the sale claimed for ten minutes or lose it: record and retry later.
        log.exception("processing sale %s failed", sale_id)
        return _transient(sale, token, _("Onverwachte fout in Koppeling; we proberen het opnieuw."), None)


def _process_claimed(sale: Sale, token: str) -> Outcome:
    koppeling = sale.koppeling
    target = registry.label(koppeling.accounting_system)
    if koppeling.paused_until and koppeling.paused_until > timezone.now():
        seconds = (koppeling.paused_until - timezone.now()).total_seconds()
        return _wait(sale, token, koppeling.paused_reason, seconds=seconds)
    canonical = from_json(sale.canonical)
    original = None
    if canonical.kind == "refund":
        try:
            original, waiting = _original_booking(sale)
        except _Refused as refused:
            return _fail(sale, token, refused.refusal)
        if waiting:
            return _wait(sale, token, waiting)
    try:
        check = vies_checks.check_for(koppeling, canonical)
    except vies_checks.ViesUnavailable as error:
        return _vies_unavailable(sale, token, canonical, error)
    checked = validate(koppeling, canonical, target, check, original=_original_vat(original))
    if checked.refusal:
        return _fail(sale, token, checked.refusal)
    document = build_document(koppeling, sale, canonical, checked.vat, original)
    if document.total != canonical.total:  # an invariant of the VAT rules: never book another total
        return _fail(sale, token, refusal("TOTALS_MISMATCH", lines=str(document.total), total=str(canonical.total)))
    lock_key = f"contact:{koppeling.pk}:{canonical.customer.key or 'guest'}"
    with leases.held(lock_key, CLAIM_SECONDS) as ours:
        if not ours:
            return _wait(sale, token, _("Een andere boeking voor dezelfde klant loopt nog."), seconds=5)
        return _book(sale, token, document, target)


def _vies_unavailable(sale: Sale, token: str, canonical, error) -> Outcome:
    """VIES did not answer, and the tenant waits for it: retry later, or refuse when it never will."""
    number = canonical.customer.vat_number
    if error.permanent:
        return _fail(sale, token, refusal("VIES_UNAVAILABLE", vat_number=number), details={"vies": str(error.message)})
    return _transient(sale, token, str(error.message), None, code="VIES_UNAVAILABLE", params={"vat_number": number})


def _original_vat(booking: Booking | None) -> Original | None:
    """A refund is taxed like the sale it corrects: that booking's treatment, at that date's rates."""
    if booking is None or not booking.document.get("treatment"):
        return None
    return Original(booking.document["treatment"], date.fromisoformat(booking.document["date"]))


def _original_booking(sale: Sale) -> tuple[Booking | None, str]:
    """A credit note refers to the booked original. Returns (booking, reason to wait)."""
    original = sale.refund_of or Sale.objects.filter(
        koppeling=sale.koppeling, source_id=sale.canonical.get("refund_of")).first()
    if original is None or original.state == SaleState.SKIPPED:
        raise _Refused(refusal("REFUND_ORIGINAL_NOT_BOOKED", original=sale.canonical.get("refund_of", "")))
    booking = Booking.objects.filter(sale=original).first()
    if booking:
        return booking, ""
    return None, _("Wacht tot de oorspronkelijke bestelling %(number)s is geboekt.") % {"number": original.number}


class _Refused(Exception):
    def __init__(self, refusal: Refusal):
        self.refusal = refusal


def _book(sale: Sale, token: str, document, target: str) -> Outcome:
    connector = accounting_connector(sale.koppeling)
    try:
        found = connector.find_booking(document.reference)
        if found:
            return _record(sale, token, document, found, SaleEvent.Kind.FOUND)
        result = connector.book(document)
    except ConnectorError as error:
        if error.pause:
            return _pause(sale, token, error)
        if error.permanent:
            return _fail(sale, token, _connector_refusal(error, target), details=_error_details(error))
        return _transient(sale, token, error.message, error.retry_after, details=_error_details(error))
    except TransportError as error:
        if error.permanent:
            return _fail(sale, token, refusal("ACCOUNTING_REFUSED", target=target, detail=error.message),
                         details=_error_details(error))
        return _transient(sale, token, error.message, error.retry_after, details=_error_details(error))
    return _record(sale, token, document, result, SaleEvent.Kind.BOOKED)


def _connector_refusal(error: ConnectorError, target: str) -> Refusal:
    code = error.code if error.code in CATALOGUE else "ACCOUNTING_REFUSED"
    return refusal(code, target=target, detail=error.detail or error.message)


def _error_details(error: TransportError) -> dict:
    return {"status": error.status, "body": (error.body or "")[:2000]}


def _record(sale: Sale, token: str, document, result: BookingResult, kind: str) -> Outcome:
    now = timezone.now()
    reference = document.reference
    try:
        with transaction.atomic():
            Booking.objects.create(sale=sale, koppeling=sale.koppeling, reference=reference,
                                   target_system=sale.koppeling.accounting_system, target_id=result.target_id,
                                   target_number=result.number or reference, target_url=result.url,
                                   total=sale.total, booked_at=now, document=document_to_json(document))
            release(sale, token, state=SaleState.BOOKED, error_code="", error_message="", error_suggestion="",
                    error_setting="", next_attempt_at=None)
            message = _("Geboekt als %(number)s.") % {"number": result.number or reference}
            if result.total is not None and result.total != sale.total:
                message += " " + _("Let op: het totaal in de boekhouding is %(booked)s, in de winkel %(shop)s.") % {
                    "booked": result.total, "shop": sale.total}
            SaleEvent.objects.create(sale=sale, kind=kind, reference=result.number or reference, message=message,
                                     details={"target_id": result.target_id, "worker": WORKER})
    except IntegrityError:
        # Recorded by another worker in the meantime: the booking exists once, which is what counts.
        release(sale, token, state=SaleState.BOOKED)
    return Outcome(SaleState.BOOKED)


def _fail(sale: Sale, token: str, problem: Refusal, details: dict | None = None) -> Outcome:
    release(sale, token, state=SaleState.FAILED, error_code=problem.code, error_message=problem.message,
            error_suggestion=problem.suggestion, error_setting=problem.setting, next_attempt_at=None)
    SaleEvent.objects.create(sale=sale, kind=SaleEvent.Kind.REFUSED, error_code=problem.code,
                             message=problem.message, suggestion=problem.suggestion, details=details or {})
    return Outcome(SaleState.FAILED)


def _wait(sale: Sale, token: str, reason: str, seconds: float = WAIT_SECONDS) -> Outcome:
    release(sale, token, next_attempt_at=timezone.now() + timedelta(seconds=seconds))
    if not sale.events.filter(kind=SaleEvent.Kind.RETRY, message=reason).exists():
        SaleEvent.objects.create(sale=sale, kind=SaleEvent.Kind.RETRY, message=reason)
    return Outcome(SaleState.READY, retry_in=seconds)


def _pause(sale: Sale, token: str, error: ConnectorError) -> Outcome:
    """The accounting package's budget for the whole koppeling is spent: wait for its reset. The
    sale keeps its attempts, because nothing was wrong with it."""
    until = timezone.now() + timedelta(seconds=error.retry_after or 3600)
    Koppeling.objects.filter(pk=sale.koppeling_id).update(paused_until=until, paused_reason=error.message)
    release(sale, token, next_attempt_at=until)
    SaleEvent.objects.create(sale=sale, kind=SaleEvent.Kind.RETRY, message=error.message,
                             details={"paused_until": until.isoformat()})
    return Outcome(SaleState.READY, retry_in=(until - timezone.now()).total_seconds())


def backoff_seconds(attempt: int) -> float:
    """30 s, 1 min, 2 min ... capped at one hour."""
    return min(3600.0, 30.0 * 2 ** (attempt - 1))


def _transient(sale: Sale, token: str, detail: str, retry_after: float | None, details: dict | None = None,
               code: str = "RETRIES_EXHAUSTED", params: dict | None = None) -> Outcome:
    """A passing failure: try again later with backoff; after MAX_ATTEMPTS it goes to Fouten with
    `code` (the nightly sweep retries those)."""
    attempts = sale.attempts + 1
    target = registry.label(sale.koppeling.accounting_system)
    if attempts >= MAX_ATTEMPTS:
        return _fail(sale, token, refusal(code, target=target, detail=detail, **(params or {})), details)
    delay = max(retry_after or 0.0, backoff_seconds(attempts))
    release(sale, token, attempts=attempts, next_attempt_at=timezone.now() + timedelta(seconds=delay))
    SaleEvent.objects.create(sale=sale, kind=SaleEvent.Kind.RETRY, message=detail,
                             details={**(details or {}), "attempt": attempts, "retry_in": delay})
    return Outcome(SaleState.READY, retry_in=delay)


def reference_of(sale: Sale) -> str:
    return reference_for(sale.koppeling, sale)
