"""Who a reply goes to, its subject and its threading headers."""

from __future__ import annotations

import re

from agent.context import AccountContext
from agent.schema import ParsedMessage

# Reply and forward prefixes of the common mail clients and languages: RE, AW (de),
# WG (de fwd), FW/FWD, TR (fr fwd), SV (sv/da/no), R/RV (it, es), Antw (nl), VS (fi), ENC.
_PREFIXES = re.compile(
    r"^\s*(?:(?:re|aw|wg|fw|fwd|tr|sv|r|rv|antw|vs|enc|odp|ref)\s*(?:\[\d+\]|\(\d+\))?\s*[:：]\s*)+",
    re.IGNORECASE,
)


def strip_reply_prefixes(subject: str) -> str:
    """`RE: AW: Fwd: Invoice` → `Invoice`."""
    return _PREFIXES.sub("", " ".join(subject.split()))


def reply_subject(original: str, fallback: str) -> str:
    """`Re: <original>` with one prefix only; `Re: <fallback>` when there was no subject."""
    return f"Re: {strip_reply_prefixes(original) or fallback}"


def reply_references(parsed: ParsedMessage) -> list[str]:
    """The thread's References plus the message answered, each once, oldest first."""
    return thread_references(parsed.references, parsed.message_id)


def thread_references(references: list[str], message_id: str | None) -> list[str]:
    """`references` plus `message_id` (the message answered), each once, oldest first."""
    return list(dict.fromkeys(r for r in [*references, message_id] if r))


def is_verified_address(address: str, context: AccountContext) -> bool:
    """A known contact of the account, or an address at one of its domains (DOMAIN.md)."""
    address = address.strip().lower()
    if not address or "@" not in address:
        return False
    if any(contact.email.lower() == address for contact in context.contacts):
        return True
    domains = {d.lower() for d in (context.account.domains if context.account else [])}
    return address.rsplit("@", 1)[1] in domains


def reply_recipient(parsed: ParsedMessage, context: AccountContext) -> str:
    """Reply-To only when it is verified for the account; otherwise the sender's address."""
    if parsed.reply_to and is_verified_address(parsed.reply_to, context):
        return parsed.reply_to.strip().lower()
    return parsed.from_addr
