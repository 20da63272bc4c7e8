"""RGAA 4.1: reference data, the official texts loaded, the compliance rate as the RGAA
defines it, the statement's level, the audit pages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client

from probanker.core.testing import shared_data
from probanker.core.tests.factories import UserFactory
from probanker.parties import rgaa_services
from probanker.parties.models import RgaaCriterion, RgaaTheme
from probanker.parties.rgaa import Compliance, compliance, criterion_codes, criterion_verdict

D = dt.date


@pytest.mark.django_db
def test_the_13_themes_and_106_criteria_ship_with_the_migrations() -> None:
    assert RgaaTheme.objects.count() == 13
    assert RgaaCriterion.objects.count() == 106 == len(criterion_codes())
    assert RgaaTheme.objects.get(number=11).criteria.count() == 13  # Formulaires
    assert RgaaCriterion.objects.filter(theme_id=13).last().code == "13.12"  # type: ignore[union-attr]


def test_a_criterion_conforms_when_it_conforms_wherever_it_applies() -> None:
    """One NC on a page makes it NC; C and NA give C; NA everywhere gives NA."""
    assert criterion_verdict(["C", "NC", "C"]) == "NC"
    assert criterion_verdict(["C", "NA", "C"]) == "C"
    assert criterion_verdict(["NA", "NA"]) == "NA"
    assert criterion_verdict([]) is None


def test_the_rate_is_conforming_over_applicable_criteria() -> None:
    """Four criteria over two pages: 1.1 C/C, 1.2 C/NC, 2.1 NA/NA, 3.1 NA/C →
    C = 2 (1.1, 3.1), NC = 1 (1.2), NA = 1: rate 2 / 3 = 66,67 % → partiellement conforme."""
    figures = compliance(
        {"1.1": ["C", "C"], "1.2": ["C", "NC"], "2.1": ["NA", "NA"], "3.1": ["NA", "C"]},
        ["1.1", "1.2", "2.1", "3.1"],
    )
    assert figures == Compliance(conform=2, not_conform=1, not_applicable=1, not_evaluated=0)
    assert str(figures.rate) == "66.67"
    assert figures.level == "partiellement conforme"


@pytest.mark.parametrize(
    ("conform", "not_conform", "level"),
    [(10, 0, "totalement conforme"), (5, 5, "partiellement conforme"),
     (49, 51, "non conforme"), (0, 0, "non conforme")],
)  # fmt: skip
def test_the_statements_level(conform: int, not_conform: int, level: str) -> None:
    """100 % totalement; from 50 % partiellement; below 50 % (or nothing applicable) non."""
    assert Compliance(conform, not_conform, 0, 0).level == level


@pytest.mark.django_db
def test_load_rgaa_reads_the_official_criteria_file() -> None:
    """Real file (skips without ../shared/data): the 106 titles and tests, glossary links
    removed; a second load changes nothing."""
    path = shared_data("rgaa", "rgaa_4.1_criteres.json")
    call_command("load_rgaa", str(path))
    first = RgaaCriterion.objects.get(code="1.1")
    assert (
        first.title
        == "Chaque image porteuse d’information a-t-elle une alternative textuelle\u00a0?"
    )
    assert "1.1.1 Non-text Content (A)" in first.wcag
    assert len(RgaaCriterion.objects.get(code="11.1").tests) >= 1
    assert not RgaaCriterion.objects.filter(title="").exists()
    call_command("load_rgaa", str(path))
    assert RgaaCriterion.objects.filter(title="").count() == 0


@pytest.mark.django_db
def test_load_rgaa_refuses_a_file_missing_criteria_and_loads_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "criteres.json"
    topic = {"number": 1, "criteria": [{"criterium": {"number": 1, "title": "Images ?"}}]}
    bad.write_text(json.dumps({"topics": [topic]}), encoding="utf-8")
    with pytest.raises(SystemExit) as info:
        call_command("load_rgaa", str(bad))
    assert info.value.code == 1
    assert "105 critère(s) absent(s)" in capsys.readouterr().err
    assert RgaaCriterion.objects.get(code="1.1").title == ""


@pytest.mark.django_db
def test_an_audit_its_results_and_its_statement(client: Client) -> None:
    """Two pages: 8.5 C on both, 11.1 NC on the form page: rate 1 / 2 = 50 % →
    « partiellement conforme », 11.1 listed with its note."""
    officer = UserFactory(username="referent", role="complaints", branch=None)
    audit = rgaa_services.create_audit(
        actor=officer, title="Audit 2026", scope="L'espace professionnel", auditor="Équipe",
        audited_on=D(2026, 6, 1), samples=[("page", "Accueil", "/"), ("page", "Contact", "/c")],
    )  # fmt: skip
    home, form = audit.samples.all()
    rgaa_services.record_results(actor=officer, sample=home, results={"8.5": ("C", "")})
    rgaa_services.record_results(
        actor=officer, sample=form,
        results={"8.5": ("C", ""), "11.1": ("NC", "Champ « SIREN » sans étiquette")},
    )  # fmt: skip
    figures = rgaa_services.audit_figures(audit).compliance
    assert (figures.conform, figures.not_conform, figures.not_evaluated) == (1, 1, 104)
    client.force_login(officer)
    html = client.get(f"/accessibilite/declaration/?audit={audit.pk}").content.decode()
    assert "<strong>partiellement conforme</strong>" in html
    assert "Champ « SIREN » sans étiquette" in html
    assert "Déclaration provisoire" in html
    page = client.post(
        f"/accessibilite/audit/saisie/?audit={audit.pk}&echantillon={home.pk}",
        {"v_8.5": "NC", "n_8.5": "Titre absent"},
    )
    assert page.status_code == 302
    assert rgaa_services.audit_figures(audit).compliance.not_conform == 2
    assert client.get("/accessibilite/audit/?audit=999999").status_code == 404


@pytest.mark.django_db
def test_a_manager_reads_but_does_not_write(client: Client, manager1: Any) -> None:
    client.force_login(manager1)
    assert client.get("/accessibilite/").status_code == 200
    data = {"form": "concertation", "concertation-held_on": "2026-06-01",
            "concertation-association": "UNADEV", "concertation-topic": "PDF",
            "concertation-decisions": "Documents balisés"}  # fmt: skip
    assert client.post("/accessibilite/", data).status_code == 403
