"""Complaints' routes and their scenarios for ``core/tests/test_permissions.py``: the
queue, receipt, a complaint's steps, letters and documents, the register, the API.

The world's complaint is the owner's client's, received by the owner.
"""

from __future__ import annotations

from collections.abc import Callable

from probanker.core.tests.permission_world import Request, Scenario, World, get, refreshed

ROUTES: dict[str, frozenset[str | None]] = {
    "complaints:list": frozenset({"complaint.view"}),
    "complaints:create": frozenset({"complaint.change"}),
    "complaints:register": frozenset({"complaint.view"}),
    "complaints:export": frozenset({"complaint.view"}),
    "complaints:detail": frozenset({"complaint.view"}),
    "complaints:step": frozenset({"complaint.change"}),
    "complaints:letter": frozenset({"complaint.view"}),
    "complaints:attach": frozenset({"complaint.change"}),
    "complaints:attachment": frozenset({"complaint.view"}),
    "GET /api/v1/reclamations": frozenset({"complaint.view"}),
    "POST /api/v1/reclamations": frozenset({"complaint.change"}),
    "GET /api/v1/reclamations/{complaint_id}": frozenset({"complaint.view"}),
}


def _complaints(w: World) -> int:
    from probanker.complaints.models import Complaint

    return Complaint.objects.filter(party=w.party).count()


def _complaint_create(w: World) -> Request:
    before = _complaints(w)
    data = {
        "complainant_type": "client", "channel": "agence", "received_on": "2026-06-29",
        "typology": "tarification", "subject": "Frais contestés", "description": "Frais de mai",
    }  # fmt: skip
    return Request(
        f"/reclamations/nouvelle/{w.party.pk}/", data, lambda: _complaints(w) == before + 1
    )


def _complaint_acknowledge(w: World) -> Request:
    complaint = w.complaint
    return Request(
        f"/reclamations/{complaint.pk}/etape/",
        {"step": "accuse", "accuse-on": "2026-06-02", "accuse-via": "email"},
        lambda: refreshed(complaint).acknowledged_on is not None,
    )


def _complaint_attach(w: World) -> Request:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from probanker.complaints.tests.factories import PDF_BYTES

    complaint = w.complaint
    upload = SimpleUploadedFile("releve.pdf", PDF_BYTES, content_type="application/pdf")
    return Request(
        f"/reclamations/{complaint.pk}/pieces/",
        {"file": upload, "label": "Relevé contesté"},
        lambda: complaint.attachments.exists(),
    )


def _api_complaint(w: World) -> Request:
    before = _complaints(w)
    data = {
        "client": w.party.pk, "received_on": "2026-06-29", "channel": "email",
        "subject": "Virement non reçu", "description": "Un virement SEPA du 25/06 n'est pas arrivé.",
        "payment_service": True,
    }  # fmt: skip
    return Request("/api/v1/reclamations", data, lambda: _complaints(w) == before + 1)


def scenarios(s: Callable[..., Scenario]) -> list[Scenario]:
    """The scenarios, made with ``core.tests.permission_scenarios._s``."""
    return [
        s("complaints:list", "complaint.view", "get", get(lambda w: "/reclamations/")),
        s("complaints:create", "complaint.change", "post", _complaint_create),
        s("complaints:register", "complaint.view", "get", get(lambda w: "/reclamations/registre/")),
        s("complaints:export", "complaint.view", "get",
           get(lambda w: "/reclamations/registre/export/?format=xlsx")),
        s("complaints:detail", "complaint.view", "get",
           get(lambda w: f"/reclamations/{w.complaint.pk}/")),
        s("complaints:step", "complaint.change", "post", _complaint_acknowledge),
        s("complaints:letter", "complaint.view", "get",
           get(lambda w: f"/reclamations/{w.complaint.pk}/courrier.pdf?type=accuse")),
        s("complaints:attach", "complaint.change", "post", _complaint_attach),
        s("complaints:attachment", "complaint.view", "get",
           get(lambda w: f"/reclamations/{w.complaint.pk}/pieces/{w.attachment.pk}/")),
        s("GET /api/v1/reclamations", "complaint.view", "get",
           get(lambda w: "/api/v1/reclamations?status=toutes")),
        s("POST /api/v1/reclamations", "complaint.change", "post", _api_complaint),
        s("GET /api/v1/reclamations/{complaint_id}", "complaint.view", "get",
           get(lambda w: f"/api/v1/reclamations/{w.complaint.pk}")),
    ]  # fmt: skip
