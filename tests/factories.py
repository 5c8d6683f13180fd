"""Tiny factories for dashboard, account, notification and support tests: rows with sane defaults."""

from __future__ import annotations

import itertools
from datetime import date, datetime
from decimal import Decimal

from django.utils import timezone

from koppeling.accounts.models import Tenant, User
from koppeling.sync.models import Booking, Koppeling, Sale, SaleEvent

PASSWORD = "Zonnebloem-Tulp-42"
_numbers = itertools.count(1001)


def make_tenant(name: str = "Theehuis Utrecht", **fields) -> Tenant:
    return Tenant.objects.create(name=name, **fields)


def make_user(tenant: Tenant | None = None, email: str = "anna@theehuis.nl", **fields) -> User:
    tenant = tenant if tenant is not None else make_tenant()
    fields.setdefault("first_name", "Anna de Vries")
    return User.objects.create_user(username=email, email=email, password=PASSWORD, tenant=tenant, **fields)


def make_koppeling(tenant: Tenant, name: str = "Webwinkel", **fields) -> Koppeling:
    fields.setdefault("sales_system", "woocommerce")
    fields.setdefault("accounting_system", "moneybird")
    fields.setdefault("start_date", date(2026, 1, 1))
    return Koppeling.objects.create(tenant=tenant, name=name, **fields)


def canonical(total: str = "121.00", tax: str = "21.00", rate: str = "21", **fields) -> dict:
    """A sale's canonical JSON (koppeling.sync.canonical.to_json) with one product line."""
    net = str(Decimal(total) - Decimal(tax))
    data = {
        "kind": "order", "source_id": "1001", "number": "1001", "status": "processing",
        "created_at": "2026-03-02T10:00:00+01:00", "modified_at": "2026-03-02T10:05:00+01:00",
        "currency": "EUR", "prices_include_tax": True, "total": total, "total_tax": tax,
        "customer": {"id": "7", "name": "Jan de Boer", "email": "jan@example.nl", "country": "NL"},
        "lines": [{"kind": "product", "description": "Groene thee", "quantity": "2", "net": net, "tax": tax,
                   "vat_rate": rate}],
        "payment_method": "ideal", "payment_method_title": "iDEAL",
    }
    return {**data, **fields}


def make_sale(koppeling: Koppeling, state: str = "failed", **fields) -> Sale:
    number = fields.pop("number", str(next(_numbers)))
    total = Decimal(fields.pop("total", "121.00"))
    tax = Decimal(fields.pop("total_tax", "21.00"))
    defaults = {
        "kind": "order", "source_id": number, "shop_status": "processing",
        "sold_at": timezone.make_aware(datetime(2026, 3, 2, 10, 0)),
        "modified_at": timezone.make_aware(datetime(2026, 3, 2, 10, 5)),
        "customer_name": "Jan de Boer",
        "canonical": canonical(str(total), str(tax), source_id=number, number=number),
        "raw": {"id": number, "status": "processing"},
    }
    if state == "failed":
        defaults.update(error_code="VAT_UNMAPPED", error_message="Btw-tarief 21% is niet gekoppeld.",
                        error_suggestion="Kies een grootboekrekening voor 21% btw.", error_setting="btw")
    return Sale.objects.create(koppeling=koppeling, state=state, number=number, total=total, total_tax=tax,
                               **{**defaults, **fields})


def make_event(sale: Sale, kind: str = "refused", **fields) -> SaleEvent:
    return SaleEvent.objects.create(sale=sale, kind=kind, **fields)


def make_booking(sale: Sale, **fields) -> Booking:
    defaults = {"reference": f"K{sale.koppeling_id}-{sale.source_id}", "target_system": "moneybird",
                "target_id": f"9{sale.pk}", "target_number": f"2026-{sale.number}",
                "target_url": f"https://moneybird.test/1/external_sales_invoices/9{sale.pk}", "total": sale.total}
    return Booking.objects.create(sale=sale, koppeling=sale.koppeling, **{**defaults, **fields})
