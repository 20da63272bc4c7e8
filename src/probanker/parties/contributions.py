"""What parties contributes to the workstation: client-page sections, history
sources, menu entries and the KYC block of « Ma journée »."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from probanker.core import registry
from probanker.core.access import day_visible
from probanker.core.permissions import can
from probanker.parties import models

KYC_HORIZON_DAYS = 30
DAY_LIST_LIMIT = 10


def identity_context(request: HttpRequest, party: models.Party) -> dict[str, Any]:
    """The identity section, with the reassignment form for those who may reassign."""
    from probanker.parties.filtersets import managers_visible
    from probanker.parties.forms import ReassignForm

    form = None
    if can(request.user, "party.reassign"):
        form = ReassignForm(managers=managers_visible(request))
    return {"reassign_form": form}


def people_context(request: HttpRequest, party: models.Party) -> dict[str, Any]:
    """People and roles (prefetched by the page) and the links both ways."""
    links = list(party.links.select_related("other").all()) + list(
        party.linked_from.select_related("party").all()
    )
    return {"links": links}


def accessibility_context(request: HttpRequest, party: models.Party) -> dict[str, Any]:
    return {"accessibility": getattr(party, "accessibility", None)}


def kyc_context(request: HttpRequest, party: models.Party) -> dict[str, Any]:
    """The KYC facts, the beneficial owners and what the file lacks."""
    return {
        "today": timezone.localdate(),
        "beneficial_owners": party.beneficial_owners(),
        "kyc_checks": party.kyc_checks(),
    }


def kyc_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Clients whose KYC review is overdue or falls due within 30 days."""
    due = (
        day_visible(models.Party, request)
        .clients()
        .filter(kyc_next_review__lte=today + dt.timedelta(days=KYC_HORIZON_DAYS))
        .order_by("kyc_next_review", "name")
    )
    # Two queries whatever the size: the count, then one page of rows.
    count = due.count()
    rows = list(due.only("pk", "name", "kyc_next_review")[:DAY_LIST_LIMIT]) if count else []
    return {"count": count, "rows": rows, "today": today}


def register() -> None:
    """Called from ``PartiesConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("identite", "Identité", 10, "parties/panels/identity.html",
                             identity_context, action="party.view"),
        registry.ClientPanel("personnes", "Personnes et liens", 20, "parties/panels/people.html",
                             people_context, action="party.view"),
        registry.ClientPanel("accessibilite", "Accessibilité", 70,
                             "parties/panels/accessibility.html", accessibility_context,
                             action="party.view"),
        registry.ClientPanel("kyc", "Connaissance client (KYC)", 80, "parties/panels/kyc.html",
                             kyc_context, action="party.view",
                             applies_to=lambda party: party.kind == "client"),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("party", models.Party, "Fiche client", "id"),
        registry.HistorySource("establishment", models.Establishment, "Établissement"),
        registry.HistorySource("party_role", models.PartyRole, "Personne liée"),
        registry.HistorySource("party_link", models.PartyLink, "Lien entre tiers"),
        registry.HistorySource("accessibility", models.AccessibilityProfile, "Accessibilité"),
    )
    registry.menu_entries.register(
        registry.MenuEntry("clients", "Clients", "parties:list", 20, action="party.view"),
        registry.MenuEntry("reassign", "Réaffectations", "parties:reassign", 80,
                           action="party.reassign"),
        # The RGAA audits are the accessibility referent's work (rgaa.change).
        registry.MenuEntry("rgaa", "Accessibilité", "rgaa:overview", 90,
                           action="rgaa.change"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("kyc", "Révisions KYC", 70, "parties/widgets/kyc.html", kyc_widget,
                           action="party.change", hide_when_empty=True),
    )  # fmt: skip
