"""The « Note de crédit » reads right, and every write of credit names its author."""

from __future__ import annotations

import re
from decimal import Decimal as D
from typing import Any

import pytest
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from probanker.credit import services
from probanker.credit.models import ComplianceItem, CreditFile
from probanker.credit.tests.test_credit import ready_file
from probanker.credit.views import _context

pytestmark = pytest.mark.django_db


def note_html(file: CreditFile, user: Any) -> str:
    """The HTML the note's PDF is printed from."""
    request = RequestFactory().get("/")
    request.user = user
    context = _context(request, file)
    context["author"] = str(user)
    return render_to_string("credit/note.html", context)


def test_the_note_formats_every_figure_and_cites_the_right_code(manager1: Any) -> None:
    """Every amount and rate goes through the formatter (no « 20000.00 € », no
    « puis — € »), own contribution is said once, and the TEG rule cites art. R314-2
    of the Code de la consommation."""
    file = ready_file(manager1, natural_guarantee=True)
    services.set_rate(actor=manager1, file=file, rate=D("5.10"))
    html = note_html(file, manager1)
    assert "puis —" not in html
    assert "Apport (apport)" not in html
    assert not re.search(r"\d\.\d+\s*(€|%)", html), re.findall(r".{30}\d\.\d+\s*(?:€|%).{5}", html)
    assert "R314-2 CMF" not in html
    assert "R314-2 C. conso." in html
    assert "20\u202f000,00\u00a0€" in html  # the guarantee's cap, formatted
    # Labels and values in two columns that never overlap, long words wrapped.
    assert "overflow-wrap" in html


def test_every_credit_write_names_its_author(client: Client, manager1: Any) -> None:
    """Services run outside a request still record who acted: the file's history and
    its lines, products, guarantees and compliance items name the actor, and the
    client page's history shows the author."""
    file = ready_file(manager1, natural_guarantee=True)
    services.set_rate(actor=manager1, file=file, rate=D("5.10"))
    services.submit(actor=manager1, file=file, today=file.created_on)
    histories = [file.history.all()]
    histories += [m.history.filter(file=file) for m in (type(file.plan.first()),)]
    histories.append(type(file.products.first()).history.filter(file=file))
    histories.append(type(file.guarantees.first()).history.filter(file=file))
    histories.append(ComplianceItem.history.filter(file=file))
    for rows in histories:
        assert rows.exists()
        assert {r.history_user_id for r in rows} == {manager1.pk}, rows.model
    statuses = [h.status for h in file.history.order_by("history_date", "history_id")]
    assert statuses[-1] == "soumis"
    client.force_login(manager1)
    page = client.get(f"/credits/{file.pk}/").content.decode()
    assert page.count(f"— {manager1} :") == file.history.count()
    client_page = client.get(f"/clients/{file.party_id}/").content.decode()
    assert str(manager1) in client_page.split("Historique", 1)[-1]
