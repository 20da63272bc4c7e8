"""Renewals of lines, usury ceilings on « Ma journée », the guarantors' letters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.test import Client

from probanker.banking.tests.factories import ContractFactory, product
from probanker.core.services import DomainError
from probanker.credit.models import CreditFile, FileStatus
from probanker.credit.renewals import due_renewals, renew
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def overdraft_line(manager: Any, today: dt.date, expiry: dt.date | None = None) -> Any:
    """An 8 000 € overdraft of a client of ``manager``, expiring in 70 days by default."""
    party = PartyFactory(manager=manager, name="Imprimerie Vidal")
    account = ContractFactory(party=party)
    return ContractFactory(party=party, product=product("overdraft"), account=account, balance=0,
                           authorised_limit=D(8000), rate=D("9.5"),
                           limit_expiry=expiry or today + dt.timedelta(days=70))  # fmt: skip


def test_a_line_has_one_open_renewal_file(client: Client, manager1: Any) -> None:
    """Opening the renewal twice leads to the file in progress, never to a second file;
    the renewals list links to that file instead of offering « Ouvrir le dossier »."""
    today = dt.date.today()
    line = overdraft_line(manager1, today)
    client.force_login(manager1)
    first = client.post(f"/credits/renouvellements/{line.pk}/")
    file = CreditFile.objects.get(party=line.party)
    assert file.renews_contract == line
    second = client.post(f"/credits/renouvellements/{line.pk}/")
    assert CreditFile.objects.filter(party=line.party).count() == 1
    assert first["Location"] == second["Location"] == f"/credits/{file.pk}/"
    with pytest.raises(DomainError, match="déjà en cours"):
        renew(actor=manager1, contract=line, today=today)
    [renewal] = due_renewals(line.party.contracts.all(), today)
    assert renewal.open_file == file
    page = client.get("/credits/renouvellements/").content.decode()
    assert f'href="/credits/{file.pk}/"' in page
    assert "Ouvrir le dossier" not in page


def test_a_decided_renewal_lets_the_line_be_renewed_again(manager1: Any) -> None:
    """Only files in progress block: once decided, the line may be renewed anew."""
    today = dt.date.today()
    line = overdraft_line(manager1, today)
    file = renew(actor=manager1, contract=line, today=today)
    CreditFile.objects.filter(pk=file.pk).update(status=FileStatus.DECIDED)
    assert renew(actor=manager1, contract=line, today=today).pk != file.pk
    [renewal] = due_renewals(line.party.contracts.all(), today)
    assert renewal.open_file is not None
    assert renewal.open_file.pk != file.pk


def test_renewing_a_line_without_expiry(client: Client, manager1: Any) -> None:
    """A line without an expiry date renews too (no server error): the description
    simply names no expiry."""
    today = dt.date.today()
    line = overdraft_line(manager1, today)
    line.limit_expiry = None
    line.save()
    client.force_login(manager1)
    response = client.post(f"/credits/renouvellements/{line.pk}/")
    file = CreditFile.objects.get(party=line.party)
    assert response["Location"] == f"/credits/{file.pk}/"
    assert "échéance" not in file.description


def test_a_missing_usury_ceiling_shows_on_the_administrators_day(client: Client) -> None:
    """When no ceiling covers the current quarter, « Ma journée » of the administrator
    (who holds ``usury.change``) says so, with the quarter and the way to record it;
    once recorded, the block goes away. A manager does not see it."""
    from probanker.core.tests.factories import UserFactory
    from probanker.credit.models import UsuryRate
    from probanker.credit.services import add_usury_rate, missing_usury_quarters

    today = dt.date.today()
    start = dt.date(today.year, (today.month - 1) // 3 * 3 + 1, 1)
    UsuryRate.objects.filter(end__gte=start).delete()
    assert missing_usury_quarters(today)[0][0] == start
    admin = UserFactory(username="adm", role="admin", branch=None)
    client.force_login(admin)
    page = client.get("/").content.decode()
    assert "Taux d'usure à renseigner" in page
    assert f"{start:%d/%m/%Y}" in page
    assert 'href="/credits/usure/"' in page
    client.force_login(UserFactory(username="mgr", role="manager"))
    assert "Taux d'usure à renseigner" not in client.get("/").content.decode()
    end = dt.date(start.year + (start.month + 2) // 12, (start.month + 2) % 12 + 1, 1)
    add_usury_rate(actor=admin, start=start, end=end - dt.timedelta(days=1), rate=D("19.10"))
    if end - today > dt.timedelta(days=15):  # next quarter's ceiling not yet due
        client.force_login(admin)
        assert "Taux d'usure à renseigner" not in client.get("/").content.decode()


def test_demo_ceilings_are_marked_as_such(client: Client) -> None:
    """A ceiling recorded as a demo value (not the published one) says so on the page."""
    from probanker.core.tests.factories import UserFactory
    from probanker.credit.services import add_usury_rate

    admin = UserFactory(username="adm", role="admin", branch=None)
    add_usury_rate(actor=admin, start=dt.date(2030, 1, 1), end=dt.date(2030, 3, 31),
                   rate=D("18.81"), demo_value=True)  # fmt: skip
    client.force_login(admin)
    page = client.get("/credits/usure/").content.decode()
    assert "18,81" in page
    assert "valeur de démonstration" in page
