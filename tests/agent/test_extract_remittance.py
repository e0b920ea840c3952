"""A remittance advice's table: the amount paid and the payment date."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from agent.extract.remittance import remittance_amount, remittance_date

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
