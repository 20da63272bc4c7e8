"""The yearly statistics of the seed's table, from what was recorded.

Per year of obtaining the CQP (the certifying deliberation's year): the number
certified, of whom through VAE, and the insertion rates — overall at 6 months,
in the target job at 6 months and at 2 years — over the certified whose
situation at that horizon is recorded (``None`` when none is: the seed's « - »).
Rates are whole percents, rounded half up.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from probanker.certification.models import AccessRoute, Deliberation, Outcome, OutcomeKind


@dataclass(frozen=True)
class YearFigures:
    year: int
    certified: int
    vae: int
    insertion_6_months: int | None
    target_job_6_months: int | None
    target_job_2_years: int | None
    outcomes_6_months: int
    outcomes_2_years: int


def rate(part: int, whole: int) -> int | None:
    """``part`` of ``whole`` in whole percents, half up; ``None`` when ``whole`` is 0."""
    if whole == 0:
        return None
    return int((Decimal(100 * part) / whole).quantize(Decimal(1), ROUND_HALF_UP))


def yearly_statistics() -> list[YearFigures]:
    """One row per year with someone certified, the latest year first."""
    firsts: dict[int, Deliberation] = {}
    for d in (
        Deliberation.objects.filter(certified=True)
        .select_related("candidate")
        .order_by("deliberated_on", "pk")
    ):
        firsts.setdefault(d.candidate_id, d)
    outcomes: dict[tuple[int, str], Outcome] = {
        (o.candidate_id, o.kind): o for o in Outcome.objects.filter(candidate_id__in=firsts)
    }
    years: dict[int, list[int]] = defaultdict(list)
    for candidate_id, d in firsts.items():
        years[d.deliberated_on.year].append(candidate_id)
    rows = []
    for year in sorted(years, reverse=True):
        ids = years[year]
        six = [o for c in ids if (o := outcomes.get((c, OutcomeKind.SIX_MONTHS)))]
        two = [o for c in ids if (o := outcomes.get((c, OutcomeKind.TWO_YEARS)))]
        rows.append(
            YearFigures(
                year=year,
                certified=len(ids),
                vae=sum(firsts[c].candidate.access_route == AccessRoute.VAE for c in ids),
                insertion_6_months=rate(sum(o.employed for o in six), len(six)),
                target_job_6_months=rate(sum(o.in_target_job for o in six), len(six)),
                target_job_2_years=rate(sum(o.in_target_job for o in two), len(two)),
                outcomes_6_months=len(six),
                outcomes_2_years=len(two),
            )
        )
    return rows
