"""Realism of one built demo (issue 11): figures a banker would find believable.

One demo is built for the whole module (a few minutes otherwise per test);
each test reads it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import defaultdict
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
import pytest
from django.db import transaction
from django.test import override_settings

from probanker import lake
from probanker.demo.activities import ACTIVITIES, TOWNS
from probanker.demo.common import DemoConfig, DemoSummary
from probanker.demo.flows import EMPLOYER_MIN_SHARE
from probanker.demo.generator import build_demo
from probanker.demo.names import FEMALE_FIRST_NAMES, MALE_FIRST_NAMES, SURNAMES
from probanker.diagnosis.models import FecImport, FiscalYear
from probanker.diagnosis.summaries import figures_from_json, ratios_of_figures
from probanker.parties.models import Party, PartyRole, Person

AS_OF = dt.date(2026, 6, 30)
# SMIC brut 2026 for 35 h a week, and the employer's cost at low wages after the
# general reduction of employer contributions (about 1.3 times the gross wage).
SMIC_MONTHLY = Decimal(1823)
EMPLOYER_COST_YEAR = SMIC_MONTHLY * Decimal("1.3") * 12
BAND_MINIMUM = {"01": 1, "02": 3, "03": 6, "11": 10, "12": 20, "21": 50}


@pytest.fixture(scope="module")
def demo(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[DemoSummary, Path]]:
    """A 150-client demo, built once and rolled back after the module's tests."""
    var = tmp_path_factory.mktemp("var")
    config = DemoConfig(clients=150, seed=11, as_of=AS_OF, lake_dir=var / "lake")
    with (
        django_db_blocker.unblock(),
        override_settings(VAR_DIR=var, LAKE_DIR=var / "lake"),
        transaction.atomic(),
    ):
        summary = build_demo(config)
        yield summary, var
        transaction.set_rollback(True)


def _fec_payroll(path: Path) -> Decimal:
    """Wages and social charges (accounts 64) booked in a demo FEC, in euros."""
    total = Decimal(0)
    lines = path.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        cols = line.split("|")
        if cols[4].startswith("64"):
            debit, credit = (Decimal(c.replace(",", ".") or 0) for c in (cols[11], cols[12]))
            total += debit - credit
    return total


@pytest.mark.django_db
def test_payroll_pays_at_least_the_minimum_wage_per_employee(
    demo: tuple[DemoSummary, Path],
) -> None:
    _, var = demo
    employers = Party.objects.filter(kind="client", headcount_band__in=BAND_MINIMUM)
    assert employers.count() > 20
    bands = dict(employers.values_list("pk", "headcount_band"))
    floor = {pk: BAND_MINIMUM[band] * EMPLOYER_COST_YEAR for pk, band in bands.items()}
    checked = 0
    for fec in FecImport.objects.filter(party_id__in=bands):
        payroll = _fec_payroll(var / "demo" / "fec" / fec.file_name)
        assert payroll >= floor[fec.party_id], (fec.file_name, payroll, bands[fec.party_id])
        checked += 1
    assert checked > 20
    movements = lake.read_dataset(var / "lake", lake.MOVEMENTS)
    year = movements.filter(
        pc.and_(
            pc.greater(movements["booking_date"], pa_scalar(AS_OF - dt.timedelta(days=365))),
            pc.is_in(movements["family"], pa_values(["salaries", "tax_social"])),
        )
    )
    paid: dict[int, int] = defaultdict(int)
    for row in year.filter(pc.invert(pc.match_substring(year["label"], "TVA"))).to_pylist():
        paid[row["party_id"]] -= row["amount_cents"]
    # The account carries at least EMPLOYER_MIN_SHARE of an employer's business, wages
    # included (the rest runs through its other bank).
    for pk, minimum in floor.items():
        least = minimum * Decimal(str(EMPLOYER_MIN_SHARE))
        assert Decimal(paid[pk]) / 100 >= least, (pk, paid[pk], bands[pk])


def pa_values(values: list[str]) -> Any:
    return pa.array(values)


def pa_scalar(value: dt.date) -> Any:
    return pa.scalar(value)


def _latest_ratios() -> dict[str, dict[str, list[Decimal]]]:
    """Per NAF division, each ratio of every client's latest fiscal year."""
    seen: set[int] = set()
    values: dict[str, dict[str, list[Decimal]]] = defaultdict(lambda: defaultdict(list))
    rows = FiscalYear.objects.filter(source="fec").order_by("party_id", "-end")
    for year in rows.select_related("party__naf"):
        if year.party_id in seen:
            continue
        seen.add(year.party_id)
        figures = figures_from_json(year.summary["figures"])
        for code, ratio in ratios_of_figures(figures, year.source).items():
            if ratio.value is not None:
                values[year.party.naf.division_id][code].append(ratio.value)
    return values


@pytest.mark.django_db
def test_clients_of_one_sector_have_their_own_ratios(demo: tuple[DemoSummary, Path]) -> None:
    """Peers' quartiles are spread: no ratio is the same for every client of a division."""
    divisions = {
        d: r for d, r in _latest_ratios().items() if len(r) and max(map(len, r.values())) >= 8
    }
    assert divisions
    for division, ratios in divisions.items():
        for code, values in ratios.items():
            if len(values) < 8:
                continue
            distinct = len(set(values))
            assert distinct >= len(values) * 0.6, (division, code, sorted(values))


