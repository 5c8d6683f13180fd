"""Credentials at rest: Fernet-encrypted JSON, decrypted only where a connector needs them."""

import json

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def _fernet() -> Fernet:
    return Fernet(settings.FERNET_KEY.encode())


def encrypt_json(data: dict) -> str:
    return _fernet().encrypt(json.dumps(data, sort_keys=True).encode()).decode()


def decrypt_json(token: str) -> dict:
    if not token:
        return {}
    try:
        return json.loads(_fernet().decrypt(token.encode()))
    except InvalidToken as exc:
        # A changed FERNET_KEY makes old credentials unreadable: the user must connect again.
        raise ValueError("stored credentials cannot be decrypted with the current FERNET_KEY") from exc
