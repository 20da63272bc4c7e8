"""``probanker load_naf FILE``: load INSEE's NAF rév. 2 sub-classes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser
from django.db import transaction

from probanker.core.commands import ProbankerCommand
from probanker.core.models import NafCode, NafDivision
from probanker.core.naf import NafFileError, parse_naf_csv


class Command(ProbankerCommand):
    help = (
        "Charge les sous-classes NAF rév. 2 (732 codes) depuis un CSV « code;libellé » "
        "de l'INSEE ; tout ou rien, relançable. Loads the NAF sub-classes."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="fichier CSV code;libellé")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        try:
            rows = parse_naf_csv(path.read_bytes(), source=str(path))
        except OSError as exc:
            self.stderr.write(f"{path} : lecture impossible ({exc.strerror}).")
            sys.exit(1)
        except NafFileError as exc:
            self.stderr.write(str(exc))
            sys.exit(1)
        divisions = set(NafDivision.objects.values_list("code", flat=True))
        unknown = sorted({r.code[:2] for r in rows} - divisions)
        if unknown:
            self.stderr.write(
                f"{path} : divisions inconnues de la NAF rév. 2 : {', '.join(unknown)}."
            )
            sys.exit(1)
        with transaction.atomic():
            existing = {c.code: c for c in NafCode.objects.all()}
            created = [
                NafCode(code=r.code, label=r.label, division_id=r.code[:2])
                for r in rows
                if r.code not in existing
            ]
            changed = []
            for r in rows:
                current = existing.get(r.code)
                if current is not None and current.label != r.label:
                    current.label = r.label
                    changed.append(current)
            NafCode.objects.bulk_create(created, batch_size=500)
            NafCode.objects.bulk_update(changed, ["label"], batch_size=500)
        self.stdout.write(
            f"{len(rows)} codes NAF lus : {len(created)} ajoutés, {len(changed)} mis à jour."
        )
