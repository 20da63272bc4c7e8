"""Synthetic stock files in INSEE's layout, for the demo, the tests and the benchmark.

Every column INSEE publishes, in its order (StockUniteLegale: 35,
StockEtablissement: 54), with valid SIREN and SIRET (Luhn), creation dates
spread over decades and the last weeks, closed units and establishments,
individual entrepreneurs (legal category 1000) with their names, partially
diffusible ones whose fields carry INSEE's ``[ND]`` mask, and Lambert 93
positions around each commune. Deterministic for a seed.
"""

from __future__ import annotations

import csv
import datetime as dt
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from stdnum import luhn

from probanker.prospecting.register.geo import wgs84_to_lambert93


def _names(header: str) -> tuple[str, ...]:
    """INSEE's column names, written as one string in its order."""
    return tuple(header.split())


UNIT_COLUMNS = _names(
    "siren statutDiffusionUniteLegale unitePurgeeUniteLegale dateCreationUniteLegale "
    "sigleUniteLegale sexeUniteLegale prenom1UniteLegale prenom2UniteLegale prenom3UniteLegale "
    "prenom4UniteLegale prenomUsuelUniteLegale pseudonymeUniteLegale "
    "identifiantAssociationUniteLegale trancheEffectifsUniteLegale anneeEffectifsUniteLegale "
    "dateDernierTraitementUniteLegale nombrePeriodesUniteLegale categorieEntreprise "
    "anneeCategorieEntreprise dateDebut etatAdministratifUniteLegale nomUniteLegale "
    "nomUsageUniteLegale denominationUniteLegale denominationUsuelle1UniteLegale "
    "denominationUsuelle2UniteLegale denominationUsuelle3UniteLegale "
    "categorieJuridiqueUniteLegale activitePrincipaleUniteLegale "
    "nomenclatureActivitePrincipaleUniteLegale nicSiegeUniteLegale "
    "economieSocialeSolidaireUniteLegale societeMissionUniteLegale "
    "caractereEmployeurUniteLegale activitePrincipaleNAF25UniteLegale"
)
ESTABLISHMENT_COLUMNS = _names(
    "siren nic siret statutDiffusionEtablissement dateCreationEtablissement "
    "trancheEffectifsEtablissement anneeEffectifsEtablissement "
    "activitePrincipaleRegistreMetiersEtablissement dateDernierTraitementEtablissement "
    "etablissementSiege nombrePeriodesEtablissement complementAdresseEtablissement "
    "numeroVoieEtablissement indiceRepetitionEtablissement dernierNumeroVoieEtablissement "
    "indiceRepetitionDernierNumeroVoieEtablissement typeVoieEtablissement "
    "libelleVoieEtablissement codePostalEtablissement libelleCommuneEtablissement "
    "libelleCommuneEtrangerEtablissement distributionSpecialeEtablissement "
    "codeCommuneEtablissement codeCedexEtablissement libelleCedexEtablissement "
    "codePaysEtrangerEtablissement libellePaysEtrangerEtablissement "
    "identifiantAdresseEtablissement coordonneeLambertAbscisseEtablissement "
    "coordonneeLambertOrdonneeEtablissement complementAdresse2Etablissement "
    "numeroVoie2Etablissement indiceRepetition2Etablissement typeVoie2Etablissement "
    "libelleVoie2Etablissement codePostal2Etablissement libelleCommune2Etablissement "
    "libelleCommuneEtranger2Etablissement distributionSpeciale2Etablissement "
    "codeCommune2Etablissement codeCedex2Etablissement libelleCedex2Etablissement "
    "codePaysEtranger2Etablissement libellePaysEtranger2Etablissement dateDebut "
    "etatAdministratifEtablissement enseigne1Etablissement enseigne2Etablissement "
    "enseigne3Etablissement denominationUsuelleEtablissement activitePrincipaleEtablissement "
    "nomenclatureActivitePrincipaleEtablissement caractereEmployeurEtablissement "
    "activitePrincipaleNAF25Etablissement"
)
ND = "[ND]"


@dataclass(frozen=True)
class Commune:
    code: str  # INSEE
    postal_code: str
    name: str
    longitude: float
    latitude: float


