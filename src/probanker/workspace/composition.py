"""Compose the client page and « Ma journée » from what each app registered.

The workspace knows no capability: it reads ``core.registry`` in order, keeps
the records the user's role may use (``core.permissions.can``) and that apply to
the party, and renders each contribution's partial with its own context. The
registries themselves cost no query: only the contributions' contexts do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

from probanker.core.permissions import can
from probanker.core.registry import ClientPanel, DayWidget, client_panels, day_widgets


@dataclass(frozen=True)
class RenderedPanel:
    """One section of the client page, or a tab leading to a page of its own."""

    key: str
    title: str
    html: SafeString | None = None
    url: str | None = None


def _allowed(user: Any, action: str | None) -> bool:
    return action is None or can(user, action)


def panels_for(request: HttpRequest, party: Any) -> list[RenderedPanel]:
    """The client page's sections and tabs for this user and this party, in order."""
    panels: list[RenderedPanel] = []
    for panel in client_panels:
        if not _allowed(request.user, panel.action):
            continue
        if panel.applies_to is not None and not panel.applies_to(party):
            continue
        rendered = _render_panel(request, party, panel)
        if rendered is not None:
            panels.append(rendered)
    return panels


def _render_panel(request: HttpRequest, party: Any, panel: ClientPanel) -> RenderedPanel | None:
    if panel.link is not None:
        return RenderedPanel(panel.key, panel.title, url=panel.link(party))
    context: dict[str, Any] = {"party": party, "panel": panel}
    if panel.context is not None:
        extra = panel.context(request, party)
        if extra is None:
            return None
        context.update(extra)
    html = render_to_string(panel.template, context, request=request)
    return RenderedPanel(panel.key, panel.title, html=SafeString(html))


@dataclass(frozen=True)
class RenderedWidget:
    key: str
    title: str
    html: SafeString


def widgets_for(request: HttpRequest, today: dt.date) -> list[RenderedWidget]:
    """« Ma journée »'s blocks for this user, in order (empty ones hidden if asked)."""
    widgets: list[RenderedWidget] = []
    for widget in day_widgets:
        if not _allowed(request.user, widget.action):
            continue
        rendered = _render_widget(request, today, widget)
        if rendered is not None:
            widgets.append(rendered)
    return widgets


def _render_widget(
    request: HttpRequest, today: dt.date, widget: DayWidget
) -> RenderedWidget | None:
    extra = widget.context(request, today)
    if extra is None or (widget.hide_when_empty and not extra.get("count")):
        return None
    context = {"widget": widget, "today": today, **extra}
    html = render_to_string(widget.template, context, request=request)
    return RenderedWidget(widget.key, widget.title, SafeString(html))
