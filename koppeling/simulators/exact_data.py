"""Seed data and records of the Exact Online simulator: a demo division with a Dutch chart of accounts,
VAT codes and journals, validation with Exact-style (Dutch) messages, and totals, as plain functions
on the simulator's state (the HTTP side lives in exact.py).

Ids are fixed (uuid5) so that the demo seed and tests can refer to them. Messages are illustrative:
Exact's real texts depend on the user's language and were not available verbatim.
"""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DEMO_CLIENT_ID = "koppeling-demo"
DEMO_CLIENT_SECRET = "koppeling-demo-secret"
DEMO_ACCESS_TOKEN = "exact-demo-access-token"  # never expires
DEMO_REFRESH_TOKEN = "exact-demo-refresh-token"  # may be used again and again (the demo's own chain)
DIVISION = "2750311"
DIVISION_NAME = "Demo Webwinkel B.V."
OTHER_DIVISION = "2750312"
OTHER_DIVISION_NAME = "Demo Holding B.V."
SALES_JOURNAL = "70"
_NS = uuid.UUID("6f0e1c3a-5b7d-4e59-9a53-2f7c1e0b8d41")

# GLAccounts: code -> (description, Type, BalanceType, IsBlocked).
GL_ACCOUNTS = {
    "1000": ("Kas", 10, "B", False),
    "1100": ("Bank", 12, "B", False),
    "1110": ("Tussenrekening Mollie", 16, "B", False),
    "1120": ("Tussenrekening PayPal", 16, "B", False),
    "1300": ("Debiteuren", 20, "B", False),
    "1500": ("Te betalen btw hoog", 24, "B", False),
    "1510": ("Te betalen btw laag", 24, "B", False),
    "1520": ("Te vorderen btw", 24, "B", False),
    "1600": ("Crediteuren", 22, "B", False),
    "4000": ("Inkoopwaarde van de omzet", 111, "W", False),
    "4500": ("Huisvestingskosten", 120, "W", False),
    "8000": ("Omzet hoog tarief", 110, "W", False),
    "8010": ("Omzet laag tarief", 110, "W", False),
    "8020": ("Omzet 0% / verlegd", 110, "W", False),
    "8050": ("Verzendkosten", 110, "W", False),
    "8100": ("Omzet ICP (binnen de EU)", 110, "W", False),
    "8200": ("Omzet export (buiten de EU)", 110, "W", False),
    "8900": ("Omzet oud (geblokkeerd)", 110, "W", True),
}

# VATCodes: (code, description, percentage as a fraction, Type, VATTransactionType, EUSalesListing, blocked).
# Type: B = 0 % (base only), E = excluding, I = including, N = no VAT.
VAT_CODES = [
    ("0", "0% btw (nultarief)", "0", "B", "S", "N", False),
    ("1", "9% btw laag, verkoop", "0.09", "E", "S", "N", False),
    ("2", "21% btw hoog, verkoop", "0.21", "E", "S", "N", False),
    ("3", "Btw verlegd", "0", "B", "S", "N", False),
    ("4", "Levering binnen de EU (ICP)", "0", "B", "S", "L", False),
    ("5", "Export buiten de EU", "0", "B", "S", "N", False),
    ("6", "9% btw laag, inkoop", "0.09", "E", "P", "N", False),
    ("7", "21% btw hoog, inkoop", "0.21", "E", "P", "N", False),
    ("8", "21% btw hoog, inclusief", "0.21", "I", "S", "N", False),
    ("9", "6% btw laag (oud)", "0.06", "E", "S", "N", True),
]

# Journals: code -> (description, Type, GL account code). Type 10 cash, 12 bank, 20 sales, 22 purchase, 90 general.
JOURNALS = {
    "10": ("Kas", 10, "1000"),
    "20": ("Bank", 12, "1100"),
    "21": ("Mollie", 12, "1110"),
    "22": ("PayPal", 12, "1120"),
    "60": ("Inkoopboek", 22, "1600"),
    "70": ("Verkoopboek", 20, "1300"),
    "71": ("Verkoopboek marktplaatsen", 20, "1300"),
    "90": ("Memoriaal", 90, ""),
}

