"""Credit files: figures, compliance rules, delegation paths, immutable decisions, pages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from probanker.core.services import DomainError
from probanker.core.tests.factories import UserFactory
from probanker.credit import services
from probanker.credit.models import ComplianceItem, CreditFile, Decision, DelegationLimit
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db
TODAY = dt.date(2026, 11, 27)


def ready_file(manager: Any, amount: D = D(40000), natural_guarantee: bool = False) -> CreditFile:
    """A complete file: balanced plan, one loan, documents received."""
    party = PartyFactory(
        manager=manager, kyc_status="complete", kyc_next_review=dt.date(2030, 1, 1)
    )
    fiscal_year(party, manager)
    file = services.create_file(
        actor=manager, party=party, purpose="equipement", description="Four", today=TODAY
    )
    services.add_line(
        actor=manager, file=file, side="besoin", label="Four", amount=amount + D(10000)
    )
    services.add_line(
        actor=manager,
        file=file,
        side="ressource",
        label="Apport",
        amount=D(10000),
        own_contribution=True,
    )
    services.add_line(actor=manager, file=file, side="ressource", label="Prêt", amount=amount)
    services.add_product(
        actor=manager, file=file, kind="pret", amount=amount, rate=D("4.50"), months=60
    )
    if natural_guarantee:
        services.add_guarantee(
            actor=manager,
            file=file,
            kind="caution_physique",
            value=D(300000),
            limit=D(20000),
            guarantor="M. Martin",
            yearly_income=D(40000),
            net_assets=D(50000),
            mention_words="vingt mille euros",
            warning_2299=True,
        )
    for code in ("kbis", "identite", "assurance"):
        services.tick(actor=manager, file=file, rule_code=code, today=TODAY)
    return file


def states(file: CreditFile) -> dict[str, str]:
    return {i.rule.code: i.state for i in file.compliance.select_related("rule")}


def test_compliance_rules_follow_the_file(manager1: Any) -> None:
    file = ready_file(manager1)
    assert states(file) == {
        "assurance": "conforme", "identite": "conforme", "kbis": "conforme",
        "kyc": "conforme", "liasses": "conforme", "teg": "conforme",
    }  # fmt: skip
    services.add_product(
        actor=manager1, file=file, kind="decouvert", amount=D(5000), rate=D("19.5")
    )
    assert states(file)["usure"] == "manquant"  # no ceiling known for 2026: not proven
    services.add_guarantee(actor=manager1, file=file, kind="caution_physique", value=D(100000),
                           limit=D(50000), mention_words="cinq mille euros")  # fmt: skip
    after = states(file)
    assert after["mention-caution"] == "manquant"  # words ≠ figures
    assert after["mise-en-garde"] == "manquant"
    with pytest.raises(DomainError, match="Mention manuscrite"):
        services.submit(actor=manager1, file=file, today=TODAY)


def test_figures_schedule_teg_coverage_pricing(manager1: Any) -> None:
    file = ready_file(manager1, natural_guarantee=True)
    services.set_rate(actor=manager1, file=file, rate=D("5.00"))
    figures = services.file_figures(file)
    assert figures.plan_balanced
    [loan] = figures.products
    assert loan.teg is not None
    assert loan.teg.teg == D("4.5000")
    assert figures.exposure == D(40000)
    assert figures.secured == D(20000)  # the caution's limit
    assert figures.coverage_ratio == D("50.0")
    assert figures.pricing is not None
    assert figures.pricing.covers_costs
    mention = figures.guarantees[0].mention
    assert mention is not None
    assert mention.ok
    assert figures.dscr_after is not None


@pytest.mark.parametrize(
    ("amount", "status", "level"),
    [(D(40000), "sain", "manager"), (D(40000), "surveillance", "director"),
     (D(150000), "sain", "director"), (D(150000), "degrade", "committee"),
     (D(1000), "defaut", "committee"), (D(20000), "degrade", "director")],
)  # fmt: skip
def test_delegation_grid(amount: D, status: str, level: str) -> None:
    assert services.required_level(amount, status) == level


def test_decision_paths_and_immutability(manager1: Any, manager2: Any, director: Any) -> None:
    file = ready_file(manager1)
    services.submit(actor=manager1, file=file, today=TODAY)
    assert file.level == "manager"
    with pytest.raises(DomainError, match="délégation"):
        services.decide(actor=manager2, file=file, outcome="accord", conditions="")
    services.escalate(actor=manager1, file=file)
    assert file.level == "director"
    with pytest.raises(DomainError, match="délégation"):
        services.decide(actor=manager1, file=file, outcome="accord", conditions="")
    with pytest.raises(DomainError, match="conditions"):
        services.decide(actor=director, file=file, outcome="refus", conditions=" ")
    decision = services.decide(actor=director, file=file, outcome="accord_conditions",
                               conditions="Caution du dirigeant à 50 %.")  # fmt: skip
    decision.conditions = "autre chose"
    with pytest.raises(ValidationError):
        decision.save()
    with pytest.raises(ValidationError):
        decision.delete()
    assert Decision.objects.get().conditions == "Caution du dirigeant à 50 %."
    with pytest.raises(DomainError, match="soumis"):
        services.add_line(actor=manager1, file=file, side="besoin", label="x", amount=D(1))


def test_committee_decides_large_files(manager1: Any) -> None:
    committee = UserFactory(username="comite", role="committee", branch=None)
    file = ready_file(manager1, amount=D(500000))
    services.submit(actor=manager1, file=file, today=TODAY)
    assert file.level == "committee"
    services.decide(actor=committee, file=file, outcome="accord", conditions="")
    assert file.status == "decide"


def test_grid_edited_by_admin_only(manager1: Any) -> None:
    from django.core.exceptions import PermissionDenied

    admin = UserFactory(username="adm", role="admin", branch=None)
    # A role without ``credit.grid.change`` is refused by the service (core.permissions).
    with pytest.raises(PermissionDenied):
        services.update_limit(actor=manager1, level="manager", worst_status="sain", max_amount=D(1))
    services.update_limit(actor=admin, level="manager", worst_status="sain", max_amount=D(80000))
    row = DelegationLimit.objects.get(level="manager", worst_status="sain")
    assert row.max_amount == D(80000)
    assert row.history.latest().history_change_reason.startswith("modifié par")


def test_pages_forms_pdf_and_access(client: Client, manager1: Any, manager2: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = client.post(
        f"/credits/nouveau/{party.pk}/", {"purpose": "tresorerie", "description": ""}
    )
    file = CreditFile.objects.get()
    assert response["Location"] == f"/credits/{file.pk}/"
    url = f"/credits/{file.pk}/"
    client.post(url + "produit/", {"kind": "pret", "amount": "30 000", "rate": "4,2", "months": "48",
                                   "loan_type": "annuity", "frequency": "monthly", "deferral": "none"})  # fmt: skip
    client.post(url + "garantie/", {"kind": "bpifrance", "value": "30000", "quota": "50"})
    client.post(url + "taux/", {"rate": "4,2"})
    html = client.get(url).content.decode()
    assert "TEG 4,20\u00a0%" in html
    assert "garanti 15" in html  # 50 % of 30,000 by Bpifrance
    bad = client.post(url + "produit/", {"kind": "pret", "amount": "1000", "rate": "4", "months": "7",
                                         "loan_type": "annuity", "frequency": "quarterly",
                                         "deferral": "none"}, follow=True)  # fmt: skip
    assert "multiple de la périodicité" in bad.content.decode()
    blocked = client.post(url + "soumettre/", follow=True).content.decode()
    assert "déséquilibré" in blocked or "manquants" in blocked
    pdf = client.get(url + "note.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")
    client.force_login(manager2)
    assert client.get(url).status_code == 404
    assert client.post(url + "taux/", {"rate": "1"}).status_code == 404
    assert party.name not in client.get("/credits/").content.decode()
    assert ComplianceItem.objects.filter(file=file).exists()


def test_renewals_and_guarantor_letters(client: Client, manager1: Any, manager2: Any) -> None:
    from probanker.banking.tests.factories import ContractFactory, product
    from probanker.credit.models import GuarantorLetter
    from probanker.credit.renewals import due_renewals, generate_letters
    from probanker.parties.tests.factories import PartyRoleFactory

    today = dt.date.today()
    party = PartyFactory(manager=manager1, name="Imprimerie Vidal")
    account = ContractFactory(party=party)
    line = ContractFactory(party=party, product=product("overdraft"), account=account, balance=0,
                           authorised_limit=D(8000), rate=D("9.5"),
                           limit_expiry=today + dt.timedelta(days=70))  # fmt: skip
    ContractFactory(party=party, product=product("equipment_loan"), balance=D("42000.00"))
    [renewal] = due_renewals(party.contracts.all(), today)
    assert renewal.decide_by == line.limit_expiry - dt.timedelta(days=60)
    client.force_login(manager1)
    page = client.get("/credits/renouvellements/").content.decode()
    assert "Imprimerie Vidal" in page
    response = client.post(f"/credits/renouvellements/{line.pk}/")
    file = CreditFile.objects.get(party=party)
    assert response["Location"] == f"/credits/{file.pk}/"
    assert file.products.get().amount == D(8000)
    guarantor = PartyRoleFactory(party=party, role="guarantor")
    assert generate_letters(today) == 1
    assert generate_letters(today) == 0  # once per year
    letter = GuarantorLetter.objects.get()
    assert (letter.kind, letter.principal) == ("2302", D("42000.00"))
    assert letter.due_on == dt.date(today.year, 3, 31)
    assert letter.guarantor == guarantor.person
    pdf = client.get(f"/credits/lettres/{letter.pk}.pdf")
    assert pdf.content.startswith(b"%PDF-")
    client.post(f"/credits/lettres/{letter.pk}/envoyee/")
    letter.refresh_from_db()
    assert letter.sent_on == today
    client.force_login(manager2)
    assert client.get(f"/credits/lettres/{letter.pk}.pdf").status_code == 404
    assert client.post(f"/credits/renouvellements/{line.pk}/").status_code == 404


def test_rate_under_the_floor_goes_up_a_level(manager1: Any) -> None:
    file = ready_file(manager1)
    services.set_rate(actor=manager1, file=file, rate=D("2.00"))  # below funding + costs
    services.submit(actor=manager1, file=file, today=TODAY)
    assert file.level == "director"  # 40,000 € for a healthy client: the manager's, but not at 2 %


def overdrawn_lake(manager: Any, lake_dir: Any) -> Any:
    """An account overdrawn by 3,650 € the 10 days before TODAY, in credit the 29 before."""
    import pyarrow as pa

    from probanker import lake
    from probanker.banking.tests.factories import ContractFactory

    account = ContractFactory(party=PartyFactory(manager=manager))
    days = [TODAY - dt.timedelta(days=n) for n in range(1, 40)]
    rows = [
        {"account_id": account.pk, "party_id": account.party_id, "date": day,
         "balance_cents": -365_000 if (TODAY - day).days <= 10 else 10_000,
         "limit_cents": 500_000, "month": lake.month_of(day)}
        for day in days
    ]  # fmt: skip
    lake.replace_dataset(lake_dir, lake.BALANCES, pa.Table.from_pylist(rows, lake.BALANCES.schema))
    return account


def test_quarter_agios_from_the_lake(manager1: Any, settings: Any, tmp_path: Any) -> None:
    settings.LAKE_DIR = tmp_path
    account = overdrawn_lake(manager1, tmp_path)
    agios = services.quarter_agios(account.party, TODAY, rate=D(10))
    assert agios.days_overdrawn == 10
    assert agios.interest == D("10.00")  # 3,650 € × 10 days × 10 % / 365
    assert agios.commission == D("1.83")  # 0.05 % of 3,650 €


def test_quarter_agios_wait_while_compaction_holds_the_lake(
    manager1: Any, settings: Any, tmp_path: Any
) -> None:
    """The agios read takes the lake's shared lock: it waits for an exclusive holder."""
    from probanker.lake.tests.locking import Background, held_elsewhere

    settings.LAKE_DIR = tmp_path
    account = overdrawn_lake(manager1, tmp_path)
    with held_elsewhere(tmp_path, exclusive=True):  # as compaction does, in its process
        read = Background(lambda: services.quarter_agios(account.party, TODAY, rate=D(10)))
        assert not read.done(within=0.5)
    assert read.join().interest == D("10.00")


