"""Shopify Admin GraphQL orders and refunds -> canonical sales. Pure functions, no I/O.

Amounts: a line's own price is `originalTotalSet` (unit price x quantity) minus all its
`discountAllocations` (line-level and order-level discounts alike; `discountedTotalSet` leaves
order-level discounts out). With `taxesIncluded` that amount includes VAT, so net = amount - tax;
otherwise it is the net and the tax comes on top. The tax is the sum of the line's `taxLines`, as
Shopify charged it, so the lines add up to `totalPriceSet` to the cent. Shipping lines likewise.

VAT rates are never guessed: a line's rate is its one charged `taxLines` rate; a line taxed twice
(two tax lines with an amount) gets `vat_rate=None` and the engine refuses the sale with a reason.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from django.utils.translation import gettext as _

from koppeling.connectors.sales.shopify.graphql import legacy_id
from koppeling.lib.money import ZERO, cents, to_decimal
from koppeling.sync.canonical import Customer, Line, Sale

NO_VAT = Decimal("0")
# Order attribute names (note_attributes) that checkout apps use for the buyer's VAT number,
# compared case-insensitively with spaces and dashes as underscores.
VAT_ATTRIBUTE_KEYS = ("vat_number", "vat_id", "vat", "btw_nummer", "btw_id", "btw", "tax_id", "tax_number",
                      "ust_idnr", "company_vat_number", "billing_vat_number")
PAID_STATUSES = ("PAID", "PARTIALLY_REFUNDED", "REFUNDED")  # fully paid at some point
PAYMENT_KINDS = ("SALE", "CAPTURE")
TEST_STATUS = "TEST"


# --- values ---------------------------------------------------------------------------------------

def money(bag) -> Decimal:
    """A MoneyBag ({"shopMoney": {"amount": "12.5"}}) as Decimal cents in the shop's currency."""
    if not isinstance(bag, Mapping):
        return ZERO
    shop = bag.get("shopMoney") or {}
    try:
        return cents(to_decimal(shop.get("amount"), ZERO))
    except (InvalidOperation, ValueError):
        return ZERO


def percent(value) -> Decimal | None:
    """21.0 -> Decimal("21"); 5.5 -> Decimal("5.5"); junk -> None."""
    try:
        rate = to_decimal(value).quantize(Decimal("0.0001")).normalize()
    except (InvalidOperation, ValueError):
        return None
    return rate.quantize(Decimal(1)) if rate == rate.to_integral_value() else rate


def tax_line_rate(tax_line: Mapping) -> Decimal | None:
    """ratePercentage (21.0), else rate (0.21) x 100."""
    if tax_line.get("ratePercentage") not in (None, ""):
        return percent(tax_line["ratePercentage"])
    if tax_line.get("rate") not in (None, ""):
        rate = percent(tax_line["rate"])
        return None if rate is None else percent(rate * 100)
    return None


def timestamp(value) -> datetime | None:
    if not value:
        return None
    parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    return parsed.replace(tzinfo=UTC) if parsed.tzinfo is None else parsed.astimezone(UTC)


def nodes(connection) -> list[dict]:
    """The items of a connection ({"nodes": [...]} or {"edges": [{"node": ...}]}) or of a plain list."""
    if isinstance(connection, list):
        return connection
    if not isinstance(connection, Mapping):
        return []
    if connection.get("nodes") is not None:
        return list(connection["nodes"])
    return [edge["node"] for edge in connection.get("edges") or [] if edge.get("node")]


def text(value) -> str:
    return str(value or "").strip()


# --- VAT rates ------------------------------------------------------------------------------------

def line_vat_rate(tax_lines: Iterable[Mapping], tax: Decimal) -> Decimal | None:
    """The one VAT rate of a line; 0 for an untaxed line; None when unknown or when taxed twice."""
    tax_lines = list(tax_lines or [])
    charged = [t for t in tax_lines if money(t.get("priceSet")) != 0]
    if len(charged) > 1:
        return None  # two taxes on one line: not a single Dutch VAT rate
    if charged:
        return tax_line_rate(charged[0])
    if tax != 0:
        return None
    rates = {tax_line_rate(t) for t in tax_lines}
    if not rates:
        return NO_VAT
    # Only zero-amount tax lines: the rate they name applies to a zero amount (e.g. free shipping).
    return rates.pop() if len(rates) == 1 else None


