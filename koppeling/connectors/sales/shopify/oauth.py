"""Shopify's OAuth authorization-code flow: the install URL, the callback check and the code exchange.

The callback Shopify redirects to carries `code`, `shop`, `state`, `timestamp`, `host` and `hmac`:
the hex HMAC-SHA256, keyed with the app's client secret, of all other query parameters sorted and
joined as "k=v&k=v". Tokens never appear in log lines or exception messages.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable, Mapping
from urllib.parse import quote, urlencode, urlsplit

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError
from koppeling.lib.http import HttpClient, TransportError

SCOPES = ("read_orders", "read_all_orders", "read_customers")
REQUIRED_SCOPE = "read_orders"
SHOP_HOST = re.compile(r"^[a-z0-9][a-z0-9-]*\.myshopify\.com$")


def authorize_url(shop_url: str, client_id: str, redirect_uri: str, state: str) -> str:
    # No grant_options[]=per-user: we want an offline token that keeps working without a user session.
    query = urlencode({"client_id": client_id, "scope": ",".join(SCOPES), "redirect_uri": redirect_uri,
                       "state": state}, quote_via=quote)
    return f"{shop_url}/admin/oauth/authorize?{query}"


def callback_hmac(params: Mapping[str, str], secret: str) -> str:
    message = "&".join(f"{key}={params[key]}" for key in sorted(params) if key not in ("hmac", "signature"))
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def callback_is_genuine(params: Mapping[str, str], secret: str, shop_url: str) -> bool:
    """The callback's hmac is Shopify's, and its `shop` is the shop we sent the owner to."""
    given = str(params.get("hmac") or "")
    if not given or not secret or not hmac.compare_digest(callback_hmac(params, secret), given.lower()):
        return False
    host = urlsplit(shop_url).netloc.lower()
    shop = str(params.get("shop") or "").lower()
    # A real shop must be a *.myshopify.com host; the local simulator runs on a loopback address.
    return not SHOP_HOST.match(host) or shop == host


class TokenEndpoint:
    """POST {shop}/admin/oauth/access_token with the app's client id and secret and the code."""

    def __init__(self, shop_url: str, client_id: str, client_secret: str, *,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep):
        self.http = HttpClient(shop_url, transport=transport, sleep=sleep, headers={"Accept": "application/json"})
        self.client_id, self.client_secret = client_id, client_secret

    def exchange_code(self, code: str) -> dict:
        form = {"client_id": self.client_id, "client_secret": self.client_secret, "code": code}
        try:
            answer = self.http.post("/admin/oauth/access_token", json=form).json()
        except TransportError as error:
            raise self._error(error) from None
        except ValueError:
            raise ConnectorError(_("Shopify gaf een onleesbaar antwoord bij het koppelen."), permanent=False,
                                 code="SALES_UNREACHABLE") from None
        if not isinstance(answer, dict) or not answer.get("access_token"):
            raise ConnectorError(_("Shopify gaf geen toegangstoken terug."), permanent=True, code="SALES_AUTH")
        granted = {scope.strip() for scope in str(answer.get("scope") or "").split(",")}
        if REQUIRED_SCOPE not in granted and "write_orders" not in granted:
            raise ConnectorError(_("De Shopify-app kreeg geen leestoegang tot bestellingen (read_orders). Koppel "
                                   "opnieuw en sta de toegang toe."), permanent=True, code="SALES_AUTH")
        return {"access_token": answer["access_token"], "scope": ",".join(sorted(granted - {""}))}

    def _error(self, error: TransportError) -> ConnectorError:
        if not error.permanent:
            return ConnectorError(_("Shopify is tijdelijk niet bereikbaar. Probeer het zo opnieuw."),
                                  permanent=False, code="SALES_UNREACHABLE", status=error.status,
                                  retry_after=error.retry_after)
        reason = _oauth_error(error.body) or f"HTTP {error.status}"
        return ConnectorError(_("Shopify weigert de koppeling (%(reason)s). Probeer opnieuw te verbinden.")
                              % {"reason": reason}, permanent=True, code="SALES_AUTH", status=error.status,
                              body=reason)


def _oauth_error(body: str) -> str:
    # Only the error code is kept: the body of a token answer is never logged.
    try:
        data = json.loads(body)
    except (TypeError, ValueError):
        return ""
    return str(data.get("error") or "")[:80] if isinstance(data, dict) else ""