@pytest.mark.django_db
def test_growth_is_drawn_per_client_not_round_percents(demo: tuple[DemoSummary, Path]) -> None:
    summary, _ = demo
    growths = []
    by_party: dict[int, list[Decimal]] = defaultdict(list)
    for party_id, sig in (
        FiscalYear.objects.exclude(party__name__in=summary.deteriorating)
        .order_by("party_id", "end")
        .values_list("party_id", "summary__sig")
    ):
        by_party[party_id].append(Decimal(sig["chiffre_affaires"]))
    for turnovers in by_party.values():
        for before, after in itertools.pairwise(turnovers):
            if before > 0:
                growths.append(((after / before - 1) * 100).quantize(Decimal("0.1")))
    assert len(growths) > 100
    round_percents = sum(1 for g in growths if g == g.to_integral_value())
    assert round_percents < len(growths) * 0.3, sorted(growths)
    assert len(set(growths)) > len(growths) * 0.5


@pytest.mark.django_db
def test_alerts_open_over_the_year_and_some_close(demo: tuple[DemoSummary, Path]) -> None:
    from probanker.risk.models import Alert

    summary, _ = demo
    assert summary.alerts == Alert.objects.filter(closed_on__isnull=True).count()
    opened = set(Alert.objects.values_list("opened_on", flat=True))
    assert len(opened) >= 4
    assert min(opened) <= AS_OF - dt.timedelta(days=90)
    assert Alert.objects.filter(closed_on__isnull=False).exists()
    assert Alert.objects.filter(closed_on__isnull=True).exists()


@pytest.mark.django_db
def test_scis_have_at_least_two_partners_owning_all_shares(
    demo: tuple[DemoSummary, Path],
) -> None:
    scis = Party.objects.filter(legal_form="SCI")
    assert scis.exists()
    for sci in scis:
        roles = PartyRole.objects.filter(party=sci, role__in=["principal", "partner"])
        assert roles.count() >= 2, sci.name
        assert sum(r.share_percent or 0 for r in roles) == 100, sci.name


@pytest.mark.django_db
def test_credit_files_have_every_purpose_over_the_year(demo: tuple[DemoSummary, Path]) -> None:
    from probanker.credit.models import CreditFile, Purpose

    files = CreditFile.objects.all()
    assert set(files.values_list("purpose", flat=True)) == set(Purpose.values)
    opened = sorted(files.values_list("created_on", flat=True))
    assert opened[-1] <= AS_OF
    assert (opened[-1] - opened[0]).days >= 180
    assert len(set(opened)) >= len(opened) - 1
    for file in files.exclude(submitted_on=None):
        assert file.created_on <= file.submitted_on <= AS_OF


@pytest.mark.django_db
def test_people_bear_common_french_names(demo: tuple[DemoSummary, Path]) -> None:
    """First names from a list of usual ones; business names from people and real towns."""
    first_names = set(Person.objects.values_list("first_name", flat=True))
    assert first_names <= set(MALE_FIRST_NAMES) | set(FEMALE_FIRST_NAMES)
    people = Person.objects.values_list("first_name", "last_name")
    tails = {last for _, last in people} | {f"{f} {last}" for f, last in people}
    tails |= {city for _, city, _ in TOWNS} | set(SURNAMES)
    prefixes = {p for a in ACTIVITIES for p in a.name_prefixes} | {"Holding", "SCI"}
    titles = {a.person_title for a in ACTIVITIES if a.person_title}
    # Prospects found in the SIRENE extract (directly or referred by their SIRET) bear the
    # register's denominations (upper case).
    drawn = Party.objects.exclude(prospect_source__siret__gt="")
    for name, form in drawn.values_list("name", "legal_form"):
        base = re.sub(rf" {re.escape(form)}$", "", name).removesuffix(" Immo")
        assert any(base == f"{p} {t}" for p in prefixes | titles for t in tails), name


@pytest.mark.django_db
def test_flows_entrusted_and_credit_production_read_like_a_branch(
    demo: tuple[DemoSummary, Path],
) -> None:
    """Most clients run most of their business through us, some split it with another
    bank, a few keep us as their second bank; credits are decided all year long."""
    from probanker.credit.models import Decision
    from probanker.portfolio.models import ClientFigures

    rows = ClientFigures.objects.exclude(flows_share=None)
    shares = list(rows.values_list("flows_share", flat=True))
    assert len(shares) > 50
    low = sum(1 for s in shares if s < Decimal("0.5"))
    high = sum(1 for s in shares if s >= Decimal("0.8"))
    assert 0 < low < len(shares) * 0.25, sorted(shares)
    assert len(shares) * 0.4 < high < len(shares) * 0.95, sorted(shares)
    decided = Decision.objects.filter(decided_at__date__lte=AS_OF)
    months = {d.month for d in decided.values_list("decided_at", flat=True)}
    assert decided.count() >= 25
    assert len(months) >= 8, months
