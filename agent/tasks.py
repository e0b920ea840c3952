"""The tasks the tools leave for people: a payment plan to decide, a payment claim to
match in cash application, a contact change to check, a broken promise or a bounce to
follow up. Each is done by a person, and who did it when stays in the audit trail.
"""

from __future__ import annotations

from typing import get_args

from sqlmodel import Session, select

from agent.review import ConflictError, NotFoundError, log_activity
from records.inbox import User
from records.ledger import Task
from tools.args import TaskKind

TASK_KINDS: tuple[str, ...] = get_args(TaskKind)  # the kinds the create_task tool takes


def complete_task(*, session: Session, user: User, task_id: int, note: str = "") -> Task:
    """Mark the task done; twice is a no-op."""
    task = session.get(Task, task_id)
    if task is None:
        raise NotFoundError(f"task {task_id} not found")
    if task.status == "done":
        return task
    if task.status != "open":
        raise ConflictError(f"the task is {task.status}; it cannot be done")
    task.status = "done"
    session.add(task)
    log_activity(
        session=session,
        user=user,
        action="complete_task",
        target="message" if task.message_id else "task",
        target_id=task.message_id or task.id,
        details={"task_id": task.id, "kind": task.kind, "note": note.strip()[:2000]},
    )
    return task


def complete_contact_change_tasks(
    *, session: Session, user: User, message_id: int | None, change_id: int
) -> None:
    """The contact_change task of a change a collector has just decided is done with it."""
    if message_id is None:
        return
    tasks = session.exec(
        select(Task).where(
            Task.message_id == message_id, Task.kind == "contact_change", Task.status == "open"
        )
    )
    for task in tasks:
        if (task.details or {}).get("contact_change_id") == change_id:
            complete_task(session=session, user=user, task_id=task.id or 0)
