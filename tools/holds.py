"""Pausing dunning: one hold per invoice, ended only by its source or a collector."""

from __future__ import annotations

import datetime as dt

from records.ledger import DunningHold, Invoice
from tools.args import PauseDunningArgs
from tools.context import ToolContext
from tools.result import ToolResult, account_invoices


def pause_invoices(
    ctx: ToolContext,
    invoices: list[Invoice],
    *,
    reason: str,
    source_id: int | None,
    until_date: dt.date | None,
) -> list[dict[str, object]]:
    """Add an active hold on each invoice; return them as JSON-safe rows."""
    held: list[dict[str, object]] = []
    for inv in invoices:
        hold = DunningHold(
            invoice_id=inv.id or 0,
            account_id=inv.account_id,
            reason=reason,
            source_id=source_id,
            until_date=until_date,
            message_id=ctx.message_pk,
        )
        ctx.session.add(hold)
        ctx.session.flush()
        held.append(
            {
                "hold_id": hold.id,
                "invoice": inv.number,
                "reason": reason,
                "until_date": until_date.isoformat() if until_date else None,
            }
        )
    return held


def until_text(until_date: dt.date | None) -> str:
    return f"until {until_date.isoformat()}" if until_date else "until resolved"


def pause_dunning(ctx: ToolContext, args: PauseDunningArgs) -> ToolResult:
    """A manual pause the agent asks for; open-ended pauses need a collector to end them."""
    invoices = account_invoices(ctx, args.invoices)
    holds = pause_invoices(
        ctx, invoices, reason="manual", source_id=None, until_date=args.until_date
    )
    numbers = ", ".join(inv.number for inv in invoices)
    return ToolResult(
        result={"holds": holds, "reason": args.reason},
        summary=f"Dunning paused on {numbers} {until_text(args.until_date)} ({args.reason})",
        needs_human=args.until_date is None,
    )
