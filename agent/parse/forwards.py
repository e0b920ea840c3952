"""A forward with a short cover note: the forwarded message is what the buyer tells us.

An AP clerk forwards the bank's payment advice with "FYI" or "see below". Split as a
reply, the new text is "FYI" and the payment sits in the quoted part, where neither the
triage nor the extractors look. A bare forward (nothing above the header) already reads
as the forwarded message (agent/parse/quotes.py); a cover note of a few words changes
nothing about that, so the forwarded message joins it.

A forward is known by its subject (`FW:`, `Fwd:`, `WG:`, `TR:`, `RV:`, `I:`, `Doorst:`,
`ENC:`), since Outlook forwards carry the same "From:/Sent:" block as its replies.
"""

from __future__ import annotations

import re

from agent.parse.quotes import ReplyParts, split_reply

_FORWARD_SUBJECT = re.compile(r"^\s*(?:fwd?|wg|tr|rv|i|doorst|enc)\s*(?:\[\d+\])?\s*:", re.I)
# "FYI", "see below", "Please see the payment advice below, thanks": a pointer, no message.
_COVER_WORDS = 12
_WORD = re.compile(r"\w+")


def read_forward(parts: ReplyParts, subject: str, own_address: str = "") -> ReplyParts:
    """`parts` with the forwarded message as new text when the cover note only points at it.

    Not when the note says something of its own (a digit, a question) or the forwarded
    message is one of ours (`own_address` in its header): "FW: Payment reminder - who
    handles this?" asks about our letter, it does not repeat it to us.
    """
    if not _FORWARD_SUBJECT.match(subject) or not parts.quoted_text:
        return parts
    cover = parts.new_text.strip()
    says_more = "?" in cover or any(c.isdigit() for c in cover)
    if says_more or len(_WORD.findall(cover)) > _COVER_WORDS:
        return parts
    inner = split_reply(parts.quoted_text)
    if not inner.new_text or _from_us(parts.quoted_text, inner.new_text, own_address):
        return parts
    return ReplyParts(
        new_text=f"{cover}\n\n{inner.new_text}" if cover else inner.new_text,
        quoted_text=inner.quoted_text,
        signature=parts.signature,
    )


def _from_us(quoted: str, body: str, own_address: str) -> bool:
    """Whether the forwarded message's header (what precedes its body) names our address."""
    if not own_address:
        return False
    start = quoted.find(body[:40])
    head = quoted[:start] if start > 0 else "\n".join(quoted.splitlines()[:12])
    return own_address.lower() in head.lower()
