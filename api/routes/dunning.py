"""Dunning hand-off and ledger upserts: what the ERP reads from and writes to arinbox.

Integrations call these with an API token (`Authorization: Bearer …`, `arinbox user token`).
Reading holds needs a collector; writing the ledger and replaying webhooks needs a manager.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, HTTPException, Query, Response, status
from pydantic import BaseModel, Field

from agent.disputes import DisputeError, resolve
from api.deps import SessionDep, SettingsDep, require_role
from connectors import webhooks
from connectors.dunning_export import active_holds, holds_csv
from connectors.ledger_import import LedgerImportError, apply_payments, import_ledger_json
from records.inbox import User

router = APIRouter(prefix="/api", tags=["dunning and ledger"])
Collector = Annotated[User, Depends(require_role("collector"))]
Manager = Annotated[User, Depends(require_role("manager"))]


@router.get("/dunning/holds")
def list_holds(
    session: SessionDep,
    _user: Collector,
    account: Annotated[str | None, Query(max_length=64)] = None,
    invoice: Annotated[str | None, Query(max_length=64)] = None,
    format: Annotated[str, Query(pattern="^(json|csv)$")] = "json",
) -> Any:
    """Active dunning holds (reason, until-date), as JSON or as the CSV an ERP imports."""
    rows = active_holds(session, account=account, invoice=invoice)
    if format == "csv":
        return Response(holds_csv(rows), media_type="text/csv")
    return {"holds": [row.__dict__ for row in rows], "count": len(rows)}


@router.post("/dunning/webhooks/{delivery_id}/replay")
def replay_delivery(delivery_id: int, session: SessionDep, _user: Manager) -> dict[str, Any]:
    """Send a webhook delivery again."""
    delivery = webhooks.replay(session, delivery_id)
    if delivery is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "no such delivery")
    return {"id": delivery.id, "status": delivery.status}


class LedgerUpsert(BaseModel):
    """The DOMAIN.md ledger shape: accounts with contacts and invoices, upserted."""

    accounts: list[dict[str, Any]] = Field(default_factory=list, max_length=10_000)


class Payment(BaseModel):
    invoice_number: str = Field(min_length=1, max_length=64)
    amount: Decimal = Field(gt=0, max_digits=16, decimal_places=2)
    date: str | None = None
    reference: str | None = Field(default=None, max_length=200)


class Payments(BaseModel):
    payments: list[Payment] = Field(max_length=10_000)


@router.post("/ledger/accounts")
def upsert_accounts(body: LedgerUpsert, session: SessionDep, _user: Manager) -> dict[str, Any]:
    """Create or update accounts, their contacts and invoices (open amounts included)."""
    try:
        report = import_ledger_json(session, {"accounts": body.accounts})
    except (LedgerImportError, KeyError) as exc:
        session.rollback()
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    session.commit()
    return report.__dict__


@router.post("/ledger/payments")
def post_payments(body: Payments, session: SessionDep, _user: Manager) -> dict[str, Any]:
    """Payments received: open amounts drop; an invoice paid in full ends its holds."""
    try:
        report = apply_payments(session, [p.model_dump(mode="json") for p in body.payments])
    except LedgerImportError as exc:
        session.rollback()
        raise HTTPException(status.HTTP_422_UNPROCESSABLE_CONTENT, str(exc)) from exc
    session.commit()
    return report.__dict__


class Resolution(BaseModel):
    outcome: str = Field(pattern="^(credited|corrected|confirmed)$")
    credit_amount: Decimal | None = Field(default=None, gt=0, max_digits=16, decimal_places=2)


@router.post("/disputes/{reference}/resolve")
def resolve_dispute(
    reference: str, body: Resolution, session: SessionDep, settings: SettingsDep, user: Collector
) -> dict[str, Any]:
    """Resolve a dispute: its holds end and the buyer's notice is drafted for approval."""
    try:
        draft = resolve(
            session,
            reference=reference,
            outcome=body.outcome,
            actor=user.username,
            settings=settings,
            credit_amount=body.credit_amount,
        )
    except DisputeError as exc:
        session.rollback()
        raise HTTPException(status.HTTP_409_CONFLICT, str(exc)) from exc
    session.commit()
    return {
        "reference": reference,
        "outcome": body.outcome,
        "draft_id": draft.id if draft else None,
    }
