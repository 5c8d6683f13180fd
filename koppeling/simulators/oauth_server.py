"""The OAuth2 authorization server the accounting simulators share: a consent page, the decision that
redirects back with a single-use code, and a token endpoint for the authorization_code and
refresh_token grants, with rotating refresh tokens.

A simulator mixes in `OAuthServer` before `Simulator`, sets `oauth` (an `OAuthSettings`), calls
`oauth_routes()` from `routes()`, keeps `clients`, `codes`, `tokens` and `refresh_tokens` in its state,
has `clock` and `token_lifetime` attributes, and says how its tokens are stored and answered
(`token_records`, `token_answer`): those differ per vendor.
"""

from __future__ import annotations

import base64
import html
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlencode

from koppeling.simulators.base import Request, Response, html_response, json_response, redirect


@dataclass(frozen=True)
class OAuthErrors:
    """The vendor's wording of the token endpoint's refusals (error_description)."""

    invalid_client: str
    unsupported_grant: str
    invalid_code: str
    invalid_refresh: str


@dataclass(frozen=True)
class OAuthSettings:
    authorize_path: str
    token_path: str
    product: str  # the consent page's title
    consent: str  # what the client asks access to: "<client> wil toegang tot <consent>"
    errors: OAuthErrors
    scopes: frozenset[str] = frozenset()  # empty: the server ignores scopes altogether
    default_scope: str = ""  # granted when the consent form names none
    basic_auth: bool = False  # client credentials may also come in an HTTP Basic header
    rotate_refresh: bool = True  # a used refresh token is dead, unless its record is "sticky"
    revoke_on_refresh: bool = False  # a refresh also ends the access token issued with the old refresh token
    code_lifetime: float = 600


@dataclass(frozen=True)
class Issued:
    """A freshly issued token pair, for the simulator to store and answer in its vendor's shape."""

    client_id: str
    scope: str
    access: str
    refresh: str
    now: float
    lifetime: float | None  # None: the access token never expires

    @property
    def expires_at(self) -> float | None:
        return None if self.lifetime is None else self.now + self.lifetime


def oauth_error(error: str, description: str, status: int = 400) -> Response:
    return json_response({"error": error, "error_description": description}, status)


def consent_page(title: str, intro: str, action: str, fields: dict[str, str],
                 buttons: Iterable[tuple[str, str]] = (("allow", "Toestaan"), ("deny", "Weigeren"))) -> Response:
    """An authorize page: `intro` (HTML), then a form posting `fields` and a `decision` button."""
    hidden = "".join(f'<input type="hidden" name="{k}" value="{html.escape(v)}">' for k, v in fields.items())
    choices = " ".join(f'<button name="decision" value="{value}">{label}</button>' for value, label in buttons)
    return html_response(
        f"<!doctype html><html lang=nl><head><meta charset=utf-8><title>{title}</title></head><body>"
        f"{intro}<form method=post action={action}>{hidden}{choices}</form></body></html>")


def _with_query(target: str, **params: str) -> str:
    return target + ("&" if "?" in target else "?") + urlencode(params)


