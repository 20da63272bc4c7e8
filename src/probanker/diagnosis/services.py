"""Every write on fiscal years: FEC import, statements typed by hand, deletion.

An import is all or nothing and idempotent: the file is read and checked in
full before anything is written, a file already imported for the client
(same SHA-256) changes nothing, and replacing a stored year happens in the
same transaction as writing the new one. Every change is in the history.

An upload goes through :func:`receive_fec`, which stages the file, reads it
once and decides: refused (the staged copy is deleted at once), to confirm
(warnings, or a year that exists), or imported from the report it has read.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from simple_history.utils import update_change_reason

from probanker.core import uploads
from probanker.core.models import User
from probanker.core.pagecache import bump_data_version
from probanker.core.permissions import can, require
from probanker.core.services import DomainError
from probanker.diagnosis.models import AccountBalance, FecImport, FiscalYear, StatementSource
from probanker.diagnosis.summaries import (
    Summary,
    summary_from_2033,
    summary_from_2035,
    summary_from_fec,
    summary_from_micro,
)
from probanker.finance.fec import FecFileError, FecReport, read_fec
from probanker.finance.fec_report import Balance
from probanker.finance.regimes import Form2033, Form2035
from probanker.parties.models import Party

CHUNK = 1 << 20
STAGED_LIFETIME_S = 24 * 3600


class AlreadyImported(DomainError):
    """The same file was already imported for this client: nothing to do."""

    def __init__(self, existing: FecImport) -> None:
        super().__init__(
            f"Ce fichier ({existing.file_name}) a déjà été importé le "
            f"{existing.imported_at:%d/%m/%Y} pour l'{existing.fiscal_year} : rien n'a changé."
        )
        self.existing = existing


@dataclass(frozen=True)
class StagedFile:
    """An uploaded file kept aside, by its hash, until the user confirms the import."""

    path: Path
    sha256: str
    size: int
    name: str


def can_write(user: User) -> bool:
    """Whether the user's role writes statements (``diagnosis.change``)."""
    return can(user, "diagnosis.change")


def max_upload_bytes() -> int:
    return int(getattr(settings, "PROBANKER_FEC_MAX_BYTES", 512 * 2**20))


def staging_dir(user: User) -> Path:
    return Path(settings.VAR_DIR) / "uploads" / str(user.pk)


def _forget_old_uploads(folder: Path) -> None:
    """Staged files nobody confirmed within a day are deleted."""
    limit = time.time() - STAGED_LIFETIME_S
    for path in folder.iterdir():
        if path.stat().st_mtime >= limit:
            continue
        if path.is_dir():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def safe_name(name: str) -> str:
    """The base name of an uploaded file, safe to write (the FEC checks read it)."""
    return uploads.safe_name(name, "fec.txt")


def stage_upload(*, user: User, chunks: Iterable[bytes], name: str) -> StagedFile:
    """Write an upload to the user's staging folder, named by its SHA-256."""
    folder = staging_dir(user)
    folder.mkdir(parents=True, exist_ok=True)
    _forget_old_uploads(folder)
    digest = hashlib.sha256()
    size = 0
    with tempfile.NamedTemporaryFile(dir=folder, suffix=".part", delete=False) as out:
        try:
            for chunk in chunks:
                size += len(chunk)
                if size > max_upload_bytes():
                    raise DomainError(file_too_large(name, size))
                digest.update(chunk)
                out.write(chunk)
        except BaseException:
            out.close()
            os.unlink(out.name)
            raise
    sha = digest.hexdigest()
    # Kept under its own name: the FEC checks read the SIREN and closing date in it.
    name = safe_name(name)
    (folder / sha).mkdir(exist_ok=True)
    path = folder / sha / name
    os.replace(out.name, path)
    return StagedFile(path=path, sha256=sha, size=size, name=name)


def discard(file: StagedFile) -> None:
    """Forget a staged file (imported, refused or abandoned)."""
    shutil.rmtree(file.path.parent, ignore_errors=True)


