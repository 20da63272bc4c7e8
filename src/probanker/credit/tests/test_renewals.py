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


def test_overdue_letters_are_marked_on_the_renewals_page(client: Client, manager1: Any) -> None:
    """An unsent letter past its send-by date says « en retard » on the renewals page
    (and on « Ma journée »); a sent letter or one still in time does not."""
    from probanker.credit.tests.factories import GuarantorLetterFactory

    today = dt.date.today()
    party = PartyFactory(manager=manager1)
    late = GuarantorLetterFactory(party=party, due_on=today - dt.timedelta(days=1))
    GuarantorLetterFactory(party=party, due_on=today + dt.timedelta(days=10),
                           reference_date=dt.date(2024, 12, 31))  # fmt: skip
    GuarantorLetterFactory(party=party, due_on=today - dt.timedelta(days=3), sent_on=today,
                           reference_date=dt.date(2023, 12, 31))  # fmt: skip
    assert late.overdue(today)
    client.force_login(manager1)
    page = client.get("/credits/renouvellements/").content.decode()
    assert page.count("(en retard)") == 1
    assert f"{late.due_on:%d/%m/%Y} (en retard)" in page
    assert client.get("/").content.decode().count("(en retard)") == 1


def _incident(party: Any, as_of: dt.date, days: int) -> None:
    """The client has been past due for ``days`` days at ``as_of``."""
    from probanker.risk.tests.factories import ClientRiskFactory

    ClientRiskFactory(party=party, as_of=as_of, days_past_due=days, past_due_cents=45_000)


@pytest.mark.parametrize(
    ("today", "days", "due_on"),
    [
        # Incident on 23/11 not cured by 30/11: due 5 business days after the month's end.
        (dt.date(2026, 12, 2), 9, dt.date(2026, 12, 7)),
        # Incident on 03/11, seen late on 15/12: the date still follows the incident.
        (dt.date(2026, 12, 15), 42, dt.date(2026, 12, 7)),
        # Incident on 20/11, still within its month on 27/11: no letter yet.
        (dt.date(2026, 11, 27), 7, None),
    ],
)
def test_first_incident_letter_follows_the_incident(
    manager1: Any, today: dt.date, days: int, due_on: dt.date | None
) -> None:
    """Art. 2303: the letter is owed once the first incident is not cured by the end of
    the month of its due date; its send-by date follows the incident, not the run."""
    from probanker.credit.models import GuarantorLetter
    from probanker.credit.renewals import generate_letters
    from probanker.parties.tests.factories import PartyRoleFactory

    party = PartyFactory(manager=manager1)
    ContractFactory(party=party, product=product("equipment_loan"), balance=D("42000.00"))
    PartyRoleFactory(party=party, role="guarantor")
    _incident(party, today, days)
    generate_letters(today)
    letters = GuarantorLetter.objects.filter(kind="2303")
    assert [x.due_on for x in letters] == ([due_on] if due_on else [])
    if due_on:
        assert letters[0].reference_date == today - dt.timedelta(days=days)


def test_the_letter_names_sender_guarantor_amounts_cap_and_term(
    client: Client, manager1: Any, settings: Any
) -> None:
    """The annual letter states the sender (bank, branch and its address), the guarantor's
    address, the principal, interest and accessories outstanding at 31 December, and the
    cap and term of the guarantee; the PDF renders it."""
    from django.template.loader import render_to_string

    from probanker.credit.models import GuarantorLetter
    from probanker.credit.renewals import generate_letters
    from probanker.credit.views import letter_context
    from probanker.parties.tests.factories import PartyRoleFactory, PersonFactory

    settings.PROBANKER_BANK_NAME = "Banque Exemple"
    branch = manager1.branch
    branch.address, branch.postcode, branch.city = "12 rue Nationale", "37000", "Tours"
    branch.save()
    today = dt.date(2027, 2, 10)
    party = PartyFactory(manager=manager1, branch=branch, name="Imprimerie Vidal")
    ContractFactory(party=party, product=product("equipment_loan"), balance=D("42000.00"),
                    rate=D("4.80"), opened_on=dt.date(2024, 3, 15))  # fmt: skip
    person = PersonFactory(first_name="Jean", last_name="Vidal",
                           address="3 allée des Tilleuls\n37100 Tours")  # fmt: skip
    PartyRoleFactory(party=party, person=person, role="guarantor",
                     guarantee_limit=D(50000), guarantee_end=dt.date(2031, 6, 30))  # fmt: skip
    generate_letters(today)
    letter = GuarantorLetter.objects.get()
    # 16 days of interest at 4.80 % on 42 000 € since the installment of 15/12 (ACT/360).
    assert letter.interest == D("89.60")
    html = render_to_string("credit/letter.html", letter_context(letter, today))
    for text in ("Banque Exemple", "Agence Une", "12 rue Nationale", "37000 Tours",
                 "3 allée des Tilleuls", "37100 Tours", "42\u202f000,00\u00a0€", "89,60\u00a0€",
                 "50\u202f000,00\u00a0€", "30/06/2031", "Accessoires"):  # fmt: skip
        assert text in html, text
    client.force_login(manager1)
    assert client.get(f"/credits/lettres/{letter.pk}.pdf").content.startswith(b"%PDF-")
