"""Addresses that read no mail: a reply sent there is lost, so none is drafted or sent.

Both the agent (which drafts no reply to such an address) and the SMTP sender (which
refuses one, whoever wrote it) ask the same question here.
"""

from __future__ import annotations

import re
from email.utils import parseaddr

_SEP = r"[-_.]?"
# The spellings AP systems and portals use, in the languages of the mailboxes we serve.
_NO_REPLY_WORDS = [
    "no reply",
    "do not reply",
    "no responder",  # es
    "no responda",
    "ne pas r[eé]pondre",  # fr
    "nicht antworten",  # de
    "keine antwort",
    "non rispondere",  # it
    "niet beantwoorden",  # nl
    "geen antwoord",
]
_NO_REPLY = re.compile(
    r"(^|[._+-])("
    + "|".join(_SEP.join(word.split()) for word in _NO_REPLY_WORDS)
    + r")([._+-]|\d|$)",
    re.IGNORECASE,
)
_SYSTEM_LOCALS = {"mailer-daemon", "mailerdaemon", "postmaster"}


def takes_no_replies(address: str) -> bool:
    """A no-reply or system mailbox (noreply@, do-not-reply@, mailer-daemon@, ...)."""
    local = parseaddr(address)[1].lower().split("@", 1)[0]
    return local in _SYSTEM_LOCALS or _NO_REPLY.search(local) is not None
