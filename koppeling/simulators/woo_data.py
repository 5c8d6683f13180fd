"""Realistic Dutch WooCommerce data for the simulator: customers, products, orders and refunds.

Orders are built the way WooCommerce builds them for a Dutch shop with prices including VAT:
per line, VAT = gross x r / (100 + r) rounded half up to cents, net = gross - VAT, so that the
order totals add up to the cent. Amounts are stored as two-decimal strings, as the API sends them.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from koppeling.lib.money import ZERO, cents, fmt

SITE_TZ = ZoneInfo("Europe/Amsterdam")
WC_VERSION = "8.9.3"


def _rate(rate_id: int, percent: str, name: str, tax_class: str) -> dict:
    return {"id": rate_id, "country": "NL", "state": "", "postcode": "", "city": "", "postcodes": [],
            "cities": [], "rate": f"{percent}.0000", "name": name, "priority": 1, "compound": False,
            "shipping": True, "order": rate_id, "class": tax_class}


TAX_RATES = [_rate(1, "21", "Btw hoog", "standard"), _rate(2, "9", "Btw laag", "reduced-rate")]
RATE_FOR_CLASS = {"": 1, "standard": 1, "reduced-rate": 2}
PERCENT = {1: Decimal("21"), 2: Decimal("9")}


@dataclass(frozen=True)
class Product:
    id: int
    name: str
    sku: str
    price: Decimal  # incl. VAT, as the shop shows it
    tax_class: str = ""  # "" = standard (21%), "reduced-rate" = 9%


PRODUCTS = [
    Product(11, "Koptelefoon", "KOP-BT-01", Decimal("79.95")),
    Product(12, "Wollen sjaal", "SJA-WOL-02", Decimal("34.95")),
    Product(13, "Bluetooth speaker", "SPK-BT-03", Decimal("49.99")),
    Product(14, "Leren portemonnee", "POR-LER-04", Decimal("39.50")),
    Product(15, "Sokken (3 paar)", "SOK-3P-05", Decimal("12.95")),
    Product(16, "Bureaulamp", "LMP-BUR-06", Decimal("44.00")),
    Product(21, "Biologische thee", "THE-BIO-21", Decimal("6.49"), "reduced-rate"),
    Product(22, "Koffiebonen 1 kg", "KOF-1KG-22", Decimal("18.95"), "reduced-rate"),
    Product(23, "Kookboek Hollandse pot", "BOE-KOOK-23", Decimal("24.99"), "reduced-rate"),
    Product(24, "Stroopwafels (doos)", "STR-DOOS-24", Decimal("4.99"), "reduced-rate"),
    Product(25, "Roman 'De zomer van Jaap'", "BOE-ROM-25", Decimal("22.50"), "reduced-rate"),
]
PRODUCT_BY_ID = {product.id: product for product in PRODUCTS}
HIGH = [p for p in PRODUCTS if not p.tax_class]
LOW = [p for p in PRODUCTS if p.tax_class]

SHIPPING_NET = Decimal("4.09")  # WooCommerce shipping costs are entered excl. VAT: 4.95 incl. 21%
COUPONS = {"welkom10": Decimal("10")}  # code -> percent off

PAYMENT_GATEWAYS = [
    ("mollie_wc_gateway_ideal", "iDEAL", True), ("mollie_wc_gateway_creditcard", "Creditcard", True),
    ("mollie_wc_gateway_bancontact", "Bancontact", True), ("paypal", "PayPal", True),
    ("bacs", "Directe bankoverschrijving", True), ("klarna_pay_later", "Klarna Achteraf betalen", True),
    ("cod", "Onder rembours", False), ("cheque", "Cheque", False),
]
GATEWAY_TITLE = {gateway_id: title for gateway_id, title, _enabled in PAYMENT_GATEWAYS}
MAPPED_METHODS = ["mollie_wc_gateway_ideal"] * 6 + ["mollie_wc_gateway_creditcard", "paypal", "paypal"]

FIRST_NAMES = ["Sanne", "Daan", "Emma", "Lucas", "Julia", "Bram", "Fleur", "Thijs", "Lotte", "Jeroen",
               "Anouk", "Sem", "Noor", "Ruben", "Iris", "Pieter", "Femke", "Joost", "Maartje", "Wouter"]
LAST_NAMES = ["de Vries", "Jansen", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer",
              "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Dijk", "Dekker", "Brouwer"]
STREETS = ["Kerkstraat", "Dorpsstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianastraat",
           "Beatrixlaan", "Lindelaan", "Prinsengracht", "Oude Gracht", "Hoofdstraat", "Parallelweg"]
CITIES = [("Amsterdam", 10), ("Rotterdam", 30), ("Den Haag", 25), ("Utrecht", 35), ("Eindhoven", 56),
          ("Groningen", 97), ("Zwolle", 80), ("Haarlem", 20), ("Nijmegen", 65), ("Leeuwarden", 89),
          ("Maastricht", 62), ("Breda", 48), ("Amersfoort", 38), ("Deventer", 74)]
EU_COMPANIES = [  # (company, street, postcode, city, country, valid VAT number)
    ("Van Dijck Interieur BV", "Meir 12", "2000", "Antwerpen", "BE", "BE0428759497"),
    ("Müller Bürobedarf GmbH", "Schildergasse 20", "50667", "Köln", "DE", "DE811363057"),
]
EU_COMPANIES_WITHOUT_NUMBER = [
    ("Atelier Lumière SARL", "Rue de la République 8", "69002", "Lyon", "FR"),
    ("Schneider Handel GmbH", "Königstraße 5", "70173", "Stuttgart", "DE"),
]

SCENARIOS = ("normal", "mixed_rates", "coupon", "shipping_no_vat", "icp_valid", "icp_missing",
             "unmapped_payment", "pending", "on_hold")


def wc_date(moment: datetime) -> tuple[str, str]:
    """(site-local, GMT) strings without offset, as WooCommerce sends date_x and date_x_gmt."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    local = moment.astimezone(SITE_TZ).strftime("%Y-%m-%dT%H:%M:%S")
    return local, moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S")


