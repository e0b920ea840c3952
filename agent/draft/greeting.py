"""The name a reply greets, when we can tell it is a person's name."""

from __future__ import annotations

import re

from agent.context import AccountContext
from agent.schema import ParsedMessage
from records.ledger import Contact

_NAME = re.compile(r"^[^\W\d_]+\.?(?:[ '’\-][^\W\d_]+\.?)*$")
# Words that mark a mailbox or department rather than a person.
_NOT_A_PERSON = {
    "accounts",
    "account",
    "payable",
    "payables",
    "ap",
    "ar",
    "finance",
    "billing",
    "invoice",
    "invoices",
    "invoicing",
    "accounting",
    "buchhaltung",
    "kreditoren",
    "rechnungswesen",
    "comptabilité",
    "comptabilite",
    "fournisseurs",
    "contabilidad",
    "facturación",
    "facturas",
    "administratie",
    "crediteuren",
    "amministrazione",
    "contabilità",
    "fatture",
    "team",
    "department",
    "dept",
    "info",
    "noreply",
    "support",
    "office",
    "service",
    "admin",
}
_MAX_LENGTH = 60
_MAX_WORDS = 5


def sender_contact(parsed: ParsedMessage, context: AccountContext) -> Contact | None:
    """The account's contact record for the sender's address."""
    address = parsed.from_addr.strip().lower()
    return next((c for c in context.contacts if c.email.lower() == address), None)


def clean_name(raw: str | None) -> str | None:
    """A display name fit for a greeting, or None (department mailboxes, odd text)."""
    if not raw:
        return None
    name = " ".join(raw.strip().strip("\"'").split())
    if name.count(",") == 1:  # "Doe, Jane" as Outlook writes it
        last, first = (part.strip() for part in name.split(","))
        name = f"{first} {last}".strip()
    if not name or len(name) > _MAX_LENGTH or len(name.split()) > _MAX_WORDS:
        return None
    if not _NAME.match(name):
        return None
    if any(word.lower().strip(".") in _NOT_A_PERSON for word in re.split(r"[ \-]", name)):
        return None
    return name


def greeting_name(parsed: ParsedMessage, context: AccountContext, verified: bool) -> str | None:
    """The contact's name on file for a verified sender, else the From display name."""
    contact = sender_contact(parsed, context) if verified else None
    if contact is not None and clean_name(contact.name):
        return clean_name(contact.name)
    return clean_name(parsed.from_name)
