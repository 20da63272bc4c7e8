"""The risk step of the daily batch: indicators → snapshot → alerts → client status.

:func:`run_risk` is idempotent for a business date: the snapshot of that date
is replaced atomically (a folder renamed into place, so no half-written
snapshot is ever visible), and a rerun of the same date revises the alerts of
the earlier run in place, in one transaction (see :func:`apply_alerts`): an
alert keeps its id, so a case opened from it keeps its evidence. Runs are
meant to go forward in time, one business date after the other; each date's
runs of consecutive days past due carry on from the latest earlier snapshot
(``engine.carry_runs``), so a default beyond the 90-day window is seen.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone

from probanker.banking.models import Contract
from probanker.banking.services import credit_q
from probanker.core.formatting import euros_from_cents
from probanker.core.models import User
from probanker.core.pagecache import bump_data_version
from probanker.core.permissions import require
from probanker.core.registry import signal_providers
from probanker.core.services import DomainError
from probanker.parties.models import Party
from probanker.risk.compute import compute_snapshot
from probanker.risk.models import (
    Alert,
    AlertRule,
    ClientRisk,
    Comparator,
    Level,
    RiskRun,
    RiskStatus,
)

if TYPE_CHECKING:
    import pyarrow as pa


RETAIL_MATERIALITY_CENTS = 10_000  # €100 (ECB, retail)
NON_RETAIL_MATERIALITY_CENTS = 50_000  # €500 (non-retail)
MATERIALITY_SHARE_BP = 100  # 1 % of the exposure, at the same time


@dataclass
class RunSummary:
    as_of: dt.date
    engine: str
    accounts: int = 0
    clients: int = 0
    opened: int = 0
    closed: int = 0
    per_rule: Counter[str] = field(default_factory=Counter)
    statuses: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0
    since: dt.date | None = None  # the snapshot the daily step started from (None: full)

    def as_dict(self) -> dict[str, Any]:
        return {
            "as_of": self.as_of.isoformat(),
            "engine": self.engine,
            "accounts": self.accounts,
            "clients": self.clients,
            "alerts_opened": self.opened,
            "alerts_closed": self.closed,
            "alerts_by_rule": dict(sorted(self.per_rule.items())),
            "statuses": dict(sorted(self.statuses.items())),
            "seconds": round(self.seconds, 2),
        }


def signal_columns() -> dict[str, str]:
    """The signal table's columns and types: risk's own, then each provider's."""
    from probanker.risk import engine

    columns = dict(engine.SIGNAL_SCHEMA)
    for provider in signal_providers:
        columns.update(provider.columns)
    return columns


def signals_table() -> pa.Table:
    """Per client: loans outstanding, retail or not, and the registered providers' signals.

    The providers (``core.registry.signal_providers``; diagnosis gives the
    latest fiscal year's EBE, equity and repayment years) are asked once each.
    A boolean signal a provider does not give for a client is false (no sign
    of trouble, as for a client without a fiscal year); a number is unknown.
    """
    import pyarrow as pa

    columns = signal_columns()
    loans = dict(
        Contract.objects.filter(credit_q(), closed_on__isnull=True)
        .values("party_id")
        .annotate(total=Sum("balance"))
        .values_list("party_id", "total")
    )
    retail = set(Party.objects.filter(party_type="sole_trader").values_list("pk", flat=True))
    provided: dict[int, dict[str, Any]] = {}
    for provider in signal_providers:
        for party_id, values in provider.provide().items():
            provided.setdefault(party_id, {}).update(
                (name, values.get(name)) for name in provider.columns
            )
    party_ids = sorted(set(loans) | retail | set(provided))
    rows: dict[str, list[Any]] = {name: [] for name in columns}
    for party_id in party_ids:
        signals = provided.get(party_id, {})
        for name, kind in columns.items():
            if name == "party_id":
                value: Any = party_id
            elif name == "loans_outstanding_cents":
                value = int((loans.get(party_id) or Decimal(0)) * 100)
            elif name == "retail":
                value = party_id in retail
            else:
                value = signals.get(name)
                if value is None and kind == "boolean":
                    value = False
            rows[name].append(value)
    schema = pa.schema([(name, _arrow_type(kind)) for name, kind in columns.items()])
    return pa.table(rows, schema=schema)


def _arrow_type(kind: str) -> pa.DataType:
    import pyarrow as pa

    return {"int64": pa.int64(), "boolean": pa.bool_()}[kind]