def set_date(data: dict, field_name: str, moment: datetime | None) -> None:
    data[field_name], data[f"{field_name}_gmt"] = wc_date(moment) if moment else (None, None)


def tax_text(value: Decimal) -> str:
    """Line `taxes[].total` as WooCommerce formats it: trailing zeros dropped ("0.9", "2")."""
    text = format(cents(value).normalize(), "f")
    return "0" if text in ("-0", "0") else text


def split_gross(gross: Decimal, percent: Decimal) -> tuple[Decimal, Decimal]:
    """(net, VAT) of an amount including VAT; the VAT is rounded half up to cents."""
    tax = cents(gross * percent / (100 + percent))
    return gross - tax, tax


def random_consumer(rnd: random.Random) -> dict:
    first, last = rnd.choice(FIRST_NAMES), rnd.choice(LAST_NAMES)
    city, prefix = rnd.choice(CITIES)
    letters = rnd.choice("ABCEGHJKLMNPRTVWXZ") + rnd.choice("ABCEGHJKLMNPRTVWXZ")
    email = f"{first}.{last}".lower().replace(" ", "") + f"{rnd.randint(1, 99)}@example.nl"
    return {"first_name": first, "last_name": last, "company": "",
            "address_1": f"{rnd.choice(STREETS)} {rnd.randint(1, 180)}", "address_2": "", "city": city,
            "state": "", "postcode": f"{prefix}{rnd.randint(10, 99)} {letters}", "country": "NL",
            "email": email, "phone": f"06{rnd.randint(10000000, 99999999)}"}


def eu_company(rnd: random.Random, with_vat_number: bool) -> tuple[dict, str]:
    if with_vat_number:
        company, street, postcode, city, country, vat = rnd.choice(EU_COMPANIES)
    else:
        (company, street, postcode, city, country), vat = rnd.choice(EU_COMPANIES_WITHOUT_NUMBER), ""
    person = random_consumer(rnd)
    billing = {**person, "company": company, "address_1": street, "postcode": postcode, "city": city,
               "country": country, "email": f"inkoop@{company.split()[0].lower()}.example.com"}
    return billing, vat


