"""Promises to pay and payment claims: recorded, with dunning paused for a while."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from records.ledger import PaymentClaim, Promise, Task
from tools.args import RecordPaymentClaimArgs, RecordPromiseArgs
from tools.context import ToolContext
from tools.holds import pause_invoices
from tools.result import ToolResult, account_invoices


def _claimed_lines(lines: dict[str, Decimal], invoices: list[str]) -> dict[str, str]:
    """The amounts of the claimed invoices, keyed in ledger spelling; others are dropped."""
    by_upper = {number.upper(): number for number in invoices}
    return {
        by_upper[key.upper()]: f"{amount:.2f}"
        for key, amount in lines.items()
        if key.upper() in by_upper
    }


def _money(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


def record_promise(ctx: ToolContext, args: RecordPromiseArgs) -> ToolResult:
    """A promise on the named invoices; amount None means their open amount."""
    invoices = account_invoices(ctx, args.invoices)
    open_amount = sum((inv.open_amount for inv in invoices), Decimal("0"))
    currency = invoices[0].currency if invoices else "EUR"
    promise = Promise(
        account_id=ctx.account_id or "",
        message_id=ctx.message_pk,
        promised_date=args.date,
        amount=args.amount,
        currency=currency,
        invoice_numbers=[inv.number for inv in invoices],
        open_amount_at_promise=open_amount,
        buyer_words=args.buyer_words,
    )
    ctx.session.add(promise)
    ctx.session.flush()
    until = args.date + dt.timedelta(days=ctx.settings.promise_grace_days)
    holds = pause_invoices(ctx, invoices, reason="promise", source_id=promise.id, until_date=until)
    amount = args.amount if args.amount is not None else open_amount
    numbers = ", ".join(promise.invoice_numbers)
    return ToolResult(
        result={
            "promise_id": promise.id,
            "date": args.date.isoformat(),
            "amount": _money(args.amount),
            "amount_due": _money(amount),
            "open_amount": _money(open_amount),
            "currency": currency,
            "invoices": promise.invoice_numbers,
            "hold_until": until.isoformat(),
            "holds": holds,
        },
        summary=(
            f"Promise to pay {currency} {_money(amount)} by {args.date.isoformat()} on {numbers};"
            f" dunning paused until {until.isoformat()}"
        ),
    )


def record_payment_claim(ctx: ToolContext, args: RecordPaymentClaimArgs) -> ToolResult:
    """The buyer says it paid: a claim, a cash-application task, and a short pause."""
    invoices = account_invoices(ctx, args.invoices)
    claim = PaymentClaim(
        account_id=ctx.account_id or "",
        message_id=ctx.message_pk,
        paid_date=args.date,
        amount=args.amount,
        reference=args.reference,
        invoice_numbers=[inv.number for inv in invoices],
    )
    ctx.session.add(claim)
    ctx.session.flush()
    task = Task(
        account_id=ctx.account_id,
        message_id=ctx.message_pk,
        kind="cash_application",
        title=f"Match the payment the buyer reports ({ctx.account_id})",
        details={
            "payment_claim_id": claim.id,
            "paid_date": args.date.isoformat() if args.date else None,
            "amount": _money(args.amount),
            "reference": args.reference,
            "invoices": claim.invoice_numbers,
            # Per invoice, what the advice says was paid: for matching the bank's lines.
            "lines": _claimed_lines(args.lines, claim.invoice_numbers),
        },
    )
    ctx.session.add(task)
    ctx.session.flush()
    until = ctx.received_date + dt.timedelta(days=ctx.settings.payment_claim_hold_days)
    holds = pause_invoices(
        ctx, invoices, reason="payment_claim", source_id=claim.id, until_date=until
    )
    on = ", ".join(claim.invoice_numbers) or "no named invoice"
    paused = f"; dunning paused until {until.isoformat()}" if holds else ""
    return ToolResult(
        result={
            "payment_claim_id": claim.id,
            "task_id": task.id,
            "date": args.date.isoformat() if args.date else None,
            "amount": _money(args.amount),
            "reference": args.reference,
            "invoices": claim.invoice_numbers,
            "hold_until": until.isoformat() if holds else None,
            "holds": holds,
        },
        summary=f"Payment claim on {on} sent to cash application (task {task.id}){paused}",
    )
