"""Documents joined to a complaint: the kind read from the content, the limits, one copy
of a document, the download in the manager's scope only, the API's list."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from probanker.complaints import services
from probanker.complaints.models import Attachment
from probanker.complaints.tests.factories import PDF_BYTES, attachment, complaint
from probanker.core.services import DomainError
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db

PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
EMAIL_BYTES = b"From: client@example.fr\nSubject: Frais\n\nBonjour, je conteste les frais de mai.\n"


@pytest.fixture
def own(manager1: Any) -> Any:
    return complaint(PartyFactory(manager=manager1), manager1)


def _attach(own: Any, manager1: Any, data: bytes, name: str = "piece.pdf") -> tuple[Any, bool]:
    return services.attach(actor=manager1, complaint=own, name=name, chunks=[data])


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (PDF_BYTES, "courrier.pdf", "application/pdf"),
        (PNG_BYTES, "photo.png", "image/png"),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 16, "scan.jpg", "image/jpeg"),
        (EMAIL_BYTES, "message.eml", "message/rfc822"),
        ("Relevé du 3 mai : 3 commissions.".encode(), "note.txt", "text/plain"),
    ],
)
def test_the_kind_is_read_from_the_content(
    own: Any, manager1: Any, data: bytes, name: str, content_type: str
) -> None:
    joined, created = _attach(own, manager1, data, name)
    assert created
    assert joined.content_type == content_type
    assert bytes(Attachment.objects.get(pk=joined.pk).content) == data
    assert joined.size == len(data)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"MZ\x90\x00\x03\x00\x00\x00", "type de document non accepté. Sont acceptés : PDF"),
        (b"PK\x03\x04" + b"\x00" * 20, "type de document non accepté"),
        ("texte\x00caché".encode(), "type de document non accepté"),
        (b"", "le fichier est vide"),
    ],
)
def test_a_document_of_another_kind_is_refused_and_nothing_stored(
    own: Any, manager1: Any, data: bytes, message: str
) -> None:
    with pytest.raises(DomainError, match=message):
        _attach(own, manager1, data, "virus.exe")
    assert not own.attachments.exists()


def test_an_oversized_document_is_refused_without_reading_it_all(
    own: Any, manager1: Any, settings: Any
) -> None:
    settings.PROBANKER_ATTACHMENT_MAX_BYTES = 1024
    read: list[int] = []

    def chunks() -> Any:
        for i in range(100):
            read.append(i)
            yield b"%PDF-" + b"x" * 600

    with pytest.raises(DomainError, match="fichier trop volumineux"):
        services.attach(actor=manager1, complaint=own, name="gros.pdf", chunks=chunks())
    assert len(read) == 2
    assert not own.attachments.exists()


def test_the_same_document_twice_is_kept_once_and_in_the_history(own: Any, manager1: Any) -> None:
    first, created = _attach(own, manager1, PDF_BYTES, "../../etc/passwd.pdf")
    again, created_again = _attach(own, manager1, PDF_BYTES, "autre-nom.pdf")
    assert created
    assert not created_again
    assert again.pk == first.pk
    assert first.name == "passwd.pdf"  # no folder kept
    assert own.attachments.count() == 1
    reasons = list(own.history.values_list("history_change_reason", flat=True))
    assert "pièce jointe : passwd.pdf" in reasons


def test_the_page_joins_lists_and_downloads_a_document(
    client: Client, manager1: Any, own: Any
) -> None:
    client.force_login(manager1)
    upload = SimpleUploadedFile("courrier client.pdf", PDF_BYTES, content_type="text/html")
    response = client.post(
        f"/reclamations/{own.pk}/pieces/", {"file": upload, "label": "Courrier du 3 mai"}
    )
    assert response.status_code == 302
    page = client.get(f"/reclamations/{own.pk}/").content.decode()
    assert "Courrier du 3 mai" in page
    joined = own.attachments.get()
    assert f"/reclamations/{own.pk}/pieces/{joined.pk}/" in page
    download = client.get(f"/reclamations/{own.pk}/pieces/{joined.pk}/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/pdf"  # what it is, not what was said
    assert download["Content-Disposition"].startswith("attachment;")
    assert "courrier client.pdf" in download["Content-Disposition"]
    assert "no-store" in download["Cache-Control"]
    assert download["X-Content-Type-Options"] == "nosniff"
    assert download.content == PDF_BYTES


def test_a_refused_document_is_explained_on_the_page(
    client: Client, manager1: Any, own: Any
) -> None:
    client.force_login(manager1)
    upload = SimpleUploadedFile("outil.exe", b"MZ\x90\x00binaire", content_type="application/pdf")
    response = client.post(f"/reclamations/{own.pk}/pieces/", {"file": upload})
    assert response.status_code == 200
    assert "outil.exe : type de document non accepté" in response.content.decode()
    assert not own.attachments.exists()


def test_an_oversized_body_is_refused_before_it_is_read(
    client: Client, manager1: Any, own: Any, settings: Any
) -> None:
    settings.PROBANKER_ATTACHMENT_MAX_BYTES = 1024
    client.force_login(manager1)
    upload = SimpleUploadedFile("gros.pdf", b"%PDF-" + b"x" * 200_000)
    response = client.post(f"/reclamations/{own.pk}/pieces/", {"file": upload})
    assert response.status_code == 413
    body = response.content.decode()
    assert "Fichier trop volumineux" in body
    assert "Réclamation n°" in body  # the complaint's page, in the layout
    assert not own.attachments.exists()


def test_another_managers_documents_are_out_of_reach(
    client: Client, manager1: Any, manager2: Any, own: Any
) -> None:
    theirs = complaint(PartyFactory(manager=manager2), manager2)
    their_doc = attachment(theirs, manager2)
    mine = attachment(own, manager1)
    client.force_login(manager1)
    assert client.get(f"/reclamations/{theirs.pk}/pieces/{their_doc.pk}/").status_code == 404
    # Their document's id under my complaint is no way in either.
    assert client.get(f"/reclamations/{own.pk}/pieces/{their_doc.pk}/").status_code == 404
    upload = SimpleUploadedFile("x.pdf", PNG_BYTES)
    assert client.post(f"/reclamations/{theirs.pk}/pieces/", {"file": upload}).status_code == 404
    assert theirs.attachments.count() == 1
    assert client.get(f"/reclamations/{own.pk}/pieces/{mine.pk}/").status_code == 200


def test_the_api_lists_the_documents(client: Client, manager1: Any, own: Any) -> None:
    joined = attachment(own, manager1)
    client.force_login(manager1)
    data = client.get(f"/api/v1/reclamations/{own.pk}").json()
    assert data["attachments"] == [
        {
            "id": joined.pk, "name": "courrier.pdf", "label": "Courrier du client",
            "content_type": "application/pdf", "size": len(PDF_BYTES),
            "uploaded_at": data["attachments"][0]["uploaded_at"],
        }
    ]  # fmt: skip
    listed = client.get("/api/v1/reclamations?status=toutes").json()
    assert listed["items"][0]["attachments"][0]["id"] == joined.pk


def test_the_saved_name_says_what_the_document_is(own: Any, manager1: Any) -> None:
    """HTML sent as « page.html » is text: saved, it opens as text, never as a page."""
    html, _ = _attach(own, manager1, b"<script>alert(1)</script>", "page.html")
    scan, _ = _attach(own, manager1, b"\xff\xd8\xff\xe0" + b"\x00" * 8, "scan.JPEG")
    fake, _ = _attach(own, manager1, PNG_BYTES, "photo.pdf")
    assert (html.name, scan.name, fake.name) == ("page.html.txt", "scan.JPEG", "photo.pdf.png")


@pytest.mark.parametrize("length", ["abc", "1e9", "9" * 5000])
def test_a_junk_content_length_is_no_crash(
    client: Client, manager1: Any, own: Any, length: str
) -> None:
    client.force_login(manager1)
    upload = SimpleUploadedFile("x.pdf", PDF_BYTES)
    response = client.post(
        f"/reclamations/{own.pk}/pieces/", {"file": upload}, CONTENT_LENGTH=length
    )
    # Read as an empty body: the form asks for its file (Django's parser never sees junk).
    assert response.status_code == 200
    assert "Ce champ est obligatoire" in response.content.decode()
    assert not own.attachments.exists()
