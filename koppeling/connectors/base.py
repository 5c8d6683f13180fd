"""The connector contract.

A connector talks to one external system and knows nothing of scheduling, storage or retries:
the engine (koppeling.sync) owns cursors, locking, history and retry decisions. A sales source
turns the shop's data into canonical sales; an accounting target books `BookingDocument`s.

Every connector is built from its koppeling's plain config and decrypted credentials, plus an
optional httpx transport (the test seam). When a connector refreshes a token it calls
`save_credentials(new)`, which the engine persists encrypted. Connectors whose refresh tokens
rotate (one use each) refresh under `credential_store.lock()`, so that several workers never
spend the same refresh token: see CredentialStore.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Protocol

import httpx

from koppeling.lib.http import TransportError
from koppeling.sync.canonical import Customer, Sale


class ConnectorError(TransportError):
    """A failure the engine can act on. Permanent ones become Fouten with `code`; transient ones
    are retried (after `retry_after` seconds when the server said so)."""

    def __init__(self, message: str, *, permanent: bool, code: str = "", status: int | None = None,
                 body: str = "", retry_after: float | None = None, detail: str = "", pause: bool = False):
        super().__init__(message, permanent=permanent, status=status, body=body, retry_after=retry_after)
        self.code = code
        # The external system's own words (e.g. Moneybird's validation text), for the Dutch refusal.
        self.detail = detail
        # The whole koppeling must wait `retry_after` seconds (e.g. a daily API budget is spent):
        # the engine pauses it with `message` (Dutch) shown on Home, and no sale counts an attempt.
        self.pause = pause

    @classmethod
    def from_transport(cls, error: TransportError, code: str = "") -> ConnectorError:
        return cls(error.message, permanent=error.permanent, code=code, status=error.status,
                   body=error.body, retry_after=error.retry_after)


@dataclass
class ConfigField:
    """One field of a connector's setup form (the `spec` verb)."""

    name: str
    label: str  # Dutch, lazily translated
    secret: bool = False
    help: str = ""
    required: bool = True
    default: str = ""


@dataclass
class Option:
    """A choice discovered in the external system: a status, ledger account, tax rate..."""

    id: str
    label: str
    percentage: Decimal | None = None  # tax rates only
    extra: dict = field(default_factory=dict)


@dataclass
class CheckResult:
    ok: bool
    message: str = ""


@dataclass
class SalesDiscovery:
    statuses: list[Option]
    payment_methods: list[Option]
    default_statuses: list[str] = field(default_factory=list)


@dataclass
class ChoiceField:
    """A system-specific choice for Configuratie (e.g. Exact's sales journal), stored in the
    koppeling's accounting_config[name]."""

    name: str
    label: str  # Dutch
    options: list[Option]
    help: str = ""


@dataclass
class AccountingDiscovery:
    ledger_accounts: list[Option]
    tax_rates: list[Option]
    financial_accounts: list[Option]
    choices: list[ChoiceField] = field(default_factory=list)


@dataclass
class WebhookResult:
    """What a webhook delivery means. `accepted`: its signature is valid (or it is an unsigned ping
    that carries no sale). `source_ids`: the sales to read again from the shop now."""

    accepted: bool
    source_ids: list[str] = field(default_factory=list)
    message: str = ""  # why it was refused, for the log (never echo secrets)


class CredentialStore(Protocol):
    """The engine's side of a koppeling's credentials, shared by every worker on every machine."""

    def load(self) -> dict:
        """The credentials as stored now (another worker may have refreshed them)."""

    def save(self, credentials: dict) -> None:
        """Store at once, encrypted, in its own transaction."""

    def lock(self, seconds: float = 60) -> AbstractContextManager[bool]:
        """`with store.lock() as ours:` only one worker at a time; False when another holds it."""


@dataclass
class BookingLine:
    description: str
    quantity: Decimal
    net: Decimal
    tax: Decimal
    vat_rate: Decimal  # 0 for lines without VAT (exempt, gift card, rounding)
    ledger_account_id: str
    tax_rate_id: str
    category: str = ""  # VAT category code (koppeling.vat.categories), e.g. "NL_21", "ICP"
    box: str = ""  # VAT-return box: "1a", "3b", "OSS", "" ...

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax


@dataclass
class Payment:
    date: date
    amount: Decimal
    financial_account_id: str
    method: str = ""


