"""``probanker loan schedule ...``: a loan's schedule, cost and TEG (R314-2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.management.base import CommandError, CommandParser

from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import amount, dumps, euros, json_decimal, percent
from probanker.finance.loans import (
    DayCount,
    Deferral,
    Frequency,
    LoanError,
    LoanTerms,
    LoanType,
    build_schedule,
    teg,
)


def _decimal(text: str, option: str) -> Decimal:
    try:
        return Decimal(text.replace(",", "."))
    except InvalidOperation as exc:
        raise CommandError(f"{option} {text} : nombre invalide.") from exc


class Command(ProbankerCommand):
    # A calculation on its arguments: no database, no system checks.
    requires_system_checks: list[str] = []
    help = "Tableau d'amortissement d'un prêt professionnel, coût total et TEG (art. R314-2 C. conso.)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["schedule"], metavar="schedule")
        parser.add_argument("--amount", required=True, help="montant emprunté (€)")
        parser.add_argument("--rate", required=True, help="taux nominal annuel en %% (4.20)")
        parser.add_argument("--months", type=int, required=True, help="durée totale en mois")
        parser.add_argument("--type", choices=[t.value for t in LoanType], default="annuity")
        parser.add_argument(
            "--deferral-months", type=int, default=0, help="mois de différé (inclus dans --months)"
        )
        parser.add_argument(
            "--deferral", choices=["partial", "total"], help="différé partiel ou total"
        )
        parser.add_argument("--frequency", choices=[f.value for f in Frequency], default="monthly")
        parser.add_argument("--fees", default="0", help="frais de dossier (€)")
        parser.add_argument(
            "--insurance-rate", default="0", help="assurance, %% par an du capital initial"
        )
        parser.add_argument("--day-count", choices=[d.value for d in DayCount], default="30360")
        parser.add_argument("--start", help="date de déblocage AAAA-MM-JJ (défaut : aujourd'hui)")
        parser.add_argument("--json", action="store_true", help="résultat JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            start = dt.date.fromisoformat(options["start"]) if options["start"] else dt.date.today()
        except ValueError as exc:
            raise CommandError(f"--start {options['start']} : date invalide.") from exc
        deferral = Deferral(options["deferral"]) if options["deferral"] else Deferral.NONE
        if options["deferral_months"] and deferral is Deferral.NONE:
            raise CommandError("--deferral-months demande --deferral partial ou total.")
        terms = LoanTerms(
            amount=_decimal(options["amount"], "--amount"),
            annual_rate=_decimal(options["rate"], "--rate"),
            months=options["months"],
            loan_type=LoanType(options["type"]),
            frequency=Frequency(options["frequency"]),
            deferral_months=options["deferral_months"],
            deferral=deferral,
            fees=_decimal(options["fees"], "--fees"),
            insurance_rate=_decimal(options["insurance_rate"], "--insurance-rate"),
            day_count=DayCount(options["day_count"]),
            start=start,
        )
        try:
            schedule = build_schedule(terms)
            rate = teg(schedule)
        except LoanError as exc:
            raise CommandError(f"Prêt impossible : {exc}.") from exc
        if options["json"]:
            document = {
                "installments": [
                    {
                        "n": i.n,
                        "date": i.date,
                        "payment": i.payment,
                        "interest": i.interest,
                        "principal": i.principal,
                        "insurance": i.insurance,
                        "outstanding": i.outstanding,
                    }
                    for i in schedule.instalments
                ],
                "total_interest": schedule.total_interest,
                "total_insurance": schedule.total_insurance,
                "total_cost": schedule.total_cost,
                "teg": json_decimal(rate.teg, 2),
                "period_rate": json_decimal(rate.period_rate, 4),
                "period": rate.period,
            }
            self.stdout.write(dumps(document))
            return
        self.stdout.write(
            f"{'N°':>4} {'Date':>10} {'Échéance':>12} {'Intérêts':>11} {'Capital':>12} "
            f"{'Assurance':>10} {'Restant dû':>13}"
        )
        for i in schedule.instalments:
            self.stdout.write(
                f"{i.n:>4} {i.date:%d/%m/%Y} {amount(i.payment):>12} {amount(i.interest):>11} "
                f"{amount(i.principal):>12} {amount(i.insurance):>10} {amount(i.outstanding):>13}"
            )
        self.stdout.write(
            f"Intérêts {euros(schedule.total_interest)} ; assurance "
            f"{euros(schedule.total_insurance)} ; frais {euros(terms.fees)} ; "
            f"coût total {euros(schedule.total_cost)}."
        )
        self.stdout.write(
            f"TEG {percent(rate.teg, 2)} l'an, soit un taux "
            f"de période de {percent(rate.period_rate, 4)} par {rate.period} "
            f"({rate.periods_per_year} périodes par an, art. R314-2 C. conso.)."
        )
