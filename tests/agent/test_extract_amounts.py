"""Amounts as buyers write them in six languages, read as Decimal."""

from __future__ import annotations

from decimal import Decimal

import pytest

from agent.extract.amounts import find_amounts, parse_number


@pytest.mark.parametrize(
    ("text", "value", "currency"),
    [
        ("1.250,00 EUR", "1250.00", "EUR"),
        ("€1,250.00", "1250.00", "EUR"),
        ("1 250,00 €", "1250.00", "EUR"),
        ("1\u202f250,00\u00a0€", "1250.00", "EUR"),
        ("1250.-", "1250.00", None),
        ("1250,-", "1250.00", None),
        ("EUR 830.50", "830.50", "EUR"),
        ("830,50 Euro", "830.50", "EUR"),
        ("$ 99", "99.00", "USD"),
        ("CHF 1'250.00", "1250.00", "CHF"),
        ("4.800 EUR", "4800.00", "EUR"),
        ("12.345.678,90 €", "12345678.90", "EUR"),
        ("wir zahlen 2.150,00 € am Freitag", "2150.00", "EUR"),
        ("nous réglerons 2 150,00 € vendredi", "2150.00", "EUR"),
        ("pagaremos 2.150,00 euros", "2150.00", "EUR"),
        ("we betalen € 2.150,00", "2150.00", "EUR"),
        ("pagheremo 2.150,00 EUR", "2150.00", "EUR"),
        ("a partial payment of 500.00", "500.00", None),
    ],
)
def test_amounts_in_local_formats(text: str, value: str, currency: str | None) -> None:
    (amount,) = find_amounts(text)
    assert amount.value == Decimal(value)
    assert amount.currency == currency


@pytest.mark.parametrize(
    "text",
    [
        "Invoice INV-2026-0012 dated 13.11.2026",
        "PO 4500012345",
        "we received 3 pallets instead of 4",
        "call me on +49 170 1234567",
        "customer number C-10023",
    ],
)
def test_numbers_that_are_not_money_are_ignored(text: str) -> None:
    assert find_amounts(text) == []


def test_several_amounts_keep_their_order_and_span() -> None:
    text = "You charged 1.250,00 EUR instead of 1.100,00 EUR."
    found = find_amounts(text)
    assert [a.value for a in found] == [Decimal("1250.00"), Decimal("1100.00")]
    assert text[found[1].start : found[1].end].startswith("1.100,00")


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("1.250", "1250"),
        ("1,250", "1250"),
        ("12,5", "12.5"),
        ("12.50", "12.50"),
        ("1.000.000", "1000000"),
    ],
)
def test_parse_number_reads_separators_by_position(raw: str, value: str) -> None:
    assert parse_number(raw) == Decimal(value)
