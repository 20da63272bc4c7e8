"""``probanker load_rgaa FILE``: load the official texts of RGAA 4.1's 106 criteria."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction

from probanker.core.commands import ProbankerCommand
from probanker.parties.models import RgaaCriterion
from probanker.parties.rgaa import RgaaFileError, parse_criteria


class Command(ProbankerCommand):
    help = (
        "Charge les intitulés et les tests des 106 critères du RGAA 4.1 depuis le "
        "criteres.json publié par la DINUM ; tout ou rien, relançable. Loads the RGAA criteria."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="criteres.json du RGAA 4.1")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            rows = parse_criteria(path.read_bytes(), source=str(path))
        except OSError as exc:
            self.stderr.write(f"{path} : lecture impossible ({exc.strerror}).")
            sys.exit(1)
        except RgaaFileError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        with transaction.atomic():
            existing = {c.code: c for c in RgaaCriterion.objects.all()}
            if len(existing) != len(rows):
                self.stderr.write("Référentiel RGAA absent : appliquez les migrations (migrate).")
                sys.exit(1)
            changed = []
            for row in rows:
                criterion = existing[row.code]
                if (criterion.title, criterion.tests, criterion.wcag) != (
                    row.title, row.tests, row.wcag,
                ):  # fmt: skip
                    criterion.title, criterion.tests, criterion.wcag = (
                        row.title,
                        row.tests,
                        row.wcag,
                    )
                    changed.append(criterion)
            RgaaCriterion.objects.bulk_update(changed, ["title", "tests", "wcag"], batch_size=200)
        self.stdout.write(f"{len(rows)} critères RGAA lus : {len(changed)} mis à jour.")
