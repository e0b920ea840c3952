"""draft_reply: one letter per message in the buyer's language, grounded, threaded, attached."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime
from decimal import Decimal

import pypdf
import pytest
from sqlmodel import Session, select

import prompts
from agent.context import load_context
from agent.draft import attachments as draft_attachments
from agent.draft import compose_dispute_resolved, compose_promise_broken, draft_reply
from agent.draft.formatting import format_day, format_money
from agent.draft.headers import reply_subject, strip_reply_prefixes
from agent.schema import (
    LANGUAGES,
    AccountMatch,
    ActResult,
    ContactUpdateFacts,
    DisputeOpened,
    ParsedMessage,
    PaymentClaimFacts,
    PromiseFacts,
    Triage,
)
from arinbox.settings import Settings
from records.inbox import Draft, DraftAttachment, Message
from records.ledger import Dispute, Invoice, Promise

RECEIVED = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)
GREETINGS = {
    "en": "Dear Jane Doe,",
    "de": "Guten Tag Jane Doe,",
    "fr": "Bonjour Jane Doe,",
    "es": "Buenos días, Jane Doe:",
    "nl": "Geachte Jane Doe,",
    "it": "Gentile Jane Doe,",
}
CLOSINGS = {
    "en": "Kind regards,",
    "de": "Mit freundlichen Grüßen",
    "fr": "Cordialement,",
    "es": "Atentamente,",
    "nl": "Met vriendelijke groet,",
    "it": "Cordiali saluti,",
}


@pytest.fixture
def message(session: Session, ledger: dict) -> Message:
    row = Message(
        raw_sha256="0" * 64,
        raw=b"Subject: x\r\n\r\nx",
        message_id="<m2@acme.example>",
        subject="RE: AW: Overdue invoice INV-2026-0012",
        from_addr="ap@acme.example",
        received_at=RECEIVED,
    )
    session.add(row)
    session.commit()
    return row


def parsed_message(**changes: object) -> ParsedMessage:
    base = ParsedMessage(
        message_id="<m2@acme.example>",
        in_reply_to="<m1@northwind.example>",
        references=["<m0@northwind.example>", "<m1@northwind.example>"],
        from_addr="ap@acme.example",
        from_name="Jane Doe",
        subject="RE: AW: Overdue invoice INV-2026-0012",
        received_at=RECEIVED,
        new_text="Please see below.",
    )
    return base.model_copy(update=changes)


def full_act() -> ActResult:
    """Every topic a reply can carry, on the ACME account of tests/fixtures/ledger.json."""
    return ActResult(
        reply=True,
        disputes=[DisputeOpened(reference="DSP-000012", invoice="INV-2026-0047", reason="damaged")],
        promise=PromiseFacts(date=date(2026, 11, 20), amount=None),
        promise_invoices=["INV-2026-0012"],
        payment_claim=PaymentClaimFacts(date=date(2026, 11, 13), amount=Decimal("830.50")),
        payment_claim_paused=True,
        contact_change_proposed=True,
        invoice_copies=["INV-2026-0012", "INV-2026-0047"],
        statement=True,
        paused_invoices=["INV-2026-0012", "INV-2026-0047"],
    )


def run_draft(
    session: Session,
    message: Message,
    settings: Settings,
    *,
    act: ActResult,
    language: str = "en",
    parsed: ParsedMessage | None = None,
    match: AccountMatch | None = None,
    triage: Triage | None = None,
) -> Draft | None:
    match = match or AccountMatch(account_id="ACME", verified=True, method="contact")
    triage = triage or Triage(
        intents=["dispute"],
        language=language,
        contact_update=ContactUpdateFacts(new_email="New.AP@acme.example"),
    )
    return draft_reply(
        session,
        message=message,
        parsed=parsed or parsed_message(),
        match=match,
        triage=triage,
        act=act,
        context=load_context(session, match.account_id),
        settings=settings,
    )


def attachments(session: Session, draft: Draft) -> list[DraftAttachment]:
    rows = session.exec(select(DraftAttachment).where(DraftAttachment.draft_id == draft.id))
    return sorted(rows, key=lambda a: a.filename)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("language", LANGUAGES)
def test_one_letter_answers_every_topic_with_the_records_facts(
    session: Session, message: Message, settings: Settings, language: str
) -> None:
    draft = run_draft(session, message, settings, act=full_act(), language=language)

    assert draft is not None
    body = draft.body
    assert draft.state == "pending" and draft.kind == "reply" and draft.language == language
    assert draft.original_body == body
    assert not draft.flagged, draft.flag_reason
    assert "{{" not in body and "{%" not in body and "Undefined" not in body
    # One letter: one greeting and one closing around six paragraphs.
    assert body.startswith(GREETINGS[language])
    assert body.count(CLOSINGS[language]) == 1
    assert body.rstrip().endswith(f"{settings.ar_display_name}\n{settings.company_name}")
    # Facts, formatted the language's way.
    for fact in (
        "DSP-000012",
        "INV-2026-0012",
        "INV-2026-0047",
        "new.ap@acme.example",
        format_money(Decimal("1250.00"), "EUR", language),  # promise = open amount
        format_money(Decimal("830.50"), "EUR", language),  # payment claim, copy
        format_money(Decimal("2080.50"), "EUR", language),  # statement balance
        format_day(date(2026, 11, 20), language),  # promised date
        format_day(date(2026, 11, 13), language),  # payment date
        format_day(date(2026, 11, 16), language),  # statement as of the message
        format_day(date(2026, 9, 1), language),  # issue date of a copy
    ):
        assert fact in body, (fact, body)
    sections = ("dispute", "promise_to_pay", "payment_confirmation")
    sections += ("invoice_copy_request", "statement_request", "contact_update")
    assert draft.template == f"{prompts.version()}:" + ",".join(
        f"{language}/{name}" for name in ("letter", *sections)
    )
    files = attachments(session, draft)
    assert [(a.filename, a.kind) for a in files] == [
        ("INV-2026-0012.pdf", "invoice_copy"),
        ("INV-2026-0047.pdf", "invoice_copy"),
        ("statement-ACME-2026-11-16.pdf", "statement"),
    ]
    # Named now, made when first needed (agent/draft/attachments.py).
    assert [a.content for a in files] == [None, None, None]
    made = draft_attachments.make_all(session, draft.id or 0, settings)
    assert all(a.content and a.content.startswith(b"%PDF") for a in made)
    assert all(a.content_type == "application/pdf" for a in made)


def test_threading_headers_and_subject(
    session: Session, message: Message, settings: Settings
) -> None:
    draft = run_draft(session, message, settings, act=full_act())

    assert draft is not None
    assert draft.subject == "Re: Overdue invoice INV-2026-0012"
    assert draft.in_reply_to == "<m2@acme.example>"
    assert draft.references == [
        "<m0@northwind.example>",
        "<m1@northwind.example>",
        "<m2@acme.example>",
    ]
    assert draft.to_addr == "ap@acme.example"


@pytest.mark.parametrize(
    ("original", "expected"),
    [
        ("RE: AW: WG: Rechnung 4711", "Re: Rechnung 4711"),
        ("Re: Re: re:invoice", "Re: invoice"),
        ("TR: RE: facture", "Re: facture"),
        ("RV: R: fattura", "Re: fattura"),
        ("Antw: SV: Fwd: FW: factuur", "Re: factuur"),
        ("RE[2]: Re(3): statement", "Re: statement"),
        ("Reminder: INV-1", "Re: Reminder: INV-1"),
        ("Re:   spaced    out ", "Re: spaced out"),
        ("", "Re: Your message to Northwind"),
    ],
)
def test_reply_subject_does_not_stack_prefixes(original: str, expected: str) -> None:
    assert reply_subject(original, "Your message to Northwind") == expected


def test_a_subject_naming_figures_not_on_the_account_is_not_repeated(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(subject="RE: INV-2026-0101 of Bergmann, balance 4.800,00 EUR?")

    draft = run_draft(session, message, settings, act=full_act(), parsed=parsed)

    assert draft is not None
    assert draft.subject == f"Re: Your message to {settings.company_name}"


def test_the_buyers_payment_reference_recorded_with_the_claim_stays_in_the_subject(
    session: Session, message: Message, settings: Settings
) -> None:
    """ "Zahlungsavis ZA-2026-11-0042": the advice's number is the claim's reference."""
    parsed = parsed_message(subject="Zahlungsavis ZA-2026-11-0042")
    act = full_act()
    assert act.payment_claim is not None
    act.payment_claim.reference = "ZA-2026-11-0042"
    draft = run_draft(session, message, settings, act=act, parsed=parsed)
    assert draft is not None and draft.subject == "Re: Zahlungsavis ZA-2026-11-0042"


def test_strip_reply_prefixes_keeps_words_that_only_start_like_prefixes() -> None:
    assert strip_reply_prefixes("Return of goods") == "Return of goods"
    assert strip_reply_prefixes("Travel: costs") == "Travel: costs"


def test_empty_subject_gets_a_localised_fallback(
    session: Session, message: Message, settings: Settings
) -> None:
    draft = run_draft(
        session, message, settings, act=full_act(), language="de", parsed=parsed_message(subject="")
    )

    assert draft is not None
    assert draft.subject == f"Re: Ihre Nachricht an {settings.company_name}"


@pytest.mark.parametrize(
    ("reply_to", "expected"),
    [
        ("ap@acme.example", "ap@acme.example"),  # a contact of the account
        ("Payables@ACME.example", "payables@acme.example"),  # at one of the account's domains
        ("collector@evil.example", "ap@acme.example"),  # not verified: the sender instead
    ],
)
def test_reply_to_is_used_only_when_verified(
    session: Session, message: Message, settings: Settings, reply_to: str, expected: str
) -> None:
    parsed = parsed_message(from_addr="jane@acme.example", reply_to=reply_to)
    if expected == "ap@acme.example":
        parsed = parsed_message(reply_to=reply_to)
    draft = run_draft(session, message, settings, act=full_act(), parsed=parsed)

    assert draft is not None
    assert draft.to_addr == expected


def test_unverified_sender_gets_an_acknowledgement_without_account_data(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(from_addr="someone@elsewhere.example", from_name="Sam Smith")
    match = AccountMatch(account_id="ACME", verified=False, method="reference")

    draft = run_draft(session, message, settings, act=full_act(), parsed=parsed, match=match)

    assert draft is not None
    assert draft.to_addr == "someone@elsewhere.example"
    assert draft.subject == f"Re: Your message to {settings.company_name}"
    assert draft.body.startswith("Dear Sam Smith,")
    assert "Thank you for your message, which we have received." in draft.body
    for secret in ("INV-2026", "DSP-", "€", "2026"):
        assert secret not in draft.body
    assert draft.template is not None and draft.template.endswith(":en/letter,en/acknowledge")
    assert attachments(session, draft) == []
    assert not draft.flagged


@pytest.mark.parametrize("flag", ["injection_suspected", "other_customer_data_requested"])
def test_a_suspicious_message_gets_only_an_acknowledgement(
    session: Session, message: Message, settings: Settings, flag: str
) -> None:
    triage = Triage(intents=["statement_request"], language="en", **{flag: True})

    draft = run_draft(session, message, settings, act=full_act(), triage=triage)

    assert draft is not None
    assert draft.body.startswith("Dear Jane Doe,")
    assert "INV-2026" not in draft.body and "€" not in draft.body
    assert draft.template is not None and draft.template.endswith(":en/letter,en/acknowledge")
    assert attachments(session, draft) == []


def test_unknown_account_gets_the_acknowledgement_in_the_buyers_language(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(from_addr="x@unknown.example", from_name="Accounts Payable")
    match = AccountMatch(account_id=None, verified=False)

    draft = run_draft(
        session,
        message,
        settings,
        act=ActResult(reply=True),
        parsed=parsed,
        match=match,
        language="fr",
    )

    assert draft is not None
    assert draft.body.startswith("Madame, Monsieur,")  # a department name is not greeted
    assert "Nous vous remercions de votre message, que nous avons bien reçu." in draft.body


def test_reply_language_falls_back_to_the_contacts_language(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(
        from_addr="buchhaltung@bergmann-logistik.example", from_name="", reply_to=None
    )
    match = AccountMatch(account_id="BERG", verified=True, method="contact")
    act = ActResult(reply=True, invoice_copies=["INV-2026-0101"])

    draft = run_draft(
        session, message, settings, act=act, parsed=parsed, match=match, language="pt"
    )

    assert draft is not None
    assert draft.language == "de"
    assert draft.body.startswith("Guten Tag Klaus Weber,\n\nvielen Dank für Ihre Nachricht.")
    assert "Kopie der Rechnung INV-2026-0101 vom 15. September 2026 über 4.800,00\u00a0€" in (
        draft.body
    )


def test_greeting_uses_the_contact_name_on_file_over_the_display_name(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(from_name="Doe, J. (ACME AP)")
    draft = run_draft(session, message, settings, act=full_act(), parsed=parsed)

    assert draft is not None
    assert draft.body.startswith("Dear Jane Doe,")


def test_display_name_in_last_first_order_is_turned_around(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(from_addr="finance@acme.example", from_name="Smith, Anna")
    draft = run_draft(session, message, settings, act=full_act(), parsed=parsed)

    assert draft is not None
    assert draft.body.startswith("Dear Anna Smith,")


def test_disputes_name_each_reference_and_the_team_that_reviews_it(
    session: Session, message: Message, settings: Settings
) -> None:
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0012")).one()
    session.add(
        Dispute(
            reference="DSP-000013",
            account_id="ACME",
            invoice_id=invoice.id or 0,
            reason="other",
            assigned_team="logistics",
        )
    )
    session.commit()
    act = ActResult(
        reply=True,
        disputes=[
            DisputeOpened(reference="DSP-000012", invoice="INV-2026-0047", reason="pricing"),
            DisputeOpened(reference="DSP-000013", invoice="INV-2026-0012", reason="other"),
            DisputeOpened(reference="DSP-000014", invoice="INV-2026-0101", reason="tax"),
        ],
    )

    draft = run_draft(session, message, settings, act=act)

    assert draft is not None
    line = "- invoice INV-2026-0047, the prices charged: reference DSP-000012, reviewed by"
    assert f"{line} our billing team" in draft.body
    assert "reference DSP-000013, reviewed by our logistics team" in draft.body
    # An invoice of another account is never named in this account's reply.
    assert "INV-2026-0101" not in draft.body and "DSP-000014" not in draft.body
    assert not draft.flagged


def test_a_new_complaint_on_an_open_dispute_is_acknowledged_as_the_buyer_made_it(
    session: Session, message: Message, settings: Settings
) -> None:
    """ "The price is wrong" on an invoice already disputed for damaged goods."""
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0047")).one()
    session.add(
        Dispute(
            reference="DSP-000021", account_id="ACME", invoice_id=invoice.id or 0, reason="damaged"
        )
    )
    session.commit()
    opened = DisputeOpened(reference="DSP-000021", invoice="INV-2026-0047", reason="pricing")

    draft = run_draft(session, message, settings, act=ActResult(reply=True, disputes=[opened]))

    assert draft is not None
    # The buyer's complaint (the prices), under the open reference, reviewed by the team
    # that has the dispute (quality, for the damage it was opened for).
    assert "the prices charged on invoice INV-2026-0047" in draft.body
    assert "reference DSP-000021" in draft.body and "our quality team" in draft.body


def test_promise_with_its_own_amount_and_no_date(
    session: Session, message: Message, settings: Settings
) -> None:
    act = ActResult(
        reply=True,
        promise=PromiseFacts(date=None, amount=Decimal("500.00")),
        promise_invoices=["INV-2026-0012", "INV-2026-0047"],
    )

    draft = run_draft(session, message, settings, act=act, language="nl")

    assert draft is not None
    invoices = "de facturen INV-2026-0012 en INV-2026-0047"
    body = draft.body.replace("\u00a0", " ")
    assert f"toezegging genoteerd om € 500,00 voor {invoices} te betalen" in body
    assert "voorlopig geen betalingsherinneringen" in draft.body
    assert not draft.flagged


def test_a_second_call_returns_the_same_draft(
    session: Session, message: Message, settings: Settings
) -> None:
    first = run_draft(session, message, settings, act=full_act())
    second = run_draft(session, message, settings, act=full_act())

    assert first is not None and second is not None
    assert first.id == second.id
    assert len(session.exec(select(Draft)).all()) == 1
    assert len(attachments(session, first)) == 3


# What each language's payment paragraph says about reminders, only when it paused them.
PAUSE_WORDS = {
    "en": "pause payment reminders",
    "de": "keine Zahlungserinnerungen",
    "fr": "suspendra les relances",
    "es": "suspenderemos los recordatorios",
    "nl": "geen betalingsherinneringen",
    "it": "sospenderemo i solleciti",
}


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_payment_naming_no_invoice_promises_no_pause(
    session: Session, message: Message, settings: Settings, language: str
) -> None:
    """A claim naming no invoice pauses nothing (docs/policy.md): the letter must not say so."""
    claim = PaymentClaimFacts(date=date(2026, 11, 13), amount=Decimal("830.50"))
    paused = ActResult(reply=True, payment_claim=claim, payment_claim_paused=True)
    unpaused = ActResult(reply=True, payment_claim=claim)

    with_pause = run_draft(session, message, settings, act=paused, language=language)
    assert with_pause is not None and PAUSE_WORDS[language] in with_pause.body
    session.delete(with_pause)
    session.commit()
    without = run_draft(session, message, settings, act=unpaused, language=language)
    assert without is not None and PAUSE_WORDS[language] not in without.body
    assert format_day(date(2026, 11, 13), language) in without.body


def test_no_reply_to_an_automatic_message(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(auto_reply=True, auto_reply_reason="out of office")

    assert run_draft(session, message, settings, act=full_act(), parsed=parsed) is None
    assert session.exec(select(Draft)).all() == []


def test_no_reply_to_a_program_sent_message(
    session: Session, message: Message, settings: Settings
) -> None:
    parsed = parsed_message(auto_generated=True)

    assert run_draft(session, message, settings, act=full_act(), parsed=parsed) is None
    assert session.exec(select(Draft)).all() == []


def test_promise_broken_notice_in_every_language(
    session: Session, ledger: dict, settings: Settings
) -> None:
    promise = Promise(
        account_id="ACME",
        promised_date=date(2026, 11, 20),
        amount=None,
        invoice_numbers=["INV-2026-0012"],
        open_amount_at_promise=Decimal("1250.00"),
    )
    context = load_context(session, "ACME")
    for language in LANGUAGES:
        letter = compose_promise_broken(
            promise, context, settings, language=language, name="Jane Doe"
        )

        assert letter.templates == [f"{language}/letter", f"{language}/promise_broken"]
        assert format_money(Decimal("1250.00"), "EUR", language) in letter.body
        assert format_day(date(2026, 11, 20), language) in letter.body
        assert "INV-2026-0012" in letter.body
        assert letter.subject is not None and "INV-2026-0012" in letter.subject
        assert letter.facts.check(letter.body, language) == []
        assert letter.body.startswith(GREETINGS[language])


def test_dispute_resolved_notice_in_every_language_and_outcome(
    session: Session, ledger: dict, settings: Settings
) -> None:
    invoice = session.exec(select(Invoice).where(Invoice.number == "INV-2026-0200")).one()
    context = load_context(session, "LUMI")
    for language in LANGUAGES:
        for outcome in ("credited", "corrected", "confirmed", None):
            dispute = Dispute(
                reference="DSP-000020",
                account_id="LUMI",
                invoice_id=invoice.id or 0,
                reason="pricing",
                status="resolved",
                outcome=outcome,
            )
            letter = compose_dispute_resolved(
                dispute, context, settings, language=language, credit_amount=Decimal("1000.00")
            )

            assert "DSP-000020" in letter.body and "INV-2026-0200" in letter.body
            assert format_money(Decimal("1150.00"), "EUR", language) in letter.body
            credit = format_money(Decimal("1000.00"), "EUR", language)
            assert (credit in letter.body) == (outcome == "credited")
            assert letter.subject is not None and "DSP-000020" in letter.subject
            assert letter.facts.check(letter.body, language) == []


def test_notice_language_defaults_to_the_contacts(
    session: Session, ledger: dict, settings: Settings
) -> None:
    promise = Promise(
        account_id="LUMI",
        promised_date=date(2026, 11, 20),
        amount=Decimal("1150.00"),
        invoice_numbers=["INV-2026-0200"],
    )

    letter = compose_promise_broken(promise, load_context(session, "LUMI"), settings)

    assert letter.language == "fr"
    assert letter.body.startswith("Madame, Monsieur,\n\nVous nous aviez indiqué")