def test_a_decided_file_renews_into_a_fresh_draft(client: Client, manager1: Any) -> None:
    file = ready_file(manager1, natural_guarantee=True)
    services.submit(actor=manager1, file=file, today=TODAY)
    services.decide(actor=manager1, file=file, outcome="accord", conditions="")
    client.force_login(manager1)
    response = client.post(f"/credits/{file.pk}/renouveler/")
    new = CreditFile.objects.exclude(pk=file.pk).get()
    assert response["Location"] == f"/credits/{new.pk}/"
    assert (new.renewal_of, new.status) == (file, "brouillon")
    assert new.products.count() == 1
    assert new.plan.count() == 3
    assert states(new)["mise-en-garde"] == "manquant"  # a new commitment needs a new warning
    page = client.get("/credits/renouvellements/").content.decode()
    assert "Revues annuelles" in page


def test_usury_rates_are_data_edited_by_an_administrator(client: Client, manager1: Any) -> None:
    from probanker.credit.models import UsuryRate

    assert UsuryRate.objects.filter(rate=D("18.81")).exists()  # seeded from DOMAIN.md
    file = ready_file(manager1)
    services.add_product(
        actor=manager1, file=file, kind="decouvert", amount=D(5000), rate=D("15.00")
    )
    assert states(file)["usure"] == "manquant"  # no ceiling known for 2026 yet
    admin = UserFactory(username="adm2", role="admin", branch=None)
    client.force_login(manager1)
    assert (
        client.post(
            "/credits/usure/", {"start": "2026-10-01", "end": "2026-12-31", "rate": "18,5"}
        ).status_code
        == 403
    )
    client.force_login(admin)
    client.post("/credits/usure/", {"start": "2026-10-01", "end": "2026-12-31", "rate": "18,5"})
    services.refresh_compliance(file)
    assert states(file)["usure"] == "conforme"  # 15 % under 18.5 %
    assert "18,50\u00a0%" in client.get("/credits/usure/").content.decode()  # the formatter's


def test_a_decision_recorded_meanwhile_refuses_the_second(manager1: Any) -> None:
    """Two decisions of one file: the second sees the first (a clear refusal, no crash)."""
    file = ready_file(manager1)
    services.submit(actor=manager1, file=file, today=TODAY)
    stale = CreditFile.objects.get(pk=file.pk)  # read before the first decision
    services.decide(actor=manager1, file=file, outcome="accord", conditions="")
    with pytest.raises(DomainError, match="soumis"):
        services.decide(actor=manager1, file=stale, outcome="accord", conditions="")
    assert Decision.objects.filter(file=file).count() == 1
