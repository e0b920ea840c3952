"""The local actor: turns a Triage into tool calls under the default policy (docs/policy.md).

Every effect goes through `tools.registry.call_tool`, so the same policy checks, audit
rows and idempotency apply as for an LLM calling the tools itself. This module decides
what to call for each intent, whether a collector must decide more than approving a
draft (`needs_human`, with reasons a person can read), and whether a reply is drafted.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from sqlmodel import Session

from agent.context import AccountContext
from agent.draft.headers import reply_recipient
from agent.extract.remittance import remittance_lines, short_paid
from agent.schema import (
    AccountMatch,
    ActionTaken,
    ActResult,
    DisputeOpened,
    ParsedMessage,
    PaymentClaimFacts,
    PromiseFacts,
    Triage,
)
from arinbox.settings import Settings
from records.addresses import takes_no_replies
from records.inbox import Message
from records.ledger import Invoice
from tools.context import ToolContext
from tools.policy import is_sender_refusal, promise_date_refusal
from tools.registry import ToolOutcome, call_tool

_BUYER_WORDS_LIMIT = 1000  # characters of the buyer's words kept on a dispute or promise


def act_on_triage(
    session: Session,
    *,
    message: Message,
    parsed: ParsedMessage,
    match: AccountMatch,
    triage: Triage,
    context: AccountContext,
    settings: Settings,
    prior: Sequence[ToolOutcome] = (),
) -> ActResult:
    """Call the tools the triage warrants and say whether a human and a reply are needed.

    `prior` holds the calls a model already made for this message (the LLM backend acts as
    it triages): they count as done, and only what the triage still warrants is called.
    """
    if _from_our_mailbox(parsed, settings):
        # Our own mail coming back (a copy, a loop): nothing to do, and never an answer.
        return ActResult()
    ctx = ToolContext(
        session=session,
        message=message,
        account_id=match.account_id,
        # A failed SPF/DKIM/DMARC check means the From address may be forged.
        verified=match.verified and not parsed.auth_failed,
        received_at=message.received_at,
        settings=settings,
        model=triage.model,
        prompt_version=triage.prompt_version,
        invoice_numbers=frozenset(inv.number for inv in context.invoices),
    )
    actor = _Actor(ctx=ctx, parsed=parsed, triage=triage, context=context)
    for outcome in prior:
        actor.record(outcome)
    return actor.run()


def _from_our_mailbox(parsed: ParsedMessage, settings: Settings) -> bool:
    return bool(parsed.from_addr) and parsed.from_addr.lower() == settings.ar_mailbox.lower()


@dataclass
class _Actor:
    """One message's acting: accumulates the ActResult while the handlers call tools."""

    ctx: ToolContext
    parsed: ParsedMessage
    triage: Triage
    context: AccountContext
    out: ActResult = field(default_factory=ActResult)
    reply_worthy: bool = False
    done: set[str] = field(default_factory=set)  # tools that ran, or that policy refused

    # -- the flow ---------------------------------------------------------------------

    def run(self) -> ActResult:
        intents = sorted(dict.fromkeys(self.triage.intents), key=list(_HANDLERS).index)
        automatic = self.parsed.machine_sent or "auto_reply" in intents
        if automatic:
            if "add_note" not in self.done:
                self._note_automatic()
            # What an automatic message says besides "I am away" is still recorded, but it
            # never gets an answer and never needs a human on its own.
            intents = [i for i in intents if i not in ("auto_reply", "other")]
            if not intents or self.parsed.bounce:
                if not self.parsed.bounce:
                    # "I am away" with an instruction in it is an attempt all the same.
                    self._check_abuse()
                return self._finish(reply_allowed=False)
        self._check_limits()
        if not intents:
            self._human("The assistant found no intent in the message: a collector reads it.")
        trusted = self._trusted()
        # Plan first: a case that needs a collector's decision gets no ledger records and
        # no holds at all, so the collector decides the whole message on untouched records.
        planned = self._plan(intents) if trusted else {}
        hold_back = bool(self.out.needs_human_reasons)
        if hold_back and planned:
            self._human("Nothing was recorded and dunning is unchanged: a collector decides.")
        for intent in intents:
            if intent in planned:
                if not hold_back:
                    self._call(_RECORDING[intent], planned[intent])
            elif trusted or intent in ("other", "payment_plan_request"):
                _HANDLERS[intent](self)
        return self._finish(
            reply_allowed=trusted and not automatic and not self.parsed.mailing_list
        )

    def _trusted(self) -> bool:
        """Whether account tools may run at all: a verified sender and no sign of abuse."""
        return (
            self.ctx.account_id is not None
            and self.ctx.verified
            and not self.triage.injection_suspected
            and not self.triage.other_customer_data_requested
        )

    def _finish(self, *, reply_allowed: bool) -> ActResult:
        self.out.reply = reply_allowed and self.reply_worthy
        if self.out.reply:
            self._check_recipient()
        self.out.needs_human = bool(self.out.needs_human_reasons)
        return self.out

    def _check_recipient(self) -> None:
        """No reply to an address that reads no mail (an AP system's noreply@).

        Such a draft could never be sent (the SMTP sender refuses it), so none is made. A
        remittance advice needs no answer; anything the buyer asked for (copies, a
        statement, a dispute's reference, a promise confirmed) is a collector's to answer
        through a contact of the account.
        """
        recipient = reply_recipient(self.parsed, self.context)
        if not takes_no_replies(recipient):
            return
        self.out.reply = False
        self._call("add_note", {"text": f"No reply drafted: {recipient} takes no replies."})
        out = self.out
        asked = [out.disputes, out.promise, out.invoice_copies, out.statement]
        if any(asked) or out.contact_change_proposed:
            self._human(
                f"The reply would go to {recipient}, which takes no replies: a collector"
                " answers through a contact of the account."
            )

    def _check_limits(self) -> None:
        """The limits of DOMAIN.md that send a case to a human whatever its intents."""
        account = self.ctx.account_id
        if self.parsed.auth_failed:
            self._human(
                "Sender authentication (SPF/DKIM/DMARC) failed: treated as unverified,"
                " nothing was recorded."
            )
        if account is None:
            self._human("The sender matches no account: a collector identifies the customer.")
        elif not self.ctx.verified and not self.parsed.auth_failed:
            self._human(
                f"The sender {self.parsed.from_addr or '(no address)'} is not verified for"
                f" account {account}: nothing was recorded and no account data is shared."
            )
        foreign = self._foreign_invoices()
        if account is not None and foreign:
            self._human(f"The buyer names invoices not on account {account}: {', '.join(foreign)}.")
        self._check_abuse()
        self._check_remittance()
        if "other" in self.triage.intents:
            self._human("The message is outside what the assistant handles (intent: other).")
        if "payment_plan_request" in self.triage.intents:
            self._human("Payment plan requested: a collector decides on instalments or more time.")

    def _check_remittance(self) -> None:
        """A remittance advice that pays an invoice short: a deduction for a collector."""
        text = self.parsed.attachment_text
        if not text or "payment_confirmation" not in self.triage.intents:
            return
        for number, amounts in remittance_lines(text, self.triage.invoices).items():
            invoice = self.context.invoice(number)
            if invoice is None:
                continue
            short = short_paid(amounts, invoice.open_amount)
            if short is not None:
                self._human(
                    f"The remittance advice pays {amounts[-1]} of {number} (open"
                    f" {invoice.open_amount} {invoice.currency}): {short} short. A collector"
                    " decides on the deduction."
                )

    def _check_abuse(self) -> None:
        if self.triage.injection_suspected:
            self._human(
                "The message seems to give the assistant instructions (prompt injection):"
                " nothing was recorded and no account data is shared."
            )
        if self.triage.other_customer_data_requested:
            self._human(
                "The message asks for other customers' data: nothing was recorded and no"
                " account data is shared."
            )

    # -- the ledger records (disputes, promises, payment claims): planned, then made --------

    def _plan(self, intents: Sequence[str]) -> dict[str, dict[str, Any]]:
        """The arguments of each recording tool the intents call for, unless already done."""
        planned: dict[str, dict[str, Any]] = {}
        for intent in intents:
            tool = _RECORDING.get(intent)
            if tool is None or tool in self.done:
                continue
            args = _PLANNERS[intent](self, planned)
            if args is not None:
                planned[intent] = args
        return planned

    def _plan_dispute(self, planned: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        invoices = self._scoped("dispute") or self._only_open_invoice()
        if not invoices:
            self._human("Dispute without an identifiable invoice: a collector picks the invoice.")
            return None
        return {
            "invoices": invoices,
            "reason": self.triage.dispute_reason or "other",
            "buyer_words": self._words("dispute", "dispute_reason"),
        }

    def _plan_promise(self, planned: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        facts = self.triage.promise
        if facts is None or facts.date is None:
            self._dateless_promise()
            return None
        refusal = promise_date_refusal(self.ctx, facts.date)
        if refusal is not None:
            self._human(f"{refusal[0].upper()}{refusal[1:]}.")
            return None
        disputed = {d.invoice for d in self.out.disputes}
        disputed.update(planned.get("dispute", {}).get("invoices", []))
        invoices = self._promised(disputed) or self._fallback(overdue_first=True)
        if not invoices:
            self._human("Promise to pay, but the account has no open invoice it could cover.")
            return None
        return {
            "invoices": invoices,
            "date": facts.date.isoformat(),
            "amount": None if facts.amount is None else str(facts.amount),
            "buyer_words": self._words("promise_to_pay", "promise", "promise.date"),
        }

    def _dateless_promise(self) -> None:
        """Paying "soon" commits to nothing: alone it needs a collector; beside other
        requests the assistant handles, it is noted and the rest goes ahead."""
        others = set(self.triage.intents) - {"promise_to_pay", "auto_reply", "other"}
        if not others:
            self._human("Promise to pay without a clear date: a collector confirms it.")
            return
        if "add_note" not in self.done:
            self._call(
                "add_note",
                {"text": "The buyer mentions paying but gives no date: no promise recorded."},
            )

    def _plan_claim(self, planned: dict[str, dict[str, Any]]) -> dict[str, Any] | None:
        invoices = self._scoped("payment_confirmation")
        if not invoices and self._names_anything():
            return None  # only invoices of other accounts: the limit above sends it to a human
        facts = self.triage.payment_claim or PaymentClaimFacts()
        args: dict[str, Any] = {
            "date": facts.date.isoformat() if facts.date else None,
            "amount": None if facts.amount is None else str(facts.amount),
            "reference": facts.reference,
            "invoices": invoices,
        }
        lines = {n: str(a) for n, a in facts.lines.items() if n in invoices}
        if lines:  # only then: a claim without an advice keeps its arguments (and key)
            args["lines"] = lines
        return args

    # -- the other intents: each calls its tool unless a model already did ---------------

    def invoice_copy_request(self) -> None:
        if "get_invoice_copy" in self.done:
            return
        # "We paid INV-1 on Friday. Please send a copy of INV-2": the copy of INV-2 only.
        invoices = self._scoped("invoice_copy_request") or self._fallback(overdue_first=False)
        if not invoices:
            self._human("Invoice copy requested, but no invoice is named or open.")
            return
        self._call("get_invoice_copy", {"invoices": invoices})

    def payment_plan_request(self) -> None:
        if self._trusted() and "create_task:payment_plan" not in self.done:
            self._call(
                "create_task",
                {
                    "kind": "payment_plan",
                    "title": f"Payment plan requested ({self.ctx.account_id})",
                    "details": {"invoices": self._named(), "buyer_words": self._words()},
                },
            )

    def statement_request(self) -> None:
        if "get_statement" not in self.done:
            self._call("get_statement", {})

    def contact_update(self) -> None:
        if "propose_contact_change" in self.done:
            return
        facts = self.triage.contact_update
        if facts is None or not (facts.new_email or facts.new_name):
            self._human("Contact change requested, but the new contact is unclear.")
            return
        self._call(
            "propose_contact_change",
            {
                "new_email": facts.new_email,
                "new_name": facts.new_name,
                "old_email": facts.old_email,
            },
        )

    def _nothing(self) -> None:
        """Intents whose work is done elsewhere (limits, planning, the automatic note)."""

    # -- recording outcomes -----------------------------------------------------------

    def record(self, outcome: ToolOutcome) -> None:
        """Fold one tool outcome (ours or a model's) into the ActResult."""
        self.out.actions.append(
            ActionTaken(
                tool=outcome.tool,
                allowed=outcome.allowed,
                summary=outcome.summary,
                refusal_reason=outcome.refusal_reason,
                result=outcome.result,
            )
        )
        if outcome.allowed or outcome.needs_human:
            # A repairable refusal (bad arguments) does not count: the intent is retried.
            self.done.add(outcome.tool)
            if outcome.tool == "create_task":
                self.done.add(f"create_task:{outcome.result.get('kind', '')}")
        if not outcome.allowed:
            if outcome.needs_human and not is_sender_refusal(outcome.refusal_reason):
                self._human(f"Not done, {outcome.summary}.")
            return
        if outcome.needs_human:
            self._human(outcome.summary)
        _FOLD.get(outcome.tool, _fold_nothing)(self, outcome.result)
        self._extend(
            self.out.paused_invoices, [h["invoice"] for h in outcome.result.get("holds", [])]
        )

    def _call(self, tool: str, args: dict[str, Any]) -> ToolOutcome:
        outcome = call_tool(self.ctx, tool, args)
        self.record(outcome)
        if not outcome.allowed and not outcome.needs_human:
            # Our own call was malformed (e.g. an e-mail address that is not one).
            self._human(f"Not done, {outcome.summary}.")
        return outcome

    # -- helpers ----------------------------------------------------------------------

    def _note_automatic(self) -> None:
        facts = self.triage.auto_reply
        parsed = self.parsed
        if parsed.bounce:
            kind = "Delivery failure (bounce)"
        elif parsed.auto_generated and not parsed.auto_reply:
            kind = "Message sent by a program"
        else:
            kind = "Automatic reply"
        parts = [f"{kind} from {parsed.from_addr or 'an unknown sender'}"]
        if parsed.auto_reply_reason:
            parts.append(f"({parsed.auto_reply_reason})")
        elif parsed.auto_generated:
            parts.append("(Auto-Submitted: auto-generated)")
        text = " ".join(parts)
        if facts is not None and facts.return_date is not None:
            text += f"; back on {facts.return_date.isoformat()}"
        if facts is not None and facts.alternative_contact:
            text += f"; alternative contact: {facts.alternative_contact}"
        if parsed.bounced_recipients:
            text += f"; failed: {', '.join(parsed.bounced_recipients)}"
        self._call("add_note", {"text": text + "."})
        if self.parsed.bounce:
            self._bounce_task()

    def _bounce_task(self) -> None:
        """Our mail did not reach a customer's address: the contact on file may be wrong.

        Only for a bounce about one of our customers (a contact's address, the account's
        domain, or a reply we sent): backscatter from spam that forged our address, or a
        stranger's mail, leaves a note and no work.
        """
        if self.ctx.account_id is None:
            return
        known = {c.email.lower() for c in self.context.contacts}
        failed = self.parsed.bounced_recipients
        contacts = [a for a in failed if a in known]
        to = (contacts or failed or ["a contact"])[0]
        self._call(
            "create_task",
            {
                "kind": "follow_up",
                "title": f"Our e-mail to {to} bounced: check the contact",
                "details": {
                    "subject": self.parsed.subject[:200],
                    "failed": failed,
                    "returned_message_id": self.parsed.bounced_message_id,
                },
            },
        )

    def _human(self, reason: str) -> None:
        if reason not in self.out.needs_human_reasons:
            self.out.needs_human_reasons.append(reason)

    @staticmethod
    def _extend(target: list[str], items: list[str]) -> None:
        target.extend(i for i in items if i not in target)

    def _on_account(self, number: str) -> str | None:
        by_upper = {n.upper(): n for n in self.ctx.invoice_numbers}
        return by_upper.get(number.upper())

    def _scoped(self, intent: str) -> list[str]:
        """The named invoices this intent is about: with several intents, those its evidence
        sentences mention (by invoice or PO number); all named ones when they mention none."""
        named = self._named()
        if len(named) < 2 or len(set(self.triage.intents) - {"other", "auto_reply"}) < 2:
            return named
        sentences = [e.sentence.upper() for e in self.triage.evidence if e.field == intent]
        mentioned = [n for n in named if any(self._mentions(s, n) for s in sentences)]
        return mentioned or named

    def _promised(self, disputed: set[str]) -> list[str]:
        """A promise's invoices; one disputed in the same e-mail is not promised unless said."""
        scoped = self._scoped("promise_to_pay")
        if scoped != self._named():
            return scoped  # the buyer's promise sentence names them
        rest = [n for n in scoped if n not in disputed]
        return rest or scoped

    def _mentions(self, sentence: str, number: str) -> bool:
        inv = self.context.invoice(number)
        po = inv.po_number.upper() if inv is not None and inv.po_number else None
        return number.upper() in sentence or (po is not None and po in sentence)

    def _named(self) -> list[str]:
        """The invoices the buyer names that are on the account, in ledger spelling."""
        known = [self._on_account(n) for n in self.triage.invoices]
        return list(dict.fromkeys(n for n in known if n is not None))

    def _foreign_invoices(self) -> list[str]:
        foreign = [n for n in self.triage.invoices if self._on_account(n) is None]
        return list(dict.fromkeys([*foreign, *self.triage.unknown_references]))

    def _names_anything(self) -> bool:
        return bool(self.triage.invoices or self.triage.unknown_references)

    def _open_invoices(self) -> list[Invoice]:
        return [inv for inv in self.context.open_invoices if inv.kind == "invoice"]

    def _fallback(self, *, overdue_first: bool) -> list[str]:
        """No invoice named: the overdue open ones (promises), else all open ones."""
        if self._names_anything():
            return []  # named, but not on this account: a human sorts it out
        open_ = self._open_invoices()
        if overdue_first:
            overdue = [inv for inv in open_ if inv.due_date < self.ctx.received_date]
            open_ = overdue or open_
        return [inv.number for inv in open_]

    def _only_open_invoice(self) -> list[str]:
        """A dispute that names nothing is about the one open invoice, if there is just one."""
        open_ = self._open_invoices()
        if self._names_anything() or len(open_) != 1:
            return []
        return [open_[0].number]

    def _words(self, *fields: str) -> str:
        """The buyer's sentences behind these conclusions, else the start of what they wrote."""
        sentences = [e.sentence for e in self.triage.evidence if not fields or e.field in fields]
        text = " ".join(dict.fromkeys(s.strip() for s in sentences if s.strip()))
        return (text or self.parsed.new_text.strip())[:_BUYER_WORDS_LIMIT]


# -- what an allowed outcome adds to the ActResult, per tool ----------------------------


def _fold_dispute(actor: _Actor, result: dict[str, Any]) -> None:
    for d in result.get("disputes", []):
        actor.out.disputes.append(
            DisputeOpened(reference=d["reference"], invoice=d["invoice"], reason=d["reason"])
        )
    actor.reply_worthy = True


def _fold_promise(actor: _Actor, result: dict[str, Any]) -> None:
    amount = result.get("amount")
    actor.out.promise = PromiseFacts(
        date=result["date"], amount=None if amount is None else Decimal(amount)
    )
    actor._extend(actor.out.promise_invoices, result.get("invoices", []))
    actor.reply_worthy = True


def _fold_claim(actor: _Actor, result: dict[str, Any]) -> None:
    amount = result.get("amount")
    actor.out.payment_claim = PaymentClaimFacts(
        date=result.get("date"),
        amount=None if amount is None else Decimal(amount),
        reference=result.get("reference"),
    )
    actor.out.payment_claim_paused = bool(result.get("holds"))
    actor.reply_worthy = True


def _fold_copies(actor: _Actor, result: dict[str, Any]) -> None:
    actor._extend(actor.out.invoice_copies, result.get("invoices", []))
    actor.reply_worthy = True


def _fold_statement(actor: _Actor, result: dict[str, Any]) -> None:
    actor.out.statement = True
    actor.reply_worthy = True


def _fold_contact(actor: _Actor, result: dict[str, Any]) -> None:
    actor.out.contact_change_proposed = True
    actor.reply_worthy = True


def _fold_nothing(actor: _Actor, result: dict[str, Any]) -> None:
    return None


_FOLD: dict[str, Callable[[_Actor, dict[str, Any]], None]] = {
    "open_dispute": _fold_dispute,
    "record_promise": _fold_promise,
    "record_payment_claim": _fold_claim,
    "get_invoice_copy": _fold_copies,
    "get_statement": _fold_statement,
    "propose_contact_change": _fold_contact,
}

_RECORDING: dict[str, str] = {
    "dispute": "open_dispute",
    "promise_to_pay": "record_promise",
    "payment_confirmation": "record_payment_claim",
}
_PLANNERS: dict[str, Callable[[_Actor, dict[str, dict[str, Any]]], dict[str, Any] | None]] = {
    "dispute": _Actor._plan_dispute,
    "promise_to_pay": _Actor._plan_promise,
    "payment_confirmation": _Actor._plan_claim,
}
# Every intent, in the order they are handled (disputes before promises, see _promised).
_HANDLERS: dict[str, Callable[[_Actor], None]] = {
    "dispute": _Actor._nothing,
    "promise_to_pay": _Actor._nothing,
    "payment_confirmation": _Actor._nothing,
    "invoice_copy_request": _Actor.invoice_copy_request,
    "payment_plan_request": _Actor.payment_plan_request,
    "statement_request": _Actor.statement_request,
    "contact_update": _Actor.contact_update,
    "other": _Actor._nothing,
    "auto_reply": _Actor._nothing,
}
