"""The booking lines on a sale's page: what we would book (a dry run of the engine) for a sale not
booked yet, or what was booked (Booking.document), with account names where a recent discovery
knows them."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from koppeling.dashboard import discovery
from koppeling.sync import preview
from koppeling.sync.canonical import from_json
from koppeling.sync.models import Booking, Koppeling, Sale
from koppeling.vat import categories


def account_names(koppeling: Koppeling) -> dict[str, str]:
    """Ledger account and VAT code names by id, from the cached discovery only (no HTTP here)."""
    found = discovery.cached_accounting(koppeling)
    if found is None:
        return {}
    return {option.id: option.label for option in [*found.ledger_accounts, *found.tax_rates]}


def _category(code: str) -> tuple[str, str]:
    try:
        category = categories.parse(code)
    except ValueError:
        return code, ""
    return category.label, str(categories.BOX_LABELS.get(category.box, ""))


def _row(line: dict, names: dict[str, str]) -> dict:
    label, box = _category(line.get("category") or "")
    try:
        net, tax = Decimal(str(line["net"])), Decimal(str(line["tax"]))
    except (KeyError, InvalidOperation):
        net = tax = None
    ledger, tax_code = str(line.get("ledger_account_id") or ""), str(line.get("tax_rate_id") or "")
    return {"description": line.get("description", ""), "category": label, "box": box, "net": net, "tax": tax,
            "gross": net + tax if net is not None else None,
            "ledger": names.get(ledger, ledger), "tax_code": names.get(tax_code, tax_code)}


def planned(sale: Sale) -> dict | None:
    """The engine's dry run for a sale that is not booked: lines, notes and any refusal."""
    try:
        canonical = from_json(sale.canonical)
    except (KeyError, TypeError, ValueError, ArithmeticError):
        return None  # a canonical the engine cannot read is refused by it too, with a reason
    result = preview.preview(canonical, sale.koppeling)
    names = account_names(sale.koppeling)
    lines = [_row(vars(line), names) for line in result.lines]
    return {"lines": lines, "notes": result.notes, "refusal": result.refusal}


def booked(booking: Booking) -> list[dict]:
    names = account_names(booking.koppeling)
    return [_row(line, names) for line in (booking.document or {}).get("lines", [])]
