"""What credit contributes to the workstation: the credit files section of the
client page, the files' histories, the menu entry, and three blocks of « Ma
journée »: lines to decide before their notice date, guarantor letters to send,
the files awaiting the user's decision, and (for the administrator) the usury
ceilings missing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest

from probanker.core import registry
from probanker.core.access import day_visible
from probanker.credit import models

DAY_LIST_LIMIT = 10


def files_context(request: HttpRequest, party: Any) -> dict[str, Any]:
    """The party's credit files, newest first, with their decision."""
    files = list(
        models.CreditFile.objects.filter(party=party)
        .select_related("decision")
        .order_by("-created_on", "-pk")
    )
    return {"files": files}


def renewals_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Lines expiring within the window, soonest first, with the date to decide by."""
    from probanker.banking.models import Contract
    from probanker.credit.renewals import due_renewals

    renewals = due_renewals(day_visible(Contract, request), today)
    return {"count": len(renewals), "rows": renewals[:DAY_LIST_LIMIT], "today": today}


def letters_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Guarantor letters not sent yet, the most urgent first."""
    letters = (
        day_visible(models.GuarantorLetter, request)
        .filter(sent_on__isnull=True)
        .select_related("party", "guarantor")
        .order_by("due_on", "pk")
    )
    # Two queries whatever the size: the count, then one page of rows.
    count = letters.count()
    rows = list(letters[:DAY_LIST_LIMIT]) if count else []
    return {"count": count, "rows": rows, "today": today}


def decisions_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """Submitted files that the user's level decides (manager, director or committee)."""
    from probanker.credit.services import may_decide

    submitted = (
        day_visible(models.CreditFile, request)
        .filter(status=models.FileStatus.SUBMITTED)
        .select_related("party")
        .order_by("submitted_on", "pk")
    )
    rows = [f for f in submitted if may_decide(request.user, f)]  # type: ignore[arg-type]
    return {"count": len(rows), "rows": rows[:DAY_LIST_LIMIT], "today": today}


def usury_widget(request: HttpRequest, today: dt.date) -> dict[str, Any]:
    """The usury ceilings the administrator has to record: the current quarter's
    (overdrafts cannot be checked without it) and, near the quarter's end, the next."""
    from probanker.credit.services import missing_usury_quarters

    rows = missing_usury_quarters(today)
    return {"count": len(rows), "rows": [(s, e, s <= today) for s, e in rows], "today": today}


def _files_set_up(user: Any, start: dt.date, end: dt.date) -> Any:
    return models.CreditFile.objects.filter(created_by=user, created_on__range=(start, end))


def files_count(user: Any, start: dt.date, end: dt.date) -> int:
    """Credit files the user opened in the period (for their certification report)."""
    return int(_files_set_up(user, start, end).count())


def files_items(user: Any, start: dt.date, end: dt.date) -> list[registry.ActivityItem]:
    """Each file opened in the period: its client, its purpose and where it stands."""
    return [
        registry.ActivityItem(
            f.created_on,
            f"Dossier n° {f.pk} — {f.party.name} : {f.get_purpose_display()} "
            f"({f.get_status_display().lower()})",
        )
        for f in _files_set_up(user, start, end)
        .select_related("party")
        .order_by("created_on", "pk")
    ]


def register() -> None:
    """Called from ``CreditConfig.ready()``."""
    registry.client_panels.register(
        registry.ClientPanel("credits", "Crédits", 50, "credit/panels/files.html",
                             files_context, action="credit.view"),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("credit_file", models.CreditFile, "Dossier de crédit",
                               describe=lambda r: f"n° {r.id}"),
        registry.HistorySource("financing_line", models.FinancingLine, "Plan de financement",
                               "file__party_id", describe=lambda r: f"dossier n° {r.file_id}"),
        registry.HistorySource("requested_product", models.RequestedProduct, "Produit demandé",
                               "file__party_id", describe=lambda r: f"dossier n° {r.file_id}"),
        registry.HistorySource("file_guarantee", models.FileGuarantee, "Garantie",
                               "file__party_id", describe=lambda r: f"dossier n° {r.file_id}"),
        registry.HistorySource("compliance_item", models.ComplianceItem, "Conformité",
                               "file__party_id", describe=lambda r: f"dossier n° {r.file_id}"),
        registry.HistorySource("guarantor_letter", models.GuarantorLetter,
                               "Lettre à la caution"),
    )  # fmt: skip
    registry.activity_sources.register(
        registry.ActivitySource("credit_files", "Dossiers de crédit montés", 40,
                                files_count, files_items),
    )  # fmt: skip
    registry.menu_entries.register(
        registry.MenuEntry("credit", "Crédits", "credit:list", 40, action="credit.view"),
    )
    registry.day_widgets.register(
        registry.DayWidget("decisions", "Dossiers de crédit à décider", 35,
                           "credit/widgets/decisions.html", decisions_widget,
                           action="credit.decide"),
        registry.DayWidget("renouvellements", "Lignes à renouveler", 40,
                           "credit/widgets/renewals.html", renewals_widget,
                           action="credit.change"),
        registry.DayWidget("usure", "Taux d'usure à renseigner", 30,
                           "credit/widgets/usury.html", usury_widget,
                           action="usury.change", hide_when_empty=True),
        registry.DayWidget("lettres", "Lettres aux cautions à envoyer", 50,
                           "credit/widgets/letters.html", letters_widget,
                           action="letter.mark_sent", hide_when_empty=True),
    )  # fmt: skip
