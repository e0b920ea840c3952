"""Messages that try to instruct the assistant, or ask for other customers' data."""

from __future__ import annotations

import re
from functools import lru_cache

from agent.extract.text import fold

_INJECTION = (
    # Overriding the instructions.
    r"(?:ignore|disregard|forget|override|bypass)\s+(?:all\s+|any\s+|the\s+|your\s+)*"
    r"(?:previous|prior|above|earlier|preceding|existing|system|original)?\s*"
    r"(?:instructions|rules|prompts?|guidelines|directives|policies)",
    r"ignorier\w*\s+(?:alle\s+)?(?:vorherigen|bisherigen|obigen|deine|ihre)?\s*"
    r"(?:anweisungen|instruktionen|regeln)",
    r"vergiss\s+(?:alle\s+)?(?:deine\s+|vorherigen\s+)?(?:anweisungen|instruktionen|regeln)",
    r"ignor\w*\s+(?:toutes\s+)?(?:les|vos|tes)\s+(?:instructions|consignes|regles)",
    r"oubli\w*\s+(?:toutes\s+)?(?:les|vos|tes)\s+(?:instructions|consignes)",
    r"ignora\w*\s+(?:todas\s+)?(?:las|tus|sus)\s+(?:instrucciones|reglas)",
    r"olvida\w*\s+(?:todas\s+)?(?:las|tus|sus)\s+instrucciones",
    r"negeer\s+(?:alle\s+)?(?:vorige|eerdere|voorgaande|je|jouw|de)?\s*(?:instructies|opdrachten|regels)",
    r"vergeet\s+(?:alle\s+)?(?:je|jouw|de)?\s*(?:instructies|opdrachten)",
    r"ignora\w*\s+(?:tutte\s+)?(?:le|tue)\s+(?:istruzioni|regole)",
    r"dimentica\w*\s+(?:tutte\s+)?(?:le\s+)?(?:tue\s+)?istruzioni",
    # Role play and prompt talk.
    r"\b(?:en tant qu'|as (?:the |an |your )?|als (?:der |die )?|como |come |in qualita di )"
    r"(?:ai|ki|ia|virtual|automated)[- ]?(?:assistant|assistente|asistente|assistent)\b",
    r"\b(?:assistant|assistente|asistente|assistent)e?\s+(?:ia|ki|ai|virtuel\w*|virtual|virtuale)\b",
    r"\b(?:automated|automatic|ai) (?:assistants?|systems?|agents?|tools?)\s*[:,]",
    r"\b(?:do not|don't|never) (?:forward|escalate|show|pass) (?:this|it)\b.{0,30}"
    r"\b(?:human|person|colleague|staff|employee|collector)",
    r"\b(?:do not|don't) (?:involve|tell|inform) (?:a |any )?(?:human|person|colleague|collector)",
    r"\bne (?:transmettez|transferez|montrez|faites suivre) pas ce (?:message|mail|courriel)",
    r"\b(?:leiten sie|zeigen sie) (?:diese nachricht|dies) nicht\b",
    r"\bnicht an (?:einen )?mitarbeiter",
    r"\bno (?:reenvie|reenvies|muestre|muestres|pase) (?:este|el) (?:mensaje|correo)",
    r"\b(?:stuur|toon) dit (?:bericht )?niet door\b",
    r"\bniet doorsturen naar (?:een )?(?:medewerker|collega)",
    r"\bnon (?:inoltrare|inoltrate|mostrare|girare) (?:questo|il) (?:messaggio|mail)",
    r"\byou are now\b",
    r"\bfrom now on,? you\b",
    r"\bact as (?:an?|the)\b",
    r"\bpretend (?:to be|you are)\b",
    r"\bdu bist (?:jetzt|nun|ab sofort)\b",
    r"\b(?:tu es|vous etes) (?:maintenant|desormais)\b",
    r"\bahora eres\b",
    r"\bje bent (?:nu|vanaf nu)\b",
    r"\b(?:ora|adesso) sei\b",
    r"system ?prompt",
    r"prompt (?:systeme|del sistema|di sistema)",
    r"developer mode",
    r"jailbreak",
    r"\bdan mode\b",
    r"<\s*/?\s*system\s*>",
    r"\[\s*system\s*\]",
    r"(?:^|\n)\s*(?:system|assistant)\s*:",
    r"### ?instruction",
    r"(?:ai|ki|ia)[- ]?(?:assistant|assistent|agent)\b.{0,40}"
    r"\b(?:must|should|shall|muss|soll|doit|debe|moet|deve)\b",
    r"\bnote to (?:the )?(?:ai|assistant|model|bot)\b",
    r"\[\s*(?:system|sistema|systeme|systeem|admin)\s*\]",
    r"\b(?:admin(?:istrator)?|developer|god) mode\b",
    r"modo (?:administrador|desarrollador)",
    r"mode (?:administrateur|developpeur)",
    r"(?:administrator|admin|entwickler)modus",
    r"beheerders?modus",
    r"modalita (?:amministratore|sviluppatore)",
    r"(?:an das|to the|au|al|aan het|al) (?:automatische[n]? |automated |automatique |automatico |"
    r"automatisch )?(?:system|systeme|sistema|systeem|robot|bot|ki|ia)\s*:",
    r"message (?:pour|au) (?:le |l')?(?:robot|systeme|assistant|ia)",
    r"mensaje (?:para|al) (?:el )?(?:robot|sistema|asistente)",
    r"bericht (?:voor|aan) (?:het |de )?(?:systeem|robot|assistent)",
    r"messaggio per (?:il )?(?:robot|sistema|assistente)",
    # Changing the records.
    r"\bmark\b.{0,60}\bas (?:fully )?paid\b",
    r"\bset\b.{0,40}\b(?:balance|amount|open amount)\b.{0,20}\bto\b",
    r"als (?:vollstandig )?(?:bezahlt|beglichen) (?:markier|kennzeichn|buch|setz)",
    r"(?:markier|kennzeichn|buch|setz)\w*\s.{0,60}\bals (?:vollstandig )?(?:bezahlt|beglichen)",
    r"marqu\w*\s.{0,60}\bcomme (?:payee|reglee|paye)",
    r"marc\w*\s.{0,60}\bcomo (?:pagad|abonad)",
    r"(?:markeer|zet)\w*\s.{0,60}\bals (?:betaald|voldaan)",
    r"segn\w*\s.{0,60}\bcome (?:pagat|saldat)",
    r"\bwrite[- ]off\b.{0,40}\b(?:invoice|balance)",
    r"\b(?:delete|remove|cancel)\b.{0,30}\b(?:all )?(?:reminders|dunning)\b.{0,30}"
    r"\b(?:for all|permanently)",
    r"\bchange (?:the |your |our )?bank (?:details|account)",
    r"\bupdate (?:the |your )?(?:iban|bank details)",
    r"\bresume dunning\b",
    r"\bstop (?:all )?dunning (?:for )?(?:all|every)",
    r"bankverbindung (?:andern|aendern)",
    r"(?:modifi|chang)\w* (?:les |vos )?coordonnees bancaires",
    r"cambi\w* (?:los |sus )?datos bancarios",
    r"bankgegevens (?:wijzig|aanpass)",
    r"(?:cambi|modific)\w* (?:le |i )?coordinate bancarie",
    # (Documents asked to go to an address: the guard judges those by the address's domain.)
    r"\bforward (?:all|every)\b",
)