#: The Tours area (Indre-et-Loire) of the demo branch.
TOURS_AREA = (
    Commune("37261", "37000", "TOURS", 0.6890, 47.3941),
    Commune("37122", "37300", "JOUE-LES-TOURS", 0.6627, 47.3522),
    Commune("37214", "37540", "SAINT-CYR-SUR-LOIRE", 0.6670, 47.4000),
    Commune("37208", "37550", "SAINT-AVERTIN", 0.7390, 47.3630),
    Commune("37233", "37700", "SAINT-PIERRE-DES-CORPS", 0.7350, 47.3890),
    Commune("37195", "37520", "LA RICHE", 0.6590, 47.3900),
    Commune("37050", "37170", "CHAMBRAY-LES-TOURS", 0.7140, 47.3350),
    Commune("37109", "37230", "FONDETTES", 0.5970, 47.4040),
    Commune("37018", "37510", "BALLAN-MIRE", 0.6140, 47.3390),
    Commune("37156", "37270", "MONTLOUIS-SUR-LOIRE", 0.8280, 47.3880),
    Commune("37281", "37210", "VOUVRAY", 0.7980, 47.4110),
    Commune("37003", "37400", "AMBOISE", 0.9820, 47.4130),
)

#: (NAF code, legal categories drawn from) of professional activities.
ACTIVITIES = (
    ("10.71C", ("1000", "5499", "5710")),  # boulangerie
    ("43.21A", ("1000", "5499", "5498")),  # électricité
    ("43.22A", ("1000", "5499")),  # plomberie
    ("47.11D", ("5499", "5710")),  # supermarché
    ("47.76Z", ("1000", "5499")),  # fleuriste
    ("56.10A", ("1000", "5499", "5710", "5720")),  # restaurant
    ("56.30Z", ("1000", "5499")),  # débit de boissons
    ("62.01Z", ("1000", "5720", "5710")),  # programmation
    ("69.20Z", ("5485", "5710", "6585")),  # expertise comptable
    ("71.11Z", ("1000", "6578", "5499")),  # architecture
    ("86.21Z", ("1000", "6589")),  # médecins
    ("86.23Z", ("1000", "5485")),  # dentistes
    ("96.02A", ("1000", "5499")),  # coiffure
    ("45.20A", ("1000", "5499")),  # garage
    ("68.20B", ("6540",)),  # SCI
)
NAF_LABELS = {
    "10.71C": "Boulangerie et boulangerie-pâtisserie",
    "43.21A": "Travaux d'installation électrique dans tous locaux",
    "43.22A": "Travaux d'installation d'eau et de gaz en tous locaux",
    "47.11D": "Supermarchés",
    "47.76Z": "Commerce de détail de fleurs, plantes, graines, engrais, animaux de compagnie "
    "et aliments pour ces animaux en magasin spécialisé",
    "56.10A": "Restauration traditionnelle",
    "56.30Z": "Débits de boissons",
    "62.01Z": "Programmation informatique",
    "69.20Z": "Activités comptables",
    "71.11Z": "Activités d'architecture",
    "86.21Z": "Activité des médecins généralistes",
    "86.23Z": "Pratique dentaire",
    "96.02A": "Coiffure",
    "45.20A": "Entretien et réparation de véhicules automobiles légers",
    "68.20B": "Location de terrains et d'autres biens immobiliers",
}
WORDS = (
    "ATELIER", "MAISON", "COMPTOIR", "BOULANGERIE", "CABINET", "GARAGE", "LES JARDINS",
    "L'ESCALE", "LE FOURNIL", "LOIRE", "TOURAINE", "VAL", "SAINT-MARTIN", "PLUMEREAU",
    "RABELAIS", "BALZAC", "CHENONCEAU", "VOUVRAY", "ARTISANS", "SERVICES", "CONSEIL",
    "HABITAT", "BATIMENT", "SANTE", "NUMERIQUE", "DU CENTRE", "DES HALLES",
)  # fmt: skip
FIRST_NAMES = ("MARIE", "JEAN", "CAMILLE", "NICOLAS", "SOPHIE", "THOMAS", "JULIE",
               "PIERRE", "LEA", "ANTOINE", "CLAIRE", "HUGO", "EMMA", "LOUIS")  # fmt: skip
LAST_NAMES = ("MARTIN", "BERNARD", "DUBOIS", "MOREAU", "LAURENT", "SIMON", "MICHEL",
              "LEFEBVRE", "GIRARD", "ROUSSEAU", "BLANC", "GUERIN", "BOYER", "CHEVALIER")  # fmt: skip
STREETS = (("RUE", "NATIONALE"), ("RUE", "COLBERT"), ("BD", "BERANGER"), ("AV", "DE GRAMMONT"),
           ("PL", "PLUMEREAU"), ("RUE", "DU COMMERCE"), ("QUAI", "DE LA LOIRE"),
           ("RTE", "DE SAINT-AVERTIN"), ("ALL", "DES TILLEULS"), ("RUE", "DE LA SCELLERIE"))  # fmt: skip
