"""A reply that only says thanks or "received": no new request, whatever its subject says.

A buyer who thanks us for the invoice copy answers under our subject ("RE: Copy of invoice
INV-2026-0012"), and a classifier that reads the subject takes the thanks for a second
request: the assistant would send the copy again. A new text made of nothing but thanks,
receipt, greeting and sign-off words (and a name) asks for nothing.

Matched on folded text (lower case, no accents: agent/extract/text.fold), in the six
languages of the letters.
"""

from __future__ import annotations

import re

from agent.extract.text import fold

_THANKS = (
    r"many thanks|thanks a lot|thank you(?: very much| so much)?|thanks(?: again)?|thx|ty"
    r"|much appreciated|appreciated|cheers"
    r"|vielen dank|besten dank|herzlichen dank|danke(?: schon| sehr)?"
    r"|merci(?: beaucoup| bien)?"
    r"|muchas gracias|gracias"
    r"|hartelijk dank|dank(?: u| je)?(?: wel)?|bedankt"
    r"|grazie(?: mille)?|molte grazie"
)
_RECEIVED = (
    r"(?:well |duly )?received(?: with thanks)?|got it|noted|perfect|great|all good|ok(?:ay)?"
    r"|(?:dankend )?erhalten|angekommen|bestens|perfekt|alles klar"
    r"|(?:bien )?recu|bien note|parfait"
    r"|recibido|perfecto"
    r"|(?:goed )?ontvangen|prima|top"
    r"|(?:ben )?ricevuto|perfetto"
)
_COURTESY = (
    r"hi|hello|dear|hallo|guten tag|bonjour|hola|buenos dias|goedemorgen|goedendag|beste"
    r"|buongiorno|ciao|salve"
    r"|kind regards|best regards|regards|best|br|have a nice day|have a good day"
    r"|mit freundlichen gru(?:ss|ß)en|freundliche gru(?:ss|ß)e|viele gru(?:ss|ß)e"
    r"|beste gru(?:ss|ß)e|gru(?:ss|ß)e|lg|mfg"
    r"|cordialement|bien a vous|bonne journee"
    r"|un saludo|saludos|atentamente"
    r"|met vriendelijke groet(?:en)?|vriendelijke groet(?:en)?|groeten|groetjes|mvg"
    r"|cordiali saluti|distinti saluti|saluti|buona giornata"
    r"|for (?:the|your) (?:copy|copies|invoice|invoices|statement|documents?|mail|e-?mail)"
    r"|fur (?:die|den|das) (?:kopie|rechnung|rechnungen|kontoauszug|unterlagen)"
    r"|pour (?:la|le|les) (?:copie|duplicata|facture|factures|releve)"
    r"|por (?:la|el|las) (?:copia|factura|facturas|extracto)"
    r"|voor de (?:kopie|factuur|facturen|rekeningoverzicht)"
    r"|per (?:la|il|le) (?:copia|fattura|fatture|estratto conto)"
)
_ACK = re.compile(rf"\b(?:{_THANKS}|{_RECEIVED})\b")
_ANY = re.compile(rf"\b(?:{_THANKS}|{_RECEIVED}|{_COURTESY})\b")
_WORD = re.compile(r"[a-z]+")


def only_acknowledges(text: str, sender_name: str = "") -> bool:
    """Whether `text` says thanks or "received" and nothing else but the sender's name.

    A question mark or a digit (an invoice number, an amount, a date) means more is said,
    and so does any other word: "Received, thanks. Paid." reports a payment.
    """
    if "?" in text or any(c.isdigit() for c in text):
        return False
    folded = fold(text)
    if not _ACK.search(folded):
        return False
    name = set(_WORD.findall(fold(sender_name)))
    rest = _WORD.findall(_ANY.sub(" ", folded))
    return all(word in name for word in rest)
