"""Moneybird as accounting target: books a webshop sale as an external sales invoice (default) or as a
regular sales invoice that is then sent manually, with its contact and optional payment.

config: {"api_url", "administration_id", "document_type": "external" | "invoice",
         "client_id"/"client_secret" (optional, else settings.MONEYBIRD_CLIENT_ID/SECRET)}
credentials: {"access_token", "refresh_token" (optional), "expires_at" (optional, epoch seconds)}
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from decimal import Decimal

import httpx
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koppeling.connectors.accounting.moneybird import payloads
from koppeling.connectors.accounting.moneybird.client import MoneybirdApi
from koppeling.connectors.accounting.moneybird.oauth import TokenEndpoint, authorize_url
from koppeling.connectors.base import (
    AccountingDiscovery,
    AccountingTarget,
    BookingDocument,
    BookingResult,
    CheckResult,
    ConfigField,
    ConnectorError,
    OAuthConnect,
    Option,
)
from koppeling.sync.canonical import Customer

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://moneybird.com"
KINDS = {"external": "external_sales_invoices", "invoice": "sales_invoices"}


def _label(ledger: dict) -> str:
    code = str(ledger.get("account_id") or "")
    # account_id is the user's account code ("8000"); some answers carry a long id there instead.
    return f"{code} {ledger['name']}" if code and len(code) <= 10 else ledger["name"]


def _percentage(value) -> Decimal | None:
    return None if value in (None, "") else Decimal(str(value))


class MoneybirdTarget(AccountingTarget, OAuthConnect):
    key = "moneybird"
    label = "Moneybird"
    config_fields = [
        ConfigField("administration_id", gettext_lazy("Administratie"),
                    help=gettext_lazy("De Moneybird-administratie waarin we de verkopen boeken.")),
        ConfigField("document_type", gettext_lazy("Boeken als"), required=False, default="external",
                    help=gettext_lazy("external: externe verkoopfactuur (bedoeld voor webwinkels); "
                                      "invoice: gewone verkoopfactuur.")),
        ConfigField("api_url", gettext_lazy("Moneybird-adres"), required=False, default=DEFAULT_API_URL),
    ]
    per_page = 100

    def __init__(self, config: dict, credentials: dict, *, transport: httpx.BaseTransport | None = None,
                 save_credentials: Callable[[dict], None] | None = None, credential_store=None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time):
        super().__init__(config, credentials, transport=transport, save_credentials=save_credentials,
                         credential_store=credential_store)
        self.api_url = (config.get("api_url") or DEFAULT_API_URL).rstrip("/")
        self.administration_id = str(config.get("administration_id") or "")
        self.document_type = config.get("document_type") or "external"
        self.sleep, self.clock = sleep, clock
        self._contacts: dict[str, str] = {}  # customer_id -> contact id, within this run
        self._api: MoneybirdApi | None = None

    # --- OAuth ----------------------------------------------------------------------------------
    def _client_id(self) -> str:
        return self.config.get("client_id") or getattr(settings, "MONEYBIRD_CLIENT_ID", "")

    def _token_endpoint(self) -> TokenEndpoint:
        secret = self.config.get("client_secret") or getattr(settings, "MONEYBIRD_CLIENT_SECRET", "")
        return TokenEndpoint(self.api_url, self._client_id(), secret, transport=self.transport,
                             timeout=getattr(settings, "HTTP_TIMEOUT", 20.0), sleep=self.sleep,
                             clock=self.clock)

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        return authorize_url(self.api_url, self._client_id(), redirect_uri, state)

    def exchange_code(self, code: str, redirect_uri: str) -> dict:
        credentials = self._token_endpoint().exchange_code(code, redirect_uri)
        self.credentials, self._api = credentials, None
        return dict(credentials)

    @property
    def api(self) -> MoneybirdApi:
        if self._api is None:
            self._api = MoneybirdApi(self.api_url, self.administration_id, self.credentials,
                                     tokens=self._token_endpoint(), transport=self.transport,
                                     save_credentials=self._saved, sleep=self.sleep, clock=self.clock,
                                     timeout=getattr(settings, "HTTP_TIMEOUT", 20.0), per_page=self.per_page)
        return self._api

    def _saved(self, credentials: dict) -> None:
        self.credentials = credentials
        self.save_credentials(dict(credentials))

    # --- check and discover ---------------------------------------------------------------------
    def administrations(self) -> list[Option]:
        return [Option(str(a["id"]), a.get("name") or str(a["id"]),
                       extra={"currency": a.get("currency", ""), "country": a.get("country", "")})
                for a in self.api.get("administrations.json", scoped=False)]

    def check(self) -> CheckResult:
        if not self.credentials.get("access_token"):
            return CheckResult(False, _("Nog niet gekoppeld met Moneybird. Klik op Verbinden om toegang te "
                                        "geven."))
        try:
            options = self.administrations()
        except ConnectorError as error:
            if error.code == "ACCOUNTING_AUTH":
                return CheckResult(False, _("Moneybird weigert de toegangssleutel. Koppel Moneybird opnieuw."))
            return CheckResult(False, error.message)
        if not self.administration_id:
            return CheckResult(False, _("Kies de Moneybird-administratie waarin we boeken."))
        chosen = next((o for o in options if o.id == self.administration_id), None)
        if chosen is None:
            return CheckResult(False, _("De gekozen administratie is met deze koppeling niet bereikbaar. "
                                        "Kies de administratie opnieuw."))
        return CheckResult(True, chosen.label)

    def discover(self) -> AccountingDiscovery:
        ledgers = [Option(str(ledger["id"]), _label(ledger), extra={"account_id": ledger.get("account_id")})
                   for ledger in self.api.get_all("ledger_accounts.json")
                   if ledger.get("account_type") == "revenue"]
        rates = [Option(str(rate["id"]), rate["name"], percentage=_percentage(rate.get("percentage")),
                        extra={"country": rate.get("country")})
                 for rate in self.api.get_all("tax_rates.json", {"filter": "tax_rate_type:sales_invoice"})
                 if rate.get("tax_rate_type") == "sales_invoice" and rate.get("active") is not False]
        accounts = [Option(str(acc["id"]), self._account_label(acc),
                           extra={"type": acc.get("type"), "provider": acc.get("provider")})
                    for acc in self.api.get_all("financial_accounts.json") if acc.get("active") is not False]
        return AccountingDiscovery(ledger_accounts=ledgers, tax_rates=rates, financial_accounts=accounts)

    @staticmethod
    def _account_label(account: dict) -> str:
        name, identifier = account.get("name") or "", account.get("identifier") or ""
        return f"{name} ({identifier})" if identifier and identifier.lower() != name.lower() else name

    # --- contacts -------------------------------------------------------------------------------
    def contact_id(self, customer: Customer) -> str:
        """The Moneybird contact for this customer, found by our key or created once."""
        customer_id = payloads.customer_id_for(customer)
        if customer_id not in self._contacts:
            found = self.api.get_optional(f"contacts/customer_id/{customer_id}.json")
            if found is None:
                found = self._create_contact(customer, customer_id)
            self._contacts[customer_id] = str(found["id"])
        return self._contacts[customer_id]

    def _create_contact(self, customer: Customer, customer_id: str) -> dict:
        try:
            return self.api.post("contacts.json", payloads.contact_body(customer, customer_id))
        except ConnectorError as error:
            # Made by a call whose answer was lost: Moneybird keeps customer_id unique.
            found = self.api.get_optional(f"contacts/customer_id/{customer_id}.json") \
                if error.code == "ACCOUNTING_REFUSED" else None
            if found is None:
                raise
            return found

    # --- booking --------------------------------------------------------------------------------
    @property
    def kind(self) -> str:
        return KINDS.get(self.document_type, KINDS["external"])

    def web_url(self, invoice_id: str) -> str:
        return f"{self.api_url}/{self.administration_id}/{self.kind}/{invoice_id}"

    def book(self, document: BookingDocument) -> BookingResult:
        contact_id = self.contact_id(document.customer)
        if self.kind == "sales_invoices":
            draft = self.api.post("sales_invoices.json", payloads.sales_invoice_body(document, contact_id))
            invoice = self._send(draft)
        else:
            invoice = self.api.post("external_sales_invoices.json",
                                    payloads.external_invoice_body(document, contact_id))
        result = payloads.booking_result(invoice, self.web_url(str(invoice["id"])))
        log.info("moneybird: booked %s as %s %s", document.reference, self.kind, result.target_id)
        if result.total is not None and result.total != document.total * payloads.sign_of(document):
            log.warning("moneybird: total of %s is %s, the shop's is %s", document.reference, result.total,
                        document.total)
        if document.payment:
            self.register_payment(result.target_id, document)
        return result

    def _send(self, invoice: dict) -> dict:
        """Finalise a draft sales invoice: it gets its number and is booked."""
        return self.api.patch(f"sales_invoices/{invoice['id']}/send_invoice.json", payloads.SEND_MANUALLY)

    def register_payment(self, target_id: str, document: BookingDocument) -> bool:
        """Mark the booking paid. A failure is logged, not raised: the booking itself stands."""
        payment = document.payment
        if payment is None or not payment.financial_account_id:
            return False
        try:
            self.api.post(f"{self.kind}/{target_id}/payments.json", payloads.payment_body(payment, document))
        except ConnectorError as error:
            log.warning("moneybird: payment of %s not registered: %s (%s)", document.reference, error.code,
                        error.status)
            return False
        return True

    def find_booking(self, reference: str) -> BookingResult | None:
        """Match the reference exactly: Moneybird's filter may also return look-alikes. A regular
        invoice left as a draft (its send call failed) is sent now, which completes the booking."""
        # "," and ":" are the filter's own syntax: such a reference is looked for in every page instead.
        safe = not any(char in reference for char in ",:")
        invoices = self.api.get_all(f"{self.kind}.json", {"filter": f"reference:{reference}"} if safe else {})
        invoice = next((i for i in invoices if i.get("reference") == reference), None)
        if invoice is None:
            return None
        if self.kind == "sales_invoices" and invoice.get("state") == "draft":
            invoice = self._send(invoice)
        return payloads.booking_result(invoice, self.web_url(str(invoice["id"])))
