"""Realistic Dutch Shopify data for the simulator: orders and refunds, in the simulator's own
record form, plus their GraphQL Admin (camelCase, MoneyBag) and REST webhook (snake_case) shapes.

A Dutch Shopify shop shows prices including VAT (`taxesIncluded`): per line Shopify takes the VAT
out of the line price after discounts, VAT = gross x r / (100 + r) rounded half up to cents, and
lists it in the line's tax lines; shipping likewise. Discount codes are order-level discounts,
allocated over the lines (`discountAllocations`). Amounts are kept as two-decimal strings.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal

from koppeling.lib.money import ZERO, cents, fmt
from koppeling.simulators import woo_data
from koppeling.simulators.woo_data import HIGH, LOW, Product

SITE_TZ = woo_data.SITE_TZ
RATES = {"": Decimal("21"), "reduced-rate": Decimal("9")}
SHIPPING_PRICE = Decimal("4.95")  # incl. 21% VAT
FREE_SHIPPING_FROM = Decimal("75.00")  # goods incl. VAT: an automatic free-shipping discount
DISCOUNT_CODES = {"WELKOM10": ("percentage", Decimal("10")), "VIJFEURO": ("fixed", Decimal("5.00"))}
GATEWAYS = {"mollie": "Mollie", "paypal": "PayPal Express Checkout", "shopify_payments": "Shopify Payments",
            "manual": "Bankoverschrijving", "klarna": "Klarna"}
MAPPED_GATEWAYS = ["mollie"] * 5 + ["shopify_payments"] * 2 + ["paypal"]
STATUSES = ("PENDING", "AUTHORIZED", "PAID", "PARTIALLY_PAID", "PARTIALLY_REFUNDED", "REFUNDED", "VOIDED",
            "EXPIRED")
PAID = ("PAID", "PARTIALLY_REFUNDED", "REFUNDED")
SCENARIOS = ("normal", "mixed_rates", "discount", "shipping_no_vat", "icp_valid", "icp_missing", "pending",
             "unmapped_payment")
VAT_METAFIELD = "custom.vat_number"


def stamp(moment: datetime) -> str:
    """GraphQL DateTime: UTC with Z."""
    moment = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def rest_stamp(value: str | None) -> str | None:
    """REST timestamps are in the shop's time zone with an offset."""
    if not value:
        return None
    moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    return moment.astimezone(SITE_TZ).isoformat()


def gid(kind: str, object_id) -> str:
    return f"gid://shopify/{kind}/{object_id}"


# --- what goes into an order ----------------------------------------------------------------------

@dataclass
class Spec:
    products: list[tuple[Product, int]]
    address: dict
    email: str
    gateway: str
    status: str = "PAID"
    discount_code: str = ""
    shipping_taxed: bool = True
    free_shipping: bool = True  # from FREE_SHIPPING_FROM on
    tax_exempt: bool = False
    vat_number: str = ""
    attributes: list[dict] = field(default_factory=list)


def address_from(billing: dict) -> dict:
    return {"first_name": billing["first_name"], "last_name": billing["last_name"], "company": billing["company"],
            "address1": billing["address_1"], "address2": billing["address_2"], "city": billing["city"],
            "zip": billing["postcode"], "country_code": billing["country"], "phone": billing.get("phone", "")}


def _basket(rnd: random.Random, pool: list[Product], lines: int) -> list[tuple[Product, int]]:
    return [(product, rnd.choice((1, 1, 1, 2, 3))) for product in rnd.sample(pool, lines)]


