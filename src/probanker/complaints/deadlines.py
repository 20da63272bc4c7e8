"""The deadlines of a complaint, from its date of receipt (pure date arithmetic).

* ACPR recommendation 2022-R-01 (amended in 2024): acknowledge within **10 jours
  ouvrables** (every day but Sundays and public holidays, counting from the day after
  receipt), unless answered within that time; answer within **2 months** (the same day
  number two months later, or that month's last day).
* Payment services (art. L133-45 CMF): answer within **15 business days** after
  receipt (L133-4: Monday to Friday except public holidays); exceptionally a holding
  reply, and the final answer within **35 business days**.

Public holidays are those of the branch's département (``core.calendar``).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from probanker.core.calendar import add_business_days, add_jours_ouvrables, add_months

ACKNOWLEDGE_JOURS_OUVRABLES = 10
ANSWER_MONTHS = 2
PAYMENT_ANSWER_BUSINESS_DAYS = 15
PAYMENT_FINAL_BUSINESS_DAYS = 35


@dataclass(frozen=True)
class Deadlines:
    acknowledge_by: dt.date
    answer_by: dt.date
    final_answer_by: dt.date | None  # payment services only

    def as_json(self) -> dict[str, str | None]:
        """The ISO dates, as ``complaints deadlines --json`` and the API give them."""
        return {
            "acknowledge_by": self.acknowledge_by.isoformat(),
            "answer_by": self.answer_by.isoformat(),
            "final_answer_by": self.final_answer_by.isoformat() if self.final_answer_by else None,
        }


def deadlines(
    received: dt.date, *, payment_service: bool = False, departement: str | None = None
) -> Deadlines:
    """The three deadlines of a complaint received on ``received``."""
    acknowledge = add_jours_ouvrables(received, ACKNOWLEDGE_JOURS_OUVRABLES, departement)
    if payment_service:
        return Deadlines(
            acknowledge_by=acknowledge,
            answer_by=add_business_days(received, PAYMENT_ANSWER_BUSINESS_DAYS, departement),
            final_answer_by=add_business_days(received, PAYMENT_FINAL_BUSINESS_DAYS, departement),
        )
    return Deadlines(acknowledge, add_months(received, ANSWER_MONTHS), None)
