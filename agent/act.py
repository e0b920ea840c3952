"""The local actor: turns a Triage into tool calls under the default policy (docs/policy.md).

Every effect goes through `tools.registry.call_tool`, so the same policy checks, audit
rows and idempotency apply as for an LLM calling the tools itself. This module decides
what to call for each intent, whether a collector must decide more than approving a
draft (`needs_human`, with reasons a person can read), and whether a reply is drafted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session

from agent.context import AccountContext
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
from records.inbox import Message
from records.ledger import Invoice
from tools.context import ToolContext
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
) -> ActResult:
    """Call the tools the triage warrants and say whether a human and a reply are needed."""
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

    # -- the flow ---------------------------------------------------------------------

    def run(self) -> ActResult:
        intents = list(dict.fromkeys(self.triage.intents))
        automatic = self.parsed.auto_reply or self.parsed.bounce or "auto_reply" in intents
        if automatic:
            self._note_automatic()
            # What an automatic message says besides "I am away" is still recorded, but it
            # never gets an answer and never needs a human on its own.
            intents = [i for i in intents if i not in ("auto_reply", "other")]
            if not intents or self.parsed.bounce:
                return self._finish(reply_allowed=False)
        self._check_limits()
        if not intents:
            self._human("The assistant found no intent in the message: a collector reads it.")
        trusted = self.ctx.account_id is not None and self.ctx.verified
        for intent in intents:
            if trusted or intent in ("other", "payment_plan_request"):
                _HANDLERS[intent](self)
        return self._finish(
            reply_allowed=trusted and not automatic and not self.parsed.mailing_list
        )

    def _finish(self, *, reply_allowed: bool) -> ActResult:
        self.out.reply = reply_allowed and self.reply_worthy
        self.out.needs_human = bool(self.out.needs_human_reasons)
        return self.out

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
        if self.triage.injection_suspected:
            self._human("The message seems to give the assistant instructions (prompt injection).")
        if self.triage.other_customer_data_requested:
            self._human("The message asks for other customers' data.")

    # -- intents ----------------------------------------------------------------------

    def dispute(self) -> None:
        invoices = self._named() or self._only_open_invoice()
        if not invoices:
            self._human("Dispute without an identifiable invoice: a collector picks the invoice.")
            return
        reason = self.triage.dispute_reason or "other"
        outcome = self._call(
            "open_dispute",
            {
                "invoices": invoices,
                "reason": reason,
                "buyer_words": self._words("dispute", "dispute_reason"),
            },
        )
        if outcome.allowed:
            for d in outcome.result.get("disputes", []):
                self.out.disputes.append(
                    DisputeOpened(
                        reference=d["reference"], invoice=d["invoice"], reason=d["reason"]
                    )
                )
            self._paused(outcome)
            self.reply_worthy = True

    def promise_to_pay(self) -> None:
        facts = self.triage.promise
        if facts is None or facts.date is None:
            self._human("Promise to pay without a clear date: a collector confirms it.")
            return
        invoices = self._named() or self._fallback(overdue_first=True)
        if not invoices:
            self._human("Promise to pay, but the account has no open invoice it could cover.")
            return
        outcome = self._call(
            "record_promise",
            {
                "invoices": invoices,
                "date": facts.date.isoformat(),
                "amount": None if facts.amount is None else str(facts.amount),
                "buyer_words": self._words(
                    "promise_to_pay", "promise", "promise.date", "promise.amount"
                ),
            },
        )
        if outcome.allowed:
            self.out.promise = PromiseFacts(date=facts.date, amount=facts.amount)
            self.out.promise_invoices = list(outcome.result.get("invoices", invoices))
            self._paused(outcome)
            self.reply_worthy = True

    def invoice_copy_request(self) -> None:
        invoices = self._named() or self._fallback(overdue_first=False)
        if not invoices:
            self._human("Invoice copy requested, but no invoice is named or open.")
            return
        outcome = self._call("get_invoice_copy", {"invoices": invoices})
        if outcome.allowed:
            self._extend(self.out.invoice_copies, outcome.result.get("invoices", []))
            self.reply_worthy = True

    def payment_confirmation(self) -> None:
        facts = self.triage.payment_claim or PaymentClaimFacts()
        outcome = self._call(
            "record_payment_claim",
            {
                "date": facts.date.isoformat() if facts.date else None,
                "amount": None if facts.amount is None else str(facts.amount),
                "reference": facts.reference,
                "invoices": self._named(),
            },
        )
        if outcome.allowed:
            self.out.payment_claim = facts
            self._paused(outcome)
            self.reply_worthy = True

    def payment_plan_request(self) -> None:
        if self.ctx.account_id is not None and self.ctx.verified:
            self._call(
                "create_task",
                {
                    "kind": "payment_plan",
                    "title": f"Payment plan requested ({self.ctx.account_id})",
                    "details": {"invoices": self._named(), "buyer_words": self._words()},
                },
            )
        self._human("Payment plan requested: a collector decides on instalments or more time.")

    def statement_request(self) -> None:
        outcome = self._call("get_statement", {})
        if outcome.allowed:
            self.out.statement = True
            self.reply_worthy = True

    def contact_update(self) -> None:
        facts = self.triage.contact_update
        if facts is None or not (facts.new_email or facts.new_name):
            self._human("Contact change requested, but the new contact is unclear.")
            return
        outcome = self._call(
            "propose_contact_change",
            {
                "new_email": facts.new_email,
                "new_name": facts.new_name,
                "old_email": facts.old_email,
            },
        )
        if outcome.allowed:
            self.out.contact_change_proposed = True
            self.reply_worthy = True

    def other(self) -> None:
        self._human("The message is outside what the assistant handles (intent: other).")

    # -- helpers ----------------------------------------------------------------------

    def _note_automatic(self) -> None:
        facts = self.triage.auto_reply
        kind = "Delivery failure (bounce)" if self.parsed.bounce else "Automatic reply"
        parts = [f"{kind} from {self.parsed.from_addr or 'an unknown sender'}"]
        if self.parsed.auto_reply_reason:
            parts.append(f"({self.parsed.auto_reply_reason})")
        text = " ".join(parts)
        if facts is not None and facts.return_date is not None:
            text += f"; back on {facts.return_date.isoformat()}"
        if facts is not None and facts.alternative_contact:
            text += f"; alternative contact: {facts.alternative_contact}"
        self._call("add_note", {"text": text + "."})
        if self.parsed.bounce:
            # Our mail did not arrive: the contact on file may be wrong.
            self._call(
                "create_task",
                {
                    "kind": "follow_up",
                    "title": f"Our e-mail bounced ({self.parsed.from_addr}): check the contact",
                    "details": {"subject": self.parsed.subject[:200]},
                },
            )

    def _call(self, tool: str, args: dict[str, Any]) -> ToolOutcome:
        outcome = call_tool(self.ctx, tool, args)
        self.out.actions.append(
            ActionTaken(
                tool=tool,
                allowed=outcome.allowed,
                summary=outcome.summary,
                refusal_reason=outcome.refusal_reason,
                result=outcome.result,
            )
        )
        if not outcome.allowed:
            self._human(f"Not done, {outcome.summary}.")
        elif outcome.needs_human:
            self._human(outcome.summary)
        return outcome

    def _human(self, reason: str) -> None:
        if reason not in self.out.needs_human_reasons:
            self.out.needs_human_reasons.append(reason)

    def _paused(self, outcome: ToolOutcome) -> None:
        self._extend(
            self.out.paused_invoices, [h["invoice"] for h in outcome.result.get("holds", [])]
        )

    @staticmethod
    def _extend(target: list[str], items: list[str]) -> None:
        target.extend(i for i in items if i not in target)

    def _on_account(self, number: str) -> str | None:
        by_upper = {n.upper(): n for n in self.ctx.invoice_numbers}
        return by_upper.get(number.upper())

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


_HANDLERS: dict[str, Callable[[_Actor], None]] = {
    "dispute": _Actor.dispute,
    "promise_to_pay": _Actor.promise_to_pay,
    "invoice_copy_request": _Actor.invoice_copy_request,
    "payment_confirmation": _Actor.payment_confirmation,
    "payment_plan_request": _Actor.payment_plan_request,
    "statement_request": _Actor.statement_request,
    "contact_update": _Actor.contact_update,
    "other": _Actor.other,
    "auto_reply": lambda actor: None,  # handled before the intents, in run()
}
