"""Whether a date is the date of something else: of a document ("the invoice of 2 October",
"Rechnung Nr. 4711 vom 15.09.") or a due date ("due on 30 November"), read word by word from
the words right before it.
"""

from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


# A date right after these words dates a document ("invoice INV-1 of 2 October", "Rechnung
# Nr. 4711 vom 15.09.", "la facture du 2 octobre", "la fattura n. 2026/00752 del 2 ottobre").
_DOC_NOUNS = _words(
    "invoice invoices inv bill statement reminder reminders letter email e-mail mail message "
    "order po delivery shipment note rechnung rechnungen re rg gutschrift mahnung "
    "zahlungserinnerung erinnerung schreiben nachricht bestellung lieferung lieferschein "
    "auftrag facture factures avoir relance rappel courriel commande livraison factura "
    "facturas recordatorio correo mensaje pedido entrega albaran credito factuur facturen "
    "herinnering aanmaning bericht bestelling levering pakbon creditnota fattura fatture ft "
    "fatt sollecito promemoria lettera messaggio ordine consegna ddt"
)
_LINKS = _words("of from dated vom von datiert du del de van d.d gedateerd datata fechada fechado")
_ISSUED = _words("emise emis emises emisa emitida emessa emesso issued sent fechada fechado datee")
_LINK_FILLERS = _words("en date fecha con met datum in data giorno")
_NUMBER_LABELS = _words("no nr n n° # number nummer numero num")
# A date right after these words is a due date ("due on 30 November", "fällig am 30.11.").
_DUE_WORDS = _words(
    "due overdue payable fallig falligkeit falligkeitsdatum zahlbar zahlungsziel echu echue "
    "echus echues echeance exigible limite vencido vencida vencidos vencidas vencimiento vence "
    "vencio vervallen vervalt vervaldatum vervaldag scaduto scaduta scadute scaduti scadenza "
    "scade"
)
_DUE_PREPS = _words("on by am bis seit since le au du el op il per dal del al date datum")
_ARTICLES = _words("the den dem der le el il l'")


def _is_reference(folded: str, start: int) -> bool:
    """Whether the date at `start` dates a document or is a due date (read word by word)."""
    words = [w.strip(",:;()") for w in folded[max(0, start - 60) : start].split()]
    words = [w for w in words if w]
    if words and words[-1] in _ARTICLES:
        words.pop()
    if not words:
        return False
    last = words[-1].rstrip(".")
    if last in _DUE_WORDS or (last in _DUE_PREPS and len(words) > 1 and words[-2] in _DUE_WORDS):
        return True
    if last in ("le", "il", "el", "on") and len(words) > 1 and words[-2] in _ISSUED:
        rest = words[:-2]
    elif last in _LINKS:
        rest = words[:-1]
    else:
        return False
    k = len(rest) - 1
    while (
        k >= 0
        and len(rest) - k <= 4
        and (
            rest[k] in _LINK_FILLERS
            or rest[k].rstrip(".") in _NUMBER_LABELS
            or any(c.isdigit() for c in rest[k])
        )
    ):
        k -= 1
    return k >= 0 and rest[k].rstrip(".") in _DOC_NOUNS
