"""The buyer's new text apart from quotes, headers, signatures and banners."""

from __future__ import annotations

import time

import pytest

from agent.parse.quotes import split_reply

REPLY = "We will pay invoice INV-1001 on Friday."


@pytest.mark.parametrize(
    "header",
    [
        "On Mon, 16 Nov 2026 at 09:12, AR Team <ar@northwind.example> wrote:",
        "Am Mo., 16. Nov. 2026 um 09:12 Uhr schrieb AR Team <ar@northwind.example>:",
        "Le lun. 16 nov. 2026 à 09:12, AR Team <ar@northwind.example> a écrit :",
        "El lun, 16 nov 2026 a las 09:12, AR Team (<ar@northwind.example>) escribió:",
        "Op ma 16 nov. 2026 om 09:12 schreef AR Team <ar@northwind.example>:",
        "Il giorno lun 16 nov 2026 alle ore 09:12 AR Team <ar@northwind.example> ha scritto:",
    ],
)
def test_wrote_headers_in_six_languages(header: str) -> None:
    text = f"{REPLY}\n\n{header}\n> Dear customer, invoice INV-1001 is overdue.\n"
    parts = split_reply(text)
    assert parts.new_text == REPLY
    assert parts.quoted_text.startswith(header.split()[0])
    assert "overdue" in parts.quoted_text


def test_wrote_header_wrapped_over_two_lines() -> None:
    text = (
        f"{REPLY}\n\nOn Mon, Nov 16, 2026 at 9:12 AM Accounts Receivable <\n"
        "ar@northwind.example> wrote:\n\n> Please pay.\n"
    )
    assert split_reply(text).new_text == REPLY


@pytest.mark.parametrize(
    ("from_", "sent", "to", "subject"),
    [
        ("From", "Sent", "To", "Subject"),
        ("Von", "Gesendet", "An", "Betreff"),
        ("De", "Envoyé", "À", "Objet"),
        ("De", "Enviado", "Para", "Asunto"),
        ("Van", "Verzonden", "Aan", "Onderwerp"),
        ("Da", "Inviato", "A", "Oggetto"),
    ],
)
def test_outlook_header_blocks(from_: str, sent: str, to: str, subject: str) -> None:
    text = (
        f"{REPLY}\n\n________________________________\n"
        f"{from_}: AR Team <ar@northwind.example>\n{sent}: Monday, 16 November 2026 09:12\n"
        f"{to}: ap@acme.example\n{subject}: Overdue INV-1001\n\nDear customer, please pay.\n"
    )
    parts = split_reply(text)
    assert parts.new_text == REPLY
    assert parts.quoted_text.startswith("____")
    assert "please pay" in parts.quoted_text


def test_outlook_block_with_bold_markers() -> None:
    text = f"{REPLY}\n\n*From:* AR Team\n*Sent:* 2026-11-16\n*To:* ap@acme.example\n\nOld."
    assert split_reply(text).new_text == REPLY


def test_single_from_line_in_the_body_is_not_a_header() -> None:
    text = "From: the warehouse we heard the goods were damaged.\nPlease credit INV-1."
    assert split_reply(text).new_text == text


@pytest.mark.parametrize(
    "marker",
    [
        "-----Original Message-----",
        "-----Ursprüngliche Nachricht-----",
        "-----Message d'origine-----",
        "-----Mensaje original-----",
        "-----Oorspronkelijk bericht-----",
        "-----Messaggio originale-----",
        "---------- Forwarded message ---------",
    ],
)
def test_original_message_markers(marker: str) -> None:
    parts = split_reply(f"{REPLY}\n\n{marker}\nFrom: AR\nTo: AP\n\nOld text")
    assert parts.new_text == REPLY
    assert parts.quoted_text.startswith(marker)


def test_bare_forward_uses_the_forwarded_body() -> None:
    text = (
        "---------- Forwarded message ---------\nFrom: Jane <j@acme.example>\n"
        "Date: Mon, 16 Nov 2026\nSubject: INV-1\nTo: ar@northwind.example\n\n"
        "Please send a copy of INV-1.\n"
    )
    parts = split_reply(text)
    assert parts.new_text == "Please send a copy of INV-1."
    assert "Forwarded message" in parts.quoted_text


def test_inline_reply_keeps_unquoted_lines() -> None:
    text = "> When will you pay INV-1?\nNext Tuesday.\n> And INV-2?\nIt is disputed."
    parts = split_reply(text)
    assert parts.new_text == "Next Tuesday.\nIt is disputed."
    assert parts.quoted_text == "> When will you pay INV-1?\n> And INV-2?"


@pytest.mark.parametrize(
    "signature",
    [
        "Sent from my iPhone",
        "Von meinem iPhone gesendet",
        "Envoyé de mon iPhone",
        "Enviado desde mi iPhone",
        "Verzonden vanaf mijn iPhone",
        "Inviato da iPhone",
        "Get Outlook for iOS",
        "Sent from my Samsung Galaxy smartphone.",
    ],
)
def test_mobile_signatures(signature: str) -> None:
    parts = split_reply(f"{REPLY}\n\n{signature}")
    assert parts.new_text == REPLY
    assert parts.signature == signature


