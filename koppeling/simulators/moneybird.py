"""A Moneybird API v2 stand-in: OAuth2 authorization code flow, Bearer auth, the per-token rate limit
(150 requests per 5 minutes, RateLimit-* headers, 429 with Retry-After), contacts, ledger accounts,
tax rates, financial accounts, external and regular sales invoices with payments.

Like the real API it does not make invoice references unique: preventing duplicates is the client's
job. The reference filter matches substrings (a pessimistic guess; the real filter is undocumented),
so clients must compare references exactly themselves.
"""

from __future__ import annotations

import html
import math
import time
from collections.abc import Callable
from urllib.parse import unquote, urlencode

from koppeling.simulators import moneybird_data as data
from koppeling.simulators.base import Request, Response, Simulator, html_response, json_response
from koppeling.simulators.oauth_server import Issued, OAuthErrors, OAuthServer, OAuthSettings

SCOPES = {"sales_invoices", "documents", "estimates", "bank", "time_entries", "settings"}
DELIVERY_METHODS = {"Email", "Simplerinvoicing", "Peppol", "Manual", "Post"}
ADM = r"/api/v2/(?P<adm>\d+)"
ApiHandler = Callable[[Request, dict], Response]
INVALID_GRANT = ("The provided authorization grant is invalid, expired, revoked, does not match the redirection "
                 "URI used in the authorization request, or was issued to another client.")
OAUTH = OAuthSettings(
    authorize_path="/oauth/authorize", token_path="/oauth/token", product="Moneybird",
    consent="je Moneybird-administratie", scopes=frozenset(SCOPES), default_scope="sales_invoices",
    basic_auth=True, revoke_on_refresh=True,
    errors=OAuthErrors(invalid_client="Client authentication failed due to unknown client, no client "
                                      "authentication included, or unsupported authentication method.",
                       unsupported_grant="The authorization grant type is not supported by the authorization "
                                         "server.",
                       invalid_code=INVALID_GRANT, invalid_refresh=INVALID_GRANT))


def _not_found() -> Response:
    return json_response({"error": "record not found", "symbolic": {"record": "not_found"}}, 404)


def _invalid(errors: dict) -> Response:
    return json_response({"error": errors, "details": {}}, 422)


def _filters(request: Request) -> dict[str, str]:
    """`filter=reference:1001,state:open` -> {"reference": "1001", "state": "open"}."""
    out = {}
    for part in (request.arg("filter") or "").split(","):
        key, _, value = part.partition(":")
        if key.strip():
            out[key.strip()] = value.strip()
    return out


