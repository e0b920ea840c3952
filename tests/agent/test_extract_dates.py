"""Dates in six languages, resolved against the day the message arrived."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from agent.extract.dates import find_dates
from agent.extract.text import sentences
from agent.local.facts import promise_date

MONDAY = date(2026, 11, 16)  # a Monday
THURSDAY = date(2026, 11, 19)
# Arrival times as the pipeline sees them; the day they fall on is what dates resolve against.
RECEIVED_MONDAY = datetime(2026, 11, 16, 9, 12, tzinfo=UTC)
RECEIVED_THURSDAY = datetime(2026, 11, 19, 14, 40, tzinfo=UTC)
RECEIVED_BEFORE_CHRISTMAS = datetime(2026, 12, 21, 8, 5, tzinfo=UTC)  # a Monday


def first(text: str, today: date = MONDAY, prefer: str = "future") -> date | None:
    found = find_dates(text, today, prefer)  # type: ignore[arg-type]
    return found[0].value if found else None


def promised(text: str, received: datetime = RECEIVED_MONDAY) -> date | None:
    """The date the promise would carry: every mention, then the promise's choice."""
    today = received.date()
    chosen = promise_date(find_dates(text, today, "future"), sentences(text), today)
    return chosen.value if chosen else None


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


# -- how buyers write a payment date, per language (received Monday 16 November 2026) ---

