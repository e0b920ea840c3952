"""Which addresses read no mail: no reply is drafted to them and none is sent."""

from __future__ import annotations

import pytest

from records.addresses import takes_no_replies


@pytest.mark.parametrize(
    "address",
    [
        "noreply@acme.example",
        "Billing <no-reply@acme.example>",
        "no_reply@acme.example",
        "ap.noreply@acme.example",
        "DoNotReply@acme.example",
        "do_not_reply@acme.example",
        "noreply2@acme.example",
        "ne-pas-repondre@lumiere-sarl.example",
        "nepasrepondre@lumiere-sarl.example",
        "nicht-antworten@hoffmann-logistik.example",
        "keine.antwort@hoffmann-logistik.example",
        "no-responder@ibersa.example",
        "non-rispondere@rossi.example",
        "niet-beantwoorden@vandam.example",
        "MAILER-DAEMON@mx.acme.example",
        "postmaster@acme.example",
    ],
)
def test_no_reply_and_system_mailboxes(address: str) -> None:
    assert takes_no_replies(address)


@pytest.mark.parametrize(
    "address",
    [
        "ap@acme.example",
        "Reply Team <replies@acme.example>",
        "snoreply@acme.example",  # a word that only contains it
        "nora.reply@acme.example",
        "antworten@hoffmann-logistik.example",
        "",
    ],
)
def test_ordinary_addresses(address: str) -> None:
    assert not takes_no_replies(address)
