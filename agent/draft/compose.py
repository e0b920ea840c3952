"""Compose a letter from the records: which paragraphs, with which facts, in which language.

Everything printed comes from the ledger (through the account context) or from the
ActResult the tools produced, never from the buyer's text; the facts used are collected
in `Letter.facts` so the finished text can be checked with `check_grounded`.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from agent.context import AccountContext
from agent.draft.ageing import ageing, open_items
from agent.draft.formatting import pick_language
from agent.draft.greeting import greeting_name, sender_contact
from agent.draft.grounding import GroundingFacts
from agent.draft.render import render_letter, render_macro, render_text
from agent.schema import DISPUTE_REASONS, AccountMatch, ActResult, ParsedMessage, Triage
from arinbox.settings import Settings
from records.ledger import Dispute, Invoice, Promise

log = logging.getLogger(__name__)

# The paragraphs of a reply, in the order a reader expects them.
SECTION_ORDER: tuple[str, ...] = (
    "dispute",
    "promise_to_pay",
    "payment_confirmation",
    "invoice_copy_request",
    "statement_request",
    "contact_update",
)
# Who reviews a dispute, by reason, unless the dispute record names a team.
TEAMS: tuple[str, ...] = ("billing", "logistics", "quality", "ar")
TEAM_BY_REASON: dict[str, str] = {
    "pricing": "billing",
    "tax": "billing",
    "duplicate": "billing",
    "quantity": "logistics",
    "not_received": "logistics",
    "damaged": "quality",
    "quality": "quality",
    "other": "ar",
}
RESOLUTION_OUTCOMES: tuple[str, ...] = ("credited", "corrected", "confirmed")
_EMAIL = re.compile(r"^[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}$")


@dataclass(frozen=True)
class DisputeLine:
    reference: str
    invoice: str
    reason: str
    team: str


@dataclass(frozen=True)
class PromiseView:
    date: date | None
    amount: Decimal | None
    currency: str
    invoices: list[str]


@dataclass(frozen=True)
class ClaimView:
    date: date | None
    amount: Decimal | None
    currency: str
    paused: bool  # reminders paused while the payment is matched: the letter says so only then


@dataclass(frozen=True)
class CopyView:
    number: str
    kind: str
    issue_date: date
    due_date: date
    amount: Decimal
    open_amount: Decimal
    currency: str


@dataclass(frozen=True)
class TotalView:
    currency: str
    open: Decimal
    overdue: Decimal


@dataclass(frozen=True)
class StatementView:
    as_of: date
    count: int
    totals: list[TotalView]


@dataclass(frozen=True)
class ContactChangeView:
    new_email: str | None


@dataclass(frozen=True)
class ResolutionView:
    reference: str
    invoice: str
    outcome: str
    credit_amount: Decimal | None
    open_amount: Decimal
    currency: str


@dataclass
class Letter:
    """A composed letter: its text, the templates it came from and what it may attach."""

    language: str
    body: str
    templates: list[str]
    facts: GroundingFacts
    subject: str | None = None  # for letters that do not answer a buyer's subject
    invoice_copies: list[str] = field(default_factory=list)
    statement_as_of: date | None = None
    sections: list[str] = field(default_factory=list)


@dataclass
class _Build:
    """Collects paragraphs and facts while a letter is composed."""

    language: str
    context: AccountContext
    facts: GroundingFacts = field(default_factory=GroundingFacts)
    paragraphs: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)

    def add(self, template: str, **variables: Any) -> None:
        self.paragraphs.append(render_text(self.language, template, **variables))
        self.sections.append(template)


def reply_language(
    parsed: ParsedMessage, triage: Triage, context: AccountContext, verified: bool
) -> str:
    """The buyer's language when it is one of ours, else the contact's, the account's, English."""
    contact = sender_contact(parsed, context) if verified else None
    account_language = context.account.language if verified and context.account else None
    return pick_language(triage.language, contact.language if contact else None, account_language)