EN = [
    ("We will pay INV-2026-0012 on 27/11.", date(2026, 11, 27)),
    ("Payment will be made on 27.11.2026.", date(2026, 11, 27)),
    ("We'll settle this by Nov 27th.", date(2026, 11, 27)),
    ("The funds will be transferred on the 27th of November.", date(2026, 11, 27)),
    ("Scheduled for payment on 4 Dec.", date(2026, 12, 4)),
    ("Payment is scheduled for Friday, December 4th.", date(2026, 12, 4)),
    ("It will go out this Friday.", date(2026, 11, 20)),
    ("We'll pay it on Friday next week.", date(2026, 11, 27)),
    ("We will pay Friday week.", date(2026, 11, 27)),
    ("It is in our payment run on the 30th.", date(2026, 11, 30)),
    ("Expect the money by the end of the week.", date(2026, 11, 20)),
    ("We'll clear it by the end of next week.", date(2026, 11, 27)),
    ("Payment will follow early next week.", date(2026, 11, 23)),
    ("We will pay next week.", date(2026, 11, 27)),
    ("You will have the payment within 5 business days.", date(2026, 11, 23)),
    ("Payment in 10 days.", date(2026, 11, 26)),
    ("We can pay the day after tomorrow.", date(2026, 11, 18)),
    ("We'll pay it in calendar week 48.", date(2026, 11, 27)),
    ("Payment will be released mid-December.", date(2026, 12, 15)),
    ("The balance will be paid by the end of the year.", date(2026, 12, 31)),
    ("We'll pay on the 1st of December.", date(2026, 12, 1)),
    ("Payment on Tuesday the 1st.", date(2026, 12, 1)),
    ("We'll transfer the money 10 days from now.", date(2026, 11, 26)),
    ("Payment no later than 30 November.", date(2026, 11, 30)),
    ("We'll pay first thing tomorrow.", date(2026, 11, 17)),
    ("Payment will be made on Monday 23rd.", date(2026, 11, 23)),
    ("We will pay in a fortnight.", date(2026, 11, 30)),
    ("We'll pay the 5th of next month.", date(2026, 12, 5)),
    ("Payment will go out before Christmas.", date(2026, 12, 24)),
    ("We'll pay in December.", date(2026, 12, 31)),
]
DE = [
    ("Wir überweisen den Betrag am 27.11.", date(2026, 11, 27)),
    ("Die Zahlung erfolgt am 27.11.2026.", date(2026, 11, 27)),
    ("Die Zahlung geht am 4.12 raus.", date(2026, 12, 4)),
    ("Wir zahlen am 4. Dezember.", date(2026, 12, 4)),
    ("Wir begleichen die Rechnung bis spätestens 30. Nov.", date(2026, 11, 30)),
    ("Die Überweisung erfolgt am kommenden Montag.", date(2026, 11, 23)),
    ("Wir zahlen am Freitag, den 27.11.", date(2026, 11, 27)),
    ("Die Zahlung ist für Freitag nächster Woche eingeplant.", date(2026, 11, 27)),
    ("Zahlung erfolgt Anfang nächster Woche.", date(2026, 11, 23)),
    ("Wir überweisen bis Ende der Woche.", date(2026, 11, 20)),
    ("Ausgleich bis Monatsende.", date(2026, 11, 30)),
    ("Wir zahlen bis zum 30.", date(2026, 11, 30)),
    ("Die Rechnung wird in KW 48 bezahlt.", date(2026, 11, 27)),
    ("Die Zahlung erfolgt Mitte Dezember.", date(2026, 12, 15)),
    ("Wir zahlen innerhalb der nächsten 10 Tage.", date(2026, 11, 26)),
    ("Überweisung in 10 Tagen.", date(2026, 11, 26)),
    ("Wir zahlen übermorgen.", date(2026, 11, 18)),
    ("Die Zahlung erfolgt nächste Woche Dienstag.", date(2026, 11, 24)),
    ("Zahlung bis Ende nächster Woche.", date(2026, 11, 27)),
    ("Wir zahlen am 1.12.", date(2026, 12, 1)),
    ("Wir zahlen zum 15. des nächsten Monats.", date(2026, 12, 15)),
    ("Die Zahlung erfolgt bis zum Jahresende.", date(2026, 12, 31)),
    ("Die Rechnung wird am 3.12.26 bezahlt.", date(2026, 12, 3)),
    ("Zahlung in der 49. KW.", date(2026, 12, 4)),
    ("Wir überweisen spätestens am Mittwoch.", date(2026, 11, 18)),
    ("Die Zahlung geht diese Woche noch raus.", date(2026, 11, 20)),
    ("Wir zahlen nächste Woche.", date(2026, 11, 27)),
    ("Wir zahlen innerhalb von 5 Werktagen.", date(2026, 11, 23)),
    ("Zahlung Anfang Dezember.", date(2026, 12, 1)),
    ("Wir zahlen im Dezember.", date(2026, 12, 31)),
    ("Die Überweisung erfolgt noch vor Weihnachten.", date(2026, 12, 24)),
]
FR = [
    ("Le règlement sera effectué le 27/11.", date(2026, 11, 27)),
    ("Nous réglerons la facture le 27 novembre.", date(2026, 11, 27)),
    ("Le virement partira le 1er décembre.", date(2026, 12, 1)),
    ("Paiement prévu le vendredi 4 décembre.", date(2026, 12, 4)),
    ("Nous vous réglerons ce vendredi.", date(2026, 11, 20)),
    ("Le virement sera fait vendredi prochain.", date(2026, 11, 20)),
    ("Le paiement interviendra en fin de semaine.", date(2026, 11, 20)),
    ("Règlement à la fin du mois.", date(2026, 11, 30)),
    ("Paiement fin de mois.", date(2026, 11, 30)),
    ("Nous paierons dans 15 jours.", date(2026, 12, 1)),
    ("Nous réglerons sous huitaine.", date(2026, 11, 24)),
    ("Le virement partira après-demain.", date(2026, 11, 18)),
    ("Nous réglerons d\u2019ici le 30.", date(2026, 11, 30)),
    ("Paiement le 30 de ce mois.", date(2026, 11, 30)),
    ("Le paiement sera fait mardi de la semaine prochaine.", date(2026, 11, 24)),
    ("Le virement partira début de semaine prochaine.", date(2026, 11, 23)),
    ("Nous réglerons mi-décembre.", date(2026, 12, 15)),
    ("Règlement au plus tard le 4 déc.", date(2026, 12, 4)),
    ("Le paiement sera effectué le 04.12.2026.", date(2026, 12, 4)),
    ("Nous payerons en semaine 48.", date(2026, 11, 27)),
    ("Règlement dans les 10 jours.", date(2026, 11, 26)),
    ("Paiement d'ici la fin de la semaine prochaine.", date(2026, 11, 27)),
    ("Nous réglerons le 15 du mois prochain.", date(2026, 12, 15)),
    ("Le virement sera émis la semaine prochaine.", date(2026, 11, 27)),
    ("Règlement sous 5 jours ouvrés.", date(2026, 11, 23)),
    ("Paiement prévu début décembre.", date(2026, 12, 1)),
    ("Le virement partira courant décembre.", date(2026, 12, 31)),
    ("Nous réglerons le premier décembre.", date(2026, 12, 1)),
    ("Paiement le lundi 23.", date(2026, 11, 23)),
    ("Le paiement partira demain matin.", date(2026, 11, 17)),
]
ES = [
    ("Pagaremos el 27/11.", date(2026, 11, 27)),
    ("La transferencia se realizará el 27 de noviembre.", date(2026, 11, 27)),
    ("Pagaremos el próximo 4 de diciembre.", date(2026, 12, 4)),
    ("El pago se hará el 1º de diciembre.", date(2026, 12, 1)),
    ("Pagaremos el primero de diciembre.", date(2026, 12, 1)),
    ("Haremos la transferencia el viernes 4 de diciembre.", date(2026, 12, 4)),
    ("Pagaremos el viernes.", date(2026, 11, 20)),
    ("El pago saldrá el viernes de la semana que viene.", date(2026, 11, 27)),
    ("Pagaremos a finales de esta semana.", date(2026, 11, 20)),
    ("El pago se realizará a fin de mes.", date(2026, 11, 30)),
    ("Pagaremos en 10 días.", date(2026, 11, 26)),
    ("Realizaremos el pago dentro de quince días.", date(2026, 12, 1)),
    ("Pagaremos en los próximos 10 días.", date(2026, 11, 26)),
    ("Pagaremos pasado mañana.", date(2026, 11, 18)),
    ("Pagaremos el día 30.", date(2026, 11, 30)),
    ("Pagaremos a mediados de diciembre.", date(2026, 12, 15)),
    ("El pago saldrá a principios de la semana que viene.", date(2026, 11, 23)),
    ("Pagaremos el 30 de este mes.", date(2026, 11, 30)),
    ("Pagaremos en la semana 48.", date(2026, 11, 27)),
    ("La transferencia se hará el 04-12-2026.", date(2026, 12, 4)),
    ("Pagaremos la próxima semana.", date(2026, 11, 27)),
    ("Pagaremos el lunes 23.", date(2026, 11, 23)),
    ("Pagaremos en 5 días hábiles.", date(2026, 11, 23)),
    ("Pagaremos antes de fin de mes.", date(2026, 11, 30)),
    ("Pagaremos a principios de diciembre.", date(2026, 12, 1)),
    ("Le pagaremos mañana por la mañana.", date(2026, 11, 17)),
]
NL = [
    ("We betalen op 27-11.", date(2026, 11, 27)),
    ("De betaling volgt op 27 november.", date(2026, 11, 27)),
    ("Wij betalen uiterlijk 4 dec.", date(2026, 12, 4)),
    ("We betalen vrijdag a.s.", date(2026, 11, 20)),
    ("We maken het komende vrijdag over.", date(2026, 11, 20)),
    ("Betaling op vrijdag 4 december.", date(2026, 12, 4)),
    ("We betalen volgende week dinsdag.", date(2026, 11, 24)),
    ("De betaling gaat eind deze week de deur uit.", date(2026, 11, 20)),
    ("We betalen eind van de maand.", date(2026, 11, 30)),
    ("We betalen eind volgende week.", date(2026, 11, 27)),
    ("We voldoen de factuur binnen 14 dagen.", date(2026, 11, 30)),
    ("We maken het bedrag over 10 dagen over.", date(2026, 11, 26)),
    ("We betalen overmorgen.", date(2026, 11, 18)),
    ("We betalen op de 30e.", date(2026, 11, 30)),
    ("Betaling medio december.", date(2026, 12, 15)),
    ("We betalen begin volgende week.", date(2026, 11, 23)),
    ("We betalen in week 48.", date(2026, 11, 27)),
    ("We betalen op 1 december.", date(2026, 12, 1)),
    ("Betaling binnen 5 werkdagen.", date(2026, 11, 23)),
    ("We betalen volgende week.", date(2026, 11, 27)),
    ("We betalen vrijdag aanstaande.", date(2026, 11, 20)),
    ("De factuur wordt op 04-12-2026 betaald.", date(2026, 12, 4)),
    ("We betalen half december.", date(2026, 12, 15)),
    ("De betaling volgt in december.", date(2026, 12, 31)),
    ("We betalen maandag 23 november.", date(2026, 11, 23)),
]
IT = [
    ("Pagheremo il 27/11.", date(2026, 11, 27)),
    ("Il bonifico partirà il 27 novembre.", date(2026, 11, 27)),
    ("Salderemo entro il 4 dic.", date(2026, 12, 4)),
    ("Pagheremo il primo dicembre.", date(2026, 12, 1)),
    ("Il pagamento sarà effettuato il 1° dicembre.", date(2026, 12, 1)),
    ("Pagheremo venerdì 4 dicembre.", date(2026, 12, 4)),
    ("Il bonifico partirà venerdì prossimo.", date(2026, 11, 20)),
    ("Pagheremo venerdì della prossima settimana.", date(2026, 11, 27)),
    ("Il pagamento sarà fatto entro fine settimana.", date(2026, 11, 20)),
    ("Pagheremo a fine mese.", date(2026, 11, 30)),
    ("Pagheremo entro 10 giorni.", date(2026, 11, 26)),
    ("Il bonifico partirà tra 15 giorni.", date(2026, 12, 1)),
    ("Pagheremo dopodomani.", date(2026, 11, 18)),
    ("Pagheremo entro il 30 c.m.", date(2026, 11, 30)),
    ("Il pagamento avverrà il 15 p.v.", date(2026, 12, 15)),
    ("Pagheremo a metà dicembre.", date(2026, 12, 15)),
    ("Pagheremo a inizio settimana prossima.", date(2026, 11, 23)),
    ("Il bonifico partirà nella settimana 48.", date(2026, 11, 27)),
    ("Pagheremo entro il 30 di questo mese.", date(2026, 11, 30)),
    ("Pagheremo lunedì 23.", date(2026, 11, 23)),
    ("Pagheremo entro 5 giorni lavorativi.", date(2026, 11, 23)),
    ("Pagheremo la settimana prossima.", date(2026, 11, 27)),
    ("Pagheremo l'8 dicembre.", date(2026, 12, 8)),
    ("Pagheremo entro il 30.", date(2026, 11, 30)),
    ("Il pagamento partirà a dicembre.", date(2026, 12, 31)),
    ("Pagheremo entro fine novembre.", date(2026, 11, 30)),
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [pytest.param(t, d, id=f"{lang}-{i}") for lang, cases in
     (("en", EN), ("de", DE), ("fr", FR), ("es", ES), ("nl", NL), ("it", IT))
     for i, (t, d) in enumerate(cases)],
)  # fmt: skip
def test_payment_dates_as_buyers_write_them(text: str, expected: date) -> None:
    assert promised(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("We will pay on 5 January.", date(2027, 1, 5)),
        ("Zahlung am 8.1.", date(2027, 1, 8)),
        ("Nous réglerons le 4 janvier.", date(2027, 1, 4)),
        ("Pagaremos el 15 de enero.", date(2027, 1, 15)),
        ("We betalen op 4 januari.", date(2027, 1, 4)),
        ("Pagheremo il 7 gennaio.", date(2027, 1, 7)),
        ("Pagaremos el 05/01.", date(2027, 1, 5)),
        ("Payment by the end of January.", date(2027, 1, 31)),
        ("Zahlung Anfang Januar.", date(2027, 1, 1)),
        ("Pagamento a metà gennaio.", date(2027, 1, 15)),
        ("Nous paierons début janvier.", date(2027, 1, 1)),
        ("We'll pay in 2 weeks.", date(2027, 1, 4)),
        ("Wir zahlen in KW 2.", date(2027, 1, 15)),
        ("We will pay on the 8th.", date(2027, 1, 8)),
        ("Payment by the end of the month.", date(2026, 12, 31)),
    ],
)
def test_dates_after_new_year_are_next_years(text: str, expected: date) -> None:
    assert promised(text, RECEIVED_BEFORE_CHRISTMAS) == expected


