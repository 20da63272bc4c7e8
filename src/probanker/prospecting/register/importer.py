"""Import INSEE's stock files into the lake's SIRENE register, streaming, all or nothing.

Two passes, both streamed by DuckDB (a few record batches in memory at a
time, spilling to the work folder when a join outgrows the memory limit):

1. StockUniteLegale → a compact work file of what the register keeps per SIREN
   (name, legal category, creation date, state, diffusion);
2. StockEtablissement joined with it, cleaned in SQL (``[ND]`` masks dropped,
   personal fields of partially diffusible entrepreneurs left empty), then
   batch by batch in Python: SIRET checked, Lambert 93 → WGS 84 (pyproj),
   written to the new register's Parquet file.

The register is sorted by département, commune and SIRET: the same files give
the same file, and a search by place reads only the row groups of its
départements (Parquet's min/max statistics).

Everything is written in a staging folder of the lake and swapped in at the
end (``probanker.lake.sirene``): a failure leaves the register in place as it
was, and the same files imported again give the same register.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from probanker.lake import sirene as lake_register
from probanker.lake.sirene import REGISTER_SCHEMA
from probanker.prospecting.register.geo import to_wgs84
from probanker.prospecting.register.sources import (
    RegisterFileError,
    Source,
    open_source,
    require_columns,
)

BATCH_ROWS = 250_000
UNITS_WORK_FILE = "unites.parquet"

UNIT_REQUIRED = (
    "siren",
    "statutDiffusionUniteLegale",
    "dateCreationUniteLegale",
    "etatAdministratifUniteLegale",
    "nomUniteLegale",
    "denominationUniteLegale",
    "categorieJuridiqueUniteLegale",
)
UNIT_OPTIONAL = (
    "prenom1UniteLegale",
    "prenomUsuelUniteLegale",
    "nomUsageUniteLegale",
    "sigleUniteLegale",
    "denominationUsuelle1UniteLegale",
    "caractereEmployeurUniteLegale",
)
ESTABLISHMENT_REQUIRED = (
    "siret",
    "siren",
    "statutDiffusionEtablissement",
    "dateCreationEtablissement",
    "etablissementSiege",
    "codePostalEtablissement",
    "codeCommuneEtablissement",
    "activitePrincipaleEtablissement",
    "etatAdministratifEtablissement",
)
ESTABLISHMENT_OPTIONAL = (
    "trancheEffectifsEtablissement",
    "caractereEmployeurEtablissement",
    "enseigne1Etablissement",
    "denominationUsuelleEtablissement",
    "numeroVoieEtablissement",
    "indiceRepetitionEtablissement",
    "typeVoieEtablissement",
    "libelleVoieEtablissement",
    "libelleCommuneEtablissement",
    "coordonneeLambertAbscisseEtablissement",
    "coordonneeLambertOrdonneeEtablissement",
)

Progress = Callable[[str, int], None]


def _silent(stage: str, rows: int) -> None:
    """The default progress callback: says nothing."""


@dataclass(frozen=True)
class ImportResult:
    """Rows read from each file (the register holds one row per establishment)."""

    unites: int
    etablissements: int

    def as_dict(self) -> dict[str, int]:
        return {"unites": self.unites, "etablissements": self.etablissements}


def _literal(path: Path) -> str:
    """A path as an SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def _relation(source: Source) -> str:
    """The DuckDB table function reading ``source``: every column as text, by name."""
    if source.kind == "parquet":
        return f"read_parquet({_literal(source.path)})"
    # INSEE's CSV: UTF-8, comma, double quotes; a line with too many or too few
    # fields is an error (strict mode), not a silently shifted row.
    return (
        f"read_csv({_literal(source.path)}, header = true, delim = ',', quote = '\"', "
        "escape = '\"', all_varchar = true, strict_mode = true, null_padding = false)"
    )


def _column(source: Source, name: str, table: str = "") -> str:
    """``name`` as cleaned text: trimmed, empty and INSEE's ``[ND]`` mask as NULL."""
    if not source.has(name):
        return "CAST(NULL AS VARCHAR)"
    quoted = (f"{table}." if table else "") + '"' + name.replace('"', '""') + '"'
    return f"clean(CAST({quoted} AS VARCHAR))"