@dataclass
class Spec:
    """What to put in one order; see `scenario_spec`."""

    products: list[tuple[Product, int]]
    billing: dict
    payment_method: str
    coupon: str = ""
    shipping: bool = True
    shipping_taxed: bool = True
    vat_exempt: bool = False
    vat_number: str = ""
    fees: list[tuple[str, Decimal]] = field(default_factory=list)  # (name, amount excl. VAT)


def _basket(rnd: random.Random, pool: list[Product], lines: int) -> list[tuple[Product, int]]:
    return [(product, rnd.choice((1, 1, 1, 2, 3))) for product in rnd.sample(pool, lines)]


def scenario_spec(name: str, rnd: random.Random) -> Spec:
    if name not in SCENARIOS:
        raise ValueError(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}")
    spec = Spec(_basket(rnd, HIGH, rnd.choice((1, 1, 2))), random_consumer(rnd), rnd.choice(MAPPED_METHODS))
    if name == "mixed_rates":
        spec.products = _basket(rnd, HIGH, 1) + _basket(rnd, LOW, rnd.choice((1, 2)))
    elif name == "normal" and rnd.random() < 0.3:
        spec.products = _basket(rnd, LOW, rnd.choice((1, 2)))  # a 9% basket: books, coffee, tea
    elif name == "coupon":
        spec.coupon = "welkom10"
    elif name == "shipping_no_vat":
        spec.shipping_taxed = False
    elif name in ("icp_valid", "icp_missing"):
        spec.billing, spec.vat_number = eu_company(rnd, with_vat_number=name == "icp_valid")
        spec.vat_exempt, spec.payment_method = True, "bacs"
    elif name == "unmapped_payment":
        spec.payment_method = "klarna_pay_later"
        spec.fees = [("Klarna toeslag", Decimal("1.00"))]
    elif name == "on_hold":
        spec.payment_method = "bacs"
    return spec


# --- order items ----------------------------------------------------------------------------------

def neg(value: Decimal) -> str:
    return fmt(-value) if value else "0.00"


def unit_text(value: Decimal) -> str:
    """Line `price`: total / quantity, excl. VAT, to six decimals (sent as a JSON number)."""
    return format(value.quantize(Decimal("0.000001")).normalize(), "f")


def product_item(item_id: int, product: Product, quantity: int, discount: Decimal, exempt: bool) -> dict:
    rate_id = RATE_FOR_CLASS[product.tax_class]
    sub_gross = product.price * quantity
    gross = sub_gross - cents(sub_gross * discount / 100)  # a percentage coupon on the price incl. VAT
    (sub_net, sub_tax), (net, tax) = split_gross(sub_gross, PERCENT[rate_id]), split_gross(gross, PERCENT[rate_id])
    if exempt:  # a VAT-exempt buyer: WooCommerce takes the VAT out of the price and charges none
        sub_tax = tax = ZERO
    taxes = [] if exempt else [{"id": rate_id, "total": tax_text(tax), "subtotal": tax_text(sub_tax)}]
    return {"id": item_id, "name": product.name, "product_id": product.id, "variation_id": 0,
            "quantity": quantity, "tax_class": product.tax_class, "subtotal": fmt(sub_net),
            "subtotal_tax": fmt(sub_tax), "total": fmt(net), "total_tax": fmt(tax), "taxes": taxes,
            "meta_data": [], "sku": product.sku, "price": unit_text(net / quantity)}


def shipping_item(item_id: int, taxed: bool, exempt: bool) -> dict:
    tax = cents(SHIPPING_NET * PERCENT[1] / 100) if taxed and not exempt else ZERO
    taxes = [{"id": 1, "total": tax_text(tax), "subtotal": ""}] if tax else []
    return {"id": item_id, "method_title": "PostNL", "method_id": "flat_rate", "instance_id": "1",
            "total": fmt(SHIPPING_NET), "total_tax": fmt(tax), "taxes": taxes, "meta_data": []}


