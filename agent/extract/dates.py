"""Dates in a buyer's text, resolved against the moment the message arrived.

Explicit dates (13.11.2026, 13/11/2026, 2026-11-13, "13 novembre 2026", "November 13",
"le 1er décembre", "el 1º de diciembre", "il primo dicembre") are read day-first as
Europeans write them; relative ones resolve against `today`. Month and weekday names come
from Babel's CLDR data, so they match what each language really writes. This is regex work
rather than `dateparser.search_dates`, which is two orders of magnitude slower and guesses
on bare numbers.

How the vague ones resolve (what a collector checks a promise against):
- a date without a year is the nearer one: in "future" mode next year's once it lies more
  than five months back ("on 5 January" written in December), in "past" mode last year's
  once it lies more than 60 days ahead;
- a bare or "next" weekday is the first such day after `today`; "<weekday> next week" is
  that day of the next calendar week; "Friday week" / "Friday the 27th" as said;
- a window ends on its last working day: "this week", "end of the week", "next week",
  "end of next week", "KW 48" are a Friday; "end of the month", "in December",
  "next month", "Monatsende", "fin d'année" the last day of the month or year; "before
  Christmas" is 24 December;
- "mid-…" is the 15th (the Wednesday of a week), "early …" / "Anfang …" / "début …" the
  first day (the Monday of a week);
- "in/within N days" counts calendar days, "N business days" skips weekends (not public
  holidays), "within 48 hours" is two days on;
- "the 30th" / "am 30." / "le 30" / "el día 30" / "op de 30e" / "il 30" alone is the next
  30th (the Italian "c.m." / "p.v." name this month and the next one).

Each mention also says whether it is the date of something else ("the invoice of 2
October", "due on 30 November", "your reminder of Friday": `reference`), sits in a clause
that says it already happened ("we paid on Monday": `done`) or follows a refusal ("we
cannot pay in December", "no payments in December": `refused`; "not before 4 December"
names the date).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Literal

from agent.extract.text import fold

Direction = Literal["future", "past"]
Role = Literal["plain", "reference", "done", "refused"]
LANGS = ("en", "de", "fr", "es", "nl", "it")


@dataclass(frozen=True)
class DateMention:
    """A date the text names, with where it stands in the text."""

    value: date
    start: int
    end: int
    text: str
    kind: str  # explicit | relative | weekday | period
    role: Role = "plain"


# Number words up to the values people use for payment horizons.
_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "fourteen": 14, "fifteen": 15,
    "twenty": 20, "thirty": 30, "couple of": 2, "a couple of": 2, "few": 3,
    "ein": 1, "eine": 1, "einer": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4,
    "funf": 5, "sechs": 6, "sieben": 7, "acht": 8, "zehn": 10, "vierzehn": 14,
    "zwanzig": 20, "dreissig": 30, "dreißig": 30, "paar": 2, "ein paar": 2,
    "un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "huit": 8,
    "dix": 10, "quinze": 15, "vingt": 20, "trente": 30,
    "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5, "ocho": 8,
    "diez": 10, "quince": 15, "veinte": 20, "treinta": 30, "un par de": 2, "quelques": 3,
    "een": 1, "een paar": 2, "twee": 2, "drie": 3, "vijf": 5, "zes": 6, "zeven": 7, "tien": 10,
    "veertien": 14, "vijftien": 15, "twintig": 20, "dertig": 30,
    "due": 2, "tre": 3, "quattro": 4, "cinque": 5, "sette": 7, "otto": 8, "dieci": 10,
    "quindici": 15, "venti": 20, "trenta": 30, "un paio di": 2,
}  # fmt: skip
_UNIT_DAYS = {
    "day": 1, "days": 1, "tag": 1, "tage": 1, "tagen": 1, "jour": 1, "jours": 1,
    "dia": 1, "dias": 1, "dag": 1, "dagen": 1, "giorno": 1, "giorni": 1,
    "week": 7, "weeks": 7, "woche": 7, "wochen": 7, "semaine": 7, "semaines": 7,
    "semana": 7, "semanas": 7, "weken": 7, "settimana": 7, "settimane": 7,
    "fortnight": 14,
    "month": 30, "months": 30, "monat": 30, "monate": 30, "monaten": 30, "mois": 30,
    "mes": 30, "meses": 30, "maand": 30, "maanden": 30, "mese": 30, "mesi": 30,
}  # fmt: skip
_MONTH_UNITS = frozenset(u for u, days in _UNIT_DAYS.items() if days == 30)
# Working days: counted Monday to Friday.
_BUSINESS_UNITS = (
    "business days", "business day", "working days", "working day", "werktage", "werktagen",
    "arbeitstage", "arbeitstagen", "bankarbeitstage", "bankarbeitstagen", "geschaftstage",
    "geschaftstagen", "jours ouvres", "jours ouvrables", "dias habiles", "dias laborables",
    "werkdagen", "werkdag", "giorni lavorativi", "giorni feriali", "giorni bancari",
)  # fmt: skip

_TODAY = (
    r"today|heute|aujourd'hui|aujourd hui|hoy|vandaag|oggi|tonight|this (?:afternoon|evening)|"
    r"later today|(?:the )?end of (?:the )?(?:business )?day|close of business|eod|cob|"
    r"ce soir|cet apres-midi|esta tarde|vanmiddag|vanavond|stasera|in giornata"
)
_TOMORROW = (
    r"tomorrow|morgenochtend|morgenmiddag|morgenavond|"
    r"(?<!heute )(?<!guten )(?<!am )(?<!jeden )(?<!goede )(?<!goeie )morgen"
    r"(?! zusammen| allerseits| miteinander)|demain|"
    r"(?<!la )(?<!esta )(?<!por )(?<!de )manana|domani"
)
_AFTER_TOMORROW = (
    r"day after tomorrow|ubermorgen|apres-demain|apres demain|pasado manana|overmorgen|dopodomani"
)
# French "hier" is German and Dutch "here": only with a French word next to it.
_YESTERDAY = (
    r"yesterday|gestern|ayer|gisteren|ieri|"
    r"(?:payee?s?|reglee?s?|viree?s?|effectuee?s?|envoyee?s?|fait|depuis|des|d'|avons|ai) hier|"
    r"hier (?:soir|matin|apres-midi|nous|j'ai|le (?:virement|paiement))"
)
_BEFORE_YESTERDAY = (
    r"day before yesterday|vorgestern|avant-hier|anteayer|eergisteren|l'altro ieri|altroieri"
)

_NEXT_WEEK = (
    r"next week|the following week|nachste woche|nachsten woche|nachster woche|kommende woche|"
    r"kommenden woche|kommender woche|folgenden woche|folgender woche|"
    r"la semaine prochaine|de la semaine prochaine|semaine prochaine|la semaine suivante|"
    r"la semana que viene|de la proxima semana|la proxima semana|proxima semana|"
    r"de la semana que viene|la semana proxima|la semana entrante|de la semana entrante|"
    r"volgende week|komende week|la settimana prossima|della prossima settimana|"
    r"prossima settimana|della settimana prossima|settimana prossima|la prossima settimana"
)
_THIS_WEEK = (
    r"this week|diese woche|dieser woche|diesen woche|cette semaine|de cette semaine|"
    r"esta semana|de esta semana|esta misma semana|deze week|van deze week|questa settimana|"
    r"di questa settimana"
)
_NEXT_PREFIX = (
    r"next|this coming|coming|this|on|by|until|till|before|nachsten|nachster|kommenden|"
    r"am kommenden|am nachsten|diesen|am|bis|bis zum|bis am|spatestens|ce|ce prochain|d'ici|"
    r"avant|le|el proximo|este|el|antes del|para el|hasta el|volgende|aanstaande|komende|"
    r"deze|op|voor|uiterlijk|tot|a\.\s?s\.|questo|entro|per|il|prossimo"
)
_NEXT_SUFFIX = r"prochain|qui vient|prossimo|que viene|proximo|aanstaande|a\.\s?s\.?|p\.\s?v\.?"
_LAST_PREFIX = r"last|past|letzten|letzter|vergangenen|el pasado|afgelopen|vorige|jongstleden"
_LAST_SUFFIX = r"dernier|passe|pasado|scorso|jl\.?"

# "by month-end", not "our month-end closing".
_BY_THE = r"(?:by|at|before|until|till|for|around|on|to) (?:the )?"
_MONTH_END = (
    r"(?:the )?end of (?:the |this )?month|(?:the )?end of the current month|"
    rf"{_BY_THE}month[- ]end|"
    r"(?:the )?last (?:working |business )?day of (?:the |this )?month|"
    r"ende (?:des |dieses )?monats|monatsende|zum monatsende|monatsletzten|(?:per |zum )ultimo|"
    r"letzten (?:werk|arbeits|bankarbeits)?tag (?:des|dieses) monats|"
    r"(?:la |en )?fin (?:du |de ce |de )?mois|dernier jour (?:ouvre |ouvrable )?du mois|"
    r"(?:a )?fin(?:ales)? de(?:l)? mes|final de(?:l)? mes|(?:a )?fin(?:ales)? de este mes|"
    r"(?:el )?ultimo dia (?:habil |laborable )?del mes|a ultimos de mes|"
    r"eind(?:e)? (?:van )?(?:de|deze) maand|einde (?:van )?de maand|"
    r"laatste (?:werk)?dag van de maand|"
    r"fine (?:del |di questo )?mese|fine mese|(?:l')?ultimo giorno (?:lavorativo )?del mese|"
    # within this month ("tight on cash this month" is no date)
    r"(?:within|during|later|sometime|some time|still) (?:the |this )?month|"
    r"noch (?:in )?diese[mn]? monat|im laufe (?:des|dieses) monats|"
    r"(?:dans le )?courant du mois|en el transcurso del mes|este mismo mes|"
    r"in de loop van (?:de|deze) maand|deze maand nog|entro il mese|entro questo mese|"
    r"nel corso del mese"
)
_NEXT_MONTH_END = (
    r"(?:the )?end of (?:the )?(?:next|following) month|"
    r"ende (?:des )?(?:nachsten|kommenden|folgenden) monats|"
    r"(?:la )?fin du mois (?:prochain|suivant)|"
    r"fin(?:ales)? del (?:proximo )?mes (?:que viene|proximo)|"
    r"finales del proximo mes|fin del proximo mes|eind(?:e)? volgende maand|"
    r"einde van volgende maand|eind van de volgende maand|"
    r"fine del (?:mese prossimo|prossimo mese|mese successivo)"
)
_NEXT_MONTH_START = (
    r"(?:early|the beginning of|the start of|beginning of|start of) (?:the )?(?:next|following) "
    r"month|anfang (?:des )?(?:nachsten|kommenden|folgenden) monats|"
    r"(?:au )?debut (?:du )?mois (?:prochain|suivant)|"
    r"(?:a )?(?:principios|primeros|comienzos|inicios) del "
    r"(?:mes que viene|proximo mes|mes proximo)|"
    r"begin (?:van )?(?:de )?volgende maand|"
    r"(?:all')?inizio (?:del )?(?:mese prossimo|prossimo mese|mese successivo)|"
    r"(?:ai )?primi del (?:mese prossimo|prossimo mese)"
)
_MID_MONTH = (
    r"mid-month|mid month|the middle of (?:the |this )?month|mitte (?:des|dieses) monats|"
    r"monatsmitte|(?:a la )?mi-mois|(?:a )?mediados de(?:l)? mes|(?:half|medio) (?:van )?de(?:ze)? "
    r"maand|(?:a )?meta (?:del )?mese"
)
_NEXT_MID_MONTH = (
    r"mid-next month|mid next month|(?:the )?middle of next month|"
    r"mitte (?:des )?(?:nachsten|kommenden|folgenden) monats|(?:a la )?mi-mois prochain|"
    r"(?:a )?mediados del (?:mes que viene|proximo mes)|(?:half|medio) volgende maand|"
    r"(?:a )?meta del (?:mese prossimo|prossimo mese)"
)
_NEXT_MONTH = (
    r"next month|the following month|(?:im )?nachsten monat|(?:im )?kommenden monat|"
    r"le mois prochain|el mes que viene|el proximo mes|el mes proximo|volgende maand|"
    r"il mese prossimo|il prossimo mese|el mes entrante"
)
_YEAR_END = (
    r"(?:the )?end of (?:the |this )?year|jahresende|zum jahresende|"
    rf"{_BY_THE}year[- ]end|"
    r"ende (?:des |dieses )?jahres|(?:la )?fin (?:de l'|d')annee|fin (?:de l')?annee|"
    r"(?:a )?fin(?:ales)? de(?:l)? ano|fin de ano|eind(?:e)? van (?:het|dit) jaar|jaareinde|"
    r"fine (?:dell')?anno|entro l'anno"
)
_QUARTER_END = (
    r"(?:the )?end of (?:the |this )?quarter|quartalsende|ende (?:des )?quartals|"
    rf"{_BY_THE}quarter[- ]end|"
    r"fin (?:du )?trimestre|fin(?:ales)? del trimestre|eind(?:e)? van het kwartaal|"
    r"fine (?:del )?trimestre"
)
_BEFORE_CHRISTMAS = (
    r"before christmas|vor weihnachten|avant noel|antes de navidad|voor (?:de )?kerst(?:mis)?|"
    r"prima di natale|prima delle feste|entro natale"
)
_END_OF = r"(?:the )?end of|ende|ultimo|fin(?:ales)?(?: de)?|fin de|eind(?:e)?|fine(?: di)?"
_MID = r"mid-|mid |middle of |mitte |mi-|a mediados de |mediados de |half |medio |meta |a meta "
_START_OF = (
    r"early|(?:the )?(?:beginning|start) of|anfang|anfangs|(?:au |en )?debut|"
    r"(?:a )?(?:principios|primeros|comienzos|inicios) de|begin(?: van)?|"
    r"(?:all')?inizio(?: di)?|(?:ai |i )?primi di"
)
_IN_MONTH = (
    r"in|during|im|im laufe des|en|courant|dans le courant de|au cours du mois de|durante|"
    r"en el mes de|a lo largo de|in de loop van|nel mese di|nel corso di|a|entro"
)
_WEEK_END = (  # the current week's Friday
    r"(?:the )?end of (?:the |this )?week|(?:by )?the weekend|later this week|within the week|"
    r"(?:sometime |some time )?this week|"
    r"ende (?:der |dieser )?woche|im laufe (?:der|dieser) woche|noch diese woche|diese woche|"
    r"(?:en |d'ici (?:la )?|a la )?fin (?:de )?(?:la |cette )?semaine|cette semaine|"
    r"dans la semaine|courant de la semaine|"
    r"(?:a )?fin(?:ales)? de (?:esta |la )?semana|final de (?:esta |la )?semana|"
    r"esta (?:misma )?semana|"
    r"en el transcurso de la semana|a lo largo de la semana|"
    r"eind(?:e)? (?:van )?(?:deze|de) week|deze week|in de loop van de week|"
    r"(?:la )?fine (?:della |di questa )?settimana|fine settimana|questa settimana|in settimana|"
    r"entro la settimana|(?:vor dem|bis zum|zum) wochenende|(?:avant le|d'ici le) week-?end|"
    r"antes del fin de semana|(?:voor|tegen) het weekend|(?:prima del|entro il) weekend"
)
_NEXT_WEEK_END = (  # the next week's Friday
    r"(?:the )?end of (?:the )?(?:next|following) week|"
    r"ende (?:der )?(?:nachste[nr]?|kommende[nr]?|folgende[nr]?) woche|"
    r"(?:la )?fin de la semaine (?:prochaine|suivante)|"
    r"(?:a )?fin(?:ales)? de la (?:semana que viene|proxima semana|semana proxima)|"
    r"eind(?:e)? (?:van )?(?:de )?volgende week|"
    r"(?:la )?fine (?:della )?(?:prossima settimana|settimana prossima)|"
    r"in the course of next week|im laufe der (?:nachsten|kommenden) woche|"
    r"dans le courant de la semaine prochaine|a lo largo de la (?:semana que viene|proxima semana)|"
    r"in de loop van volgende week|nel corso della (?:prossima settimana|settimana prossima)|"
    rf"{_NEXT_WEEK}"
)
_NEXT_WEEK_START = (  # the next week's Monday
    r"early next week|(?:at )?the (?:beginning|start) of next week|"
    r"anfang (?:der )?(?:nachste[nr]?|kommende[nr]?) woche|"
    r"zu beginn der (?:nachsten|kommenden) woche|"
    r"(?:en |au )?debut (?:de )?(?:la )?semaine prochaine|"
    r"(?:a )?(?:principios|comienzos|inicios) de la (?:semana que viene|proxima semana)|"
    r"begin (?:van )?(?:de )?volgende week|"
    r"(?:all'|a |ad )?inizio (?:della )?(?:prossima settimana|settimana prossima)"
)
_AFTER_WEEKEND = (  # the next Monday
    r"after the weekend|nach dem wochenende|apres le week-?end|despues del fin de semana|"
    r"na het weekend|dopo il (?:weekend|fine settimana)"
)
_NEXT_WEEK_MID = (  # the next week's Wednesday
    r"mid-next week|mid next week|(?:the )?middle of next week|"
    r"mitte (?:der )?(?:nachste[nr]?|kommende[nr]?) woche|"
    r"(?:en |au )?milieu de (?:la )?semaine prochaine|"
    r"(?:a )?mediados de la (?:semana que viene|proxima semana)|"
    r"(?:midden|half) volgende week|"
    r"(?:a )?meta (?:della )?(?:prossima settimana|settimana prossima)"
)
_WEEK_AFTER_NEXT = r"the week after next|ubernachste[nr]? woche"
_LAST_WEEK = (
    r"last week|letzte woche|letzten woche|vergangene woche|"
    r"la semaine (?:derniere|passee)|la semana pasada|vorige week|afgelopen week|"
    r"la settimana scorsa|la scorsa settimana"
)
_EARLIER_THIS_WEEK = (
    r"earlier this week|(?:am )?anfang (?:der|dieser) woche|plus tot cette semaine|"
    r"a principios de (?:esta|la) semana|eerder deze week|all'inizio (?:della|di questa) settimana"
)
_CALENDAR_WEEK = r"calendar week|cal\.? week|week|wk|cw|kw|kalenderwoche|semaine|semana|settimana"
_IN_N = (
    r"in|within|in the next|within the next|over the next|in about|in around|"
    r"innerhalb von|innerhalb|innert|binnen|in den nachsten|in den kommenden|"
    r"innerhalb der nachsten|innerhalb der kommenden|in etwa|"
    r"dans|sous|d'ici|dans les|dans les prochains|sous les|d'ici les|"
    r"en|dentro de|en el plazo de|en un plazo de|en los proximos|en las proximas|"
    r"dentro de los proximos|de aqui a|"
    r"over|binnen de|in de komende|binnen de komende|"
    r"tra|fra|entro|nel giro di|nei prossimi|entro i prossimi|da qui a"
)
_FROM_NOW = (
    r"from now|from today|ab heute|a compter d'aujourd'hui|a partir d'aujourd'hui|"
    r"a partir de hoy|vanaf vandaag|vanaf nu|a partire da oggi|da oggi"
)


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int], frozenset[str]]:
    """Folded month names (wide and abbreviated) → 1..12, weekday names → 0..6 (Monday 0).

    The third item holds the wide month names, the ones safe to read without a day.
    """
    from babel import Locale

    months: dict[str, int] = {}
    days: dict[str, int] = {}
    wide: set[str] = set()
    for lang in LANGS:
        loc = Locale(lang)
        for context in ("format", "stand-alone"):
            for width in ("wide", "abbreviated"):
                for num, name in loc.months[context][width].items():
                    key = fold(name).rstrip(".")
                    if len(key) >= 3:
                        months.setdefault(key, num)
                        if width == "wide":
                            wide.add(key)
            for num, name in loc.days[context]["wide"].items():
                days.setdefault(fold(name), num)
    months.update({"sep": 9, "sept": 9, "marz": 3, "maerz": 3})
    for name, num in list(days.items()):
        if name.endswith("day"):  # English: "Thrusday", "Wensday"
            for typo in _typos(name):
                days.setdefault(typo, num)
    return months, days, frozenset(wide)


def _typos(word: str) -> set[str]:
    """One slip of the keyboard inside a word: two letters swapped, or one left out.

    The first and last letters stay, so no common word ("Frida", "sunda") comes out.
    """
    swapped = {word[:i] + word[i + 1] + word[i] + word[i + 2 :] for i in range(1, len(word) - 2)}
    dropped = {word[:i] + word[i + 1 :] for i in range(1, len(word) - 1)}
    return (swapped | dropped) - {word}


def _alt(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


# Words that may follow a bare day number ("le 30 au plus tard", "il 30 e non oltre").
_AFTER_DAY = (
    r"(?=\s*(?:$|[.,;:!?)\n]|-\s|(?:at the latest|latest|at|or|and|when|as|if|we|i|you|via|so|"
    r"then|once|please|au plus tard|dernier delai|et|ou|nous|je|on|sans faute|par|"
    r"a mas tardar|como muy tarde|sin falta|y|o|lo|la|le|les|los|las|"
    r"uiterlijk|en|of|wij|ik|zonder|al piu tardi|e non oltre|e|noi|senza|tramite|con|"
    r"mit|und|oder|wir|ich|spatestens|per)\b))"
)
# German "am 2. Werktag": an ordinal before a noun is no date.
_NOT_A_DAY_DE = (
    r"(?!\s*(?:werktag|arbeitstag|bankarbeitstag|geschaftstag|tag|mahnung|rate|quartal|monat|"
    r"woche|kw|kalenderwoche|lieferung|mal|stock|og|etage|jahr|halbjahr|platz|teil|pos|"
    r"zahlungserinnerung|erinnerung|rechnung|abschlag|teilzahlung|punkt|absatz|seite|"
    r"[a-z]*(?:januar|februar|marz|april|mai|juni|juli|august|september|oktober|november|"
    r"dezember))\b)"
)
_REL_MONTH = (
    r"(?P<rel>of (?:this|the|next|the next|the following|the current) month|"
    r"(?:des |dieses |diesen )?monats|d\.\s?m\.|(?:des )?(?:nachsten|kommenden|folgenden) "
    r"monats|n\.\s?m\.|"
    r"de ce mois(?:-ci)?|du mois(?: en cours| prochain| courant| suivant)?|"
    r"de este mes|del mes(?: en curso| corriente| que viene| proximo| siguiente)?|del corriente|"
    r"del proximo mes|del presente mes|"
    r"van (?:deze|de|dit|volgende|de volgende|komende) maand|"
    r"c\.\s?m\.?|p\.\s?v\.?|u\.\s?s\.?|di questo mese|del mese(?: prossimo| corrente| in corso"
    r"| successivo)?|del prossimo mese|del mese successivo)"
)


@lru_cache(maxsize=1)
def _patterns() -> list[tuple[re.Pattern[str], str]]:
    months, days, wide = _names()
    mon = _alt(list(months))
    wide_mon = _alt(wide)
    wd = _alt(list(days))
    num = _alt(list(_NUMBER_WORDS))
    unit = _alt([*_BUSINESS_UNITS, *_UNIT_DAYS])
    b = r"(?<![\w])"
    e = r"(?![\w])"
    year = r"(?P<year>\d{4})"
    ordinal = r"(?:st|nd|rd|th|er|eme|e|ste|de|ro|º|°|o|\.)?"
    day_word = r"\d{1,2}|first|premier|primer|primero|primo|ersten|erste|eerste"
    day1 = r"[0-9](?<![\w./-][0-9])[0-9]?"  # one or two digits, nothing date-like before
    specs = [
        # A digit first, then the look-behind: the regex engine skips to digits quickly.
        (
            r"(?P<year>[0-9](?<![\w][0-9])[0-9]{3})(?P<sep>[-/.])(?P<month>\d{1,2})(?P=sep)"
            rf"(?P<day>\d{{1,2}}){e}(?![.,/-]\d)",
            "iso",
        ),
        (
            rf"(?P<day>{day1})(?P<sep>[./-])(?P<month>\d{{1,2}})(?P=sep)"
            r"(?P<year>\d{4}|\d{2})(?![\w/-]|\.\d)",
            "dmy",
        ),
        (
            rf"(?P<day>{day1})/(?P<month>\d{{1,2}})/(?P<year>\d{{4}}|\d{{2}})"
            r"(?![\w/-]|\.\d)",
            "dmy",
        ),
        (rf"(?P<day>{day1})\.(?P<month>\d{{1,2}})\.(?![\w]|\d)", "dm"),
        (
            rf"(?P<day>{day1})[.-](?P<month>\d{{1,2}})"
            r"(?![\w.,:/-]?\d|\w|\s*(?:uhr|h\b|am\b|pm\b|%|eur|€))",
            "dm_lead",
        ),
        (rf"(?P<day>{day1})/(?P<month>\d{{1,2}})(?![\w/-]|[.,]\d)", "dm_slash"),
        (
            rf"{b}(?P<day>{day_word}){ordinal}(?:\s*|-)(?:of\s+|de\s+|del\s+)?(?P<mname>{mon})\.?"
            rf"(?:,?\s*(?:de\s+|del\s+)?{year}|[-']\s?(?P<yy>\d{{2}})(?![\d:]))?{e}",
            "dmonth",
        ),
        (
            rf"{b}(?P<mname>{mon})\.?\s+(?:the\s+)?(?P<day>\d{{1,2}}){ordinal}"
            rf"(?:,?\s*{year})?{e}",
            "monthd",
        ),
        (
            rf"{b}(?:(?:{_NEXT_PREFIX})\s+)?(?P<wd>{wd}),?\s+(?:the\s+|den\s+|le\s+|el\s+|"
            r"dia\s+|de\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th|er|e|ste|de|o|º|°|\.)?"
            r"(?![\w°º]|[.,/-]\d|\s*(?:uhr|h\b|am\b|pm\b|%|eur|€|:))",
            "wd_day",
        ),
        (
            r"(?<![\w])(?:(?:on|by|before|until|till|for|around|from)\s+(?:the\s+)?|the\s+)"
            rf"(?P<day>\d{{1,2}})(?:st|nd|rd|th){e}(?:\s+{_REL_MONTH})?{_AFTER_DAY}",
            "day_only",
        ),
        (
            r"(?<![\w])(?:am|zum|bis zum|bis|bis spatestens(?: zum)?|spatestens am|spatestens zum|"
            r"ab dem|per|fur den)\s+(?P<day>\d{1,2})\.(?!\d)"
            rf"(?:\s*{_REL_MONTH})?{_NOT_A_DAY_DE}",
            "day_only",
        ),
        (
            r"(?<![\w])(?:le|d'ici le|avant le|au plus tard le|jusqu'au|pour le|des le|a partir du|"
            r"el|el proximo|hasta el|antes del|para el|a partir del|como tarde el|a mas tardar el|"
            r"il|entro il|per il|prima del|entro e non oltre il|dal|al|fino al|l')\s*"
            r"(?P<day>\d{1,2})(?:er|º|°|o)?(?![\w°º]|[.,/-]\d)"
            rf"(?:\s*{_REL_MONTH})?{_AFTER_DAY}",
            "day_only",
        ),
        (
            r"(?<![\w])(?:op|uiterlijk|uiterlijk op|voor|per|tegen|rond)?\s*de\s+"
            r"(?P<day>\d{1,2})(?:e|ste|de)(?![\w])"
            rf"(?:\s*{_REL_MONTH})?{_AFTER_DAY}",
            "day_only",
        ),
        (
            r"(?<![\w])(?:el|el proximo|hasta el|antes del|para el|a partir del|del) dia\s+"
            rf"(?P<day>\d{{1,2}})(?:º|o)?(?![\w°º]|[.,/-]\d)(?:\s*{_REL_MONTH})?",
            "day_only",
        ),
        (rf"{b}(?P<n>\d{{1,3}}|{num})\s+(?P<unit>{unit})\s+(?:{_FROM_NOW}){e}", "in_n"),
        (
            rf"{b}(?P<wd>{wd})\s+(?:en (?P<fr>huit|quinze)|(?:in|over|tra|fra|dentro de)\s+"
            r"(?P<n>one|a|einer|een|una|1|two|zwei|twee|due|dos|2)\s+(?:weeks?|wochen?|weken|"
            rf"settimane?|semanas?)){e}",
            "wd_in_weeks",
        ),
        (rf"{b}(?:{_AFTER_TOMORROW}){e}", "after_tomorrow"),
        (rf"{b}(?:{_BEFORE_YESTERDAY}){e}", "before_yesterday"),
        (rf"{b}(?:{_TOMORROW}){e}", "tomorrow"),
        (rf"{b}(?:{_YESTERDAY}){e}", "yesterday"),
        (rf"{b}(?:{_TODAY}){e}", "today"),
        (rf"{b}(?:{_NEXT_MONTH_END}){e}", "next_month_end"),
        (rf"{b}(?:{_MONTH_END}){e}", "month_end"),
        (rf"{b}(?:{_NEXT_MONTH_START}){e}", "next_month_start"),
        (rf"{b}(?:{_NEXT_MONTH}){e}", "next_month"),
        (rf"{b}(?:{_NEXT_MID_MONTH}){e}", "next_mid_month"),
        (rf"{b}(?:{_MID_MONTH}){e}", "mid_month"),
        (rf"{b}(?:{_YEAR_END}){e}", "year_end"),
        (rf"{b}(?:{_QUARTER_END}){e}", "quarter_end"),
        (rf"{b}(?:{_BEFORE_CHRISTMAS}){e}", "christmas"),
        (rf"{b}(?:{_END_OF})\s+(?:de\s+|di\s+)?(?P<mname>{mon}){e}", "end_of_named"),
        (rf"{b}(?:{_MID})\s*(?:de\s+|di\s+)?(?P<mname>{mon}){e}", "mid_named"),
        (rf"{b}(?:{_START_OF})\s+(?:de\s+|di\s+)?(?P<mname>{mon}){e}", "start_named"),
        (
            rf"{b}(?:{_IN_MONTH})\s+(?:de\s+|di\s+|el mes de\s+)?(?P<mname>{wide_mon})"
            rf"(?:\s+(?:de\s+|del\s+)?{year})?{e}(?![./-]\d)",
            "in_named",
        ),
        (
            rf"{b}(?:(?:{_NEXT_WEEK}),?\s+(?:on\s+|am\s+|le\s+|el\s+|op\s+|il\s+)?(?P<wd>{wd})"
            rf"|(?P<wd2>{wd})\s+(?:of\s+|der\s+|in\s+der\s+|van\s+)?(?:{_NEXT_WEEK})"
            rf"|(?P<tw>{_THIS_WEEK}),?\s+(?:on\s+|am\s+|le\s+|el\s+|op\s+|il\s+)?(?P<wd3>{wd})"
            rf"|(?P<wd4>{wd})\s+(?:of\s+|van\s+)?(?:{_THIS_WEEK})){e}",
            "week_wd",
        ),
        (rf"{b}(?:a week on (?P<wd>{wd})|(?P<wd2>{wd}) week){e}", "wd_week"),
        (rf"{b}(?:{_NEXT_WEEK_START}){e}", "next_week_start"),
        (rf"{b}(?:{_NEXT_WEEK_MID}){e}", "next_week_mid"),
        (rf"{b}(?:{_AFTER_WEEKEND}){e}", "after_weekend"),
        (rf"{b}(?:{_NEXT_WEEK_END}){e}", "next_week_end"),
        (rf"{b}(?:{_WEEK_AFTER_NEXT}){e}", "week_after_next"),
        (rf"{b}(?:{_LAST_WEEK}){e}", "last_week"),
        (rf"{b}(?:{_EARLIER_THIS_WEEK}){e}", "earlier_this_week"),
        (rf"{b}(?:{_WEEK_END}){e}", "week_end"),
        (
            rf"{b}(?:(?:{_CALENDAR_WEEK})\s*(?:no\.?\s*|nr\.?\s*|n\.\s*|#)?(?P<n>\d{{1,2}})"
            rf"|(?P<n2>\d{{1,2}})\.\s*(?:kw|kalenderwoche))(?:\s*/\s*(?:\d{{4}}|\d{{2}}))?{e}"
            r"(?![.,/-]\d)",
            "calendar_week",
        ),
        (
            rf"{b}(?:{_IN_N})\s+(?:(?:the\s+)?(?:next|coming)\s+|(?:den|der)\s+(?:nachsten|"
            r"kommenden)\s+|les\s+(?:prochains\s+)?|(?:los|las)\s+(?:proximos\s+|proximas\s+)?"
            r"|i\s+prossimi\s+|de\s+komende\s+|(?:about|around|ca\.?|etwa|circa|environ|unos|"
            r"unas|ongeveer)\s+)?"
            rf"(?P<n>\d{{1,3}}|{num})\s+(?P<unit>{unit}){e}",
            "in_n",
        ),
        (
            rf"{b}(?:{_IN_N})\s+(?P<n>\d{{1,3}})\s*(?:h|hrs?|hours?|heures?|stunden|std\.?|"
            r"horas?|uur|ore)(?![\w])",
            "in_hours",
        ),
        (
            r"(?<![\w])(?:sous|dans la|dans une|d'ici|d'ici une?) (?P<unit>huitaine|quinzaine)"
            r"(?: de jours)?(?![\w])",
            "in_n",
        ),
        (
            rf"{b}(?:(?:{_LAST_PREFIX})\s+(?P<wd>{wd})|(?:el\s+)?(?P<wd2>{wd})\s+(?:{_LAST_SUFFIX}))"
            rf"{e}",
            "last_wd",
        ),
        (
            rf"{b}(?:(?:{_NEXT_PREFIX})\s+)?(?P<wd>{wd})(?:\s+(?:{_NEXT_SUFFIX}))?{e}",
            "wd",
        ),
        (
            r"(?<![\w])(?:on|by|next|this|until|till|before|latest)\s+"
            r"(?P<abbr>tues?|wed|thu(?:rs?)?|fri)\b\.?",
            "wd_abbr",
        ),
    ]
    return [(re.compile(p), kind) for p, kind in specs]


# A pattern only runs on a text that holds one of its words (most texts hold none).
_GATES: dict[str, tuple[str, ...]] = {
    "month_name": ("#month",),
    "after_tomorrow": ("tomorrow", "morgen", "demain", "manana", "dopodomani"),
    "before_yesterday": ("yesterday", "gestern", "avant-hier", "anteayer", "gisteren", "ieri"),
    "tomorrow": ("tomorrow", "morgen", "demain", "manana", "domani"),
    "yesterday": ("yesterday", "gestern", "ayer", "gisteren", "ieri", "hier"),
    "today": ("today", "heute", "aujourd", "hoy", "vandaag", "oggi", "tonight", "this afternoon",
              "this evening", "later today", "end of", "close of business", "eod", "cob",
              "ce soir", "cet apres", "esta tarde", "vanmiddag", "vanavond", "stasera",
              "in giornata"),
    "month": ("month", "monat", "mois", "mes", "maand", "mese", "ultimo"),
    "year_end": ("year", "jahr", "annee", "ano", "jaar", "anno"),
    "quarter_end": ("quarter", "quartal", "trimestre", "kwartaal"),
    "christmas": ("christmas", "weihnacht", "noel", "navidad", "kerst", "natale", "feste"),
    "week": ("week", "woche", "semaine", "semana", "settimana"),
    "calendar_week": ("week", "wk", "cw", "kw", "woche", "semaine", "semana", "settimana"),
    "in_hours": ("h", "stunden", "std", "uur", "ore"),
    "in_n": ("day", "tag", "jour", "dia", "dag", "giorn", "week", "woche", "semaine", "semana",
             "weken", "settiman", "fortnight", "month", "monat", "mois", "mes", "maand", "mese",
             "huitaine", "quinzaine"),
    "weekday": ("#weekday",),
    "weekday_abbr": ("tue", "wed", "thu", "fri"),
}  # fmt: skip
_GATE_OF = {
    "dmonth": "month_name", "monthd": "month_name", "end_of_named": "month_name",
    "mid_named": "month_name", "start_named": "month_name", "in_named": "month_name",
    "next_month_end": "month", "month_end": "month", "next_month_start": "month",
    "next_month": "month", "mid_month": "month", "next_mid_month": "month",
    "week_wd": "week", "wd_week": "week", "next_week_start": "week", "next_week_mid": "week",
    "next_week_end": "week", "week_after_next": "week", "last_week": "week",
    "after_weekend": "week",
    "earlier_this_week": "week", "week_end": "week",
    "wd_day": "weekday", "last_wd": "weekday", "wd": "weekday", "wd_in_weeks": "weekday",
    "wd_abbr": "weekday_abbr",
}  # fmt: skip


@lru_cache(maxsize=1)
def _gate_patterns() -> dict[str, re.Pattern[str]]:
    return {
        group: re.compile("|".join(re.escape(w) for w in words))
        for group, words in _GATES.items()
        if words[0][0] != "#"
    }


_WORD = re.compile(r"[a-z]+")


def _open_gates(folded: str) -> Callable[[str], bool]:
    """Whether the pattern of a kind can match `folded` at all (one test per group)."""
    gates = _gate_patterns()
    seen: dict[str, bool] = {}
    words: set[str] = set()

    def is_open(kind: str) -> bool:
        group = _GATE_OF.get(kind, kind)
        if group not in _GATES:
            return True
        if group not in seen:
            if group in gates:
                seen[group] = gates[group].search(folded) is not None
            else:  # month or weekday names: whole words
                if not words:
                    words.update(_WORD.findall(folded))
                months, days, _ = _names()
                names = months if _GATES[group][0] == "#month" else days
                seen[group] = not words.isdisjoint(names)
        return seen[group]

    return is_open


def find_dates(text: str, today: date, prefer: Direction = "future") -> list[DateMention]:
    """Every date `text` names, in text order; relative ones resolved against `today`.

    `prefer` settles what a bare weekday or a date without a year means: the next one
    (promises, return dates) or the last one (payments already made).
    """
    folded = fold(text).replace("’", "'")
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    is_open = _open_gates(folded)
    for pattern, kind in _patterns():
        if not is_open(kind):
            continue
        for m in pattern.finditer(folded):
            if any(m.start() < end and start < m.end() for start, end in taken):
                continue
            value = _RESOLVERS[kind](m, today, prefer)
            if value is None:
                continue
            taken.append((m.start(), m.end()))
            found.append(
                DateMention(
                    value,
                    m.start(),
                    m.end(),
                    text[m.start() : m.end()],
                    _KIND[kind],
                    _role(folded, m.start(), m.end()),
                )
            )
    found.sort(key=lambda d: d.start)
    return _drop_weekday_beside_date(found, folded)


def _drop_weekday_beside_date(found: list[DateMention], folded: str) -> list[DateMention]:
    """ "Friday, 4 December" / "4.12. (Freitag)": the date says it, the weekday repeats it."""
    drop: set[int] = set()
    for i in range(len(found) - 1):
        left, right = found[i], found[i + 1]
        gap = folded[left.end : right.start]
        if len(gap) > 6 or not _WEEKDAY_GAP.fullmatch(gap):
            continue
        if left.kind == "weekday" and right.kind == "explicit":
            drop.add(i)
        elif left.kind == "explicit" and right.kind == "weekday":
            drop.add(i + 1)
    return [d for i, d in enumerate(found) if i not in drop] if drop else found


_WEEKDAY_GAP = re.compile(r"[\s,(]*(?:the|den|der|le|el|de|il|lo)?\s*")


# -- roles ------------------------------------------------------------------------------


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A date right after these words dates a document ("invoice INV-1 of 2 October", "Rechnung
# Nr. 4711 vom 15.09.", "la facture du 2 octobre", "la fattura n. 2026/00752 del 2 ottobre").
_DOC_NOUNS = _words(
    "invoice invoices inv bill statement reminder reminders letter email e-mail mail message "
    "order po delivery shipment note rechnung rechnungen re rg gutschrift mahnung "
    "zahlungserinnerung erinnerung schreiben nachricht bestellung lieferung lieferschein "
    "auftrag facture factures avoir relance rappel courriel commande livraison factura "
    "facturas recordatorio correo mensaje pedido entrega albaran credito factuur facturen "
    "herinnering aanmaning bericht bestelling levering pakbon creditnota fattura fatture ft "
    "fatt sollecito promemoria lettera messaggio ordine consegna ddt"
)
_LINKS = _words("of from dated vom von datiert du del de van d.d gedateerd datata fechada fechado")
_ISSUED = _words("emise emis emises emisa emitida emessa emesso issued sent fechada fechado datee")
_LINK_FILLERS = _words("en date fecha con met datum in data giorno")
_NUMBER_LABELS = _words("no nr n n° # number nummer numero num")
# A date right after these words is a due date ("due on 30 November", "fällig am 30.11.").
_DUE_WORDS = _words(
    "due overdue payable fallig falligkeit falligkeitsdatum zahlbar zahlungsziel echu echue "
    "echus echues echeance exigible limite vencido vencida vencidos vencidas vencimiento vence "
    "vencio vervallen vervalt vervaldatum vervaldag scaduto scaduta scadute scaduti scadenza "
    "scade"
)
_DUE_PREPS = _words("on by am bis seit since le au du el op il per dal del al date datum")
_ARTICLES = _words("the den dem der le el il l'")


def _is_reference(folded: str, start: int) -> bool:
    """Whether the date at `start` dates a document or is a due date (read word by word)."""
    words = [w.strip(",:;()") for w in folded[max(0, start - 60) : start].split()]
    words = [w for w in words if w]
    if words and words[-1] in _ARTICLES:
        words.pop()
    if not words:
        return False
    last = words[-1].rstrip(".")
    if last in _DUE_WORDS or (last in _DUE_PREPS and len(words) > 1 and words[-2] in _DUE_WORDS):
        return True
    if last in ("le", "il", "el", "on") and len(words) > 1 and words[-2] in _ISSUED:
        rest = words[:-2]
    elif last in _LINKS:
        rest = words[:-1]
    else:
        return False
    k = len(rest) - 1
    while (
        k >= 0
        and len(rest) - k <= 4
        and (
            rest[k] in _LINK_FILLERS
            or rest[k].rstrip(".") in _NUMBER_LABELS
            or any(c.isdigit() for c in rest[k])
        )
    ):
        k -= 1
    return k >= 0 and rest[k].rstrip(".") in _DOC_NOUNS


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
_FUTURE_CUE = re.compile(
    r"\b(?:will|shall|going to|gonna|to be|plan(?:ned)?|schedul\w*|intend\w*|expect\w*|can|"
    r"could(?! not)|would|next|coming|until|no later than|latest|value date|werden|wird|werde|"
    r"geplant|vorgesehen|eingeplant|bis|spatestens|nachst\w*|kommend\w*|valuta|sera|seront|"
    r"serons|allons|vais|va|vont|prevue?s?|programmee?s?|planifiee?s?|d'ici|au plus tard|"
    r"prochain\w*|date de valeur|\w+(?:erons|irons|eront|iront)|\w{2,}(?:ara|era|ira|dra)|"
    r"fera|vamos|voy|"
    r"van a|previst[oaie]s?|programad[oa]s?|\w+(?:aremos|eremos|iremos|aran|eran|iran)|"
    r"hasta|proxim\w*|fecha valor|zal|zullen|gaan|gaat|wordt|worden|gepland|ingepland|"
    r"volgende|komende|aanstaande|uiterlijk|valutadatum|\w+(?:eremo|iremo|eranno|iranno)|"
    r"verra|sara|saranno|verranno|programmat[oaie]|entro|prossim\w*|data valuta|"
    # "ordered for Thursday": a date set for later
    r"for|fur|pour|para|voor|per)\b|'ll\b"
)


def _role(folded: str, start: int, end: int) -> Role:
    """`reference` for a date of something else, `done` for one said to be behind us."""
    if _is_reference(folded, start):
        return "reference"
    left = folded[max(0, start - 100) : start]
    cuts = list(_CLAUSE_BREAK.finditer(left))
    if cuts:
        left = left[cuts[-1].end() :]
    # "paid on Friday and will pay the rest on Monday": the words right before count first.
    near = " ".join(left.split()[-4:])
    if _PAST_CUE.search(near) and not _FUTURE_CUE.search(near):
        return "done"
    if _REFUSAL.search(near) and not _NOT_BEFORE.search(f"{near} {folded[start:end]}"):
        return "refused"
    right = folded[end : end + 100]
    cut = _CLAUSE_BREAK.search(right)
    if cut:
        right = right[: cut.start()]
    clause = f"{left} {right}"
    if _PAST_CUE.search(clause) and not _FUTURE_CUE.search(clause):
        return "done"
    return "plain"


# -- resolvers --------------------------------------------------------------------------


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    return y + 2000 if y < 100 else y


def _roll(value: date | None, today: date, prefer: Direction) -> date | None:
    """This year's date, or next (last) year's when that one is the nearer reading."""
    if value is None:
        return None
    # Promises rarely reach more than half a year out; invoices and reminders often date
    # back a few months: a date five months behind is still this year's.
    if prefer == "future" and value < today - timedelta(days=150):
        return _safe(value.year + 1, value.month, value.day) or value + timedelta(days=365)
    if prefer == "past" and value > today + timedelta(days=60):
        return _safe(value.year - 1, value.month, value.day) or value - timedelta(days=365)
    return value


def _no_year(month: int, day: int, today: date, prefer: Direction) -> date | None:
    return _roll(_safe(today.year, month, day), today, prefer)


def _explicit(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    day, month = int(m.group("day")), int(m.group("month"))
    year = _year(m.groupdict().get("year"))
    if year is not None and not 2000 <= year <= 2100:
        return None
    if month > 12 and day <= 12 and "/" in m.group(0):  # 11/13/2026: someone wrote month first
        day, month = month, day
    if year is None:
        return _no_year(month, day, today, prefer)
    return _safe(year, month, day)


# "am 4.12" / "op 4-12": day and month without a year or a final dot need a word before
# them that calls for a date.
_DM_LEAD = re.compile(
    r"\b(?:am|bis|zum|ab|per|on|by|le|au|el|il|al|op|tot|entro|uiterlijk|spatestens|before|"
    r"avant|hasta|the|datum|valuta|valutadatum|date|fecha|valor|data|valeur):? $"
)


def _dm_lead(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    if not _DM_LEAD.search(m.string, max(0, m.start() - 12), m.start()):
        return None
    return _explicit(m, today, prefer)


def _dm_slash(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    day, month = int(m.group("day")), int(m.group("month"))
    if day == 0 or month == 0:
        return None
    return _explicit(m, today, prefer)


_DAY_WORDS = {"first": 1, "premier": 1, "primer": 1, "primero": 1, "primo": 1, "ersten": 1,
              "erste": 1, "eerste": 1}  # fmt: skip


def _named(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    months, _, _ = _names()
    month = months.get(m.group("mname").rstrip("."))
    if month is None:
        return None
    raw = m.group("day")
    day = _DAY_WORDS[raw] if raw in _DAY_WORDS else int(raw)
    year = _year(m.group("year") or m.groupdict().get("yy"))
    if year is None:
        return _no_year(month, day, today, prefer)
    return _safe(year, month, day)


def _month_named(m: re.Match[str], today: date, prefer: Direction, day: int | None) -> date:
    """A day of the month the text names (None: its last day), this year's or the nearer."""
    months, _, _ = _names()
    month = months[m.group("mname").rstrip(".")]
    year = _year(m.groupdict().get("year"))
    if year is not None and 2000 <= year <= 2100:
        return date(year, month, day or calendar.monthrange(year, month)[1])
    last = calendar.monthrange(today.year, month)[1]
    value = date(today.year, month, day or last)
    rolled = _roll(value, today, prefer)
    if rolled is None or rolled == value:
        return value
    return date(rolled.year, month, day or calendar.monthrange(rolled.year, month)[1])