def _connect(work: Path) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB bounded in memory, spilling to ``work``."""
    con = duckdb.connect(
        config={
            "threads": max(1, os.cpu_count() or 1),
            "memory_limit": os.environ.get("PROBANKER_SIRENE_MEMORY", "1GB"),
            "temp_directory": str(work / "duckdb.tmp"),
            "preserve_insertion_order": False,
        }
    )
    con.execute(
        "CREATE MACRO clean(x) AS CASE WHEN x IS NULL OR trim(x) = '' OR trim(x) = '[ND]' "
        "THEN NULL ELSE trim(x) END"
    )
    return con


def _units_sql(units: Source, target: Path) -> str:
    c = lambda name: _column(units, name)  # noqa: E731
    diffusion = f"coalesce({c('statutDiffusionUniteLegale')}, 'O')"
    person = (
        f"nullif(concat_ws(' ', coalesce({c('prenomUsuelUniteLegale')}, {c('prenom1UniteLegale')}), "
        f"coalesce({c('nomUsageUniteLegale')}, {c('nomUniteLegale')})), '')"
    )
    company = (
        f"coalesce({c('denominationUniteLegale')}, {c('denominationUsuelle1UniteLegale')}, "
        f"{c('sigleUniteLegale')})"
    )
    category = c("categorieJuridiqueUniteLegale")
    return f"""
    COPY (
      SELECT {c("siren")} AS siren,
             CASE WHEN {category} = '1000'
                  THEN CASE WHEN {diffusion} = 'O' THEN {person} END
                  ELSE {company} END AS unit_name,
             {category} AS legal_category,
             TRY_CAST({c("dateCreationUniteLegale")} AS DATE) AS unit_created_on,
             coalesce({c("etatAdministratifUniteLegale")}, 'A') <> 'C' AS unit_active,
             {diffusion} AS unit_diffusion,
             {c("caractereEmployeurUniteLegale")} AS unit_employer
      FROM {_relation(units)}
    ) TO {_literal(target)} (FORMAT parquet)
    """  # noqa: S608 - column names read from the header, quoted


def _establishments_sql(etab: Source, units_file: Path) -> str:
    c = lambda name: _column(etab, name, "e")  # noqa: E731
    partial = (
        f"(coalesce({c('statutDiffusionEtablissement')}, 'O') <> 'O' "
        "OR coalesce(u.unit_diffusion, 'O') <> 'O')"
    )
    # What identifies a natural person (an entrepreneur's trade name, street,
    # position) is kept only when both the unit and the establishment are diffusible.
    personal = f"NOT ({partial} AND u.legal_category = '1000')"
    hidden = f"NOT {partial}"
    trade = f"coalesce({c('enseigne1Etablissement')}, {c('denominationUsuelleEtablissement')})"
    street = (
        f"nullif(concat_ws(' ', {c('numeroVoieEtablissement')}, {c('indiceRepetitionEtablissement')}, "
        f"{c('typeVoieEtablissement')}, {c('libelleVoieEtablissement')}), '')"
    )
    commune = c("codeCommuneEtablissement")
    band = c("trancheEffectifsEtablissement")
    employer = f"coalesce({c('caractereEmployeurEtablissement')}, u.unit_employer)"
    return f"""
      SELECT {c("siret")} AS siret,
             {c("siren")} AS siren,
             coalesce(u.unit_name, CASE WHEN {personal} THEN {trade} END) AS name,
             CASE WHEN {personal} THEN {trade} END AS trade_name,
             {c("activitePrincipaleEtablissement")} AS naf,
             u.legal_category AS legal_category,
             CASE WHEN {band} = 'NN' THEN NULL ELSE {band} END AS headcount_band,
             {employer} = 'O' AS employer,
             TRY_CAST({c("dateCreationEtablissement")} AS DATE) AS created_on,
             u.unit_created_on AS unit_created_on,
             coalesce({c("etatAdministratifEtablissement")}, 'A') <> 'F' AS active,
             coalesce(u.unit_active, true) AS unit_active,
             lower(coalesce({c("etablissementSiege")}, '')) IN ('true', '1', 'o') AS head_office,
             CASE WHEN {hidden} THEN {street} END AS street,
             {c("codePostalEtablissement")} AS postal_code,
             {commune} AS commune,
             {c("libelleCommuneEtablissement")} AS city,
             CASE WHEN {commune} IS NULL THEN NULL
                  WHEN {commune} LIKE '97%' OR {commune} LIKE '98%' THEN left({commune}, 3)
                  ELSE left({commune}, 2) END AS departement,
             CASE WHEN {hidden}
                  THEN TRY_CAST({c("coordonneeLambertAbscisseEtablissement")} AS DOUBLE) END AS x_lambert,
             CASE WHEN {hidden}
                  THEN TRY_CAST({c("coordonneeLambertOrdonneeEtablissement")} AS DOUBLE) END AS y_lambert,
             CASE WHEN {partial} THEN 'P' ELSE 'O' END AS diffusion
      FROM {_relation(etab)} AS e
      LEFT JOIN read_parquet({_literal(units_file)}) AS u ON u.siren = {c("siren")}
      ORDER BY departement, commune, siret
    """  # noqa: S608 - the only inputs are column names read from the header, quoted


def _check_batch(batch: pa.RecordBatch, name: str) -> None:
    """Refuse a batch holding a SIRET that is not 14 digits beginning with its SIREN."""
    siret = batch.column("siret")
    siren = batch.column("siren")
    valid = pc.and_kleene(
        pc.match_substring_regex(siret, r"^\d{14}$"),
        pc.equal(pc.utf8_slice_codeunits(siret, 0, 9), siren),
    )
    valid = pc.fill_null(valid, False)
    if not pc.all(valid).as_py():
        index = pc.index(valid, False).as_py()
        value = siret[index].as_py()
        shown = f"« {value} »" if value is not None else "vide"
        raise RegisterFileError(
            f"{name} : champ siret {shown} invalide (14 chiffres commençant par le "
            f"SIREN {siren[index].as_py() or 'vide'} attendus)."
        )


def _with_coordinates(batch: pa.RecordBatch) -> pa.Table:
    """The batch with WGS 84 longitude and latitude, in the register's schema."""
    x = batch.column("x_lambert").to_numpy(zero_copy_only=False).astype(float)
    y = batch.column("y_lambert").to_numpy(zero_copy_only=False).astype(float)
    departement = np.asarray(batch.column("departement").to_pylist(), dtype=object)
    lon, lat = to_wgs84(x, y, departement)
    table = pa.Table.from_batches([batch])
    table = table.append_column("longitude", pa.array(lon, mask=~np.isfinite(lon)))
    table = table.append_column("latitude", pa.array(lat, mask=~np.isfinite(lat)))
    return table.select(REGISTER_SCHEMA.names).cast(REGISTER_SCHEMA)


