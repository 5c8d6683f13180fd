"""Build a koppeling's connectors with its decrypted credentials, and persist rotated tokens."""

from __future__ import annotations

from django.db import transaction

from koppeling.connectors import registry
from koppeling.connectors.base import AccountingTarget, SalesSource
from koppeling.lib.crypto import encrypt_json
from koppeling.sync.models import Koppeling

# Tests may set an httpx transport here to run connectors in-process against a simulator.
TRANSPORTS: dict[str, object] = {}


def sales_connector(koppeling: Koppeling) -> SalesSource:
    cls = registry.sales_class(koppeling.sales_system)
    return cls(koppeling.sales_config, koppeling.sales_credentials,
               transport=TRANSPORTS.get(koppeling.sales_system))


def accounting_connector(koppeling: Koppeling) -> AccountingTarget:
    cls = registry.accounting_class(koppeling.accounting_system)

    def save(credentials: dict) -> None:
        # Saved at once and on its own, so that a rotated token is never lost with a failed booking.
        with transaction.atomic():
            Koppeling.objects.filter(pk=koppeling.pk).update(accounting_secret=encrypt_json(credentials))
        koppeling.accounting_credentials = credentials

    return cls(koppeling.accounting_config, koppeling.accounting_credentials,
               transport=TRANSPORTS.get(koppeling.accounting_system), save_credentials=save)