_OTHER_CUSTOMERS = (
    r"(?:invoices?|statements?|balances?|accounts?|details|data|information|contacts?|iban|payments?"
    r"|open items|addresses)\s+(?:of|for|from|belonging to)\s+"
    r"(?:an?other|other|all(?: of)?(?: your)?|your other|every|each)\s+"
    r"(?:customers?|clients?|companies|accounts|buyers)",
    r"\b(?:other|all(?: of)? your|all|every)\s+(?:customers?|clients?)'?s?\s+"
    r"(?:invoices|data|balances|details"
    r"|statements|accounts|contact)",
    r"\b(?:list|overview|names)\s+of\s+(?:all\s+)?(?:your\s+)?(?:other\s+)?(?:customers|clients)",
    r"\bcustomer list\b",
    r"\bclient list\b",
    r"(?:anderen|anderer|aller|alle)\s+kunden",
    r"kundenliste",
    r"ubrigen kunden",
    r"(?:d'autres|des autres|de tous (?:les|vos)|autres)\s+clients",
    r"liste (?:de vos |des )?clients",
    r"(?:de )?(?:otros|todos los|los demas)\s+clientes",
    r"lista de (?:sus |tus )?clientes",
    r"(?:andere|alle|overige)\s+klanten",
    r"klantenlijst",
    r"klantenbestand",
    r"(?:altri|tutti i)\s+clienti",
    r"elenco (?:dei |dei vostri )?clienti",
    r"anagrafica clienti",
)
_COMPANY_SUFFIX = (
    r"gmbh|ag|kg|sarl|sas|sa|s\.a\.|sl|s\.l\.|bv|b\.v\.|nv|n\.v\.|spa|s\.p\.a\.|srl|s\.r\.l\."
    r"|ltd|limited|inc|corp|llc|plc"
)
_DOC_WORDS = (
    r"invoices?|statements?|balance|account|rechnung\w*|kontoauszug|saldo|offene posten|"
    r"factures?|releve|solde|facturas?|extracto|facturen|factuur|rekeningoverzicht|"
    r"fattur\w*|estratto conto|data|daten|donnees|datos|gegevens|dati"
)
_NAMED_COMPANY = (
    rf"(?:{_DOC_WORDS})\b.{{0,40}}?\b(?:of|for|from|von|der|fur|de|du|des|del|van|di|della|dello)\s+"
    rf"(?P<name>(?:[a-z0-9&'-]+\s+){{0,4}}?(?:{_COMPANY_SUFFIX}))(?![\w])"
)


