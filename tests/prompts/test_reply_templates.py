"""The reply templates: the same set in every language, each renders grounded and complete."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from typing import Any

import pytest
from jinja2 import UndefinedError

import prompts
from agent.draft.compose import (
    ClaimView,
    ContactChangeView,
    CopyView,
    DisputeLine,
    PromiseView,
    ResolutionView,
    StatementView,
    TotalView,
)
from agent.draft.formatting import format_day, format_money
from agent.draft.grounding import check_grounded
from agent.draft.render import render_letter, render_macro, render_text
from agent.schema import LANGUAGES

INTENT_TEMPLATES = (
    "dispute",
    "promise_to_pay",
    "invoice_copy_request",
    "payment_confirmation",
    "statement_request",
    "contact_update",
)
LATER_TEMPLATES = ("promise_broken", "dispute_resolved", "acknowledge")
FRAME_TEMPLATES = ("letter", "subjects")

INVOICES = {"INV-2026-0012", "INV-2026-0047", "CN-2026-0003", "DSP-000012", "DSP-000013"}
AMOUNTS = {Decimal(a) for a in ("1250.00", "830.50", "2080.50", "1210.50", "-40.00", "0", "99.99")}
DATES = {
    date(2026, 9, 1),
    date(2026, 10, 1),
    date(2026, 10, 31),
    date(2026, 11, 20),
    date(2026, 11, 23),
    date(2026, 11, 13),
    date(2026, 10, 15),
}

COPY = CopyView(
    "INV-2026-0012",
    "invoice",
    date(2026, 9, 1),
    date(2026, 10, 1),
    Decimal("1250.00"),
    Decimal("1250.00"),
    "EUR",
)
CREDIT = CopyView(
    "CN-2026-0003",
    "credit_note",
    date(2026, 10, 1),
    date(2026, 10, 15),
    Decimal("-40.00"),
    Decimal("-40.00"),
    "EUR",
)

# Each template with the variants of its data that take different branches.
CASES: dict[str, list[dict[str, Any]]] = {
    "dispute": [
        {"disputes": [DisputeLine("DSP-000012", "INV-2026-0012", "pricing", "billing")]},
        {"disputes": [DisputeLine("DSP-000012", "INV-2026-0012", "other", "ar")]},
        {
            "disputes": [
                DisputeLine("DSP-000012", "INV-2026-0012", reason, team)
                for reason, team in (
                    ("quantity", "logistics"),
                    ("damaged", "quality"),
                    ("not_received", "logistics"),
                    ("duplicate", "billing"),
                    ("quality", "quality"),
                    ("tax", "billing"),
                    ("other", "ar"),
                )
            ]
        },
    ],
    "promise_to_pay": [
        {"promise": PromiseView(date(2026, 11, 20), Decimal("1250.00"), "EUR", ["INV-2026-0012"])},
        {
            "promise": PromiseView(
                None, Decimal("2080.50"), "EUR", ["INV-2026-0012", "INV-2026-0047"]
            )
        },
        {"promise": PromiseView(date(2026, 11, 20), None, "EUR", [])},
    ],
    "payment_confirmation": [
        {"claim": ClaimView(date(2026, 11, 13), Decimal("830.50"), "EUR", True)},
        {"claim": ClaimView(None, None, "EUR", True)},
        {"claim": ClaimView(None, None, "EUR", False)},
    ],
    "invoice_copy_request": [{"copies": [COPY]}, {"copies": [CREDIT]}, {"copies": [COPY, CREDIT]}],
    "statement_request": [
        {"statement": StatementView(date(2026, 11, 23), 0, [])},
        {
            "statement": StatementView(
                date(2026, 11, 23), 1, [TotalView("EUR", Decimal("99.99"), Decimal("0"))]
            )
        },
        {
            "statement": StatementView(
                date(2026, 11, 23),
                3,
                [
                    TotalView("EUR", Decimal("2080.50"), Decimal("1250.00")),
                    TotalView("USD", Decimal("99.99"), Decimal("99.99")),
                ],
            )
        },
    ],
    "contact_update": [
        {"contact_change": ContactChangeView("new.ap@acme.example")},
        {"contact_change": ContactChangeView(None)},
    ],
    "acknowledge": [{}],
    "promise_broken": [
        {"promise": PromiseView(date(2026, 11, 20), Decimal("1250.00"), "EUR", ["INV-2026-0012"])},
        {
            "promise": PromiseView(
                date(2026, 11, 20), None, "EUR", ["INV-2026-0012", "INV-2026-0047"]
            )
        },
        {"promise": PromiseView(date(2026, 11, 20), None, "EUR", [])},
    ],
    "dispute_resolved": [
        {"dispute": ResolutionView("DSP-000012", "INV-2026-0012", outcome, credit, open_, "EUR")}
        for outcome, credit, open_ in (
            ("credited", Decimal("40.00"), Decimal("1210.50")),
            ("credited", None, Decimal("1210.50")),
            ("corrected", None, Decimal("0")),
            ("confirmed", None, Decimal("1250.00")),
            ("other", None, Decimal("1250.00")),
        )
    ],
}
AMOUNTS.add(Decimal("40.00"))


def template_names(language: str) -> set[str]:
    return {p.stem for p in (prompts.REPLIES_DIR / language).glob("*.j2")}


def test_version_names_the_template_set() -> None:
    assert re.fullmatch(r"replies-\d{4}-\d{2}-\d{2}\.\d+", prompts.version())


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_every_template(language: str) -> None:
    expected = set(INTENT_TEMPLATES) | set(LATER_TEMPLATES) | set(FRAME_TEMPLATES)
    assert template_names(language) == expected


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", sorted(CASES))
def test_template_renders_grounded_in_every_variant(language: str, template: str) -> None:
    for variables in CASES[template]:
        text = render_text(language, template, **variables)

        assert text and "{{" not in text and "{%" not in text and "{#" not in text
        assert "None" not in text and "  " not in text.replace("\n", "")
        assert "\n\n\n" not in text
        problems = check_grounded(
            text,
            allowed_invoices=INVOICES,
            allowed_amounts=AMOUNTS,
            allowed_dates=DATES,
            language=language,
        )
        assert problems == [], (template, variables, text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_facts_appear_formatted_for_the_language(language: str) -> None:
    text = render_text(language, "invoice_copy_request", copies=[COPY])

    assert "INV-2026-0012" in text
    assert format_money(Decimal("1250.00"), "EUR", language) in text
    assert format_day(date(2026, 9, 1), language) in text
    assert format_day(date(2026, 10, 1), language) in text


def test_a_dispute_without_a_named_reason_reads_plainly() -> None:
    """Not "your query about the invoice on invoice INV-…"."""
    one = render_text("en", "dispute", disputes=[DisputeLine("DSP-1", "INV-1", "other", "ar")])
    assert "We have recorded your query on invoice INV-1 under reference DSP-1." in one
    two = render_text(
        "en",
        "dispute",
        disputes=[
            DisputeLine("DSP-1", "INV-1", "other", "ar"),
            DisputeLine("DSP-2", "INV-2", "pricing", "billing"),
        ],
    )
    assert "- invoice INV-1: reference DSP-1" in two
    assert "- invoice INV-2, the prices charged: reference DSP-2" in two


def test_german_amounts_and_dates() -> None:
    text = render_text("de", "promise_to_pay", promise=CASES["promise_to_pay"][0]["promise"])

    assert "1.250,00\u00a0€ für Rechnung INV-2026-0012 bis zum 20. November 2026" in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_letter_frame_greets_by_name_or_neutrally_and_closes_once(language: str) -> None:
    named = render_letter(
        language,
        ["P1.", "P2."],
        name="Jane Doe",
        opening=True,
        company_name="Northwind",
        sender_name="AR",
    )
    neutral = render_letter(
        language, ["P1."], name=None, opening=False, company_name="Northwind", sender_name="AR"
    )

    assert "Jane Doe" in named.splitlines()[0]
    assert "Jane Doe" not in neutral
    assert named.endswith("AR\nNorthwind") and neutral.endswith("AR\nNorthwind")
    paragraphs = named.split("\n\n")
    assert paragraphs[-4:-2] == ["P1.", "P2."]  # then the closing line and the sign-off
    assert neutral.split("\n\n")[1] == "P1."  # no opening line when asked not to


@pytest.mark.parametrize("language", LANGUAGES)
def test_subject_macros(language: str) -> None:
    one = render_macro(
        language, "subjects", "promise_broken", ["INV-2026-0012"], company_name="Northwind"
    )
    two = render_macro(
        language, "subjects", "promise_broken", ["INV-1", "INV-2"], company_name="Northwind"
    )
    resolved = render_macro(
        language, "subjects", "dispute_resolved", "DSP-1", "INV-1", company_name="Northwind"
    )
    fallback = render_macro(language, "subjects", "reply_fallback", company_name="Northwind")

    assert "INV-2026-0012" in one and "INV-1" in two and "INV-2" in two and one != two
    assert "DSP-1" in resolved and "INV-1" in resolved
    assert "Northwind" in fallback and "\n" not in fallback


def test_a_missing_variable_is_an_error_not_a_blank() -> None:
    with pytest.raises(UndefinedError):
        render_text("en", "dispute")
