"""WooCommerce REST v3 orders and refunds -> canonical sales. Pure functions, no I/O.

WooCommerce line totals are already after discounts (`total` vs `subtotal`), so a coupon is not a
line of its own: the discount is inside the lines it applied to, at their own VAT rates.

VAT rates are never guessed: a line's rate comes from its `taxes[].id` (a tax rate id), looked up
in the order's `tax_lines[].rate_percent` or, for shops that do not send it, in the shop's tax
table (`tax_rates`, fetched by the connector). A line whose rate stays unknown, or that carries
two rates, gets `vat_rate=None` and the engine refuses the sale with a reason.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from koppeling.lib.money import ZERO, cents, to_decimal
from koppeling.sync.canonical import Customer, Line, Sale

# Order meta keys that VAT-number plugins use, most common first (see docs/connectors/woocommerce.md).
VAT_NUMBER_KEYS = ("_billing_vat_number", "_vat_number", "_billing_eu_vat_number", "_billing_vat",
                   "vat_number", "_vat_id", "billing_vat_number")
NO_VAT = Decimal("0")


def amount(value) -> Decimal:
    """A WooCommerce amount (string or JSON number) as a Decimal in cents; missing means zero."""
    return cents(to_decimal(value, ZERO))


def percentage(value) -> Decimal | None:
    """"21.0000", 21 or 21.0 -> Decimal("21"); "7.5000" -> Decimal("7.5"); junk -> None."""
    try:
        rate = to_decimal(value).normalize()
    except (InvalidOperation, ValueError):
        return None
    return rate.quantize(Decimal(1)) if rate.as_tuple().exponent > 0 else rate


def gmt_datetime(data: Mapping, field: str) -> datetime | None:
    """The `<field>_gmt` value as an aware UTC datetime. WooCommerce sends it without an offset."""
    value = data.get(f"{field}_gmt") or data.get(field)
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def _int(value) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def clean_text(value) -> str:
    # Product names come HTML-escaped from WordPress ("Shirt &ndash; rood").
    return html.unescape(str(value or "")).strip()


# --- VAT rates ------------------------------------------------------------------------------------

def _line_groups(data: Mapping) -> Iterable[Mapping]:
    for key in ("line_items", "shipping_lines", "fee_lines"):
        yield from data.get(key) or []


def used_rate_ids(*documents: Mapping) -> set[int]:
    """Every tax rate id that the lines (or tax lines) of these orders/refunds refer to."""
    ids = {_int(tax.get("id")) for doc in documents for line in _line_groups(doc)
           for tax in line.get("taxes") or []}
    ids |= {_int(tax_line.get("rate_id")) for doc in documents for tax_line in doc.get("tax_lines") or []}
    return {rate_id for rate_id in ids if rate_id is not None}


def order_rate_percents(order: Mapping, tax_rates: Mapping[int, Decimal] | None = None) -> dict[int, Decimal]:
    """Rate id -> percentage. The order's own tax lines win: they hold the rate as it was charged,
    while the shop's tax table (`tax_rates`) may have changed since."""
    rates = dict(tax_rates or {})
    for tax_line in order.get("tax_lines") or []:
        rate_id = _int(tax_line.get("rate_id"))
        if rate_id is not None and tax_line.get("rate_percent") not in (None, ""):
            rate = percentage(tax_line["rate_percent"])
            if rate is not None:
                rates[rate_id] = rate
    return rates


def missing_rate_ids(order: Mapping, *refunds: Mapping) -> set[int]:
    """Rate ids whose percentage the order itself does not state: look them up in GET /taxes."""
    return used_rate_ids(order, *refunds) - set(order_rate_percents(order))


def line_vat_rate(line: Mapping, rates: Mapping[int, Decimal]) -> Decimal | None:
    """The one VAT rate of a line, or None when it is unknown or the line carries two rates."""
    applied = [tax for tax in line.get("taxes") or [] if tax.get("total") not in (None, "")]
    # A rate listed with a zero amount did not apply when another one did.
    charged = [tax for tax in applied if amount(tax.get("total")) != 0] or applied
    if not charged:
        return NO_VAT if amount(line.get("total_tax")) == 0 else None
    found = {rates.get(_int(tax.get("id"))) for tax in charged}
    if None in found or len(found) != 1:
        return None
    return found.pop()


