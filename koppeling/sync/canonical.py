"""The canonical sale: the one interchange format between sales connectors, the VAT rules and
accounting connectors. Documented in docs/canonical-sale.md; JSON in and out with `to_json` and
`from_json` (amounts as strings, never floats)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from decimal import Decimal

from koppeling.lib.money import ZERO, to_decimal

SALE_KINDS = ("order", "invoice", "receipt", "daily_total", "refund")
LINE_KINDS = ("product", "shipping", "fee", "discount", "gift_card")


@dataclass
class Customer:
    id: str = ""  # the shop's customer id; "" for a guest (then the e-mail identifies the customer)
    name: str = ""
    company: str = ""
    email: str = ""
    address1: str = ""
    address2: str = ""
    zipcode: str = ""
    city: str = ""
    country: str = ""  # ISO 3166-1 alpha-2
    vat_number: str = ""

    @property
    def key(self) -> str:
        """A stable key for finding the same contact again in the accounting package."""
        if self.id and self.id != "0":
            return f"c{self.id}"
        return f"e:{self.email.strip().lower()}" if self.email else ""


@dataclass
class Line:
    kind: str  # one of LINE_KINDS
    description: str
    quantity: Decimal
    net: Decimal  # line total excluding VAT, after discounts
    tax: Decimal  # VAT on the line
    vat_rate: Decimal | None  # percentage, e.g. Decimal("21"); None when the shop gave none
    sku: str = ""
    unit_price: Decimal | None = None  # as the shop showed it (incl. or excl. VAT, see the sale)
    exempt: bool = False  # exempt from VAT (vrijgesteld), not 0%: no VAT applies at all

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


@dataclass
class Sale:
    kind: str  # one of SALE_KINDS
    source_id: str  # stable id in the shop; a refund: "<order id>/refunds/<refund id>"
    number: str  # what the shop shows, e.g. "1001"
    status: str  # the shop's own status code, e.g. "processing"
    created_at: datetime
    modified_at: datetime
    currency: str
    prices_include_tax: bool
    total: Decimal  # gross total (incl. VAT); negative for a refund
    total_tax: Decimal
    customer: Customer
    lines: list[Line]
    paid_at: datetime | None = None
    payment_method: str = ""
    payment_method_title: str = ""
    refund_of: str = ""  # source_id of the original sale, for refunds
    reason: str = ""  # refund reason, as given in the shop
    raw: dict = field(default_factory=dict)

    @property
    def lines_net(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    @property
    def lines_tax(self) -> Decimal:
        return sum((line.tax for line in self.lines), ZERO)


def _dump(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _dump(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def to_json(sale: Sale, *, include_raw: bool = True) -> dict:
    data = _dump(asdict(sale))
    if not include_raw:
        data.pop("raw", None)
    return data


def _date(value) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def line_from_json(data: dict) -> Line:
    rate = data.get("vat_rate")
    unit = data.get("unit_price")
    return Line(kind=data["kind"], description=data.get("description", ""),
                quantity=to_decimal(data.get("quantity", "1")), net=to_decimal(data["net"]),
                tax=to_decimal(data.get("tax", "0")),
                vat_rate=None if rate in (None, "") else to_decimal(rate), sku=data.get("sku", ""),
                unit_price=None if unit in (None, "") else to_decimal(unit), exempt=bool(data.get("exempt", False)))


def from_json(data: dict) -> Sale:
    """Build a Sale from its JSON form. Raises KeyError/ValueError/ArithmeticError on bad input."""
    customer_fields = {f.name for f in fields(Customer)}
    customer = Customer(**{k: str(v or "") for k, v in (data.get("customer") or {}).items()
                           if k in customer_fields})
    return Sale(
        kind=data["kind"], source_id=str(data["source_id"]), number=str(data.get("number", "")),
        status=data.get("status", ""), created_at=_date(data["created_at"]),
        modified_at=_date(data.get("modified_at") or data["created_at"]),
        currency=data.get("currency", "EUR"), prices_include_tax=bool(data.get("prices_include_tax", True)),
        total=to_decimal(data["total"]), total_tax=to_decimal(data.get("total_tax", "0")),
        customer=customer, lines=[line_from_json(line) for line in data.get("lines", [])],
        paid_at=_date(data.get("paid_at")), payment_method=data.get("payment_method", ""),
        payment_method_title=data.get("payment_method_title", ""), refund_of=data.get("refund_of", ""),
        reason=data.get("reason", ""), raw=data.get("raw") or {},
    )
