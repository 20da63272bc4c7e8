"""``probanker fec check|analyse FILE [--json]``: validate a FEC, then analyse it."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import dumps
from probanker.diagnosis.fec_output import (
    analysis_dict,
    analysis_text,
    validation_dict,
    validation_text,
)
from probanker.finance.analysis import analyse_fec
from probanker.finance.fec import FecFileError, read_fec


class Command(ProbankerCommand):
    # Reads a file, touches no database: the system checks (which import every
    # view) would only add start-up time.
    requires_system_checks: list[str] = []
    help = (
        "Contrôle un FEC (fichier des écritures comptables) : en-tête, colonnes, dates, "
        "montants, comptes, équilibre et date de chaque écriture, exercice. Code de sortie 0 "
        "sans erreur, 1 sinon. Checks a French FEC file."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "action",
            choices=["check", "analyse"],
            metavar="check|analyse",
            help="check : contrôler ; analyse : contrôler puis SIG, CAF, bilan, ratios",
        )
        parser.add_argument("file", type=Path, metavar="FILE", help="le FEC (texte)")
        parser.add_argument(
            "--json", action="store_true", help="rapport JSON sur la sortie standard"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            report = read_fec(path)
        except FecFileError as exc:
            if options["json"]:
                fatal = {
                    "file": path.name,
                    "fatal": str(exc),
                    "code": exc.anomaly.code,
                    "line": exc.anomaly.line,
                }
                self.stdout.write(dumps(fatal, indent=None))
            self.stderr.write(str(exc))
            sys.exit(1)
        if options["action"] == "analyse":
            analysis = analyse_fec(report)
            if options["json"]:
                document = analysis_dict(report, analysis)
                self.stdout.write(dumps(document))
            else:
                self.stdout.write(analysis_text(report, analysis))
        elif options["json"]:
            self.stdout.write(dumps(validation_dict(report)))
        else:
            self.stdout.write(validation_text(report))
        sys.exit(0 if report.ok else 1)
