"""Invoices named by the tail of their number, and never an amount or a quantity."""

from __future__ import annotations

import pytest

from agent.extract.shorthand import shorthand_invoices

NUMBERS = [
    "INV-2026-0370",
    "INV-2026-0373",
    "INV-2026-0441",
    "INV-2026-0428",
    "INV-2026-0273",
    "RE-10465",
    "INV-2026-0120",
]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("0370 went out last Thursday, 0373 goes on the 24th", ["INV-2026-0370", "INV-2026-0373"]),
        ("teh payment for inv 441 will go out on Thursday", ["INV-2026-0441"]),
        ("428 paid.", ["INV-2026-0428"]),
        ("invoice no. 2026-0273 (GBP 12,645.07) is in the run", ["INV-2026-0273"]),
        ("#0441 bitte stornieren", ["INV-2026-0441"]),
        ("Rechnung Nr. 10465 ist doppelt", ["RE-10465"]),
        ("la facture 0370 sera réglée vendredi", ["INV-2026-0370"]),
    ],
)
def test_a_tail_names_the_one_invoice_that_ends_so(text: str, expected: list[str]) -> None:
    assert list(shorthand_invoices(text, NUMBERS).values()) == expected


@pytest.mark.parametrize(
    "text",
    [
        "we only received 120 boxes",  # a quantity
        "EUR 0370 is what we owe",  # money
        "we paid 4,428.00 yesterday",  # part of an amount
        "due 18.11.2026, see 13/11",  # dates
        "INV-2026-0370 is paid",  # the full number is the references' job
        "ticket 4481-2290-77",  # a longer number
    ],
)
def test_numbers_that_are_not_a_tail_name_nothing(text: str) -> None:
    assert shorthand_invoices(text, NUMBERS) == {}


def test_a_tail_two_invoices_share_names_neither() -> None:
    assert shorthand_invoices("0370 is paid", ["INV-2025-0370", "INV-2026-0370"]) == {}
