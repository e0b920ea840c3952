"""The facts a triage carries beyond its intents: invoices, promise, claim, contact, safety."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from agent.context import AccountContext
from agent.extract.amounts import AmountMention, find_amounts
from agent.extract.contacts import alternative_contact, split_contact_change
from agent.extract.dates import DateMention, clause_span, find_dates, says_ahead
from agent.extract.described import invoice_of_month, latest_invoice, quoted_set
from agent.extract.docnumbers import invoice_like_numbers, shape
from agent.extract.payments import payment_reference
from agent.extract.remittance import paid_per_invoice, remittance_amount, remittance_date
from agent.extract.safety import (
    hidden_html_text,
    injection_sentences,
    looks_like_instruction,
    other_customer_request,
)
from agent.extract.shorthand import shorthand_invoices
from agent.extract.text import Sentence, fold, sentence_at, sentences
from agent.references import Reference, candidate_tokens
from agent.schema import (
    AccountMatch,
    AutoReplyFacts,
    ContactUpdateFacts,
    ParsedMessage,
    PaymentClaimFacts,
    PromiseFacts,
)
from records.ledger import Invoice

# Words that put a date or amount in a promise ("we will pay ... on/by").
_PAY_WORD = re.compile(
    r"pay|paid|payment|transfer|settle|remit|zahl|uberweis|begleich|payer|paiement|regl|vire|"
    r"pag|abon|transfer|betal|overmak|voldo|salda|bonific|versa"
)
_DISPUTE_WORD = re.compile(
    r"instead of|statt|anstatt|au lieu de|en lugar de|en vez de|in plaats van|invece di|"
    r"charged|berechnet|factur|fattur|gefactureerd|agreed|vereinbart|convenu|acordad|afgesproken|"
    r"concordat|price|preis|prix|precio|prijs|prezzo|credit|gutschrift|avoir|abono|nota di credito"
)

# Money said to be paid ("we transferred 500 EUR"): a payment verb in the past, not
# "approved" or "sent us an invoice" (a date's "done" role takes those, for dates).
_PAID = re.compile(
    r"\b(?:paid|wired|transferred|remitted|settled|made (?:a |the )?(?:partial |part )?payment"
    r"|sent (?:a |the )?(?:payment|transfer|wire)|bezahlt|gezahlt|uberwiesen|beglichen"
    r"|payee?s?|reglee?s?|viree?s?|pagad[oa]s?|transferid[oa]s?|abonad[oa]s?|betaald"
    r"|overgemaakt|voldaan|pagat[oaie]|saldat[oaie]|bonificat[oaie]|versat[oaie])\b"
)
# "the rest follows end of December": the promise covers what the payment left open.
_REST = re.compile(
    r"\b(?:rest|remaining|remainder|balance|restbetrag|restlich\w*|reste|restant\w*|solde"
    r"|resto|restante\w*|saldo|resterende|rimanente)\b"
)

_PARTIAL = re.compile(
    r"partial|part of|reduce the balance|first instal|remaining|rest (?:will|follows)|"
    r"teilzahlung|teilbetrag|anzahlung|restbetrag|rest folgt|acompte|partiel|solde restant|"
    r"pago parcial|parte del|resto|deelbetaling|gedeelte|restant|acconto|parziale|rimanente"
)


@dataclass
class Facts:
    """What the extractors found in one message, before the intents decide what is kept."""

    invoices: list[str]
    invoice_sources: dict[str, str]
    unknown_references: list[str]
    dates_future: list[DateMention]
    dates_past: list[DateMention]
    amounts: list[AmountMention]
    sentences: list[Sentence]
    injection: list[str]
    other_customer: str | None
    # The amounts said to be paid ("we transferred 500 EUR today"), found once in gather.
    paid: list[AmountMention] = field(default_factory=list)
    # The account's invoices that the attached documents list (a remittance advice).
    in_documents: list[str] = field(default_factory=list)


def gather(
    parsed: ParsedMessage,
    match: AccountMatch,
    refs: list[Reference],
    context: AccountContext,
    today: date,
) -> Facts:
    """Run every extractor over the buyer's new text (the subject for references too)."""
    text = parsed.new_text
    invoices, sources = _invoices(parsed, match, refs, context)
    dates_future = find_dates(text, today, "future")
    dates_past = find_dates(text, today, "past")
    # "on the 20.11." reads as an amount too: a date's characters are never money.
    amounts = [
        a
        for a in find_amounts(text)
        if not any(d.start < a.end and a.start < d.end for d in [*dates_future, *dates_past])
    ]
    # An amount that is exactly one open invoice's names that invoice, next to named ones.
    by_amount = _invoice_by_amount(amounts, context)
    if by_amount and by_amount not in invoices:
        invoices, sources = [*invoices, by_amount], {**sources, by_amount: "amount"}
    if not invoices:
        described = _described(parsed, context, today)
        invoices, sources = described, dict.fromkeys(described, "description")
    # Another account's invoice named in the new text is the message's too: listed, so
    # the policy stops the case for a person (it is never acted on).
    for number in _foreign(parsed, match, refs):
        if number not in invoices:
            invoices, sources = [*invoices, number], {**sources, number: "foreign"}
    hidden = hidden_html_text(parsed.html)
    injection = injection_sentences(text) + injection_sentences(parsed.subject)
    if hidden and looks_like_instruction(hidden):
        injection.append(f"[hidden HTML] {hidden[:200]}")
    own = [context.account.name] if context.account else []
    facts = Facts(
        invoices=invoices,
        invoice_sources=sources,
        unknown_references=_unknown(parsed, match, refs, context),
        dates_future=dates_future,
        dates_past=dates_past,
        amounts=amounts,
        sentences=sentences(text),
        injection=injection,
        other_customer=other_customer_request(f"{parsed.subject}\n{text}", own)
        or other_customer_request(hidden, own),
    )
    facts.paid = _paid_amounts(facts, today)
    facts.in_documents = _in_attachment_text(parsed, context)
    if not facts.invoices and not facts.unknown_references:
        # "We paid 2,080.50 today": exactly the open balance of all open invoices.
        whole = _balance_paid(facts, context)
        facts.invoices = whole
        facts.invoice_sources = dict.fromkeys(whole, "amount")
    return facts


