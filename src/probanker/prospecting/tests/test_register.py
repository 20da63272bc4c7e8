"""The SIRENE register: import (CSV, zip, Parquet, by column name, atomic) and search."""

from __future__ import annotations

import csv
import datetime as dt
import threading
import zipfile
from pathlib import Path

import duckdb
import pyarrow.parquet as pq
import pytest

from probanker.core.testing import shared_data
from probanker.lake.sirene import reading_register, register_file
from probanker.prospecting.register.geo import haversine_km, lambert93_to_wgs84
from probanker.prospecting.register.importer import import_register
from probanker.prospecting.register.sample import (
    ESTABLISHMENT_COLUMNS,
    UNIT_COLUMNS,
    SampleSpec,
    write_sample,
)
from probanker.prospecting.register.search import (
    Criteria,
    SearchError,
    departement_of,
    normalise_naf,
    search,
)
from probanker.prospecting.register.sources import RegisterFileError

UNIT = dict.fromkeys(UNIT_COLUMNS, "")
ETAB = dict.fromkeys(ESTABLISHMENT_COLUMNS, "")


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, columns)
        writer.writeheader()
        for row in rows:
            writer.writerow({c: row.get(c, "") for c in columns})
    return path


def unit(siren: str, **fields: str) -> dict[str, str]:
    base = {"siren": siren, "statutDiffusionUniteLegale": "O", "dateCreationUniteLegale": "2010-01-01",
            "etatAdministratifUniteLegale": "A", "categorieJuridiqueUniteLegale": "5499",
            "denominationUniteLegale": f"SOCIETE {siren}"}  # fmt: skip
    return {**base, **fields}


def etab(siret: str, **fields: str) -> dict[str, str]:
    base = {"siren": siret[:9], "nic": siret[9:], "siret": siret,
            "statutDiffusionEtablissement": "O", "dateCreationEtablissement": "2020-05-04",
            "etablissementSiege": "true", "codePostalEtablissement": "37000",
            "libelleCommuneEtablissement": "TOURS", "codeCommuneEtablissement": "37261",
            "activitePrincipaleEtablissement": "56.10A", "etatAdministratifEtablissement": "A",
            "caractereEmployeurEtablissement": "O",
            "coordonneeLambertAbscisseEtablissement": "525745.2",
            "coordonneeLambertOrdonneeEtablissement": "6701612.9"}  # fmt: skip
    return {**base, **fields}


# Luhn-valid SIREN and their head office's SIRET (NIC 0001 + check digit).
S1, T1 = "000010009", "00001000900017"
S2, T2 = "000020008", "00002000800017"
S3, T3 = "000030007", "00003000700017"


@pytest.fixture
def stock(tmp_path: Path) -> tuple[Path, Path]:
    """Three units: an open company, an individual entrepreneur partially diffusible, a ceased one."""
    units = write_csv(tmp_path / "u.csv", list(UNIT_COLUMNS), [
        unit(S1),
        unit(S2, categorieJuridiqueUniteLegale="1000", statutDiffusionUniteLegale="P",
             nomUniteLegale="[ND]", prenom1UniteLegale="[ND]", denominationUniteLegale=""),
        unit(S3, etatAdministratifUniteLegale="C"),
    ])  # fmt: skip
    etabs = write_csv(tmp_path / "e.csv", list(ESTABLISHMENT_COLUMNS), [
        etab(T1, enseigne1Etablissement="LE BISTROT"),
        etab(T2, statutDiffusionEtablissement="P", libelleVoieEtablissement="[ND]",
             coordonneeLambertAbscisseEtablissement="[ND]",
             coordonneeLambertOrdonneeEtablissement="[ND]", enseigne1Etablissement="CHEZ PAUL",
             codeCommuneEtablissement="2A004", codePostalEtablissement="20000"),
        etab(T3, codeCommuneEtablissement="97411", codePostalEtablissement="97400",
             coordonneeLambertAbscisseEtablissement="338000",
             coordonneeLambertOrdonneeEtablissement="7690000"),
    ])  # fmt: skip
    return units, etabs


