"""API authentication: personal bearer tokens, or the browser session."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer, SessionAuth

from probanker.core.services import authenticate_token


class TokenAuth(HttpBearer):
    """``Authorization: Bearer pbk_...`` with a token created on the profile page."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = authenticate_token(token)
        if user is None:
            return None
        request.user = user
        return user


def api_auth() -> list[Any]:
    """Tokens for scripts; the session for the browser (CSRF-checked)."""
    return [TokenAuth(), SessionAuth()]