def test_sent_from_in_a_sentence_is_not_a_signature() -> None:
    text = "Here is the remittance.\n\nSent from my desk, is much easier than my phone."
    assert split_reply(text).signature == ""


def test_dash_dash_delimiter_starts_the_signature() -> None:
    parts = split_reply(f"{REPLY}\n\n-- \nJane Doe\nAcme Corp, +49 30 1234567")
    assert parts.new_text == REPLY
    assert parts.signature.startswith("--")
    assert "1234567" in parts.signature


def test_disclaimer_moves_to_signature() -> None:
    text = f"{REPLY}\n\nThis e-mail is confidential and intended only for the addressee."
    parts = split_reply(text)
    assert parts.new_text == REPLY
    assert parts.signature.startswith("This e-mail is confidential")


@pytest.mark.parametrize(
    "banner",
    [
        "CAUTION: This email originated from outside of the organization. Do not click links.",
        "[EXTERNAL] This message came from an external sender.",
        "ACHTUNG: Diese E-Mail stammt von einem externen Absender.",
        "ATTENTION : ce courriel provient de l'extérieur de l'organisation.",
        "PRECAUCIÓN: Este correo se originó fuera de la organización.",
        "LET OP: deze e-mail is afkomstig van buiten de organisatie.",
        "ATTENZIONE: questa e-mail proviene dall'esterno, non fare clic sui link.",
    ],
)
def test_external_banners_are_removed(banner: str) -> None:
    assert split_reply(f"{banner}\n\n{REPLY}").new_text == REPLY


@pytest.mark.parametrize(
    "text",
    [
        "Caution: the goods arrived damaged, so we will not pay INV-9 yet.",
        "Attention: INV-1 is outside of the agreed terms, we will not pay it.",
        "Notice: we moved to an external payroll provider last month.",
    ],
)
def test_caution_in_ordinary_text_is_kept(text: str) -> None:
    assert split_reply(text).new_text == text


def test_crlf_and_bare_cr_are_normalised() -> None:
    parts = split_reply(f"{REPLY}\r\n\r\nOn Mon, 16 Nov 2026, AR <ar@x.example> wrote:\r\n> old")
    assert parts.new_text == REPLY
    assert split_reply("a\rb").new_text == "a\nb"


def test_long_quote_is_linear_time() -> None:
    quote = "> " + "a" * 70 + "\n"
    text = REPLY + "\n\nOn Mon, 16 Nov 2026, AR <ar@x.example> wrote:\n" + quote * 12000
    started = time.perf_counter()
    parts = split_reply(text)
    assert parts.new_text == REPLY
    assert parts.quoted_text.count("\n") == 12000
    near_misses = ("On " + "word " * 30 + "wrote -\n") * 3000 + ("From: x\n" * 3000)
    split_reply(near_misses)
    assert time.perf_counter() - started < 2.0


def test_contact_card_after_closing_line_is_the_signature() -> None:
    text = (
        f"{REPLY}\n\nMit freundlichen Grüßen\nJana Berger\nKreditorenbuchhaltung\n"
        "Tel. +49 30 1234 5678\nj.berger@kunde.example"
    )
    parts = split_reply(text)
    assert parts.new_text == f"{REPLY}\n\nMit freundlichen Grüßen"
    assert parts.signature.startswith("Jana Berger")
    assert "1234 5678" not in parts.new_text


def test_bare_name_after_closing_line_stays_in_the_new_text() -> None:
    text = f"{REPLY}\n\nBest regards,\nJane"
    parts = split_reply(text)
    assert parts.new_text == text
    assert parts.signature == ""


def test_card_without_closing_line() -> None:
    text = f"{REPLY}\n\nGina Rossi\ngina@acme.example\n(555) 346-9947"
    parts = split_reply(text)
    assert parts.new_text == REPLY
    assert parts.signature.startswith("Gina Rossi")


def test_block_starting_with_the_senders_name() -> None:
    text = f"{REPLY}\n\nStavros Papadopoulos\nAccounts payable"
    assert split_reply(text, sender_name="Stavros Papadopoulos").signature.startswith("Stavros")
    assert split_reply(text).signature == ""


def test_content_with_a_link_is_not_a_card() -> None:
    text = f"{REPLY}\n\nOur payment portal\nhttps://pay.acme.example/remittance/123"
    assert split_reply(text).new_text == text


def test_card_with_title_after_the_name() -> None:
    text = (
        "hello? is anyone there\n\n"
        "Pieter Dijkstra | Purchase Ledger Clerk | Dijkstra B.V.\nTel: +44 20 7946 0321"
    )
    parts = split_reply(text, sender_name="Pieter Dijkstra")
    assert parts.new_text == "hello? is anyone there"
    assert parts.signature.startswith("Pieter Dijkstra |")


def test_sentence_starting_with_the_senders_name_is_not_a_card() -> None:
    text = f"{REPLY}\n\nPieter will call you tomorrow.\nThanks"
    assert split_reply(text, sender_name="Pieter Dijkstra").new_text == text