def rows_of(lake: Path) -> dict[str, dict[str, object]]:
    return {r["siret"]: r for r in pq.read_table(register_file(lake)).to_pylist()}


def test_import_keeps_what_prospecting_needs_and_masks_partial_diffusion(
    stock: tuple[Path, Path], tmp_path: Path
) -> None:
    """Names, state, Lambert 93 → WGS 84; partial diffusion: no personal field, no [ND]."""
    lake = tmp_path / "lake"
    result = import_register(unites=stock[0], etablissements=stock[1], lake_dir=lake)
    assert result.as_dict() == {"unites": 3, "etablissements": 3}
    rows = rows_of(lake)
    company = rows[T1]
    assert company["name"] == f"SOCIETE {S1}"
    assert company["trade_name"] == "LE BISTROT"
    assert company["departement"] == "37"
    assert company["employer"] is True
    assert company["created_on"] == dt.date(2020, 5, 4)
    assert company["active"] is True
    # The Lambert 93 point typed lies in central Tours, about 0.690 E, 47.392 N.
    assert company["longitude"] == pytest.approx(0.690, abs=2e-3)
    assert company["latitude"] == pytest.approx(47.392, abs=2e-3)
    partial = rows[T2]
    assert partial["diffusion"] == "P"
    assert partial["departement"] == "2A"
    assert partial["name"] is None
    assert partial["trade_name"] is None
    assert partial["street"] is None
    assert partial["longitude"] is None
    assert "[ND]" not in str(list(rows.values()))
    ceased = rows[T3]
    assert ceased["unit_active"] is False
    assert ceased["departement"] == "974"
    # Réunion's positions are in RGR92 / UTM 40S, not Lambert 93: still on the island.
    assert 55.2 < ceased["longitude"] < 55.9
    assert -21.4 < ceased["latitude"] < -20.8


def test_search_defaults_options_and_alternatives(stock: tuple[Path, Path], tmp_path: Path) -> None:
    """Active and fully diffusible by default; repeated options OR, different ones AND."""
    lake = tmp_path / "lake"
    import_register(unites=stock[0], etablissements=stock[1], lake_dir=lake)
    assert [r["siret"] for r in search(Criteria(), lake).rows] == [T1]
    assert search(Criteria(include_partial=True), lake).count == 2
    assert search(Criteria(include_closed=True, include_partial=True), lake).count == 3
    every = Criteria.build(
        departements=["37", "2a", "974"], include_closed=True, include_partial=True
    )
    assert search(every, lake).count == 3
    both = Criteria.build(departements=["37"], naf=["47"], include_closed=True)
    assert search(both, lake).count == 0
    assert search(Criteria.build(naf=["5610a"]), lake).count == 1
    assert search(Criteria.build(created_since=dt.date(2020, 5, 5)), lake).count == 0
    assert search(Criteria.build(communes=["37261"], employer=True), lake).count == 1


def test_columns_are_read_by_name_in_any_order(stock: tuple[Path, Path], tmp_path: Path) -> None:
    """The same rows with the columns reversed give the same register."""
    with stock[1].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    reversed_file = write_csv(tmp_path / "rev.csv", list(reversed(ESTABLISHMENT_COLUMNS)), rows)
    import_register(unites=stock[0], etablissements=stock[1], lake_dir=tmp_path / "a")
    import_register(unites=stock[0], etablissements=reversed_file, lake_dir=tmp_path / "b")
    assert rows_of(tmp_path / "a") == rows_of(tmp_path / "b")


