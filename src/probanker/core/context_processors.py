"""Context shared by every page: the main menu for the user's role."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from probanker.core.permissions import can
from probanker.core.registry import menu_entries


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    section: str
    current: bool = False


def navigation(request: HttpRequest) -> dict[str, object]:
    """The registered menu entries the user's role may use, in their order.

    Each app registers its entries (``core.registry.menu_entries``) with the
    action they need; the current section is the longest matching prefix
    (``/`` only exactly).
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    items = [
        MenuItem(e.label, reverse(e.url_name), e.key)
        for e in menu_entries
        if (e.action is None or can(user, e.action)) and (e.visible is None or e.visible(user))
    ]
    path = request.path
    matches = [i for i in items if (path == i.url if i.url == "/" else path.startswith(i.url))]
    current = max(matches, key=lambda i: len(i.url)) if matches else None
    return {"menu": [MenuItem(i.label, i.url, i.section, current=i is current) for i in items]}