def tax_total(tax_lines: Iterable[Mapping]) -> Decimal:
    return sum((money(t.get("priceSet")) for t in tax_lines or []), ZERO)


def discounts(item: Mapping) -> Decimal:
    return sum((money(a.get("allocatedAmountSet")) for a in item.get("discountAllocations") or []), ZERO)


# --- lines ----------------------------------------------------------------------------------------

def _split(amount: Decimal, tax: Decimal, taxes_included: bool) -> tuple[Decimal, Decimal]:
    """(net, tax) of an amount in the order's price basis."""
    return (amount - tax, tax) if taxes_included else (amount, tax)


def product_line(item: Mapping, taxes_included: bool) -> Line:
    quantity = int(item.get("quantity") or 0)
    unit = money(item.get("originalUnitPriceSet"))
    original = money(item["originalTotalSet"]) if item.get("originalTotalSet") else cents(unit * quantity)
    tax = tax_total(item.get("taxLines"))
    net, tax = _split(original - discounts(item), tax, taxes_included)
    return Line(kind="gift_card" if item.get("isGiftCard") else "product",
                description=text(item.get("name") or item.get("title")), quantity=Decimal(quantity),
                net=net, tax=tax, vat_rate=line_vat_rate(item.get("taxLines"), tax), sku=text(item.get("sku")),
                unit_price=unit)


def shipping_line(item: Mapping, taxes_included: bool) -> Line:
    if item.get("originalPriceSet"):
        price = money(item["originalPriceSet"]) - discounts(item)
    else:
        price = money(item.get("discountedPriceSet"))
    tax = tax_total(item.get("taxLines"))
    net, tax = _split(price, tax, taxes_included)
    return Line(kind="shipping", description=text(item.get("title") or item.get("code")), quantity=Decimal(1),
                net=net, tax=tax, vat_rate=line_vat_rate(item.get("taxLines"), tax))


def order_lines(order: Mapping) -> list[Line]:
    included = bool(order.get("taxesIncluded"))
    return ([product_line(item, included) for item in nodes(order.get("lineItems"))]
            + [shipping_line(item, included) for item in nodes(order.get("shippingLines"))])


# --- customer -------------------------------------------------------------------------------------

def _key(name) -> str:
    return text(name).lower().replace(" ", "_").replace("-", "_")


def vat_number(order: Mapping, attribute: str = "") -> str:
    """The buyer's VAT number: the configured order attribute, the customer metafield asked for,
    then the usual attribute names."""
    values = {}
    for item in order.get("customAttributes") or []:
        if text(item.get("value")):
            values.setdefault(_key(item.get("key")), text(item.get("value")))
    if attribute and _key(attribute) in values:
        return values[_key(attribute)]
    metafield = ((order.get("customer") or {}).get("vatNumber") or {}).get("value")
    if text(metafield):
        return text(metafield)
    return next((values[key] for key in VAT_ATTRIBUTE_KEYS if key in values), "")


def customer_from_order(order: Mapping, vat_attribute: str = "") -> Customer:
    billing = order.get("billingAddress") or {}
    shipping = order.get("shippingAddress") or {}
    customer = order.get("customer") or {}
    # The whole address from one block, never a mix of billing and shipping.
    address = billing if (billing.get("address1") or billing.get("city")) else shipping
    names = billing if (billing.get("firstName") or billing.get("lastName")) else customer
    name = f"{text(names.get('firstName'))} {text(names.get('lastName'))}".strip()
    return Customer(
        id=legacy_id(customer.get("legacyResourceId") or customer.get("id")) if customer else "0",
        name=name, company=text(billing.get("company") or shipping.get("company")),
        email=text(order.get("email") or customer.get("email")),
        address1=text(address.get("address1")), address2=text(address.get("address2")),
        zipcode=text(address.get("zip")), city=text(address.get("city")),
        country=text(billing.get("countryCodeV2") or shipping.get("countryCodeV2")).upper(),
        vat_number=vat_number(order, vat_attribute),
    )


