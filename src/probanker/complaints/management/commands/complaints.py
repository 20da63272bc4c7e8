"""``probanker complaints deadlines --received YYYY-MM-DD``: a complaint's deadlines."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.management.base import CommandError, CommandParser

from probanker.complaints.deadlines import deadlines
from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import date_fr, dumps

DEPARTEMENT = re.compile(r"^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$")


class Command(ProbankerCommand):
    # A calculation on its arguments: no database, no system checks.
    requires_system_checks: list[str] = []
    help = (
        "Délais d'une réclamation (ACPR 2022-R-01, L133-45 CMF) : accusé de réception, "
        "réponse, réponse définitive (services de paiement). Complaint deadlines."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["deadlines"], metavar="deadlines")
        parser.add_argument("--received", required=True, help="date de réception AAAA-MM-JJ")
        parser.add_argument(
            "--payment-service", action="store_true",
            help="service de paiement (15 et 35 jours ouvrés, art. L133-45 CMF)",
        )  # fmt: skip
        parser.add_argument(
            "--departement", help="département de l'agence (jours fériés : 57, 67, 68…)"
        )
        parser.add_argument("--json", action="store_true", help="résultat JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        text = options["received"]
        try:
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
                raise ValueError(text)
            received = dt.date.fromisoformat(text)
        except ValueError:
            raise CommandError(
                f"--received {text} : date invalide (AAAA-MM-JJ).", returncode=2
            ) from None
        departement = options["departement"]
        if departement is not None and not DEPARTEMENT.match(departement.upper()):
            raise CommandError(
                f"--departement {departement} : code de département inconnu (01 à 95, 2A, 2B, "
                "971 à 976).",
                returncode=2,
            )
        due = deadlines(
            received,
            payment_service=options["payment_service"],
            departement=departement.upper() if departement else None,
        )
        if options["json"]:
            self.stdout.write(dumps(due.as_json()))
            return
        self.stdout.write(f"Reçue le {date_fr(received)}")
        self.stdout.write(f"Accusé de réception au plus tard le {date_fr(due.acknowledge_by)}")
        self.stdout.write(f"Réponse au plus tard le {date_fr(due.answer_by)}")
        if due.final_answer_by is not None:
            self.stdout.write(
                f"Réponse définitive (après réponse d'attente) au plus tard le "
                f"{date_fr(due.final_answer_by)}"
            )