SEED_EPOCH = 1704186000.0  # 2024-01-02 09:00 UTC


def guid(kind: str, *parts: str) -> str:
    return str(uuid.uuid5(_NS, ":".join((kind, *parts))))


def gl_id(code: str, division: str = DIVISION) -> str:
    return guid("gl", division, code)


# The ids the demo seed maps VAT rates to: rate -> (GLAccount ID, VAT code).
DEMO_VAT_MAPPING = {"21": (gl_id("8000"), "2"), "9": (gl_id("8010"), "1"), "0": (gl_id("8020"), "0")}


def odata_date(epoch: float) -> str:
    return f"/Date({int(epoch * 1000)})/"


def cents(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def number(value) -> Decimal | None:
    """An amount as a client sent it (JSON number or string)."""
    if value is None or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


def _division_record(code: str, name: str, hid: str) -> dict:
    return {"Code": int(code), "Description": name, "HID": hid, "Country": "NL", "Currency": "EUR",
            "Customer": guid("customer", code), "Status": 1, "Created": odata_date(SEED_EPOCH)}


def _gl_record(division: str, code: str, row: tuple) -> dict:
    description, kind, balance, blocked = row
    return {"ID": gl_id(code, division), "Code": code, "Description": description, "Type": kind,
            "BalanceType": balance, "IsBlocked": blocked, "Division": int(division),
            "VATCode": "2" if code == "8000" else None, "Created": odata_date(SEED_EPOCH)}


def _vat_record(division: str, row: tuple) -> dict:
    code, description, fraction, kind, transaction, listing, blocked = row
    return {"ID": guid("vat", division, code), "Code": code, "Description": description,
            "Percentage": fraction, "Type": kind, "VATTransactionType": transaction, "EUSalesListing": listing,
            "IsBlocked": blocked, "Charged": False, "Division": int(division),
            "GLToPay": gl_id("1510" if fraction == "0.09" else "1500", division)}


def _journal_record(division: str, code: str, row: tuple) -> dict:
    description, kind, gl_code = row
    return {"ID": guid("journal", division, code), "Code": code, "Description": description, "Type": kind,
            "GLAccount": gl_id(gl_code, division) if gl_code else None, "GLAccountCode": gl_code or None,
            "AllowVAT": kind == 20, "Currency": "EUR", "Division": int(division)}


def seed_division(code: str = DIVISION, name: str = DIVISION_NAME, hid: str = "1") -> dict:
    return {
        "division": _division_record(code, name, hid),
        "gl_accounts": [_gl_record(code, gl_code, row) for gl_code, row in GL_ACCOUNTS.items()],
        "vat_codes": [_vat_record(code, row) for row in VAT_CODES],
        "journals": [_journal_record(code, journal, row) for journal, row in JOURNALS.items()],
        "accounts": [], "items": [], "sales_entries": [], "sales_invoices": [],
        "sequences": {},
    }


def me_record(division: str = DIVISION) -> dict:
    return {"UserID": guid("user", "demo"), "UserName": "demo@koppeling.local", "FullName": "Demo Eigenaar",
            "Email": "demo@koppeling.local", "CurrentDivision": int(division), "LanguageCode": "nl-NL"}


# --- validation (the first problem, as Exact answers a single message) -------------------------
def _find(records: list[dict], field: str, value) -> dict | None:
    return next((r for r in records if str(r.get(field)).strip() == str(value).strip()), None)


def journal_error(division: dict, code) -> str:
    if not code:
        return "Dagboek: Verplicht"
    journal = _find(division["journals"], "Code", code)
    if journal is None or journal["Type"] != 20:
        return f"Dagboek {code} bestaat niet of is geen verkoopdagboek"
    return ""


def line_error(division: dict, line: dict, *, item_needed: bool = False) -> str:
    if not isinstance(line, dict):
        return "Regel: ongeldige waarde"
    if item_needed and not _find(division["items"], "ID", line.get("Item") or "-"):
        return "Artikel: Verplicht" if not line.get("Item") else f"Artikel bestaat niet: {line['Item']}"
    account = _find(division["gl_accounts"], "ID", line.get("GLAccount") or "-")
    if account is None:
        return "Grootboekrekening: Verplicht" if not line.get("GLAccount") else \
            f"Grootboekrekening bestaat niet: {line['GLAccount']}"
    if account["IsBlocked"]:
        return f"Grootboekrekening {account['Code']} is geblokkeerd"
    code = _find(division["vat_codes"], "Code", line.get("VATCode") or "-")
    if code is None:
        return f"Btw-code bestaat niet: {line.get('VATCode')}" if line.get("VATCode") else "Btw-code: Verplicht"
    if code["IsBlocked"] or code["VATTransactionType"] == "P":
        return f"Btw-code {code['Code']} mag niet worden gebruikt in een verkoopboeking"
    return ""


def entry_error(division: dict, body: dict) -> str:
    if not body.get("Customer"):
        return "Relatie: Verplicht"
    if _find(division["accounts"], "ID", body["Customer"]) is None:
        return f"Relatie bestaat niet: {body['Customer']}"
    problem = journal_error(division, body.get("Journal"))
    if problem:
        return problem
    if body.get("Type", 20) not in (20, 21):
        return f"Type: ongeldige waarde {body.get('Type')}"
    if parse_day(body.get("EntryDate")) is None:
        return "Boekdatum: Verplicht"
    lines = body.get("SalesEntryLines")
    if not isinstance(lines, list) or not lines:
        return "Boekingsregels: Verplicht"
    for line in lines:
        problem = line_error(division, line) or ("" if number(line.get("AmountFC")) is not None else
                                                  "Bedrag: Verplicht")
        if problem:
            return problem
    return ""


def parse_day(value) -> datetime | None:
    text = str(value or "")
    if text.startswith("/Date("):
        return datetime.fromtimestamp(int(text[6:].split(")")[0]) / 1000, UTC)
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).replace(tzinfo=UTC)
    except ValueError:
        return None