def _invoices(
    parsed: ParsedMessage, match: AccountMatch, refs: list[Reference], context: AccountContext
) -> tuple[list[str], dict[str, str]]:
    """Ledger invoices of the matched account that the buyer names.

    Named in the new text wins; the subject counts only when the new text names none
    (a reply to a reminder about INV-1 that says "we will pay on Friday").
    """
    own = [
        r
        for r in refs
        if r.invoice and r.kind in ("invoice", "po") and r.account_id == match.account_id
    ]
    body = parsed.new_text.upper()
    in_body = [r for r in own if r.text.upper() in body]
    chosen = in_body or [r for r in own if r.text.upper() in parsed.subject.upper()]
    result: list[str] = []
    sources: dict[str, str] = {}
    for r in chosen:
        assert r.invoice is not None
        if r.invoice not in result and context.invoice(r.invoice) is not None:
            result.append(r.invoice)
            sources[r.invoice] = r.kind if r in in_body else "subject"
    # "0370", "inv 441": the running number alone, where one of the account's invoices
    # ends that way. From the subject only when nothing else names an invoice.
    numbers = [inv.number for inv in context.invoices]
    short = shorthand_invoices(parsed.new_text, numbers)
    where = "shorthand"
    if not short and not result:
        short, where = shorthand_invoices(parsed.subject, numbers), "subject"
    for number in short.values():
        if number not in result:
            result.append(number)
            sources[number] = where
    if not result:
        # "The attached invoice has the wrong price", with INV-2026-0047.pdf attached.
        for number in _in_attachment_names(parsed, numbers):
            result.append(number)
            sources[number] = "attachment"
    return result, sources


