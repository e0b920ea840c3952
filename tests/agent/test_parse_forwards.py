"""A forward with a short cover note reads as the message it forwards."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.parse import parse_message
from arinbox.settings import Settings
from tests.utils.mail import build_raw

NOW = datetime(2026, 11, 23, 10, 0, tzinfo=UTC)
ADVICE = (
    "From: Bank <noreply@bank.example>\n"
    "Date: Fri, 20 Nov 2026\n"
    "Subject: Payment advice\n\n"
    "Payment of EUR 830.50 to Northwind Supply GmbH for INV-2026-0047 executed on 20.11.2026."
)
GMAIL = f"---------- Forwarded message ---------\n{ADVICE}"
OUTLOOK = (
    "________________________________\n"
    "From: Bank <noreply@bank.example>\n"
    "Sent: Friday, November 20, 2026 9:00 AM\n"
    "To: Jane Doe <ap@acme.example>\n"
    "Subject: Payment advice\n\n"
    "Payment of EUR 830.50 to Northwind Supply GmbH for INV-2026-0047 executed on 20.11.2026."
)


@pytest.mark.parametrize("subject", ["FW: Payment advice", "Fwd: Payment advice", "WG: Zahlung"])
@pytest.mark.parametrize("quote", [GMAIL, OUTLOOK])
@pytest.mark.parametrize("cover", ["FYI", "Please see the payment advice below, thanks."])
def test_a_cover_note_and_the_forwarded_message_are_the_new_text(
    settings: Settings, subject: str, quote: str, cover: str
) -> None:
    raw = build_raw(subject=subject, body=f"{cover}\n\n{quote}")
    parsed = parse_message(raw, received_at=NOW, settings=settings)
    assert parsed.new_text.startswith(cover)
    assert "Payment of EUR 830.50" in parsed.new_text and "INV-2026-0047" in parsed.new_text
    assert "Payment of EUR 830.50" not in parsed.quoted_text


def test_a_reply_keeps_the_quote_apart(settings: Settings) -> None:
    """ "RE:" is an answer: what it quotes is context, however short the answer."""
    raw = build_raw(subject="RE: Payment advice", body=f"Thanks!\n\n{GMAIL}")
    parsed = parse_message(raw, received_at=NOW, settings=settings)
    assert parsed.new_text == "Thanks!"
    assert "Payment of EUR 830.50" in parsed.quoted_text


def test_a_forward_with_a_message_of_its_own_keeps_the_quote_apart(settings: Settings) -> None:
    cover = (
        "Hello, we disagree with the amount on INV-2026-0012: the agreed price was lower. "
        "Please see the bank's advice below for what we paid."
    )
    raw = build_raw(subject="FW: Payment advice", body=f"{cover}\n\n{GMAIL}")
    parsed = parse_message(raw, received_at=NOW, settings=settings)
    assert parsed.new_text == cover
    assert "Payment of EUR 830.50" in parsed.quoted_text


def test_a_cover_note_asking_something_keeps_the_quote_apart(settings: Settings) -> None:
    raw = build_raw(subject="FW: Payment advice", body=f"Is this the right account?\n\n{GMAIL}")
    parsed = parse_message(raw, received_at=NOW, settings=settings)
    assert parsed.new_text == "Is this the right account?"


def test_our_own_letter_forwarded_back_is_not_read_as_the_buyers(settings: Settings) -> None:
    """The buyer forwards our reminder "FYI": what it says is ours, not theirs."""
    ours = (
        "---------- Forwarded message ---------\n"
        f"From: Accounts Receivable <{settings.ar_mailbox}>\n"
        "Subject: Payment reminder INV-2026-0012\n\n"
        "Dear customer, invoice INV-2026-0012 over 1,250.00 EUR is overdue. Please pay."
    )
    raw = build_raw(subject="FW: Payment reminder INV-2026-0012", body=f"FYI\n\n{ours}")
    parsed = parse_message(raw, received_at=NOW, settings=settings)
    assert parsed.new_text == "FYI"
    assert "is overdue" in parsed.quoted_text
