"""The activity report's sources and the case study's pseudonymisation."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from probanker.certification.casestudy import case_study, choose_client, pseudonyms
from probanker.certification.documents import activity_sections
from probanker.credit.services import create_file
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import PartyFactory, PartyRoleFactory

pytestmark = pytest.mark.django_db


def test_the_activity_report_counts_the_files_set_up_in_the_period(manager1: Any) -> None:
    """Two files opened in March, one in June: March gives 2, with their client named."""
    party = PartyFactory(manager=manager1, name="Garage Martin")
    for day in (dt.date(2026, 3, 2), dt.date(2026, 3, 20), dt.date(2026, 6, 1)):
        create_file(actor=manager1, party=party, purpose="equipement", description="", today=day)
    sections = {
        s.label: s for s in activity_sections(manager1, dt.date(2026, 3, 1), dt.date(2026, 3, 31))
    }
    files = sections["Dossiers de crédit montés"]
    assert files.count == 2
    assert [i.day for i in files.items] == [dt.date(2026, 3, 2), dt.date(2026, 3, 20)]
    assert "Garage Martin" in files.items[0].text


def test_the_case_study_keeps_the_figures_and_replaces_the_identity(manager1: Any) -> None:
    """Name, SIREN, city and people replaced, the same each time; the CAF is the client's."""
    party = PartyFactory(manager=manager1, name="Cabinet Durand", city="Tours")
    PartyRoleFactory(party=party, role="partner")
    fiscal_year(party, manager1, year=2024, receipts=90_000)
    assert choose_client(manager1) == party
    study = case_study(party)
    names = study.pseudonyms
    assert names == pseudonyms(party)  # consistent
    assert names.name != party.name
    assert names.siren != party.siren
    assert names.city != "Tours"
    person = party.roles.get().person
    assert str(person.last_name) not in study.roles[0][0]
    assert study.scrub("Cabinet Durand à Tours") == f"{names.name} à {names.city}"
    # Figures kept: the diagnosis' own analysis of the real client, 90 000 € of receipts.
    from probanker.diagnosis.analysis import analyse_party

    assert study.analysis.caf_row == analyse_party(party).caf_row
    assert study.analysis.sig_rows[0][1] == [90_000]
