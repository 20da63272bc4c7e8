"""banking's step of the daily batch: the lake's statement files compacted."""

from __future__ import annotations

from probanker.core.registry import StepContext


def compact_statements(context: StepContext) -> dict[str, int]:
    """Merge each month's statement files into one (``statements compact``).

    First in the batch, so that the steps after it read a month in one file
    rather than thousands. Idempotent: a second run finds nothing to merge.
    """
    from probanker.banking.statements.compact import compact

    summary = compact(context.lake_dir)
    return {"months": summary.months, "merged": summary.merged, "recovered": summary.recovered}
