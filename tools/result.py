"""What a tool function hands back to the registry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import col, select

from records.ledger import Invoice
from tools.context import ToolContext

# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
_NAMED_INVOICES = select(Invoice).where(
    Invoice.account_id == bindparam("account_id"),
    col(Invoice.number).in_(bindparam("numbers", expanding=True)),
)


@dataclass
class ToolResult:
    """A tool's JSON-safe result, its one line for the collector, and whether a human must look."""

    result: dict[str, Any]
    summary: str
    needs_human: bool = False


def account_invoices(ctx: ToolContext, numbers: list[str]) -> list[Invoice]:
    """The account's invoices named by `numbers`, in the order given (policy checked they exist)."""
    if not numbers:
        return []
    params = {"account_id": ctx.account_id, "numbers": numbers}
    rows = ctx.session.exec(_NAMED_INVOICES, params=params).all()
    by_number = {inv.number: inv for inv in rows}
    return [by_number[n] for n in numbers if n in by_number]
