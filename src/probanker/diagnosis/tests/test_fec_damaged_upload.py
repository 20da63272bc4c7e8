"""A damaged FEC sent for import is refused with its lines named, never a server error."""

from __future__ import annotations

from typing import Any

import pytest

from probanker.core.services import DomainError
from probanker.diagnosis import services
from probanker.diagnosis.models import AccountBalance, FecImport, FiscalYear
from probanker.diagnosis.tests.fec_samples import fec_bytes, fec_name
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_junk_line_and_undefined_bytes_are_listed_and_nothing_is_stored(manager1: Any) -> None:
    """0x81 in a label (a warning) and 1 MiB of junk on line 2 (an error): refused, line named."""
    party = PartyFactory(manager=manager1)
    header, rest = fec_bytes().split(b"\n", 1)
    data = header + b"\n" + b"~" * 2**20 + b"\n" + rest.replace(b"Dupont", b"Dup\x81nt")
    staged = services.stage_upload(user=manager1, chunks=[data], name=fec_name(party.siren))
    report = services.read_staged(staged)
    assert {a.code for a in report.anomalies} >= {"FEC-LIGNE-COLONNES"}
    with pytest.raises(DomainError, match="ligne 2 : Ligne 2 : 1 champs au lieu de 18"):
        services.import_fec(actor=manager1, party=party, file=staged)
    assert (
        FiscalYear.objects.count(),
        AccountBalance.objects.count(),
        FecImport.objects.count(),
    ) == (
        0,
        0,
        0,
    )
