"""Small, tested parsers that turn environment variables into settings values.

Kept apart from ``settings.py`` so that they can be unit-tested without
configuring Django (paperless-ngx's recipe).
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Mapping
from pathlib import Path


class ConfigurationError(RuntimeError):
    """Raised when the environment cannot produce a safe configuration."""


def parse_bool(value: str | None, *, default: bool = False) -> bool:
    """Read a boolean from an environment string.

    ``1, true, yes, on`` are true and ``0, false, no, off, ""`` false, in any
    case; ``None`` gives ``default``. Anything else is a configuration error.
    """
    if value is None:
        return default
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise ConfigurationError(f"valeur booléenne invalide : {value!r}")


def parse_list(value: str | None) -> list[str]:
    """Split a comma-separated environment string, dropping blanks."""
    if not value:
        return []
    return [item.strip() for item in value.split(",") if item.strip()]


def var_dir(env: Mapping[str, str]) -> Path:
    """Folder holding the embedded database, the lake and the demo secret.

    ``PROBANKER_VAR`` when set, else ``var/`` under the current directory
    (the checkout, when run with ``uv run``).
    """
    return Path(env.get("PROBANKER_VAR") or Path.cwd() / "var").resolve()


def read_or_create_secret(path: Path) -> str:
    """Return the secret key stored at ``path``, creating it on first use.

    Only used outside production: the demo writes its own secret under ``var/``
    so that sessions survive a restart without a secret in the repository.
    """
    if path.exists():
        return path.read_text(encoding="utf-8").strip()
    path.parent.mkdir(parents=True, exist_ok=True)
    secret = secrets.token_urlsafe(50)
    path.write_text(secret, encoding="utf-8")
    path.chmod(0o600)
    return secret


def require(env: Mapping[str, str], name: str) -> str:
    """Return a mandatory production variable or refuse to start."""
    value = env.get(name, "").strip()
    if not value:
        raise ConfigurationError(
            f"{name} doit être défini dans l'environnement quand PROBANKER_ENV=production."
        )
    return value


def is_production(env: Mapping[str, str]) -> bool:
    """True when ``PROBANKER_ENV`` says production (the only strict mode)."""
    mode = env.get("PROBANKER_ENV", "development").strip().lower()
    if mode not in {"development", "demo", "test", "production"}:
        raise ConfigurationError(
            f"PROBANKER_ENV={mode!r} inconnu (development, demo, test, production)"
        )
    return mode == "production"


def env() -> Mapping[str, str]:
    """The process environment (a seam for tests)."""
    return os.environ
