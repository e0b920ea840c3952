"""Where the signature starts in the buyer's new text.

In order: a `-- ` delimiter or an underscore rule; a mobile line ("Sent from my iPhone");
a confidentiality disclaimer; otherwise the short block after a closing line ("Best
regards,", "Mit freundlichen Grüßen") or a short closing block that starts with the
sender's name or holds contact details. Closing lines stay in the new text.
"""

from __future__ import annotations

import re

from agent.parse import patterns as p

_UNDERSCORES = re.compile(r"^_{2,}$")
_DASH_RULE = re.compile(r"^[-=~*]{4,}$")
_CONTACT = re.compile(
    r"@|https?://|www\.|\+?\d[\d ()./-]{6,}\d|\b(?:tel|phone|fax|mobile|mob|handy|tél|téléfono"
    r"|telefono|telefoon|direct)\b",
    re.IGNORECASE,
)
_CLOSINGS = {
    # en
    "best regards", "kind regards", "regards", "best", "thanks", "thank you", "many thanks",
    "thanks and regards", "thanks & regards", "cheers", "sincerely", "yours sincerely",
    "yours faithfully", "warm regards", "best wishes", "all the best", "with thanks",
    "thanks in advance", "kindest regards", "rgds", "br",
    # de
    "mit freundlichen grüßen", "mit freundlichen grüssen", "freundliche grüße",
    "freundliche grüsse", "viele grüße", "viele grüsse", "beste grüße", "beste grüsse",
    "liebe grüße", "herzliche grüße", "mfg", "gruß", "grüße", "vielen dank", "danke",
    "mit besten grüßen", "schöne grüße",
    # fr
    "cordialement", "bien cordialement", "bien à vous", "salutations", "meilleures salutations",
    "sincères salutations", "merci", "merci d'avance", "merci par avance", "bonne journée",
    "très cordialement", "respectueusement", "bien à toi",
    # es
    "saludos", "un saludo", "saludos cordiales", "atentamente", "cordialmente", "gracias",
    "muchas gracias", "un cordial saludo", "reciba un cordial saludo",
    # nl
    "met vriendelijke groet", "met vriendelijke groeten", "vriendelijke groet", "groeten",
    "groet", "mvg", "hartelijke groet", "bedankt", "alvast bedankt", "met hartelijke groet",
    # it
    "cordiali saluti", "distinti saluti", "saluti", "grazie", "grazie mille", "un saluto",
    "buona giornata", "grazie e saluti",
}  # fmt: skip
_SEGMENT = re.compile(r"\s[|•·–—-]\s|\t")
_MAX_BLOCK_LINES = 10  # a closing block longer than this is more likely content
_MAX_BLOCK_WIDTH = 90


def find_signature(lines: list[str], sender_name: str = "") -> int:
    """Index of the first signature line in `lines`, or len(lines)."""
    explicit = _explicit_signature(lines)
    # A card can sit above a delimiter or a disclaimer: "Regards, Jane, +49 ...", then "--".
    return min(explicit, _closing_block(lines[:explicit], sender_name))


def _explicit_signature(lines: list[str]) -> int:
    seen_text = False
    for i, line in enumerate(lines):
        stripped = line.strip()
        if not stripped or len(stripped) > p.MAX_LINE:
            seen_text = seen_text or bool(stripped)
            continue
        if stripped in {"--", "—"}:
            return i
        if seen_text and _UNDERSCORES.match(stripped):
            return i  # an Outlook signature rule, or a mailing-list footer
        if is_mobile_signature(stripped):
            return i
        if seen_text and p.DISCLAIMER_START.match(stripped):
            return i
        seen_text = True
    return len(lines)


def _closing_block(lines: list[str], sender_name: str) -> int:
    """A short block at the end with contact details, after a closing line or on its own.

    A bare name after "Best regards," stays in the new text: it is harmless there, while
    phone numbers and addresses in it could be read as amounts or contact changes.
    """
    content = [i for i, line in enumerate(lines) if line.strip()]
    if len(content) < 2:
        return len(lines)
    names = _name_tokens(sender_name)
    for idx in content[-(_MAX_BLOCK_LINES + 1) :]:
        if idx == content[0]:
            continue
        block = [lines[k].strip() for k in content if k >= idx]
        if any(len(b) > _MAX_BLOCK_WIDTH for b in block):
            continue
        if _is_closing(lines[idx]) and idx != content[-1]:
            rest = block[1:]
            if any(_CONTACT.search(b) for b in rest) or _is_named_card(rest, names):
                return next(k for k in content if k > idx)
            continue
        if _starts_paragraph(lines, idx) and _is_card(block, names):
            return idx
    return len(lines)


def _is_closing(line: str) -> bool:
    return line.strip().rstrip(",.!:;").strip().lower() in _CLOSINGS


def _starts_paragraph(lines: list[str], idx: int) -> bool:
    return idx > 0 and not lines[idx - 1].strip()


def _is_card(block: list[str], names: set[str]) -> bool:
    """A rule or a name line followed by contact details, or the sender's name and more."""
    first = block[0]
    if len(block) < 2:
        return False
    if _DASH_RULE.match(first):
        return any(_CONTACT.search(b) for b in block[1:])
    if _is_named_card(block, names):
        return True
    return _looks_like_name(first) and any(_CONTACT.search(b) for b in block[1:])


def _is_named_card(block: list[str], names: set[str]) -> bool:
    """At least two lines, the first a short line that starts with the sender's name."""
    if len(block) < 2 or not names:
        return False
    head = _first_segment(block[0])
    words = re.findall(r"[\w'-]+", head.lower())
    return 0 < len(words) <= 5 and words[0] in names and not head.endswith((".", "?", "!", ":"))


def _first_segment(line: str) -> str:
    """ "Jane Doe | AP Clerk | Acme" -> "Jane Doe": cards put a title after the name."""
    return _SEGMENT.split(line.strip(), maxsplit=1)[0].strip()


def _looks_like_name(line: str) -> bool:
    """ "Jane Doe", "-John Doe", "Dr. Anna Schmidt": one to four capitalised words."""
    words = _first_segment(line).strip("-/ ").split()
    if not 1 <= len(words) <= 4:
        return False
    return all(w[0].isupper() and all(ch.isalpha() or ch in ".-'" for ch in w) for w in words)


def _name_tokens(sender_name: str) -> set[str]:
    return {t for t in re.findall(r"[\w'-]+", sender_name.lower()) if len(t) >= 3}


def is_mobile_signature(line: str) -> bool:
    """ "Sent from my iPhone" and kin, but not "Sent from my desk, is much easier"."""
    if len(line) > 160:
        return False
    if p.MOBILE_WHOLE.match(line):
        return True
    prefix = p.MOBILE_PREFIX.match(line)
    if prefix is None:
        return False
    rest = line[prefix.end() :]
    head = rest
    for stop in ",.;!(<[":
        head = head.split(stop, 1)[0]
    if p.DEVICE_WORDS.search(head):
        return True
    # "Sent from my TI-85": a short device name that ends the line.
    return len(head.split()) <= 3 and head.strip() == rest.strip().rstrip(".")
