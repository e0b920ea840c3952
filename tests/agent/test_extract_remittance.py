"""A remittance advice's table: the amount paid and the payment date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agent.extract.remittance import (
    remittance_amount,
    remittance_date,
    remittance_lines,
    short_paid,
)

TODAY = date(2026, 11, 16)
TABLE = (
    "Invoice Date Gross Discount Paid\n"
    "INV-2026-0012 2026-09-01 1,275.51 25.51 1,250.00\n"
    "INV-2026-0047 2026-10-05 830.50 0.00 830.50\n"
)


def test_the_total_line_is_the_amount_paid() -> None:
    text = TABLE + "Total discount 25.51\nTotal paid EUR 2,080.50\n"
    assert remittance_amount(text, ["INV-2026-0012"]) == Decimal("2080.50")


def test_a_german_total_and_a_gross_total_beside_it() -> None:
    text = (
        "Rechnung Betrag\nINV-2026-0101 4.100,00\nGesamtbetrag 4.100,00 EUR\nTotal brutto 4.879,00"
    )
    assert remittance_amount(text, ["INV-2026-0101"]) == Decimal("4100.00")


def test_without_a_total_the_paid_column_of_each_line_is_summed() -> None:
    assert remittance_amount(TABLE, ["INV-2026-0012", "INV-2026-0047"]) == Decimal("2080.50")


def test_an_invoice_without_its_line_leaves_the_amount_unsaid() -> None:
    assert remittance_amount(TABLE, ["INV-2026-0012", "INV-2026-0099"]) is None
    assert remittance_amount(TABLE, []) is None


def test_the_labelled_payment_date_not_the_invoice_dates() -> None:
    text = "Payment date: 13.11.2026\n" + TABLE
    assert remittance_date(text, TODAY) == date(2026, 11, 13)
    assert remittance_date("Zahlungsdatum 12.11.2026\n" + TABLE, TODAY) == date(2026, 11, 12)
    assert remittance_date(TABLE, TODAY) is None
    # A payment date ahead is a scheduled payment, not one made.
    assert remittance_date("Payment date: 30.11.2026", TODAY) is None


def test_each_invoices_line_gives_its_amounts_in_column_order() -> None:
    lines = remittance_lines(TABLE, ["INV-2026-0047", "INV-2026-0012", "INV-2026-0099"])
    # "0.00" is no amount (nothing is paid or deducted by it).
    assert lines == {
        "INV-2026-0047": [Decimal("830.50"), Decimal("830.50")],
        "INV-2026-0012": [Decimal("1275.51"), Decimal("25.51"), Decimal("1250.00")],
    }


def test_a_line_short_of_the_open_amount_and_lines_that_are_not() -> None:
    open_amount = Decimal("1250.00")
    assert short_paid([Decimal("1000.00")], open_amount) == Decimal("250.00")
    # Gross, discount, paid: the open amount is on the line, the discount is cash application's.
    assert (
        short_paid([Decimal("1250.00"), Decimal("25.00"), Decimal("1225.00")], open_amount) is None
    )
    assert short_paid([Decimal("1250.00")], open_amount) is None
    assert short_paid([Decimal("1300.00")], open_amount) is None  # more than open: not short
    assert short_paid([], open_amount) is None
