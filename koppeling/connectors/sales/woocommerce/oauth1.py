"""OAuth 1.0a one-legged request signing (RFC 5849), as WooCommerce demands over plain HTTP.

Over HTTP a shop refuses Basic auth, because the secret would travel in the clear. Instead every
request carries oauth_* query parameters and an HMAC signature over the method, the URL and all
query parameters, keyed with the consumer secret followed by "&" (there is no token secret).
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
import time
from collections.abc import Callable, Generator, Iterable
from urllib.parse import quote

import httpx

ALGORITHMS = {"HMAC-SHA1": hashlib.sha1, "HMAC-SHA256": hashlib.sha256}
DEFAULT_PORTS = {"http": 80, "https": 443}


def percent_encode(value: str) -> str:
    """RFC 5849 section 3.6: UTF-8, then every byte outside the unreserved set as %XX."""
    return quote(str(value).encode("utf-8"), safe="-._~")


def base_string_uri(url: httpx.URL) -> str:
    """RFC 5849 section 3.4.1.2: lower-case scheme and host, no default port, no query."""
    scheme = url.scheme.lower()
    host = url.host.lower()
    if url.port and url.port != DEFAULT_PORTS.get(scheme):
        host = f"{host}:{url.port}"
    return f"{scheme}://{host}{url.raw_path.split(b'?')[0].decode('ascii') or '/'}"


def normalized_parameters(params: Iterable[tuple[str, str]]) -> str:
    """RFC 5849 section 3.4.1.3.2: encode names and values, sort by name then value, join."""
    encoded = sorted((percent_encode(k), percent_encode(v)) for k, v in params)
    return "&".join(f"{k}={v}" for k, v in encoded)


def signature_base_string(method: str, url: httpx.URL, params: Iterable[tuple[str, str]]) -> str:
    """RFC 5849 section 3.4.1.1: METHOD & encoded URI & encoded normalized parameters."""
    return "&".join((method.upper(), percent_encode(base_string_uri(url)),
                     percent_encode(normalized_parameters(params))))


def sign(base_string: str, consumer_secret: str, method: str = "HMAC-SHA256") -> str:
    """The base64 HMAC of the base string; the key is the encoded secret plus "&" (no token)."""
    key = f"{percent_encode(consumer_secret)}&".encode()
    digest = hmac.new(key, base_string.encode("utf-8"), ALGORITHMS[method]).digest()
    return base64.b64encode(digest).decode("ascii")


def new_nonce() -> str:
    return secrets.token_hex(16)  # 32 characters, as WooCommerce recommends


class OAuth1Auth(httpx.Auth):
    """Signs every request anew (fresh nonce and timestamp), so that a retried request is not
    refused as a replay."""

    def __init__(self, consumer_key: str, consumer_secret: str, *, method: str = "HMAC-SHA256",
                 clock: Callable[[], float] = time.time, nonce: Callable[[], str] = new_nonce):
        if method not in ALGORITHMS:
            raise ValueError(f"unsupported signature method {method}")
        self.consumer_key = consumer_key
        self.consumer_secret = consumer_secret
        self.method = method
        self.clock = clock
        self.nonce = nonce

    def oauth_parameters(self) -> list[tuple[str, str]]:
        # oauth_version is optional in RFC 5849 and WooCommerce asks to leave it out.
        return [("oauth_consumer_key", self.consumer_key), ("oauth_nonce", self.nonce()),
                ("oauth_signature_method", self.method), ("oauth_timestamp", str(int(self.clock())))]

    def signed_url(self, method: str, url: httpx.URL) -> httpx.URL:
        params = list(url.params.multi_items()) + self.oauth_parameters()
        signature = sign(signature_base_string(method, url, params), self.consumer_secret, self.method)
        return url.copy_with(params=httpx.QueryParams(params + [("oauth_signature", signature)]))

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.url = self.signed_url(request.method, request.url)
        yield request
