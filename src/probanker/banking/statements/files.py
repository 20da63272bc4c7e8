"""Which reader a file needs, and reading a set of files and folders."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from probanker.banking.statements.camt import read_camt
from probanker.banking.statements.cfonb import read_cfonb
from probanker.banking.statements.csvlayout import KINDS, CsvContent, Instalment, pair, read_csv
from probanker.banking.statements.model import Statement, StatementError


def detect(path: Path) -> str:
    """``camt``, ``csv`` or ``cfonb`` from the first bytes of the file."""
    head = path.read_bytes()[:4096].lstrip(b"\xef\xbb\xbf \t\r\n")
    if head.startswith(b"<"):
        return "camt"
    first = head.split(b"\n", 1)[0].decode("utf-8", "replace").lower()
    if ";" in first and any(
        set(cols) <= {c.strip() for c in first.split(";")} for cols in KINDS.values()
    ):
        return "csv"
    if first[:2] in {"01", "04", "05", "07"}:
        return "cfonb"
    return "unknown"


def expand(paths: Iterable[Path]) -> list[Path]:
    """Files as given, folders by their files (recursively, hidden ones skipped), sorted."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
            )
        elif path.exists():
            out.append(path)
        else:
            raise StatementError(f"{path} : fichier ou dossier introuvable.")
    return out


@dataclass
class ReadResult:
    """Every statement read from a set of files, and the files that could not be read."""

    files: list[str] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)
    instalments: list[tuple[str, Instalment]] = field(default_factory=list)
    errors: list[tuple[str, str]] = field(default_factory=list)  # (file, message)


def read_all(paths: Iterable[Path], lenient: bool = False) -> ReadResult:
    """Read every file; one unreadable file is an error, the others are still read."""
    result = ReadResult()
    csv_contents: list[CsvContent] = []
    for path in expand(paths):
        result.files.append(path.name)
        try:
            kind = detect(path)
            if kind == "camt":
                result.statements.extend(read_camt(path))
            elif kind == "csv":
                content = read_csv(path)
                csv_contents.append(content)
                result.instalments.extend((content.source, i) for i in content.instalments)
            elif kind == "cfonb":
                result.statements.extend(read_cfonb(path, lenient))
            else:
                raise StatementError(
                    f"{path.name} : format non reconnu : ni camt.053 (XML), ni CFONB 120 "
                    "(enregistrements 01, 04, 05, 07), ni CSV probanker (en-tête)."
                )
        except StatementError as exc:
            result.errors.append((path.name, str(exc)))
        except OSError as exc:
            result.errors.append((path.name, f"{path.name} : lecture impossible ({exc.strerror})."))
    result.statements.extend(pair(csv_contents))
    return result
