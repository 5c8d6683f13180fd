"""An Exact Online REST API stand-in: OAuth2 with 10-minute access tokens and ROTATING refresh tokens
(a used refresh token is dead; using it again gives 400 invalid_grant), divisions, the demo division's
chart (GLAccounts, VATCodes, Journals), crm/Accounts, salesentry/SalesEntries, the invoicing module
(logistics/Items, salesinvoice/SalesInvoices), OData paging (`__next`, 60 per page), `$filter` and
`$select`, Exact-style error bodies, and the minute and day budgets with their X-RateLimit-* headers.

Like the real API it does not make YourRef unique: preventing duplicates is the client's job.
"""

from __future__ import annotations

import html
import json
import math
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from urllib.parse import urlencode

from koppeling.simulators import exact_data as data
from koppeling.simulators.base import Request, Response, Simulator, html_response, json_response
from koppeling.simulators.oauth_server import Issued, OAuthErrors, OAuthServer, OAuthSettings
from koppeling.simulators.oauth_server import oauth_error as _oauth_error  # noqa: F401 - tests import it here

DIV = r"/api/v1/(?P<division>\d+)"
GUID_KEY = r"\(guid'(?P<id>[0-9a-fA-F-]+)'\)"
# Collections: path -> (state key, primary key, fields a client may $select).
COLLECTIONS = {
    "financial/GLAccounts": ("gl_accounts", "ID"),
    "vat/VATCodes": ("vat_codes", "ID"),
    "financial/Journals": ("journals", "ID"),
    "crm/Accounts": ("accounts", "ID"),
    "logistics/Items": ("items", "ID"),
    "salesentry/SalesEntries": ("sales_entries", "EntryID"),
    "salesinvoice/SalesInvoices": ("sales_invoices", "InvoiceID"),
}
ApiHandler = Callable[[Request, dict], Response]
OAUTH = OAuthSettings(
    authorize_path="/api/oauth2/auth", token_path="/api/oauth2/token", product="Exact Online",
    consent="je Exact Online-administraties",
    errors=OAuthErrors(invalid_client="Client authentication failed.",
                       unsupported_grant="The grant type is not supported.",
                       invalid_code="The authorization code is invalid, expired or already used.",
                       invalid_refresh="The refresh token is invalid, expired or already used."))


def odata_error(message: str, status: int = 400, headers: dict | None = None) -> Response:
    return json_response({"error": {"code": "", "message": {"lang": "nl-NL", "value": message}}}, status, headers)


AMOUNT_FIELDS = {"AmountDC", "AmountFC", "VATAmountDC", "VATAmountFC", "VATBaseAmountFC", "Percentage",
                 "VATPercentage", "Quantity"}


def public(record):
    """A record as the API shows it: amounts as JSON numbers, without the simulator's own keys."""
    if isinstance(record, list):
        return [public(r) for r in record]
    return {k: _shown(k, v) for k, v in record.items() if not k.startswith("_")}


def _shown(key: str, value):
    # Amounts are kept as exact strings; Exact sends JSON numbers (two decimals survive float's repr).
    if key in AMOUNT_FIELDS and isinstance(value, str):
        return float(Decimal(value))
    return public(value) if isinstance(value, list | dict) else value


