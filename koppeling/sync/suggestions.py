"""Default mappings suggested from the accounting package's own chart of accounts and VAT codes.

No Dutch chart of accounts is mandatory; these hints follow the usual numbering (8000 revenue high,
8010 low, ...) and names. A category with no fitting account stays empty for the owner to choose.
"""

from __future__ import annotations

import re
from decimal import Decimal

from koppeling.connectors.base import AccountingDiscovery, Option
from koppeling.vat import categories

LEDGER_HINTS = {
    "NL_21": (r"^8000\b", r"hoog|21\s?%"),
    "NL_9": (r"^8010\b", r"laag|\b9\s?%"),
    "NL_0": (r"^8020\b", r"\b0\s?%|nultarief|verlegd"),
    "ICP": (r"^8100\b", r"\bICP\b|intracom|binnen de EU"),
    "EXPORT": (r"^8200\b", r"export|buiten de EU"),
    "OSS": (r"^8300\b", r"\bOSS\b|afstandsverk|éénloket|eenloket"),
    "GIFT_CARD": (r"cadeau|gift|voucher",),
    "ROUNDING": (r"afrond|rounding|betalingsverschil",),
    "NL_EXEMPT": (r"vrijgesteld|exempt",),
}
TAX_HINTS = {
    "ICP": r"ICP|intracom|binnen de EU|EU-lever",
    "EXPORT": r"export|buiten de EU",
    "NL_0": r"^0\s?%|nul",
    "GIFT_CARD": r"geen btw|zonder btw|^0\s?%",
    "ROUNDING": r"geen btw|zonder btw|^0\s?%",
    "NL_EXEMPT": r"vrijgesteld|geen btw",
}


def _hint_key(code: str) -> str:
    return "OSS" if code.startswith("OSS_") else code


def _first(options: list[Option], patterns) -> str:
    for pattern in patterns:
        for option in options:
            if re.search(pattern, option.label, re.IGNORECASE):
                return option.id
    return ""


def _tax_rate(rates: list[Option], code: str) -> str:
    category = categories.parse(code)
    hint = TAX_HINTS.get(_hint_key(code))
    if hint:
        found = _first(rates, [hint])
        if found:
            return found
    if category.rate is None or code in TAX_HINTS:
        return ""
    wanted = Decimal(category.rate)
    return next((rate.id for rate in rates if rate.percentage is not None and Decimal(rate.percentage) == wanted), "")


def suggest_vat_mapping(discovery: AccountingDiscovery, codes: list[str]) -> dict[str, dict[str, str]]:
    """For each category code, the ledger account and VAT code we would pick; "" where nothing fits."""
    return {code: {"ledger_account_id": _first(discovery.ledger_accounts, LEDGER_HINTS.get(_hint_key(code), ())),
                   "tax_rate_id": _tax_rate(discovery.tax_rates, code)} for code in codes}
