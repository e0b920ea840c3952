"""Auto-replies, bounces, mailing lists and failed authentication, as parse_message reports them."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from agent.parse import parse_message
from agent.schema import ParsedMessage
from arinbox.settings import Settings
from tests.utils.mail import build_raw

NOW = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def parse(raw: bytes, settings: Settings) -> ParsedMessage:
    return parse_message(raw, received_at=NOW, settings=settings)


@pytest.mark.parametrize(
    ("headers", "reason"),
    [
        ({"Auto-Submitted": "auto-replied"}, "Auto-Submitted"),
        ({"X-Autoreply": "yes"}, "X-Autoreply"),
        ({"X-Autorespond": "Out of office"}, "X-Autorespond"),
        ({"Precedence": "auto_reply"}, "Precedence"),
        (
            {
                "X-Auto-Response-Suppress": "All",
                "X-MS-Exchange-Message-Class": "IPM.Note.Rules.OofTemplate.Microsoft",
            },
            "X-Auto-Response-Suppress",
        ),
    ],
)
def test_auto_reply_headers(settings: Settings, headers: dict[str, str], reason: str) -> None:
    parsed = parse(build_raw(subject="Re: INV-1", headers=headers), settings)
    assert parsed.auto_reply
    assert parsed.auto_reply_reason is not None and reason in parsed.auto_reply_reason


@pytest.mark.parametrize("precedence", ["bulk", "junk", "list"])
def test_bulk_precedence_is_never_answered_but_is_no_auto_reply(
    settings: Settings, precedence: str
) -> None:
    """An AP system's remittance advice sent in bulk still says something worth reading."""
    parsed = parse(build_raw(headers={"Precedence": precedence}), settings)
    assert parsed.mailing_list
    assert not parsed.auto_reply and parsed.auto_reply_reason is None


@pytest.mark.parametrize("value", ["auto-generated", "auto-notified", "Auto-Generated; x=1"])
def test_a_program_sent_message_is_read_never_answered_but_is_no_auto_reply(
    settings: Settings, value: str
) -> None:
    """RFC 3834: an AP system's remittance advice is auto-generated, not auto-replied."""
    parsed = parse(
        build_raw(subject="Remittance advice", headers={"Auto-Submitted": value}), settings
    )
    assert parsed.auto_generated
    assert not parsed.auto_reply and parsed.auto_reply_reason is None


def test_an_auto_reply_is_not_program_sent(settings: Settings) -> None:
    parsed = parse(build_raw(headers={"Auto-Submitted": "auto-replied"}), settings)
    assert parsed.auto_reply and not parsed.auto_generated


def test_auto_submitted_no_is_a_person(settings: Settings) -> None:
    parsed = parse(build_raw(headers={"Auto-Submitted": "no"}), settings)
    assert not parsed.auto_reply and parsed.auto_reply_reason is None


def test_suppress_header_alone_is_not_an_auto_reply(settings: Settings) -> None:
    parsed = parse(build_raw(headers={"X-Auto-Response-Suppress": "All"}), settings)
    assert not parsed.auto_reply


@pytest.mark.parametrize(
    "subject",
    [
        "Automatic reply: Invoice INV-1",
        "Out of Office: Invoice INV-1",
        "Abwesenheitsnotiz: Rechnung",
        "Automatische Antwort: Rechnung",
        "Réponse automatique : Facture",
        "Absence: Facture",
        "Respuesta automática: Factura",
        "Fuera de la oficina",
        "Automatisch antwoord: Factuur",
        "Afwezig: Factuur",
        "Risposta automatica: Fattura",
        "Fuori sede",
        "[EXT] Auto-Reply: INV-1",
    ],
)
def test_auto_reply_subjects(settings: Settings, subject: str) -> None:
    parsed = parse(build_raw(subject=subject), settings)
    assert parsed.auto_reply and parsed.auto_reply_reason == "auto-reply subject"