def _month_end(today: date, ahead: int, day: int | None = None) -> date:
    year, month = today.year, today.month + ahead
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    last = calendar.monthrange(year, month)[1]
    return date(year, month, min(day, last) if day else last)


def _in_n(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    unit = m.group("unit")
    if unit in ("huitaine", "quinzaine"):
        return today + timedelta(days=8 if unit == "huitaine" else 15)
    raw = m.group("n")
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS.get(raw)
    if not n or n > 365:
        return None
    if unit in _BUSINESS_UNITS:
        return _add_business_days(today, n)
    if unit in _MONTH_UNITS:
        return _month_end(today, n, today.day)
    return today + timedelta(days=n * _UNIT_DAYS[unit])


def _add_business_days(today: date, n: int) -> date:
    value = today
    while n > 0:
        value += timedelta(days=1)
        if value.weekday() < 5:
            n -= 1
    return value


def _weekday(m: re.Match[str]) -> int:
    _, days, _ = _names()
    groups = m.groupdict()
    name = next(groups[g] for g in ("wd", "wd2", "wd3", "wd4") if groups.get(g))
    return days[name]


def _next_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    wd = _weekday(m)
    if prefer == "past" and not _has_future_marker(m.group(0)):
        return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)


_ABBR = {"tue": 1, "wed": 2, "thu": 3, "fri": 4}


