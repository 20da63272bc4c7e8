"""INSEE's stock files as published: CSV, the same CSV in a .zip, or Parquet.

Columns are read by their header name (their order changed between
vintages); a file lacking a column the register needs is refused with the
file's name and the column's. A .zip is extracted member by member to a work
folder (a stream copy, never the whole file in memory) and read as its CSV.
"""

from __future__ import annotations

import codecs
import csv
import shutil
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyarrow.parquet as pq


class RegisterFileError(ValueError):
    """A stock file that cannot be imported; the message names the file and why."""


@dataclass(frozen=True)
class Source:
    """A stock file ready for DuckDB: its path, its format and its columns."""

    name: str  # as the user gave it, for messages
    path: Path  # what DuckDB reads (the extracted CSV of a .zip)
    kind: str  # "csv" or "parquet"
    columns: tuple[str, ...]

    def has(self, column: str) -> bool:
        return column in self.columns


def _csv_header(path: Path, name: str) -> tuple[str, ...]:
    """The header of a CSV as INSEE writes it (UTF-8, with or without BOM, comma)."""
    try:
        with path.open("rb") as handle:
            first = handle.readline(1 << 20)
            second = handle.readline(1 << 20)
    except OSError as exc:
        raise RegisterFileError(f"{name} : fichier illisible ({exc.strerror}).") from exc
    if not first.strip():
        raise RegisterFileError(f"{name} : fichier vide (ligne 1 : en-tête attendu).")
    try:
        text = first.decode("utf-8").removeprefix(codecs.BOM_UTF8.decode())
    except UnicodeDecodeError as exc:
        raise RegisterFileError(
            f"{name} : ligne 1 : l'en-tête n'est pas en UTF-8 (octet {exc.start + 1})."
        ) from exc
    header = next(csv.reader([text.rstrip("\r\n")]))
    if second.strip():
        # A header that lost or gained a name shifts every value under the wrong
        # column: say so at line 2 rather than import a register of shifted fields.
        fields = next(csv.reader([second.decode("utf-8", "replace").rstrip("\r\n")]))
        if len(fields) != len(header):
            raise RegisterFileError(
                f"{name} : ligne 2 : {len(fields)} champs pour {len(header)} colonnes "
                "dans l'en-tête (une colonne manque ou est en trop)."
            )
    return tuple(column.strip() for column in header)


def _extract_csv(path: Path, name: str, work: Path) -> Path:
    """The CSV member of an INSEE .zip, copied out to ``work`` as a stream."""
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        raise RegisterFileError(f"{name} : archive zip illisible ({exc}).") from exc
    with archive:
        members = [m for m in archive.infolist() if m.filename.lower().endswith(".csv")]
        if len(members) != 1:
            raise RegisterFileError(
                f"{name} : l'archive doit contenir un seul fichier CSV "
                f"(elle en contient {len(members)})."
            )
        target = work / Path(members[0].filename).name
        with archive.open(members[0]) as source, target.open("wb") as out:
            shutil.copyfileobj(source, out, 1 << 20)
    return target


def open_source(path: Path, work: Path) -> Source:
    """Recognise a stock file by its suffix and read its column names."""
    name = path.name
    if not path.is_file():
        raise RegisterFileError(f"{name} : fichier introuvable ({path}).")
    suffix = path.suffix.lower()
    if suffix == ".parquet":
        try:
            names = tuple(pq.read_schema(path).names)
        except Exception as exc:  # pyarrow raises several error types for a bad file
            raise RegisterFileError(f"{name} : fichier Parquet illisible ({exc}).") from exc
        return Source(name, path, "parquet", names)
    if suffix == ".zip":
        csv_path = _extract_csv(path, name, work)
        return Source(name, csv_path, "csv", _csv_header(csv_path, name))
    return Source(name, path, "csv", _csv_header(path, name))


def require_columns(source: Source, required: Iterable[str]) -> None:
    """Refuse ``source`` when a required column is absent (the first one named)."""
    missing = [column for column in required if not source.has(column)]
    if missing:
        also = (
            f" (et {len(missing) - 1} autre(s) : {', '.join(missing[1:])})" if missing[1:] else ""
        )
        raise RegisterFileError(
            f"{source.name} : colonne obligatoire absente de l'en-tête : {missing[0]}{also}."
        )


def duplicates(columns: Sequence[str]) -> list[str]:
    """Column names that appear more than once in a header."""
    seen: set[str] = set()
    return sorted({c for c in columns if c in seen or seen.add(c)})  # type: ignore[func-returns-value]
