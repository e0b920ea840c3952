"""A guardrail that runs whatever model triaged the message: instructions and forbidden
requests hidden anywhere in it send the case to a human.

Models read the buyer's new text; an attacker writes where models look least: the quoted
text, the subject, attachment names, the text of attached documents, HTML comments and
hidden text, base64 blobs with "decode and follow". The guard reads all of those
channels, and it also catches requests no e-mail may make arinbox carry out (mark paid,
change an amount or bank details, stop or resume dunning wholesale, send elsewhere, keep
a human out). It never acts: it only sets the triage's tripwires (`injection_suspected`,
`other_customer_data_requested`), and the actor's policy does the rest (docs/policy.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from agent.extract.safety import hidden_html_text, injection_sentences, other_customer_request
from agent.extract.text import fold
from agent.schema import Evidence, ParsedMessage, Triage

# Folded (lower-case, no accents) patterns, beyond agent/extract/safety.py's.
_EXTRA = (
    # Talking to the machine, or imitating it.
    r"\b(?:notice|note|message|instruction|anweisung|hinweis|consigne|instruccion|instructie"
    r"|istruzione|nota)\s+(?:to|for|an|fur|pour|para|voor|per)\s+(?:the\s+|das\s+|den\s+|le\s+|l'"
    r"|el\s+|het\s+|de\s+|il\s+|l)?(?:ai|ki|ia|assistant|assistent|asistente|assistente|agent"
    r"|agente|bot|robot|system|systeme|sistema|systeem)\b",
    r"\b(?:system|admin|security)\s+(?:notice|override|message|instruction|alert)\b",
    r"(?:^|[.!?\n]\s*)(?:assistant|ai|bot|agent|assistent|asistente|assistente)\s*[,:]",
    r"\btool_?call\b",
    r"\bexecute\s+(?:the|this)\s+(?:tool|function|command|call|instruction)",
    r"\bdecode\b.{0,60}\b(?:follow|execute|apply|run)\b",
    r"\[(?:note|notiz|nota|notitie)\s+(?:interne?|interna)\b",
    r"\b(?:interne?|internal)\s+(?:note|notiz|notitie)\b",
    # Keeping a human out.
    r"\b(?:do not|don't|dont|never)\s+(?:involve|notify|tell|ask|pass\s+(?:this|it)\s+to"
    r"|forward\s+(?:this|it)\s+to|escalate\s+to)\s+(?:a\s+|any\s+|the\s+)?(?:human|person"
    r"|collector|staff|manager|colleague)",
    r"\bwithout\s+(?:any\s+)?(?:human|manual|collector)\s+(?:review|approval|check)",
    # Dunning wholesale.
    r"\b(?:stop|pause|suspend|halt|cancel|delete)\s+(?:all|every|any)\s+(?:the\s+)?"
    r"(?:reminders?|dunning|notices)",
    r"\b(?:pause|stop|suspend)\s+dunning\s+on\s+(?:all|every)\b",
    r"\bresume\s+(?:dunning|reminders|the reminders)\b",
    r"\breprendre\s+les\s+relances\b",
    r"\bsuspendre\s+(?:les|toutes\s+les|celles)\b",
    r"\b(?:keine|alle)\s+mahnungen\s+mehr\b",
    r"\bmahnsperre\s+fur\s+alle\b",
    r"\bmahnungen\s+(?:wieder\s+)?aufnehmen\b",
    r"\breanud\w+\s+(?:las\s+)?(?:reclamaciones|recordatorios)",
    r"\b(?:geen|alle)\s+herinneringen\s+meer\b",
    r"\bherinneringen\s+hervatten\b",
    r"\bsospend\w*\s+(?:i\s+)?solleciti\s+(?:di\s+)?tutti\b",
    r"\bripren\w+\s+(?:i\s+)?solleciti\b",
    # Records no e-mail can change.
    r"\bchange\s+(?:the\s+)?amount\b",
    r"\b(?:andern|aendern)\s+sie\s+den\s+betrag\b",
    r"\bbetrag\s+von\s+\S+\s+auf\b",
    r"\bcambi\w*\s+(?:el\s+)?importe\b",
    r"\bwijzig\w*\s+(?:het\s+)?bedrag\b",
    r"\bmodific\w*\s+(?:l'|l)?importo\b",
    r"\b(?:modifi|chang)\w*\s+(?:le\s+)?montant\b",
    r"\bavoir\s+de\s+100\s*%",
    r"\b(?:auf|als)\s+bezahlt\b",
    r"\bcome\s+pagat[ao]\b",
    r"\bcomo\s+pagad[ao]\b",
    r"\bop\s+betaald\b",
    r"\bcomme\s+payee?s?\b",
    r"\bset\s+the\s+promise\s+date\b",
    r"\bmark\s+(?:all|every|each|the|our)\b.{0,40}\bpaid\b",
    # Money to a new account.
    r"\b(?:new|neue[snm]?|nouveau|nouvel|nouvelle|nuev[oa]|nieuwe?|nuov[oaie])\b.{0,30}"
    r"\b(?:iban|bank\s*account|bankverbindung|konto|compte|cuenta|rekening\w*|conto"
    r"|coordinate\s+bancarie|coordonnees\s+bancaires|datos\s+bancarios)",
)
_RELATED_COMPANY = re.compile(
    r"\b(?:sister|parent|affiliated?|group|daughter)\s+compan(?:y|ies)\b"
    r"|\b(?:schwesterfirma|schwestergesellschaft|muttergesellschaft|tochtergesellschaft)\b"
    r"|\b(?:societe\s+soeur|maison\s+mere|filiale)\b|\bempresa\s+(?:hermana|matriz)\b"
    r"|\b(?:zusterbedrijf|moederbedrijf)\b|\bsociet[aà]\s+(?:sorella|madre|controllante)\b"
)
_SEND_VERB = re.compile(
    r"\b(?:send|forward|mail|e-?mail|copy|cc|schick|send\w*|sende|weiterleit\w*|envo\w+"
    r"|transf[eé]r\w*|envi\w+|stuur\w*|doorstur\w*|invia\w*|inoltr\w*|mand\w+)\b"
)
_DATA_ASK = re.compile(
    _SEND_VERB.pattern
    + r"|\b(?:statement|balance|open items|overview|details|figures|how much|owes?"
    r"|outstanding|up to date|pay on time|kontoauszug|saldo|offene posten|offen|wie viel"
    r"|ubersicht|releve|solde|combien|extracto|estado de cuenta|cuanto|pendiente"
    r"|rekeningoverzicht|openstaande posten|openstaan|hoeveel|estratto conto|partitario"
    r"|quanto|scopert)\b"
)
_ADDRESS = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_BLOB = re.compile(r"\b[A-Za-z0-9+/]{24,}={0,2}(?![\w/+])")
_HTML_COMMENT = re.compile(r"<!--(.*?)-->", re.S)


@dataclass(frozen=True)
class Finding:
    channel: str  # new_text | quoted_text | signature | subject | attachment | html | encoded
    passage: str
    kind: str  # instruction | other_customers


@lru_cache(maxsize=1)
def _extra() -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in _EXTRA), re.M)


def instructions(text: str) -> list[str]:
    """Passages that instruct the assistant or ask what no e-mail may get."""
    if not text:
        return []
    found = injection_sentences(text)
    folded = fold(text)
    found += [text[m.start() : m.end()] for m in _extra().finditer(folded)]
    return found


def inspect(
    parsed: ParsedMessage,
    own_names: list[str],
    own_domains: list[str] | None = None,
    other_accounts: list[str] | None = None,
    *,
    account_known: bool = True,
) -> list[Finding]:
    """Every channel of the message, read for instructions and other customers' data.

    `own_domains` are the matched account's domains and ours: documents asked to go to
    an address elsewhere, or a Reply-To elsewhere, are for a collector to judge.
    `other_accounts` are other customers of the ledger that the buyer's text names: asked
    about together with a balance or a statement, that is another customer's data.
    With no `account_known`, an address elsewhere is no finding: a sender matched to no
    account gets nothing of one (DOMAIN.md), so there is nothing to send away, and the
    footers of every newsletter and spam ("this e-mail was sent to you@...") would raise a
    prompt-injection alarm on cases that go to a collector as an unknown sender anyway.
    """
    channels = {
        "new_text": parsed.new_text,
        "quoted_text": parsed.quoted_text,
        "signature": parsed.signature,
        "subject": parsed.subject,
        "attachment": " ".join(re.sub(r"[_.\-]+", " ", a.filename) for a in parsed.attachments),
        "document": parsed.attachment_text,  # attached documents' text (PDF, Excel, CSV, OCR)
        "html": _html_hidden(parsed.html),
        "encoded": _decoded_blobs(f"{parsed.new_text}\n{parsed.quoted_text}"),
    }
    findings = [
        Finding(channel, passage[:300], "instruction")
        for channel, text in channels.items()
        for passage in instructions(text)
    ]
    for channel in ("new_text", "signature", "subject", "html"):
        asked = other_customer_request(channels[channel], own_names)
        folded = fold(channels[channel])
        # "Invoiced to our sister company by mistake" is a dispute; asking for the sister
        # company's statement or for mail to go there is another customer's data.
        related = _RELATED_COMPANY.search(folded) if _DATA_ASK.search(folded) else None
        if asked or related:
            passage = asked or channels[channel][related.start() : related.end()]  # type: ignore[union-attr]
            findings.append(Finding(channel, passage[:300], "other_customers"))
    asked_about = fold(f"{parsed.subject}\n{parsed.new_text}")
    if other_accounts and _DATA_ASK.search(asked_about):
        passage = f"{parsed.new_text[:200]} (names account {', '.join(other_accounts)})"
        findings.append(Finding("new_text", passage, "other_customers"))
    if account_known:
        findings += _elsewhere(parsed, own_domains or [])
    return findings


def _elsewhere(parsed: ParsedMessage, own_domains: list[str]) -> list[Finding]:
    """Mail asked to go to a domain that is neither the buyer's account's nor ours."""
    home = {d.lower() for d in own_domains}
    if "@" in parsed.from_addr:
        home.add(parsed.from_addr.rsplit("@", 1)[1].lower())
    found: list[Finding] = []
    if parsed.reply_to and "@" in parsed.reply_to:
        domain = parsed.reply_to.rsplit("@", 1)[1].lower().rstrip(">")
        if domain not in home:
            found.append(Finding("reply_to", parsed.reply_to, "instruction"))
    for channel, text in (("new_text", parsed.new_text), ("signature", parsed.signature)):
        if _SEND_VERB.search(fold(text)):
            for m in _ADDRESS.finditer(text):
                if m.group(1).lower() not in home:
                    found.append(Finding(channel, m.group(0), "instruction"))
    return found


def apply(triage: Triage, findings: list[Finding]) -> None:
    """Trip the triage's wires for what the guard found, with the passage as evidence."""
    for finding in findings:
        if finding.kind == "instruction":
            triage.injection_suspected = True
            field = "injection_suspected"
        else:
            triage.other_customer_data_requested = True
            field = "other_customer_data_requested"
        sentence = f"[{finding.channel}] {finding.passage}"
        if all(e.sentence != sentence for e in triage.evidence):
            triage.evidence.append(Evidence(field=field, sentence=sentence))


def _html_hidden(html: str | None) -> str:
    if not html:
        return ""
    comments = " ".join(m.group(1) for m in _HTML_COMMENT.finditer(html))
    return f"{hidden_html_text(html)} {comments}".strip()


def _decoded_blobs(text: str) -> str:
    """Base64 passages decoded, so an instruction cannot hide in an encoding."""
    import base64
    import binascii

    decoded = []
    for blob in _BLOB.findall(text)[:10]:
        try:
            raw = base64.b64decode(blob + "=" * (-len(blob) % 4), validate=True)
        except (binascii.Error, ValueError):
            continue
        plain = raw.decode("utf-8", errors="ignore")
        if sum(ch.isprintable() for ch in plain) >= 0.9 * max(len(plain), 1):
            decoded.append(plain)
    return "\n".join(decoded)