# --- customer -------------------------------------------------------------------------------------

def vat_number(meta_data: Iterable[Mapping], configured_key: str = "") -> str:
    """The buyer's VAT number from order meta: the configured key first, then the known keys."""
    values = {}
    for meta in meta_data or []:
        value = meta.get("value")
        if isinstance(value, str | int) and str(value).strip():
            values.setdefault(meta.get("key"), str(value).strip())
    for key in ((configured_key,) if configured_key else ()) + VAT_NUMBER_KEYS:
        if key in values:
            return values[key]
    return ""


def customer_from_order(order: Mapping, vat_meta_key: str = "") -> Customer:
    billing = order.get("billing") or {}
    shipping = order.get("shipping") or {}
    # Take the whole address from one block, never a mix of billing and shipping.
    address = billing if (billing.get("address_1") or billing.get("city")) else shipping
    names = billing if (billing.get("first_name") or billing.get("last_name")) else shipping
    name = f"{clean_text(names.get('first_name'))} {clean_text(names.get('last_name'))}".strip()
    return Customer(
        id=str(order.get("customer_id") or 0), name=name,
        company=clean_text(billing.get("company") or shipping.get("company")),
        email=str(billing.get("email") or "").strip(),
        address1=clean_text(address.get("address_1")), address2=clean_text(address.get("address_2")),
        zipcode=str(address.get("postcode") or "").strip(), city=clean_text(address.get("city")),
        country=str(billing.get("country") or shipping.get("country") or "").strip().upper(),
        vat_number=vat_number(order.get("meta_data") or [], vat_meta_key),
    )


# --- lines ----------------------------------------------------------------------------------------

def _unit_price(value) -> Decimal | None:
    # `price` is WooCommerce's line total / quantity (excl. VAT, after discount), often a JSON
    # number with more than two decimals: kept exactly as sent, it is for display only.
    try:
        return to_decimal(value)
    except (InvalidOperation, ValueError):
        return None


def product_line(item: Mapping, rates: Mapping[int, Decimal]) -> Line:
    return Line(kind="product", description=clean_text(item.get("name")),
                quantity=abs(to_decimal(item.get("quantity"), Decimal(1))),
                net=amount(item.get("total")), tax=amount(item.get("total_tax")),
                vat_rate=line_vat_rate(item, rates), sku=str(item.get("sku") or ""),
                unit_price=_unit_price(item.get("price")))


def shipping_line(item: Mapping, rates: Mapping[int, Decimal]) -> Line:
    return Line(kind="shipping", description=clean_text(item.get("method_title") or item.get("method_id")),
                quantity=Decimal(1), net=amount(item.get("total")), tax=amount(item.get("total_tax")),
                vat_rate=line_vat_rate(item, rates))


def fee_line(item: Mapping, rates: Mapping[int, Decimal]) -> Line:
    # Fees may be negative (a discount entered as a fee); the sign is kept.
    return Line(kind="fee", description=clean_text(item.get("name")), quantity=Decimal(1),
                net=amount(item.get("total")), tax=amount(item.get("total_tax")),
                vat_rate=line_vat_rate(item, rates))


def order_lines(order: Mapping, rates: Mapping[int, Decimal]) -> list[Line]:
    return ([product_line(item, rates) for item in order.get("line_items") or []]
            + [shipping_line(item, rates) for item in order.get("shipping_lines") or []]
            + [fee_line(item, rates) for item in order.get("fee_lines") or []])


# --- sales ----------------------------------------------------------------------------------------

