"""Opening disputes: one per invoice, each with a DSP reference and a dunning hold."""

from __future__ import annotations

import uuid

from sqlmodel import select

from records.ledger import Dispute, Invoice, Note
from tools.args import OpenDisputeArgs
from tools.context import ToolContext
from tools.holds import pause_invoices
from tools.result import ToolResult, account_invoices


def dispute_reference(dispute_id: int) -> str:
    """`DSP-000123`: derived from the row id, so it is unique without a counter table."""
    return f"DSP-{dispute_id:06d}"


def open_dispute(ctx: ToolContext, args: OpenDisputeArgs) -> ToolResult:
    """A dispute per invoice; an invoice already under an open dispute keeps that one.

    A complaint of another kind about an invoice under an open dispute ("the price is
    wrong" after "this is a duplicate") joins that dispute: a note on the account names
    the reference and quotes the buyer, so whoever reviews it sees both. The result
    carries this message's reason, which its reply acknowledges.
    """
    opened: list[dict[str, object]] = []
    holds: list[dict[str, object]] = []
    for inv in account_invoices(ctx, args.invoices):
        existing = _open_dispute_on(ctx, inv)
        dispute = existing or _new_dispute(ctx, inv, args)
        if existing is None:
            holds += pause_invoices(
                ctx, [inv], reason="dispute", source_id=dispute.id, until_date=None
            )
        elif existing.reason != args.reason:
            _note_another_reason(ctx, existing, inv, args)
        opened.append(
            {
                "dispute_id": dispute.id,
                "reference": dispute.reference,
                "invoice": inv.number,
                "reason": args.reason,
                "dispute_reason": dispute.reason,
                "existing": existing is not None,
            }
        )
    parts = [f"{d['reference']} on {d['invoice']}{_already(d)}" for d in opened]
    return ToolResult(
        result={"disputes": opened, "holds": holds},
        summary=f"Dispute ({args.reason}) {', '.join(parts)}; dunning paused until resolved",
    )


def _already(opened: dict[str, object]) -> str:
    if not opened["existing"]:
        return ""
    if opened["dispute_reason"] == opened["reason"]:
        return " (already open)"
    return f" (already open for {opened['dispute_reason']}; this complaint noted on it)"


def _note_another_reason(
    ctx: ToolContext, dispute: Dispute, inv: Invoice, args: OpenDisputeArgs
) -> None:
    words = f': "{args.buyer_words}"' if args.buyer_words else ""
    text = (
        f"{dispute.reference} ({dispute.reason}) on {inv.number} is also contested for"
        f" {args.reason}{words}"
    )
    ctx.session.add(Note(account_id=inv.account_id, message_id=ctx.message_pk, text=text))


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