def connect(engine_name: str) -> Any:
    """An Ibis connection: embedded DuckDB, or Spark (local mode or ``SPARK_REMOTE``)."""
    import ibis

    if engine_name == "duckdb":
        return ibis.duckdb.connect()
    if engine_name == "spark":
        from probanker.risk.spark import spark_session

        return ibis.pyspark.connect(spark_session())
    raise ValueError(f"moteur inconnu : {engine_name} (duckdb ou spark)")


def compute(
    con: Any, lake_dir: Path, as_of: dt.date, signals: pa.Table
) -> tuple[pa.Table, pa.Table]:
    """Account and client indicators for ``as_of``, as Arrow tables (a full recompute)."""
    computed = compute_snapshot(con, lake_dir, as_of, signals, daily_step=False)
    return computed.accounts, computed.clients


def _matches(rule: AlertRule, table: pa.Table) -> pa.Table:
    """Rows of the snapshot where the rule's condition holds."""
    import pyarrow.compute as pc

    if rule.metric not in table.column_names:
        return table.slice(0, 0)
    column = table[rule.metric]
    if rule.comparator == Comparator.IS_TRUE:
        mask = pc.fill_null(column, False)
    else:
        op = {">=": pc.greater_equal, "<=": pc.less_equal, ">": pc.greater}[rule.comparator]
        mask = pc.fill_null(op(column, rule.threshold), False)
    return table.filter(mask)


def _evidence(rule: AlertRule, row: dict[str, Any]) -> dict[str, Any]:
    return {name: row.get(name) for name in [rule.metric, *rule.evidence] if name in row}


def _reopen_closed_on(as_of: dt.date) -> None:
    """Reopen the alerts an earlier run of the same date closed: this run decides again.

    The same rows, reopened: their ids, and whatever links to them, stay.
    """
    Alert.objects.filter(closed_on=as_of).update(closed_on=None)


def _linked(alerts: list[Alert]) -> set[int]:
    """The ids of those ``alerts`` that something in the database refers to.

    Every relation to an alert counts (a degradation case today, any model
    that points at alerts tomorrow): read from the model's relations, not
    from a list kept by hand.
    """
    ids = [a.pk for a in alerts]
    linked: set[int] = set()
    for relation in Alert._meta.related_objects:
        if relation.many_to_many:
            through = relation.through  # type: ignore[attr-defined]
            column = next(f.attname for f in through._meta.fields if f.related_model is Alert)
        else:
            through, column = relation.related_model, relation.field.attname
        linked |= set(
            through._default_manager.filter(**{f"{column}__in": ids}).values_list(column, flat=True)
        )
    return linked


def _drop_unconfirmed(as_of: dt.date, stale: list[Alert], summary: RunSummary) -> None:
    """Alerts an earlier run of this date opened that this run does not confirm.

    With nothing linked to it, such an alert is removed: on this date's data
    it never opened. When a case (or anything else) refers to it, it is kept
    as that evidence and closed on the date.
    """
    linked = _linked(stale)
    keep = [a for a in stale if a.pk in linked]
    Alert.objects.filter(pk__in=[a.pk for a in stale if a.pk not in linked]).delete()
    Alert.objects.filter(pk__in=[a.pk for a in keep]).update(closed_on=as_of)
    summary.closed += len(keep)


