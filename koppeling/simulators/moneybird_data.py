"""Seed data and records of the Moneybird simulator: validation, invoices, totals and payments,
as plain functions on the simulator's state (the HTTP side lives in moneybird.py).

The demo administration has fixed ids so that the demo seed and tests can refer to them. Record
shapes and field names follow the sample answers of the Moneybird API (fixtures of the connector).
Amounts are computed the way Moneybird does: per tax rate, rounded half up to cents.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation

from koppeling.lib.money import ZERO, cents

DEMO_TOKEN = "mb-demo-token"
DEMO_CLIENT_ID = "koppeling-demo"
DEMO_CLIENT_SECRET = "koppeling-demo-secret"
ADMINISTRATION_ID = "447389174528352207"
ADMINISTRATION_NAME = "Demo Webwinkel B.V."

# Ledger accounts: code -> (id, name, account_type).
LEDGER_ACCOUNTS = {
    "1100": ("447389174530449361", "Bank", "current_assets"),
    "1300": ("447389174531497938", "Debiteuren", "current_assets"),
    "1500": ("447389174532546515", "Af te dragen btw", "current_liabilities"),
    "1600": ("447389174533595092", "Crediteuren", "current_liabilities"),
    "4000": ("447389174534643669", "Inkoopwaarde van de omzet", "direct_costs"),
    "4500": ("447389174535692246", "Huisvestingskosten", "expenses"),
    "4600": ("447389174536740823", "Kantoorkosten", "expenses"),
    "8000": ("447389174537789400", "Omzet hoog tarief", "revenue"),
    "8010": ("447389174538837977", "Omzet laag tarief", "revenue"),
    "8020": ("447389174539886554", "Omzet 0% / verlegd", "revenue"),
    "8050": ("447389174540935131", "Verzendkosten", "revenue"),
    "8060": ("447389174541983708", "Overige opbrengsten", "revenue"),
    "8100": ("447389174543032285", "Omzet ICP (binnen de EU)", "revenue"),
    "8200": ("447389174544080862", "Omzet export (buiten de EU)", "revenue"),
}

# Tax rates: (id, name, percentage or None, tax_rate_type, active, tax report reference).
TAX_RATES = [
    ("447389174601752617", "21% btw", "21.0", "sales_invoice", True, "NL/1a"),
    ("447389174602801194", "9% btw", "9.0", "sales_invoice", True, "NL/1b"),
    ("447389174603849771", "0% btw", "0.0", "sales_invoice", True, "NL/1e"),
    ("447389174604898348", "Btw verlegd", "0.0", "sales_invoice", True, "NL/1e"),
    ("447389174605946925", "Buiten de EU", "0.0", "sales_invoice", True, "NL/3a"),
    ("447389174606995502", "Binnen de EU (ICP)", "0.0", "sales_invoice", True, "NL/3b"),
    ("447389174608044079", "Geen btw", None, "sales_invoice", True, None),
    ("447389174609092656", "6% btw (oud)", "6.0", "sales_invoice", False, "NL/1b"),
    ("447389174610141233", "21% btw", "21.0", "purchase_invoice", True, "NL/5b"),
    ("447389174611189810", "9% btw", "9.0", "purchase_invoice", True, "NL/5b"),
    ("447389174612238387", "0% btw", "0.0", "purchase_invoice", True, None),
    ("447389174613286964", "Btw verlegd", "0.0", "purchase_invoice", True, "NL/2a"),
]

# Financial accounts: (id, type, name, identifier, provider).
FINANCIAL_ACCOUNTS = [
    ("447389174701752617", "BankAccount", "Bank", "NL12INGB0001234567", None),
    ("447389174702801194", "PspAccount", "Mollie", "mollie", "Mollie"),
    ("447389174703849771", "PspAccount", "PayPal", "paypal", "PayPal"),
]

# The ids the demo seed maps VAT rates to: rate -> (ledger account id, tax rate id).
DEMO_VAT_MAPPING = {
    "21": (LEDGER_ACCOUNTS["8000"][0], TAX_RATES[0][0]),
    "9": (LEDGER_ACCOUNTS["8010"][0], TAX_RATES[1][0]),
    "0": (LEDGER_ACCOUNTS["8020"][0], TAX_RATES[2][0]),
}
DEMO_FINANCIAL_ACCOUNT_IDS = {name.lower(): id_ for id_, _type, name, _ident, _prov in FINANCIAL_ACCOUNTS}

SEED_CREATED_AT = "2024-01-02T09:00:00.000Z"


def timestamp(epoch: float) -> str:
    """Moneybird's timestamp style: ISO 8601, milliseconds, UTC with a Z."""
    return datetime.fromtimestamp(epoch, UTC).strftime("%Y-%m-%dT%H:%M:%S.") + \
        f"{int(epoch * 1000) % 1000:03d}Z"