# -- the promise is not a date of something else, nor a payment already made -----------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "We paid INV-2026-0011 on 10 November; INV-2026-0012 will be paid on 27 November.",
            date(2026, 11, 27),
        ),
        ("Your invoice of 2 September will be paid on 27 November.", date(2026, 11, 27)),
        ("Facture FA-2026-171 du 15/09 : paiement le 30/11.", date(2026, 11, 30)),
        ("Die Rechnung vom 15.09. (fällig am 30.11.) begleichen wir am 4.12.", date(2026, 12, 4)),
        (
            "La facture du 2 octobre, échue le 30 novembre, sera réglée le 10 décembre.",
            date(2026, 12, 10),
        ),
        (
            "La factura con vencimiento el 30 de noviembre la pagaremos el 4 de diciembre.",
            date(2026, 12, 4),
        ),
        ("De factuur met vervaldatum 30/11 betalen wij op 4 december.", date(2026, 12, 4)),
        ("La fattura con scadenza 30/11 sarà pagata il 4 dicembre.", date(2026, 12, 4)),
        (
            "Payment for the invoice due on 30 November will be made on 4 December.",
            date(2026, 12, 4),
        ),
        (
            "The first instalment went out on Friday, the second one will follow on 4 December.",
            date(2026, 12, 4),
        ),
        ("Following your e-mail of Friday, we will pay on Wednesday.", date(2026, 11, 18)),
        ("Bezugnehmend auf Ihre Mahnung vom Freitag zahlen wir am Mittwoch.", date(2026, 11, 18)),
        ("Regarding your reminder dated 13 November: we pay next Friday.", date(2026, 11, 20)),
    ],
)
def test_dates_of_invoices_reminders_and_due_dates_are_not_the_promise(
    text: str, expected: date
) -> None:
    assert promised(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir haben am Montag 500 € überwiesen, der Rest folgt am Freitag.", date(2026, 11, 20)),
        (
            "Nous avons réglé la facture FA-1 mardi, la facture FA-2 sera payée vendredi.",
            date(2026, 11, 20),
        ),
        (
            "Hemos pagado una factura el lunes y la otra la pagaremos el viernes.",
            date(2026, 11, 20),
        ),
        ("We hebben maandag een deel betaald en de rest volgt vrijdag.", date(2026, 11, 20)),
        ("Abbiamo pagato una fattura lunedì e l'altra la pagheremo venerdì.", date(2026, 11, 20)),
        ("We paid half on Tuesday and will pay the rest on Monday.", date(2026, 11, 23)),
    ],
)
def test_a_weekday_of_a_payment_made_is_not_the_promise(text: str, expected: date) -> None:
    assert promised(text, RECEIVED_THURSDAY) == expected


