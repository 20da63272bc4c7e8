"""What the accessibility profile asks of communications: the variants, the channels
it rules out."""

from __future__ import annotations

from typing import Any

import pytest

from probanker.core.services import DomainError
from probanker.parties.accessibility import channel_refusal, check_channel, document_needs
from probanker.parties.models import AccessibilityProfile
from probanker.parties.tests.factories import PartyFactory

pytestmark = pytest.mark.django_db


def test_without_a_profile_nothing_is_ruled_out(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    assert document_needs(party) == document_needs(party).__class__()
    for channel in ("phone", "mail", "email", "branch", "video", "sms"):
        assert channel_refusal(party, channel) is None


def test_sign_language_relay_rules_out_the_phone(manager1: Any) -> None:
    party = PartyFactory(manager=manager1, name="Menuiserie Blanc")
    AccessibilityProfile.objects.create(party=party, sign_language_relay=True)
    with pytest.raises(DomainError, match="relais en langue des signes : pas d'appel"):
        check_channel(party, "phone")
    check_channel(party, "video")  # the video call with the relay is the way


def test_transcription_rules_out_the_phone_and_a_screen_reader_the_paper(manager1: Any) -> None:
    party = PartyFactory(manager=manager1)
    AccessibilityProfile.objects.create(
        party=party, speech_to_text=True, screen_reader_documents=True, large_print=True
    )
    assert "transcription" in (channel_refusal(party, "phone") or "")
    assert "pas de courrier papier" in (channel_refusal(party, "mail") or "")
    assert channel_refusal(party, "email") is None
    assert document_needs(party).large_print
    assert not document_needs(party).plain_language
