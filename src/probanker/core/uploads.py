"""What every upload shares: a safe file name, the refusal of an oversized file, and
the kind of a document read from its first bytes.

The kind is never taken from the name or the browser's ``Content-Type``: both are
whatever the sender says. A file is accepted as the kind its signature proves.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from django.http import HttpRequest

from probanker.core.formatting import file_size

MEBIBYTE = 2**20


def safe_name(name: str, default: str) -> str:
    """The base name of an uploaded file, safe to write or to send back in a header:
    no folder, no leading dot, only letters, digits, ``-_. `` (others become ``_``),
    at most 200 characters; ``default`` when nothing is left."""
    base = Path(name.replace("\\", "/")).name.strip().lstrip(".")
    cleaned = "".join(c if c.isalnum() or c in "-_. " else "_" for c in base)[:200]
    return cleaned or default


def declared_length(request: HttpRequest) -> int:
    """The body's ``Content-Length``, or 0 when it is missing or not a number (Django's
    parser then refuses the body with its 400)."""
    raw = str(request.META.get("CONTENT_LENGTH") or "")
    return int(raw) if raw.isascii() and raw.isdigit() and len(raw) <= 18 else 0


def too_large(name: str, size: int, limit: int, hint: str = "") -> str:
    """The French refusal of a file of ``size`` bytes over ``limit`` (sizes in ko or Mo),
    naming the file when ``name`` is given (a form field's error needs no name)."""
    what = f"{name} : fichier trop volumineux" if name else "Fichier trop volumineux"
    message = f"{what} ({file_size(size)}) ; la limite est de {file_size(limit)}."
    return f"{message} {hint}" if hint else message


@dataclass(frozen=True)
class DocumentKind:
    """A kind of document accepted as an attachment."""

    content_type: str
    label: str
    extensions: tuple[str, ...]

    def named(self, name: str) -> str:
        """``name`` ending with one of this kind's extensions: the kind's own is added
        otherwise, so a saved copy never opens as something else (``page.html.txt``)."""
        if name.lower().endswith(tuple(f".{e}" for e in self.extensions)):
            return name
        return f"{name}.{self.extensions[0]}"


PDF = DocumentKind("application/pdf", "PDF", ("pdf",))
PNG = DocumentKind("image/png", "image PNG", ("png",))
JPEG = DocumentKind("image/jpeg", "image JPEG", ("jpg", "jpeg"))
TEXT = DocumentKind("text/plain", "texte", ("txt",))
EMAIL = DocumentKind("message/rfc822", "courriel", ("eml",))

#: The kinds an attachment may be, for the forms' help texts.
DOCUMENT_KINDS = (PDF, JPEG, PNG, EMAIL, TEXT)

_EMAIL_HEADERS = (b"from:", b"to:", b"subject:", b"date:", b"received:", b"return-path:",
                  b"message-id:", b"mime-version:", b"delivered-to:")  # fmt: skip


def document_kind(data: bytes) -> DocumentKind | None:
    """The kind of a document from its content, or ``None`` when it is none we accept.

    PDF, PNG and JPEG by their signatures; text when it decodes as UTF-8 with no control
    character but tabs and line ends (an e-mail when it starts with its headers).
    """
    if data.startswith(b"%PDF-"):
        return PDF
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    if not text.strip() or any(ord(c) < 32 and c not in "\t\r\n\f" for c in text):
        return None
    first = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    return EMAIL if first.startswith(_EMAIL_HEADERS) else TEXT
