"""credit's step of the daily batch: the letters owed to guarantors."""

from __future__ import annotations

from probanker.core.registry import StepContext


def guarantor_letters(context: StepContext) -> dict[str, int]:
    """The guarantors' letters due on the date (art. 2302 and 2303), each drawn up once.

    After the risk step: a first incident is read from the clients' statuses.
    """
    from probanker.credit.renewals import generate_letters

    return {"guarantor_letters": generate_letters(context.as_of)}