def mb_amount(value: Decimal) -> str:
    """Amounts as Moneybird writes them: "59.0", "71.39", "-12.1" (no trailing zeros, one decimal)."""
    text = format(cents(value).normalize(), "f")
    return text if "." in text else f"{text}.0"


def _administration_record() -> dict:
    return {"id": ADMINISTRATION_ID, "name": ADMINISTRATION_NAME, "language": "nl", "currency": "EUR",
            "country": "NL", "time_zone": "Europe/Amsterdam"}


def _ledger_record(code: str, id_: str, name: str, account_type: str) -> dict:
    documents = ["financial_mutation", "general_journal_document"]
    if account_type == "revenue":
        documents = ["sales_invoice", "external_sales_invoice", *documents]
    return {"id": id_, "administration_id": ADMINISTRATION_ID, "name": name, "account_type": account_type,
            "account_id": code, "parent_id": None, "created_at": SEED_CREATED_AT,
            "updated_at": SEED_CREATED_AT, "allowed_document_types": documents, "financial_account_id": None}


def _tax_rate_record(row: tuple) -> dict:
    id_, name, percentage, kind, active, _report = row
    return {"id": id_, "administration_id": ADMINISTRATION_ID, "name": name, "percentage": percentage,
            "tax_rate_type": kind, "show_tax": percentage not in (None, "0.0"), "active": active,
            "country": None, "created_at": SEED_CREATED_AT, "updated_at": SEED_CREATED_AT}


def _financial_record(row: tuple) -> dict:
    id_, kind, name, identifier, provider = row
    return {"id": id_, "administration_id": ADMINISTRATION_ID, "type": kind, "name": name,
            "identifier": identifier, "currency": "EUR", "provider": provider, "active": True,
            "created_at": SEED_CREATED_AT, "updated_at": SEED_CREATED_AT}


def seed_administration() -> dict:
    """The demo administration with its chart of accounts, tax rates and financial accounts."""
    return {
        "administration": _administration_record(),
        "ledger_accounts": [_ledger_record(code, *row) for code, row in LEDGER_ACCOUNTS.items()],
        "tax_rates": [_tax_rate_record(row) for row in TAX_RATES],
        "tax_report_references": {row[0]: row[5] for row in TAX_RATES if row[5]},
        "financial_accounts": [_financial_record(row) for row in FINANCIAL_ACCOUNTS],
        "contacts": [], "external_sales_invoices": [], "sales_invoices": [], "payments": [],
        "invoice_sequence": 0, "draft_sequence": 0, "entry_sequence": 0,
    }


# --- parsing what a client sends ---------------------------------------------------------------
_AMOUNT = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:x)?\s*$")


def parse_amount(value) -> Decimal | None:
    """A detail's amount: "3", "3 x", "1,5" or a number."""
    match = _AMOUNT.match(str(value if value is not None else "1"))
    return Decimal(match.group(1).replace(",", ".")) if match else None


def parse_price(value) -> Decimal | None:
    try:
        return Decimal(str(value).strip()) if value not in (None, "") else None
    except InvalidOperation:
        return None


def parse_date(value) -> date | None:
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        return None


def parse_bool(value) -> bool:
    return value in (True, "true", "1", 1, "True")


