"""The collectors' queue: filters, priority order, counts per state, one page at a time.

Two queries per page plus one for the counts, whatever the page size (no N+1): the page of
messages (light columns only, never the raw bytes), then their current triage by id.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy import and_, false, func, or_
from sqlalchemy.ext.compiler import compiles
from sqlmodel import Session, col, select

from agent.schema import intent_mask
from records.inbox import Draft, DraftState, Message, MessageState, TriageResult
from records.ledger import Account

# What "to do" means in the queue: cases waiting for a collector.
TODO_STATES = (MessageState.needs_human, MessageState.failed, MessageState.drafted)
PAGE_SIZE = 50
# Needs a human first, then priority (disputes, amount at stake), then the oldest.
QUEUE_ORDER = (
    col(Message.needs_human).desc(),
    col(Message.priority).desc(),
    col(Message.received_at).asc(),
    col(Message.id).asc(),
)


@dataclass
class QueueFilter:
    state: str = "todo"  # todo | all | one MessageState
    intent: str | None = None
    account: str | None = None
    language: str | None = None
    assigned: str | None = None  # a username, or "none" for unassigned
    q: str | None = None  # search: see `search_filter`
    page: int = 1
    per_page: int = PAGE_SIZE


@dataclass
class QueueRow:
    id: int
    received_at: datetime
    subject: str
    from_name: str
    from_addr: str
    state: str
    account_id: str | None
    account_name: str | None
    language: str | None
    needs_human: bool
    priority: int
    assigned_to: str | None
    intents: list[str] = field(default_factory=list)
    confidence: float | None = None
    draft_id: int | None = None


@dataclass
class QueuePage:
    rows: list[QueueRow]
    total: int
    counts: dict[str, int]
    page: int
    pages: int
    filter: QueueFilter


def _filters(f: QueueFilter, *, with_state: bool) -> list[Any]:
    where: list[Any] = [Message.direction == "inbound"]
    if with_state:
        if f.state == "todo":
            where.append(col(Message.state).in_([s.value for s in TODO_STATES]))
        elif f.state and f.state != "all":
            where.append(Message.state == f.state)
    if f.account:
        where.append(Message.account_id == f.account)
    if f.language:
        where.append(Message.language == f.language)
    if f.assigned == "none":
        where.append(col(Message.assigned_to).is_(None))
    elif f.assigned:
        where.append(Message.assigned_to == f.assigned)
    if f.intent:
        # One integer test per row on the message itself, not a join into the triages'
        # JSON: the pipeline keeps a bit per intent of the current triage on the message.
        where.append(col(Message.intent_mask).op("&")(intent_mask([f.intent])) != 0)
    if f.q and f.q.strip():
        where.append(search_filter(f.q))
    return where


def search_filter(text: str) -> Any:
    """Cases a collector looks for by what a buyer on the phone says.

    The words match, ignoring case, anywhere in the subject, the sender's address or
    name, the account's id or name, or the facts of a triage of the message (the invoice
    numbers it names, a promise's amount, a payment reference); `#123` or `123` is also
    case 123. No index serves `LIKE '%…%'`, so the matching ids are found first, each
    table scanned once in its own order, and the queue's query then reads only those
    rows; `benchmarks/bench_pages.py` measures it.
    """
    term = " ".join(text.split())[:200]
    pattern = "%" + re.sub(r"([\\%_])", r"\\\1", term) + "%"

    def like(column: Any) -> Any:
        return _ContainsIgnoringCase(column, sa.literal(pattern))

    accounts_named = select(Account.id).where(like(col(Account.name)))
    by_message = select(Message.id).where(
        or_(
            like(col(Message.subject)),
            like(col(Message.from_addr)),
            like(col(Message.from_name)),
            like(col(Message.account_id)),
            col(Message.account_id).in_(accounts_named),
        )
    )
    # Any triage of the message, not only the current one: the filter on `current` would
    # make the planner walk an index and look up every row in the index's order.
    by_facts = select(TriageResult.message_id).where(
        like(sa.cast(col(TriageResult.facts), sa.Text))
    )
    found = col(Message.id).in_(sa.union(by_message, by_facts))
    number = term.removeprefix("#")
    if number.isdigit() and len(number) < 12:
        return or_(col(Message.id) == int(number), found)
    return found


class _ContainsIgnoringCase(sa.sql.expression.ColumnElement[bool]):
    """`column` LIKE `pattern`, ignoring case, with `\\` escaping the pattern's wildcards.

    SQLite's LIKE ignores (ASCII) case already; `ilike`'s lower() on both sides made the
    search scan three times slower there. PostgreSQL has ILIKE.
    """

    inherit_cache = True
    type = sa.Boolean()
    _is_implicitly_boolean = True  # a comparison: no "= 1" appended in a WHERE

    def __init__(self, column: Any, pattern: Any) -> None:
        self.column = column
        self.pattern = pattern


@compiles(_ContainsIgnoringCase)
def _contains_default(element: _ContainsIgnoringCase, compiler: Any, **kw: Any) -> str:
    column, pattern = (
        compiler.process(element.column, **kw),
        compiler.process(element.pattern, **kw),
    )
    return f"{column} ILIKE {pattern} ESCAPE '\\'"


@compiles(_ContainsIgnoringCase, "sqlite")
def _contains_sqlite(element: _ContainsIgnoringCase, compiler: Any, **kw: Any) -> str:
    column, pattern = (
        compiler.process(element.column, **kw),
        compiler.process(element.pattern, **kw),
    )
    return f"{column} LIKE {pattern} ESCAPE '\\'"


def state_counts(session: Session, f: QueueFilter) -> dict[str, int]:
    """How many cases each state holds under the other filters."""
    rows = session.exec(
        select(Message.state, func.count())
        .where(*_filters(f, with_state=False))
        .group_by(Message.state)
    )
    counts = {state: int(n) for state, n in rows}
    counts["todo"] = sum(counts.get(s.value, 0) for s in TODO_STATES)
    counts["all"] = sum(n for s, n in counts.items() if s != "todo")
    return counts


def list_cases(session: Session, f: QueueFilter) -> QueuePage:
    """One page of the queue: needs a human first, then priority (disputes, amount), then age."""
    where = _filters(f, with_state=True)
    counts = state_counts(session, f)
    total = counts.get(f.state or "all", 0)
    per_page = max(1, min(f.per_page, 200))
    pages = max(1, -(-total // per_page))
    page = max(1, min(f.page, pages))
    # Two steps (a "deferred join"): the page's ids from the queue index alone, then the
    # rows of those ids only, so deep pages never read the wide message rows they skip.
    page_ids = list(
        session.exec(
            select(Message.id)
            .where(*where)
            .order_by(*QUEUE_ORDER)
            .offset((page - 1) * per_page)
            .limit(per_page)
        )
    )
    # sqlalchemy's select: sqlmodel's typed overloads stop at four columns.
    query = (
        sa.select(
            col(Message.id),
            col(Message.received_at),
            col(Message.subject),
            col(Message.from_name),
            col(Message.from_addr),
            col(Message.state),
            col(Message.account_id),
            col(Account.name),
            col(Message.language),
            col(Message.needs_human),
            col(Message.priority),
            col(Message.assigned_to),
        )
        .join(Account, col(Account.id) == col(Message.account_id), isouter=True)
        .where(col(Message.id).in_(page_ids))
    )
    position = {message_id: i for i, message_id in enumerate(page_ids)}
    rows = sorted((QueueRow(*r) for r in session.execute(query)), key=lambda r: position[r.id])
    _attach_triage(session, rows)
    return QueuePage(rows=rows, total=total, counts=counts, page=page, pages=pages, filter=f)


def _attach_triage(session: Session, rows: list[QueueRow]) -> None:
    ids = [r.id for r in rows]
    if not ids:
        return
    by_id = {r.id: r for r in rows}
    triages = session.exec(
        select(TriageResult.message_id, TriageResult.intents, TriageResult.confidence).where(
            col(TriageResult.message_id).in_(ids), col(TriageResult.current).is_(True)
        )
    )
    for message_id, intents, confidence in triages:
        by_id[message_id].intents = list(intents or [])
        by_id[message_id].confidence = confidence
    drafts = session.exec(
        select(Draft.message_id, Draft.id).where(
            col(Draft.message_id).in_(ids),
            col(Draft.state).in_([DraftState.pending.value, DraftState.failed.value]),
        )
    )
    for message_id, draft_id in drafts:
        by_id[message_id].draft_id = draft_id


def neighbours(session: Session, f: QueueFilter, message_id: int) -> tuple[int | None, int | None]:
    """The cases before and after `message_id` in the queue order (for j/k on the case page).

    Keyset queries on the queue's sort key: one row each way, whatever the queue's length.
    """
    key = session.exec(
        select(Message.needs_human, Message.priority, Message.received_at).where(
            Message.id == message_id
        )
    ).first()
    if key is None:
        return None, None
    nh, prio, received = key
    m_nh, m_prio, m_recv, m_id = (
        col(Message.needs_human),
        col(Message.priority),
        col(Message.received_at),
        col(Message.id),
    )
    # "After" in (needs_human DESC, priority DESC, received_at ASC, id ASC).
    # Booleans: "after" a needs-human case come the others; nothing comes after the others.
    lower_nh = m_nh.is_(False) if nh else false()
    higher_nh = m_nh.is_(True) if not nh else false()
    after = or_(
        lower_nh,
        and_(m_nh == nh, m_prio < prio),
        and_(m_nh == nh, m_prio == prio, m_recv > received),
        and_(m_nh == nh, m_prio == prio, m_recv == received, m_id > message_id),
    )
    before = or_(
        higher_nh,
        and_(m_nh == nh, m_prio > prio),
        and_(m_nh == nh, m_prio == prio, m_recv < received),
        and_(m_nh == nh, m_prio == prio, m_recv == received, m_id < message_id),
    )
    where = _filters(f, with_state=True)
    next_id = session.exec(
        select(Message.id).where(*where, after).order_by(*QUEUE_ORDER).limit(1)
    ).first()
    reverse = (m_nh.asc(), m_prio.asc(), m_recv.desc(), m_id.desc())
    prev_id = session.exec(
        select(Message.id).where(*where, before).order_by(*reverse).limit(1)
    ).first()
    return prev_id, next_id
