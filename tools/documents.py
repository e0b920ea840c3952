"""Invoice copies and statements: policy says what may be attached; drafting renders it."""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import col, select

from records.ledger import Invoice
from tools.args import GetInvoiceCopyArgs, GetStatementArgs
from tools.context import ToolContext
from tools.result import ToolResult, account_invoices


def get_invoice_copy(ctx: ToolContext, args: GetInvoiceCopyArgs) -> ToolResult:
    """The invoice numbers whose PDF copies the reply may attach."""
    numbers = [inv.number for inv in account_invoices(ctx, args.invoices)]
    return ToolResult(
        result={"invoices": numbers},
        summary=f"Copies of {', '.join(numbers)} to attach",
    )


def get_statement(ctx: ToolContext, args: GetStatementArgs) -> ToolResult:
    """Says a statement of open items may be attached, and what it holds."""
    open_items = [
        inv
        for inv in ctx.session.exec(
            select(Invoice)
            .where(Invoice.account_id == ctx.account_id)
            .order_by(col(Invoice.due_date))
        )
        if inv.open_amount != 0
    ]
    total = sum((inv.open_amount for inv in open_items), Decimal("0"))
    return ToolResult(
        result={
            "statement": True,
            "open_items": [inv.number for inv in open_items],
            "open_total": format(total, "f"),
        },
        summary=f"Statement of {len(open_items)} open item(s) to attach",
    )