# --- records ----------------------------------------------------------------------------------
def vat_of(division: dict, line: dict, base: Decimal) -> Decimal:
    """The line's VAT: the client's VATAmountFC when given (it overrides Exact's), else computed."""
    given = number(line.get("VATAmountFC"))
    if given is not None:
        return cents(given)
    fraction = Decimal(_find(division["vat_codes"], "Code", line["VATCode"])["Percentage"])
    return cents(base * fraction)


def next_number(division: dict, journal: str, year: int) -> int:
    sequence = division["sequences"].get(journal, 0) + 1
    division["sequences"][journal] = sequence
    return int(f"{year % 100:02d}{journal}{sequence:04d}")


def entry_lines(division: dict, body: dict, entry_id: str) -> list[dict]:
    out = []
    for number_, line in enumerate(body["SalesEntryLines"], start=1):
        amount = cents(number(line["AmountFC"]))
        vat = vat_of(division, line, amount)
        code = _find(division["vat_codes"], "Code", line["VATCode"])
        out.append({"ID": guid("entryline", entry_id, str(number_)), "EntryID": entry_id, "LineNumber": number_,
                    "GLAccount": line["GLAccount"], "AmountFC": str(amount), "AmountDC": str(amount),
                    "VATAmountFC": str(vat), "VATAmountDC": str(vat), "VATBaseAmountFC": str(amount),
                    "VATCode": code["Code"], "VATPercentage": code["Percentage"],
                    "Description": str(line.get("Description") or ""), "Quantity": str(number(line.get("Quantity"))
                                                                                       or 1)})
    return out