def scenario_spec(name: str, rnd: random.Random) -> Spec:
    if name not in SCENARIOS:
        raise ValueError(f"unknown scenario {name!r}; choose from {', '.join(SCENARIOS)}")
    person = woo_data.random_consumer(rnd)
    spec = Spec(_basket(rnd, HIGH, rnd.choice((1, 1, 2))), address_from(person), person["email"],
                rnd.choice(MAPPED_GATEWAYS))
    if name == "mixed_rates":
        spec.products = _basket(rnd, HIGH, 1) + _basket(rnd, LOW, rnd.choice((1, 2)))
    elif name == "normal" and rnd.random() < 0.3:
        spec.products = _basket(rnd, LOW, rnd.choice((1, 2)))
    elif name == "discount":
        spec.discount_code = rnd.choice(sorted(DISCOUNT_CODES))
        spec.products += _basket(rnd, LOW, 1)
    elif name == "shipping_no_vat":
        spec.shipping_taxed, spec.free_shipping = False, False
    elif name in ("icp_valid", "icp_missing"):
        billing, vat = woo_data.eu_company(rnd, with_vat_number=name == "icp_valid")
        spec.address, spec.email, spec.tax_exempt, spec.vat_number = address_from(billing), billing["email"], True, vat
        spec.gateway = "manual"
        if vat:
            spec.attributes = [{"name": "vat_number", "value": vat}]
    elif name == "pending":
        spec.gateway, spec.status = "manual", "PENDING"
    elif name == "unmapped_payment":
        spec.gateway = "klarna"
    return spec


# --- building an order ----------------------------------------------------------------------------

def net_of(gross: Decimal, rate: Decimal) -> Decimal:
    return gross - cents(gross * rate / (100 + rate))


def tax_lines(gross: Decimal, rate: Decimal) -> list[dict]:
    return [{"title": "NL BTW", "rate": str(rate / 100), "price": fmt(cents(gross * rate / (100 + rate)))}]


def allocate(items: list[dict], code: str) -> None:
    """Spread an order-level discount code over the lines: a percentage per line, a fixed amount
    pro rata with the last line taking the remainder (so the allocations add up to the cent)."""
    if not code:
        return
    kind, value = DISCOUNT_CODES[code]
    originals = [Decimal(item["price"]) * item["quantity"] for item in items]
    if kind == "percentage":
        shares = [cents(original * value / 100) for original in originals]
    else:
        value = min(value, sum(originals, ZERO))
        shares = [cents(value * original / sum(originals, ZERO)) for original in originals[:-1]]
        shares.append(value - sum(shares, ZERO))
    for item, share in zip(items, shares, strict=True):
        item["discounts"] = [{"code": code, "amount": fmt(share)}]


def product_items(spec: Spec, new_id: Callable[[], int]) -> list[dict]:
    items = []
    for product, quantity in spec.products:
        rate = RATES[product.tax_class]
        # A tax-exempt buyer (EU business): Shopify takes the VAT out of the price.
        price = net_of(product.price, rate) if spec.tax_exempt else product.price
        items.append({"id": new_id(), "product_id": product.id, "title": product.name, "name": product.name,
                      "sku": product.sku, "quantity": quantity, "price": fmt(price), "gift_card": False,
                      "rate": str(rate), "discounts": [], "tax_lines": []})
    allocate(items, spec.discount_code)
    for item in items:
        if not spec.tax_exempt:
            item["tax_lines"] = tax_lines(item_gross(item), Decimal(item["rate"]))
    return items


def shipping_items(spec: Spec, goods: Decimal, new_id: Callable[[], int]) -> list[dict]:
    price = net_of(SHIPPING_PRICE, RATES[""]) if spec.tax_exempt else SHIPPING_PRICE
    free = spec.free_shipping and goods >= FREE_SHIPPING_FROM
    item = {"id": new_id(), "title": "PostNL", "code": "PostNL", "price": fmt(price),
            "discounts": [{"code": "Gratis verzending", "amount": fmt(price)}] if free else [], "tax_lines": []}
    if spec.shipping_taxed and not spec.tax_exempt:
        item["tax_lines"] = tax_lines(item_gross(item, "price", 1), RATES[""])
    return [item]


