"""Moneybird's OAuth2 authorization-code flow: the Connect URL, the code exchange and token refresh.

Tokens never appear in log lines or exception messages: errors carry the OAuth error code only.
"""

from __future__ import annotations

from koppeling.connectors import oauth2

SCOPE = "sales_invoices documents settings bank"


def authorize_url(api_url: str, client_id: str, redirect_uri: str, state: str) -> str:
    return oauth2.authorize_url(api_url, "/oauth/authorize", client_id=client_id, redirect_uri=redirect_uri,
                                response_type="code", state=state, scope=SCOPE)


def credentials_from(answer: dict, now: float) -> dict:
    """The token answer as stored credentials; `expires_at` only when Moneybird gave a lifetime."""
    credentials = {"access_token": answer["access_token"]}
    if answer.get("refresh_token"):
        credentials["refresh_token"] = answer["refresh_token"]
    if answer.get("expires_in"):
        issued = float(answer.get("created_at") or now)
        credentials["expires_at"] = int(issued + float(answer["expires_in"]))
    return credentials


class TokenEndpoint(oauth2.TokenEndpoint):
    """POST {api_url}/oauth/token."""

    path = "/oauth/token"
    system = "Moneybird"

    def credentials_from(self, answer: dict, now: float) -> dict:
        return credentials_from(answer, now)
