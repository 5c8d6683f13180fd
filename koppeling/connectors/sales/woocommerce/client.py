"""A small WooCommerce REST v3 client on top of the shared HttpClient.

It picks the authentication a real shop accepts (Basic over HTTPS, OAuth 1.0a over HTTP), pages
through collections and turns failed calls into ConnectorErrors with a Dutch message.
"""

from __future__ import annotations

import json
import ssl
import time
from collections.abc import Callable, Iterator

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError
from koppeling.connectors.sales.woocommerce.oauth1 import OAuth1Auth
from koppeling.lib.http import HttpClient, TransportError

API_PATH = "/wp-json/wc/v3/"
PER_PAGE = 100  # the WordPress REST maximum


def tls_verify(value) -> bool | ssl.SSLContext:
    """`verify_tls` from the config: true/false, or the path of a CA file (a self-signed shop)."""
    if value is None or value == "" or value is True:
        return True
    if value is False or str(value).lower() in ("0", "false", "no"):
        return False
    try:
        return ssl.create_default_context(cafile=str(value))
    except (OSError, ssl.SSLError) as exc:
        raise ConnectorError(_("Het certificaatbestand %(path)s voor de webshop is niet te lezen.") % {"path": value},
                             permanent=True, code="SALES_CONFIG") from exc


def auth_for(url: str, consumer_key: str, consumer_secret: str) -> httpx.Auth:
    # A shop only accepts Basic auth over HTTPS; over HTTP the secret must not travel, so we sign.
    if httpx.URL(url).scheme == "https":
        return httpx.BasicAuth(consumer_key, consumer_secret)
    return OAuth1Auth(consumer_key, consumer_secret, method="HMAC-SHA256")


def _error_code(response_body: str) -> str:
    try:
        data = json.loads(response_body)
    except ValueError:
        return ""
    return str(data.get("code") or "") if isinstance(data, dict) else ""


def object_missing(error: TransportError) -> bool:
    """A 404 about an object (WooCommerce's own error code), not about a missing API route."""
    return error.status == 404 and _error_code(error.body) not in ("", "rest_no_route")


def connector_error(error: TransportError) -> ConnectorError:
    """A Dutch, engine-readable error for a failed call."""
    fields = {"status": error.status, "body": error.body, "retry_after": error.retry_after}
    if error.status in (401, 403):
        return ConnectorError(_("WooCommerce weigert de API-sleutel. Controleer de consumer key en het "
                                "consumer secret (WooCommerce > Instellingen > Geavanceerd > REST API) "
                                "en of de sleutel leesrechten heeft."),
                              permanent=True, code="SALES_AUTH", **fields)
    if error.status == 404:
        return ConnectorError(_("Geen WooCommerce REST API gevonden op dit adres. Controleer de URL van "
                                "de webshop en zet in WordPress de permalinks op 'Berichtnaam' "
                                "(Instellingen > Permalinks): met standaard-permalinks werkt de API niet."),
                              permanent=True, code="SALES_NOT_FOUND", **fields)
    if error.status is None:
        return ConnectorError(_("De webshop is niet bereikbaar (%(reason)s). We proberen het later "
                                "opnieuw.") % {"reason": error.message},
                              permanent=error.permanent, code="SALES_UNREACHABLE", **fields)
    return ConnectorError(_("WooCommerce gaf een fout (HTTP %(status)s).") % {"status": error.status},
                          permanent=error.permanent, code="SALES_HTTP", **fields)


def json_body(response: httpx.Response):
    try:
        return response.json()
    except ValueError as exc:
        # WordPress answers with an HTML page when /wp-json is not routed (plain permalinks).
        raise connector_error(TransportError("no JSON", permanent=True, status=404,
                                             body=response.text[:4000])) from exc


class WooClient:
    def __init__(self, url: str, consumer_key: str, consumer_secret: str, *,
                 transport: httpx.BaseTransport | None = None, verify=True,
                 sleep: Callable[[float], None] = time.sleep):
        self.base_url = url.rstrip("/") + API_PATH
        self.http = HttpClient(self.base_url, auth=auth_for(url, consumer_key, consumer_secret),
                               transport=transport, verify=verify, sleep=sleep,
                               headers={"Accept": "application/json", "User-Agent": "Koppeling"})

    def close(self) -> None:
        self.http.close()

    def get(self, path: str, params: dict | None = None) -> httpx.Response:
        try:
            response = self.http.get(path, params=params or {})
        except TransportError as error:
            raise connector_error(error) from error
        if response.status_code >= 300:
            # Usually http -> https or a changed domain: the user must enter the new address.
            raise ConnectorError(_("De webshop stuurt door naar %(location)s. Vul dat adres in als URL.")
                                 % {"location": response.headers.get("Location", "?")},
                                 permanent=True, code="SALES_REDIRECT", status=response.status_code)
        return response

    def get_json(self, path: str, params: dict | None = None):
        return json_body(self.get(path, params))

    def get_optional(self, path: str, params: dict | None = None) -> dict | None:
        """The object at `path`, or None when the shop says it does not exist (a 404 with a
        WooCommerce error code, as opposed to a missing route)."""
        try:
            return self.get_json(path, params)
        except ConnectorError as error:
            if object_missing(error):
                return None
            raise

    def iter_pages(self, path: str, params: dict | None = None) -> Iterator[dict]:
        """Every item of a collection, page by page (X-WP-TotalPages, else the Link header)."""
        page = 1
        while True:
            response = self.get(path, {**(params or {}), "per_page": PER_PAGE, "page": page})
            items = json_body(response)
            if not isinstance(items, list):
                raise connector_error(TransportError("not a list", permanent=True, status=404,
                                                     body=response.text[:4000]))
            yield from items
            if not items or not has_next_page(response, page):
                return
            page += 1


def has_next_page(response: httpx.Response, page: int) -> bool:
    total_pages = response.headers.get("X-WP-TotalPages", "")
    if total_pages.strip().isdigit():
        return page < int(total_pages)
    return 'rel="next"' in response.headers.get("Link", "")
