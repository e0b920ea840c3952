"""Invoice-like numbers a buyer names, whether or not the ledger knows them."""

from __future__ import annotations

import re

from agent.extract.text import fold

_TOKEN = re.compile(
    r"(?<![\w@./-])#?([A-Za-z]{0,6}[-/]?\d[A-Za-z0-9\-/_.]{2,30}[A-Za-z0-9])(?![\w@-])"
)
_AMOUNT_LIKE = re.compile(r"^\d{1,3}(?:[.,]\d{3})+(?:[.,]\d{1,2})?$|^\d+[.,]\d{1,2}$")
_INVOICE_WORD = re.compile(
    r"(?:invoices?|inv|bill|rechnung(?:en|s)?|rg|factures?|fact|facturas?|fra|facturen|factuur|"
    r"fattur[ae]|ft|credit note|gutschrift|avoir|nota de credito|creditnota|nota di credito)"
    r"\.?\s*(?:no\.?|nr\.?|n[°º]\.?|num(?:ero|ber)?\.?|#|:)?\s*$"
)
_OTHER_WORD = re.compile(
    r"(?:po|p\.o\.|purchase order|order|bestell\w*|auftrag\w*|commande|pedido|orden de compra|"
    r"bestelling|inkooporder|ordine|customer|kunde\w*|client|cliente|klant\w*|iban|bic|tel\w*|"
    r"phone|fax|mobile|vat|ust|tva|iva|btw|ref\w*|kenmerk|verwendungszweck|transaction|trx|"
    r"account|konto|compte|cuenta|rekening|conto|plz|zip|postcode|cap)\.?\s*(?:no\.?|nr\.?|"
    r"n[°º]\.?|num(?:ero|ber)?\.?|#|:|-)?\s*$"
)
_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{1,4}$|^\d{1,2}[./]\d{1,2}\.?$")


def shape(number: str) -> str:
    """'INV-2026-0012' → 'INV-9999-9999': numbers of one series share a shape."""
    return re.sub(r"\d", "9", number.upper())


def invoice_like_numbers(text: str, known_shapes: set[str]) -> list[str]:
    """Numbers in `text` that read as invoice numbers, upper-cased, in order.

    A number counts when an invoice word stands right before it ("invoice 4711",
    "Rechnung Nr. 4711", "facture n° 4711") or when it has the shape of the ledger's own
    invoice numbers; numbers after a PO, customer, phone or bank word do not.
    """
    folded = fold(text)
    found: list[str] = []
    for m in _TOKEN.finditer(text):
        token = m.group(1).strip().rstrip(".").upper().replace(" ", "-")
        if (
            _DATE_LIKE.match(token)
            or _AMOUNT_LIKE.match(token)
            or sum(ch.isdigit() for ch in token) < 3
        ):
            continue
        before = folded[max(0, m.start() - 30) : m.start()]
        if _OTHER_WORD.search(before):
            continue
        named = _INVOICE_WORD.search(before) is not None
        if (named or shape(token) in known_shapes) and token not in found:
            found.append(token)
    return found
