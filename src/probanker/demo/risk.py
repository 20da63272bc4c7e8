"""Demo risk: a year of loan instalments, then the daily batch on the last business date.

Every loan is repaid monthly (the 5th); a deteriorating client's last two
instalments are unpaid, so a new user finds past-due loans, alerts,
degraded clients and their reasons on the first screen. The indicator
snapshots of the year's month ends are written first, as if the batch had
run then: days past due carry on from them beyond the 90-day window, so a
client beyond its limit for months is in default (CRR art. 178). The last
:data:`RUN_MONTHS` month ends run the risk step for real, so alerts open on
different dates over the months and some close before the demo's date.
"""

from __future__ import annotations

import datetime as dt

import pyarrow as pa

from probanker import lake
from probanker.banking.models import Contract
from probanker.batch import services as batch
from probanker.core.calendar import last_business_day_on_or_before
from probanker.demo.common import DemoState, PlannedParty
from probanker.risk.models import Alert
from probanker.risk.services import backfill_snapshots, run_risk

LOAN_PRODUCTS = ("equipment_loan", "real_estate_loan", "leasing")
RUN_MONTHS = 6  # month ends before the demo's date run through the risk step itself


def _month_ends(as_of: dt.date, count: int) -> list[dt.date]:
    """The last business day of each of the ``count`` months before ``as_of``'s, oldest first."""
    ends, first = [], as_of.replace(day=1)
    for _ in range(count):
        last = first - dt.timedelta(days=1)
        ends.append(last_business_day_on_or_before(last))
        first = last.replace(day=1)
    return ends[::-1]


def _months_back(as_of: dt.date, count: int) -> list[dt.date]:
    """The 5th of each of the ``count`` months up to ``as_of``, oldest first."""
    dates = []
    year, month = as_of.year, as_of.month
    if as_of.day < 5:
        month -= 1
    for _ in range(count):
        if month == 0:
            year, month = year - 1, 12
        dates.append(dt.date(year, month, 5))
        month -= 1
    return dates[::-1]


class RiskBuilder(DemoState):
    """Instalments of the demo's loans, and the first daily batch."""

    def build_risk(self, plans: list[PlannedParty]) -> None:
        troubled = {p.party.pk for p in plans if p.deteriorating}
        rows = []
        dues = _months_back(self.as_of, 12)
        loans = Contract.objects.filter(product__code__in=LOAN_PRODUCTS, closed_on__isnull=True)
        for contract_id, party_id, balance in loans.values_list("pk", "party_id", "balance"):
            instalment = int(balance * 100) // 60
            for index, due in enumerate(dues):
                unpaid = party_id in troubled and index >= len(dues) - 2
                paid_on = None if unpaid else due + dt.timedelta(days=self.rng.choice((0, 0, 1, 3)))
                rows.append(
                    {
                        "contract_id": contract_id,
                        "party_id": party_id,
                        "due_date": due,
                        "amount_due_cents": instalment,
                        "paid_date": paid_on if paid_on and paid_on <= self.as_of else None,
                        "amount_paid_cents": 0 if unpaid else instalment,
                        "month": f"{due:%Y-%m}",
                    }
                )
        lake.replace_dataset(
            self.config.lake_dir,
            lake.INSTALMENTS,
            pa.Table.from_pylist(rows, schema=lake.INSTALMENTS.schema),
        )
        self.progress("Échéances de prêts", len(rows), len(rows))
        # Month-end snapshots over the lake's year (month ends less than 90 days
        # apart), so that the runs past due of the last date count from their start.
        # Snapshots of an earlier demo describe other data: they go first.
        lake.remove_snapshots(self.config.lake_dir)
        ends = _month_ends(self.as_of, 11)
        backfill_snapshots(ends[:-RUN_MONTHS], lake_dir=self.config.lake_dir)
        self.progress("Indicateurs des fins de mois", len(ends), len(ends))
        # The last month ends are run for real: alerts open on those dates and
        # close when their condition no longer holds, statuses move over time.
        for day in ends[-RUN_MONTHS:]:
            run_risk(day, lake_dir=self.config.lake_dir)
        self.progress("Risques des fins de mois", RUN_MONTHS, RUN_MONTHS)
        # The whole daily batch, as `probanker daily` runs it: risk, then the
        # cases escalated and the guarantors' letters drawn up from its statuses.
        run = batch.run_daily(
            as_of=self.as_of, lake_dir=self.config.lake_dir, launched_by="démonstration"
        )
        failed = batch.failed_step(run)
        if failed is not None:
            raise RuntimeError(f"Traitement quotidien, étape « {failed.name} » : {failed.error}")
        risk = batch.step_counts(run, "risk")
        # The alerts open on the demo's date, whenever each was opened.
        self.summary.alerts = Alert.objects.open().count()
        clients = int(risk.get("clients", 0))
        self.progress("Traitement quotidien", clients, clients)
        self._send_earlier_letters()

    def _send_earlier_letters(self) -> None:
        """Most letters owed before the demo's date went out in time (a few days
        before their send-by date); one in eight is left late, to be seen."""
        from probanker.credit.models import GuarantorLetter

        letters = GuarantorLetter.objects.filter(sent_on__isnull=True, due_on__lt=self.as_of)
        for index, letter in enumerate(letters.select_related("party__manager").order_by("pk")):
            if index % 8 == 7:  # one in eight, whatever the draws: always a few to see
                continue
            sent = min(letter.due_on - dt.timedelta(days=self.rng.randint(3, 40)), self.as_of)
            letter.sent_on = max(sent, letter.reference_date + dt.timedelta(days=1))
            letter.sent_by = letter.party.manager
            letter._history_user = letter.party.manager  # type: ignore[attr-defined]
            letter.save()