def _wd_abbr(m: re.Match[str], today: date, prefer: Direction) -> date:
    """ "by Fri" / "next Tues": the coming one, as the full name."""
    wd = _ABBR[m.group("abbr")[:3]]
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1)


def _has_future_marker(text: str) -> bool:
    return bool(
        re.search(r"next|nachst|kommend|prochain|proximo|volgende|aanstaande|prossim|a\.\s?s", text)
    )


def _monday(today: date, weeks: int = 0) -> date:
    return today - timedelta(days=today.weekday()) + timedelta(days=7 * weeks)


def _week_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    this_week = m.group("tw") is not None or m.group("wd4") is not None
    return _monday(today, 0 if this_week else 1) + timedelta(days=_weekday(m))


def _wd_in_weeks(m: re.Match[str], today: date, prefer: Direction) -> date:
    """ "Freitag in einer Woche" / "jeudi en huit": that day of the week one (two) weeks on."""
    n = m.group("fr") or m.group("n")
    weeks = 2 if n in ("quinze", "two", "zwei", "twee", "due", "dos", "2") else 1
    return _monday(today, weeks) + timedelta(days=_weekday(m))


def _wd_week(m: re.Match[str], today: date, prefer: Direction) -> date:
    """ "Friday week": a week after the coming Friday."""
    wd = _weekday(m)
    return today + timedelta(days=(wd - today.weekday() - 1) % 7 + 1 + 7)


