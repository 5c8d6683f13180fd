"""Exactly what would be booked for a sale, without booking anything: lines with VAT category,
return box, ledger account and VAT code, net, VAT and gross, or the refusal with its code.

Used by `koppeling preview SALE.json` and by the sale page in the dashboard.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal

from koppeling.connectors import registry
from koppeling.lib.money import ZERO
from koppeling.sync.canonical import Sale
from koppeling.sync.errors import Refusal
from koppeling.sync.models import Koppeling
from koppeling.sync.validation import validate
from koppeling.vat.categories import BOX_LABELS
from koppeling.vat.classify import classify
from koppeling.vat.treatment import VatSettings


@dataclass
class PreviewLine:
    description: str
    category: str
    category_label: str
    box: str
    ledger_account_id: str
    tax_rate_id: str
    net: Decimal
    tax: Decimal
    gross: Decimal


@dataclass
class Preview:
    treatment: str = ""
    lines: list[PreviewLine] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    refusal: Refusal | None = None

    @property
    def net(self) -> Decimal:
        return sum((line.net for line in self.lines), ZERO)

    @property
    def tax(self) -> Decimal:
        return sum((line.tax for line in self.lines), ZERO)

    @property
    def gross(self) -> Decimal:
        return self.net + self.tax

    def per_box(self) -> dict[str, tuple[Decimal, Decimal]]:
        totals: dict[str, tuple[Decimal, Decimal]] = {}
        for line in self.lines:
            net, tax = totals.get(line.box, (ZERO, ZERO))
            totals[line.box] = (net + line.net, tax + line.tax)
        return totals

    def to_json(self) -> dict:
        return {"treatment": self.treatment, "notes": self.notes,
                "refusal": asdict(self.refusal) if self.refusal else None,
                "lines": [{k: str(v) if isinstance(v, Decimal) else v for k, v in asdict(line).items()}
                          for line in self.lines],
                "totals": {"net": str(self.net), "tax": str(self.tax), "gross": str(self.gross)},
                "boxes": {box: {"net": str(net), "tax": str(tax)} for box, (net, tax) in self.per_box().items()}}


def preview(sale: Sale, koppeling: Koppeling | None = None) -> Preview:
    """Without a koppeling: the VAT rules alone (default settings, no mapping)."""
    if koppeling is None:
        vat = classify(sale, VatSettings())
        refused, mapping = vat.refusal, {}
    else:
        checked = validate(koppeling, sale, registry.label(koppeling.accounting_system))
        vat, refused, mapping = checked.vat, checked.refusal, koppeling.vat_mapping
    result = Preview(refusal=refused)
    if vat is None or vat.treatment is None:
        return result
    result.treatment, result.notes = vat.treatment.kind, vat.notes
    for line in vat.lines:
        entry = mapping.get(line.category.code) or {}
        result.lines.append(PreviewLine(line.description, line.category.code, line.category.label, line.category.box,
                                        str(entry.get("ledger_account_id", "")), str(entry.get("tax_rate_id", "")),
                                        line.net, line.tax, line.gross))
    return result


def box_label(box: str) -> str:
    return str(BOX_LABELS.get(box, box))