def order_to_sale(order: Mapping, *, vat_meta_key: str = "",
                  tax_rates: Mapping[int, Decimal] | None = None) -> Sale:
    """One WooCommerce order as a canonical sale of kind "order"."""
    rates = order_rate_percents(order, tax_rates)
    created = gmt_datetime(order, "date_created")
    return Sale(
        kind="order", source_id=str(order["id"]), number=str(order.get("number") or order["id"]),
        status=str(order.get("status") or ""), created_at=created,
        modified_at=gmt_datetime(order, "date_modified") or created,
        currency=str(order.get("currency") or "EUR"),
        prices_include_tax=bool(order.get("prices_include_tax")),
        total=amount(order.get("total")), total_tax=amount(order.get("total_tax")),
        customer=customer_from_order(order, vat_meta_key), lines=order_lines(order, rates),
        paid_at=gmt_datetime(order, "date_paid"),
        payment_method=str(order.get("payment_method") or ""),
        payment_method_title=clean_text(order.get("payment_method_title")), raw=dict(order),
    )


def negated(line: Line) -> Line:
    return Line(kind=line.kind, description=line.description, quantity=line.quantity, net=-line.net,
                tax=-line.tax, vat_rate=line.vat_rate, sku=line.sku,
                unit_price=None if line.unit_price is None else -line.unit_price)


def refund_product_line(item: Mapping, order: Mapping, rates: Mapping[int, Decimal]) -> Line:
    """A refunded product: negative net and tax, quantity as a positive count."""
    line = product_line(item, rates)
    line.net, line.tax = -abs(line.net), -abs(line.tax)
    if line.tax == 0 and line.net != 0:
        line.vat_rate = _untaxed_refund_rate(item, order, rates, line.vat_rate)
    return line


def _untaxed_refund_rate(item: Mapping, order: Mapping, rates: Mapping[int, Decimal],
                         own_rate: Decimal | None) -> Decimal | None:
    # No VAT refunded on this line: right only if the original line had no VAT either.
    original_id = next((_int(meta.get("value")) for meta in item.get("meta_data") or []
                        if meta.get("key") == "_refunded_item_id"), None)
    original = next((line for line in order.get("line_items") or [] if _int(line.get("id")) == original_id),
                    None)
    if original is None:
        return own_rate
    original_rate = line_vat_rate(original, rates)
    return original_rate if original_rate == NO_VAT else None


def refund_lines(refund: Mapping, order: Mapping, rates: Mapping[int, Decimal]) -> list[Line]:
    # Refund line totals are negative in WooCommerce; shipping/fee lines keep the sign they came with.
    return ([refund_product_line(item, order, rates) for item in refund.get("line_items") or []]
            + [shipping_line(item, rates) for item in refund.get("shipping_lines") or []]
            + [fee_line(item, rates) for item in refund.get("fee_lines") or []])


def refund_to_sale(refund: Mapping, order: Mapping, *, vat_meta_key: str = "",
                   tax_rates: Mapping[int, Decimal] | None = None) -> Sale:
    """One refund of `order` as a canonical sale of kind "refund" (negative amounts).

    A refund of exactly the order total is the whole order back: all order lines, negated. Any
    other refund brings only its own lines; an amount-only refund has none, so its VAT is unknown
    and the engine refuses it.
    """
    original = order_to_sale(order, vat_meta_key=vat_meta_key, tax_rates=tax_rates)
    refunded = amount(refund.get("amount"))
    if refunded != 0 and refunded == original.total:
        lines = [negated(line) for line in original.lines]
    else:
        lines = refund_lines(refund, order, order_rate_percents(order, tax_rates))
    created = gmt_datetime(refund, "date_created") or original.modified_at
    return Sale(
        kind="refund", source_id=f"{original.source_id}/refunds/{refund['id']}",
        number=f"{original.number}-C{refund['id']}", status=original.status, created_at=created,
        modified_at=created, currency=original.currency, prices_include_tax=original.prices_include_tax,
        total=-refunded, total_tax=sum((line.tax for line in lines), ZERO), customer=original.customer,
        lines=lines, payment_method=original.payment_method,
        payment_method_title=original.payment_method_title, refund_of=original.source_id,
        reason=clean_text(refund.get("reason")), raw=dict(refund),
    )
