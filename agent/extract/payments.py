"""Payment references in remittance wording ("Ref: TRX-88812", "Verwendungszweck: ...")."""

from __future__ import annotations

import re

_LABELLED = re.compile(
    r"(?:payment reference|transaction (?:id|number|no\.?|reference)|transfer reference|"
    r"bank reference|remittance (?:id|number|reference)|reference|ref\.?|"
    r"zahlungsreferenz|referenz|verwendungszweck|transaktions(?:nummer|-id)|"
    r"reference du (?:virement|paiement)|référence du (?:virement|paiement)|reference|référence|"
    r"referencia(?: de(?:l)? (?:pago|transferencia))?|numero de operacion|número de operación|"
    r"betalingskenmerk|betalingsreferentie|kenmerk|referentie|transactienummer|"
    r"riferimento(?: (?:del )?(?:pagamento|bonifico))?|cro|trn|numero (?:di )?transazione)"
    r"(?![A-Za-z])\s*(?:n[or°º.]*\s*)?[:#]?\s*(?P<ref>[A-Za-z0-9][A-Za-z0-9/_.-]{3,40}[A-Za-z0-9])",
    re.IGNORECASE,
)
_SHAPED = re.compile(
    r"(?<![\w-])((?:TRX|TRN|TXN|PAY|REF|SEPA|WIRE|CRO|FT)[-/]?[A-Z0-9]{4,30})(?![\w-])"
)


def payment_reference(text: str, exclude: set[str]) -> str | None:
    """The payment's own reference; invoice and PO numbers in `exclude` are not one."""
    upper_exclude = {e.upper() for e in exclude}
    for m in _LABELLED.finditer(text):
        ref = m.group("ref").rstrip(".")
        if any(ch.isdigit() for ch in ref) and ref.upper() not in upper_exclude:
            return ref
    for m in _SHAPED.finditer(text):
        if m.group(1).upper() not in upper_exclude:
            return m.group(1)
    return None
