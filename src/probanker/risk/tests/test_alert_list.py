"""The alert list: one row per client, and alerts taken in charge by a colleague."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.utils import timezone

from probanker.core.services import DomainError
from probanker.parties.tests.factories import PartyFactory
from probanker.risk.models import Alert
from probanker.risk.services import take_alert
from probanker.risk.tests.factories import AlertFactory, rule

pytestmark = pytest.mark.django_db


def _rows(html: str) -> list[str]:
    body = htmllib.unescape(html).split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    return re.findall(r"<tr>.*?</tr>", body, flags=re.S)


def test_a_client_with_several_alerts_is_one_row(client: Client, manager1: Any) -> None:
    """Three alerts of one client and one of another make two rows, worst client first."""
    many = PartyFactory(manager=manager1, name="Garage Martin")
    one = PartyFactory(manager=manager1, name="Fleurs Durand")
    for code in ("rejets-30j", "depassement-30j", "autorisation-saturee"):
        AlertFactory(party=many, rule=rule(code))
    AlertFactory(party=one, rule=rule("baisse-flux-trimestre"))
    client.force_login(manager1)
    rows = _rows(client.get("/risques/?vue=ouvertes").content.decode())
    assert len(rows) == 2
    assert "Garage Martin" in rows[0]
    assert "Fleurs Durand" in rows[1]
    for label in ("Rejets et impayés répétés", "Dépassements d'autorisation"):
        assert label in rows[0]
    assert 'severity-3"' in rows[0]


def test_a_manager_takes_an_alert_in_charge(client: Client, manager1: Any) -> None:
    """The POST records who and when; the list then says so and offers no second take."""
    alert = AlertFactory(party=PartyFactory(manager=manager1))
    client.force_login(manager1)
    page = client.get("/risques/?vue=ouvertes").content.decode()
    assert "Prendre en charge" in page
    response = client.post(f"/risques/alertes/{alert.pk}/prendre-en-charge/", follow=True)
    alert.refresh_from_db()
    assert alert.taken_by == manager1
    assert alert.taken_at is not None
    today = timezone.localdate(alert.taken_at).strftime("%d/%m/%Y")
    page = client.get("/risques/?vue=ouvertes").content.decode()
    assert f"Pris en charge par {manager1} le {today}" in page
    assert "Prendre en charge" not in page
    assert "prise en charge" in response.content.decode()


def test_an_alert_is_taken_once_and_only_while_open(manager1: Any, director: Any) -> None:
    """A second take names the colleague; a closed alert cannot be taken."""
    alert = AlertFactory(party=PartyFactory(manager=manager1))
    take_alert(actor=manager1, alert=alert)
    with pytest.raises(DomainError, match="déjà prise en charge par"):
        take_alert(actor=director, alert=alert)
    closed = AlertFactory(party=alert.party, closed_on=dt.date(2026, 6, 30))
    with pytest.raises(DomainError, match="close"):
        take_alert(actor=manager1, alert=closed)


def test_only_roles_holding_alert_take_may_take(client: Client, risk_analyst: Any) -> None:
    """The risk analyst sees the alerts but does not take them (403, nothing recorded)."""
    alert = AlertFactory()
    with pytest.raises(PermissionDenied):
        take_alert(actor=risk_analyst, alert=alert)
    client.force_login(risk_analyst)
    assert client.post(f"/risques/alertes/{alert.pk}/prendre-en-charge/").status_code == 403
    assert Alert.objects.get(pk=alert.pk).taken_by is None