def _last_wd(m: re.Match[str], today: date, prefer: Direction) -> date:
    wd = _weekday(m)
    return today - timedelta(days=(today.weekday() - wd - 1) % 7 + 1)


def _week_end(m: re.Match[str], today: date, prefer: Direction) -> date:
    friday = _monday(today) + timedelta(days=4)
    return friday if friday >= today else friday + timedelta(days=7)


def _wd_day(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    """ "Monday the 23rd" / "lunedì 23": the nearest such day, the weekday settling the month."""
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    wd = _weekday(m)
    steps = (-1, 0, 1) if prefer == "past" else (0, 1, 2)
    options = [d for k in steps if (d := _month_day(today, k, day)) is not None]
    matching = [
        d for d in options if d.weekday() == wd and (d <= today if prefer == "past" else d >= today)
    ]
    if not matching:
        return None  # "Friday 2 invoices": the weekday alone is the date
    return max(matching) if prefer == "past" else min(matching)


def _month_day(today: date, ahead: int, day: int) -> date | None:
    year, month = today.year, today.month + ahead
    year, month = year + (month - 1) // 12, (month - 1) % 12 + 1
    return _safe(year, month, day)


def _day_only(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    """ "the 30th" / "am 30." / "le 30": this month's or the next one's (the last one's)."""
    day = int(m.group("day"))
    if not 1 <= day <= 31:
        return None
    rel = m.groupdict().get("rel")
    if rel:
        ahead = _rel_month(rel)
        return _month_day(today, ahead, day)
    if prefer == "past":
        this = _month_day(today, 0, day)
        return this if this and this <= today else _month_day(today, -1, day)
    this = _month_day(today, 0, day)
    return this if this and this >= today else _month_day(today, 1, day)


_NEXT_MONTH_WORD = re.compile(
    r"next|following|nachst|kommend|folgend|n\.\s?m|prochain|suivant|que viene|proximo|"
    r"siguiente|volgende|komende|prossimo|successivo|p\.\s?v"
)


def _rel_month(rel: str) -> int:
    """Which month "of this month" / "des nächsten Monats" / "u.s." names: 0, +1 or -1."""
    if _NEXT_MONTH_WORD.search(rel):
        return 1
    return -1 if re.search(r"u\.\s?s", rel) else 0


def _calendar_week(m: re.Match[str], today: date, prefer: Direction) -> date | None:
    """ "KW 48" / "week 48" / "semaine 48": the Friday of that ISO week."""
    n = int(m.group("n") or m.group("n2"))
    if not 1 <= n <= 53:
        return None
    iso_year = today.isocalendar()[0]
    try:
        friday = date.fromisocalendar(iso_year, n, 5)
    except ValueError:
        return None
    if prefer == "future" and friday < today - timedelta(weeks=26):
        return _iso_friday(iso_year + 1, n) or friday
    if prefer == "past" and friday > today + timedelta(weeks=26):
        return _iso_friday(iso_year - 1, n) or friday
    return friday


def _iso_friday(year: int, week: int) -> date | None:
    try:
        return date.fromisocalendar(year, week, 5)
    except ValueError:
        return None


def _quarter_end(today: date) -> date:
    return _month_end(today, (3 - today.month % 3) % 3)


def _christmas(today: date) -> date:
    eve = date(today.year, 12, 24)
    return eve if eve >= today - timedelta(days=150) else date(today.year + 1, 12, 24)


def _year_end(today: date) -> date:
    return date(today.year, 12, 31)


_Resolver = Callable[[re.Match[str], date, Direction], "date | None"]
_RESOLVERS: dict[str, _Resolver] = {
    "iso": _explicit,
    "dmy": _explicit,
    "dm": _explicit,
    "dm_lead": _dm_lead,
    "dm_slash": _dm_slash,
    "dmonth": _named,
    "monthd": _named,
    "wd_day": _wd_day,
    "after_tomorrow": lambda m, t, p: t + timedelta(days=2),
    "before_yesterday": lambda m, t, p: t - timedelta(days=2),
    "tomorrow": lambda m, t, p: t + timedelta(days=1),
    "yesterday": lambda m, t, p: t - timedelta(days=1),
    "today": lambda m, t, p: t,
    "next_month_end": lambda m, t, p: _month_end(t, 1),
    "month_end": lambda m, t, p: _month_end(t, 0),
    "next_month_start": lambda m, t, p: _month_end(t, 1, 1),
    "next_month": lambda m, t, p: _month_end(t, 1),
    "mid_month": lambda m, t, p: _month_end(t, 0 if t.day <= 15 else 1, 15),
    "next_mid_month": lambda m, t, p: _month_end(t, 1, 15),
    "year_end": lambda m, t, p: _year_end(t),
    "quarter_end": lambda m, t, p: _quarter_end(t),
    "christmas": lambda m, t, p: _christmas(t),
    "end_of_named": lambda m, t, p: _month_named(m, t, p, None),
    "mid_named": lambda m, t, p: _month_named(m, t, p, 15),
    "start_named": lambda m, t, p: _month_named(m, t, p, 1),
    "in_named": lambda m, t, p: _month_named(m, t, p, None),
    "week_wd": _week_wd,
    "wd_in_weeks": _wd_in_weeks,
    "wd_week": _wd_week,
    "next_week_start": lambda m, t, p: _monday(t, 1),
    "next_week_mid": lambda m, t, p: _monday(t, 1) + timedelta(days=2),
    "after_weekend": lambda m, t, p: _monday(t, 1),
    "next_week_end": lambda m, t, p: _monday(t, 1) + timedelta(days=4),
    "week_after_next": lambda m, t, p: _monday(t, 2) + timedelta(days=4),
    "last_week": lambda m, t, p: _monday(t, -1) + timedelta(days=4),
    "earlier_this_week": lambda m, t, p: _monday(t) if t.weekday() else t - timedelta(days=3),
    "week_end": _week_end,
    "calendar_week": _calendar_week,
    "in_n": _in_n,
    "in_hours": lambda m, t, p: t + timedelta(days=max(1, -(-int(m.group("n")) // 24))),
    "last_wd": _last_wd,
    "wd": _next_wd,
    "wd_abbr": _wd_abbr,
    "day_only": _day_only,
}
_KIND = {
    "iso": "explicit", "dmy": "explicit", "dm": "explicit", "dm_lead": "explicit",
    "dm_slash": "explicit",
    "dmonth": "explicit", "monthd": "explicit", "wd_day": "explicit",
    "after_tomorrow": "relative", "before_yesterday": "relative", "tomorrow": "relative",
    "yesterday": "relative", "today": "relative", "in_n": "relative", "in_hours": "relative",
    "day_only": "relative",
    "week_wd": "weekday", "wd_week": "weekday", "last_wd": "weekday", "wd": "weekday",
    "wd_in_weeks": "weekday", "wd_abbr": "weekday",
}  # fmt: skip
_KIND.update({k: "period" for k in _RESOLVERS if k not in _KIND})