def apply_alerts(
    as_of: dt.date, clients: pa.Table, accounts: pa.Table, summary: RunSummary
) -> None:
    """Open, keep or close each rule's alerts from the snapshot.

    A client-level rule reads the client snapshot and opens one alert per
    client; an account-level rule reads the account snapshot and opens one
    alert per account, tied to the account's holder.

    A rerun of a date works on the same rows: the alerts the earlier run
    closed are reopened, then every open alert that still holds is updated
    in place (one opened on this date takes this run's evidence and rule
    version), one that no longer holds is closed — or, when it was opened on
    this very date and nothing links to it, removed (``_drop_unconfirmed``).
    An alert is never recreated, so its id and what refers to it stay.
    """
    _reopen_closed_on(as_of)
    parties = set(Party.objects.values_list("pk", flat=True))
    holders: dict[int, int] = {}
    unconfirmed: list[Alert] = []
    active = list(AlertRule.objects.filter(active=True))
    # A rule switched off since the date's earlier run confirms none of its openings.
    unconfirmed += Alert.objects.open().filter(opened_on=as_of).exclude(rule__in=active)
    for rule in active:
        by_account = rule.level == Level.ACCOUNT
        if by_account and not holders:
            holders = dict(Contract.objects.values_list("pk", "party_id"))
        # key → (holder, snapshot row): an account and its holder, or a client twice.
        rows: dict[int, tuple[int, dict[str, Any]]] = {}
        for row in _matches(rule, accounts if by_account else clients).to_pylist():
            key = row["account_id"] if by_account else row["party_id"]
            holder = holders.get(key) if by_account else key
            if holder in parties:
                rows[key] = (holder, row)
        current = Alert.objects.open().filter(rule=rule, account__isnull=not by_account)
        open_alerts = {(a.account_id if by_account else a.party_id): a for a in current}
        confirmed = 0
        for key, alert in open_alerts.items():
            if key in rows:
                alert.last_seen_on = as_of
                alert.last_evidence = _evidence(rule, rows[key][1])
                fields = ["last_seen_on", "last_evidence"]
                if alert.opened_on == as_of:  # opened by this date: the rerun's opening
                    alert.evidence, alert.rule_version = alert.last_evidence, rule.version
                    fields += ["evidence", "rule_version"]
                    confirmed += 1
                alert.save(update_fields=fields)
            elif alert.opened_on == as_of:
                unconfirmed.append(alert)
            else:
                alert.closed_on = as_of
                alert.save(update_fields=["closed_on"])
                summary.closed += 1
        new = [
            Alert(
                rule=rule,
                rule_version=rule.version,
                party_id=holder,
                account_id=key if by_account else None,
                opened_on=as_of,
                last_seen_on=as_of,
                evidence=_evidence(rule, row),
                last_evidence=_evidence(rule, row),
            )
            for key, (holder, row) in rows.items()
            if key not in open_alerts
        ]
        Alert.objects.bulk_create(new, batch_size=1000)
        summary.opened += len(new) + confirmed
        if new or confirmed:
            summary.per_rule[rule.code] += len(new) + confirmed
    _drop_unconfirmed(as_of, unconfirmed, summary)


def classify(row: dict[str, Any], open_severities: list[int]) -> tuple[str, int, str, bool]:
    """Status, IFRS 9 stage, reason and materiality of one client (DOMAIN.md)."""
    days = int(row.get("days_past_due") or 0)
    past_due = int(row.get("past_due_cents") or 0) + max(
        0, -(int(row.get("balance_cents") or 0)) - int(row.get("limit_cents") or 0)
    )
    exposure = max(int(row.get("exposure_cents") or 0), 1)
    floor = RETAIL_MATERIALITY_CENTS if row.get("retail") else NON_RETAIL_MATERIALITY_CENTS
    material = past_due > floor and past_due * 10_000 > exposure * MATERIALITY_SHARE_BP
    amount = euros_from_cents(past_due)
    if days > 90 and material:
        return (RiskStatus.DEFAULT, 3,
                f"{days} jours d'impayé ou de dépassement sur un montant significatif ({amount}, "
                "plus de 1 % de l'exposition) : défaut (CRR art. 178), stage 3.", True)  # fmt: skip
    if days > 30 and material:
        return (RiskStatus.DEGRADED, 2,
                f"{days} jours d'impayé ou de dépassement ({amount}) : augmentation significative du "
                "risque présumée (IFRS 9), stage 2.", True)  # fmt: skip
    if 3 in open_severities:
        return (RiskStatus.DEGRADED, 2,
                "Alerte de gravité élevée ouverte : augmentation significative du risque, stage 2.",
                material)  # fmt: skip
    if open_severities:
        return (RiskStatus.WATCH, 1,
                f"{len(open_severities)} alerte(s) ouverte(s) : client sous surveillance, stage 1.",
                material)  # fmt: skip
    return RiskStatus.HEALTHY, 1, "Aucune alerte ouverte, aucun retard : stage 1.", material


def apply_statuses(as_of: dt.date, clients: pa.Table, summary: RunSummary) -> None:
    """Each client's status and stage from its snapshot row and its open alerts."""
    severities: dict[int, list[int]] = {}
    for party_id, severity in Alert.objects.open().values_list("party_id", "rule__severity"):
        severities.setdefault(party_id, []).append(severity)
    existing = {r.party_id: r for r in ClientRisk.objects.all()}
    known = set(Party.objects.values_list("pk", flat=True))
    for row in clients.to_pylist():
        party_id = row["party_id"]
        if party_id not in known:
            continue
        status, stage, reason, material = classify(row, severities.get(party_id, []))
        summary.statuses[status] += 1
        values = {
            "as_of": as_of,
            "status": status,
            "stage": stage,
            "reason": reason,
            "days_past_due": int(row.get("days_past_due") or 0),
            "past_due_cents": int(row.get("past_due_cents") or 0),
            "material": material,
        }
        current = existing.get(party_id)
        if current is None:
            ClientRisk.objects.create(party_id=party_id, **values)
        elif (current.status, current.stage, current.reason) != (status, stage, reason):
            for key, value in values.items():
                setattr(current, key, value)
            current.save()  # a change of status is in the history
        elif any(getattr(current, key) != value for key, value in values.items()):
            # Same status and reason: the day's figures move on without a history
            # row (the history records changes of status, not each day's count).
            ClientRisk.objects.filter(pk=current.pk).update(**values)


