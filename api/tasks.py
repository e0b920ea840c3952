"""The task list: what the tools left for people, open first, one page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, col, select

from records.inbox import Message
from records.ledger import Account, Task

PAGE_SIZE = 50


@dataclass
class TaskFilter:
    status: str = "open"  # open | done | all
    kind: str | None = None
    account: str | None = None
    page: int = 1
    per_page: int = PAGE_SIZE


@dataclass
class TaskRow:
    task: Task
    account_name: str | None
    subject: str | None  # the case's subject, when the task came from a message


@dataclass
class TaskPage:
    rows: list[TaskRow]
    total: int
    counts: dict[str, int]  # open tasks per kind, under the account filter
    page: int
    pages: int


def list_tasks(session: Session, f: TaskFilter) -> TaskPage:
    """Oldest first: a task waits in the order it was left."""
    where = []
    if f.status in ("open", "done"):
        where.append(Task.status == f.status)
    if f.kind:
        where.append(Task.kind == f.kind)
    if f.account:
        where.append(Task.account_id == f.account)
    total = int(session.exec(select(func.count()).select_from(Task).where(*where)).one())
    per_page = max(1, min(f.per_page, 200))
    pages = max(1, -(-total // per_page))
    page = max(1, min(f.page, pages))
    rows = session.exec(
        select(Task, Account.name, Message.subject)
        .join(Account, col(Account.id) == col(Task.account_id), isouter=True)
        .join(Message, col(Message.id) == col(Task.message_id), isouter=True)
        .where(*where)
        .order_by(col(Task.created_at), col(Task.id))
        .offset((page - 1) * per_page)
        .limit(per_page)
    )
    counted = select(Task.kind, func.count()).where(Task.status == "open")
    if f.account:
        counted = counted.where(Task.account_id == f.account)
    counts = {kind: int(n) for kind, n in session.exec(counted.group_by(Task.kind))}
    return TaskPage(
        rows=[TaskRow(task, name, subject) for task, name, subject in rows],
        total=total,
        counts=counts,
        page=page,
        pages=pages,
    )
