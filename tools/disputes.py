"""Opening disputes: one per invoice, each with a DSP reference and a dunning hold."""

from __future__ import annotations

import uuid

from sqlmodel import select

from records.ledger import Dispute, Invoice
from tools.args import OpenDisputeArgs
from tools.context import ToolContext
from tools.holds import pause_invoices
from tools.result import ToolResult, account_invoices


def dispute_reference(dispute_id: int) -> str:
    """`DSP-000123`: derived from the row id, so it is unique without a counter table."""
    return f"DSP-{dispute_id:06d}"


def open_dispute(ctx: ToolContext, args: OpenDisputeArgs) -> ToolResult:
    """A dispute per invoice; an invoice already under an open dispute keeps that one."""
    opened: list[dict[str, object]] = []
    holds: list[dict[str, object]] = []
    for inv in account_invoices(ctx, args.invoices):
        existing = _open_dispute_on(ctx, inv)
        dispute = existing or _new_dispute(ctx, inv, args)
        if existing is None:
            holds += pause_invoices(
                ctx, [inv], reason="dispute", source_id=dispute.id, until_date=None
            )
        opened.append(
            {
                "dispute_id": dispute.id,
                "reference": dispute.reference,
                "invoice": inv.number,
                "reason": dispute.reason,
                "existing": existing is not None,
            }
        )
    parts = [
        f"{d['reference']} on {d['invoice']}" + (" (already open)" if d["existing"] else "")
        for d in opened
    ]
    return ToolResult(
        result={"disputes": opened, "holds": holds},
        summary=f"Dispute ({args.reason}) {', '.join(parts)}; dunning paused until resolved",
    )


def _open_dispute_on(ctx: ToolContext, inv: Invoice) -> Dispute | None:
    return ctx.session.exec(
        select(Dispute).where(Dispute.invoice_id == inv.id, Dispute.status == "open")
    ).first()


def _new_dispute(ctx: ToolContext, inv: Invoice, args: OpenDisputeArgs) -> Dispute:
    # The reference comes from the id, known only after the insert: a unique placeholder first.
    dispute = Dispute(
        reference=f"DSP-PENDING-{uuid.uuid4().hex}",
        account_id=inv.account_id,
        invoice_id=inv.id or 0,
        message_id=ctx.message_pk,
        reason=args.reason,
        buyer_words=args.buyer_words,
    )
    ctx.session.add(dispute)
    ctx.session.flush()
    dispute.reference = dispute_reference(dispute.id or 0)
    ctx.session.add(dispute)
    ctx.session.flush()
    return dispute