def run_risk(
    as_of: dt.date, engine_name: str = "duckdb", lake_dir: Path | None = None
) -> RunSummary:
    """The risk step of the daily batch for one business date (see the module docstring).

    The lake's compaction, case escalation and guarantors' letters are steps
    of their own in ``probanker daily`` (``batch``), before and after this one.
    """
    from probanker import lake

    started = timezone.now()
    lake_dir = Path(lake_dir or settings.LAKE_DIR)
    summary = RunSummary(as_of=as_of, engine=engine_name)
    con = connect(engine_name)
    with lake.lake_lock(lake_dir, exclusive=False):
        computed = compute_snapshot(
            con, lake_dir, as_of, signals_table(), daily_step=engine_name == "duckdb"
        )
    accounts, clients = computed.accounts, computed.clients
    summary.accounts, summary.clients = accounts.num_rows, clients.num_rows
    summary.since = computed.since
    lake.write_snapshot(lake_dir, as_of, accounts, clients, computed.state)
    with transaction.atomic():
        apply_alerts(as_of, clients, accounts, summary)
        apply_statuses(as_of, clients, summary)
        finished = timezone.now()
        RiskRun.objects.update_or_create(
            as_of=as_of,
            defaults={
                "engine": engine_name,
                "started_at": started,
                "finished_at": finished,
                "accounts": summary.accounts,
                "clients": summary.clients,
                "opened": summary.opened,
                "closed": summary.closed,
                "per_rule": dict(summary.per_rule),
            },
        )
    bump_data_version()
    summary.seconds = (timezone.now() - started).total_seconds()
    return summary


def backfill_snapshots(
    dates: list[dt.date], engine_name: str = "duckdb", lake_dir: Path | None = None
) -> int:
    """The indicator snapshots of earlier dates, oldest first, without alerts or statuses.

    For a lake whose batch did not run on those dates (a new installation,
    the demo): each snapshot carries its runs on from the one before, so the
    next :func:`run_risk` counts days past due over that whole history. The
    database is not touched. Returns how many snapshots were written.
    """
    from probanker import lake

    lake_dir = Path(lake_dir or settings.LAKE_DIR)
    con = connect(engine_name)
    signals = signals_table()
    for day in sorted(dates):
        with lake.lake_lock(lake_dir, exclusive=False):
            computed = compute_snapshot(con, lake_dir, day, signals, daily_step=False)
        lake.write_snapshot(lake_dir, day, computed.accounts, computed.clients, computed.state)
    return len(dates)


def update_rule(*, actor: Any, rule: AlertRule, **changes: Any) -> AlertRule:
    """Change a rule's thresholds or wording; a new version, in the history with its author."""
    from probanker.core.permissions import require
    from probanker.core.services import DomainError

    require(actor, "rule.change")
    allowed = {"label", "explanation", "severity", "threshold", "active", "evidence"}
    unknown = set(changes) - allowed
    if unknown:
        raise DomainError(f"Champs non modifiables : {', '.join(sorted(unknown))}.")
    for name, value in changes.items():
        setattr(rule, name, value)
    rule.version += 1
    rule.updated_by = actor
    rule._change_reason = f"version {rule.version}"  # type: ignore[attr-defined]
    rule.save()
    return rule


@transaction.atomic
def take_alert(*, actor: User, alert: Alert, now: dt.datetime | None = None) -> Alert:
    """Record that ``actor`` takes ``alert`` in charge, and when.

    Only an open alert not yet taken can be taken (``DomainError`` otherwise):
    the first colleague to take it keeps it, so two people do not call the
    same client about the same alert. Requires ``alert.take``.
    """
    require(actor, "alert.take")
    locked = (
        Alert.objects.select_for_update(of=("self",)).select_related("taken_by").get(pk=alert.pk)
    )
    if locked.closed_on is not None:
        raise DomainError("Cette alerte est close : elle n'est plus à prendre en charge.")
    if locked.taken_by is not None:
        raise DomainError(f"Cette alerte est déjà prise en charge par {locked.taken_by}.")
    locked.taken_by = actor
    locked.taken_at = now or timezone.now()
    locked.save(update_fields=["taken_by", "taken_at"])
    return locked
