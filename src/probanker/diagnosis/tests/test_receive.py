"""``services.receive_fec``: an upload staged, read once, and decided in one place."""

from __future__ import annotations

import datetime as dt
import hashlib
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from probanker.core.services import DomainError
from probanker.diagnosis import services
from probanker.diagnosis.models import AccountBalance, FecImport, FiscalYear
from probanker.diagnosis.tests.fec_samples import RESULT, UNBALANCED, fec_bytes, fec_name
from probanker.finance.fec import read_fec
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

# Files opened by this process, seen through Python's audit hooks (PEP 578): a
# real count of how often a file is read, without replacing any of our code.
_OPENED: list[str] = []
_RECORDING: list[bool] = []


def _audit(event: str, args: tuple[Any, ...]) -> None:
    if _RECORDING and event == "open" and isinstance(args[0], str | Path):
        _OPENED.append(str(args[0]))


sys.addaudithook(_audit)


@contextmanager
def opened() -> Iterator[list[str]]:
    """The paths opened inside the block."""
    _OPENED.clear()
    _RECORDING.append(True)
    try:
        yield _OPENED
    finally:
        _RECORDING.clear()


def receive(user: Any, party: Any, data: bytes, name: str, replace: bool = False) -> Any:
    return services.receive_fec(
        actor=user, party=party, chunks=[data[:100], data[100:]], name=name, replace=replace
    )


def staged_files(user: Any) -> list[Path]:
    return [p for p in services.staging_dir(user).rglob("*") if p.is_file()]


def counts() -> tuple[int, int, int]:
    return FiscalYear.objects.count(), AccountBalance.objects.count(), FecImport.objects.count()


def test_a_clean_file_is_read_once_and_imported(manager1: Any, tmp_path: Path) -> None:
    """A clean FEC is imported from the report read at upload: one read, staged copy deleted."""
    party = PartyFactory(manager=manager1)
    data, name = fec_bytes(), fec_name(party.siren)
    reference = tmp_path / name
    reference.write_bytes(data)
    with opened() as paths:
        read_fec(reference)
    one_read = paths.count(str(reference))
    assert one_read >= 1
    staged = f"{hashlib.sha256(data).hexdigest()}/{name}"
    with opened() as paths:
        outcome = receive(manager1, party, data, name)
    assert sum(p.endswith(staged) for p in paths) == one_read
    assert isinstance(outcome, services.FecImported)
    assert outcome.year.summary["sig"]["resultat_net"] == RESULT
    assert outcome.year.fec.file_name == name
    assert staged_files(manager1) == []


def test_a_refused_file_is_discarded_at_once(manager1: Any) -> None:
    """Errors: the problems are listed, nothing is stored and the staged file is gone from disk."""
    party = PartyFactory(manager=manager1)
    outcome = receive(manager1, party, fec_bytes(UNBALANCED), fec_name(party.siren))
    assert isinstance(outcome, services.FecRefused)
    assert outcome.problems
    assert any("ligne" in p for p in outcome.problems)
    assert counts() == (0, 0, 0)
    assert staged_files(manager1) == []


def test_another_siren_is_refused_and_discarded(manager1: Any) -> None:
    """A file named for another company is refused, and not kept for a confirmation."""
    party = PartyFactory(manager=manager1)
    other = PartyFactory(manager=manager1)
    outcome = receive(manager1, party, fec_bytes(), fec_name(other.siren))
    assert isinstance(outcome, services.FecRefused)
    assert any(other.siren in p for p in outcome.problems)
    assert staged_files(manager1) == []


def test_a_file_that_is_no_fec_is_an_error_and_discarded(manager1: Any) -> None:
    """A PDF renamed .txt: a DomainError for the form, and no staged file left behind."""
    party = PartyFactory(manager=manager1)
    with pytest.raises(DomainError, match="PDF"):
        receive(manager1, party, b"%PDF-1.7\n1 0 obj\n" * 10, "bilan.txt")
    assert staged_files(manager1) == []


def test_the_same_file_twice_is_already_imported(manager1: Any) -> None:
    """The second upload of the same file changes nothing and says so."""
    party = PartyFactory(manager=manager1)
    data, name = fec_bytes(), fec_name(party.siren)
    assert isinstance(receive(manager1, party, data, name), services.FecImported)
    before = counts()
    again = receive(manager1, party, data, name)
    assert isinstance(again, services.FecAlreadyImported)
    assert "déjà été importé" in again.message
    assert counts() == before
    assert staged_files(manager1) == []


def test_an_existing_year_asks_for_confirmation(manager1: Any) -> None:
    """A year with the same closing date: kept staged for confirmation unless replacing."""
    party = PartyFactory(manager=manager1)
    kept = FiscalYear.objects.create(
        party=party, start=dt.date(2024, 1, 1), end=dt.date(2024, 12, 31), source="micro"
    )
    data, name = fec_bytes(), fec_name(party.siren)
    outcome = receive(manager1, party, data, name)
    assert isinstance(outcome, services.FecToConfirm)
    assert outcome.existing == kept
    assert not outcome.replace
    assert outcome.file.path.is_file()  # kept for the confirmation
    assert FiscalYear.objects.get(party=party) == kept
    replaced = receive(manager1, party, data, name, replace=True)
    assert isinstance(replaced, services.FecImported)
    assert FiscalYear.objects.get(party=party).source == "fec"
    assert not FiscalYear.objects.filter(pk=kept.pk).exists()


def test_warnings_ask_for_confirmation(manager1: Any) -> None:
    """A file with warnings only (not the legal name) waits for the user, staged."""
    party = PartyFactory(manager=manager1)
    outcome = receive(manager1, party, fec_bytes(), "export-compta-2024.txt")
    assert isinstance(outcome, services.FecToConfirm)
    assert outcome.report.anomalies
    assert outcome.existing is None
    assert staged_files(manager1) == [outcome.file.path]
    year = services.import_fec(actor=manager1, party=party, file=outcome.file)
    assert year.fec.warnings >= 1
