"""Exact Online as accounting target: books a webshop sale as a sales entry in the sales journal
(default) or as a sales invoice, with its relation (crm/Accounts).

config: {"api_url", "division" (or the engine's "administration_id"), "division_name", "journal",
         "document_type": "salesentry" | "salesinvoice", "client_id"/"client_secret" (optional, else
         settings.EXACT_CLIENT_ID/SECRET)}
credentials: {"access_token", "refresh_token", "expires_at" (epoch seconds)}
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

import httpx
from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from koppeling.connectors.accounting.exact import odata, payloads
from koppeling.connectors.accounting.exact.client import ExactApi
from koppeling.connectors.accounting.exact.oauth import TokenEndpoint, TokenKeeper, authorize_url
from koppeling.connectors.base import (
    AccountingDiscovery,
    AccountingTarget,
    BookingDocument,
    BookingResult,
    CheckResult,
    ChoiceField,
    ConfigField,
    ConnectorError,
    OAuthConnect,
    Option,
)
from koppeling.sync.canonical import Customer

log = logging.getLogger(__name__)

DEFAULT_API_URL = "https://start.exactonline.nl"
SALES_JOURNAL, CASH_JOURNAL, BANK_JOURNAL = 20, 10, 12
REVENUE = 110  # GLAccount Type "Revenue"
ENTRY_SELECT = "EntryID,EntryNumber,AmountDC,YourRef,Journal"
INVOICE_SELECT = "InvoiceID,InvoiceNumber,AmountDC,YourRef,Journal"


class ExactTarget(AccountingTarget, OAuthConnect):
    key = "exact"
    label = "Exact Online"
    registers_payments = False  # a payment needs a bank entry matched to the invoice: not done blind
    required_choices = {"journal": gettext_lazy("Verkoopdagboek")}
    config_fields = [
        ConfigField("api_url", gettext_lazy("Exact Online-adres"), required=False, default=DEFAULT_API_URL,
                    help=gettext_lazy("Het adres van Exact Online in jouw land, bijvoorbeeld "
                                      "https://start.exactonline.nl of https://start.exactonline.be.")),
    ]

    def __init__(self, config: dict, credentials: dict, *, transport: httpx.BaseTransport | None = None,
                 save_credentials: Callable[[dict], None] | None = None, credential_store=None,
                 sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.time):
        self._tokens: TokenKeeper | None = None
        super().__init__(config, credentials, transport=transport, save_credentials=save_credentials,
                         credential_store=credential_store)
        self.api_url = (config.get("api_url") or DEFAULT_API_URL).rstrip("/")
        self.division = str(config.get("division") or config.get("administration_id") or "")
        self.journal = str(config.get("journal") or "")
        self.document_type = config.get("document_type") or "salesentry"
        self.sleep, self.clock = sleep, clock
        self._accounts: dict[str, str] = {}  # account code -> ID, within this run
        self._api: ExactApi | None = None

    # --- credentials (shared with other workers through the token keeper) -----------------------
    @property
    def credentials(self) -> dict:
        return dict(self._tokens.credentials) if self._tokens else self._credentials

    @credentials.setter
    def credentials(self, value: dict) -> None:
        self._credentials, self._tokens, self._api = dict(value or {}), None, None

    # --- OAuth ----------------------------------------------------------------------------------
    def _client_id(self) -> str:
        return self.config.get("client_id") or getattr(settings, "EXACT_CLIENT_ID", "koppeling-demo")

    def _token_endpoint(self) -> TokenEndpoint:
        secret = self.config.get("client_secret") or getattr(settings, "EXACT_CLIENT_SECRET",
                                                             "koppeling-demo-secret")
        return TokenEndpoint(self.api_url, self._client_id(), secret, transport=self.transport,
                             timeout=getattr(settings, "HTTP_TIMEOUT", 20.0), sleep=self.sleep, clock=self.clock)

    def authorize_url(self, redirect_uri: str, state: str) -> str:
        return authorize_url(self.api_url, self._client_id(), redirect_uri, state)

    def exchange_code(self, code: str, redirect_uri: str) -> dict:
        self.credentials = self._token_endpoint().exchange_code(code, redirect_uri)
        return self.credentials

    @property
    def api(self) -> ExactApi:
        if self._api is None:
            self._tokens = TokenKeeper(self._token_endpoint(), self._credentials, store=self.credential_store,
                                       save=self.save_credentials, clock=self.clock, sleep=self.sleep)
            self._api = ExactApi(self.api_url, self.division, self._tokens, transport=self.transport,
                                 timeout=getattr(settings, "HTTP_TIMEOUT", 20.0), sleep=self.sleep,
                                 clock=self.clock)
        return self._api

    # --- check and discover ---------------------------------------------------------------------
    def administrations(self) -> list[Option]:
        """The divisions this user may open, the current one (Exact's own choice) first."""
        me = self.api.get_all("current/Me", scoped=False, select="CurrentDivision,FullName")
        current = str(me[0].get("CurrentDivision") or "") if me else ""
        divisions = self.api.get_all(f"{current}/system/Divisions", scoped=False,
                                     select="Code,Description,HID,Country,Currency")
        options = [Option(str(d["Code"]), d.get("Description") or str(d["Code"]),
                          extra={"hid": d.get("HID"), "country": d.get("Country"), "currency": d.get("Currency")})
                   for d in divisions]
        return sorted(options, key=lambda option: option.id != current)

    def check(self) -> CheckResult:
        if not self.credentials.get("access_token"):
            return CheckResult(False, _("Nog niet gekoppeld met Exact Online. Klik op Verbinden om toegang te "
                                        "geven."))
        try:
            options = self.administrations()
        except ConnectorError as error:
            if error.code == "ACCOUNTING_AUTH":
                return CheckResult(False, _("Exact Online weigert de toegangssleutel. Verbind Exact Online "
                                            "opnieuw."))
            return CheckResult(False, error.message)
        if not self.division:
            return CheckResult(False, _("Kies de Exact Online-administratie waarin we boeken."))
        chosen = next((o for o in options if o.id == self.division), None)
        if chosen is None:
            return CheckResult(False, _("De gekozen administratie is met deze koppeling niet bereikbaar. "
                                        "Kies de administratie opnieuw."))
        return CheckResult(True, chosen.label)

    def discover(self) -> AccountingDiscovery:
        journals = self.api.get_all("financial/Journals", select="Code,Description,Type,GLAccount")
        return AccountingDiscovery(
            ledger_accounts=self._revenue_accounts(), tax_rates=self._sales_vat_codes(),
            financial_accounts=[_journal_option(j) for j in journals if j.get("Type") in (BANK_JOURNAL, CASH_JOURNAL)],
            choices=[
                ChoiceField("journal", _("Verkoopdagboek"),
                            [_journal_option(j) for j in journals if j.get("Type") == SALES_JOURNAL],
                            help=_("Het dagboek in Exact Online waarin we de verkopen boeken.")),
                ChoiceField("document_type", _("Boeken als"), [
                    Option("salesentry", _("Verkoopboeking (aanbevolen voor webwinkels)")),
                    Option("salesinvoice", _("Verkoopfactuur (concept, Exact maakt de factuur)"))]),
            ])

    def _revenue_accounts(self) -> list[Option]:
        accounts = self.api.get_all("financial/GLAccounts", filter="BalanceType eq 'W'",
                                    select="ID,Code,Description,Type,IsBlocked")
        # Revenue by type, or by the Dutch habit of numbering revenue accounts 8xxx.
        return [Option(str(a["ID"]), f"{str(a['Code']).strip()} {a.get('Description') or ''}".strip(),
                       extra={"code": str(a["Code"]).strip()})
                for a in accounts if not a.get("IsBlocked")
                and (a.get("Type") == REVENUE or str(a.get("Code") or "").strip().startswith("8"))]

    def _sales_vat_codes(self) -> list[Option]:
        codes = self.api.get_all("vat/VATCodes", select="ID,Code,Description,Percentage,Type,VATTransactionType,"
                                 "IsBlocked,EUSalesListing")
        return [Option(str(c["Code"]).strip(), f"{str(c['Code']).strip()} {c.get('Description') or ''}".strip(),
                       percentage=odata.percentage(c.get("Percentage")),
                       extra={"id": c.get("ID"), "type": c.get("Type"), "eu_sales_listing": c.get("EUSalesListing")})
                # We always send amounts excluding VAT, so codes of Type I (including VAT) would book wrong.
                for c in codes if not c.get("IsBlocked") and c.get("VATTransactionType") in ("S", "B")
                and c.get("Type") != "I"]

    # --- relations ------------------------------------------------------------------------------
    def account_id(self, customer: Customer) -> str:
        """The Exact relation for this customer, found by our code or created once."""
        code = payloads.account_code(customer)
        if code not in self._accounts:
            found = self._find_account(code) or self._create_account(customer, code)
            self._accounts[code] = str(found["ID"])
        return self._accounts[code]

    def _find_account(self, code: str) -> dict | None:
        condition = odata.any_of(odata.eq("Code", code), odata.eq("Code", payloads.padded(code)))
        accounts = self.api.get_all("crm/Accounts", filter=condition, select="ID,Code,Name")
        return next((a for a in accounts if str(a.get("Code") or "").strip() == code), None)

    def _create_account(self, customer: Customer, code: str) -> dict:
        try:
            return self.api.post("crm/Accounts", payloads.account_body(customer, code))
        except ConnectorError as error:
            # Made by a call whose answer was lost: the code is then taken, and findable.
            found = self._find_account(code) if error.code == "ACCOUNTING_REFUSED" else None
            if found is None:
                raise
            return found

    # --- booking --------------------------------------------------------------------------------
    @property
    def invoices(self) -> bool:
        return self.document_type == "salesinvoice"

    def _journal(self) -> str:
        if not self.journal:
            raise ConnectorError(_("Kies bij Configuratie het verkoopdagboek van Exact Online."), permanent=True,
                                 code="ACCOUNTING_REFUSED", detail=_("geen verkoopdagboek gekozen"))
        return self.journal

    def web_url(self, target_id: str) -> str:
        page = "SalesInvoice.aspx?InvoiceID" if self.invoices else "SalesEntry.aspx?EntryID"
        return f"{self.api_url}/docs/{page}={target_id}&_Division_={self.division}"

    def book(self, document: BookingDocument) -> BookingResult:
        journal = self._journal()
        customer_id = self.account_id(document.customer)
        if self.invoices:
            body = payloads.sales_invoice_body(document, customer_id, journal, self._item_id())
            invoice = self.api.post("salesinvoice/SalesInvoices", body)
            result = payloads.invoice_result(invoice, self.web_url(str(invoice["InvoiceID"])))
        else:
            entry = self.api.post("salesentry/SalesEntries", payloads.sales_entry_body(document, customer_id, journal))
            result = payloads.entry_result(entry, self.web_url(str(entry["EntryID"])))
        log.info("exact: booked %s as %s %s", document.reference, self.document_type, result.target_id)
        expected = document.total * payloads.sign_of(document)
        if result.total is not None and result.total != expected:
            log.warning("exact: total of %s is %s, the shop's is %s", document.reference, result.total, expected)
        return result

    def _item_id(self) -> str:
        """The generic item that invoice lines need; found by code or created once."""
        condition = odata.eq("Code", payloads.GENERIC_ITEM_CODE)
        items = self.api.get_all("logistics/Items", filter=condition, select="ID,Code")
        found = next((i for i in items if str(i.get("Code") or "").strip() == payloads.GENERIC_ITEM_CODE), None)
        return str((found or self.api.post("logistics/Items", payloads.item_body()))["ID"])

    def find_booking(self, reference: str) -> BookingResult | None:
        """Exact match on YourRef in our journal (the filter's quotes are escaped)."""
        condition = odata.all_of(odata.eq("YourRef", reference), odata.eq("Journal", self._journal()))
        if self.invoices:
            rows = self.api.get_all("salesinvoice/SalesInvoices", filter=condition, select=INVOICE_SELECT)
            row = next((r for r in rows if r.get("YourRef") == reference), None)
            return payloads.invoice_result(row, self.web_url(str(row["InvoiceID"]))) if row else None
        rows = self.api.get_all("salesentry/SalesEntries", filter=condition, select=ENTRY_SELECT)
        row = next((r for r in rows if r.get("YourRef") == reference), None)
        return payloads.entry_result(row, self.web_url(str(row["EntryID"]))) if row else None


def _journal_option(journal: dict) -> Option:
    code = str(journal.get("Code") or "").strip()
    return Option(code, f"{code} {journal.get('Description') or ''}".strip(),
                  extra={"type": journal.get("Type"), "gl_account": journal.get("GLAccount")})
