"""``{% load permissions %}{% if user|can:"party.change" %}``: templates ask the table."""

from __future__ import annotations

from typing import Any

from django import template

from probanker.core import permissions

register = template.Library()


@register.filter
def can(user: Any, action: str) -> bool:
    """Whether ``user`` may perform ``action`` (``core.permissions.PERMISSIONS``)."""
    return permissions.can(user, action)
