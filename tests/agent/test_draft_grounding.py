"""check_grounded: figures in a draft must come from the records, in any of our languages."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.draft.formatting import format_day, format_money
from agent.draft.grounding import GroundingFacts, check_grounded
from agent.schema import LANGUAGES

INVOICES = {"INV-2026-0012", "PO-7781", "DSP-000012", "C-10023", "4500012345"}
AMOUNTS = {Decimal("1250.00"), Decimal("830.50"), Decimal("12500.00")}
DATES = {date(2026, 10, 1), date(2026, 11, 20), date(2026, 9, 1)}


def problems(text: str, language: str = "en") -> list[str]:
    return check_grounded(
        text,
        allowed_invoices=INVOICES,
        allowed_amounts=AMOUNTS,
        allowed_dates=DATES,
        language=language,
    )


@pytest.mark.parametrize(
    ("language", "text"),
    [
        ("en", "We will pay €1,250.00 for INV-2026-0012 (PO-7781) by 20 November 2026."),
        ("en", "1250 EUR on October 1, 2026; EUR 830.50 on 2026-11-20; 1,250 EUR."),
        ("en", "USD 12,500 and $12,500.00 and 12,500.00 were noted 20th November 2026."),
        (
            "de",
            "Rechnung INV-2026-0012 über 1.250,00\u00a0€ vom 1. September 2026, "
            "fällig am 01.10.2026, Bestellung 4500012345.",
        ),
        ("de", "Zahlung über 1.250 € bis 20.11.26 und 12.500,00 EUR am 20. Nov. 2026"),
        ("fr", "la facture INV-2026-0012 de 1\u202f250,00\u00a0€ au plus tard le 1er octobre 2026"),
        ("fr", "un avoir de 830,50 € le 20 nov. 2026 pour le client C-10023"),
        ("es", "1.250,00\u00a0€ a más tardar el 20 de noviembre de 2026, referencia DSP-000012"),
        ("nl", "€\u00a01.250,00 voor factuur INV-2026-0012 uiterlijk op 20 november 2026"),
        ("it", "1.250,00\u00a0€ entro il 1º ottobre 2026 per la fattura INV-2026-0012"),
        ("en", "Amounts of 830.50 and 1.250,00 without a currency."),
        ("en", "The 2 invoices of 2026, 3 pallets, 10 days, mail ap-2026@acme.example."),
        ("de", "Skonto 2,50 % bei Zahlung binnen 10 Tagen, 19 % MwSt."),
    ],
)
def test_supported_figures_pass(language: str, text: str) -> None:
    assert problems(text, language) == []


@pytest.mark.parametrize(
    ("language", "text", "culprit"),
    [
        ("en", "We will credit €999.00 on the account.", "€999.00"),
        ("en", "Please pay 1,251.00 EUR.", "1,251.00 EUR"),
        ("de", "Der offene Betrag beträgt 1.205,00\u00a0€.", "1.205,00\u00a0€"),
        ("fr", "Le solde est de 2\u202f080,50\u00a0€.", "2\u202f080,50\u00a0€"),
        ("nl", "openstaand € 83,05", "€ 83,05"),
        ("en", "a copy of INV-2026-9999 is attached", "INV-2026-9999"),
        ("de", "Ihre Beanstandung DSP-000099 ist erfasst", "DSP-000099"),
        ("en", "due on 2 October 2026", "2 October 2026"),
        ("de", "fällig am 2. Oktober 2026", "2. Oktober 2026"),
        ("es", "el 3 de diciembre de 2026", "3 de diciembre de 2026"),
        ("it", "entro il 5 dicembre 2026", "5 dicembre 2026"),
        ("nl", "op 5 december", "5 december"),
        ("en", "by 12/24/2026", "12/24/2026"),
        ("de", "bis zum 24.12.2026", "24.12.2026"),
        ("en", "on 2026-12-24", "2026-12-24"),
        ("en", "a deduction of 99.99", "99.99"),
    ],
)
def test_invented_figures_are_caught(language: str, text: str, culprit: str) -> None:
    found = problems(text, language)

    assert len(found) == 1, found
    assert repr(culprit) in found[0]


def test_each_invented_figure_is_listed_once() -> None:
    found = problems("Credit of €10.00 on INV-2026-0001 dated 3 March 2026; INV-2026-0012 ok.")

    assert len(found) == 3
    assert [p.split(":")[0] for p in found] == [
        "date not in the records",
        "amount not in the records",
        "invoice or reference not in the records",
    ]


def test_ambiguous_separators_follow_the_language() -> None:
    # "1,250" is one thousand two hundred and fifty in English, 1.25 in German.
    assert problems("1,250 EUR", "en") == []
    assert problems("1,250 EUR", "de") != []
    assert problems("1.250 €", "de") == []


def test_numbers_in_addresses_are_not_references() -> None:
    assert problems("Write to ar-1234@northwind.example or see https://x.example/inv/12345") == []


def test_grounding_facts_collect_an_invoices_figures() -> None:
    class Inv:
        number = "INV-7"
        po_number = "PO-7"
        amount = Decimal("10.00")
        open_amount = Decimal("5.00")
        issue_date = date(2026, 1, 2)
        due_date = date(2026, 2, 1)

    facts = GroundingFacts()
    facts.add_invoice(Inv())

    assert facts.check("INV-7 / PO-7: €10.00, open €5.00, due 1 February 2026", "en") == []
    assert facts.check("INV-8", "en") != []


@settings(max_examples=300, deadline=None)
@given(
    amount=st.decimals(min_value=Decimal("0.01"), max_value=Decimal("9999999.99"), places=2),
    language=st.sampled_from(LANGUAGES),
    currency=st.sampled_from(["EUR", "USD", "GBP", "CHF"]),
    day=st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
)
def test_every_babel_formatted_figure_is_read_back(
    amount: Decimal, language: str, currency: str, day: date
) -> None:
    text = f"{format_money(amount, currency, language)} / {format_day(day, language)}"

    assert (
        check_grounded(
            text,
            allowed_invoices=set(),
            allowed_amounts={amount},
            allowed_dates={day},
            language=language,
        )
        == []
    )
    other = check_grounded(
        text,
        allowed_invoices=set(),
        allowed_amounts={amount + 1},
        allowed_dates={day + timedelta(days=1)},
        language=language,
    )
    assert len(other) == 2, (text, other)