def item_gross(item: dict, price_key: str = "price", quantity: int | None = None) -> Decimal:
    """A line's own amount after discounts, in the order's price basis (incl. VAT here)."""
    count = item["quantity"] if quantity is None else quantity
    return Decimal(item[price_key]) * count - sum((Decimal(d["amount"]) for d in item["discounts"]), ZERO)


def item_tax(item: dict) -> Decimal:
    return sum((Decimal(t["price"]) for t in item["tax_lines"]), ZERO)


def build_order(order_id: int, number: int, spec: Spec, created: datetime, paid: datetime | None,
                rnd: random.Random, new_id: Callable[[], int]) -> dict:
    """One order in the simulator's record form (rendered by graphql_order / rest_order)."""
    items = product_items(spec, new_id)
    goods = sum((item_gross(item) for item in items), ZERO)
    registered = spec.tax_exempt or rnd.random() < 0.6
    customer = None
    if registered:
        metafields = {VAT_METAFIELD: spec.vat_number} if spec.vat_number else {}
        customer = {"id": 7012345600000 + rnd.randint(1, 99999), "first_name": spec.address["first_name"],
                    "last_name": spec.address["last_name"], "email": spec.email, "metafields": metafields}
    order = {
        "id": order_id, "number": number, "name": f"#{number}", "created_at": stamp(created),
        "processed_at": stamp(created), "updated_at": stamp(paid or created), "cancelled_at": None,
        "currency": "EUR", "taxes_included": True, "tax_exempt": spec.tax_exempt, "test": False,
        "financial_status": spec.status, "email": spec.email, "customer": customer,
        "billing_address": dict(spec.address), "shipping_address": dict(spec.address),
        "note_attributes": list(spec.attributes), "gateway": spec.gateway, "discount_code": spec.discount_code,
        "line_items": items, "shipping_lines": shipping_items(spec, goods, new_id), "transactions": [],
        "refunds": [], "token": f"{rnd.getrandbits(128):032x}",
    }
    add_transaction(order, spec.status, paid or created, new_id)
    return order


def add_transaction(order: dict, status: str, when: datetime, new_id: Callable[[], int]) -> None:
    """The payment transaction a financial status implies (a sale, pending or done; an authorization)."""
    kinds = {"PENDING": ("SALE", "PENDING"), "AUTHORIZED": ("AUTHORIZATION", "SUCCESS")}
    if status in PAID:
        kinds[status] = ("SALE", "SUCCESS")
    if status not in kinds or any(t["status"] == "SUCCESS" and t["kind"] in ("SALE", "CAPTURE")
                                  for t in order["transactions"]):
        return
    kind, outcome = kinds[status]
    order["transactions"].append({"id": new_id(), "kind": kind, "status": outcome, "gateway": order["gateway"],
                                  "amount": fmt(totals(order)["total"]), "processed_at": stamp(when)})


def totals(order: dict) -> dict[str, Decimal]:
    items, shipping = order["line_items"], order["shipping_lines"]
    goods = sum((item_gross(i) for i in items), ZERO)
    ship = sum((item_gross(s, "price", 1) for s in shipping), ZERO)
    tax = sum((item_tax(i) for i in items + shipping), ZERO)
    discounts = sum((Decimal(d["amount"]) for i in items + shipping for d in i["discounts"]), ZERO)
    refunded = sum((Decimal(r["amount"]) for r in order["refunds"]), ZERO)
    total = goods + ship + (ZERO if order["taxes_included"] else tax)
    return {"subtotal": goods, "shipping": ship, "tax": tax, "discounts": discounts, "total": total,
            "refunded": refunded}


# --- refunds --------------------------------------------------------------------------------------

def refunded_quantity(order: dict, line_item_id: int) -> int:
    return sum(line["quantity"] for refund in order["refunds"] for line in refund["line_items"]
               if line["line_item_id"] == line_item_id)


