"""Rows of the client list, rendered in Python.

The client list is the most requested page of the product; drawing its rows
with ``format_html`` instead of the template engine halves its rendering
time (see ``bench/web.py``). The markup is what the template would produce.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django import template
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe

from probanker.core.formatting import amount
from probanker.parties.choices import Segment

register = template.Library()
SEGMENTS = {value: str(label) for value, label in Segment.choices}


@register.simple_tag
def client_rows(parties: Iterable[Any], show_manager: bool) -> SafeString:
    """``<tr>`` of each party: name (link), SIREN, segment, NAF, form, city, totals."""
    detail = reverse("client", args=[0])[:-2]  # "/clients/" prefix
    rows = []
    for party in parties:
        prospect = (
            mark_safe(' <span class="tag">prospect</span>') if party.kind == "prospect" else ""
        )
        manager = format_html("<td>{}</td>", party.manager) if show_manager else ""
        rows.append(
            (
                f"{detail}{party.pk}/",
                party.name,
                prospect,
                party.siren or "—",
                SEGMENTS.get(party.segment, party.segment),
                party.naf.label,
                party.naf_id,
                party.legal_form,
                party.city,
                manager,
                format_html_join(
                    "",
                    '<td class="num">{}</td>',
                    ((amount(value or 0, 0),) for value in party.figures.values()),
                ),
            )
        )
    if not rows:
        return mark_safe('<tr><td colspan="9">Aucun client ne correspond à ces critères.</td></tr>')
    return format_html_join(
        "\n",
        '<tr><th scope="row"><a href="{}">{}</a>{}</th><td>{}</td><td>{}</td>'
        '<td><abbr title="{}">{}</abbr></td><td>{}</td><td>{}</td>{}{}</tr>',
        rows,
    )