def test_zip_and_parquet_forms_give_the_same_register(
    stock: tuple[Path, Path], tmp_path: Path
) -> None:
    """INSEE's .zip (one CSV inside) and Parquet forms are read like the CSV."""
    units_zip = tmp_path / "StockUniteLegale_utf8.zip"
    with zipfile.ZipFile(units_zip, "w") as archive:
        archive.write(stock[0], "StockUniteLegale_utf8.csv")
    etab_parquet = tmp_path / "StockEtablissement.parquet"
    duckdb.sql(f"COPY (SELECT * FROM read_csv('{stock[1]}', all_varchar=true)) TO '{etab_parquet}'")
    import_register(unites=stock[0], etablissements=stock[1], lake_dir=tmp_path / "csv")
    import_register(unites=units_zip, etablissements=etab_parquet, lake_dir=tmp_path / "other")
    assert rows_of(tmp_path / "csv") == rows_of(tmp_path / "other")


def test_same_files_twice_give_the_same_register(tmp_path: Path) -> None:
    """Idempotent: a second import of the same files writes the same rows in the same order."""
    units, etabs = write_sample(SampleSpec(establishments=400), tmp_path / "in")
    import_register(unites=units, etablissements=etabs, lake_dir=tmp_path / "lake")
    first = pq.read_table(register_file(tmp_path / "lake"))
    import_register(unites=units, etablissements=etabs, lake_dir=tmp_path / "lake")
    assert pq.read_table(register_file(tmp_path / "lake")).equals(first)


def test_missing_column_is_refused_and_the_register_stays(
    stock: tuple[Path, Path], tmp_path: Path
) -> None:
    """A file without ``siret`` is refused naming file and column; the old register is kept."""
    lake = tmp_path / "lake"
    import_register(unites=stock[0], etablissements=stock[1], lake_dir=lake)
    before = rows_of(lake)
    with stock[1].open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    columns = [c for c in ESTABLISHMENT_COLUMNS if c != "siret"]
    bad = write_csv(
        tmp_path / "no_siret.csv",
        columns,
        [{k: v for k, v in r.items() if k != "siret"} for r in rows],
    )
    with pytest.raises(
        RegisterFileError, match=r"no_siret\.csv : colonne obligatoire absente de l'en-tête : siret"
    ):
        import_register(unites=stock[0], etablissements=bad, lake_dir=lake)
    assert rows_of(lake) == before
    assert [p.name for p in lake.iterdir() if p.name.startswith(".sirene")] == []


def test_invalid_siret_is_refused(stock: tuple[Path, Path], tmp_path: Path) -> None:
    """A SIRET that does not begin with its SIREN stops the import, naming the value."""
    bad = write_csv(tmp_path / "bad.csv", list(ESTABLISHMENT_COLUMNS), [etab(T1, siren=S2)])
    with pytest.raises(RegisterFileError, match=f"champ siret « {T1} » invalide"):
        import_register(unites=stock[0], etablissements=bad, lake_dir=tmp_path / "lake")
    assert not register_file(tmp_path / "lake").exists()


def test_a_reader_never_sees_half_a_register(tmp_path: Path) -> None:
    """While an import replaces the register, every search sees the old one or the new one."""
    lake = tmp_path / "lake"
    small = write_sample(SampleSpec(establishments=300, seed=1), tmp_path / "a")
    large = write_sample(SampleSpec(establishments=3000, seed=2), tmp_path / "b")
    import_register(unites=small[0], etablissements=small[1], lake_dir=lake)
    everything = Criteria(include_closed=True, include_partial=True, limit=1)
    seen: set[int] = set()
    done = threading.Event()

    def read() -> None:
        while not done.is_set():
            seen.add(search(everything, lake).count)

    reader = threading.Thread(target=read)
    reader.start()
    for files in (large, small, large):
        import_register(unites=files[0], etablissements=files[1], lake_dir=lake)
    done.set()
    reader.join()
    assert seen <= {300, 3000}