# --- payment --------------------------------------------------------------------------------------

GATEWAY_LABELS = {"shopify_payments": "Shopify Payments", "paypal": "PayPal", "mollie": "Mollie",
                  "manual": "Handmatig", "bank_deposit": "Bankoverschrijving", "gift_card": "Cadeaubon",
                  "klarna": "Klarna", "bogus": "Bogus (test)", "cash": "Contant"}


def payments(order: Mapping) -> list[Mapping]:
    return [t for t in order.get("transactions") or []
            if t.get("kind") in PAYMENT_KINDS and t.get("status") == "SUCCESS"]


def payment_method(order: Mapping) -> tuple[str, str]:
    """(gateway, title) of the order's payment; ("", "") when paid with two or more methods (e.g. a
    gift card and a card), because one sale carries one payment and we never guess the split."""
    paid = payments(order)
    gateways = {text(t.get("gateway")) for t in paid if text(t.get("gateway"))}
    if not paid:
        gateways = {text(g) for g in order.get("paymentGatewayNames") or [] if text(g)}
    if len(gateways) != 1:
        return "", ""
    gateway = gateways.pop()
    title = next((text(t.get("formattedGateway")) for t in paid if text(t.get("formattedGateway"))), "")
    return gateway, title or GATEWAY_LABELS.get(gateway, gateway)


def paid_at(order: Mapping) -> datetime | None:
    """When the order was paid in full; None while it is not (or only partly) paid."""
    if order.get("displayFinancialStatus") not in PAID_STATUSES:
        return None
    moments = [timestamp(t.get("processedAt")) for t in payments(order) if t.get("processedAt")]
    return max(moments) if moments else timestamp(order.get("processedAt") or order.get("createdAt"))


# --- sales ----------------------------------------------------------------------------------------

def order_number(order: Mapping) -> str:
    return text(order.get("name")).lstrip("#") or legacy_id(order.get("legacyResourceId") or order.get("id"))


def order_status(order: Mapping) -> str:
    # A test order (bogus gateway, test mode) gets its own status, so it is seen but never booked.
    return TEST_STATUS if order.get("test") else text(order.get("displayFinancialStatus"))


def order_to_sale(order: Mapping, *, vat_attribute: str = "") -> Sale:
    """One Shopify order (GraphQL `Order`) as a canonical sale of kind "order"."""
    created = timestamp(order.get("processedAt") or order.get("createdAt"))
    gateway, title = payment_method(order)
    return Sale(
        kind="order", source_id=legacy_id(order.get("legacyResourceId") or order.get("id")),
        number=order_number(order), status=order_status(order), created_at=created,
        modified_at=timestamp(order.get("updatedAt")) or created,
        currency=text(order.get("currencyCode")) or "EUR", prices_include_tax=bool(order.get("taxesIncluded")),
        total=money(order.get("totalPriceSet") or order.get("currentTotalPriceSet")),
        total_tax=money(order.get("totalTaxSet") or order.get("currentTotalTaxSet")),
        customer=customer_from_order(order, vat_attribute), lines=order_lines(order),
        paid_at=paid_at(order) if gateway else None, payment_method=gateway, payment_method_title=title,
        raw=dict(order),
    )


def negated(line: Line) -> Line:
    return replace(line, net=-line.net, tax=-line.tax, unit_price=None if line.unit_price is None else -line.unit_price)


