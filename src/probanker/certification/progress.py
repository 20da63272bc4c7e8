"""Where a candidate stands: the latest evaluation of each competency, the blocks held.

A block is *eligible* when the latest evaluation of every one of its
competencies is ``acquis`` (no partial validation of a block); it is *validated*
once a jury's deliberation has validated it, and stays so (capitalisation). The
CQP is obtained by the deliberation that finds the four blocks validated and the
AMF certification recorded.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from probanker.certification.models import (
    Block,
    Candidate,
    Competency,
    Deliberation,
    Evaluation,
    Result,
)


@dataclass(frozen=True)
class CompetencyStatus:
    competency: Competency
    latest: Evaluation | None

    @property
    def acquired(self) -> bool:
        return self.latest is not None and self.latest.result == Result.ACQUIRED


@dataclass(frozen=True)
class BlockStatus:
    block: Block
    competencies: tuple[CompetencyStatus, ...]
    validated_by: Deliberation | None  # the deliberation that validated the block

    @property
    def acquired(self) -> int:
        return sum(c.acquired for c in self.competencies)

    @property
    def total(self) -> int:
        return len(self.competencies)

    @property
    def eligible(self) -> bool:
        """Every competency acquired (latest evaluation): the jury may validate the block."""
        return self.total > 0 and self.acquired == self.total

    @property
    def validated(self) -> bool:
        return self.validated_by is not None

    @property
    def missing(self) -> list[Competency]:
        return [c.competency for c in self.competencies if not c.acquired]


def blocks() -> list[Block]:
    """The référentiel's blocks, with their competencies and modalities."""
    return list(Block.objects.prefetch_related("competencies", "modalities").order_by("order"))


def latest_evaluations(candidate: Candidate, on: dt.date | None = None) -> dict[int, Evaluation]:
    """competency id → its latest evaluation (by date, then by record), up to ``on``."""
    rows = Evaluation.objects.filter(candidate=candidate).select_related("modality", "evaluator")
    if on is not None:
        rows = rows.filter(evaluated_on__lte=on)
    latest: dict[int, Evaluation] = {}
    for row in rows.order_by("evaluated_on", "pk"):
        latest[row.competency_id] = row  # later rows replace earlier ones
    return latest


def validations(candidate: Candidate) -> dict[int, Deliberation]:
    """block id → the (first) deliberation that validated it."""
    found: dict[int, Deliberation] = {}
    for deliberation in (
        Deliberation.objects.filter(candidate=candidate)
        .prefetch_related("validated_blocks")
        .order_by("deliberated_on", "pk")
    ):
        for block in deliberation.validated_blocks.all():
            found.setdefault(block.pk, deliberation)
    return found


def block_statuses(candidate: Candidate, on: dt.date | None = None) -> list[BlockStatus]:
    """Each block of the référentiel for the candidate, in order."""
    latest = latest_evaluations(candidate, on)
    validated = validations(candidate)
    return [
        BlockStatus(
            block=block,
            competencies=tuple(
                CompetencyStatus(c, latest.get(c.pk)) for c in block.competencies.all()
            ),
            validated_by=validated.get(block.pk),
        )
        for block in blocks()
    ]


def certifying_deliberation(candidate: Candidate) -> Deliberation | None:
    """The deliberation that granted the CQP, if any."""
    return (
        Deliberation.objects.filter(candidate=candidate, certified=True)
        .order_by("deliberated_on", "pk")
        .first()
    )