def file_too_large(name: str, size: int) -> str:
    """The refusal of a file over :func:`max_upload_bytes`, sizes in whole megabytes."""
    return uploads.too_large(
        name, size, max_upload_bytes(), "Un FEC d'un million de lignes en fait environ 150."
    )


def staged(*, user: User, sha256: str, name: str) -> StagedFile:
    """A file this user staged earlier, or a clear error when it has expired."""
    if len(sha256) != 64 or not all(c in "0123456789abcdef" for c in sha256):
        raise DomainError("Référence de fichier invalide.")
    path = staging_dir(user) / sha256 / safe_name(name)
    if not path.is_file():
        raise DomainError("Le fichier envoyé a expiré : envoyez-le à nouveau.")
    return StagedFile(path=path, sha256=sha256, size=path.stat().st_size, name=path.name)


def read_staged(file: StagedFile) -> FecReport:
    """Read and check a staged FEC; a file that is no FEC at all is a :class:`DomainError`."""
    try:
        return read_fec(file.path)
    except FecFileError as exc:
        raise DomainError(str(exc)) from exc


def fec_period(report: FecReport) -> tuple[dt.date, dt.date]:
    """The fiscal year a FEC covers: first entry date to closing date (file name, else last entry)."""
    if report.first_date is None or report.last_date is None:
        raise DomainError(f"{report.source} : aucune écriture datée, exercice introuvable.")
    end = report.last_date
    if report.closing_date_in_name and report.closing_date_in_name >= report.last_date:
        end = report.closing_date_in_name
    return report.first_date, end


def blocking_problems(*, party: Party, report: FecReport) -> list[str]:
    """What forbids importing this report for this client (empty: importable)."""
    problems = [
        f"ligne {a.line} : {a.message}" if a.line else a.message
        for a in report.anomalies
        if a.severity == "error"
    ][:20]
    if report.errors > len(problems):
        problems.append(f"… et {report.errors - len(problems)} autre(s) erreur(s).")
    if other_company(party=party, report=report):
        # First: whatever else is wrong, this file is not the client's at all.
        problems.insert(
            0,
            f"{report.source} est le FEC d'une autre entreprise (SIREN "
            f"{report.siren_in_name}) : il ne peut pas être importé pour {party} "
            f"(SIREN {party.siren}).",
        )
    return problems


def other_company(*, party: Party, report: FecReport) -> bool:
    """The file's name carries the SIREN of another company than ``party``."""
    return bool(report.siren_in_name and party.siren and report.siren_in_name != party.siren)


def _replace_existing(*, party: Party, end: dt.date, replace: bool, actor: User) -> None:
    existing = FiscalYear.objects.filter(party=party, end=end).first()
    if existing is None:
        return
    if not replace:
        raise DomainError(
            f"Un exercice clos le {end:%d/%m/%Y} existe déjà ({existing.get_source_display()}) : "
            "cochez « Remplacer l'exercice existant » pour le remplacer."
        )
    existing._change_reason = f"remplacé par {actor}"  # type: ignore[attr-defined]
    existing.delete()


@dataclass(frozen=True)
class FecRefused:
    """The file has errors or belongs to another SIREN: nothing stored, staged copy deleted."""

    report: FecReport
    problems: list[str]
    other_company: bool = False  # the file is another SIREN's, whatever its quality


@dataclass(frozen=True)
class FecToConfirm:
    """The file can be imported once the user has read its report (warnings, or a year that exists)."""

    file: StagedFile
    report: FecReport
    existing: FiscalYear | None  # the stored year of the same closing date, if any
    replace: bool


@dataclass(frozen=True)
class FecImported:
    """The file is stored as ``year``; the staged copy is deleted."""

    file: StagedFile
    year: FiscalYear


@dataclass(frozen=True)
class FecAlreadyImported:
    """This very file is already stored for the client: nothing changed, staged copy deleted."""

    existing: FecImport

    @property
    def message(self) -> str:
        return str(AlreadyImported(self.existing))


FecOutcome = FecRefused | FecToConfirm | FecImported | FecAlreadyImported