def compose_reply(
    *,
    parsed: ParsedMessage,
    match: AccountMatch,
    triage: Triage,
    act: ActResult,
    context: AccountContext,
    settings: Settings,
    as_of: date,
) -> Letter:
    """One letter answering every topic the tools acted on; an acknowledgement otherwise.

    An unverified sender (or one matched to no account) gets the acknowledgement only:
    no account data, no attachments. So does a message that tries to instruct the
    assistant or asks for other customers' data: a collector answers that one.
    """
    verified = match.verified and context.account is not None
    suspicious = triage.injection_suspected or triage.other_customer_data_requested
    language = reply_language(parsed, triage, context, verified)
    name = greeting_name(parsed, context, verified)
    build = _Build(language, context)
    copies: list[str] = []
    statement_as_of: date | None = None
    if verified and not suspicious:
        _account_facts(build.facts, context)
        _dispute_section(build, act)
        _promise_section(build, act)
        _claim_section(build, act)
        copies = _copies_section(build, act)
        if act.statement:
            _statement_section(build, as_of)
            statement_as_of = as_of
        if act.contact_change_proposed:
            _contact_section(build, triage)
    if not build.paragraphs:
        build.add("acknowledge")
        return _letter(build, name, settings, opening=False)
    letter = _letter(build, name, settings, opening=True)
    letter.invoice_copies = copies
    letter.statement_as_of = statement_as_of
    return letter


def compose_promise_broken(
    promise: Promise,
    context: AccountContext,
    settings: Settings,
    *,
    language: str | None = None,
    name: str | None = None,
) -> Letter:
    """`We have not yet received ...`: a follow-up on a promise whose date has passed."""
    build = _Build(_account_language(context, language), context)
    _account_facts(build.facts, context)
    invoices = [inv for inv in (context.invoice(n) for n in promise.invoice_numbers) if inv]
    amount = promise.amount
    if amount is None:
        amount = promise.open_amount_at_promise
    if amount is not None:
        build.facts.amounts.add(amount)
    build.facts.dates.add(promise.promised_date)
    view = PromiseView(
        date=promise.promised_date,
        amount=amount,
        currency=promise.currency,
        invoices=[inv.number for inv in invoices],
    )
    build.add("promise_broken", promise=view)
    letter = _letter(build, name, settings, opening=False)
    letter.subject = (
        render_macro(
            build.language,
            "subjects",
            "promise_broken",
            view.invoices,
            company_name=settings.company_name,
        )
        if view.invoices
        else render_macro(
            build.language, "subjects", "reply_fallback", company_name=settings.company_name
        )
    )
    return letter


def compose_dispute_resolved(
    dispute: Dispute,
    context: AccountContext,
    settings: Settings,
    *,
    language: str | None = None,
    name: str | None = None,
    credit_amount: Decimal | None = None,
) -> Letter:
    """The notice that a dispute is resolved: outcome (`Dispute.outcome`) and what is open."""
    build = _Build(_account_language(context, language), context)
    _account_facts(build.facts, context)
    invoice = next((inv for inv in context.invoices if inv.id == dispute.invoice_id), None)
    if invoice is None:
        raise LookupError(f"dispute {dispute.reference}: its invoice is not on the account")
    build.facts.invoices.add(dispute.reference)
    if credit_amount is not None:
        build.facts.amounts.add(credit_amount)
    outcome = dispute.outcome if dispute.outcome in RESOLUTION_OUTCOMES else "other"
    view = ResolutionView(
        reference=dispute.reference,
        invoice=invoice.number,
        outcome=outcome,
        credit_amount=credit_amount,
        open_amount=invoice.open_amount,
        currency=invoice.currency,
    )
    build.add("dispute_resolved", dispute=view)
    letter = _letter(build, name, settings, opening=False)
    letter.subject = render_macro(
        build.language,
        "subjects",
        "dispute_resolved",
        dispute.reference,
        invoice.number,
        company_name=settings.company_name,
    )
    return letter


def _letter(build: _Build, name: str | None, settings: Settings, *, opening: bool) -> Letter:
    """The paragraphs built so far inside the language's greeting and closing."""
    body = render_letter(
        build.language,
        build.paragraphs,
        name=name,
        opening=opening,
        company_name=settings.company_name,
        sender_name=settings.ar_display_name,
    )
    return Letter(
        language=build.language,
        body=body,
        templates=[f"{build.language}/{t}" for t in ("letter", *build.sections)],
        facts=build.facts,
        sections=list(build.sections),
    )


def _account_language(context: AccountContext, language: str | None) -> str:
    contact_language = next((c.language for c in context.contacts if c.language), None)
    account_language = context.account.language if context.account else None
    return pick_language(language, contact_language, account_language)


def _account_facts(facts: GroundingFacts, context: AccountContext) -> None:
    """Everything on the account a letter may quote: its documents, references, figures."""
    if context.account and context.account.customer_number:
        facts.invoices.add(context.account.customer_number)
    for inv in context.invoices:
        facts.add_invoice(inv)
    for dispute in context.disputes:
        facts.invoices.add(dispute.reference)
    for promise in context.promises:
        facts.dates.add(promise.promised_date)
        facts.amounts.update(a for a in (promise.amount, promise.open_amount_at_promise) if a)