def refund_item(order: dict, item: dict, quantity: int, new_id: Callable[[], int]) -> dict:
    """A refunded line: its share of the line's amount and VAT; the last units take the remainder."""
    done = refunded_quantity(order, item["id"])
    earlier = [line for refund in order["refunds"] for line in refund["line_items"]
               if line["line_item_id"] == item["id"]]
    if done + quantity == item["quantity"]:
        subtotal = item_gross(item) - sum((Decimal(line["subtotal"]) for line in earlier), ZERO)
        tax = item_tax(item) - sum((Decimal(line["total_tax"]) for line in earlier), ZERO)
    else:
        share = Decimal(quantity) / Decimal(item["quantity"])
        subtotal, tax = cents(item_gross(item) * share), cents(item_tax(item) * share)
    return {"id": new_id(), "line_item_id": item["id"], "quantity": quantity, "subtotal": fmt(subtotal),
            "total_tax": fmt(tax)}


def refund_shipping(item: dict, new_id: Callable[[], int]) -> dict:
    return {"id": new_id(), "shipping_line_id": item["id"], "subtotal": fmt(item_gross(item, "price", 1)),
            "tax": fmt(item_tax(item))}


def build_refund(refund_id: int, order: dict, lines: list[tuple[dict, int]], shipping: bool,
                 amount: Decimal | None, note: str, when: datetime, new_id: Callable[[], int]) -> dict:
    items = [refund_item(order, item, quantity, new_id) for item, quantity in lines]
    ships = [refund_shipping(item, new_id) for item in order["shipping_lines"]] if shipping else []
    value = sum((Decimal(i["subtotal"]) for i in items), ZERO) + sum((Decimal(s["subtotal"]) for s in ships), ZERO)
    if not order["taxes_included"]:
        value += sum((Decimal(i["total_tax"]) for i in items), ZERO) + sum((Decimal(s["tax"]) for s in ships), ZERO)
    refunded = value if amount is None else Decimal(amount)
    # An amount that differs from the refunded lines is booked by Shopify as an order adjustment.
    adjustments = [] if refunded == value else [{"id": new_id(), "reason": "REFUND_DISCREPANCY",
                                                 "amount": fmt(value - refunded), "tax_amount": "0.00"}]
    return {"id": refund_id, "created_at": stamp(when), "note": note, "line_items": items, "shipping": ships,
            "adjustments": adjustments, "amount": fmt(refunded),
            "transactions": [{"id": new_id(), "kind": "REFUND", "status": "SUCCESS", "gateway": order["gateway"],
                              "amount": fmt(refunded), "processed_at": stamp(when)}]}


# --- GraphQL shapes -------------------------------------------------------------------------------

def bag(amount) -> dict:
    money = {"amount": fmt(Decimal(amount)), "currencyCode": "EUR"}
    return {"shopMoney": money, "presentmentMoney": dict(money)}


def gql_tax_lines(lines: list[dict]) -> list[dict]:
    return [{"title": t["title"], "rate": float(t["rate"]), "ratePercentage": float(Decimal(t["rate"]) * 100),
             "priceSet": bag(t["price"])} for t in lines]


def gql_allocations(item: dict) -> list[dict]:
    return [{"allocatedAmountSet": bag(d["amount"])} for d in item["discounts"]]


def gql_line_item(item: dict) -> dict:
    original = Decimal(item["price"]) * item["quantity"]
    return {"id": gid("LineItem", item["id"]), "name": item["name"], "title": item["title"], "sku": item["sku"],
            "quantity": item["quantity"], "isGiftCard": item["gift_card"],
            "originalUnitPriceSet": bag(item["price"]), "originalTotalSet": bag(original),
            "discountedTotalSet": bag(original),  # no line-level discounts: codes are order-level
            "discountAllocations": gql_allocations(item), "taxLines": gql_tax_lines(item["tax_lines"])}


def gql_shipping_line(item: dict) -> dict:
    return {"id": gid("ShippingLine", item["id"]), "title": item["title"], "code": item["code"],
            "originalPriceSet": bag(item["price"]), "discountedPriceSet": bag(item_gross(item, "price", 1)),
            "discountAllocations": gql_allocations(item), "taxLines": gql_tax_lines(item["tax_lines"])}