def test_a_due_date_is_the_promise_when_nothing_else_is_named() -> None:
    assert promised("Wir zahlen bei Fälligkeit am 30.11.") == date(2026, 11, 30)


def test_mentions_say_what_they_date() -> None:
    roles = {
        d.text: d.role
        for d in find_dates(
            "Invoice INV-2026-0012 dated 01.10.2026, due on 30.11.2026: we paid part of it on "
            "Friday and will pay the rest on 4 December as agreed.",
            MONDAY,
        )
    }
    assert roles == {
        "01.10.2026": "reference",
        "30.11.2026": "reference",
        "on Friday": "done",
        "4 December": "plain",
    }


@pytest.mark.parametrize(
    ("text", "role"),
    [
        ("Wir können schon am Freitag zahlen.", "plain"),
        ("We can already pay on Friday.", "plain"),
        ("Wir haben am Freitag überwiesen.", "done"),
        ("La transferencia se realizó el viernes.", "done"),
        ("Le virement sera effectué vendredi.", "plain"),
        ("Il bonifico è stato disposto venerdì.", "done"),
        ("De factuur is vrijdag betaald.", "done"),
        ("We have ordered the transfer for Friday.", "plain"),
        ("It was released for payment on Friday.", "plain"),
        ("We sent payment for INV-2026-0012 on Friday.", "done"),
        ("We paid 500 EUR for INV-2026-0012 on Friday.", "done"),
        ("We cannot pay on Friday.", "refused"),
        ("Nous ne pouvons pas payer vendredi.", "refused"),
        ("We will not pay before Friday.", "plain"),
    ],
)
def test_a_weekday_is_done_or_refused_only_when_its_clause_says_so(text: str, role: str) -> None:
    (mention,) = find_dates(text, MONDAY)
    assert mention.role == role