class ExactSimulator(OAuthServer, Simulator):
    name = "exact"
    oauth = OAUTH

    def __init__(self, state_file=None, seed=None, *, clock: Callable[[], float] = time.time,
                 token_lifetime: float = 600, minutely_limit: int = 60, daily_limit: int = 5000,
                 page_size: int = 60):
        self.clock, self.token_lifetime, self.page_size = clock, token_lifetime, page_size
        self.minutely_limit, self.daily_limit = minutely_limit, daily_limit
        self.windows: dict[str, dict] = {}  # per division: minute and day counters
        self.throttled = 0  # 429 answers given by the budgets (not by injected faults)
        self.api_log: list[str] = []  # "GET /api/v1/...?query" per authenticated API request
        super().__init__(state_file, seed)

    def initial_state(self) -> dict:
        return {
            "clients": {data.DEMO_CLIENT_ID: {"secret": data.DEMO_CLIENT_SECRET, "name": "Koppeling"}},
            "tokens": {data.DEMO_ACCESS_TOKEN: {"client_id": data.DEMO_CLIENT_ID, "expires_at": None}},
            "refresh_tokens": {data.DEMO_REFRESH_TOKEN: {"client_id": data.DEMO_CLIENT_ID, "sticky": True}},
            "codes": {}, "current_division": data.DIVISION,
            "divisions": {data.DIVISION: data.seed_division(),
                          data.OTHER_DIVISION: data.seed_division(data.OTHER_DIVISION, data.OTHER_DIVISION_NAME, "2")},
        }

    # --- helpers for tests and the demo ---------------------------------------------------------
    def add_personal_token(self, token: str) -> None:
        """An access token that never expires (no refresh token), for tests and the demo."""
        with self.lock:
            self.state["tokens"][token] = {"client_id": data.DEMO_CLIENT_ID, "expires_at": None}
            self.save()

    def issue_tokens(self, lifetime: float | None = None) -> dict:
        """A fresh OAuth pair as credentials ({"access_token", "refresh_token", "expires_at"})."""
        with self.lock:
            answer = self._issue(data.DEMO_CLIENT_ID, "", lifetime)
        return {"access_token": answer["access_token"], "refresh_token": answer["refresh_token"],
                "expires_at": int(self.clock() + float(answer["expires_in"]))}

    def entries(self, division: str | None = None) -> list[dict]:
        """Every sales entry, with its lines (amounts as Decimal-exact strings)."""
        with self.lock:
            return [{**{k: v for k, v in entry.items() if k != "_lines"}, "SalesEntryLines": entry["_lines"]}
                    for code, div in self.state["divisions"].items() if division in (None, code)
                    for entry in div["sales_entries"]]

    def invoices(self, division: str | None = None) -> list[dict]:
        with self.lock:
            return [{**{k: v for k, v in invoice.items() if k != "_lines"}, "SalesInvoiceLines": invoice["_lines"]}
                    for code, div in self.state["divisions"].items() if division in (None, code)
                    for invoice in div["sales_invoices"]]

    def accounts(self, division: str = data.DIVISION) -> list[dict]:
        with self.lock:
            return [dict(account) for account in self.state["divisions"][division]["accounts"]]

    def set_limits(self, minutely: int | None = None, daily: int | None = None) -> None:
        with self.lock:
            self.minutely_limit = self.minutely_limit if minutely is None else minutely
            self.daily_limit = self.daily_limit if daily is None else daily
            self.windows.clear()

    # --- routes ---------------------------------------------------------------------------------
    def routes(self) -> None:
        self.oauth_routes()
        add = self.add_route
        add("GET", r"/api/v1/current/Me", self._api(self.me, scoped=False))
        add("GET", DIV + r"/(?:system|hrm)/Divisions", self._api(self.divisions, scoped=False))
        for path, (key, primary) in COLLECTIONS.items():
            add("GET", DIV + "/" + path, self._api(self._lister(key)))
            add("GET", DIV + "/" + path + GUID_KEY, self._api(self._getter(key, primary)))
        add("POST", DIV + r"/crm/Accounts", self._api(self._creator("accounts", data.account_error,
                                                                    data.build_account)))
        add("POST", DIV + r"/logistics/Items", self._api(self._creator("items", data.item_error,
                                                                       lambda div, body, id_, now:
                                                                       data.build_item(body, id_, now))))
        add("POST", DIV + r"/salesentry/SalesEntries", self._api(self._creator("sales_entries", data.entry_error,
                                                                              data.build_entry)))
        add("POST", DIV + r"/salesinvoice/SalesInvoices", self._api(self._creator(
            "sales_invoices", data.invoice_error, data.build_invoice)))
        add("GET", r"/docs/(?P<page>SalesEntry|SalesInvoice)\.aspx", self.record_page)

    # --- OAuth tokens as Exact keeps and answers them -------------------------------------------
    def token_records(self, issued: Issued) -> tuple[dict, dict]:
        return {"client_id": issued.client_id, "expires_at": issued.expires_at}, {"client_id": issued.client_id}

    def token_answer(self, issued: Issued) -> dict:
        # Exact sends expires_in as a string.
        return {"access_token": issued.access, "token_type": "bearer", "expires_in": str(int(issued.lifetime)),
                "refresh_token": issued.refresh}

    # --- authentication and budgets -------------------------------------------------------------
    def _authenticate(self, request: Request) -> Response | None:
        _token, status = self.bearer(request)
        if status == "valid":
            return None
        return odata_error("Access token is expired" if status == "expired" else "Unauthorized", 401,
                           {"WWW-Authenticate": 'Bearer error="invalid_token"'})

    def _window(self, division: str) -> dict:
        now = self.clock()
        window = self.windows.setdefault(division, {})
        if now >= window.get("minute_reset", 0):
            window.update(minute_reset=math.floor(now / 60) * 60 + 60, minute_used=0)
        if now >= window.get("day_reset", 0):
            midnight = datetime.fromtimestamp(now, UTC).replace(hour=0, minute=0, second=0, microsecond=0)
            window.update(day_reset=(midnight + timedelta(days=1)).timestamp(), day_used=0)
        return window

    def _rate_headers(self, window: dict) -> dict[str, str]:
        return {"X-RateLimit-Limit": str(self.daily_limit),
                "X-RateLimit-Remaining": str(max(0, self.daily_limit - window["day_used"])),
                "X-RateLimit-Reset": str(int(window["day_reset"] * 1000)),
                "X-RateLimit-Minutely-Limit": str(self.minutely_limit),
                "X-RateLimit-Minutely-Remaining": str(max(0, self.minutely_limit - window["minute_used"])),
                "X-RateLimit-Minutely-Reset": str(int(window["minute_reset"] * 1000))}

    def _spend(self, division: str) -> tuple[bool, dict[str, str]]:
        window = self._window(division)
        if window["day_used"] >= self.daily_limit or window["minute_used"] >= self.minutely_limit:
            return False, self._rate_headers(window)
        window["day_used"] += 1
        window["minute_used"] += 1
        return True, self._rate_headers(window)

    def too_many_requests(self, seconds: float) -> Response:
        with self.lock:
            headers = self._rate_headers(self._window(self.state["current_division"]))
        headers.update({"X-RateLimit-Minutely-Remaining": "0",
                        "X-RateLimit-Minutely-Reset": str(int((self.clock() + seconds) * 1000))})
        return odata_error("API rate limit exceeded", 429, headers)

    def _api(self, handler, scoped: bool = True):
        def wrapped(request: Request) -> Response:
            with self.lock:
                refused = self._authenticate(request)
                if refused:
                    return refused
                allowed, headers = self._spend(request.params.get("division") or self.state["current_division"])
                if not allowed:
                    self.throttled += 1
                    return odata_error("API rate limit exceeded", 429, headers)
                query = urlencode({k: v[0] for k, v in request.query.items()})
                self.api_log.append(f"{request.method} {request.path}" + (f"?{query}" if query else ""))
                response = self._call(handler, request, scoped)
                if request.method != "GET":
                    self.save()
            response.headers.update(headers)
            return response
        return wrapped

    def _call(self, handler, request: Request, scoped: bool) -> Response:
        division = self.state["divisions"].get(request.params.get("division", ""))
        if scoped and division is None:
            return odata_error("Geen toegang tot deze administratie", 403)
        try:
            return handler(request, division) if scoped else handler(request)
        except data.FilterError as error:
            return odata_error(str(error), 400)

    # --- lists, records and creation ------------------------------------------------------------
    def _page(self, request: Request, records: list[dict]) -> Response:
        predicate = data.compile_filter(request.arg("$filter") or "")
        matching = [r for r in records if predicate(r)]
        known = set().union(*(r.keys() for r in records)) if records else None
        start = 0
        skiptoken = (request.arg("$skiptoken") or "").removeprefix("guid'").rstrip("'")
        if skiptoken:
            start = next((i + 1 for i, r in enumerate(matching) if _key(r) == skiptoken), len(matching))
        top = request.arg("$top")
        page = matching[start:start + min(int(top), self.page_size) if top else start + self.page_size]
        body = {"results": [public(data.select(r, request.arg("$select") or "", known)) for r in page]}
        if start + len(page) < len(matching) and not top:
            query = {**{k: v[0] for k, v in request.query.items()}, "$skiptoken": f"guid'{_key(page[-1])}'"}
            body["__next"] = f"{request.base_url}{request.path}?{urlencode(query)}"
        return json_response({"d": body})

    def _lister(self, key: str) -> ApiHandler:
        return lambda request, division: self._page(request, division[key])

    def _getter(self, key: str, primary: str) -> ApiHandler:
        def handler(request: Request, division: dict) -> Response:
            record = next((r for r in division[key] if r[primary] == request.params["id"]), None)
            return json_response({"d": public(record)}) if record else odata_error("Niet gevonden", 404)
        return handler

    def _creator(self, key: str, check, build) -> ApiHandler:
        def handler(request: Request, division: dict) -> Response:
            try:
                body = json.loads(request.body or b"null", parse_float=Decimal)
            except ValueError:
                return odata_error("Ongeldige JSON in het verzoek")
            if not isinstance(body, dict):
                return odata_error("Ongeldige aanvraag")
            problem = check(division, body)
            if problem:
                return odata_error(problem)
            record = build(division, body, data.guid(key, str(self.random.random())), self.clock())
            division[key].append(record)
            return json_response({"d": public(record)}, 201)
        return handler

    def me(self, request: Request) -> Response:
        return json_response({"d": {"results": [data.me_record(self.state["current_division"])]}})

    def divisions(self, request: Request) -> Response:
        return self._page(request, [d["division"] for d in self.state["divisions"].values()])

    # --- the web pages the connector links to, and admin routes -----------------------------------
    def record_page(self, request: Request) -> Response:
        key, primary = ("sales_entries", "EntryID") if request.params["page"] == "SalesEntry" else \
            ("sales_invoices", "InvoiceID")
        division = self.state["divisions"].get(request.arg("_Division_") or "", {})
        record = next((r for r in division.get(key, []) if r[primary] == request.arg(primary)), None)
        if not record:
            return html_response("<h1>Niet gevonden</h1>", 404)
        title = html.escape(str(record.get("EntryNumber") or record.get("InvoiceNumber")))
        return html_response(f"<!doctype html><html lang=nl><meta charset=utf-8><title>Boeking {title}</title>"
                             f"<h1>Boeking {title}</h1><p>Uw ref.: {html.escape(record['YourRef'])}</p>"
                             f"<p>Totaal: {record['AmountDC']} {record['Currency']}</p></html>")

    def _admin(self, request: Request) -> Response:
        if request.path == "/_sim/entries":
            return json_response({"entries": self.entries(request.arg("division")), "invoices": self.invoices()})
        if request.path == "/_sim/limits" and request.method == "POST":
            self.set_limits(**{k: v for k, v in (request.json() or {}).items() if k in ("minutely", "daily")})
            return json_response({"minutely": self.minutely_limit, "daily": self.daily_limit})
        if request.path == "/_sim/expire" and request.method == "POST":
            with self.lock:
                for record in self.state["tokens"].values():
                    if record["expires_at"] is not None:
                        record["expires_at"] = self.clock() - 1
            return json_response({"ok": True, "refreshes": self.refreshes})
        return super()._admin(request)


def _key(record: dict) -> str:
    return str(record.get("ID") or record.get("EntryID") or record.get("InvoiceID") or record.get("Code"))
