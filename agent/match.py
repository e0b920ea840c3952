"""Which account a message belongs to, and whether its sender is verified (DOMAIN.md).

A sender is verified when the From address is a known contact of the account or its
domain is one of the account's domains. Thread links and document numbers can find the
account too, but never verify the sender.
"""

from __future__ import annotations

from collections import Counter
from typing import Literal

from sqlalchemy import bindparam
from sqlmodel import Session, col, select

from agent.directory import directory
from agent.references import Reference, find_references
from agent.schema import AccountMatch, ParsedMessage
from records.inbox import Draft, Message
from records.ledger import Contact

# Built once (docs/mailbox.md: a statement built per call costs more than its round trip).
_CONTACT_ACCOUNTS = select(Contact.account_id).where(Contact.email == bindparam("email"))


def match_account(session: Session, parsed: ParsedMessage) -> tuple[AccountMatch, list[Reference]]:
    """The account for `parsed` and the ledger references found in its subject and text."""
    refs = find_references(session, f"{parsed.subject}\n{parsed.new_text}")
    # Numbers elsewhere find the account, and only that: a remittance advice lists the
    # invoices in its file (an AP system's address is nobody's contact); a reply quotes
    # our reminder.
    other_refs = [] if refs else find_references(session, parsed.attachment_text)
    if not refs and not other_refs:
        other_refs = find_references(session, parsed.quoted_text)
    verified_for, contact_of = _verified_accounts(session, parsed.from_addr)
    ref_accounts = Counter(ref.account_id for ref in refs or other_refs)
    thread_account = _thread_account(session, parsed)

    if verified_for:
        chosen = _prefer(verified_for, thread_account, ref_accounts)
        method: Literal["contact", "domain"] = "contact" if chosen in contact_of else "domain"
        others = sorted(set(verified_for) - {chosen})
        return AccountMatch(
            account_id=chosen, verified=True, method=method, candidates=others
        ), refs
    if thread_account is not None:
        return AccountMatch(account_id=thread_account, method="thread"), refs
    bounced_for = _bounced_accounts(session, parsed)
    if bounced_for:
        # A mail server's report on the address that failed: whose it is, never verified.
        others = bounced_for[1:]
        return AccountMatch(account_id=bounced_for[0], method="bounce", candidates=others), refs
    if len(ref_accounts) == 1:
        (account_id,) = ref_accounts
        return AccountMatch(account_id=account_id, method="reference"), refs
    if ref_accounts:
        candidates = sorted(ref_accounts)
        return AccountMatch(account_id=None, method="none", candidates=candidates), refs
    return AccountMatch(), refs


def _verified_accounts(session: Session, address: str) -> tuple[list[str], set[str]]:
    """Accounts `address` is verified for (contact or domain), and those it is a contact of."""
    if not address or "@" not in address:
        return [], set()
    address = address.lower()
    by_contact = set(session.exec(_CONTACT_ACCOUNTS, params={"email": address}).all())
    by_domain = directory(session).accounts_for_domain(address.rsplit("@", 1)[1])
    return sorted(by_contact | set(by_domain)), by_contact


def _bounced_accounts(session: Session, parsed: ParsedMessage) -> list[str]:
    """The accounts whose contacts (or domains) a bounce's failed recipients are."""
    found: list[str] = []
    for address in parsed.bounced_recipients if parsed.bounce else []:
        accounts, _ = _verified_accounts(session, address)
        found += [a for a in accounts if a not in found]
    return found


def _thread_account(session: Session, parsed: ParsedMessage) -> str | None:
    """The account of the message this one answers (ours or the buyer's earlier one).

    A bounce answers the message it returns: its Message-ID is one of ours when the mail
    that failed was a reply we sent.
    """
    ids = [
        i
        for i in [parsed.in_reply_to, *reversed(parsed.references), parsed.bounced_message_id]
        if i
    ]
    if not ids:
        return None
    account_id = session.exec(
        select(Message.account_id).where(
            col(Message.message_id).in_(ids), col(Message.account_id).is_not(None)
        )
    ).first()
    if account_id is not None:
        return account_id
    return session.exec(
        select(Message.account_id)
        .join(Draft, col(Draft.message_id) == col(Message.id))
        .where(col(Draft.outgoing_message_id).in_(ids))
    ).first()


def _prefer(verified: list[str], thread_account: str | None, refs: Counter[str]) -> str:
    """Among the accounts the sender is verified for, the one the message is about."""
    if len(verified) == 1:
        return verified[0]
    if thread_account in verified:
        return thread_account
    named = [acc for acc, _ in refs.most_common() if acc in verified]
    return named[0] if named else verified[0]