def _in_attachment_names(parsed: ParsedMessage, numbers: list[str]) -> list[str]:
    """The account's invoice numbers that attached files are named by ("INV-2026-0047.pdf")."""
    stems = " ".join(a.filename.rsplit(".", 1)[0].replace("_", " ") for a in parsed.attachments)
    tokens = candidate_tokens(stems) if stems else set()
    return [n for n in numbers if n.upper() in tokens]


def _in_attachment_text(parsed: ParsedMessage, context: AccountContext) -> list[str]:
    """The account's invoices, by number or PO, that the attached documents' text lists."""
    text = parsed.attachment_text
    if not text or context.account is None:
        return []
    tokens = candidate_tokens(text)
    listed = [
        inv
        for inv in context.invoices
        if inv.number.upper() in tokens or (inv.po_number or "").upper() in tokens
    ]
    upper = text.upper()

    def position(inv: Invoice) -> int:
        places = [upper.find(n.upper()) for n in (inv.number, inv.po_number) if n]
        return min((p for p in places if p >= 0), default=len(upper))

    return [inv.number for inv in sorted(listed, key=position)]  # in the document's order


def _described(parsed: ParsedMessage, context: AccountContext, today: date) -> list[str]:
    """Invoices the buyer points at without a number: the latest, a month's, "both of these"."""
    text = f"{parsed.subject}\n{parsed.new_text}"
    issued = [(inv.number, inv.issue_date) for inv in context.invoices]
    one = latest_invoice(text, issued) or invoice_of_month(text, issued, today)
    if one is not None:
        return [one]
    quote = parsed.quoted_text.upper()
    named = sorted(
        (quote.find(inv.number.upper()), inv.number)
        for inv in context.invoices
        if inv.number.upper() in quote
    )
    return quoted_set(parsed.new_text, [number for _, number in named])


def _foreign(parsed: ParsedMessage, match: AccountMatch, refs: list[Reference]) -> list[str]:
    """Ledger invoices of other accounts that the buyer's new text names (number or PO)."""
    if match.account_id is None:
        return []
    body = parsed.new_text.upper()
    return list(
        dict.fromkeys(
            r.invoice
            for r in refs
            if r.invoice
            and r.kind in ("invoice", "po")
            and r.account_id != match.account_id
            and r.text.upper() in body
        )
    )


def _balance_paid(facts: Facts, context: AccountContext) -> list[str]:
    """All open invoices, when the buyer says it paid exactly their total (two or more)."""
    open_ = [inv for inv in context.open_invoices if inv.kind == "invoice"]
    if len(open_) < 2 or len({inv.currency for inv in open_}) != 1:
        return []
    total = sum((inv.open_amount for inv in open_), Decimal(0))
    if any(a.value == total for a in facts.paid):
        return [inv.number for inv in open_]
    return []


def _invoice_by_amount(amounts: list[AmountMention], context: AccountContext) -> str | None:
    """The one open invoice whose open (or full) amount the buyer writes, if exactly one."""
    for mention in amounts:
        hits = {
            inv.number
            for inv in context.open_invoices
            if mention.value in (inv.open_amount, inv.amount)
        }
        if len(hits) == 1:
            return hits.pop()
    return None


