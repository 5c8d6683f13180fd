"""Default mappings suggested from the accounting package's own chart of accounts and tax rates."""

from __future__ import annotations

import re
from decimal import Decimal

from koppeling.connectors.base import AccountingDiscovery, Option

# Ledger account hints per rate: the usual Dutch numbering and words (no chart is mandatory).
LEDGER_HINTS = {
    "21": (r"^8000\b", r"hoog|21"),
    "9": (r"^8010\b", r"laag|\b9\b"),
    "0": (r"^8020\b", r"\b0\s?%|nul|verlegd"),
}


def _pick_ledger(accounts: list[Option], key: str) -> str:
    for pattern in LEDGER_HINTS.get(key, ()):
        for account in accounts:
            if re.search(pattern, account.label, re.IGNORECASE):
                return account.id
    return ""


def _pick_tax_rate(rates: list[Option], key: str) -> str:
    wanted = Decimal(key)
    for rate in rates:
        if rate.percentage is not None and Decimal(rate.percentage) == wanted:
            return rate.id
    return ""


def suggest_vat_mapping(discovery: AccountingDiscovery, keys: list[str]) -> dict[str, dict[str, str]]:
    """For each rate key, the ledger account and tax rate we would pick; "" where nothing fits."""
    return {key: {"ledger_account_id": _pick_ledger(discovery.ledger_accounts, key),
                  "tax_rate_id": _pick_tax_rate(discovery.tax_rates, key)} for key in keys}
