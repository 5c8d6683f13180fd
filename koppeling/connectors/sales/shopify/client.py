"""A small Shopify Admin GraphQL client on top of the shared HttpClient.

It honours the cost bucket (see throttle.py): it waits before a query the bucket cannot cover, waits
and retries a THROTTLED answer, and gives up with a transient ConnectorError (with retry_after)
when the wait would be long. Failed calls become ConnectorErrors with a Dutch message.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from urllib.parse import urlsplit

import httpx
from django.utils.translation import gettext as _

from koppeling.connectors.base import ConnectorError
from koppeling.connectors.sales.shopify.graphql import Operation
from koppeling.connectors.sales.shopify.throttle import bucket_for, cost_of, is_throttled, throttled_wait
from koppeling.lib.http import MAX_INLINE_WAIT, HttpClient, TransportError

THROTTLE_TRIES = 4


def normalize_shop_url(value: str) -> str:
    """"mijnwinkel", "mijnwinkel.myshopify.com" or a full URL -> "https://mijnwinkel.myshopify.com".

    Only scheme and host are kept (people paste admin URLs); a test or demo shop may be plain http."""
    value = str(value or "").strip()
    if not value:
        return ""
    if "://" not in value:
        value = f"https://{value}" if "." in value or ":" in value else f"https://{value}.myshopify.com"
    parts = urlsplit(value)
    return f"{parts.scheme}://{parts.netloc}".lower()


def _error_text(body: str) -> str:
    try:
        errors = json.loads(body).get("errors")
    except (ValueError, AttributeError):
        return ""
    if isinstance(errors, list):
        return "; ".join(str(e.get("message", e)) if isinstance(e, dict) else str(e) for e in errors)
    return str(errors or "")


def connector_error(error: TransportError) -> ConnectorError:
    """A Dutch, engine-readable error for a failed HTTP call."""
    fields = {"status": error.status, "body": error.body, "retry_after": error.retry_after}
    if error.status == 401:
        return ConnectorError(_("Shopify weigert het toegangstoken. Koppel de winkel opnieuw of plak een nieuw "
                                "Admin API-toegangstoken."), permanent=True, code="SALES_AUTH", **fields)
    if error.status == 403:
        return ConnectorError(_("De Shopify-app mist toegang tot bestellingen (read_orders). Geef de app die "
                                "toegang en koppel opnieuw."), permanent=True, code="SALES_AUTH", **fields)
    if error.status == 402:
        return ConnectorError(_("De Shopify-winkel is bevroren omdat een betaling aan Shopify openstaat."),
                              permanent=True, code="SALES_SHOP_FROZEN", **fields)
    if error.status in (404, 423):
        return ConnectorError(_("Geen bereikbare Shopify-winkel op dit adres. Vul het adres in dat eindigt op "
                                ".myshopify.com."), permanent=True, code="SALES_NOT_FOUND", **fields)
    if error.status is None:
        return ConnectorError(_("Shopify is niet bereikbaar (%(reason)s). We proberen het later opnieuw.")
                              % {"reason": error.message}, permanent=error.permanent,
                              code="SALES_UNREACHABLE", **fields)
    return ConnectorError(_("Shopify gaf een fout (HTTP %(status)s).") % {"status": error.status},
                          permanent=error.permanent, code="SALES_HTTP", **fields)


def graphql_error(errors) -> ConnectorError:
    """A GraphQL answer with top-level errors (other than THROTTLED)."""
    items = errors if isinstance(errors, list) else [{"message": str(errors)}]
    codes = {str((e.get("extensions") or {}).get("code") or "") for e in items if isinstance(e, dict)}
    text = _error_text(json.dumps({"errors": items}))[:500]
    if "ACCESS_DENIED" in codes:
        return ConnectorError(_("De Shopify-app mist een toegangsrecht: %(detail)s") % {"detail": text},
                              permanent=True, code="SALES_AUTH", detail=text, status=403)
    transient = bool(codes & {"INTERNAL_SERVER_ERROR", "SERVICE_UNAVAILABLE", "TIMEOUT"})
    return ConnectorError(_("Shopify weigerde de vraag: %(detail)s") % {"detail": text}, permanent=not transient,
                          code="SALES_QUERY", detail=text)


class ShopifyClient:
    def __init__(self, shop_url: str, access_token: str, api_version: str, *,
                 transport: httpx.BaseTransport | None = None, sleep: Callable[[float], None] = time.sleep,
                 clock: Callable[[], float] = time.monotonic):
        self.shop_url = normalize_shop_url(shop_url)
        self.path = f"/admin/api/{api_version}/graphql.json"
        self.http = HttpClient(self.shop_url, transport=transport, sleep=sleep,
                               headers={"X-Shopify-Access-Token": access_token, "Accept": "application/json",
                                        "User-Agent": "Koppeling"})
        self.sleep, self.clock = sleep, clock
        self.bucket = bucket_for(urlsplit(self.shop_url).netloc)

    def close(self) -> None:
        self.http.close()

    def query(self, operation: Operation, variables: dict | None = None, *, mutation: bool = False) -> dict:
        """The `data` of one GraphQL operation, after waiting for the bucket as needed."""
        cost = self.bucket.costs.get(operation.name, operation.cost)
        for _attempt in range(THROTTLE_TRIES):
            self._pause(self.bucket.wait_for(cost, self.clock()))
            answer = self._post(operation, variables or {}, mutation)
            self._learn(operation, answer)
            if is_throttled(answer):
                self._pause(throttled_wait(answer, self.bucket, cost))
                continue
            if answer.get("errors"):
                raise graphql_error(answer["errors"])
            data = answer.get("data")
            if not isinstance(data, dict):
                raise graphql_error([{"message": "no data in the answer"}])
            return data
        raise self._throttled(throttled_wait({}, self.bucket, cost))

    def pages(self, operation: Operation, variables: dict, path: str, first: int) -> Iterator[dict]:
        """Every node of the connection at `path` (e.g. "orders"), page by page on endCursor."""
        after = None
        while True:
            data = self.query(operation, {**variables, "first": first, "after": after})
            connection = data.get(path) or {}
            yield from connection.get("nodes") or []
            page_info = connection.get("pageInfo") or {}
            if not page_info.get("hasNextPage") or not page_info.get("endCursor"):
                return
            after = page_info["endCursor"]

    # --- helpers -----------------------------------------------------------------------------------
    def _post(self, operation: Operation, variables: dict, mutation: bool) -> dict:
        payload = {"query": operation.text, "variables": variables, "operationName": operation.name}
        try:
            response = self.http.post(self.path, json=payload, idempotent=not mutation)
        except TransportError as error:
            answer = _json_or_none(error.body) if error.status == 429 else None
            if answer is not None and is_throttled(answer):
                return answer  # some answers say THROTTLED with HTTP 429: handled like a 200
            raise connector_error(error) from error
        if response.status_code >= 300:
            raise ConnectorError(_("Shopify stuurt door naar %(location)s. Vul het .myshopify.com-adres van de "
                                   "winkel in.") % {"location": response.headers.get("Location", "?")},
                                 permanent=True, code="SALES_REDIRECT", status=response.status_code)
        answer = _json_or_none(response.text)
        if answer is None:
            raise connector_error(TransportError("no JSON", permanent=True, status=404, body=response.text[:4000]))
        return answer

    def _learn(self, operation: Operation, answer: dict) -> None:
        cost = cost_of(answer)
        if cost.get("requestedQueryCost"):
            self.bucket.costs[operation.name] = float(cost["requestedQueryCost"])
        if cost.get("throttleStatus"):
            self.bucket.note(cost["throttleStatus"], self.clock())

    def _pause(self, seconds: float) -> None:
        if seconds > MAX_INLINE_WAIT:
            raise self._throttled(seconds)
        if seconds > 0:
            self.sleep(seconds)

    @staticmethod
    def _throttled(seconds: float) -> ConnectorError:
        wait = seconds if seconds != float("inf") else 60.0
        return ConnectorError(_("Shopify vraagt ons even te wachten (limiet van de API bereikt). We gaan over "
                                "%(seconds)d seconden verder.") % {"seconds": max(1, round(wait))},
                              permanent=False, code="SALES_THROTTLED", status=429, retry_after=wait)


def _json_or_none(text: str) -> dict | None:
    try:
        answer = json.loads(text)
    except (TypeError, ValueError):
        return None
    return answer if isinstance(answer, dict) else None