@dataclass
class BookingDocument:
    """What the engine asks an accounting target to book: an invoice, or a credit note for a refund."""

    reference: str  # unique per koppeling; sent along so that the booking can be found again
    is_credit: bool
    date: date
    currency: str
    prices_include_tax: bool
    customer: Customer
    lines: list[BookingLine]
    total: Decimal  # gross; negative for a credit note
    total_tax: Decimal
    description: str = ""
    original_reference: str = ""  # the booked invoice a credit note corrects
    original_target_id: str = ""
    payment: Payment | None = None
    source_url: str = ""
    treatment: str = ""  # VAT treatment: domestic, export, icp, distance_nl, oss


@dataclass
class BookingResult:
    target_id: str
    number: str = ""
    url: str = ""
    total: Decimal | None = None  # as the accounting package computed it


class Connector(ABC):
    key: str = ""
    label: str = ""
    config_fields: list[ConfigField] = []

    def __init__(self, config: dict, credentials: dict, *, transport: httpx.BaseTransport | None = None,
                 save_credentials: Callable[[dict], None] | None = None,
                 credential_store: CredentialStore | None = None):
        self.config = config
        self.credentials = credentials
        self.transport = transport
        self.save_credentials = save_credentials or (lambda new: None)
        self.credential_store = credential_store

    @abstractmethod
    def check(self) -> CheckResult:
        """Can we reach the system with these credentials? Feeds the green/red dot."""


class SalesSource(Connector):
    # The shop's status codes with their Dutch labels, for reasons shown in Open ("Wacht op betaling").
    status_labels: dict[str, str] = {}
    # The kinds of sale this system delivers (a till also has "receipt" and "daily_total").
    sale_kinds: tuple[str, ...] = ("order", "refund")

    @abstractmethod
    def discover(self) -> SalesDiscovery:
        """Statuses and payment methods, for the Configuratie choices."""

    @abstractmethod
    def fetch_changed(self, since: datetime | None) -> Iterator[Sale]:
        """Every sale (refunds included) created or changed at or after `since`, in no set order.

        The engine passes its cursor minus an overlap and moves the cursor only after a complete
        fetch; duplicates are expected and harmless.
        """

    @abstractmethod
    def fetch_one(self, source_id: str) -> Sale | None:
        """The current state of one sale, or None when the shop no longer has it."""

    def read_webhook(self, headers: Mapping[str, str], body: bytes) -> WebhookResult:
        """Verify a webhook delivery on its raw body and say which sales to read again.

        Polling stays on as the safety net, so a system without webhooks keeps this default."""
        return WebhookResult(accepted=False, message="webhooks are not supported by this system")

    def register_webhooks(self, url: str) -> list[str]:
        """Subscribe `url` in the shop to the changes of sales; returns the topics subscribed.

        The dashboard's "Webhooks instellen" button calls it; subscribing an address twice is harmless.
        A system where the owner adds webhooks by hand (or that has none) keeps this default: []."""
        return []


class AccountingTarget(Connector):
    # Whether book() also registers the payment of a paid sale (then every payment method needs a
    # financial account in Configuratie). False for packages where we book the invoice only.
    registers_payments: bool = True
    # Choices from discover().choices that must be made before anything can be booked, with the
    # label Configuratie shows: e.g. {"journal": "Verkoopdagboek"}.
    required_choices: dict[str, str] = {}

    def administrations(self) -> list[Option]:
        """The administrations (divisions) these credentials can book into; [] if there is no choice."""
        return []

    @abstractmethod
    def discover(self) -> AccountingDiscovery:
        """Ledger accounts, tax rates and financial accounts, for the mapping dropdowns."""

    @abstractmethod
    def find_booking(self, reference: str) -> BookingResult | None:
        """The booking made earlier with this reference, if any. Asked before every create, so that
        a booking whose answer was lost is never made twice."""

    @abstractmethod
    def book(self, document: BookingDocument) -> BookingResult:
        """Create the booking. Raises ConnectorError (permanent or not) when it is refused."""


class OAuthConnect(ABC):
    """Mixed into connectors whose Connect button runs an OAuth2 authorization-code flow."""

    @abstractmethod
    def authorize_url(self, redirect_uri: str, state: str) -> str: ...

    @abstractmethod
    def exchange_code(self, code: str, redirect_uri: str) -> dict:
        """Returns the credentials to store (tokens), encrypted by the engine."""

    def verify_callback(self, params: Mapping[str, str]) -> bool:
        """Whether the callback's whole query comes from the system (e.g. Shopify signs it with an hmac).

        Asked before `exchange_code`; systems that do not sign their callback rely on `state` alone."""
        return True