@lru_cache(maxsize=1)
def _compiled() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    return (
        re.compile("|".join(f"(?:{p})" for p in _INJECTION)),
        re.compile("|".join(f"(?:{p})" for p in _OTHER_CUSTOMERS)),
        re.compile(_NAMED_COMPANY),
    )


def injection_sentences(text: str) -> list[str]:
    """The passages of `text` that try to instruct the assistant (empty when none)."""
    pattern = _compiled()[0]
    folded = fold(text)
    return [text[m.start() : m.end()] for m in pattern.finditer(folded)]


def other_customer_request(text: str, own_names: list[str]) -> str | None:
    """The passage asking for another customer's data, or None.

    A company named with a legal suffix counts unless it is one of `own_names` (the
    matched account's name, our own company).
    """
    _, generic, named = _compiled()
    folded = fold(text)
    hit = generic.search(folded)
    if hit:
        return text[hit.start() : hit.end()]
    own = [fold(n) for n in own_names if n]
    for m in named.finditer(folded):
        name = m.group("name").strip()
        core = re.sub(rf"\s*(?:{_COMPANY_SUFFIX})$", "", name).strip()
        if not core or any(core in o or o.startswith(core) or _same_group(core, o) for o in own):
            continue
        return text[m.start() : m.end()]
    return None


def _same_group(core: str, own: str) -> bool:
    """ "Solmar Canarias" beside "Solmar Hoteles": one group's companies share a first name."""
    first, mine = core.split()[0], own.split()[0] if own.split() else ""
    return len(first) >= 4 and first == mine


_HIDDEN_STYLE = re.compile(
    r"display\s*:\s*none|visibility\s*:\s*hidden|font-size\s*:\s*0(?:\.0+)?(?:px|pt|em)?\s*(?:;|$)"
    r"|color\s*:\s*(?:#fff(?:fff)?|white|rgba?\([^)]*,\s*0\))|opacity\s*:\s*0(?:\.0+)?\s*(?:;|$)"
    r"|max-height\s*:\s*0|height\s*:\s*0(?:px)?\s*;.*overflow\s*:\s*hidden",
    re.IGNORECASE,
)


def hidden_html_text(html: str | None) -> str:
    """Text a reader cannot see (display:none, zero size, white on white), joined."""
    if not html or not _HIDDEN_STYLE.search(html):
        return ""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    parts: list[str] = []
    for tag in soup.find_all(style=_HIDDEN_STYLE):
        text = tag.get_text(" ", strip=True)
        if text:
            parts.append(text)
    for tag in soup.select("[hidden]"):
        text = tag.get_text(" ", strip=True)
        if text:
            parts.append(text)
    return " ".join(parts)


def looks_like_instruction(hidden: str) -> bool:
    """Hidden text that is more than a tracking pixel's alt text."""
    if injection_sentences(hidden):
        return True
    words = re.findall(r"[^\W\d_]{2,}", hidden)
    return len(words) >= 6