# --- validation -------------------------------------------------------------------------------
def detail_errors(details, admin: dict) -> dict[str, list[str]]:
    """Validation errors of `details_attributes`, keyed by field as Moneybird answers them."""
    if not isinstance(details, list) or not details:
        return {"details": ["can't be blank"]}
    rates = {rate["id"]: rate for rate in admin["tax_rates"]}
    ledgers = {ledger["id"] for ledger in admin["ledger_accounts"]}
    errors: dict[str, list[str]] = {}
    for detail in details:
        rate = rates.get(str(detail.get("tax_rate_id") or ""))
        if rate is None or rate["tax_rate_type"] != "sales_invoice" or rate["active"] is False:
            errors.setdefault("tax_rate_id", []).append("is invalid")
        if detail.get("ledger_account_id") and str(detail["ledger_account_id"]) not in ledgers:
            errors.setdefault("ledger_account_id", []).append("is invalid")
        if parse_price(detail.get("price")) is None:
            errors.setdefault("price", []).append("is not a number")
        if parse_amount(detail.get("amount")) is None:
            errors.setdefault("amount", []).append("is invalid")
    return errors


# --- records ----------------------------------------------------------------------------------
def build_details(details: list[dict], admin: dict, incl: bool, new_id, now: str) -> list[dict]:
    rates = {rate["id"]: rate for rate in admin["tax_rates"]}
    out = []
    for row, detail in enumerate(details):
        amount = parse_amount(detail.get("amount"))
        price = parse_price(detail.get("price"))
        rate_id = str(detail["tax_rate_id"])
        line_total = cents(price * amount)
        percentage = Decimal(rates[rate_id]["percentage"] or "0")
        excl = cents(line_total * 100 / (100 + percentage)) if incl else line_total
        report = admin["tax_report_references"].get(rate_id)
        out.append({
            "id": new_id(), "administration_id": ADMINISTRATION_ID, "tax_rate_id": rate_id,
            "ledger_account_id": str(detail.get("ledger_account_id") or ""), "project_id": None,
            "product_id": None, "amount": f"{format(amount.normalize(), 'f')} x",
            "amount_decimal": mb_amount(amount) if amount == cents(amount) else str(amount),
            "description": str(detail.get("description") or ""), "price": mb_amount(price),
            "period": detail.get("period"), "row_order": row,
            "total_price_excl_tax_with_discount": mb_amount(excl),
            "total_price_excl_tax_with_discount_base": mb_amount(excl),
            "tax_report_reference": [report] if report else [], "mandatory_tax_text": None,
            "created_at": now, "updated_at": now,
            "_line_total": str(line_total),
        })
    return out


def compute_totals(details: list[dict], admin: dict, incl: bool) -> dict:
    """Totals as Moneybird computes them: VAT per tax rate over the summed lines, rounded half up."""
    rates = {rate["id"]: rate for rate in admin["tax_rates"]}
    per_rate: dict[str, Decimal] = {}
    for detail in details:
        per_rate[detail["tax_rate_id"]] = per_rate.get(detail["tax_rate_id"], ZERO) + \
            Decimal(detail["_line_total"])
    tax_totals, total_excl, total_tax = [], ZERO, ZERO
    for rate_id, amount in per_rate.items():
        percentage = Decimal(rates[rate_id]["percentage"] or "0")
        tax = cents(amount * percentage / (100 + percentage)) if incl else cents(amount * percentage / 100)
        taxable = amount - tax if incl else amount
        total_excl, total_tax = total_excl + taxable, total_tax + tax
        tax_totals.append({"tax_rate_id": rate_id, "taxable_amount": mb_amount(taxable),
                           "taxable_amount_base": mb_amount(taxable), "tax_amount": mb_amount(tax),
                           "tax_amount_base": mb_amount(tax)})
    total_incl = total_excl + total_tax
    return {"total_price_excl_tax": mb_amount(total_excl), "total_price_excl_tax_base": mb_amount(total_excl),
            "total_price_incl_tax": mb_amount(total_incl), "total_price_incl_tax_base": mb_amount(total_incl),
            "tax_totals": tax_totals}


