"""Writes of the core app: API tokens."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from probanker.core.models import ApiToken, User

TOKEN_PREFIX = "pbk_"  # noqa: S105 - a public prefix, not a secret


class DomainError(Exception):
    """A business rule refused the operation; the message is for the user."""


@dataclass(frozen=True)
class IssuedToken:
    """A newly created token: ``secret`` is shown once and never stored."""

    token: ApiToken
    secret: str


def digest_token(secret: str) -> str:
    """SHA-256 hex digest of a token: what the database keeps."""
    return hashlib.sha256(secret.encode("utf-8")).hexdigest()


@transaction.atomic
def create_api_token(*, user: User, name: str) -> IssuedToken:
    """Issue a personal API token for ``user``; only its digest is stored."""
    clean_name = name.strip()
    if not clean_name:
        raise DomainError("Donnez un nom au jeton (ex. « tableur de suivi »).")
    limit = ApiToken._meta.get_field("name").max_length or 80
    if len(clean_name) > limit:
        raise DomainError(f"Le nom du jeton ne dépasse pas {limit} caractères.")
    secret = TOKEN_PREFIX + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=clean_name, prefix=secret[:10], digest=digest_token(secret)
    )
    return IssuedToken(token=token, secret=secret)


@transaction.atomic
def revoke_api_token(*, user: User, token_id: int) -> ApiToken:
    """Revoke one of the user's own tokens (idempotent)."""
    token = ApiToken.objects.select_for_update().get(pk=token_id, user=user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
    return token


def authenticate_token(secret: str) -> User | None:
    """The active user owning an active token, or ``None``.

    Records the last use at most once a minute to keep reads cheap.
    """
    if not secret.startswith(TOKEN_PREFIX):
        return None
    token = (
        ApiToken.objects.select_related("user", "user__branch")
        .filter(digest=digest_token(secret), revoked_at__isnull=True)
        .first()
    )
    if token is None or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user