BANDS = ("NN", "NN", "00", "01", "02", "03", "11", "12")


@dataclass(frozen=True)
class KnownUnit:
    """A unit that must appear with its own identity (e.g. a demo client)."""

    siren: str
    siret: str  # its head office
    name: str
    naf: str
    legal_category: str
    commune: Commune
    created_on: dt.date


@dataclass(frozen=True)
class _Unit:
    siren: str
    naf: str
    category: str
    created: dt.date
    active: bool
    partial: bool
    name: str | None = None
    person: tuple[str, str] | None = None


@dataclass(frozen=True)
class SampleSpec:
    """How many rows, where, and how often an establishment is closed or partial."""

    establishments: int
    communes: Sequence[Commune] = TOURS_AREA
    as_of: dt.date = dt.date(2026, 11, 30)
    seed: int = 14
    closed_share: float = 0.08
    partial_share: float = 0.04
    recent_share: float = 0.03  # created within the last 30 days
    known: Sequence[KnownUnit] = ()


def siren_of(number: int) -> str:
    """A Luhn-valid SIREN from an 8-digit number."""
    body = f"{number % 10**8:08d}"
    return body + luhn.calc_check_digit(body)


def siret_of(siren: str, index: int) -> str:
    """A Luhn-valid SIRET: the SIREN, a 4-digit NIC body and its check digit."""
    body = f"{siren}{index % 10**4:04d}"
    return body + luhn.calc_check_digit(body)


def national_communes(count: int, seed: int = 1) -> list[Commune]:
    """``count`` communes spread over metropolitan départements (for the benchmark)."""
    rng = random.Random(seed)
    departements = [f"{d:02d}" for d in range(1, 96) if d != 20] + ["2A", "2B"]
    communes = []
    for i in range(count):
        dep = departements[i % len(departements)]
        code = f"{dep}{rng.randint(1, 700):03d}"
        postal = f"{dep if dep[0].isdigit() else '20'}{rng.randint(0, 999):03d}"[:5]
        lon, lat = rng.uniform(-1.5, 7.0), rng.uniform(43.3, 50.5)
        communes.append(Commune(code, postal, f"COMMUNE {code}", lon, lat))
    return communes


def _date(rng: random.Random, as_of: dt.date, recent: bool) -> dt.date:
    if recent:
        return as_of - dt.timedelta(days=rng.randint(0, 29))
    return as_of - dt.timedelta(days=rng.randint(31, 40 * 365))


def write_sample(spec: SampleSpec, folder: Path) -> tuple[Path, Path]:
    """Write ``StockUniteLegale_utf8.csv`` and ``StockEtablissement_utf8.csv`` to ``folder``."""
    rng = random.Random(spec.seed)
    folder.mkdir(parents=True, exist_ok=True)
    units_path = folder / "StockUniteLegale_utf8.csv"
    etab_path = folder / "StockEtablissement_utf8.csv"
    positions = {c.code: wgs84_to_lambert93(c.longitude, c.latitude) for c in spec.communes}
    with (
        units_path.open("w", encoding="utf-8", newline="") as units_file,
        etab_path.open("w", encoding="utf-8", newline="") as etab_file,
    ):
        units = csv.writer(units_file, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        etabs = csv.writer(etab_file, quoting=csv.QUOTE_MINIMAL, lineterminator="\n")
        units.writerow(UNIT_COLUMNS)
        etabs.writerow(ESTABLISHMENT_COLUMNS)
        known_sirens = {k.siren for k in spec.known}
        for k in spec.known:
            unit = _Unit(k.siren, k.naf, k.legal_category, k.created_on, True, False, k.name)
            units.writerow(_unit_row(unit, k.siret[9:], spec.as_of))
            etabs.writerow(
                _etab_row(rng, unit, k.siret, k.commune, positions, True, k.created_on,
                          True, spec.as_of)
            )  # fmt: skip
        written, number = 0, 10_000_000
        while written < spec.establishments:
            number += rng.randint(1, 97)
            siren = siren_of(number)
            if siren in known_sirens:
                continue
            naf, categories = rng.choice(ACTIVITIES)
            category = rng.choice(categories)
            person = (
                (rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)) if category == "1000" else None
            )
            recent = rng.random() < spec.recent_share
            created = _date(rng, spec.as_of, recent)
            unit = _Unit(
                siren, naf, category, created,
                active=recent or rng.random() > spec.closed_share / 2,
                partial=category == "1000" and rng.random() < spec.partial_share * 4,
                name=_company_name(rng, naf) if person is None else None, person=person,
            )  # fmt: skip
            count = 1 if category == "1000" or rng.random() < 0.8 else rng.randint(2, 4)
            count = min(count, spec.establishments - written)
            head = rng.randrange(count)
            units.writerow(_unit_row(unit, f"{head + 1:04d}"[:4], spec.as_of))
            for index in range(count):
                siret = siret_of(siren, index + 1)
                commune = rng.choice(spec.communes)
                opened = created if index == head else _date(rng, spec.as_of, recent)
                active = unit.active and (recent or rng.random() > spec.closed_share / 2)
                etabs.writerow(
                    _etab_row(rng, unit, siret, commune, positions, index == head, opened,
                              active, spec.as_of)
                )  # fmt: skip
                written += 1
    return units_path, etab_path