def build_entry(division: dict, body: dict, entry_id: str, epoch: float) -> dict:
    day = parse_day(body["EntryDate"])
    lines = entry_lines(division, body, entry_id)
    net = sum((Decimal(line["AmountFC"]) for line in lines), Decimal("0.00"))
    vat = sum((Decimal(line["VATAmountFC"]) for line in lines), Decimal("0.00"))
    journal = _find(division["journals"], "Code", body["Journal"])
    customer = _find(division["accounts"], "ID", body["Customer"])
    entry_number = next_number(division, journal["Code"], day.year)
    kind = body.get("Type", 20)
    return {"EntryID": entry_id, "EntryNumber": entry_number, "InvoiceNumber": entry_number,
            "Journal": journal["Code"], "JournalDescription": journal["Description"],
            "Customer": customer["ID"], "CustomerName": customer["Name"],
            "EntryDate": odata_date(day.timestamp()), "ReportingYear": day.year, "ReportingPeriod": day.month,
            "YourRef": str(body.get("YourRef") or ""), "Description": str(body.get("Description") or ""),
            "Type": kind, "TypeDescription": "Verkoopcreditnota" if kind == 21 else "Verkoopfactuur",
            "Status": 20, "StatusDescription": "Open", "Currency": body.get("Currency") or "EUR",
            "AmountDC": str(net + vat), "AmountFC": str(net + vat), "VATAmountDC": str(vat),
            "VATAmountFC": str(vat), "Division": division["division"]["Code"], "Created": odata_date(epoch),
            "Modified": odata_date(epoch), "_lines": lines}


ACCOUNT_FIELDS = ("Name", "Email", "Country", "City", "Postcode", "AddressLine1", "AddressLine2", "VATNumber",
                  "Status", "IsSales", "ChamberOfCommerce", "SearchCode")


def account_error(division: dict, body: dict) -> str:
    code = str(body.get("Code") or "").strip()
    if not str(body.get("Name") or "").strip():
        return "Naam: Verplicht"
    if len(code) > 18:
        return "Code: maximaal 18 tekens"
    if code and _find(division["accounts"], "Code", code):
        return f"Code {code} bestaat al"
    return ""


def build_account(division: dict, body: dict, account_id: str, epoch: float) -> dict:
    code = str(body.get("Code") or len(division["accounts"]) + 1).strip()
    record = {name: body.get(name) for name in ACCOUNT_FIELDS}
    record.update({"ID": account_id, "Code": code.rjust(18), "Division": division["division"]["Code"],
                   "Status": body.get("Status") or "C", "IsSales": bool(body.get("IsSales", True)),
                   "Created": odata_date(epoch), "Modified": odata_date(epoch)})
    return record


# --- the invoicing module: items and (draft) sales invoices -----------------------------------
def item_error(division: dict, body: dict) -> str:
    code = str(body.get("Code") or "").strip()
    if not code:
        return "Code: Verplicht"
    if _find(division["items"], "Code", code):
        return f"Artikel {code} bestaat al"
    return ""


def build_item(body: dict, item_id: str, epoch: float) -> dict:
    return {"ID": item_id, "Code": str(body["Code"]).strip(), "Description": str(body.get("Description") or ""),
            "IsSalesItem": bool(body.get("IsSalesItem", True)), "Created": odata_date(epoch)}


def invoice_error(division: dict, body: dict) -> str:
    if not body.get("InvoiceTo"):
        return "Factuur aan: Verplicht"
    if _find(division["accounts"], "ID", body["InvoiceTo"]) is None:
        return f"Relatie bestaat niet: {body['InvoiceTo']}"
    problem = journal_error(division, body.get("Journal"))
    if problem:
        return problem
    lines = body.get("SalesInvoiceLines")
    if not isinstance(lines, list) or not lines:
        return "Factuurregels: Verplicht"
    for line in lines:
        problem = line_error(division, line, item_needed=True) or (
            "" if number(line.get("NetPrice", line.get("UnitPrice"))) is not None else "Prijs: Verplicht")
        if problem:
            return problem
    return ""


def build_invoice(division: dict, body: dict, invoice_id: str, epoch: float) -> dict:
    """A draft (status 10) invoice; the owner prints or sends it in Exact, which processes it."""
    day = parse_day(body.get("InvoiceDate")) or datetime.fromtimestamp(epoch, UTC)
    net = vat = Decimal("0.00")
    for line in body["SalesInvoiceLines"]:
        amount = cents(number(line.get("NetPrice", line.get("UnitPrice"))) * (number(line.get("Quantity")) or 1))
        net, vat = net + amount, vat + vat_of(division, line, amount)
    customer = _find(division["accounts"], "ID", body["InvoiceTo"])
    kind = body.get("Type", 8020)
    return {"InvoiceID": invoice_id, "InvoiceNumber": next_number(division, str(body["Journal"]), day.year),
            "Journal": str(body["Journal"]), "InvoiceTo": customer["ID"], "InvoiceToName": customer["Name"],
            "OrderedBy": body.get("OrderedBy") or customer["ID"], "InvoiceDate": odata_date(day.timestamp()),
            "YourRef": str(body.get("YourRef") or ""), "Description": str(body.get("Description") or ""),
            "Type": kind, "Status": 10, "StatusDescription": "Concept", "Currency": body.get("Currency") or "EUR",
            "AmountDC": str(net + vat), "AmountFC": str(net + vat), "VATAmountDC": str(vat),
            "VATAmountFC": str(vat), "Division": division["division"]["Code"], "Created": odata_date(epoch),
            "_lines": body["SalesInvoiceLines"]}


