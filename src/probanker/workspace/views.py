"""The client page and « Ma journée »: parse, compose from the registries, render."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from probanker.core.access import day_managers, get_visible_or_404
from probanker.core.pagecache import cache_per_session
from probanker.parties.models import Party
from probanker.workspace.composition import panels_for, widgets_for


@cache_per_session
def home(request: HttpRequest) -> HttpResponse:
    """« Ma journée »: the day's work of the user's portfolio, block by block.

    A director (and the bank-wide roles) may narrow it to one manager with
    ``?charge=<id>``.
    """
    today = timezone.localdate()
    managers, selected = day_managers(request)
    context = {
        "today": today,
        "widgets": widgets_for(request, today),
        "managers": managers,
        "selected_manager": selected,
    }
    return render(request, "workspace/home.html", context)


def client_page(request: HttpRequest, party_id: int) -> HttpResponse:
    """The client 360: every registered section that applies to the party."""
    party = get_visible_or_404(Party.objects.for_client_page(), request, pk=party_id)
    context = {"party": party, "panels": panels_for(request, party), "today": timezone.localdate()}
    return render(request, "workspace/client.html", context)