class OAuthServer:
    """Mixin for a `Simulator`: the authorize page, the consent decision and the token endpoint."""

    oauth: OAuthSettings
    refreshes = 0  # successful refresh_token grants

    def token_records(self, issued: Issued) -> tuple[dict, dict]:
        """(access token record, refresh token record) as the simulator keeps them in its state."""
        raise NotImplementedError

    def token_answer(self, issued: Issued) -> dict:
        """The token endpoint's JSON answer for a freshly issued pair."""
        raise NotImplementedError

    def oauth_routes(self) -> None:
        self.add_route("GET", self.oauth.authorize_path, self.authorize_page)
        self.add_route("POST", self.oauth.authorize_path, self.authorize_decision)
        self.add_route("POST", self.oauth.token_path, self.token)

    def expire_token(self, token: str) -> None:
        """Make an access token expire now, as if its lifetime had passed."""
        with self.lock:
            self.state["tokens"][token]["expires_at"] = self.clock() - 1
            self.save()

    def bearer(self, request: Request) -> tuple[str, str]:
        """(token, "valid" | "expired" | "invalid") for the request's Bearer header."""
        header = request.headers.get("Authorization", "")
        token = header[7:].strip() if header.lower().startswith("bearer ") else ""
        record = self.state["tokens"].get(token) if token else None
        if record and (record["expires_at"] is None or record["expires_at"] > self.clock()):
            return token, "valid"
        return token, "expired" if record else "invalid"

    # --- the consent page and decision -----------------------------------------------------------
    def authorize_page(self, request: Request) -> Response:
        client = self.state["clients"].get(request.arg("client_id") or "")
        if not client or not request.arg("redirect_uri") or request.arg("response_type") != "code":
            return html_response("<h1>Ongeldig verzoek</h1><p>Onbekende client of redirect_uri.</p>", 400)
        names = ("client_id", "redirect_uri", "state", "scope", "response_type") if self.oauth.scopes else \
            ("client_id", "redirect_uri", "state", "response_type")
        intro = f"<h1>{html.escape(client['name'])} wil toegang tot {self.oauth.consent}</h1>"
        if self.oauth.scopes:
            intro += "<ul>" + "".join(f"<li>{html.escape(s)}</li>" for s in (request.arg("scope") or "").split()) \
                + "</ul>"
        return consent_page(self.oauth.product, intro, self.oauth.authorize_path,
                            {name: request.arg(name) or "" for name in names})

    def authorize_decision(self, request: Request) -> Response:
        form = request.form()
        target, state = form.get("redirect_uri", ""), form.get("state", "")
        if form.get("client_id") not in self.state["clients"] or not target:
            return html_response("<h1>Ongeldig verzoek</h1>", 400)
        if form.get("decision") != "allow":
            return redirect(_with_query(target, error="access_denied", state=state))
        granted = {}  # the scope the code carries, when the server knows scopes
        if self.oauth.scopes:
            granted["scope"] = form.get("scope") or self.oauth.default_scope
            if not set(granted["scope"].split()) <= self.oauth.scopes:
                return redirect(_with_query(target, error="invalid_scope", state=state))
        code = secrets.token_urlsafe(24)
        with self.lock:
            self.state["codes"][code] = {"client_id": form["client_id"], "redirect_uri": target, **granted,
                                         "expires_at": self.clock() + self.oauth.code_lifetime}
            self.save()
        return redirect(_with_query(target, code=code, state=state))

    # --- the token endpoint ----------------------------------------------------------------------
    def token(self, request: Request) -> Response:
        form = request.form()
        with self.lock:
            client_id = self._authenticated_client(request, form)
            if not client_id:
                return oauth_error("invalid_client", self.oauth.errors.invalid_client, 401)
            form["client_id"] = client_id  # the grants trust this, wherever the credentials came from
            grant = form.get("grant_type")
            if grant == "authorization_code":
                return self._grant_code(form)
            if grant == "refresh_token":
                return self._grant_refresh(form)
            return oauth_error("unsupported_grant_type", self.oauth.errors.unsupported_grant)

    def _authenticated_client(self, request: Request, form: dict) -> str | None:
        client_id, secret = form.get("client_id", ""), form.get("client_secret", "")
        auth = request.headers.get("Authorization", "")
        if self.oauth.basic_auth and auth.lower().startswith("basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        client = self.state["clients"].get(client_id)
        return client_id if client and secrets.compare_digest(client["secret"], secret) else None

    def _grant_code(self, form: dict) -> Response:
        code = self.state["codes"].pop(form.get("code", ""), None)  # single use, even when refused
        if (not code or code["client_id"] != form["client_id"] or code["expires_at"] < self.clock()
                or code["redirect_uri"] != form.get("redirect_uri")):
            self.save()
            return oauth_error("invalid_grant", self.oauth.errors.invalid_code)
        return json_response(self._issue(form["client_id"], code.get("scope", "")))

    def _grant_refresh(self, form: dict) -> Response:
        presented = form.get("refresh_token", "")
        old = self.state["refresh_tokens"].get(presented)
        if not old or old["client_id"] != form["client_id"]:
            return oauth_error("invalid_grant", self.oauth.errors.invalid_refresh)
        if self.oauth.rotate_refresh and not old.get("sticky"):
            del self.state["refresh_tokens"][presented]  # rotation: one use only
        if self.oauth.revoke_on_refresh:
            self.state["tokens"].pop(old["access_token"], None)
        self.refreshes += 1
        return json_response(self._issue(form["client_id"], old.get("scope", "")))

    def _issue(self, client_id: str, scope: str, lifetime: float | None = None) -> dict:
        """Store a fresh pair (lifetime: the simulator's own unless given); the token endpoint's answer."""
        lifetime = self.token_lifetime if lifetime is None else lifetime
        issued = Issued(client_id, scope, secrets.token_urlsafe(32), secrets.token_urlsafe(32), self.clock(),
                        lifetime)
        self.state["tokens"][issued.access], self.state["refresh_tokens"][issued.refresh] = \
            self.token_records(issued)
        self.save()
        return self.token_answer(issued)
