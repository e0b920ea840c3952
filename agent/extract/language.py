"""The language a buyer wrote in, among the six arinbox answers in.

The parser's guess (py3langid over the new text) is one vote; the local model's own
char n-gram classifier is another; frequent short words settle short messages
("Danke, bezahlt.") where n-gram statistics alone waver.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from agent.schema import LANGUAGES

_STOPWORD_TEXT = {
    "en": "the and we you your our will have has for please thanks thank is are this that "
    "with of to be not paid invoice regards hi hello dear kind",
    "de": "der die das und wir sie ihr ihre unsere wird werden haben ist nicht mit bitte "
    "danke vielen gruss grusse grüße freundlichen rechnung bezahlt hallo sehr geehrte "
    "auf für den dem ein eine zu ich uns",
    "fr": "le la les et nous vous votre notre est sont pas avec pour merci bonjour "
    "cordialement facture payé payée une des du au ce cette sur je",
    "es": "el la los las y nosotros usted su nuestro es son no con para gracias hola "
    "saludos factura pagado pagada una del al esta este por que estimados",
    "nl": "de het een en wij we u uw onze is zijn niet met voor bedankt dank hallo "
    "groet groeten factuur betaald van op dat deze ik graag",
    "it": "il lo la gli le e noi voi vostra nostra sono non con per grazie buongiorno "
    "saluti cordiali fattura pagato pagata una del della che questa di",
}
_STOPWORDS: dict[str, frozenset[str]] = {
    lang: frozenset(words.split(" ")) for lang, words in _STOPWORD_TEXT.items()
}
_WORD = re.compile(r"[^\W\d_]+")
_NOISE = re.compile(r"\S+@\S+|https?://\S+")


def stopword_shares(text: str) -> dict[str, float]:
    """Per language, the share of `text`'s words that are its frequent short words."""
    words = [w.lower() for w in _WORD.findall(_NOISE.sub(" ", text))]
    if not words:
        return dict.fromkeys(LANGUAGES, 0.0)
    return {lang: sum(1 for w in words if w in _STOPWORDS[lang]) / len(words) for lang in LANGUAGES}


def choose_language(
    text: str, parser_guess: str | None, learned: Mapping[str, float] | None, default: str = "en"
) -> str:
    """Combine the parser's guess, the learned probabilities and the stopword shares."""
    if not _WORD.search(text):
        return parser_guess if parser_guess in LANGUAGES else default
    shares = stopword_shares(text)
    scores = {lang: 1.5 * shares[lang] for lang in LANGUAGES}
    for lang, p in (learned or {}).items():
        if lang in scores:
            scores[lang] += p
    if parser_guess in scores:
        scores[parser_guess] += 0.45
    return max(LANGUAGES, key=lambda lang: scores[lang])
