"""``probanker sirene import --unites FILE --etablissements FILE`` and ``sirene search``."""

from __future__ import annotations

import datetime as dt
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import CommandParser

from probanker.core.commands import ProbankerCommand
from probanker.core.formatting import date_fr, dumps
from probanker.prospecting.register.importer import import_register
from probanker.prospecting.register.search import Criteria, SearchError, search
from probanker.prospecting.register.sources import RegisterFileError
from probanker.prospecting.relations import relations_of


def _day(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise ValueError(f"date « {value} » invalide : AAAA-MM-JJ attendu") from exc


class Command(ProbankerCommand):
    help = (
        "Répertoire SIRENE : import lit les fichiers stock de l'INSEE (StockUniteLegale et "
        "StockEtablissement, CSV, zip ou Parquet) et remplace le répertoire du lac d'un bloc ; "
        "search cherche des établissements par département, commune, code NAF, date de "
        "création, caractère employeur."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["import", "search"], metavar="import|search")
        parser.add_argument("--unites", type=Path, help="StockUniteLegale (import)")
        parser.add_argument("--etablissements", type=Path, help="StockEtablissement (import)")
        parser.add_argument("--departement", action="append", default=[], metavar="D",
                            help="département (37, 2A, 974) ; répétable : l'un ou l'autre")  # fmt: skip
        parser.add_argument("--commune", action="append", default=[], metavar="CODE",
                            help="code commune INSEE (37261) ; répétable")  # fmt: skip
        parser.add_argument("--naf", action="append", default=[], metavar="CODE_OU_PREFIXE",
                            help="code NAF ou son début (56.10A, 56.1, 56) ; répétable")  # fmt: skip
        parser.add_argument("--created-since", metavar="AAAA-MM-JJ",
                            help="établissements créés depuis cette date")  # fmt: skip
        parser.add_argument("--employer", action="store_true", help="employeurs seulement")
        parser.add_argument("--include-closed", action="store_true",
                            help="avec les établissements fermés et unités cessées")  # fmt: skip
        parser.add_argument("--include-partial", action="store_true",
                            help="avec les établissements en diffusion partielle (sans données personnelles)")  # fmt: skip
        parser.add_argument("--limit", type=int, default=100, metavar="N",
                            help="nombre de résultats listés (défaut 100)")  # fmt: skip
        parser.add_argument("--json", action="store_true", help="résultat JSON")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "import":
            self._import(options)
        else:
            self._search(options)

    def _usage(self, message: str) -> None:
        self.stderr.write(message)
        sys.exit(2)

    def _import(self, options: dict[str, Any]) -> None:
        if options["unites"] is None or options["etablissements"] is None:
            self._usage("sirene import : indiquez --unites FICHIER et --etablissements FICHIER.")
        show = sys.stderr.isatty()

        def progress(stage: str, rows: int) -> None:
            if show:
                label = "unités légales" if stage == "unites" else "établissements"
                sys.stderr.write(f"\r{label} : {rows:,}".replace(",", " ") + " " * 8)
                sys.stderr.flush()

        try:
            result = import_register(
                unites=options["unites"], etablissements=options["etablissements"],
                progress=progress,
            )  # fmt: skip
        except RegisterFileError as exc:
            if show:
                sys.stderr.write("\n")
            self.stderr.write(f"Import refusé, le répertoire en place est inchangé : {exc}")
            sys.exit(1)
        if show:
            sys.stderr.write("\n")
        if options["json"]:
            self.stdout.write(dumps(result.as_dict()))
            return
        self.stdout.write(
            f"Répertoire SIRENE remplacé : {result.unites} unité(s) légale(s), "
            f"{result.etablissements} établissement(s)."
        )

    def _search(self, options: dict[str, Any]) -> None:
        try:
            since = _day(options["created_since"]) if options["created_since"] else None
            criteria = Criteria.build(
                departements=options["departement"], communes=options["commune"],
                naf=options["naf"], created_since=since, employer=options["employer"],
                include_closed=options["include_closed"],
                include_partial=options["include_partial"], limit=options["limit"],
            )  # fmt: skip
        except (SearchError, ValueError) as exc:
            self._usage(f"sirene search : {exc}")
            return
        result = search(criteria)
        if not result.available:
            self.stderr.write("Aucun répertoire SIRENE importé : lancez probanker sirene import.")
        relations = relations_of(row["siren"] for row in result.rows)
        rows = [
            {
                "siret": row["siret"], "siren": row["siren"], "name": row["name"],
                "naf": row["naf"], "commune": row["commune"], "postal_code": row["postal_code"],
                "created_on": row["created_on"].isoformat() if row["created_on"] else None,
                "employer": bool(row["employer"]),
                "diffusion": "partial" if row["diffusion"] == "P" else "full",
                "relation": relations.get(row["siren"]),
            }
            for row in result.rows
        ]  # fmt: skip
        if options["json"]:
            self.stdout.write(dumps({"count": result.count, "results": rows}))
            return
        self.stdout.write(f"{result.count} établissement(s) ; {len(rows)} listé(s).")
        for row, raw in zip(rows, result.rows, strict=True):
            created = date_fr(raw["created_on"]) if raw["created_on"] else "date inconnue"
            name = row["name"] or "(nom non diffusé)"
            relation = f" — déjà {row['relation']}" if row["relation"] else ""
            self.stdout.write(
                f"  {row['siret']}  {name} — NAF {row['naf'] or '?'} — "
                f"{row['postal_code'] or ''} {raw['city'] or ''} — créé le {created}{relation}"
            )