def refund_product_line(item: Mapping, taxes_included: bool) -> Line:
    """A refunded line: `subtotalSet` in the order's price basis (UNCONFIRMED for taxesIncluded)."""
    original = item.get("lineItem") or {}
    tax = money(item.get("totalTaxSet"))
    net, tax = _split(money(item.get("subtotalSet")), tax, taxes_included)
    rate = line_vat_rate(original.get("taxLines"), tax)
    if tax == 0 and net != 0:
        # No VAT refunded: right only if the line carried none either.
        rate = NO_VAT if line_vat_rate(original.get("taxLines"), tax_total(original.get("taxLines"))) == 0 else None
    return negated(Line(kind="gift_card" if original.get("isGiftCard") else "product",
                        description=text(original.get("name") or original.get("title")),
                        quantity=Decimal(int(item.get("quantity") or 0)), net=net, tax=tax, vat_rate=rate,
                        sku=text(original.get("sku")), unit_price=money(item.get("priceSet"))))


def refund_shipping_line(item: Mapping, taxes_included: bool) -> Line:
    shipping = item.get("shippingLine") or {}
    tax = money(item.get("taxAmountSet"))
    net, tax = _split(money(item.get("subtotalAmountSet")), tax, taxes_included)
    return negated(Line(kind="shipping", description=text(shipping.get("title")), quantity=Decimal(1),
                        net=net, tax=tax, vat_rate=line_vat_rate(shipping.get("taxLines"), tax)))


def refund_lines(refund: Mapping, order: Mapping) -> list[Line]:
    """The refund's own lines; an order adjustment (an amount refunded beyond its lines) is a line
    whose VAT rate is unknown, so that the engine refuses it with a reason rather than guess."""
    included = bool(order.get("taxesIncluded"))
    lines = ([refund_product_line(item, included) for item in nodes(refund.get("refundLineItems"))]
             + [refund_shipping_line(item, included) for item in nodes(refund.get("refundShippingLines"))])
    remainder = -money(refund.get("totalRefundedSet")) - sum((line.gross for line in lines), ZERO)
    if lines and remainder and nodes(refund.get("orderAdjustments")):
        lines.append(Line(kind="fee", description=_("Verrekening terugbetaling"), quantity=Decimal(1),
                          net=remainder, tax=ZERO, vat_rate=None))
    return lines


def refund_to_sale(refund: Mapping, order: Mapping, *, vat_attribute: str = "") -> Sale:
    """One refund of `order` as a canonical sale of kind "refund" (negative amounts).

    A refund of exactly the order total without lines of its own is the whole order back: all order
    lines, negated. Any other refund without lines has unknown VAT and the engine refuses it."""
    original = order_to_sale(order, vat_attribute=vat_attribute)
    refunded = money(refund.get("totalRefundedSet"))
    lines = refund_lines(refund, order)
    if not lines and refunded != 0 and refunded == original.total:
        lines = [negated(line) for line in original.lines]
    created = timestamp(refund.get("createdAt")) or original.modified_at
    refund_id = legacy_id(refund.get("legacyResourceId") or refund.get("id"))
    gateway, title = refund_gateway(refund, original)
    return Sale(
        kind="refund", source_id=f"{original.source_id}/refunds/{refund_id}",
        number=f"{original.number}-C{refund_id}", status=original.status, created_at=created,
        modified_at=created, currency=original.currency, prices_include_tax=original.prices_include_tax,
        total=-refunded, total_tax=sum((line.tax for line in lines), ZERO), customer=original.customer,
        lines=lines, payment_method=gateway, payment_method_title=title, refund_of=original.source_id,
        reason=text(refund.get("note")), raw=dict(refund),
    )


def refund_gateway(refund: Mapping, original: Sale) -> tuple[str, str]:
    paid_back = [t for t in nodes(refund.get("transactions")) if t.get("kind") == "REFUND"]
    gateways = {text(t.get("gateway")) for t in paid_back if text(t.get("gateway"))}
    if len(gateways) == 1:
        gateway = gateways.pop()
        title = next((text(t.get("formattedGateway")) for t in paid_back if text(t.get("formattedGateway"))), "")
        return gateway, title or GATEWAY_LABELS.get(gateway, gateway)
    return original.payment_method, original.payment_method_title
