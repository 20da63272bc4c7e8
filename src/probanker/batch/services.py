"""The daily batch: the registered steps in order, each journaled as it ends.

:func:`run_daily` runs ``core.registry.batch_steps`` for one business date.
Each step is idempotent for that date and runs in its own transaction, and
its journal row is committed when it ends: a failure rolls back that step
only, is journaled with its error, and stops the run. The next run of the
same date resumes at the failed step (the steps the last run finished are
skipped, and journaled as such); ``from_step`` forces the start instead.

The run as a whole is deliberately not one transaction: a step that fails
must not take the journal of the steps before it down with it.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from probanker.batch.models import BatchRun, BatchStepRun, RunStatus, StepStatus
from probanker.core.registry import BatchStep, StepContext, batch_steps
from probanker.core.services import DomainError

DONE = frozenset({StepStatus.OK, StepStatus.SKIPPED})


class UnknownStepError(DomainError):
    """``from_step`` names no registered step."""


def registered_steps() -> list[BatchStep]:
    """The registered steps, in their order."""
    return list(batch_steps)


def step_names() -> list[str]:
    """The names of the registered steps, in their order."""
    return [step.name for step in registered_steps()]


def resume_point(as_of: dt.date, steps: list[BatchStep] | None = None) -> str | None:
    """The step the next run of ``as_of`` starts at, or ``None`` to start at the first.

    When the last run of that date did not end well (failed, or interrupted
    while running), it is the first step, in order, that this run did not
    finish; after a run that ended well, the next one starts from the top.
    """
    last = BatchRun.objects.last_for(as_of)
    if last is None or last.status == RunStatus.OK:
        return None
    done = {s.name for s in last.steps.all() if s.status in DONE}
    for step in steps if steps is not None else registered_steps():
        if step.name not in done:
            return step.name
    return None


def run_daily(
    *,
    as_of: dt.date,
    from_step: str | None = None,
    lake_dir: Path | None = None,
    engine: str = "duckdb",
    launched_by: str = "",
    user: Any = None,
) -> BatchRun:
    """Run the batch for ``as_of``; the run, with its steps journaled, is returned.

    Raises:
        UnknownStepError: ``from_step`` is not a registered step's name.
    """
    steps = registered_steps()
    names = [step.name for step in steps]
    if from_step is not None and from_step not in names:
        raise UnknownStepError(f"Étape inconnue : « {from_step} ». Étapes : {', '.join(names)}.")
    start = from_step or resume_point(as_of, steps)
    context = StepContext(as_of=as_of, lake_dir=Path(lake_dir or settings.LAKE_DIR), engine=engine)
    with transaction.atomic():
        run = BatchRun.objects.create(
            as_of=as_of,
            started_at=timezone.now(),
            resumed_from=start or "",
            launched_by=launched_by,
            user=user,
        )
    reached = start is None
    for step in steps:
        reached = reached or step.name == start
        if not reached:
            _journal(run, step, StepStatus.SKIPPED, timezone.now())
            continue
        if not _run_step(run, step, context):
            _finish(run, RunStatus.FAILED)
            return run
    _finish(run, RunStatus.OK)
    return run


def _run_step(run: BatchRun, step: BatchStep, context: StepContext) -> bool:
    """Run one step in its own transaction and journal it; whether it succeeded."""
    started = timezone.now()
    try:
        with transaction.atomic():
            counts = dict(step.run(context))
    # Any error of a step, ours or a library's, must reach the journal and stop
    # the run cleanly; the step's own writes are rolled back with its transaction.
    except Exception as exc:
        _journal(run, step, StepStatus.FAILED, started, error=_describe(exc))
        return False
    _journal(run, step, StepStatus.OK, started, counts=counts)
    return True


def _describe(exc: BaseException) -> str:
    text = str(exc).strip()
    return f"{type(exc).__name__} : {text}" if text else type(exc).__name__


@transaction.atomic
def _journal(
    run: BatchRun,
    step: BatchStep,
    status: StepStatus,
    started: dt.datetime,
    *,
    counts: dict[str, Any] | None = None,
    error: str = "",
) -> BatchStepRun:
    """Record one step of ``run`` (committed at once, outside the step's transaction)."""
    return BatchStepRun.objects.create(
        run=run,
        name=step.name,
        label=step.label,
        order=step.order,
        started_at=started,
        finished_at=timezone.now(),
        status=status,
        counts=counts or {},
        error=error,
    )


@transaction.atomic
def _finish(run: BatchRun, status: RunStatus) -> None:
    run.status = status
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "finished_at"])


def failed_step(run: BatchRun) -> BatchStepRun | None:
    """The step that stopped ``run``, or ``None``."""
    return next((s for s in run.steps.all() if s.status == StepStatus.FAILED), None)


def step_counts(run: BatchRun, name: str) -> dict[str, Any]:
    """The counts journaled by step ``name`` of ``run`` (empty when it did not run)."""
    step = next((s for s in run.steps.all() if s.name == name), None)
    return dict(step.counts) if step is not None else {}


def run_as_dict(run: BatchRun) -> dict[str, Any]:
    """The run and its steps as the JSON of ``probanker daily --json`` and the API."""
    return {
        "as_of": run.as_of.isoformat(),
        "status": run.status,
        "resumed_from": run.resumed_from or None,
        "steps": [
            {
                "name": s.name,
                "status": s.status,
                "started_at": s.started_at.isoformat(),
                "finished_at": s.finished_at.isoformat() if s.finished_at else None,
                "counts": s.counts,
                "error": s.error or None,
            }
            for s in run.steps.all()
        ],
    }
