"""Tiny helpers to read settings from the environment."""

import os
import secrets
from pathlib import Path


def envbool(name: str, default: str = "False") -> bool:
    return os.environ.get(name, default).strip().lower() in ("1", "true", "yes", "on")


def envint(name: str, default: int) -> int:
    return int(os.environ.get(name, default))


def envlist(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def secret_from_env_or_file(name: str, path: Path, generate) -> str:
    """Return the secret from the environment, else from a file under var/, generating it once.

    A generated secret is kept in a file so that a restart keeps sessions and can still decrypt
    stored credentials.
    """
    value = os.environ.get(name)
    if value:
        return value
    if path.exists():
        return path.read_text().strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    value = generate()
    path.write_text(value)
    path.chmod(0o600)
    return value


def random_secret() -> str:
    return secrets.token_urlsafe(50)