def _unknown(
    parsed: ParsedMessage, match: AccountMatch, refs: list[Reference], context: AccountContext
) -> list[str]:
    """Invoice-like numbers the buyer names that are not on the matched account."""
    known = {inv.number.upper() for inv in context.invoices}
    known |= {(inv.po_number or "").upper() for inv in context.invoices}
    if context.account and context.account.customer_number:
        known.add(context.account.customer_number.upper())
    known |= {r.text.upper() for r in refs if r.account_id == match.account_id}
    shapes = {shape(inv.number) for inv in context.invoices}
    shapes |= {shape(r.invoice) for r in refs if r.invoice}
    text = f"{parsed.subject}\n{parsed.new_text}"
    known |= {t.upper() for t in shorthand_invoices(text, [i.number for i in context.invoices])}
    found = invoice_like_numbers(text, shapes)
    other_accounts = {
        r.text.upper() for r in refs if r.account_id != match.account_id and r.kind != "customer"
    }
    result = [n for n in found if n not in known]
    result += [n for n in sorted(other_accounts) if n not in known and n not in result]
    return result


def promise(
    facts: Facts, context: AccountContext, invoices: list[str], today: date
) -> PromiseFacts:
    """The promised date (the one in a sentence about paying) and amount (None: in full)."""
    chosen = promise_date(facts.dates_future, facts.sentences, today)
    amount = _promise_amount(facts, chosen, context, invoices)
    return PromiseFacts(date=chosen.value if chosen else None, amount=amount)


def promise_date(
    dates: list[DateMention], sents: list[Sentence], today: date
) -> DateMention | None:
    """The date a buyer promises: not before today, preferably in a sentence about paying.

    A date of something else ("the invoice of 2 October", "due on 30 November") or one the
    buyer says is behind them ("we paid INV-1 on Monday") counts only when no other date
    is left: "INV-1 went out on Friday, INV-2 follows on 4 December" promises the 4th.
    """
    usable = [d for d in dates if d.value >= today]
    own = [d for d in usable if d.role == "plain"]
    return (
        _in_pay_sentence_ahead(own, sents, today)
        or _in_pay_sentence_ahead(usable, sents, today)
        or _first_ahead(own, today)
        or _first_ahead(usable, today)
    )


def _in_pay_sentence_ahead(
    dates: list[DateMention], sents: list[Sentence], today: date
) -> DateMention | None:
    # "approved today, goes out on Friday": a date ahead beats today.
    ahead = [d for d in dates if d.value > today]
    return _day_in_pay_sentence(ahead, sents) or _day_in_pay_sentence(dates, sents)


def _day_in_pay_sentence(dates: list[DateMention], sents: list[Sentence]) -> DateMention | None:
    """The date of the first sentence about paying; a day beats a period in that sentence.

    "Cash is tight this week, but we will pay on the 26th": the 26th.
    """
    first = _in_pay_sentence(dates, sents)
    if first is None or first.kind != "period":
        return first
    sent = sentence_at(sents, first.start)
    assert sent is not None
    same = [d for d in dates if sent.start <= d.start < sent.end and d.kind != "period"]
    return same[0] if same else first


def _first_ahead(dates: list[DateMention], today: date) -> DateMention | None:
    ahead = [d for d in dates if d.value > today]
    return (ahead or dates)[0] if (ahead or dates) else None


def _in_pay_sentence(dates: list[DateMention], sents: list[Sentence]) -> DateMention | None:
    for d in dates:
        sent = sentence_at(sents, d.start)
        if sent and _PAY_WORD.search(fold(sent.text)):
            return d
    return None


def _paid_amounts(facts: Facts, today: date) -> list[AmountMention]:
    """The amounts the buyer says were paid: "we transferred 500 EUR today", "paid 200 on Monday".

    The amount's clause holds a payment verb in the past, no future cue and no day ahead.
    """
    out = []
    for a in facts.amounts:
        sent = sentence_at(facts.sentences, a.start)
        if sent is None:
            continue
        folded = fold(sent.text)
        lo, hi = clause_span(folded, a.start - sent.start, a.end - sent.start)
        ahead = any(d.value > today and lo <= d.start - sent.start < hi for d in facts.dates_future)
        clause = folded[lo:hi]
        if _PAID.search(clause) and not says_ahead(clause) and not ahead:
            out.append(a)
    return out


