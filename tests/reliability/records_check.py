"""Reading back what a run left in the database, per message, to compare runs."""

from __future__ import annotations

from collections import Counter
from typing import Any

from sqlalchemy.engine import Engine
from sqlmodel import Session, SQLModel, col, func, select

from records.inbox import Draft, Message, MessageState, ToolCall, TriageResult
from records.ledger import Dispute, DunningHold, Note, PaymentClaim, Promise, Task

WAITING = {MessageState.received, MessageState.parsed}
EFFECTS: tuple[type[SQLModel], ...] = (
    Dispute,
    Promise,
    PaymentClaim,
    DunningHold,
    Task,
    Note,
    Draft,
)


def effects_by_message(engine: Engine, pks: list[int]) -> list[dict[str, Any]]:
    """For each message (in `pks` order): its state, intents, audit rows and effect counts."""
    rows: list[dict[str, Any]] = []
    with Session(engine) as session:
        counts: dict[str, Counter[int]] = {}
        for table in EFFECTS:
            message_col = table.message_id  # type: ignore[attr-defined]
            counts[table.__name__] = Counter(
                {
                    mid: n
                    for mid, n in session.exec(
                        select(message_col, func.count()).group_by(message_col)
                    ).all()
                    if mid is not None
                }
            )
        audits: dict[int, Counter[tuple[str, bool]]] = {}
        for call in session.exec(select(ToolCall)).all():
            audits.setdefault(call.message_id or 0, Counter())[(call.tool, call.allowed)] += 1
        for pk in pks:
            message = session.get(Message, pk)
            assert message is not None
            triage = session.exec(
                select(TriageResult).where(TriageResult.message_id == pk, TriageResult.current)
            ).all()
            rows.append(
                {
                    "state": message.state,
                    "intents": [t.intents for t in triage],
                    "audit": sorted(audits.get(pk, Counter()).items()),
                    **{name: c.get(pk, 0) for name, c in counts.items()},
                }
            )
    return rows


def assert_exactly_once(engine: Engine, pks: list[int]) -> None:
    """Every message finished, once: no waiting message, one current triage, unique effects."""
    with Session(engine) as session:
        states = Counter(session.exec(select(Message.state).where(col(Message.id).in_(pks))).all())
        assert not (set(states) & WAITING), states
        assert MessageState.failed not in states, states
        current = Counter(
            session.exec(
                select(TriageResult.message_id).where(col(TriageResult.current).is_(True))
            ).all()
        )
        assert sorted(current) == sorted(pks) and set(current.values()) == {1}
        keys = session.exec(select(ToolCall.idempotency_key)).all()
        assert len(keys) == len(set(keys))
        # One decision, one record: never two disputes or two active holds on one invoice
        # from the same message, never two promises or two drafts from one message.
        for what, query in {
            "disputes": select(Dispute.message_id, Dispute.invoice_id),
            "holds": select(DunningHold.message_id, DunningHold.invoice_id).where(
                col(DunningHold.active).is_(True)
            ),
            "promises": select(Promise.message_id),
            "payment claims": select(PaymentClaim.message_id),
            "drafts": select(Draft.message_id, Draft.kind),
        }.items():
            seen = Counter(session.exec(query).all())
            twice = {k: n for k, n in seen.items() if n > 1}
            assert not twice, f"{what} repeated: {twice}"
