"""The VAT scenario table: one row per case, with the outcome worked out by hand from the team's VAT
rule sheet (vat-rules.md). Each row's comment shows the arithmetic so a reviewer can follow it.

Conventions in the comments: "g" is a gross amount (incl. VAT), VAT in a gross amount at r% is
g x r / (100 + r), VAT on a net amount is net x r / 100, both rounded half up to the cent (§8).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from koppeling.sync.canonical import Sale
from koppeling.vat.treatment import VatNumberCheck, VatSettings

ANY_REFUSAL = "*"  # the sale must be refused; which code is for the module to choose


@dataclass(frozen=True)
class Scenario:
    name: str
    sale: Sale
    treatment: str | None = None  # expected Treatment.kind when the sale is booked
    books: dict[str, tuple[str, str, str]] = field(default_factory=dict)  # category -> (net, VAT, box)
    refusal: str | None = None  # expected refusal code (or ANY_REFUSAL)
    settings: VatSettings = VatSettings()
    check: VatNumberCheck | None = None
    wrong: str = ""  # the module gets this row wrong today: why (becomes a strict xfail)


def all_scenarios() -> list[Scenario]:
    from tests.vat.scenarios import bad_input, distance, domestic, export, gift_cards, icp, oss, refunds

    modules = (domestic, gift_cards, icp, export, distance, oss, refunds, bad_input)
    return [row for module in modules for row in module.ROWS]
