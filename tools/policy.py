"""The default policy (DOMAIN.md; the table is in docs/policy.md), checked before a tool runs.

What no e-mail can make arinbox do (mark an invoice paid, change an amount, resume
dunning, write to an address that is not a verified contact) has no tool at all, so no
check is needed for it here.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from tools.args import (
    InvoiceArgs,
    PauseDunningArgs,
    RecordPaymentClaimArgs,
    RecordPromiseArgs,
    ToolArgs,
)
from tools.context import ToolContext

# Tools that read or change one account's records: they need a matched account and a
# verified sender (an unverified sender gets neither account data nor account changes).
ACCOUNT_TOOLS = frozenset(
    {
        "open_dispute",
        "record_promise",
        "record_payment_claim",
        "pause_dunning",
        "get_invoice_copy",
        "get_statement",
        "propose_contact_change",
    }
)


NO_ACCOUNT = "the sender matches no account"
NOT_VERIFIED_PREFIX = "the sender is not verified"


def is_sender_refusal(reason: str | None) -> bool:
    """A refusal because of who sent the message (the case is already marked for a human)."""
    return reason is not None and (reason == NO_ACCOUNT or reason.startswith(NOT_VERIFIED_PREFIX))


@dataclass(frozen=True)
class Decision:
    """Allowed (with the arguments normalised to ledger spelling) or refused, and why."""

    args: ToolArgs
    refusal: str | None = None

    @property
    def allowed(self) -> bool:
        return self.refusal is None


def check(ctx: ToolContext, tool: str, args: ToolArgs) -> Decision:
    """Whether `tool` may run with `args` for this message."""
    if tool in ACCOUNT_TOOLS:
        if ctx.account_id is None:
            return Decision(args, "the sender matches no account")
        if not ctx.verified:
            return Decision(args, f"the sender is not verified for account {ctx.account_id}")
    if isinstance(args, InvoiceArgs | RecordPaymentClaimArgs):
        normalised, unknown = _on_account(ctx, args.invoices)
        if unknown:
            return Decision(args, f"not on account {ctx.account_id}: {', '.join(unknown)}")
        args = args.model_copy(update={"invoices": normalised})
    refusal = _dates(ctx, args)
    return Decision(args, refusal)


def horizon(ctx: ToolContext) -> dt.date:
    """The latest promised date the agent may accept on its own."""
    return ctx.received_date + dt.timedelta(days=ctx.settings.max_promise_horizon_days)


def _on_account(ctx: ToolContext, numbers: list[str]) -> tuple[list[str], list[str]]:
    """The numbers in ledger spelling (case-insensitive match), and those not on the account."""
    by_upper = {n.upper(): n for n in ctx.invoice_numbers}
    known, unknown = [], []
    for number in numbers:
        canonical = by_upper.get(number.upper())
        if canonical is None:
            unknown.append(number)
        elif canonical not in known:
            known.append(canonical)
    return known, unknown


def promise_date_refusal(ctx: ToolContext, promised: dt.date) -> str | None:
    """Why the agent may not accept a promise for `promised` on its own, if it may not."""
    if promised < ctx.received_date:
        return f"the promised date {promised.isoformat()} is before the e-mail"
    if promised > horizon(ctx):
        days = (promised - ctx.received_date).days
        limit = ctx.settings.max_promise_horizon_days
        return (
            f"the promised date {promised.isoformat()} is {days} days after the e-mail"
            f" (more than {limit}): a collector decides"
        )
    return None


def _dates(ctx: ToolContext, args: ToolArgs) -> str | None:
    if isinstance(args, RecordPromiseArgs):
        return promise_date_refusal(ctx, args.date)
    if isinstance(args, PauseDunningArgs) and args.until_date is not None:
        if args.until_date < ctx.received_date:
            return f"the pause would end {args.until_date.isoformat()}, before the e-mail"
        if args.until_date > horizon(ctx):
            limit = ctx.settings.max_promise_horizon_days
            return f"a pause beyond {limit} days needs a collector"
    return None