@pytest.mark.parametrize(
    ("subject", "reason"),
    [
        ("Read: Payment reminder", "receipt subject"),
        ("Lu : Relance de paiement", "receipt subject"),
        ("Gelesen: Zahlungserinnerung", "receipt subject"),
        ("Delivered: Payment reminder", "receipt subject"),
        ("Ontvangstbevestiging: Betalingsherinnering", "receipt subject"),
        ("Conferma di ricezione: Sollecito", "receipt subject"),
        ("[Ticket 529541] Uw verzoek is ontvangen", "ticket acknowledgement subject"),
        ("Ihre Anfrage wurde erfasst [Ticket #644727]", "ticket acknowledgement subject"),
        ("We received your message (case 487367)", "ticket acknowledgement subject"),
        ("[Incidencia 563877] Hemos recibido su solicitud", "ticket acknowledgement subject"),
        ("Eingangsbestätigung: Zahlungserinnerung", "receipt subject"),
    ],
)
def test_receipts_and_ticket_acknowledgements(
    settings: Settings, subject: str, reason: str
) -> None:
    parsed = parse(build_raw(subject=subject), settings)
    assert parsed.auto_reply and parsed.auto_reply_reason == reason


@pytest.mark.parametrize(
    "subject",
    [
        "Re: reply about your automatic payment",
        "Re: INV-1 read the attached statement",
        "Delivery of goods: INV-1 damaged",
        "Re: Payment reminder [Ticket #1234]",
    ],
)
def test_ordinary_subjects_are_not_auto_replies(settings: Settings, subject: str) -> None:
    assert not parse(build_raw(subject=subject), settings).auto_reply


def test_ordinary_subject_is_not_an_auto_reply(settings: Settings) -> None:
    parsed = parse(build_raw(subject="Re: reply about your automatic payment"), settings)
    assert not parsed.auto_reply


def test_delivery_status_report_is_a_bounce(settings: Settings) -> None:
    raw = (
        b"From: Mail Delivery System <MAILER-DAEMON@mx.buyer.example>\n"
        b"Subject: Undelivered Mail Returned to Sender\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/report; report-type=delivery-status; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nI'm sorry to have to inform you.\n"
        b"--b\nContent-Type: message/delivery-status\n\n"
        b"Reporting-MTA: dns; mx.buyer.example\n\nFinal-Recipient: rfc822; ap@acme.example\n"
        b"Action: failed\nStatus: 5.1.1\n--b--\n"
    )
    parsed = parse(raw, settings)
    assert parsed.bounce
    assert not parsed.auto_reply


@pytest.mark.parametrize(
    ("from_", "subject"),
    [
        ("postmaster@mx.example", "Hello"),
        ("MAILER-DAEMON@mx.example", "Hello"),
        ("System <sys@mx.example>", "Undeliverable: Invoice INV-1"),
        ("System <sys@mx.example>", "Delivery Status Notification (Failure)"),
        ("System <sys@mx.example>", "Unzustellbar: Rechnung"),
    ],
)
def test_bounce_senders_and_subjects(settings: Settings, from_: str, subject: str) -> None:
    assert parse(build_raw(from_=from_, subject=subject), settings).bounce


def test_read_receipt_is_automatic_not_a_bounce(settings: Settings) -> None:
    raw = (
        b"From: ap@acme.example\nSubject: Read: INV-1\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/report; report-type=disposition-notification; boundary="b"\n\n'
        b"--b\nContent-Type: text/plain\n\nYour message was read.\n"
        b"--b\nContent-Type: message/disposition-notification\n\nDisposition: displayed\n--b--\n"
    )
    parsed = parse(raw, settings)
    assert parsed.auto_reply and parsed.auto_reply_reason == "read receipt"
    assert not parsed.bounce


@pytest.mark.parametrize(
    "headers",
    [{"List-Id": "<ap.acme.example>"}, {"List-Unsubscribe": "<mailto:leave@acme.example>"}],
)
def test_mailing_list(settings: Settings, headers: dict[str, str]) -> None:
    assert parse(build_raw(headers=headers), settings).mailing_list


@pytest.mark.parametrize(
    ("results", "failed"),
    [
        ("mx.northwind.example; spf=pass smtp.mailfrom=acme.example; dkim=pass", False),
        ("mx.northwind.example; spf=fail smtp.mailfrom=acme.example", True),
        ("mx.northwind.example; dkim=fail header.d=acme.example", True),
        ("mx.northwind.example; dmarc=fail (p=reject) header.from=acme.example", True),
        ("mx.northwind.example; spf=softfail smtp.mailfrom=acme.example", False),
        ("mx.northwind.example; spf=permerror smtp.mailfrom=acme.example", True),
    ],
)
def test_authentication_results(settings: Settings, results: str, failed: bool) -> None:
    raw = build_raw(headers={"Authentication-Results": results})
    assert parse(raw, settings).auth_failed is failed
