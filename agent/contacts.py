"""A collector's decisions on who an account's contacts are.

Two moments in the queue need them. A buyer asks to change where invoices go (intent
`contact_update`): the change is only proposed (DOMAIN.md), and here a collector applies
or declines it. A message comes from an address no account knows (a new clerk, a private
address): the case reads "a collector identifies the customer", and here the collector
does, adding the sender as a contact and sending the message through the pipeline again,
now as a verified sender's. Both are a person's decision, kept in the audit trail; no
e-mail can make either happen.
"""

from __future__ import annotations

from sqlalchemy import func
from sqlmodel import Session, select

from agent.closing import reject_waiting_drafts
from agent.handwritten import sent_by_a_machine
from agent.review import ConflictError, NotFoundError, ReviewError, log_activity
from agent.tasks import complete_contact_change_tasks
from records.inbox import Message, MessageState, User
from records.ledger import Account, Contact, ContactChange
from records.types import utcnow
from records.wakeup import announce

# A case can be sent through the pipeline again from these states (none of its replies
# is approved or on its way).
IDENTIFIABLE_STATES = (
    MessageState.needs_human,
    MessageState.drafted,
    MessageState.closed,
    MessageState.rejected,
)


def decide_contact_change(
    *, session: Session, user: User, change_id: int, apply: bool
) -> ContactChange:
    """Apply the proposed change to the contacts, or decline it (kept, marked `rejected`).

    Applying: the new address becomes a contact with the old one's name and language and
    the old address is removed, or, with no new address, the contact is renamed. Deciding
    the same way twice is a no-op; the other way, a conflict.
    """
    change = session.get(ContactChange, change_id)
    if change is None:
        raise NotFoundError(f"contact change {change_id} not found")
    status = "applied" if apply else "rejected"
    if change.status == status:
        return change
    if change.status != "proposed":
        verb = "applied" if apply else "declined"
        raise ConflictError(f"the change is {change.status}; it cannot be {verb}")
    if apply:
        _apply(session, change)
    change.status = status
    session.add(change)
    complete_contact_change_tasks(
        session=session, user=user, message_id=change.message_id, change_id=change.id or 0
    )
    log_activity(
        session=session,
        user=user,
        action="apply_contact_change" if apply else "decline_contact_change",
        target="message",
        target_id=change.message_id or 0,
        details={
            "contact_change_id": change.id,
            "account": change.account_id,
            **(
                {
                    "new_email": change.new_email,
                    "new_name": change.new_name,
                    "old_email": change.old_email,
                }
                if apply
                else {}
            ),
        },
    )
    return change


def _apply(session: Session, change: ContactChange) -> None:
    old = _contact(session, change.account_id, change.old_email) if change.old_email else None
    if change.new_email:
        _upsert_contact(
            session,
            change.account_id,
            change.new_email,
            name=change.new_name or (old.name if old else ""),
            language=old.language if old else None,
        )
        if old is not None and old.email != change.new_email.strip().lower():
            session.delete(old)
    elif old is not None and change.new_name:
        old.name = change.new_name
        session.add(old)
    else:
        raise ConflictError("the change names no new address and no contact to rename")


def identify_sender(
    *, session: Session, user: User, message_id: int, account_id: str, ar_mailbox: str
) -> Message:
    """Add the case's sender as a contact of `account_id` and process the message again.

    The message goes back to `received`; a worker reads it again as a verified contact's
    (the model's refused actions are checked again, a new reply is drafted). A reply
    draft still waiting is rejected first: it was written for an unknown sender.
    """
    message = session.get(Message, message_id)
    if message is None or message.direction != "inbound":
        raise NotFoundError(f"case {message_id} not found")
    account = find_account(session, account_id)
    if account is None:
        raise ReviewError(f"no account with the id, customer number or name {account_id!r}")
    refusal = _unidentifiable(message, ar_mailbox)
    if refusal:
        raise ConflictError(refusal)
    reject_waiting_drafts(session, message, f"sender identified as a contact of {account.id}")
    _upsert_contact(
        session, account.id, message.from_addr, name=message.from_name, language=message.language
    )
    message.state = MessageState.received
    message.account_id = account.id  # until the pipeline matches it again, as a contact's
    message.error = None
    message.updated_at = utcnow()
    session.add(message)
    log_activity(
        session=session,
        user=user,
        action="identify_sender",
        target="message",
        target_id=message_id,
        details={"account": account.id, "email": message.from_addr},
    )
    announce(session)
    return message


def find_account(session: Session, key: str) -> Account | None:
    """The account a collector names: by its id, its customer number or its exact name."""
    key = " ".join(key.split())
    if not key:
        return None
    found = session.get(Account, key)
    if found is not None:
        return found
    by_number = session.exec(select(Account).where(Account.customer_number == key)).first()
    if by_number is not None:
        return by_number
    named = session.exec(select(Account).where(func.lower(Account.name) == key.lower())).all()
    return named[0] if len(named) == 1 else None


def _unidentifiable(message: Message, ar_mailbox: str) -> str | None:
    machine = sent_by_a_machine(message)
    if machine:
        return f"the message is {machine}: its address is nobody's contact"
    address = (message.from_addr or "").strip().lower()
    if "@" not in address:
        return "the message has no sender address"
    if address == ar_mailbox.strip().lower():
        return "the sender is our own address"
    if message.state not in IDENTIFIABLE_STATES:
        return f"the case is {message.state}; wait until its reply is sent or failed"
    return None


def _contact(session: Session, account_id: str, email: str) -> Contact | None:
    return session.exec(
        select(Contact).where(
            Contact.account_id == account_id, Contact.email == email.strip().lower()
        )
    ).first()


def _upsert_contact(
    session: Session, account_id: str, email: str, *, name: str, language: str | None
) -> Contact:
    contact = _contact(session, account_id, email)
    if contact is None:
        contact = Contact(account_id=account_id, email=email.strip().lower(), name=name)
    contact.name = name or contact.name
    contact.language = contact.language or language
    session.add(contact)
    session.flush()
    return contact
