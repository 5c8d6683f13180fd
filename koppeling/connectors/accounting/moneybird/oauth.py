"""Moneybird's OAuth2 authorization-code flow: the Connect URL, the code exchange and token refresh.

Tokens never appear in log lines or exception messages: errors carry the OAuth error code only.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from urllib.parse import quote, urlencode

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import HttpClient, TransportError

SCOPE = "sales_invoices documents settings bank"


def authorize_url(api_url: str, client_id: str, redirect_uri: str, state: str) -> str:
    query = urlencode({"client_id": client_id, "redirect_uri": redirect_uri, "response_type": "code",
                       "state": state, "scope": SCOPE}, quote_via=quote)
    return f"{api_url.rstrip('/')}/oauth/authorize?{query}"


def credentials_from(answer: dict, now: float) -> dict:
    """The token answer as stored credentials; `expires_at` only when Moneybird gave a lifetime."""
    credentials = {"access_token": answer["access_token"]}
    if answer.get("refresh_token"):
        credentials["refresh_token"] = answer["refresh_token"]
    if answer.get("expires_in"):
        issued = float(answer.get("created_at") or now)
        credentials["expires_at"] = int(issued + float(answer["expires_in"]))
    return credentials


def _oauth_error_code(body: str) -> str:
    try:
        return str(json.loads(body).get("error") or "")
    except (ValueError, AttributeError):
        return ""


class TokenEndpoint:
    """POST {api_url}/oauth/token, form-encoded, with the app's client id and secret."""

    def __init__(self, api_url: str, client_id: str, client_secret: str, *,
                 transport: httpx.BaseTransport | None = None, timeout: float = 20.0,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time):
        self.http = HttpClient(api_url.rstrip("/"), transport=transport, timeout=timeout, sleep=sleep)
        self.client_id = client_id
        self.client_secret = client_secret
        self.clock = clock

    def exchange_code(self, code: str, redirect_uri: str) -> dict:
        return self._token({"grant_type": "authorization_code", "code": code, "redirect_uri": redirect_uri})

    def refresh(self, refresh_token: str) -> dict:
        return self._token({"grant_type": "refresh_token", "refresh_token": refresh_token})

    def _token(self, form: dict) -> dict:
        form = {**form, "client_id": self.client_id, "client_secret": self.client_secret}
        try:
            response = self.http.post("/oauth/token", data=form)
            answer = response.json()
        except TransportError as error:
            raise self._error(error) from None
        except ValueError:
            raise ConnectorError(_("Moneybird gaf een onleesbaar antwoord bij het koppelen."),
                                 permanent=False, code="ACCOUNTING_UNAVAILABLE") from None
        if not answer.get("access_token"):
            raise ConnectorError(_("Moneybird gaf geen toegangssleutel terug."), permanent=True,
                                 code="ACCOUNTING_AUTH")
        return credentials_from(answer, self.clock())

    def _error(self, error: TransportError) -> ConnectorError:
        if not error.permanent:
            return ConnectorError(_("Moneybird is tijdelijk niet bereikbaar. Probeer het zo opnieuw."),
                                  permanent=False, code="ACCOUNTING_UNAVAILABLE", status=error.status,
                                  retry_after=error.retry_after)
        # Only the OAuth error code is kept: the body of a token answer is never logged.
        oauth_code = _oauth_error_code(error.body)
        message = _("Moneybird weigert de toegang (%(reason)s). Koppel Moneybird opnieuw bij Configuratie.") \
            % {"reason": oauth_code or f"HTTP {error.status}"}
        return ConnectorError(message, permanent=True, code="ACCOUNTING_AUTH", status=error.status,
                              body=oauth_code)