CONTACT_FIELDS = ("company_name", "firstname", "lastname", "address1", "address2", "zipcode", "city",
                  "country", "phone", "customer_id", "tax_number", "chamber_of_commerce", "email")


def build_contact(data: dict, id_: str, now: str, epoch: float) -> dict:
    contact = {name: str(data.get(name) or "") for name in CONTACT_FIELDS}
    contact.update({
        "id": id_, "administration_id": ADMINISTRATION_ID, "delivery_method": "Email", "is_trusted": False,
        "max_transfer_amount": None, "attention": "", "email_ubl": True, "send_invoices_to_attention": "",
        "send_invoices_to_email": contact["email"], "send_estimates_to_attention": "",
        "send_estimates_to_email": contact["email"], "bank_account": "", "sepa_active": False,
        "sepa_iban": "", "sepa_iban_account_name": "", "sepa_bic": "", "sepa_mandate_id": "",
        "sepa_mandate_date": None, "sepa_sequence_type": "RCUR", "credit_card_number": "",
        "credit_card_reference": "", "credit_card_type": None, "tax_number_validated_at": None,
        "tax_number_valid": None, "invoice_workflow_id": None, "estimate_workflow_id": None,
        "si_identifier": "", "si_identifier_type": None, "created_at": now, "updated_at": now,
        "version": int(epoch), "sales_invoices_url": "", "notes": [], "custom_fields": [],
        "contact_people": [], "archived": False, "events": [{"action": "contact_created", "created_at": now}],
    })
    return contact


def public(record: dict) -> dict:
    """A record as the API shows it: without the simulator's own bookkeeping keys."""
    if isinstance(record, dict):
        return {k: public(v) for k, v in record.items() if not k.startswith("_")}
    if isinstance(record, list):
        return [public(v) for v in record]
    return record


# --- invoices and payments --------------------------------------------------------------------
def invoice_errors(body: dict, admin: dict, external: bool) -> dict[str, list[str]]:
    errors = detail_errors(body.get("details_attributes"), admin)
    if str(body.get("contact_id") or "") not in {c["id"] for c in admin["contacts"]}:
        errors["contact_id"] = ["is invalid" if body.get("contact_id") else "can't be blank"]
    if external and not body.get("reference"):
        errors["reference"] = ["can't be blank"]
    date_field = "date" if external else "invoice_date"
    # An external invoice needs its date; a sales invoice defaults to today.
    if (body.get(date_field) or external) and not parse_date(body.get(date_field)):
        errors[date_field] = ["is invalid" if body.get(date_field) else "can't be blank"]
    if body.get("due_date") and not parse_date(body["due_date"]):
        errors["due_date"] = ["is invalid"]
    return errors


def build_invoice(body: dict, admin: dict, external: bool, base: str, new_id, epoch: float) -> dict:
    """A new external (state open) or regular (state draft) sales invoice with Moneybird's totals."""
    now, incl = timestamp(epoch), parse_bool(body.get("prices_are_incl_tax"))
    day = parse_date(body.get("date" if external else "invoice_date")) or parse_date(now[:10])
    due = parse_date(body.get("due_date")) or day + timedelta(days=14)
    details = build_details(body["details_attributes"], admin, incl, new_id, now)
    contact = next(c for c in admin["contacts"] if c["id"] == str(body["contact_id"]))
    record = {"id": new_id(), "administration_id": admin["administration"]["id"],
              "contact_id": contact["id"], "contact": public(contact), "due_date": due.isoformat(),
              "reference": str(body.get("reference") or ""), "currency": body.get("currency") or "EUR",
              "paid_at": None, "created_at": now, "updated_at": now, "version": int(epoch),
              "details": details, "payments": [], "total_paid": "0.0", "prices_are_incl_tax": incl,
              "marked_dubious_on": None, "marked_uncollectible_on": None, "notes": [], "attachments": [],
              **compute_totals(details, admin, incl)}
    record["total_unpaid"] = record["total_unpaid_base"] = record["total_price_incl_tax"]
    if external:
        admin["entry_sequence"] += 1
        record.update({"date": day.isoformat(), "state": "open", "entry_number": admin["entry_sequence"],
                       "origin": "api", "source": body.get("source") or "",
                       "source_url": body.get("source_url") or "",
                       "events": [{"action": "external_sales_invoice_created", "created_at": now}]})
    else:
        admin["draft_sequence"] += 1
        record.update({"invoice_date": day.isoformat(), "draft_id": admin["draft_sequence"],
                       **_sales_invoice_fields(record, base, now)})
    return record