def test_criteria_are_checked() -> None:
    """NAF prefixes normalised as SIRENE writes them; bad codes named by their field."""
    assert normalise_naf("4711d") == "47.11D"
    assert normalise_naf("47.1") == "47.1"
    assert normalise_naf("47") == "47"
    for kwargs, field in (({"naf": ["4"]}, "naf"), ({"departements": ["100"]}, "departement"),
                          ({"communes": ["3726"]}, "commune"), ({"limit": 0}, "limit")):  # fmt: skip
        with pytest.raises(SearchError) as raised:
            Criteria.build(**kwargs)  # type: ignore[arg-type]
        assert raised.value.field == field
    assert departement_of("37261") == "37"
    assert departement_of("2B033") == "2B"
    assert departement_of("97411") == "974"


def test_no_register_yet(tmp_path: Path) -> None:
    """Before any import a search finds nothing and says the register is missing."""
    result = search(Criteria(), tmp_path / "lake")
    assert result.count == 0
    assert result.available is False
    with reading_register(tmp_path / "lake") as path:
        assert path is None


def test_distances_and_projection() -> None:
    """Tours → Amboise is about 23 km as the crow flies; Lambert 93's origin meridian is 3° E."""
    assert haversine_km(0.6893, 47.3904, 0.9820, 47.4130) == pytest.approx(22.2, abs=0.5)
    lon, lat = lambert93_to_wgs84(700000, 6600000)
    assert lon == pytest.approx(3.0, abs=1e-6)
    assert lat == pytest.approx(46.5, abs=1e-6)


# --------------------------------------------------------------------------
# Real files (../shared/data/sirene), skipped when absent.
# --------------------------------------------------------------------------


def test_real_files_of_an_older_vintage(tmp_path: Path) -> None:
    """etalab's real rows: no Lambert columns, other order; a closed establishment found on demand."""
    folder = shared_data("sirene", "etalab_sirene_as_api")
    result = import_register(
        unites=folder / "sample_unites_legales_OK.csv",
        etablissements=folder / "sample_etablissements_OK.csv",
        lake_dir=tmp_path / "lake",
    )
    assert result.as_dict() == {"unites": 3, "etablissements": 3}
    assert search(Criteria(), tmp_path / "lake").count == 0  # all three are closed (F)
    closed = search(Criteria(include_closed=True), tmp_path / "lake")
    assert {r["siret"] for r in closed.rows} == {
        "00588003400011",
        "00600356000015",
        "00600465900014",
    }


def test_real_file_with_a_header_short_of_a_column(tmp_path: Path) -> None:
    """etalab's KO file lacks ``nic`` in its header: refused at line 2, nothing imported."""
    folder = shared_data("sirene", "etalab_sirene_as_api")
    with pytest.raises(RegisterFileError, match="ligne 2 : 57 champs pour 56 colonnes"):
        import_register(
            unites=folder / "sample_unites_legales_OK.csv",
            etablissements=folder / "sample_etablissements_KO_missing_header.csv",
            lake_dir=tmp_path / "lake",
        )
    assert not register_file(tmp_path / "lake").exists()


def test_real_units_of_the_current_layout(tmp_path: Path) -> None:
    """INSEE's current 35-column header: names read, the ceased unit left out by default."""
    units = shared_data("sirene", "joao-sdx_mailing", "StockUniteLegale_echantillon.csv")
    with units.open(encoding="utf-8") as handle:
        sirens = [r["siren"] for r in csv.DictReader(handle)]
    from probanker.prospecting.register.sample import siret_of

    etabs = write_csv(tmp_path / "e.csv", list(ESTABLISHMENT_COLUMNS),
                      [etab(siret_of(s, 1)) for s in sirens])  # fmt: skip
    result = import_register(unites=units, etablissements=etabs, lake_dir=tmp_path / "lake")
    assert result.as_dict() == {"unites": 9, "etablissements": 9}
    found = search(Criteria(), tmp_path / "lake")
    names = {r["name"] for r in found.rows}
    assert found.count == 8
    assert "FACTOFRANCE" in names
    assert "DELTA ASSURANCES" not in names