def _run(con: duckdb.DuckDBPyConnection, sql: str, name: str) -> duckdb.DuckDBPyConnection:
    """Execute ``sql``; DuckDB's errors (a malformed line...) become the file's error."""
    try:
        return con.execute(sql)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        raise RegisterFileError(f"{name} : fichier illisible — {first}") from exc


def import_register(
    *,
    unites: Path,
    etablissements: Path,
    lake_dir: Path | None = None,
    progress: Progress = _silent,
) -> ImportResult:
    """Replace the lake's register with the one read from the two stock files.

    Raises :class:`RegisterFileError` (nothing replaced) when a file is missing,
    unreadable, lacks a required column or holds an invalid SIRET.
    """
    staging = lake_register.staging_folder(lake_dir)
    try:
        units = open_source(Path(unites), staging)
        require_columns(units, UNIT_REQUIRED)
        etab = open_source(Path(etablissements), staging)
        require_columns(etab, ESTABLISHMENT_REQUIRED)
        con = _connect(staging)
        try:
            units_file = staging / UNITS_WORK_FILE
            progress("unites", 0)
            _run(con, _units_sql(units, units_file), units.name)
            unit_count = pq.ParquetFile(units_file).metadata.num_rows
            progress("unites", unit_count)
            count = _write_establishments(con, etab, units_file, staging, progress)
        finally:
            con.close()
        lake_register.swap_register(lake_dir, staging)
    except BaseException:
        lake_register.discard(staging)
        raise
    return ImportResult(unites=unit_count, etablissements=count)


def _write_establishments(
    con: duckdb.DuckDBPyConnection,
    etab: Source,
    units_file: Path,
    staging: Path,
    progress: Progress,
) -> int:
    """Stream the joined establishments into ``staging``'s register file; their count."""
    # A relation's reader streams (DuckDB 2: a con.execute() result would be copied whole).
    try:
        relation = con.sql(_establishments_sql(etab, units_file))
        reader = relation.to_arrow_reader(batch_size=BATCH_ROWS)
    except duckdb.Error as exc:
        first = str(exc).strip().splitlines()[0]
        raise RegisterFileError(f"{etab.name} : fichier illisible — {first}") from exc
    count = 0
    target = staging / lake_register.REGISTER_FILE
    with pq.ParquetWriter(target, REGISTER_SCHEMA, compression="zstd") as writer:
        while True:
            try:
                batch = reader.read_next_batch()
            except StopIteration:
                break
            except (duckdb.Error, pa.ArrowException) as exc:
                first = str(exc).strip().splitlines()[0]
                raise RegisterFileError(f"{etab.name} : fichier illisible — {first}") from exc
            _check_batch(batch, etab.name)
            writer.write_table(_with_coordinates(batch))
            count += batch.num_rows
            progress("etablissements", count)
    return count
