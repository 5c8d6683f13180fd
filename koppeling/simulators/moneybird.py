"""A Moneybird API v2 stand-in: OAuth2 authorization code flow, Bearer auth, the per-token rate limit
(150 requests per 5 minutes, RateLimit-* headers, 429 with Retry-After), contacts, ledger accounts,
tax rates, financial accounts, external and regular sales invoices with payments.

Like the real API it does not make invoice references unique: preventing duplicates is the client's
job. The reference filter matches substrings (a pessimistic guess; the real filter is undocumented),
so clients must compare references exactly themselves.
"""

from __future__ import annotations

import base64
import html
import math
import secrets
import time
from collections.abc import Callable
from urllib.parse import unquote, urlencode

from koppeling.simulators import moneybird_data as data
from koppeling.simulators.base import Request, Response, Simulator, html_response, json_response, redirect

SCOPES = {"sales_invoices", "documents", "estimates", "bank", "time_entries", "settings"}
DELIVERY_METHODS = {"Email", "Simplerinvoicing", "Peppol", "Manual", "Post"}
CODE_LIFETIME = 600
ADM = r"/api/v2/(?P<adm>\d+)"
ApiHandler = Callable[[Request, dict], Response]


def _oauth_error(error: str, description: str, status: int = 400) -> Response:
    return json_response({"error": error, "error_description": description}, status)


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


class MoneybirdSimulator(Simulator):
    name = "moneybird"

    def __init__(self, state_file=None, seed=None, rate_limit: int = 150, rate_window: float = 300,
                 clock: Callable[[], float] = time.time, token_lifetime: float | None = None):
        self.rate_limit = rate_limit
        self.rate_window = rate_window
        self.clock = clock
        self.token_lifetime = token_lifetime
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

    def expire_token(self, token: str) -> None:
        """Make an access token expire now, as if its lifetime had passed."""
        with self.lock:
            self.state["tokens"][token]["expires_at"] = self.clock() - 1
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
        add = self.add_route
        add("GET", "/oauth/authorize", self.authorize_page)
        add("POST", "/oauth/authorize", self.authorize_decision)
        add("POST", "/oauth/token", self.token)
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

    # --- OAuth ----------------------------------------------------------------------------------
    def authorize_page(self, request: Request) -> Response:
        client = self.state["clients"].get(request.arg("client_id") or "")
        if not client or not request.arg("redirect_uri") or request.arg("response_type") != "code":
            return html_response("<h1>Ongeldig verzoek</h1><p>Onbekende client of redirect_uri.</p>", 400)
        hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(request.arg(k) or "")}">'
                         for k in ("client_id", "redirect_uri", "state", "scope", "response_type"))
        scopes = "".join(f"<li>{html.escape(s)}</li>" for s in (request.arg("scope") or "").split())
        return html_response(
            "<!doctype html><html lang=nl><head><meta charset=utf-8><title>Moneybird</title></head><body>"
            f"<h1>{html.escape(client['name'])} wil toegang tot je Moneybird-administratie</h1>"
            f"<ul>{scopes}</ul><form method=post action=/oauth/authorize>{hidden}"
            '<button name="decision" value="allow">Toestaan</button> '
            '<button name="decision" value="deny">Weigeren</button></form></body></html>')

    def authorize_decision(self, request: Request) -> Response:
        form = request.form()
        target, state = form.get("redirect_uri", ""), form.get("state", "")
        if form.get("client_id") not in self.state["clients"] or not target:
            return html_response("<h1>Ongeldig verzoek</h1>", 400)
        sep = "&" if "?" in target else "?"
        scope = form.get("scope") or "sales_invoices"
        if form.get("decision") != "allow":
            return redirect(target + sep + urlencode({"error": "access_denied", "state": state}))
        if not set(scope.split()) <= SCOPES:
            return redirect(target + sep + urlencode({"error": "invalid_scope", "state": state}))
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.state["codes"][code] = {"client_id": form["client_id"], "redirect_uri": target,
                                         "scope": scope, "expires_at": self.clock() + CODE_LIFETIME}
            self.save()
        return redirect(target + sep + urlencode({"code": code, "state": state}))

    def _client_from(self, request: Request, form: dict) -> str | None:
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        auth = request.headers.get("Authorization", "")
        if auth.lower().startswith("basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        client = self.state["clients"].get(client_id)
        return client_id if client and secrets.compare_digest(client["secret"], secret) else None

    def token(self, request: Request) -> Response:
        form = request.form()
        with self.lock:
            client_id = self._client_from(request, form)
            if not client_id:
                return _oauth_error("invalid_client", "Client authentication failed due to unknown client, "
                                    "no client authentication included, or unsupported authentication "
                                    "method.", 401)
            grant = form.get("grant_type")
            if grant == "authorization_code":
                return self._grant_code(form, client_id)
            if grant == "refresh_token":
                return self._grant_refresh(form, client_id)
            return _oauth_error("unsupported_grant_type",
                                "The authorization grant type is not supported by the authorization server.")

    def _grant_code(self, form: dict, client_id: str) -> Response:
        code = self.state["codes"].pop(form.get("code", ""), None)  # single use, even when refused
        if (not code or code["client_id"] != client_id or code["expires_at"] < self.clock()
                or code["redirect_uri"] != form.get("redirect_uri")):
            self.save()
            return _oauth_error("invalid_grant", "The provided authorization grant is invalid, expired, "
                                "revoked, does not match the redirection URI used in the authorization "
                                "request, or was issued to another client.")
        return self._issue(client_id, code["scope"])

    def _grant_refresh(self, form: dict, client_id: str) -> Response:
        old = self.state["refresh_tokens"].get(form.get("refresh_token", ""))
        if not old or old["client_id"] != client_id:
            return _oauth_error("invalid_grant", "The provided authorization grant is invalid, expired, "
                                "revoked, does not match the redirection URI used in the authorization "
                                "request, or was issued to another client.")
        # Rotation: the used refresh token and the access token it belonged to stop working.
        del self.state["refresh_tokens"][form["refresh_token"]]
        self.state["tokens"].pop(old["access_token"], None)
        return self._issue(client_id, old["scope"])

    def _issue(self, client_id: str, scope: str) -> Response:
        access, refresh, now = secrets.token_urlsafe(32), secrets.token_urlsafe(32), self.clock()
        expires_at = now + self.token_lifetime if self.token_lifetime else None
        self.state["tokens"][access] = {"kind": "oauth", "client_id": client_id, "scope": scope,
                                        "expires_at": expires_at, "refresh_token": refresh}
        self.state["refresh_tokens"][refresh] = {"client_id": client_id, "scope": scope,
                                                 "access_token": access}
        self.save()
        answer = {"access_token": access, "token_type": "bearer", "refresh_token": refresh, "scope": scope,
                  "created_at": int(now)}
        if self.token_lifetime:
            answer["expires_in"] = int(self.token_lifetime)
        return json_response(answer)

    # --- authentication and rate limit ----------------------------------------------------------
    def _authenticate(self, request: Request) -> str | Response:
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        record = self.state["tokens"].get(token) if token else None
        if record and (record["expires_at"] is None or record["expires_at"] > self.clock()):
            return token
        reason = "expired" if record else "invalid"
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
