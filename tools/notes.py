"""Notes, tasks, proposed contact changes and requests for a human."""

from __future__ import annotations

from records.ledger import ContactChange, Note, Task
from tools.args import AddNoteArgs, CreateTaskArgs, ProposeContactChangeArgs, RequestHumanArgs
from tools.context import ToolContext
from tools.result import ToolResult


def add_note(ctx: ToolContext, args: AddNoteArgs) -> ToolResult:
    note = Note(account_id=ctx.account_id, message_id=ctx.message_pk, text=args.text)
    ctx.session.add(note)
    ctx.session.flush()
    return ToolResult(result={"note_id": note.id}, summary=f"Note: {args.text[:120]}")


def create_task(ctx: ToolContext, args: CreateTaskArgs) -> ToolResult:
    task = _task(ctx, args.kind, args.title, dict(args.details))
    return ToolResult(
        result={"task_id": task.id, "kind": task.kind},
        summary=f"Task ({task.kind}) created: {args.title}",
    )


def propose_contact_change(ctx: ToolContext, args: ProposeContactChangeArgs) -> ToolResult:
    """Proposes the change for a collector to apply; the contact list stays as it is."""
    change = ContactChange(
        account_id=ctx.account_id or "",
        message_id=ctx.message_pk,
        new_email=args.new_email,
        new_name=args.new_name,
        old_email=args.old_email,
    )
    ctx.session.add(change)
    ctx.session.flush()
    what = " / ".join(x for x in (args.new_name, args.new_email) if x)
    replaces = f" replacing {args.old_email}" if args.old_email else ""
    task = _task(
        ctx,
        "contact_change",
        f"Review contact change to {what}{replaces}",
        {"contact_change_id": change.id, **args.model_dump(mode="json")},
    )
    return ToolResult(
        result={"contact_change_id": change.id, "task_id": task.id, "status": change.status},
        summary=f"Contact change to {what}{replaces} proposed for a collector (task {task.id})",
    )


def request_human(ctx: ToolContext, args: RequestHumanArgs) -> ToolResult:
    """Marks the case for a collector; the reason lands in the message's needs-human list."""
    return ToolResult(
        result={"needs_human": True, "reason": args.reason},
        summary=f"Needs a collector: {args.reason}",
        needs_human=True,
    )


def _task(ctx: ToolContext, kind: str, title: str, details: dict[str, object]) -> Task:
    task = Task(
        account_id=ctx.account_id,
        message_id=ctx.message_pk,
        kind=kind,
        title=title[:500],
        details=details,
    )
    ctx.session.add(task)
    ctx.session.flush()
    return task