def gql_address(address: dict) -> dict:
    return {"firstName": address["first_name"], "lastName": address["last_name"], "company": address["company"] or None,
            "address1": address["address1"], "address2": address["address2"] or None, "zip": address["zip"],
            "city": address["city"], "countryCodeV2": address["country_code"]}


def gql_customer(customer: dict | None, metafield: str | None) -> dict | None:
    if customer is None:
        return None
    node = {"id": gid("Customer", customer["id"]), "legacyResourceId": str(customer["id"]),
            "firstName": customer["first_name"], "lastName": customer["last_name"], "email": customer["email"]}
    if metafield is not None:
        value = customer["metafields"].get(metafield)
        node["vatNumber"] = {"value": value} if value else None
    return node


def connection(items: list[dict], first: int, after: str | None, render: Callable[[dict], dict]) -> dict:
    """A connection paged by position: the cursor is the index of the last item given."""
    start = int(after) + 1 if after and after.isdigit() else 0
    chunk = items[start:start + first]
    end = start + len(chunk) - 1
    return {"pageInfo": {"hasNextPage": start + first < len(items), "endCursor": str(end) if chunk else None},
            "nodes": [render(item) for item in chunk]}


def order_tax_lines(order: dict) -> list[dict]:
    per_rate: dict[str, Decimal] = {}
    for item in order["line_items"] + order["shipping_lines"]:
        for tax in item["tax_lines"]:
            per_rate[tax["rate"]] = per_rate.get(tax["rate"], ZERO) + Decimal(tax["price"])
    return gql_tax_lines([{"title": "NL BTW", "rate": rate, "price": fmt(price)}
                          for rate, price in sorted(per_rate.items(), reverse=True)])


def gql_transaction(transaction: dict) -> dict:
    return {"id": gid("OrderTransaction", transaction["id"]), "kind": transaction["kind"],
            "status": transaction["status"], "gateway": transaction["gateway"],
            "formattedGateway": GATEWAYS.get(transaction["gateway"], transaction["gateway"]),
            "processedAt": transaction["processed_at"], "amountSet": bag(transaction["amount"])}


def graphql_order(order: dict, line_items: int = 50, metafield: str | None = None) -> dict:
    """The order as the connector's KoppelingOrder query returns it."""
    sums = totals(order)
    return {
        "id": gid("Order", order["id"]), "legacyResourceId": str(order["id"]), "name": order["name"],
        "createdAt": order["created_at"], "processedAt": order["processed_at"], "updatedAt": order["updated_at"],
        "cancelledAt": order["cancelled_at"], "test": order["test"], "currencyCode": order["currency"],
        "taxesIncluded": order["taxes_included"], "displayFinancialStatus": order["financial_status"],
        "email": order["email"], "paymentGatewayNames": [order["gateway"]],
        "customAttributes": [{"key": a["name"], "value": a["value"]} for a in order["note_attributes"]],
        "customer": gql_customer(order["customer"], metafield),
        "billingAddress": gql_address(order["billing_address"]),
        "shippingAddress": gql_address(order["shipping_address"]),
        "totalPriceSet": bag(sums["total"]), "totalTaxSet": bag(sums["tax"]), "subtotalPriceSet": bag(sums["subtotal"]),
        "totalShippingPriceSet": bag(sums["shipping"]), "totalDiscountsSet": bag(sums["discounts"]),
        "currentTotalPriceSet": bag(sums["total"] - sums["refunded"]), "taxLines": order_tax_lines(order),
        "lineItems": connection(order["line_items"], line_items, None, gql_line_item),
        "shippingLines": {"nodes": [gql_shipping_line(s) for s in order["shipping_lines"]]},
        "transactions": [gql_transaction(t) for t in order["transactions"]],
        "refunds": [{"id": gid("Refund", r["id"]), "legacyResourceId": str(r["id"]), "createdAt": r["created_at"],
                     "totalRefundedSet": bag(r["amount"])} for r in order["refunds"]],
    }