def fee_item(item_id: int, name: str, net: Decimal, exempt: bool) -> dict:
    tax = ZERO if exempt else cents(net * PERCENT[1] / 100)
    taxes = [] if exempt else [{"id": 1, "total": tax_text(tax), "subtotal": ""}]
    return {"id": item_id, "name": name, "tax_class": "", "tax_status": "taxable", "amount": fmt(net),
            "total": fmt(net), "total_tax": fmt(tax), "taxes": taxes, "meta_data": []}


def coupon_item(item_id: int, code: str, items: list[dict]) -> dict:
    discount = sum((Decimal(i["subtotal"]) - Decimal(i["total"]) for i in items), ZERO)
    discount_tax = sum((Decimal(i["subtotal_tax"]) - Decimal(i["total_tax"]) for i in items), ZERO)
    return {"id": item_id, "code": code, "discount": fmt(discount), "discount_tax": fmt(discount_tax),
            "meta_data": []}


def tax_lines(order: dict, next_item_id: Callable[[], int]) -> list[dict]:
    totals: dict[int, list[Decimal]] = {}  # rate id -> [items and fees, shipping]
    for key, slot in (("line_items", 0), ("fee_lines", 0), ("shipping_lines", 1)):
        for item in order[key]:
            for tax in item["taxes"]:
                totals.setdefault(tax["id"], [ZERO, ZERO])[slot] += Decimal(tax["total"] or "0")
    names = {rate["id"]: rate["name"] for rate in TAX_RATES}
    return [{"id": next_item_id(), "rate_code": f"NL-{names[rate_id].upper()}-1", "rate_id": rate_id,
             "label": names[rate_id], "compound": False, "tax_total": fmt(items), "shipping_tax_total": fmt(ship),
             "rate_percent": int(PERCENT[rate_id]), "meta_data": []}
            for rate_id, (items, ship) in sorted(totals.items())]


def _sum(items: list[dict], key: str) -> Decimal:
    return sum((Decimal(item[key]) for item in items), ZERO)


def apply_totals(order: dict) -> None:
    """The order-level totals, as WooCommerce derives them from the items."""
    items, shipping, fees = order["line_items"], order["shipping_lines"], order["fee_lines"]
    cart_tax = _sum(items, "total_tax") + _sum(fees, "total_tax")
    order.update({
        "discount_total": fmt(_sum(items, "subtotal") - _sum(items, "total")),
        "discount_tax": fmt(_sum(items, "subtotal_tax") - _sum(items, "total_tax")),
        "shipping_total": fmt(_sum(shipping, "total")), "shipping_tax": fmt(_sum(shipping, "total_tax")),
        "cart_tax": fmt(cart_tax),
        "total": fmt(sum((_sum(group, "total") + _sum(group, "total_tax") for group in (items, shipping, fees)),
                         ZERO)),
        "total_tax": fmt(cart_tax + _sum(shipping, "total_tax")),
    })


# --- orders ---------------------------------------------------------------------------------------

def _meta(next_item_id: Callable[[], int], key: str, value: str) -> dict:
    return {"id": next_item_id(), "key": key, "value": value}


def _transaction_id(rnd: random.Random, method: str) -> str:
    alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz23456789"
    if method.startswith("mollie_"):
        return "tr_" + "".join(rnd.choice(alphabet) for _ in range(10))
    if method == "paypal":
        return "".join(rnd.choice("ABCDEFGHJKLMNPQRSTUVWXYZ0123456789") for _ in range(17))
    return ""


def mark_paid(order: dict, rnd: random.Random, when: datetime) -> None:
    set_date(order, "date_paid", when)
    order["transaction_id"] = order["transaction_id"] or _transaction_id(rnd, order["payment_method"])


