"""Invoices a buyer describes instead of numbering: the latest, a month's, "both of these"."""

from __future__ import annotations

from datetime import date

import pytest

from agent.extract.described import invoice_of_month, latest_invoice, quoted_set

ISSUED = [
    ("INV-1", date(2026, 9, 1)),
    ("INV-2", date(2026, 10, 3)),
    ("INV-3", date(2026, 11, 2)),
]
TODAY = date(2026, 11, 20)


@pytest.mark.parametrize(
    "text",
    [
        "your last invoice doesn't match our GRN",
        "Re your latest invoice - we'll pay it in full",
        "Ihre letzte Rechnung ist falsch",
        "votre dernière facture comporte une erreur",
        "la última factura no es correcta",
        "uw laatste factuur klopt niet",
        "la vostra ultima fattura è sbagliata",
    ],
)
def test_the_last_invoice_is_the_newest(text: str) -> None:
    assert latest_invoice(text, ISSUED) == "INV-3"


def test_no_newest_when_two_share_the_day() -> None:
    tied = [*ISSUED, ("INV-4", date(2026, 11, 2))]
    assert latest_invoice("your last invoice", tied) is None
    assert latest_invoice("the invoice we discussed", ISSUED) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("can you send me a copy of your November invoice?", "INV-3"),
        ("the invoice from October is wrong", "INV-2"),
        ("die Rechnung vom Oktober", "INV-2"),
        ("la facture de septembre", "INV-1"),
        ("la factura de octubre", "INV-2"),
        ("de factuur van november", "INV-3"),
        ("la fattura di settembre", "INV-1"),
        ("the December invoice", None),  # none issued in December 2026 (nor 2025)
        ("we paid in November", None),  # a month alone names no invoice
    ],
)
def test_a_month_names_the_one_invoice_issued_in_it(text: str, expected: str | None) -> None:
    assert invoice_of_month(text, ISSUED, TODAY) == expected


def test_a_month_with_two_invoices_names_none() -> None:
    two = [*ISSUED, ("INV-5", date(2026, 11, 15))]
    assert invoice_of_month("your November invoice", two, TODAY) is None


def test_both_of_these_takes_the_two_quoted_invoices() -> None:
    assert quoted_set("Both of these were paid on 9 November.", ["INV-1", "INV-2"]) == [
        "INV-1",
        "INV-2",
    ]
    assert quoted_set("Beide Rechnungen sind bezahlt.", ["INV-1", "INV-2"]) == ["INV-1", "INV-2"]
    # "both" with three quoted is ambiguous; with one it is not about the quote.
    assert quoted_set("Both of these were paid.", ["INV-1", "INV-2", "INV-3"]) == []
    assert quoted_set("Both of these were paid.", ["INV-1"]) == []
    assert quoted_set("All of these will be paid on Friday.", ["INV-1", "INV-2", "INV-3"]) == [
        "INV-1",
        "INV-2",
        "INV-3",
    ]
    assert quoted_set("We will pay on Friday.", ["INV-1", "INV-2"]) == []
