"""What the client's accessibility profile asks of every communication.

:func:`document_needs` tells a PDF which variant to print (large print, plain
language: ``reports.variants``); :func:`check_channel` refuses, with the reason, a
communication in a channel the profile rules out:

* a client who asked for sign-language relay or real-time transcription (deaf or
  hard of hearing) is not called on the **telephone**: a video call with the relay,
  or writing;
* a client who needs documents readable by a screen reader (blind) does not get
  **paper** letters: the tagged PDF goes electronically.
"""

from __future__ import annotations

from dataclasses import dataclass

from probanker.core.services import DomainError
from probanker.parties.choices import Channel
from probanker.parties.models import AccessibilityProfile, Party


@dataclass(frozen=True)
class DocumentNeeds:
    """The print variants the client's documents take."""

    large_print: bool = False
    plain_language: bool = False


def profile_of(party: Party) -> AccessibilityProfile | None:
    """The party's recorded profile, or ``None`` when nothing was recorded."""
    try:
        return party.accessibility
    except AccessibilityProfile.DoesNotExist:
        return None


def document_needs(party: Party) -> DocumentNeeds:
    """Large print and plain language as the profile asks (neither without a profile)."""
    profile = profile_of(party)
    if profile is None:
        return DocumentNeeds()
    return DocumentNeeds(large_print=profile.large_print, plain_language=profile.plain_language)


def channel_refusal(party: Party, channel: str) -> str | None:
    """Why ``channel`` (a :class:`~probanker.parties.choices.Channel` value) is ruled out
    for the party, or ``None`` when it is not."""
    profile = profile_of(party)
    if profile is None:
        return None
    if channel == Channel.PHONE and (profile.sign_language_relay or profile.speech_to_text):
        need = "relais en langue des signes" if profile.sign_language_relay else "transcription"
        return (
            f"{party} a demandé un {need} : pas d'appel téléphonique, "
            "proposez une visioconférence avec le relais ou un écrit."
        )
    if channel == Channel.MAIL and profile.screen_reader_documents:
        return (
            f"{party} lit ses documents avec un lecteur d'écran : pas de courrier papier, "
            "envoyez le PDF balisé par voie électronique."
        )
    return None


def check_channel(party: Party, channel: str) -> None:
    """Raise :class:`DomainError` with the reason when the profile rules ``channel`` out."""
    reason = channel_refusal(party, channel)
    if reason:
        raise DomainError(reason)
