"""The register of complaints: its rows, CSV and XLSX exports, and the yearly figures.

What a bank reports on its complaints (ACPR 2022-R-01): for a year of receipt, by
typology, product and channel, the count, the share acknowledged and answered
within their deadlines, the average handling time (calendar days from receipt to
answer), the outcomes and the referrals to the mediator.

A deadline counts once it is *due* on the reference day (met or passed): a
complaint received yesterday is not yet « late » nor « on time ». An answer sent
within the acknowledgment's delay counts as the acknowledgment (2022-R-01).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from probanker.complaints.models import Complaint, Outcome
from probanker.reports.tables import Column, Table

HUNDRED = Decimal(100)


def acknowledged_in_time(c: Complaint) -> bool | None:
    """On time, late, or ``None`` while neither (not done, deadline not passed)."""
    done = [d for d in (c.acknowledged_on, c.holding_reply_on, c.answered_on) if d is not None]
    return min(done) <= c.acknowledge_by if done else None


def answered_in_time(c: Complaint) -> bool | None:
    """Answer on time (the final answer's deadline after a holding reply), late, or ``None``."""
    if c.answered_on is not None:
        return c.answered_on <= c.answer_deadline
    return None


def _due_result(done: bool | None, deadline: dt.date, today: dt.date) -> bool | None:
    if done is not None:
        return done
    return False if deadline < today else None


def share(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with one decimal (``None`` without a denominator)."""
    if not denominator:
        return None
    return (HUNDRED * numerator / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class Figures:
    """The figures of one group of complaints (a typology, a product, a channel, all)."""

    label: str
    count: int = 0
    ack_due: int = 0
    ack_on_time: int = 0
    answer_due: int = 0
    answer_on_time: int = 0
    answered: int = 0
    handling_days: int = 0
    outcomes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(Outcome.values, 0))
    mediator: int = 0

    def add(self, c: Complaint, today: dt.date) -> None:
        self.count += 1
        ack = _due_result(acknowledged_in_time(c), c.acknowledge_by, today)
        if ack is not None:
            self.ack_due += 1
            self.ack_on_time += ack
        ans = _due_result(answered_in_time(c), c.answer_deadline, today)
        if ans is not None:
            self.answer_due += 1
            self.answer_on_time += ans
        if c.answered_on is not None:
            self.answered += 1
            self.handling_days += (c.answered_on - c.received_on).days
            if c.outcome:
                self.outcomes[c.outcome] += 1
        self.mediator += c.mediator_referred_on is not None

    @property
    def ack_share(self) -> Decimal | None:
        return share(self.ack_on_time, self.ack_due)

    @property
    def answer_share(self) -> Decimal | None:
        return share(self.answer_on_time, self.answer_due)

    @property
    def average_days(self) -> Decimal | None:
        """Average calendar days from receipt to answer, one decimal."""
        if not self.answered:
            return None
        return (Decimal(self.handling_days) / self.answered).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class YearFigures:
    year: int
    total: Figures
    by_typology: list[Figures]
    by_product: list[Figures]
    by_channel: list[Figures]


def _grouped(
    rows: list[Complaint], key: Callable[[Complaint], str], today: dt.date
) -> list[Figures]:
    groups: dict[str, Figures] = {}
    for c in rows:
        label = key(c)
        groups.setdefault(label, Figures(label)).add(c, today)
    return sorted(groups.values(), key=lambda f: (-f.count, f.label))


def year_figures(complaints: Iterable[Complaint], year: int, today: dt.date) -> YearFigures:
    """The figures of the complaints received in ``year``, as seen on ``today``."""
    rows = [c for c in complaints if c.received_on.year == year]
    total = Figures("Toutes")
    for c in rows:
        total.add(c, today)
    return YearFigures(
        year=year,
        total=total,
        by_typology=_grouped(rows, lambda c: c.get_typology_display(), today),
        by_product=_grouped(
            rows, lambda c: c.product.label if c.product else "Sans produit", today
        ),
        by_channel=_grouped(rows, lambda c: c.get_channel_display(), today),
    )


def _text(label: str) -> Column:
    return Column(label)


def _date(label: str) -> Column:
    return Column(label, "date")


COLUMNS = (
    Column("N°", "int"), _text("Agence"), _text("Client"), _text("Auteur"), _text("Canal"),
    _date("Envoyée le"), _date("Reçue le"), _text("Typologie"), _text("Produit"),
    _text("Service de paiement"), _text("Objet"), _date("Accusé au plus tard"),
    _date("Accusé le"), _date("Réponse au plus tard"), _date("Réponse définitive au plus tard"),
    _date("Réponse d'attente le"), _date("Répondue le"), _text("Issue"),
    Column("Remboursement (€)", "amount"), _text("Geste commercial"), _text("Niveau"),
    _date("Médiateur saisi le"), _text("Cause racine"), _text("Action corrective"),
)  # fmt: skip


def register_table(complaints: Iterable[Complaint], year: int) -> Table:
    """One line per complaint of the year, typed: the CSV writes dates and amounts the
    French way, the XLSX keeps them as dates and numbers a spreadsheet sorts and sums."""
    rows = [
        [
            c.pk, c.branch.name, c.party.name, c.get_complainant_type_display(),
            c.get_channel_display(), c.sent_on, c.received_on, c.get_typology_display(),
            c.product.label if c.product else "", "oui" if c.payment_service else "non",
            c.subject, c.acknowledge_by, c.acknowledged_on, c.answer_by, c.final_answer_by,
            c.holding_reply_on, c.answered_on, c.get_outcome_display(), c.refund, c.gesture,
            c.get_level_display(), c.mediator_referred_on, c.root_cause, c.corrective_action,
        ]
        for c in complaints
    ]  # fmt: skip
    return Table(f"reclamations-{year}", f"Réclamations {year}", COLUMNS, rows)
