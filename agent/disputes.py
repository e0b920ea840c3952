"""A dispute's life: routed to a team by reason, resolved with an outcome, notice drafted.

Resolution ends the dispute's dunning holds and drafts the buyer's notice for a
collector to approve. Outcomes: `credited` (credit note issued), `corrected` (corrected
invoice), `confirmed` (the invoice stands: the dispute is rejected).
"""

from __future__ import annotations

from decimal import Decimal

from sqlmodel import Session, col, select

from agent.context import load_context
from agent.draft import compose_dispute_resolved, save_thread_draft
from agent.draft.compose import RESOLUTION_OUTCOMES
from arinbox.settings import Settings
from records.inbox import ActivityEvent, Draft, Message
from records.ledger import Dispute, DunningHold, Invoice
from records.types import utcnow


class DisputeError(ValueError):
    """The dispute cannot take that step (unknown, already resolved, bad outcome)."""


def route(reason: str, settings: Settings) -> str:
    return settings.dispute_routing.get(reason) or settings.dispute_routing.get("other", "billing")


def assign_unrouted(session: Session, settings: Settings) -> int:
    """Give every open dispute without a team the team its reason routes to."""
    count = 0
    for dispute in session.exec(
        select(Dispute).where(Dispute.status == "open", col(Dispute.assigned_team).is_(None))
    ):
        dispute.assigned_team = route(dispute.reason, settings)
        session.add(dispute)
        count += 1
    session.flush()
    return count


def resolve(
    session: Session,
    *,
    reference: str,
    outcome: str,
    actor: str,
    settings: Settings,
    credit_amount: Decimal | None = None,
) -> Draft | None:
    """Resolve the dispute, end its holds, draft the notice (None if there is no thread)."""
    if outcome not in RESOLUTION_OUTCOMES:
        raise DisputeError(f"outcome must be one of {', '.join(RESOLUTION_OUTCOMES)}")
    dispute = session.exec(select(Dispute).where(Dispute.reference == reference)).first()
    if dispute is None:
        raise DisputeError(f"no dispute {reference}")
    if dispute.status != "open":
        raise DisputeError(f"{reference} is already {dispute.status}")
    dispute.status = "resolved"
    dispute.outcome = outcome
    dispute.resolved_at = utcnow()
    session.add(dispute)
    for hold in session.exec(
        select(DunningHold).where(
            DunningHold.reason == "dispute",
            DunningHold.source_id == dispute.id,
            col(DunningHold.active).is_(True),
        )
    ):
        hold.end(f"dispute {reference} resolved ({outcome})")
        session.add(hold)
    session.add(
        ActivityEvent(
            actor=actor,
            action="dispute_resolved",
            target_type="dispute",
            target_id=reference,
            details={"outcome": outcome},
        )
    )
    session.flush()
    return _notice(session, dispute, settings, credit_amount)


def _notice(
    session: Session, dispute: Dispute, settings: Settings, credit_amount: Decimal | None
) -> Draft | None:
    message = session.get(Message, dispute.message_id) if dispute.message_id else None
    if message is None:
        return None
    invoice = session.get(Invoice, dispute.invoice_id)
    numbers = [invoice.number] if invoice is not None else []
    context = load_context(session, dispute.account_id, invoices=numbers)
    letter = compose_dispute_resolved(
        dispute, context, settings, language=message.language, credit_amount=credit_amount
    )
    draft = save_thread_draft(session, message=message, letter=letter, kind="dispute_notice")
    return draft
