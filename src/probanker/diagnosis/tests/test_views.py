"""Analysis page, FEC upload and confirmation, statements typed by hand, PDF note, API."""

from __future__ import annotations

import datetime as dt
import re
import zlib
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from probanker.diagnosis import services
from probanker.diagnosis.models import FiscalYear
from probanker.diagnosis.tests.factories import fiscal_year
from probanker.diagnosis.tests.fec_samples import RESULT, UNBALANCED, fec_bytes, fec_name
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def inflate(pdf: bytes) -> bytes:
    """The PDF with its Flate streams decompressed, to search its objects."""
    parts = [pdf]
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        try:
            parts.append(zlib.decompress(match.group(1)))
        except zlib.error:
            continue
    return b"\n".join(parts)


def upload(client: Client, party: Any, data: bytes, name: str, replace: bool = False) -> Any:
    body: dict[str, Any] = {"file": SimpleUploadedFile(name, data, "text/plain")}
    if replace:
        body["replace"] = "on"
    return client.post(f"/clients/{party.pk}/analyse/importer-fec/", body)


def test_a_clean_fec_is_imported_at_once(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = upload(client, party, fec_bytes(), fec_name(party.siren))
    assert response.status_code == 302
    assert response["Location"] == f"/clients/{party.pk}/analyse/"
    year = FiscalYear.objects.get(party=party)
    assert year.summary["sig"]["resultat_net"] == RESULT
    assert not any(p.is_file() for p in services.staging_dir(manager1).rglob("*"))
    page = client.get(response["Location"]).content.decode()
    assert "importé" in page
    assert "7\u202f800" in page  # the net result, in the SIG table
    # The same file again: nothing changes, the user is told.
    again = upload(client, party, fec_bytes(), fec_name(party.siren))
    assert FiscalYear.objects.filter(party=party).count() == 1
    assert "déjà été importé" in client.get(again["Location"]).content.decode()


def test_warnings_are_shown_before_confirming(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = upload(client, party, fec_bytes(), "export-compta-2024.txt")  # not the legal name
    html = response.content.decode()
    assert response.status_code == 200
    assert "FEC-NOM" in html
    assert "Importer malgré les avertissements" in html
    assert not FiscalYear.objects.exists()
    sha = re.search(r'name="sha256" value="([0-9a-f]{64})"', html)
    assert sha
    confirmed = client.post(
        f"/clients/{party.pk}/analyse/importer-fec/confirmer/",
        {"sha256": sha.group(1), "file_name": "export-compta-2024.txt", "replace": ""},
    )
    assert confirmed.status_code == 302
    assert FiscalYear.objects.get(party=party).fec.warnings >= 1


def test_errors_are_listed_and_nothing_is_stored(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = upload(client, party, fec_bytes(UNBALANCED), fec_name(party.siren))
    html = response.content.decode()
    assert response.status_code == 422
    assert "Import refusé : rien n'a été enregistré" in html
    assert "ligne" in html
    assert "Importer malgré" not in html
    assert not FiscalYear.objects.exists()
    assert not any(p.is_file() for p in services.staging_dir(manager1).rglob("*"))


def test_a_pdf_renamed_txt_gets_a_message_on_the_field(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = upload(client, party, b"%PDF-1.7\n1 0 obj\n", "bilan.txt")
    html = response.content.decode()
    assert response.status_code == 200
    assert "bilan.txt : c&#x27;est un document PDF" in html
    assert 'aria-invalid="true"' in html
    assert not FiscalYear.objects.exists()


def test_an_oversized_body_is_refused_before_reading(
    client: Client, manager1: Any, settings: Any
) -> None:
    settings.PROBANKER_FEC_MAX_BYTES = 10
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = upload(client, party, b"x" * 200_000, "gros.txt")
    assert response.status_code == 413
    assert "trop volumineux" in response.content.decode()


def test_statement_forms_by_regime(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    url = f"/clients/{party.pk}/analyse/saisir/2035/"
    assert client.get(url).status_code == 200
    bad = client.post(url, {"start": "2024-12-31", "end": "2024-01-01", "receipts": "abc"})
    html = bad.content.decode()
    assert "La clôture doit être postérieure" in html
    assert 'id="error-summary"' in html
    ok = client.post(
        url,
        {"start": "2024-01-01", "end": "2024-12-31", "receipts": "85 000,50", "result": "40000",
         "depreciation": "2500"},
    )  # fmt: skip
    assert ok.status_code == 302, ok.content.decode()[:2000]
    year = FiscalYear.objects.get(party=party)
    assert year.summary["sig"]["chiffre_affaires"] == "85000.50"
    assert year.summary["caf"] == "42500.00"
    micro = client.post(
        f"/clients/{party.pk}/analyse/saisir/micro/",
        {"start": "2023-01-01", "end": "2023-12-31", "turnover": "50000", "activity": "sales"},
    )
    assert micro.status_code == 302
    assert (
        FiscalYear.objects.get(party=party, end=dt.date(2023, 12, 31)).summary["caf"] == "5000.00"
    )
    assert client.get(f"/clients/{party.pk}/analyse/saisir/2050/").status_code == 404


def test_analysis_page_shows_sig_ratios_peers_chart_and_capacity(
    client: Client, manager1: Any
) -> None:
    party = PartyFactory(manager=manager1)
    for year in (2022, 2023, 2024):
        fiscal_year(party, manager1, year=year, receipts=80_000 + 10_000 * (year - 2022))
    client.force_login(manager1)
    html = client.get(f"/clients/{party.pk}/analyse/?months=60&annual_rate=5&amortisation=annuity"
                      "&target_dscr=1,25&max_years=4").content.decode()  # fmt: skip
    assert "Soldes intermédiaires de gestion" in html
    assert 'class="light light-green"' in html
    assert "vert si" in html  # the rule behind each colour
    assert '<svg role="img" aria-label="Activité et résultats"' in html
    assert (
        "Le chiffre d&#x27;affaires progresse de 80\u202f000\u00a0€ à 100\u202f000\u00a0€" in html
    )
    assert "Prêt maximal (5\u00a0%, 60 mois)" in html
    assert "moins de 5 clients" in html


def test_pdf_note_is_tagged_and_in_french(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    fiscal_year(party, manager1)
    client.force_login(manager1)
    response = client.get(f"/clients/{party.pk}/analyse/note.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = inflate(response.content)
    assert pdf.startswith(b"%PDF-")
    assert b"/StructTreeRoot" in pdf  # tagged
    assert b"/Lang (fr)" in pdf
    assert b"pdfuaid" in pdf  # PDF/UA identification in the XMP metadata
    empty = PartyFactory(manager=manager1)
    assert client.get(f"/clients/{empty.pk}/analyse/note.pdf").status_code == 404


def test_readers_cannot_write(client: Client, manager1: Any, risk_analyst: Any) -> None:
    party = PartyFactory(manager=manager1)
    year = fiscal_year(party, manager1)
    client.force_login(risk_analyst)
    assert client.get(f"/clients/{party.pk}/analyse/").status_code == 200
    assert client.get(f"/clients/{party.pk}/analyse/importer-fec/").status_code == 403
    assert client.get(f"/clients/{party.pk}/analyse/saisir/2035/").status_code == 403
    delete = client.post(f"/clients/{party.pk}/analyse/exercices/{year.pk}/supprimer/")
    assert delete.status_code == 403
    assert FiscalYear.objects.filter(pk=year.pk).exists()


def test_a_year_is_only_reached_through_its_own_client(client: Client, manager1: Any) -> None:
    mine = PartyFactory(manager=manager1)
    other = PartyFactory(manager=manager1)
    year = fiscal_year(other, manager1)
    client.force_login(manager1)
    assert client.get(f"/clients/{other.pk}/analyse/exercices/{year.pk}/").status_code == 200
    assert client.get(f"/clients/{mine.pk}/analyse/exercices/{year.pk}/").status_code == 404
    assert (
        client.post(f"/clients/{mine.pk}/analyse/exercices/{year.pk}/supprimer/").status_code == 404
    )


def test_delete_a_year(client: Client, manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    year = fiscal_year(party, manager1)
    client.force_login(manager1)
    response = client.post(f"/clients/{party.pk}/analyse/exercices/{year.pk}/supprimer/")
    assert response.status_code == 302
    assert not FiscalYear.objects.filter(pk=year.pk).exists()
    assert FiscalYear.history.filter(id=year.pk, history_type="-").exists()


def test_api_gives_years_and_analysis(client: Client, manager1: Any) -> None:
    from probanker.core import services as core_services

    party = PartyFactory(manager=manager1)
    fiscal_year(party, manager1, year=2023)
    fiscal_year(party, manager1, year=2024)
    token = core_services.create_api_token(user=manager1, name="t").secret
    headers = {"Authorization": f"Bearer {token}"}
    years = client.get(f"/api/v1/clients/{party.pk}/exercices", headers=headers).json()
    assert [y["end"] for y in years] == ["2023-12-31", "2024-12-31"]
    assert years[0]["sig"]["resultat_net"] == "36000.00"
    body = client.get(f"/api/v1/clients/{party.pk}/analyse", headers=headers).json()
    assert body["ratios"]["taux_marge_ebe"]["value"] == "45.00"
    assert body["ratios"]["autonomie_financiere"]["value"] is None
    assert body["debt_capacity"]["largest_loan"]
    assert body["commentary"]


def test_truncated_line_and_legacy_encoding(client: Client, manager1: Any) -> None:
    from probanker.diagnosis.tests.fec_samples import LINES

    party = PartyFactory(manager=manager1)
    client.force_login(manager1)
    truncated = list(LINES)
    truncated[5] = truncated[5][:40]
    response = upload(client, party, fec_bytes(truncated), fec_name(party.siren))
    assert response.status_code == 422
    assert "Ligne 7 : 7 champs au lieu de 18" in response.content.decode()
    assert not FiscalYear.objects.exists()
    # Windows-1252 is one of the FEC's legal encodings: read as such, accents intact.
    legacy = fec_bytes().decode().encode("cp1252")
    assert upload(client, party, legacy, fec_name(party.siren)).status_code == 302
    year = FiscalYear.objects.get(party=party)
    assert year.summary["sig"]["resultat_net"] == RESULT
    assert year.balances.filter(label="Intérêts").exists()


def test_another_companys_fec_is_refused_as_such(client: Client, manager1: Any) -> None:
    """A clean FEC named for another SIREN says the file is another company's, not
    « 0 erreur(s) » with a request to correct the accounting software."""
    import html

    from probanker.diagnosis.tests.fec_samples import fec_bytes, fec_name
    from probanker.parties.tests.factories import PartyFactory

    party = PartyFactory(manager=manager1, name="Boulangerie Petit")
    other = PartyFactory(manager=manager1)
    client.force_login(manager1)
    response = upload(client, party, fec_bytes(), fec_name(other.siren))
    page = html.unescape(response.content.decode())
    assert response.status_code == 422
    assert f"FEC d'une autre entreprise (SIREN {other.siren})" in page
    assert f"Boulangerie Petit (SIREN {party.siren})" in page
    assert "logiciel comptable" not in page
    assert "0 erreur(s)" not in page