def receive_fec(
    *, actor: User, party: Party, chunks: Iterable[bytes], name: str, replace: bool = False
) -> FecOutcome:
    """Stage an uploaded FEC, read it once and decide what becomes of it.

    - the same file already imported for the client → :class:`FecAlreadyImported`;
    - errors, or another SIREN in the file name → :class:`FecRefused`;
    - anomalies (warnings), or a year that exists while ``replace`` is false →
      :class:`FecToConfirm` (the staged file is kept for :func:`import_fec`);
    - otherwise the report already read is imported → :class:`FecImported`.

    Every outcome but :class:`FecToConfirm` deletes the staged file at once.
    Raises :class:`DomainError` (staged file deleted) when the body is too large,
    the file is no FEC at all or the writer may not import.
    """
    if not can_write(actor):
        raise DomainError("Votre rôle ne permet pas d'importer des comptes.")
    file = stage_upload(user=actor, chunks=chunks, name=name)
    try:
        outcome = _decide(actor=actor, party=party, file=file, replace=replace)
    except BaseException:
        discard(file)
        raise
    if not isinstance(outcome, FecToConfirm):
        discard(file)
    return outcome


def _decide(*, actor: User, party: Party, file: StagedFile, replace: bool) -> FecOutcome:
    already = FecImport.objects.filter(party=party, sha256=file.sha256).first()
    if already is not None:
        return FecAlreadyImported(already)
    report = read_staged(file)
    problems = blocking_problems(party=party, report=report)
    if problems:
        return FecRefused(report, problems, other_company(party=party, report=report))
    _, end = fec_period(report)
    existing = FiscalYear.objects.filter(party=party, end=end).first()
    if report.anomalies or (existing is not None and not replace):
        return FecToConfirm(file, report, existing, replace)
    return FecImported(
        file, _store_fec(actor=actor, party=party, file=file, report=report, replace=replace)
    )


@transaction.atomic
def import_fec(*, actor: User, party: Party, file: StagedFile, replace: bool = False) -> FiscalYear:
    """Import a staged FEC as a fiscal year of ``party``; all or nothing.

    Raises :class:`AlreadyImported` when this very file is already stored for
    the client, :class:`DomainError` when it has errors, belongs to another
    SIREN, or its year exists and ``replace`` is false.
    """
    require(actor, "diagnosis.change")
    existing = FecImport.objects.filter(party=party, sha256=file.sha256).first()
    if existing is not None:
        raise AlreadyImported(existing)
    return _store_fec(
        actor=actor, party=party, file=file, report=read_staged(file), replace=replace
    )


@transaction.atomic
def _store_fec(
    *, actor: User, party: Party, file: StagedFile, report: FecReport, replace: bool
) -> FiscalYear:
    """Write the year, its trial balance and the import record from a report already read."""
    problems = blocking_problems(party=party, report=report)
    if problems:
        raise DomainError("Import refusé, rien n'a été enregistré : " + " ; ".join(problems))
    start, end = fec_period(report)
    _replace_existing(party=party, end=end, replace=replace, actor=actor)
    year = FiscalYear(
        party=party,
        start=start,
        end=end,
        source=StatementSource.FEC,
        summary=summary_from_fec(report).to_json(),
        created_by=actor,
    )
    year._change_reason = f"import du FEC {file.name}"  # type: ignore[attr-defined]
    year.save()
    AccountBalance.objects.bulk_create(_balances(year, report), batch_size=2000)
    FecImport.objects.create(
        party=party,
        fiscal_year=year,
        file_name=file.name,
        sha256=file.sha256,
        size_bytes=file.size,
        lines=report.lines,
        entries_count=report.entries,
        warnings=report.warnings,
        anomalies=[
            {"code": a.code, "severity": a.severity, "line": a.line, "message": a.message}
            for a in report.anomalies[:200]
        ],
        imported_by=actor,
    )
    bump_data_version()
    return year