def gql_refund_line(order: dict, line: dict) -> dict:
    item = next(i for i in order["line_items"] if i["id"] == line["line_item_id"])
    return {"quantity": line["quantity"], "priceSet": bag(item["price"]), "subtotalSet": bag(line["subtotal"]),
            "totalTaxSet": bag(line["total_tax"]),
            "lineItem": {"id": gid("LineItem", item["id"]), "name": item["name"], "title": item["title"],
                         "sku": item["sku"], "isGiftCard": item["gift_card"],
                         "taxLines": gql_tax_lines(item["tax_lines"])}}


def graphql_refund(order: dict, refund: dict, line_items: int = 50) -> dict:
    """The refund as the connector's KoppelingRefund query returns it."""
    shipping = {s["id"]: s for s in order["shipping_lines"]}
    return {
        "id": gid("Refund", refund["id"]), "legacyResourceId": str(refund["id"]), "createdAt": refund["created_at"],
        "note": refund["note"] or None, "totalRefundedSet": bag(refund["amount"]),
        "order": {"id": gid("Order", order["id"]), "legacyResourceId": str(order["id"])},
        "refundLineItems": connection(refund["line_items"], line_items, None,
                                      lambda line: gql_refund_line(order, line)),
        "refundShippingLines": {"nodes": [
            {"subtotalAmountSet": bag(s["subtotal"]), "taxAmountSet": bag(s["tax"]),
             "shippingLine": {"title": shipping[s["shipping_line_id"]]["title"],
                              "taxLines": gql_tax_lines(shipping[s["shipping_line_id"]]["tax_lines"])}}
            for s in refund["shipping"]]},
        "orderAdjustments": {"nodes": [{"reason": a["reason"], "amountSet": bag(a["amount"]),
                                        "taxAmountSet": bag(a["tax_amount"])} for a in refund["adjustments"]]},
        "transactions": {"nodes": [gql_transaction(t) for t in refund["transactions"]]},
    }


# --- REST shapes (webhook bodies) -----------------------------------------------------------------

def rest_money(amount) -> dict:
    money = {"amount": fmt(Decimal(amount)), "currency_code": "EUR"}
    return {"shop_money": money, "presentment_money": dict(money)}


def rest_tax_lines(lines: list[dict]) -> list[dict]:
    return [{"title": t["title"], "price": t["price"], "rate": float(t["rate"]), "channel_liable": False,
             "price_set": rest_money(t["price"])} for t in lines]


def rest_address(address: dict) -> dict:
    return {"first_name": address["first_name"], "last_name": address["last_name"],
            "company": address["company"] or None, "address1": address["address1"],
            "address2": address["address2"], "city": address["city"], "zip": address["zip"],
            "country_code": address["country_code"], "phone": address.get("phone") or None,
            "name": f"{address['first_name']} {address['last_name']}"}


def rest_line_item(item: dict) -> dict:
    discount = sum((Decimal(d["amount"]) for d in item["discounts"]), ZERO)
    return {"id": item["id"], "admin_graphql_api_id": gid("LineItem", item["id"]), "name": item["name"],
            "title": item["title"], "sku": item["sku"], "quantity": item["quantity"], "price": item["price"],
            "price_set": rest_money(item["price"]), "gift_card": item["gift_card"], "taxable": True,
            "product_id": item["product_id"], "total_discount": "0.00",
            "discount_allocations": [{"amount": d["amount"], "amount_set": rest_money(d["amount"]),
                                      "discount_application_index": 0} for d in item["discounts"]],
            "tax_lines": rest_tax_lines(item["tax_lines"]), "pre_tax_price": fmt(item_gross(item) - item_tax(item)),
            "total_discount_set": rest_money(discount)}