def _company_name(rng: random.Random, naf: str) -> str:
    first, second = rng.sample(WORDS, 2)
    return f"{first} {second}" if naf != "68.20B" else f"SCI {second}"


def _unit_row(unit: _Unit, nic: str, as_of: dt.date) -> list[str]:
    person = unit.person
    partial = unit.partial
    row = dict.fromkeys(UNIT_COLUMNS, "")
    siren = unit.siren
    row.update(
        siren=siren,
        statutDiffusionUniteLegale="P" if partial else "O",
        dateCreationUniteLegale=f"{unit.created:%Y-%m-%d}",
        trancheEffectifsUniteLegale="NN",
        dateDernierTraitementUniteLegale=f"{as_of:%Y-%m-%d}T05:00:00",
        nombrePeriodesUniteLegale="1",
        dateDebut=f"{unit.created:%Y-%m-%d}",
        etatAdministratifUniteLegale="A" if unit.active else "C",
        categorieJuridiqueUniteLegale=unit.category,
        activitePrincipaleUniteLegale=unit.naf,
        nomenclatureActivitePrincipaleUniteLegale="NAFRev2",
        nicSiegeUniteLegale=nic,
        caractereEmployeurUniteLegale="N",
    )
    if person is not None:
        first, last = person
        row.update(
            sexeUniteLegale=ND
            if partial
            else "F"
            if first in {"MARIE", "CAMILLE", "SOPHIE", "JULIE", "LEA", "CLAIRE", "EMMA"}
            else "M",
            prenom1UniteLegale=ND if partial else first,
            prenomUsuelUniteLegale=ND if partial else first,
            nomUniteLegale=ND if partial else last,
        )
    else:
        row["denominationUniteLegale"] = unit.name or ""
    return [row[c] for c in UNIT_COLUMNS]


def _etab_row(
    rng: random.Random,
    unit: _Unit,
    siret: str,
    commune: Commune,
    positions: dict[str, tuple[float, float]],
    head: bool,
    created: dt.date,
    active: bool,
    as_of: dt.date,
) -> list[str]:
    partial = unit.partial
    x, y = positions[commune.code]
    band = rng.choice(BANDS)
    kind, street = rng.choice(STREETS)
    row = dict.fromkeys(ESTABLISHMENT_COLUMNS, "")
    row.update(
        siren=siret[:9],
        nic=siret[9:],
        siret=siret,
        statutDiffusionEtablissement="P" if partial else "O",
        dateCreationEtablissement=f"{created:%Y-%m-%d}",
        trancheEffectifsEtablissement=band,
        anneeEffectifsEtablissement="" if band == "NN" else "2023",
        dateDernierTraitementEtablissement=f"{as_of:%Y-%m-%d}T05:00:00",
        etablissementSiege="true" if head else "false",
        nombrePeriodesEtablissement="1",
        numeroVoieEtablissement=ND if partial else str(rng.randint(1, 180)),
        typeVoieEtablissement=ND if partial else kind,
        libelleVoieEtablissement=ND if partial else street,
        codePostalEtablissement=commune.postal_code,
        libelleCommuneEtablissement=commune.name,
        codeCommuneEtablissement=commune.code,
        coordonneeLambertAbscisseEtablissement=ND
        if partial
        else f"{x + rng.uniform(-1800, 1800):.1f}",
        coordonneeLambertOrdonneeEtablissement=ND
        if partial
        else f"{y + rng.uniform(-1800, 1800):.1f}",
        dateDebut=f"{created:%Y-%m-%d}",
        etatAdministratifEtablissement="A" if active else "F",
        enseigne1Etablissement=ND if partial else (rng.choice(WORDS) if rng.random() < 0.3 else ""),
        activitePrincipaleEtablissement=unit.naf,
        nomenclatureActivitePrincipaleEtablissement="NAFRev2",
        caractereEmployeurEtablissement="N" if band in {"NN", "00"} else "O",
    )
    return [row[c] for c in ESTABLISHMENT_COLUMNS]
