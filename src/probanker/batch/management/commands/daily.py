"""``probanker daily [--date YYYY-MM-DD] [--from-step NAME] [--json]``: the daily batch."""

from __future__ import annotations

import datetime as dt
import getpass
import json
import sys
from typing import Any, NoReturn

from django.core.management.base import CommandParser

from probanker.batch import services
from probanker.batch.models import RunStatus
from probanker.core.calendar import batch_date
from probanker.core.commands import ProbankerCommand


class Command(ProbankerCommand):
    help = (
        "Traitement quotidien complet pour une date de traitement : les étapes enregistrées "
        "(compactage des relevés, risques, remontée des dossiers, lettres aux cautions...), "
        "dans l'ordre, chacune rejouable pour la date et inscrite au journal. Une étape en "
        "échec arrête le traitement ; le suivant pour la même date reprend à cette étape."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--date", help="date de traitement AAAA-MM-JJ (défaut : dernier jour ouvré)"
        )
        parser.add_argument(
            "--from-step",
            metavar="NAME",
            help="commencer à cette étape (les précédentes sont sautées)",
        )
        parser.add_argument(
            "--json", action="store_true", help="le traitement et ses étapes en JSON"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        as_of = self._as_of(options["date"])
        try:
            run = services.run_daily(
                as_of=as_of,
                from_step=options["from_step"],
                launched_by=f"probanker daily ({getpass.getuser()})",
            )
        except services.UnknownStepError as exc:
            self._usage(str(exc))
        if options["json"]:
            self.stdout.write(json.dumps(services.run_as_dict(run), ensure_ascii=False, indent=2))
        else:
            self._print(run)
        failed = services.failed_step(run)
        if run.status != RunStatus.OK and failed is not None:
            self.stderr.write(
                f"Traitement du {as_of:%d/%m/%Y} arrêté à l'étape « {failed.name} » "
                f"({failed.label}) : {failed.error}"
            )
            sys.exit(1)

    def _as_of(self, text: str | None) -> dt.date:
        try:
            return batch_date(text)
        except ValueError as exc:
            self._usage(str(exc))

    def _usage(self, message: str) -> NoReturn:
        self.stderr.write(message)
        sys.exit(2)

    def _print(self, run: Any) -> None:
        resumed = f", repris à l'étape « {run.resumed_from} »" if run.resumed_from else ""
        self.stdout.write(
            f"Traitement du {run.as_of:%d/%m/%Y}{resumed} : {run.get_status_display()}."
        )
        for step in run.steps.all():
            counts = ", ".join(
                f"{k} {v}" for k, v in step.counts.items() if not isinstance(v, dict)
            )
            detail = f" — {counts}" if counts else ""
            self.stdout.write(f"  {step.name} : {step.get_status_display()}{detail}")
