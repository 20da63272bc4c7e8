"""Context shared by every page: the main menu for the user's role."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse


@dataclass(frozen=True)
class MenuItem:
    label: str
    url: str
    section: str
    current: bool = False


def navigation(request: HttpRequest) -> dict[str, object]:
    """The menu entries the user may use, in DESIGN.md's order.

    Only capabilities that exist are listed; later modules add theirs here.
    """
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"menu": []}
    items = [
        MenuItem("Ma journée", reverse("home"), "home"),
        MenuItem("Clients", reverse("parties:list"), "clients"),
        MenuItem("Comptes et produits", reverse("banking:contracts"), "contracts"),
        MenuItem("Crédits", reverse("credit:list"), "credit"),
        MenuItem("Risques", reverse("risk:alerts"), "risk"),
    ]
    if user.is_director or user.sees_all_branches:
        items.append(MenuItem("Réaffectations", reverse("parties:reassign"), "reassign"))
    path = request.path
    # The longest matching prefix is the current section ("/" only exactly).
    matches = [i for i in items if (path == i.url if i.url == "/" else path.startswith(i.url))]
    current = max(matches, key=lambda i: len(i.url)) if matches else None
    marked = [MenuItem(i.label, i.url, i.section, current=i is current) for i in items]
    return {"menu": marked}
