"""The role a date plays in its clause: a reference, something already done ("we paid on
Monday"), something refused ("we cannot pay in December") or plain, from the cues around it.
"""

from __future__ import annotations

import re

from agent.extract.dates.mention import Role
from agent.extract.dates.references import _is_reference

_CLAUSE_BREAK = re.compile(
    r"[;:!?()\n]|[,.](?=\s)|\s(?:and|but|und|aber|doch|et|mais|y|pero|en|maar|e|ma|whereas|"
    r"while|wahrend|tandis que|mientras que|terwijl|mentre)\s"
)
_PAST_CUE = re.compile(
    r"\b(?:paid|wired|transferred|remitted|settled|sent|made|went out|initiated|"
    r"executed|processed|released|ordered|approved|freigegeben|validee?s?|lancee?s?|"
    r"initiee?s?|ordonnee?s?|iniciad[oa]s?|ordenad[oa]s?|aprobad[oa]s?|tramitad[oa]s?|"
    r"goedgekeurd|geinitieerd|autorizzat[oaie]|approvat[oaie]|ordinat[oaie]|bezahlt|"
    r"gezahlt|uberwiesen|beglichen|angewiesen|ausgefuhrt|getatigt|veranlasst|erfolgte|ging|"
    r"gingen|"
    r"payee?s?|reglee?s?|viree?s?|effectuee?s?|envoyee?s?|transferee?s?|emise?s?|executee?s?|"
    r"pagad[oa]s?|transferid[oa]s?|abonad[oa]s?|realizad[oa]s?|efectuad[oa]s?|"
    r"enviad[oa]s?|fue|fueron|se pago|se realizo|salio|betaald|overgemaakt|voldaan|"
    r"verstuurd|uitgevoerd|werd|werden|pagat[oaie]|saldat[oaie]|bonificat[oaie]|"
    r"effettuat[oaie]|versat[oaie]|inviat[oaie]|eseguit[oaie]|disposto|"
    # what failed, or was talked about, on that day
    r"could not|couldn't|were not able|weren't able|konnten|n'avons pas pu|n'a pas pu|"
    r"no pudimos|no hemos podido|no se pudo|konden|niet gelukt|non siamo riusciti|"
    r"non abbiamo potuto|discussed|spoke|talked|phoned|called|besprochen|telefoniert|"
    r"gesprochen|discute|parle|telephone|hablado|hablamos|besproken|gesproken|gebeld|"
    r"discusso|parlato|telefonato|sentiti)\b"
)
# "we cannot pay in December", but "not before 4 December" names the date.
_REFUSAL = re.compile(
    r"\b(?:no|not|cannot|can't|won't|nicht|keine?|pas|aucun|ningun|niet|geen|non|nessun)\b"
)
_NOT_BEFORE = re.compile(
    r"\b(?:until|till|before|bis|vor|avant|antes|hasta|voor|tot|prima|fino|earlier than|"
    r"later than|plus tard|apres|nach|despues|na|dopo)\b"
)
_FUTURE_WORDS = (
    r"will|shall|going to|gonna|to be|plan(?:ned)?|schedul\w*|intend\w*|expect\w*|can|"
    r"could(?! not)|would|next|coming|until|no later than|latest|value date|werden|wird|werde|"
    r"geplant|vorgesehen|eingeplant|bis|spatestens|nachst\w*|kommend\w*|valuta|sera|seront|"
    r"serons|allons|vais|va|vont|prevue?s?|programmee?s?|planifiee?s?|d'ici|au plus tard|"
    r"prochain\w*|date de valeur|\w+(?:erons|irons|eront|iront)|\w{2,}(?:ara|era|ira|dra)|"
    r"fera|vamos|voy|"
    r"van a|previst[oaie]s?|programad[oa]s?|\w+(?:aremos|eremos|iremos|aran|eran|iran)|"
    r"hasta|proxim\w*|fecha valor|zal|zullen|gaan|gaat|wordt|worden|gepland|ingepland|"
    r"volgende|komende|aanstaande|uiterlijk|valutadatum|\w+(?:eremo|iremo|eranno|iranno)|"
    r"verra|sara|saranno|verranno|programmat[oaie]|entro|prossim\w*|data valuta"
)
_SET_FOR = frozenset({"for", "fur", "pour", "para", "voor", "per"})
_FUTURE_VERB = re.compile(rf"\b(?:{_FUTURE_WORDS})\b|'ll\b")


def _role(folded: str, start: int, end: int) -> Role:
    """`reference` for a date of something else, `done` for one said to be behind us."""
    if _is_reference(folded, start):
        return "reference"
    lo, hi = clause_span(folded, start, end)
    left = folded[lo:start]
    # "paid on Friday and will pay the rest on Monday": the words right before count first.
    near = " ".join(left.split()[-4:])
    if _PAST_CUE.search(near) and not (_set_for(near) or _FUTURE_VERB.search(near)):
        return "done"
    if _REFUSAL.search(near) and not _NOT_BEFORE.search(f"{near} {folded[start:end]}"):
        return "refused"
    clause = f"{left} {folded[end:hi]}"
    if _PAST_CUE.search(clause) and not (_set_for(left) or _FUTURE_VERB.search(clause)):
        return "done"
    return "plain"


def _set_for(words: str) -> bool:
    """ "ordered for Thursday", "released for payment on the 15th": a date set for later.

    "Sent payment for INV-2026-0012 on Friday" names what was paid (a number follows the
    "for"): the payment is made all the same.
    """
    split = words.split()
    return any(
        word in _SET_FOR and not (n + 1 < len(split) and any(c.isdigit() for c in split[n + 1]))
        for n, word in enumerate(split)
    )


def clause_span(folded: str, start: int, end: int) -> tuple[int, int]:
    """Where the clause holding folded[start:end] begins and ends (at most 100 chars each way)."""
    lo = max(0, start - 100)
    cuts = list(_CLAUSE_BREAK.finditer(folded, lo, start))
    if cuts:
        lo = cuts[-1].end()
    hi = min(len(folded), end + 100)
    cut = _CLAUSE_BREAK.search(folded, end, hi)
    if cut:
        hi = cut.start()
    return lo, hi


def says_ahead(clause: str) -> bool:
    """Whether a (folded) clause speaks of what will be ("will pay", "next week", "'ll").

    Unlike a date's role, "for" does not count: "paid 500 EUR for INV-1" was paid.
    """
    return bool(_FUTURE_VERB.search(clause))