def _balances(year: FiscalYear, report: FecReport) -> list[AccountBalance]:
    """Trial-balance rows: each auxiliary account, then the rest of its account."""
    rows = []
    aux_debit: dict[str, int] = {}
    aux_credit: dict[str, int] = {}
    for (account, aux), b in report.auxiliary.items():
        rows.append(
            AccountBalance(
                fiscal_year=year,
                account=account,
                auxiliary=aux[:40],
                label=b.label[:200],
                debit_cents=b.debit_cents,
                credit_cents=b.credit_cents,
            )
        )
        aux_debit[account] = aux_debit.get(account, 0) + b.debit_cents
        aux_credit[account] = aux_credit.get(account, 0) + b.credit_cents
    for account, b in report.accounts.items():
        debit = b.debit_cents - aux_debit.get(account, 0)
        credit = b.credit_cents - aux_credit.get(account, 0)
        if debit or credit or account not in aux_debit:
            rows.append(
                AccountBalance(
                    fiscal_year=year,
                    account=account,
                    label=b.label[:200],
                    debit_cents=debit,
                    credit_cents=credit,
                )
            )
    return rows


def _statement_summary(source: str, entries: dict[str, Any]) -> Summary:
    if source == StatementSource.FORM_2033:
        return summary_from_2033(Form2033(**entries))
    if source == StatementSource.FORM_2035:
        return summary_from_2035(Form2035(**entries))
    if source == StatementSource.MICRO:
        return summary_from_micro(entries["turnover"], entries["sector_margin"])
    raise DomainError(f"Source de comptes inconnue : {source}.")


@transaction.atomic
def save_statement(
    *,
    actor: User,
    party: Party,
    source: str,
    start: dt.date,
    end: dt.date,
    entries: dict[str, Decimal | None],
    replace: bool = False,
) -> FiscalYear:
    """Store a 2033, 2035 or micro statement typed by hand as a fiscal year."""
    require(actor, "diagnosis.change")
    if end <= start:
        raise DomainError("La clôture doit être postérieure au début de l'exercice.")
    if (end - start).days > 731:
        raise DomainError("Un exercice ne peut pas dépasser 24 mois.")
    summary = _statement_summary(source, entries)
    _replace_existing(party=party, end=end, replace=replace, actor=actor)
    year = FiscalYear(
        party=party,
        start=start,
        end=end,
        source=source,
        entries={k: None if v is None else f"{v}" for k, v in entries.items()},
        summary=summary.to_json(),
        created_by=actor,
    )
    year._change_reason = f"saisie {year.get_source_display()}"  # type: ignore[attr-defined]
    year.save()
    return year


@transaction.atomic
def delete_fiscal_year(*, actor: User, year: FiscalYear) -> None:
    """Delete a fiscal year, its trial balance and its import record (kept in history)."""
    require(actor, "diagnosis.change")
    year._change_reason = f"supprimé par {actor}"  # type: ignore[attr-defined]
    year.delete()


def recompute_summaries(years: Iterable[FiscalYear]) -> int:
    """Recompute stored summaries (after a change of mapping); returns the count."""
    count = 0
    for year in years:
        if year.source == StatementSource.FEC:
            year.summary = summary_from_fec(stored_report(year)).to_json()
        else:
            entries = {k: Decimal(v) for k, v in year.entries.items() if v is not None}
            year.summary = _statement_summary(year.source, entries).to_json()
        year.save(update_fields=["summary", "updated_at"])
        update_change_reason(year, "recalcul")
        count += 1
    return count


def stored_report(year: FiscalYear) -> FecReport:
    """A :class:`FecReport` rebuilt from the stored trial balance of a FEC year."""
    report = FecReport(source=f"exercice {year.end:%Y-%m-%d}")
    for row in year.balances.all():
        total = report.accounts.setdefault(row.account, Balance(row.label))
        total.debit_cents += row.debit_cents
        total.credit_cents += row.credit_cents
        if row.auxiliary:
            report.auxiliary[(row.account, row.auxiliary)] = Balance(
                row.label, row.debit_cents, row.credit_cents
            )
    return report