def test_a_weekday_next_to_its_date_is_one_mention() -> None:
    found = find_dates("Zahlung am Freitag, den 27.11. (spätestens)", MONDAY)
    assert [d.value for d in found] == [date(2026, 11, 27)]


@pytest.mark.parametrize(
    "text",
    [
        "the 2nd reminder",
        "am 2. Werktag des Monats",
        "le 3e rappel",
        "el 21 % de IVA",
        "il 22% di IVA",
        "de 3 facturen",
        "Termin um 10.15 Uhr",
        "bis 10.15 Uhr erreichbar",
        "Rg. 4711 über 1.250,00 EUR",
        "Friday 2 invoices",
    ],
)
def test_ordinals_and_numbers_that_are_not_dates(text: str) -> None:
    assert [d.kind for d in find_dates(text, MONDAY)] in ([], ["weekday"])


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Wir haben letzte Woche überwiesen.", date(2026, 11, 13)),
        ("Payment was made on the 12th.", date(2026, 11, 12)),
        ("Pagato il 13 u.s.", date(2026, 10, 13)),
        ("Bezahlt am 12.11", date(2026, 11, 12)),
    ],
)
def test_payments_made_look_back(text: str, expected: date) -> None:
    assert first(text, prefer="past") == expected


def test_a_date_months_back_without_a_year_stays_this_years() -> None:
    # "the order of 20 August", written in November: this August, not next year's.
    assert first("Bestellung vom 20. August", MONDAY) == date(2026, 8, 20)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Guten Morgen Frau Keller,\n\nbezugnehmend auf Ihre Zahlungserinnerung vom "
            "12.11.2026: die Rechnung RE-10443 (fällig am 31.10.) überweisen wir am kommenden "
            "Freitag.\n\nMit freundlichen Grüßen\nKlaus Weber",
            date(2026, 11, 20),
        ),
        (
            "Morgen zusammen,\nwir haben die Rechnung gestern freigegeben, die Zahlung geht "
            "übermorgen raus.",
            date(2026, 11, 18),
        ),
        (
            "Hamburg, 16.11.2026\n\nSehr geehrte Damen und Herren,\nwir begleichen die "
            "Rechnung am 30.11.2026.",
            date(2026, 11, 30),
        ),
        (
            "Hi Sarah, as discussed on the phone on Friday, we will pay INV-2026-0012 on "
            "Wednesday.",
            date(2026, 11, 18),
        ),
        (
            "Unfortunately we could not pay on Friday as planned. Payment will now follow on "
            "Wednesday.",
            date(2026, 11, 18),
        ),
        (
            "The payment for invoice 2026/0012 was initiated on Friday with value date "
            "18 November.",
            date(2026, 11, 18),
        ),
        (
            "Bonjour, suite à votre relance du 10 novembre, je vous confirme que la facture "
            "FA-2026-304 sera réglée sous 48h.",
            date(2026, 11, 18),
        ),
        (
            "Buenos días, la factura 2026/0012 con vencimiento 31/10/2026 se pagará el próximo "
            "lunes.",
            date(2026, 11, 23),
        ),
        (
            "Beste, de factuur van 15 oktober wordt uiterlijk vrijdag 27 november voldaan.",
            date(2026, 11, 27),
        ),
        (
            "Gentili signori, la fattura n. 2026/00752 del 30/09 sarà saldata con bonifico il "
            "30 c.m.",
            date(2026, 11, 30),
        ),
        ("We will pay on 27-Nov-2026.", date(2026, 11, 27)),
        ("Payment date: 2026/11/27", date(2026, 11, 27)),
        ("Zahlung erfolgt mit Valuta 27.11", date(2026, 11, 27)),
        ("Wir zahlen per Ultimo.", date(2026, 11, 30)),
        ("Wir überweisen vor dem Wochenende.", date(2026, 11, 20)),
        ("Le virement partira avant le week-end.", date(2026, 11, 20)),
        ("We betalen voor het weekend.", date(2026, 11, 20)),
        ("La transferencia se realizará en las próximas 48 horas.", date(2026, 11, 18)),
        ("Our month-end closing is busy, so we will pay on 4 December.", date(2026, 12, 4)),
        ("We pay the invoice on the 27.11", date(2026, 11, 27)),
        ("We will pay one week from today.", date(2026, 11, 23)),
        ("We transfer the money on Friday in one week.", date(2026, 11, 27)),
        ("Wir zahlen Freitag in einer Woche.", date(2026, 11, 27)),
        ("Nous paierons jeudi en huit.", date(2026, 11, 26)),
        ("Nous paierons jeudi en quinze.", date(2026, 12, 3)),
        ("Nous réglerons dans une quinzaine de jours.", date(2026, 12, 1)),
        ("Wir zahlen bis Mitte nächsten Monats.", date(2026, 12, 15)),
        ("Pago previsto para mediados del mes que viene.", date(2026, 12, 15)),
        ("We will pay after the weekend.", date(2026, 11, 23)),
        ("Wir zahlen nach dem Wochenende.", date(2026, 11, 23)),
        ("Pagheremo dopo il weekend.", date(2026, 11, 23)),
        ("We will pay later this month.", date(2026, 11, 30)),
        ("Wir zahlen noch diesen Monat.", date(2026, 11, 30)),
        ("We betalen deze maand nog.", date(2026, 11, 30)),
        ("Pagaremos esta misma semana.", date(2026, 11, 20)),
        ("We betalen morgenochtend.", date(2026, 11, 17)),
        ("Pagaremos en un par de días.", date(2026, 11, 18)),
        (
            "We are a bit tight on cash this month but can commit to paying EUR 2,100.00 on 26/11.",
            date(2026, 11, 26),
        ),
        ("Cash is tight this week, but we will pay on the 26th.", date(2026, 11, 26)),
        ("Diese Woche klappt es leider nicht, wir zahlen am 26.11.", date(2026, 11, 26)),
        (
            "Por el cierre del ejercicio ya no emitimos más pagos en diciembre. La factura "
            "2026/00510 se abonará el 11 de enero.",
            date(2027, 1, 11),
        ),
        ("teh payment will go out on Thrusday. rgds", date(2026, 11, 19)),
        ("We will pay on Wendesday.", date(2026, 11, 18)),
        ("We pay by Fri.", date(2026, 11, 20)),
    ],
)
def test_whole_messages(text: str, expected: date) -> None:
    assert promised(text) == expected


def test_a_year_end_freeze_is_no_date() -> None:
    text = (
        "Due to our year-end payment freeze, INV-2026-0220 will not be paid until 26 February 2027."
    )
    assert promised(text, RECEIVED_BEFORE_CHRISTMAS) == date(2027, 2, 26)


def test_the_first_run_of_the_year() -> None:
    received = datetime(2026, 12, 29, 14, 19, tzinfo=UTC)
    text = "La 2026/00524 entra en la remesa del día 15, que es la primera del año."
    assert promised(text, received) == date(2027, 1, 15)