def _invoices(context: AccountContext, numbers: Sequence[str], what: str) -> list[Invoice]:
    """The account's invoices among `numbers`, each once; others are left out and logged."""
    found: list[Invoice] = []
    for number in dict.fromkeys(numbers):
        invoice = context.invoice(number)
        if invoice is None:
            log.warning(
                "draft leaves out an invoice not on the account",
                extra={"invoice": number, "section": what},
            )
            continue
        found.append(invoice)
    return found


def _single_currency(invoices: Sequence[Invoice]) -> str | None:
    currencies = {inv.currency for inv in invoices}
    return currencies.pop() if len(currencies) == 1 else None


def _dispute_section(build: _Build, act: ActResult) -> None:
    lines: list[DisputeLine] = []
    for opened in act.disputes:
        if build.context.invoice(opened.invoice) is None:
            log.warning(
                "dispute on an invoice not on the account left out of the draft",
                extra={"reference": opened.reference},
            )
            continue
        reason = opened.reason if opened.reason in DISPUTE_REASONS else "other"
        record = next((d for d in build.context.disputes if d.reference == opened.reference), None)
        lines.append(DisputeLine(opened.reference, opened.invoice, reason, _team(record, reason)))
        build.facts.invoices.add(opened.reference)
    if lines:
        build.add("dispute", disputes=lines)


def _team(record: Dispute | None, reason: str) -> str:
    """Who reviews the dispute: its own team, else the one for its reason (an open dispute
    the buyer contests again for another reason stays with whoever has it)."""
    if record is not None and record.assigned_team in TEAMS:
        return record.assigned_team
    if record is not None and record.reason in TEAM_BY_REASON:
        return TEAM_BY_REASON[record.reason]
    return TEAM_BY_REASON[reason]


def _promise_section(build: _Build, act: ActResult) -> None:
    if act.promise is None:
        return
    invoices = _invoices(build.context, act.promise_invoices, "promise_to_pay")
    currency = _single_currency(invoices) or _single_currency(build.context.open_invoices)
    amount = act.promise.amount
    if amount is None and invoices and _single_currency(invoices):
        amount = sum((inv.open_amount for inv in invoices), Decimal(0))
    if currency is None:  # amounts in several currencies: say "the open amount"
        amount, currency = None, "EUR"
    if amount is not None:
        build.facts.amounts.add(amount)
    if act.promise.date is not None:
        build.facts.dates.add(act.promise.date)
    view = PromiseView(act.promise.date, amount, currency, [inv.number for inv in invoices])
    build.add("promise_to_pay", promise=view)


def _claim_section(build: _Build, act: ActResult) -> None:
    claim = act.payment_claim
    if claim is None:
        return
    currency = _single_currency(build.context.open_invoices) or _single_currency(
        build.context.invoices
    )
    amount = claim.amount if currency else None
    if amount is not None:
        build.facts.amounts.add(amount)
    if claim.date is not None:
        build.facts.dates.add(claim.date)
    if claim.reference:
        # The buyer's own payment reference ("Zahlungsavis ZA-2026-11-0042"), recorded with
        # the claim: a reply may repeat it, in its subject above all.
        build.facts.invoices.add(claim.reference)
    build.add(
        "payment_confirmation",
        claim=ClaimView(claim.date, amount, currency or "EUR", act.payment_claim_paused),
    )


def _copies_section(build: _Build, act: ActResult) -> list[str]:
    invoices = _invoices(build.context, act.invoice_copies, "invoice_copy_request")
    if not invoices:
        return []
    views = [
        CopyView(
            inv.number,
            inv.kind if inv.kind == "credit_note" else "invoice",
            inv.issue_date,
            inv.due_date,
            inv.amount,
            inv.open_amount,
            inv.currency,
        )
        for inv in invoices
    ]
    build.add("invoice_copy_request", copies=views)
    return [inv.number for inv in invoices]


def _statement_section(build: _Build, as_of: date) -> None:
    items = open_items(build.context.invoices)
    totals = [TotalView(row.currency, row.total, row.overdue) for row in ageing(items, as_of)]
    for total in totals:
        build.facts.amounts.update({total.open, total.overdue})
    build.facts.dates.add(as_of)
    build.add("statement_request", statement=StatementView(as_of, len(items), totals))


def _contact_section(build: _Build, triage: Triage) -> None:
    proposed = triage.contact_update.new_email if triage.contact_update else None
    new_email = proposed.strip().lower() if proposed and _EMAIL.match(proposed.strip()) else None
    build.add("contact_update", contact_change=ContactChangeView(new_email))