class MoneybirdSimulator(OAuthServer, Simulator):
    name = "moneybird"
    oauth = OAUTH

    def __init__(self, state_file=None, seed=None, rate_limit: int = 150, rate_window: float = 300,
                 clock: Callable[[], float] = time.time, token_lifetime: float | None = None):
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.clock = clock
        self.token_lifetime = token_lifetime or None  # None (or 0): access tokens never expire
        self.windows: dict[str, dict] = {}  # per token: {"reset": epoch, "used": n}
        self.throttled = 0  # 429 answers given by the rate limiter (not by injected faults)
        self.api_log: list[str] = []  # "GET /api/v2/...?query" per authenticated API request
        super().__init__(state_file, seed)

    def initial_state(self) -> dict:
        return {
            "next_id": 447389180000000000,
            "clients": {data.DEMO_CLIENT_ID: {"secret": data.DEMO_CLIENT_SECRET, "name": "Koppeling"}},
            "tokens": {data.DEMO_TOKEN: {"kind": "personal", "scope": " ".join(sorted(SCOPES)),
                                         "expires_at": None, "refresh_token": None}},
            "refresh_tokens": {}, "codes": {},
            "administrations": {data.ADMINISTRATION_ID: data.seed_administration()},
        }

    # --- helpers for tests and the demo ---------------------------------------------------------
    def add_personal_token(self, token: str) -> None:
        with self.lock:
            self.state["tokens"][token] = {"kind": "personal", "scope": " ".join(sorted(SCOPES)),
                                           "expires_at": None, "refresh_token": None}
            self.save()

    def invoices(self, administration_id: str | None = None) -> list[dict]:
        """Every external and regular sales invoice, with `invoice_type` added."""
        with self.lock:
            out = []
            for adm_id, admin in self.state["administrations"].items():
                if administration_id and adm_id != administration_id:
                    continue
                out += [{**data.public(i), "invoice_type": "ExternalSalesInvoice"}
                        for i in admin["external_sales_invoices"]]
                out += [{**data.public(i), "invoice_type": "SalesInvoice"} for i in admin["sales_invoices"]]
            return out

    def contacts(self, administration_id: str = data.ADMINISTRATION_ID) -> list[dict]:
        with self.lock:
            return data.public(self.state["administrations"][administration_id]["contacts"])

    def _new_id(self) -> str:
        self.state["next_id"] += 1048577
        return str(self.state["next_id"])

    def _now(self) -> str:
        return data.timestamp(self.clock())

    # --- routes ---------------------------------------------------------------------------------
    def routes(self) -> None:
        self.oauth_routes()
        add = self.add_route
        add("GET", r"/api/v2/administrations\.json", self._api(self.administrations, scoped=False))
        for name in ("ledger_accounts", "tax_rates", "financial_accounts"):
            add("GET", ADM + rf"/{name}\.json", self._api(self._lister(name)))
        add("GET", ADM + r"/contacts\.json", self._api(self._lister("contacts")))
        add("POST", ADM + r"/contacts\.json", self._api(self.create_contact))
        add("GET", ADM + r"/contacts/customer_id/(?P<cid>.+)\.json", self._api(self.contact_by_customer_id))
        add("GET", ADM + r"/contacts/(?P<id>\d+)\.json", self._api(self._getter("contacts")))
        for kind in ("external_sales_invoices", "sales_invoices"):
            add("GET", ADM + rf"/{kind}\.json", self._api(self._invoice_lister(kind)))
            add("POST", ADM + rf"/{kind}\.json", self._api(self._invoice_creator(kind)))
            add("GET", ADM + rf"/{kind}/(?P<id>\d+)\.json", self._api(self._getter(kind)))
            add("POST", ADM + rf"/{kind}/(?P<id>\d+)/payments\.json", self._api(self._payer(kind)))
        add("PATCH", ADM + r"/sales_invoices/(?P<id>\d+)/send_invoice\.json", self._api(self.send_invoice))
        add("GET", r"/(?P<adm>\d+)/(?P<kind>external_sales_invoices|sales_invoices)/(?P<id>\d+)",
            self.invoice_page)

    # --- OAuth tokens as Moneybird keeps and answers them ---------------------------------------
    def token_records(self, issued: Issued) -> tuple[dict, dict]:
        access = {"kind": "oauth", "client_id": issued.client_id, "scope": issued.scope,
                  "expires_at": issued.expires_at, "refresh_token": issued.refresh}
        return access, {"client_id": issued.client_id, "scope": issued.scope, "access_token": issued.access}

    def token_answer(self, issued: Issued) -> dict:
        answer = {"access_token": issued.access, "token_type": "bearer", "refresh_token": issued.refresh,
                  "scope": issued.scope, "created_at": int(issued.now)}
        if issued.lifetime:
            answer["expires_in"] = int(issued.lifetime)
        return answer

    # --- authentication and rate limit ----------------------------------------------------------
    def _authenticate(self, request: Request) -> str | Response:
        token, reason = self.bearer(request)
        if reason == "valid":
            return token
        return json_response({"error": f"Token is {reason}", "symbolic": {"token": reason}}, 401,
                             {"WWW-Authenticate": f'Bearer realm="Moneybird", error="invalid_token", '
                                                 f'error_description="The access token is {reason}"'})

    def _rate_headers(self, remaining: int, reset: float) -> dict[str, str]:
        return {"RateLimit-Limit": str(self.rate_limit), "RateLimit-Remaining": str(max(0, remaining)),
                "RateLimit-Reset": str(int(reset))}

    def _spend(self, token: str) -> tuple[bool, dict[str, str]]:
        """Count one request against the token's window; (allowed, headers for the answer)."""
        now = self.clock()
        window = self.windows.get(token)
        if window is None or now >= window["reset"]:
            window = self.windows[token] = {"reset": math.ceil(now + self.rate_window), "used": 0}
        if window["used"] >= self.rate_limit:
            headers = self._rate_headers(0, window["reset"])
            headers["Retry-After"] = str(max(1, math.ceil(window["reset"] - now)))
            return False, headers
        window["used"] += 1
        return True, self._rate_headers(self.rate_limit - window["used"], window["reset"])

    def too_many_requests(self, seconds: float) -> Response:
        headers = self._rate_headers(0, math.ceil(self.clock() + seconds))
        headers["Retry-After"] = str(int(seconds))
        return json_response({"error": "Too many requests", "symbolic": {"limit": "exceeded"}}, 429, headers)

    def _api(self, handler, scoped: bool = True):
        def wrapped(request: Request) -> Response:
            with self.lock:
                token = self._authenticate(request)
                if isinstance(token, Response):
                    return token
                allowed, headers = self._spend(token)
                if not allowed:
                    self.throttled += 1
                    return json_response({"error": "Too many requests", "symbolic": {"limit": "exceeded"}},
                                         429, headers)
                query = urlencode({k: v[0] for k, v in request.query.items()})
                self.api_log.append(f"{request.method} {request.path}" + (f"?{query}" if query else ""))
                response = self._call(handler, request, scoped)
                if request.method != "GET":
                    self.save()
            response.headers.update(headers)
            return response
        return wrapped

    def _call(self, handler, request: Request, scoped: bool) -> Response:
        if not scoped:
            return handler(request)
        admin = self.state["administrations"].get(request.params["adm"])
        return handler(request, admin) if admin else _not_found()

    # --- lists and records ----------------------------------------------------------------------
    def _page(self, request: Request, items: list[dict]) -> Response:
        try:
            page = max(1, int(request.arg("page") or 1))
            per_page = min(100, max(1, int(request.arg("per_page") or 50)))
        except ValueError:
            return json_response({"error": "page and per_page must be numbers"}, 400)
        links = []
        if page * per_page < len(items):
            links.append(f'<{self._page_url(request, page + 1)}>; rel="next"')
        if page > 1:
            links.append(f'<{self._page_url(request, page - 1)}>; rel="prev"')
        headers = {"Link": ", ".join(links)} if links else {}
        return json_response(data.public(items[(page - 1) * per_page:page * per_page]), 200, headers)

    def _page_url(self, request: Request, page: int) -> str:
        query = {**{k: v[0] for k, v in request.query.items()}, "page": str(page)}
        return f"{request.base_url}{request.path}?{urlencode(query)}"

    def administrations(self, request: Request) -> Response:
        return json_response([a["administration"] for a in self.state["administrations"].values()])

    def _lister(self, name: str) -> ApiHandler:
        def handler(request: Request, admin: dict) -> Response:
            items = admin[name]
            rate_type = _filters(request).get("tax_rate_type")
            if name == "tax_rates" and rate_type:
                items = [i for i in items if i["tax_rate_type"] == rate_type]
            return self._page(request, items)
        return handler

    def _getter(self, name: str) -> ApiHandler:
        def handler(request: Request, admin: dict) -> Response:
            record = next((r for r in admin[name] if r["id"] == request.params["id"]), None)
            return json_response(data.public(record)) if record else _not_found()
        return handler

    def contact_by_customer_id(self, request: Request, admin: dict) -> Response:
        wanted = unquote(request.params["cid"])
        contact = next((c for c in admin["contacts"] if c["customer_id"] == wanted), None)
        return json_response(data.public(contact)) if contact else _not_found()

    def create_contact(self, request: Request, admin: dict) -> Response:
        body = (request.json() or {}).get("contact")
        if not isinstance(body, dict):
            return json_response({"error": "Parameter contact is required"}, 400)
        if not (body.get("company_name") or body.get("firstname") or body.get("lastname")):
            return _invalid({"company_name": ["Company name or first name and last name must be present"]})
        customer_id = str(body.get("customer_id") or "")
        if customer_id and any(c["customer_id"] == customer_id for c in admin["contacts"]):
            return _invalid({"customer_id": ["has already been taken"]})
        if not customer_id:
            body = {**body, "customer_id": str(len(admin["contacts"]) + 1)}
        contact = data.build_contact(body, self._new_id(), self._now(), self.clock())
        admin["contacts"].append(contact)
        return json_response(data.public(contact), 201)

    # --- invoices -------------------------------------------------------------------------------
    def _invoice_lister(self, kind: str) -> ApiHandler:
        def handler(request: Request, admin: dict) -> Response:
            filters, items = _filters(request), admin[kind]
            if "reference" in filters:
                wanted = filters["reference"].lower()
                items = [i for i in items if wanted in (i.get("reference") or "").lower()]
            if filters.get("state") not in (None, "", "all"):
                items = [i for i in items if i["state"] in filters["state"].split("|")]
            return self._page(request, items)
        return handler

    def _invoice_creator(self, kind: str) -> ApiHandler:
        wrapper = kind[:-1]

        def handler(request: Request, admin: dict) -> Response:
            body = (request.json() or {}).get(wrapper)
            if not isinstance(body, dict):
                return json_response({"error": f"Parameter {wrapper} is required"}, 400)
            errors = data.invoice_errors(body, admin, external=kind == "external_sales_invoices")
            if errors:
                return _invalid(errors)
            record = data.build_invoice(body, admin, kind == "external_sales_invoices", request.base_url,
                                        self._new_id, self.clock())
            admin[kind].append(record)
            return json_response(data.public(record), 201)
        return handler

    def send_invoice(self, request: Request, admin: dict) -> Response:
        invoice = next((i for i in admin["sales_invoices"] if i["id"] == request.params["id"]), None)
        if not invoice:
            return _not_found()
        sending = (request.json() or {}).get("sales_invoice_sending") or {}
        method = sending.get("delivery_method", "Email")
        if method not in DELIVERY_METHODS:
            return _invalid({"delivery_method": ["is not included in the list"]})
        data.number_invoice(invoice, admin, self.clock())
        return json_response(data.public(invoice))

    def _payer(self, kind: str) -> ApiHandler:
        def handler(request: Request, admin: dict) -> Response:
            invoice = next((i for i in admin[kind] if i["id"] == request.params["id"]), None)
            if not invoice:
                return _not_found()
            body = (request.json() or {}).get("payment")
            if not isinstance(body, dict):
                return json_response({"error": "Parameter payment is required"}, 400)
            errors = data.payment_errors(body, admin, invoice)
            if errors:
                return _invalid(errors)
            invoice_type = "ExternalSalesInvoice" if kind == "external_sales_invoices" else "SalesInvoice"
            payment = data.register_payment(invoice, body, invoice_type, self._new_id, self.clock())
            return json_response(data.public(payment), 201)
        return handler

    # --- the web view the connector links to ----------------------------------------------------
    def invoice_page(self, request: Request) -> Response:
        admin = self.state["administrations"].get(request.params["adm"])
        kind = request.params["kind"]
        invoice = next((i for i in (admin or {}).get(kind, []) if i["id"] == request.params["id"]), None)
        if not invoice:
            return html_response("<h1>Niet gevonden</h1>", 404)
        rows = "".join(f"<tr><td>{html.escape(d['amount'])}</td><td>{html.escape(d['description'])}</td>"
                       f"<td>{d['price']}</td></tr>" for d in invoice["details"])
        title = invoice.get("invoice_id") or invoice["reference"] or invoice["id"]
        return html_response(
            f"<!doctype html><html lang=nl><meta charset=utf-8><title>Factuur {html.escape(title)}</title>"
            f"<h1>Factuur {html.escape(title)}</h1><p>Status: {invoice['state']}</p><table>{rows}</table>"
            f"<p>Totaal incl. btw: {invoice['total_price_incl_tax']} {invoice['currency']}</p></html>")