def _promise_amount(
    facts: Facts, when: DateMention | None, context: AccountContext, invoices: list[str]
) -> Decimal | None:
    candidates = []
    for a in facts.amounts:
        if a in facts.paid:
            continue  # "we transferred 500 EUR today": paid already, not promised
        sent = sentence_at(facts.sentences, a.start)
        folded = fold(sent.text) if sent else ""
        if _DISPUTE_WORD.search(folded) and not (
            when and sent and sent.start <= when.start < sent.end
        ):
            continue  # an amount argued about, not the one promised
        in_date_sentence = when is not None and sent and sent.start <= when.start < sent.end
        if sent and (_PAY_WORD.search(folded) or in_date_sentence):
            candidates.append(a)
    open_total = sum(
        (inv.open_amount for inv in context.invoices if inv.number in invoices), Decimal(0)
    )
    if not candidates:
        return _rest_after(facts, when, open_total)
    value = candidates[0].value
    # Paying exactly what is open is paying in full ("the remaining 8,409.00" too): null
    # means "the open amount".
    if invoices and value == open_total:
        return None
    sent = sentence_at(facts.sentences, candidates[0].start)
    if sent and _PARTIAL.search(fold(sent.text)):
        return value  # said to be a part, whatever it happens to equal
    # The full open amount of a named invoice (or, none named, of any): paid in full.
    named = [
        inv for inv in context.open_invoices if inv.number in invoices
    ] or context.open_invoices
    if any(value == inv.open_amount for inv in named):
        return None
    return value


def _rest_after(facts: Facts, when: DateMention | None, open_total: Decimal) -> Decimal | None:
    """ "500 today, the rest by end of December": the open amount less what was paid.

    None (the whole open amount) when nothing was paid or the promise does not say "rest".
    """
    sent = sentence_at(facts.sentences, when.start) if when is not None else None
    if not facts.paid or sent is None or not _REST.search(fold(sent.text)):
        return None
    rest = open_total - sum((a.value for a in facts.paid), Decimal(0))
    return rest if 0 < rest < open_total else None


def payment_claim(
    facts: Facts, text: str, invoices: list[str], today: date, attached: str = ""
) -> PaymentClaimFacts:
    """When (a date not after today), how much and under which reference the buyer paid.

    What the buyer's text does not say, an attached remittance advice (`attached`, its
    text) may: its payment date, its total or lines, its reference.
    """
    past = [d for d in facts.dates_past if d.value <= today]
    when = _in_pay_sentence(past, facts.sentences) or (past[0] if past else None)
    # "We will pay 750 on the 31st; 500 went out today": the amount said to be paid.
    said_paid = facts.paid or facts.amounts
    amount = said_paid[0].value if said_paid else None
    reference = payment_reference(text, set(invoices))
    lines: dict[str, Decimal] = {}
    if attached:
        lines = paid_per_invoice(attached, invoices)
        if amount is None and invoices:
            amount = remittance_amount(attached, invoices, lines)
        if reference is None:
            reference = payment_reference(attached, set(invoices))
    return PaymentClaimFacts(
        date=when.value if when else (remittance_date(attached, today) if attached else None),
        amount=amount,
        reference=reference,
        lines=lines,
    )


def contact_update(parsed: ParsedMessage, ignore: set[str]) -> ContactUpdateFacts:
    new, old = split_contact_change(parsed.new_text, parsed.from_addr, ignore)
    return ContactUpdateFacts(new_email=new, old_email=old)


def auto_reply(
    facts: Facts, parsed: ParsedMessage, ignore: set[str], today: date
) -> AutoReplyFacts:
    """The return date (the first date after today) and a stand-in address, when given."""
    ahead = [d for d in facts.dates_future if d.value > today]
    return AutoReplyFacts(
        return_date=ahead[0].value if ahead else None,
        alternative_contact=alternative_contact(parsed.new_text, parsed.from_addr, ignore),
    )
