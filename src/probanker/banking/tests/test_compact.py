"""Compaction of the lake: fewer files, the same rows, safe after a crash."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from django.core.management import call_command

from probanker import lake
from probanker.banking.statements.compact import compact
from probanker.banking.tests.factories import ContractFactory
from probanker.banking.tests.test_statements import CFONB, IBAN, camt, write


def rows(lake_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """Every row of both datasets, in a stable order (duplicates kept)."""
    out = {}
    for dataset in (lake.MOVEMENTS, lake.BALANCES):
        table: pa.Table = lake.read_dataset(lake_dir, dataset)
        out[dataset.name] = sorted(table.to_pylist(), key=lambda r: sorted(r.items()))
    return out


def files(lake_dir: Path, pattern: str) -> list[Path]:
    return sorted(lake_dir.glob(f"*/month=*/{pattern}"))


@pytest.fixture
def imported(tmp_path: Path, settings: Any) -> Path:
    """Three statements of one account imported: a file per statement and month."""
    settings.LAKE_DIR = tmp_path / "lake"
    ContractFactory(iban=IBAN)
    week = camt().replace("2026-05-15", "2026-05-10")
    later = camt().replace("2026-05-16", "2026-05-22").replace("2026-05-15", "2026-05-21")
    for name, text in (("a.cfo", CFONB), ("b.xml", week), ("c.xml", later)):
        call_command("statements", "import", str(write(tmp_path, name, text)))
    return Path(settings.LAKE_DIR)


@pytest.mark.django_db
def test_compaction_merges_each_month_and_keeps_every_row(
    imported: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert len(files(imported, "stmt-*.parquet")) == 6  # 3 statements × 2 datasets, one month
    # A file of an import that crashed before its commit: not in the registry, left alone.
    orphan = files(imported, "stmt-*.parquet")[0].with_name("stmt-orphan.parquet")
    orphan.write_bytes(files(imported, "stmt-*.parquet")[0].read_bytes())
    before = rows(imported)
    capsys.readouterr()
    call_command("statements", "compact")
    assert "6 fichier(s) fusionné(s) en 2 fichier(s) mensuel(s)" in capsys.readouterr().out
    assert [f.parent.parent.name for f in files(imported, "part-*.parquet")] == [
        "balances",
        "movements",
    ]
    assert files(imported, "stmt-*.parquet") == [orphan]
    # The statements' small pieces are gathered into one row group, not one each.
    assert {pq.ParquetFile(f).num_row_groups for f in files(imported, "part-*.parquet")} == {1}
    assert rows(imported) == before
    assert compact(imported).merged == 0  # nothing left to merge
    # The statements stay known: importing them again stores nothing.
    call_command("statements", "import", str(imported.parent / "a.cfo"))
    assert "déjà présents : 1" in capsys.readouterr().out
    assert len(files(imported, "stmt-*.parquet")) == 1


@pytest.mark.django_db
def test_an_interrupted_compaction_is_finished_or_dropped(imported: Path) -> None:
    statement = files(imported, "stmt-*.parquet")[0]
    saved = statement.read_bytes()
    compact(imported)
    after = rows(imported)
    [merged] = [f for f in files(imported, "part-*.parquet") if f.parent == statement.parent]
    # Crash after the merged file got its name, before the old files were removed.
    statement.write_bytes(saved)
    journal = {"new": merged.name, "old": [statement.name]}
    (statement.parent / ".compaction-1.json").write_text(json.dumps(journal))
    assert rows(imported) != after  # the statement's rows twice: what recovery prevents
    assert compact(imported).recovered == 1
    assert rows(imported) == after
    # Crash before the rename: the journal and the temporary file go, the data stays.
    journal = {"new": "part-never.parquet", "old": [merged.name]}
    (statement.parent / ".compaction-2.json").write_text(json.dumps(journal))
    (statement.parent / ".part-never.parquet.x1.tmp").write_bytes(b"partial")
    assert compact(imported).recovered == 0
    assert sorted(p.name for p in statement.parent.iterdir()) == [merged.name]
    assert rows(imported) == after


@pytest.mark.django_db
def test_the_daily_batch_compacts_before_it_reads(imported: Path) -> None:
    """``statements_compact`` runs before the risk step, which then reads merged files."""
    import datetime as dt

    from probanker.batch.services import run_daily, step_counts

    run = run_daily(as_of=dt.date(2026, 5, 29), lake_dir=imported)
    assert step_counts(run, "statements_compact")["merged"] == 6
    assert step_counts(run, "risk")["accounts"] == 1
    assert files(imported, "stmt-*.parquet") == []


def test_compact_command_json_and_usage(
    tmp_path: Path, settings: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from django.core.management.base import CommandError

    settings.LAKE_DIR = tmp_path / "empty"
    call_command("statements", "compact", "--json")
    assert json.loads(capsys.readouterr().out) == {"months": 0, "merged": 0, "recovered": 0}
    with pytest.raises(CommandError, match="sans chemin"):
        call_command("statements", "compact", str(tmp_path))
    with pytest.raises(CommandError, match="indiquez des fichiers"):
        call_command("statements", "check")
