"""What a remittance advice's table says was paid: the total, the lines, the payment date.

An AP system's advice is a table, one line per invoice (number, date, gross, discount,
paid), and usually a total line. The amount paid is the total's; without a total line,
the sum of the last amount on each listed invoice's line (the paid column comes last).
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

from agent.extract.amounts import find_amounts
from agent.extract.dates import find_dates
from agent.extract.text import fold

# "Total", "Total paid", "Gesamtbetrag", "Summe", "Montant total", "Importe total",
# "Totale pagato", "Totaal betaald".
_TOTAL = re.compile(r"\b(?:total\w*|gesamt\w*|summe|totaal|totale|importe total|montant total)\b")
# Columns that are not what was paid: a total line of these is not the payment's.
_NOT_PAID = re.compile(
    r"\b(?:discount|skonto|rabatt|escompte|remise|descuento|sconto|korting|gross|brutto|"
    r"tax|vat|mwst|ust|tva|iva|btw|open|outstanding|offen|restant|pendiente|residuo)\b"
)

# The line that dates the payment (the table's other dates are the invoices').
_PAID_ON = re.compile(
    r"\b(?:payment date|date of payment|paid on|value date|execution date|zahlungsdatum|"
    r"valuta\w*|ausfuhrungsdatum|date de paiement|date de (?:valeur|virement|reglement)|"
    r"fecha de (?:pago|valor|transferencia)|data (?:di )?(?:pagamento|valuta|bonifico)|"
    r"betaaldatum|betalingsdatum|valutadatum)\b"
)


def remittance_date(text: str, today: date) -> date | None:
    """The payment date a labelled line gives ("Payment date: 13.11.2026"), not after today."""
    for line in text.splitlines():
        if _PAID_ON.search(fold(line)):
            past = [d.value for d in find_dates(line, today, "past") if d.value <= today]
            if past:
                return past[0]
    return None


def remittance_amount(
    text: str, invoices: list[str], paid: dict[str, Decimal] | None = None
) -> Decimal | None:
    """The amount the advice says was paid for `invoices`, or None when it does not say.

    `paid` is `paid_per_invoice(text, invoices)` when the caller has it already.
    """
    totals = [
        amounts[-1]
        for line in text.splitlines()
        for folded in [fold(line)]
        if _TOTAL.search(folded) and not _NOT_PAID.search(folded)
        for amounts in [find_amounts(line)]
        if amounts
    ]
    if totals:
        return totals[-1].value
    paid = paid_per_invoice(text, invoices) if paid is None else paid
    if not invoices or any(number not in paid for number in invoices):
        return None  # one invoice's amount unknown: the sum would be wrong
    return sum((paid[number] for number in invoices), Decimal("0"))


def paid_per_invoice(text: str, invoices: list[str]) -> dict[str, Decimal]:
    """Per invoice with a line, the amount it says was paid (the paid column comes last)."""
    return {number: amounts[-1] for number, amounts in remittance_lines(text, invoices).items()}


def line_naming(text: str, number: str) -> str | None:
    """The first line of a document's text that names invoice `number` (any case)."""
    return next((ln for ln in text.splitlines() if number.upper() in ln.upper()), None)


def remittance_lines(text: str, invoices: list[str]) -> dict[str, list[Decimal]]:
    """Per invoice, the amounts on the first line that names it, in column order.

    An invoice with no line, or no amount on its line, is left out.
    """
    found: dict[str, list[Decimal]] = {}
    for number in invoices:
        line = line_naming(text, number)
        amounts = find_amounts(line.upper().replace(number.upper(), " ")) if line else []
        if amounts:
            found[number] = [a.value for a in amounts]
    return found


def short_paid(amounts: list[Decimal], open_amount: Decimal) -> Decimal | None:
    """What a line pays short of `open_amount`, or None when it pays it in full.

    The paid column comes last; a line that shows the open amount anywhere (gross, then
    discount, then paid) is taken as paying it: a discount column is for cash application.
    """
    if not amounts or any(abs(a - open_amount) < Decimal("0.01") for a in amounts):
        return None
    paid = amounts[-1]
    return open_amount - paid if Decimal("0") < paid < open_amount else None
