"""The LLM's reply letter, accepted only when every figure in it is in the records.

The template draft is always made first (with its attachments); the model's letter
replaces its text when it is grounded. On a mismatch the model gets one more try, then
the template stays and the draft is flagged with the reason, for the collector to see.
"""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from typing import Protocol

from agent.context import AccountContext
from agent.draft.grounding import check_grounded
from agent.llm.model import ModelRun, Usage
from agent.schema import ActResult, Triage
from records.inbox import Draft


class LetterWriter(Protocol):
    def write_reply(
        self, run: ModelRun, *, language: str, facts: str
    ) -> tuple[str | None, Usage]: ...


def allowed_facts(
    context: AccountContext, act: ActResult, received: date
) -> tuple[set[str], set[Decimal], set[date]]:
    """The invoice numbers, amounts and dates a letter to this buyer may name."""
    invoices = {inv.number for inv in context.invoices}
    invoices |= {inv.po_number for inv in context.invoices if inv.po_number}
    if context.account is not None and context.account.customer_number:
        invoices.add(context.account.customer_number)
    invoices |= {d.reference for d in act.disputes}
    amounts: set[Decimal] = set()
    dates: set[date] = {received}
    for inv in context.invoices:
        amounts |= {inv.amount, inv.open_amount}
        dates |= {inv.issue_date, inv.due_date}
    amounts.add(sum((inv.open_amount for inv in context.open_invoices), Decimal(0)))
    for promise in (act.promise, act.payment_claim):
        if promise is not None and promise.amount is not None:
            amounts.add(promise.amount)
        if promise is not None and promise.date is not None:
            dates.add(promise.date)
    for hold in context.holds:
        if hold.until_date is not None:
            dates.add(hold.until_date)
    if act.promise is not None and act.promise.date is not None:
        dates |= {act.promise.date + timedelta(days=n) for n in range(0, 8)}
    return invoices, amounts, dates


def write_letter(
    writer: LetterWriter,
    run: ModelRun,
    *,
    draft: Draft,
    act: ActResult,
    context: AccountContext,
    triage: Triage,
    received: date,
) -> None:
    """Replace the template text with the model's grounded letter, or flag why not."""
    invoices, amounts, dates = allowed_facts(context, act, received)
    facts = (
        "The approved letter below holds every fact you may use; write it naturally, "
        "keep every number exactly:\n" + draft.body
    )
    problems: list[str] = []
    for _attempt in range(2):
        text, usage = writer.write_reply(run, language=draft.language, facts=facts)
        _add_usage(triage, usage)
        if text is None:
            draft.flagged = True
            draft.flag_reason = "The model could not write the letter: the template draft is shown."
            return
        problems = check_grounded(
            text,
            allowed_invoices=invoices,
            allowed_amounts=amounts,
            allowed_dates=dates,
            language=draft.language,
        )
        if not problems:
            draft.body = draft.original_body = text
            draft.template = f"{draft.template or ''}+llm"
            return
        facts += "\nYour previous letter named figures that are not in the records: " + (
            "; ".join(problems) + ". Use only the figures above."
        )
    draft.flagged = True
    draft.flag_reason = (
        "The model's letter named figures not in the records ("
        + "; ".join(problems)[:500]
        + "): the template draft is shown instead."
    )


def _add_usage(triage: Triage, usage: Usage) -> None:
    for key, value in usage.as_dict().items():
        triage.usage[key] = triage.usage.get(key, 0) + value
