"""What prospecting contributes: the menu entry, the origin of a prospect in its
history, and « nouveaux installés » on « Ma journée »."""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest

from probanker.core import registry
from probanker.prospecting import models

NEW_DAYS = 30  # « nouveaux installés »: created within the last 30 days
DAY_LIST_LIMIT = 8


def newcomers_widget(request: HttpRequest, today: dt.date) -> dict[str, Any] | None:
    """Establishments created in the last 30 days in the branch's territory and sectors.

    Hidden (``None``) when the branch has no territory or no register is imported.
    """
    from probanker.prospecting.register.search import Criteria, SearchError, search
    from probanker.prospecting.views import decorate, territory_of

    territory = territory_of(request.user)
    if territory is None:
        return None
    since = today - dt.timedelta(days=NEW_DAYS)
    try:
        criteria = Criteria.build(
            departements=territory.departement_list, communes=territory.commune_list,
            naf=territory.naf_list, created_since=since, limit=DAY_LIST_LIMIT,
        )  # fmt: skip
    except SearchError:
        return None  # a territory typed wrong shows nothing rather than the whole country
    result = search(criteria)
    if not result.available:
        return None
    query = {"commune": ", ".join(territory.commune_list),
             "departement": ", ".join(territory.departement_list),
             "naf": ", ".join(territory.naf_list), "created_since": since.isoformat()}  # fmt: skip
    return {
        "count": result.count,
        "rows": decorate(result.rows, request),
        "since": since,
        "more": result.count > len(result.rows),
        "query": urlencode({k: v for k, v in query.items() if v}),
    }


def register() -> None:
    """Called from ``ProspectingConfig.ready()``."""
    registry.menu_entries.register(
        registry.MenuEntry("prospecting", "Prospection", "prospecting:search", 35,
                           action="prospecting.view"),
    )  # fmt: skip
    registry.day_widgets.register(
        registry.DayWidget("nouveaux-installes", "Nouveaux installés", 60,
                           "prospecting/widgets/newcomers.html", newcomers_widget,
                           action="prospecting.view"),
    )  # fmt: skip
    registry.history_sources.register(
        registry.HistorySource("prospect_source", models.ProspectSource, "Origine du prospect"),
    )