def build_order(order_id: int, spec: Spec, status: str, created_at: datetime, paid_at: datetime,
                rnd: random.Random, next_item_id: Callable[[], int]) -> dict:
    """One order in the shape of GET /wp-json/wc/v3/orders/<id> (without `_links`)."""
    discount = COUPONS.get(spec.coupon, ZERO)
    items = [product_item(next_item_id(), product, qty, discount, spec.vat_exempt) for product, qty in spec.products]
    shipping_address = {k: v for k, v in spec.billing.items() if k not in ("email", "phone")}
    registered = spec.vat_exempt or rnd.random() < 0.4
    order = {
        "id": order_id, "parent_id": 0, "number": str(order_id),
        "order_key": "wc_order_" + "".join(rnd.choice("abcdefghijklmnopqrstuvwxyz0123456789") for _ in range(13)),
        "created_via": "checkout", "version": WC_VERSION, "status": status, "currency": "EUR",
        "prices_include_tax": True, "customer_id": rnd.randint(2, 400) if registered else 0,
        "customer_ip_address": f"192.0.2.{rnd.randint(1, 254)}",
        "customer_user_agent": "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)",
        "customer_note": "", "billing": dict(spec.billing), "shipping": shipping_address,
        "payment_method": spec.payment_method, "payment_method_title": GATEWAY_TITLE.get(spec.payment_method, ""),
        "transaction_id": "", "cart_hash": f"{rnd.getrandbits(128):032x}",
        "meta_data": [_meta(next_item_id, "is_vat_exempt", "yes" if spec.vat_exempt else "no")],
        "line_items": items,
        "shipping_lines": ([shipping_item(next_item_id(), spec.shipping_taxed, spec.vat_exempt)]
                           if spec.shipping else []),
        "fee_lines": [fee_item(next_item_id(), name, net, spec.vat_exempt) for name, net in spec.fees],
        "coupon_lines": [coupon_item(next_item_id(), spec.coupon, items)] if spec.coupon else [],
        "refunds": [],
    }
    if spec.vat_number:
        order["meta_data"].append(_meta(next_item_id, "_billing_vat_number", spec.vat_number))
    order["tax_lines"] = tax_lines(order, next_item_id)
    apply_totals(order)
    apply_dates(order, created_at, paid_at, rnd)
    return order


def apply_dates(order: dict, created_at: datetime, paid_at: datetime, rnd: random.Random) -> None:
    """Created, then (for a paid status) paid and last saved at `paid_at`."""
    paid = order["status"] in ("processing", "completed")
    set_date(order, "date_created", created_at)
    set_date(order, "date_modified", paid_at if paid else created_at)
    set_date(order, "date_paid", None)
    set_date(order, "date_completed", paid_at if order["status"] == "completed" else None)
    if paid:
        mark_paid(order, rnd, paid_at)


# --- refunds --------------------------------------------------------------------------------------

def refund_item(item_id: int, original: dict, quantity: int) -> dict:
    """A refunded order line: negative quantity and amounts, linked by `_refunded_item_id`."""
    share = Decimal(quantity) / Decimal(original["quantity"])
    net, tax = cents(Decimal(original["total"]) * share), cents(Decimal(original["total_tax"]) * share)
    sub_net, sub_tax = cents(Decimal(original["subtotal"]) * share), cents(Decimal(original["subtotal_tax"]) * share)
    taxes = [{"id": t["id"], "total": tax_text(-tax), "subtotal": tax_text(-sub_tax)} for t in original["taxes"]]
    return {"id": item_id, "name": original["name"], "product_id": original["product_id"],
            "variation_id": original["variation_id"], "quantity": -quantity, "tax_class": original["tax_class"],
            "subtotal": neg(sub_net), "subtotal_tax": neg(sub_tax), "total": neg(net), "total_tax": neg(tax),
            "taxes": taxes, "meta_data": [{"id": item_id, "key": "_refunded_item_id", "value": str(original["id"])}],
            "sku": original["sku"], "price": unit_text(-net / quantity)}


def build_refund(refund_id: int, lines: list[tuple[dict, int]], amount: Decimal | None, reason: str,
                 when: datetime, next_item_id: Callable[[], int]) -> dict:
    """A refund in the shape of GET /orders/<id>/refunds/<refund id> (without `_links`)."""
    items = [refund_item(next_item_id(), original, quantity) for original, quantity in lines]
    refunded = -(_sum(items, "total") + _sum(items, "total_tax"))
    refund = {"id": refund_id, "amount": fmt(refunded if amount is None else amount), "reason": reason,
              "refunded_by": 1, "refunded_payment": False, "meta_data": [], "line_items": items}
    set_date(refund, "date_created", when)
    return refund