# --- OData queries: $filter (eq/ne joined by and/or, parentheses), $select --------------------
_TOKEN = re.compile(r"\s*(?:(?P<open>\()|(?P<close>\))|guid'(?P<guid>[^']*)'|'(?P<text>(?:[^']|'')*)'"
                    r"|(?P<number>-?\d+(?:\.\d+)?)\b|(?P<word>[A-Za-z_][A-Za-z0-9_/]*))")


class FilterError(ValueError):
    pass


def _tokens(text: str) -> list[tuple[str, str]]:
    out, position = [], 0
    text = text.strip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise FilterError(f"Ongeldige filter bij positie {position}")
        kind = match.lastgroup
        value = match.group(kind)
        out.append((kind, value.replace("''", "'") if kind == "text" else value))
        position = match.end()
    return out


def _literal(token: tuple[str, str]):
    kind, value = token
    if kind in ("text", "guid"):
        return value
    if kind == "number":
        return Decimal(value)
    if kind == "word" and value in ("true", "false"):
        return value == "true"
    if kind == "word" and value == "null":
        return None
    raise FilterError(f"Ongeldige waarde in filter: {value}")


def _same(left, right) -> bool:
    if isinstance(right, Decimal) and not isinstance(left, bool):
        return number(left) == right
    return left == right


class _Parser:
    def __init__(self, tokens: list[tuple[str, str]]):
        self.tokens, self.at = tokens, 0

    def peek(self) -> tuple[str, str] | None:
        return self.tokens[self.at] if self.at < len(self.tokens) else None

    def take(self) -> tuple[str, str]:
        token = self.peek()
        if token is None:
            raise FilterError("Onvolledige filter")
        self.at += 1
        return token

    def expression(self, joiner: str = "or"):
        part = self.expression("and") if joiner == "or" else self.factor()
        parts = [part]
        while self.peek() == ("word", joiner):
            self.take()
            parts.append(self.expression("and") if joiner == "or" else self.factor())
        if joiner == "or":
            return lambda record: any(p(record) for p in parts)
        return lambda record: all(p(record) for p in parts)

    def factor(self):
        if self.peek() == ("open", "("):
            self.take()
            inner = self.expression()
            if self.take()[0] != "close":
                raise FilterError("Haakje ontbreekt in filter")
            return inner
        kind, field = self.take()
        operator = self.take()
        if kind != "word" or operator not in (("word", "eq"), ("word", "ne")):
            raise FilterError(f"Niet ondersteund in filter: {field} {operator[1]}")
        value, negate = _literal(self.take()), operator[1] == "ne"
        return lambda record: _same(record.get(field), value) != negate


def compile_filter(text: str):
    """A predicate on records for Exact's $filter; raises FilterError on what we do not support."""
    if not (text or "").strip():
        return lambda record: True
    parser = _Parser(_tokens(text))
    predicate = parser.expression()
    if parser.peek() is not None:
        raise FilterError(f"Ongeldige filter bij '{parser.peek()[1]}'")
    return predicate


def select(record: dict, fields: str, known: set[str] | None) -> dict:
    """A record limited to $select (unknown fields are an error, as in Exact)."""
    wanted = [name.strip() for name in (fields or "").split(",") if name.strip()]
    unknown = [name for name in wanted if known is not None and name not in known]
    if unknown:
        raise FilterError(f"Veld '{unknown[0]}' bestaat niet")
    return {name: record.get(name) for name in wanted} if wanted else dict(record)
