"""Dates in six languages, resolved against the day the message arrived."""

from __future__ import annotations

from datetime import date

import pytest

from agent.extract.dates import find_dates

MONDAY = date(2026, 11, 16)  # a Monday
THURSDAY = date(2026, 11, 19)


def first(text: str, today: date = MONDAY, prefer: str = "future") -> date | None:
    found = find_dates(text, today, prefer)  # type: ignore[arg-type]
    return found[0].value if found else None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # English
        ("We will pay next Friday.", date(2026, 11, 20)),
        ("Payment on Friday", date(2026, 11, 20)),
        ("We'll pay on Friday next week", date(2026, 11, 27)),
        ("by the end of the month", date(2026, 11, 30)),
        ("by the end of next month", date(2026, 12, 31)),
        ("in two weeks", date(2026, 11, 30)),
        ("within 10 days", date(2026, 11, 26)),
        ("tomorrow", date(2026, 11, 17)),
        ("on 13.12.2026", date(2026, 12, 13)),
        ("on 13/12/2026", date(2026, 12, 13)),
        ("on 2026-12-13", date(2026, 12, 13)),
        ("on December 13, 2026", date(2026, 12, 13)),
        ("on the 28th of November", date(2026, 11, 28)),
        ("mid-December", date(2026, 12, 15)),
        # German
        ("Wir zahlen nächsten Freitag.", date(2026, 11, 20)),
        ("Zahlung am Freitag", date(2026, 11, 20)),
        ("nächste Woche Mittwoch", date(2026, 11, 25)),
        ("bis Ende des Monats", date(2026, 11, 30)),
        ("zum Monatsende", date(2026, 11, 30)),
        ("in zwei Wochen", date(2026, 11, 30)),
        ("innerhalb von 14 Tagen", date(2026, 11, 30)),
        ("morgen", date(2026, 11, 17)),
        ("übermorgen", date(2026, 11, 18)),
        ("bis zum 20.11.", date(2026, 11, 20)),
        ("am 3. Dezember 2026", date(2026, 12, 3)),
        ("Ende November", date(2026, 11, 30)),
        # French
        ("paiement vendredi prochain", date(2026, 11, 20)),
        ("d'ici la fin du mois", date(2026, 11, 30)),
        ("dans deux semaines", date(2026, 11, 30)),
        ("demain", date(2026, 11, 17)),
        ("le 13 décembre 2026", date(2026, 12, 13)),
        ("le 4 déc.", date(2026, 12, 4)),
        ("mercredi de la semaine prochaine", date(2026, 11, 25)),
        ("fin décembre", date(2026, 12, 31)),
        # Spanish
        ("pagaremos el próximo viernes", date(2026, 11, 20)),
        ("a finales de mes", date(2026, 11, 30)),
        ("en dos semanas", date(2026, 11, 30)),
        ("mañana", date(2026, 11, 17)),
        ("pasado mañana", date(2026, 11, 18)),
        ("el 3 de diciembre de 2026", date(2026, 12, 3)),
        ("el 10/12/2026", date(2026, 12, 10)),
        # Dutch
        ("we betalen volgende week vrijdag", date(2026, 11, 27)),
        ("aanstaande vrijdag", date(2026, 11, 20)),
        ("eind van de maand", date(2026, 11, 30)),
        ("binnen twee weken", date(2026, 11, 30)),
        ("morgen betalen wij", date(2026, 11, 17)),
        ("op 5 december", date(2026, 12, 5)),
        ("op 05-12-2026", date(2026, 12, 5)),
        # Italian
        ("pagheremo venerdì prossimo", date(2026, 11, 20)),
        ("entro fine mese", date(2026, 11, 30)),
        ("tra due settimane", date(2026, 11, 30)),
        ("domani", date(2026, 11, 17)),
        ("il 7 dicembre 2026", date(2026, 12, 7)),
        ("entro il 30/11/2026", date(2026, 11, 30)),
    ],
)
def test_promise_dates_resolve_against_the_received_day(text: str, expected: date) -> None:
    assert first(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We paid yesterday", date(2026, 11, 15)),
        ("Wir haben gestern überwiesen", date(2026, 11, 15)),
        ("payé hier", date(2026, 11, 15)),
        ("pagado ayer", date(2026, 11, 15)),
        ("gisteren betaald", date(2026, 11, 15)),
        ("pagato ieri", date(2026, 11, 15)),
        ("we paid on Thursday", date(2026, 11, 12)),
        ("paid on 12 November", date(2026, 11, 12)),
        ("am 12.11. überwiesen", date(2026, 11, 12)),
        ("last Friday", date(2026, 11, 13)),
        ("letzten Freitag", date(2026, 11, 13)),
        ("vendredi dernier", date(2026, 11, 13)),
    ],
)
def test_payment_dates_look_back(text: str, expected: date) -> None:
    assert first(text, prefer="past") == expected


def test_a_weekday_later_in_the_week_is_this_week() -> None:
    assert first("we pay on Friday", THURSDAY) == date(2026, 11, 20)
    assert first("next Monday", THURSDAY) == date(2026, 11, 23)


def test_a_date_without_year_early_next_year_rolls_over() -> None:
    assert first("wir zahlen am 15.01.", date(2026, 12, 20)) == date(2027, 1, 15)


def test_numbers_that_are_not_dates_are_left_alone() -> None:
    text = "Invoice INV-2026-0012 for 1.250,00 EUR, PO 4500012345, 3 pallets"
    assert find_dates(text, MONDAY) == []


def test_month_first_is_read_when_the_day_cannot_be_a_month() -> None:
    assert first("on 11/23/2026") == date(2026, 11, 23)


def test_spans_point_at_the_original_text() -> None:
    text = "Wir überweisen den Betrag nächsten Freitag."
    (mention,) = find_dates(text, MONDAY)
    assert text[mention.start : mention.end] == "nächsten Freitag"


def test_several_dates_come_in_text_order() -> None:
    found = find_dates("Invoice dated 01.10.2026, we pay on 27.11.2026", MONDAY)
    assert [d.value for d in found] == [date(2026, 10, 1), date(2026, 11, 27)]
