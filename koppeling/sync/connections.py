"""Build a koppeling's connectors with its decrypted credentials, and persist rotated tokens."""

from __future__ import annotations

from contextlib import contextmanager

from django.db import transaction

from koppeling.connectors import registry
from koppeling.connectors.base import AccountingTarget, SalesSource
from koppeling.lib.crypto import decrypt_json, encrypt_json
from koppeling.sync import leases
from koppeling.sync.models import Koppeling

# Tests may set an httpx transport here to run connectors in-process against a simulator.
TRANSPORTS: dict[str, object] = {}

FIELDS = {"sales": "sales_secret", "accounting": "accounting_secret"}


class KoppelingCredentials:
    """One side's credentials in the database: the CredentialStore every connector is given.

    Reads go to the database (not the koppeling object in memory), because another worker may have
    refreshed the token a moment ago; writes are their own transaction, so that a rotated token is
    never lost with a failed booking.
    """

    def __init__(self, koppeling: Koppeling, side: str):
        self.koppeling = koppeling
        self.field = FIELDS[side]
        self.lock_key = f"credentials:{koppeling.pk}:{side}"

    def load(self) -> dict:
        stored = Koppeling.objects.filter(pk=self.koppeling.pk).values_list(self.field, flat=True).first()
        return decrypt_json(stored or "")

    def save(self, credentials: dict) -> None:
        secret = encrypt_json(credentials)
        with transaction.atomic():
            Koppeling.objects.filter(pk=self.koppeling.pk).update(**{self.field: secret})
        setattr(self.koppeling, self.field, secret)

    @contextmanager
    def lock(self, seconds: float = 60):
        with leases.held(self.lock_key, seconds) as ours:
            yield ours


def sales_connector(koppeling: Koppeling) -> SalesSource:
    cls = registry.sales_class(koppeling.sales_system)
    store = KoppelingCredentials(koppeling, "sales")
    return cls(koppeling.sales_config, koppeling.sales_credentials, transport=TRANSPORTS.get(koppeling.sales_system),
               save_credentials=store.save, credential_store=store)


def accounting_connector(koppeling: Koppeling) -> AccountingTarget:
    cls = registry.accounting_class(koppeling.accounting_system)
    store = KoppelingCredentials(koppeling, "accounting")
    return cls(koppeling.accounting_config, koppeling.accounting_credentials,
               transport=TRANSPORTS.get(koppeling.accounting_system), save_credentials=store.save,
               credential_store=store)
