"""E-mail addresses in a buyer's text: a new contact for invoices, or a stand-in while away."""

from __future__ import annotations

import re

from agent.extract.text import fold

_EMAIL = re.compile(r"(?<![\w.+-])([A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,})(?![\w-])")
# Words that say an address is the old one ("no longer", "instead of", "not ... anymore").
_OLD_MARKERS = re.compile(
    r"no longer|not .{0,20}anymore|instead of|replac|nicht mehr|statt|anstelle|ersetz|"
    r"ne plus|plus a|au lieu de|remplac|ya no|en lugar de|en vez de|sustitu|niet meer|"
    r"in plaats van|vervang|non piu|invece di|al posto di|sostitu|old address|alte adresse|"
    r"ancienne adresse|antigua direccion|oude adres|vecchio indirizzo"
)

_NEGATED = re.compile(r"\b(?:not|don't|nicht|kein\w*|pas|plus|no|niet|geen|non|mai)\b")


def emails(text: str) -> list[str]:
    """Addresses in `text`, lower-case, in order, without repeats."""
    seen: list[str] = []
    for m in _EMAIL.finditer(text):
        addr = m.group(1).rstrip(".").lower()
        if addr not in seen:
            seen.append(addr)
    return seen


def split_contact_change(text: str, sender: str, ignore: set[str]) -> tuple[str | None, str | None]:
    """(new address, old address) a contact-change message names.

    The old one is an address next to a "no longer / instead of" marker, or the sender
    when the message says invoices should stop going to them; `ignore` holds our own
    mailbox addresses.
    """
    found = [a for a in emails(text) if a not in ignore]
    if not found:
        return None, None
    folded = fold(text)
    old: str | None = None
    new: str | None = None
    for addr in found:
        pos = folded.find(addr)
        window = folded[max(0, pos - 60) : pos]
        if _OLD_MARKERS.search(window) and old is None and len(found) > 1:
            old = addr
        elif new is None and addr != sender:
            new = addr
    if new is None and old is None:
        new = found[0] if found[0] != sender else None
    # "From now on send everything to me, r.lowe@…": the writer is the new contact, unless
    # their own address is the only one and is said to be the old one.
    if (
        new is None
        and sender in found
        and old != sender
        and (len(found) > 1 or not _OLD_MARKERS.search(folded))
        and not _NEGATED.search(folded[max(0, folded.find(sender) - 40) : folded.find(sender)])
    ):
        return sender, old
    if old is None and new is not None and _OLD_MARKERS.search(folded):
        old = sender or None
    return new, old


def alternative_contact(text: str, sender: str, ignore: set[str]) -> str | None:
    """The first address in an auto-reply that is neither the sender nor ours."""
    for addr in emails(text):
        if addr != sender and addr not in ignore:
            return addr
    return None
