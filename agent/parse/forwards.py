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


def read_forward(parts: ReplyParts, subject: str, sender_name: str = "") -> ReplyParts:
    """`parts` with the forwarded message as new text when the cover note only points at it."""
    if not _FORWARD_SUBJECT.match(subject) or not parts.quoted_text:
        return parts
    if len(_WORD.findall(parts.new_text)) > _COVER_WORDS or any(
        c.isdigit() for c in parts.new_text
    ):
        return parts
    inner = split_reply(parts.quoted_text, sender_name=sender_name)
    if not inner.new_text:
        return parts
    cover = parts.new_text.strip()
    return ReplyParts(
        new_text=f"{cover}\n\n{inner.new_text}" if cover else inner.new_text,
        quoted_text=inner.quoted_text,
        signature=parts.signature,
    )
