"""The grammar of dates: every pattern, compiled once on first use, in the order in which they
claim text (written-out dates first, bare weekdays last), each tagged with the kind of phrase it
reads.
"""

from __future__ import annotations

import re
from functools import lru_cache

from agent.extract.dates.phrases import (
    _AFTER_DAY,
    _AFTER_TOMORROW,
    _AFTER_WEEKEND,
    _BEFORE_CHRISTMAS,
    _BEFORE_YESTERDAY,
    _CALENDAR_WEEK,
    _EARLIER_THIS_WEEK,
    _END_OF,
    _FROM_NOW,
    _IN_MONTH,
    _IN_N,
    _LAST_PREFIX,
    _LAST_SUFFIX,
    _LAST_WEEK,
    _MID,
    _MID_MONTH,
    _MONTH_END,
    _NEXT_MID_MONTH,
    _NEXT_MONTH,
    _NEXT_MONTH_END,
    _NEXT_MONTH_START,
    _NEXT_PREFIX,
    _NEXT_SUFFIX,
    _NEXT_WEEK,
    _NEXT_WEEK_END,
    _NEXT_WEEK_MID,
    _NEXT_WEEK_START,
    _NOT_A_DAY_DE,
    _QUARTER_END,
    _REL_MONTH,
    _START_OF,
    _THIS_WEEK,
    _TODAY,
    _TOMORROW,
    _WEEK_AFTER_NEXT,
    _WEEK_END,
    _YEAR_END,
    _YESTERDAY,
)
from agent.extract.dates.vocabulary import _BUSINESS_UNITS, _NUMBER_WORDS, _UNIT_DAYS, _names


def _alt(words: list[str] | tuple[str, ...] | frozenset[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


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