def _sales_invoice_fields(record: dict, base: str, now: str) -> dict:
    url = f"{base}/{record['administration_id']}/sales_invoices/{record['id']}"
    unset = ("invoice_id", "sent_at", "contact_person_id", "contact_person", "recurring_sales_invoice_id",
             "subscription_id", "workflow_id", "document_style_id", "identity_id", "public_view_code",
             "public_view_code_expires_at", "original_estimate_id", "original_sales_invoice_id",
             "next_reminder")
    return {**dict.fromkeys(unset), "state": "draft", "language": "nl", "discount": "0.0",
            "total_discount": "0.0", "payment_conditions": "", "payment_reference": "",
            "short_payment_reference": "", "paused": False, "reminder_count": 0, "url": url,
            "payment_url": f"{url}/pay_invoice", "custom_fields": [], "time_entries": [],
            "events": [{"action": "sales_invoice_created", "created_at": now}]}


def number_invoice(invoice: dict, admin: dict, epoch: float) -> None:
    """Sending a draft gives it the next invoice number and makes it open (booked)."""
    if invoice["state"] != "draft":
        return
    admin["invoice_sequence"] += 1
    sequence, now = admin["invoice_sequence"], timestamp(epoch)
    invoice.update({"invoice_id": f"{invoice['invoice_date'][:4]}-{sequence:04d}", "state": "open",
                    "sent_at": now[:10], "updated_at": now, "payment_reference": f"RF{sequence:020d}",
                    "short_payment_reference": f"RF{sequence:08d}"})
    invoice["events"].append({"action": "sales_invoice_send_manually", "created_at": now})


def payment_errors(body: dict, admin: dict, invoice: dict) -> dict[str, list[str]]:
    errors = {}
    if invoice["state"] == "draft":
        errors["invoice"] = ["must be sent before a payment can be registered"]
    if not parse_date(body.get("payment_date")):
        errors["payment_date"] = ["is invalid"]
    if parse_price(body.get("price")) in (None, ZERO):
        errors["price"] = ["is invalid"]
    accounts = {a["id"] for a in admin["financial_accounts"]}
    if body.get("financial_account_id") and str(body["financial_account_id"]) not in accounts:
        errors["financial_account_id"] = ["is invalid"]
    return errors


def register_payment(invoice: dict, body: dict, invoice_type: str, new_id, epoch: float) -> dict:
    price, now = parse_price(body["price"]), timestamp(epoch)
    payment = {"id": new_id(), "administration_id": invoice["administration_id"], "invoice_type": invoice_type,
               "invoice_id": invoice["id"],
               "financial_account_id": str(body.get("financial_account_id") or "") or None, "user_id": None,
               "payment_transaction_id": None, "transaction_identifier": body.get("transaction_identifier"),
               "price": mb_amount(price), "price_base": mb_amount(price), "payment_date": body["payment_date"],
               "credit_invoice_id": None, "financial_mutation_id": None, "ledger_account_id": None,
               "linked_payment_id": None, "manual_payment_action": body.get("manual_payment_action"),
               "created_at": now, "updated_at": now}
    invoice["payments"].append(payment)
    paid = sum((Decimal(p["price"]) for p in invoice["payments"]), ZERO)
    unpaid = Decimal(invoice["total_price_incl_tax"]) - paid
    invoice.update({"total_paid": mb_amount(paid), "total_unpaid": mb_amount(unpaid),
                    "total_unpaid_base": mb_amount(unpaid)})
    if unpaid == 0:
        invoice.update({"state": "paid", "paid_at": now})
    return payment