def rest_refund(order: dict, refund: dict) -> dict:
    items = {i["id"]: i for i in order["line_items"]}
    return {"id": refund["id"], "admin_graphql_api_id": gid("Refund", refund["id"]), "order_id": order["id"],
            "created_at": rest_stamp(refund["created_at"]), "processed_at": rest_stamp(refund["created_at"]),
            "note": refund["note"] or None, "restock": True,
            "refund_line_items": [{"id": line["id"], "line_item_id": line["line_item_id"], "quantity": line["quantity"],
                                   "subtotal": float(line["subtotal"]), "total_tax": float(line["total_tax"]),
                                   "subtotal_set": rest_money(line["subtotal"]),
                                   "total_tax_set": rest_money(line["total_tax"]),
                                   "line_item": rest_line_item(items[line["line_item_id"]])}
                                  for line in refund["line_items"]],
            "order_adjustments": [{"id": a["id"], "order_id": order["id"], "refund_id": refund["id"],
                                   "kind": "refund_discrepancy", "amount": a["amount"], "tax_amount": a["tax_amount"]}
                                  for a in refund["adjustments"]],
            "transactions": [{"id": t["id"], "order_id": order["id"], "kind": "refund", "gateway": t["gateway"],
                              "status": "success", "amount": t["amount"], "currency": "EUR"}
                             for t in refund["transactions"]]}


def rest_order(order: dict) -> dict:
    """The order as a webhook body (REST Admin shape, trimmed to the usual fields)."""
    sums = totals(order)
    customer = order["customer"]
    return {
        "id": order["id"], "admin_graphql_api_id": gid("Order", order["id"]), "name": order["name"],
        "number": order["number"] - 1000, "order_number": order["number"], "email": order["email"],
        "created_at": rest_stamp(order["created_at"]), "updated_at": rest_stamp(order["updated_at"]),
        "processed_at": rest_stamp(order["processed_at"]), "cancelled_at": rest_stamp(order["cancelled_at"]),
        "currency": order["currency"], "presentment_currency": order["currency"],
        "taxes_included": order["taxes_included"], "tax_exempt": order["tax_exempt"], "test": order["test"],
        "financial_status": order["financial_status"].lower(), "fulfillment_status": None, "token": order["token"],
        "total_price": fmt(sums["total"]), "subtotal_price": fmt(sums["subtotal"]), "total_tax": fmt(sums["tax"]),
        "total_discounts": fmt(sums["discounts"]), "total_price_set": rest_money(sums["total"]),
        "current_total_price": fmt(sums["total"] - sums["refunded"]),
        "payment_gateway_names": [order["gateway"]],
        "note_attributes": list(order["note_attributes"]),
        "discount_codes": [{"code": order["discount_code"], "type": DISCOUNT_CODES[order["discount_code"]][0],
                            "amount": fmt(sum((Decimal(d["amount"]) for i in order["line_items"]
                                               for d in i["discounts"]), ZERO))}]
        if order["discount_code"] else [],
        "tax_lines": [{"title": "NL BTW", "rate": t["rate"], "price": t["priceSet"]["shopMoney"]["amount"]}
                      for t in order_tax_lines(order)],
        "customer": None if customer is None else {"id": customer["id"], "email": customer["email"],
                                                   "first_name": customer["first_name"],
                                                   "last_name": customer["last_name"]},
        "billing_address": rest_address(order["billing_address"]),
        "shipping_address": rest_address(order["shipping_address"]),
        "line_items": [rest_line_item(item) for item in order["line_items"]],
        "shipping_lines": [{"id": s["id"], "title": s["title"], "code": s["code"], "price": s["price"],
                            "discounted_price": fmt(item_gross(s, "price", 1)), "price_set": rest_money(s["price"]),
                            "tax_lines": rest_tax_lines(s["tax_lines"]), "is_removed": False,
                            "discount_allocations": [{"amount": d["amount"]} for d in s["discounts"]]}
                           for s in order["shipping_lines"]],
        "refunds": [rest_refund(order, refund) for refund in order["refunds"]],
    }
