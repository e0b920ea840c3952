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

The package reads top-down: `find` runs the `patterns` (built from `vocabulary` and
`phrases`, skipped by `gates` when a text cannot match them), `resolvers` turn each match into
a date (`explicit`, `weeks`, `durations`, `periods`, on `calendar_math`), and `roles` (with
`references`) says what the date is to the text; `mention` holds what comes out.
"""

from agent.extract.dates.find import find_dates
from agent.extract.dates.mention import DateMention, Direction, Role
from agent.extract.dates.roles import clause_span, says_ahead
from agent.extract.dates.vocabulary import LANGS

__all__ = ["LANGS", "DateMention", "Direction", "Role", "clause_span", "find_dates", "says_ahead"]
