"""Loading the NAF rév. 2 nomenclature.

The 21 sections and 88 divisions ship with probanker (``core/data``); the
732 sub-classes are loaded from INSEE's table with ``probanker load_naf``.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from probanker.core.validators import NAF_PATTERN, normalise_naf

DATA_DIR = Path(__file__).resolve().parent / "data"


class NafFileError(ValueError):
    """A line of a NAF file is unusable; the message says where and why."""


@dataclass(frozen=True)
class NafRow:
    code: str
    label: str


def read_sections() -> list[tuple[str, str]]:
    with (DATA_DIR / "naf_sections.csv").open(encoding="utf-8") as handle:
        return [(r["code"], r["label"]) for r in csv.DictReader(handle, delimiter=";")]


def read_divisions() -> list[tuple[str, str, str]]:
    with (DATA_DIR / "naf_divisions.csv").open(encoding="utf-8") as handle:
        return [
            (r["code"], r["section"], r["label"]) for r in csv.DictReader(handle, delimiter=";")
        ]


def seed_sections_and_divisions(apps: Any) -> None:
    """Create or update the shipped sections and divisions (idempotent)."""
    section_model = apps.get_model("core", "NafSection")
    division_model = apps.get_model("core", "NafDivision")
    for code, label in read_sections():
        section_model.objects.update_or_create(code=code, defaults={"label": label})
    for code, section, label in read_divisions():
        division_model.objects.update_or_create(
            code=code, defaults={"label": label, "section_id": section}
        )


def parse_naf_csv(raw: bytes, *, source: str) -> list[NafRow]:
    """Parse a ``code;label`` file of sub-classes.

    Accepts a header line or none, UTF-8 (with or without BOM) or latin-1,
    codes written ``0111Z`` or ``01.11Z``. Every line must be valid: the
    first bad line raises :class:`NafFileError` naming the file and line.
    """
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("cp1252")
    rows: list[NafRow] = []
    seen: set[str] = set()
    reader = csv.reader(io.StringIO(text), delimiter=";")
    for number, fields in enumerate(reader, start=1):
        if not fields or all(not f.strip() for f in fields):
            continue
        if number == 1 and fields[0].strip().lower() in {"code", "naf", "code_naf"}:
            continue
        if len(fields) < 2:
            raise NafFileError(
                f"{source}, ligne {number} : deux colonnes attendues (code;libellé), "
                f"{len(fields)} trouvée(s)."
            )
        code = normalise_naf(fields[0])
        label = fields[1].strip()
        if not NAF_PATTERN.match(code):
            raise NafFileError(
                f"{source}, ligne {number}, champ code : « {fields[0]} » n'est pas un "
                "code NAF rév. 2 (NN.NNL)."
            )
        if not label:
            raise NafFileError(f"{source}, ligne {number}, champ libellé : vide.")
        if code in seen:
            raise NafFileError(f"{source}, ligne {number} : code {code} en double.")
        seen.add(code)
        rows.append(NafRow(code, label))
    if not rows:
        raise NafFileError(f"{source} : aucun code NAF trouvé.")
    return rows
