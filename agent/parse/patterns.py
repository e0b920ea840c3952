"""The line patterns that mark quotes, signatures and banners, in our six languages and a few more.

Every pattern here is matched against one line at a time (at most `MAX_LINE` characters)
and has no nested quantifiers, so matching stays linear even on a megabyte-long quote.
"""

from __future__ import annotations

import re

MAX_LINE = 500

# "On Mon, 3 Nov 2026 Jane <j@x> wrote:" and its forms; the header may wrap over 2-3 lines.
WROTE_END = re.compile(
    r"(?:wrote|writes|schrieb|a écrit|a ecrit|escribió|escribio|schreef|ha scritto|skrev"
    r"|kirjoitti|napisał|napisal|escreveu|написал|написала|пишет|写道|のメッセージ|geschreven)"
    r"\s*[:：]$",
    re.IGNORECASE,
)
WROTE_END_BARE = re.compile(
    r"(?:wrote|schrieb|a écrit|escribió|schreef|ha scritto|skrev|napisał|escreveu|написал)$",
    re.IGNORECASE,
)
WROTE_WORD = re.compile(
    r"(?:\bwrote|\bwrites|\bschrieb|a écrit|a ecrit|escribió|\bescribio|\bschreef|\bgeschreven"
    r"|ha scritto|\bskrev|\bkirjoitti|napisał|\bnapisal|\bescreveu|написал|пишет|写道)",
    re.IGNORECASE,
)
DATE_START = re.compile(r"^\d{1,4}[-/.\s]\s?(?:\d{1,2}|\w{3,4}\.?)[-/.\s]\s?\d{1,4}\b")
TIMEZONE = re.compile(r"\b(?:GMT|UTC)\b|[+-]\d{2}:?\d{2}\b")
ON_START = re.compile(r"^(?:on|am|le|el|op|il|den|em|w dniu|dne|в|pe|at)\b", re.IGNORECASE)

# Outlook-style header blocks ("From: ...", "Sent: ...") in en/de/fr/es/nl/it and neighbours.
_STAR = r"[\s*_>]*"
HEADER_FROM = re.compile(
    _STAR + r"(?:from|von|de|van|da|från|fra|od|от|发件人|寄件者|差出人)" + _STAR + r"\s?[:：]",
    re.IGNORECASE,
)
HEADER_OTHER = re.compile(
    _STAR + r"(?:sent|date|to|subject|cc|reply-to|gesendet|datum|an|betreff|envoyé|envoye|à|a|objet"
    r"|enviado|fecha|para|asunto|verzonden|aan|onderwerp|inviato|data|oggetto|skickat|till"
    r"|ämne|sendt|til|emne|kopie|cco|bcc|отправлено|дата|кому|тема|копия|发送时间|收件人|主题"
    r"|wysłano|do|temat|送信日時|宛先|件名)" + _STAR + r"\s?[:：]",
    re.IGNORECASE,
)
SEPARATOR = re.compile(r"^\s*(?:_{8,}|-{8,})\s*$")

# "-----Original Message-----", forwarded-message markers and their translations.
MARKER_PHRASES = (
    "original message",
    "ursprüngliche nachricht",
    "ursprungliche nachricht",
    "originalnachricht",
    "message d'origine",
    "message d’origine",
    "message original",
    "mensaje original",
    "oorspronkelijk bericht",
    "origineel bericht",
    "messaggio originale",
    "forwarded message",
    "forward message",
    "weitergeleitete nachricht",
    "message transféré",
    "message transfere",
    "mensaje reenviado",
    "doorgestuurd bericht",
    "messaggio inoltrato",
    "original meddelelse",
    "oprindelig meddelelse",
    "oprindelig besked",
    "videresendt besked",
    "originalmeddelande",
    "opprinnelig melding",
    "videresendt meddelelse",
    "wiadomość oryginalna",
    "mensagem original",
    "mensagem encaminhada",
    "пересылаемое сообщение",
    "исходное сообщение",
    "reply message",
)
BEGIN_FORWARD = re.compile(
    r"^\s*(?:begin forwarded message|anfang der weitergeleiteten nachricht"
    r"|début du message réexpédié|debut du message reexpedie|inizio messaggio inoltrato"
    r"|comienzo del mensaje reenviado|begin doorgestuurd bericht)\s*:\s*$",
    re.IGNORECASE,
)

# Mobile and client signatures: "Sent from my iPhone", "Von meinem iPhone gesendet", ...
MOBILE_PREFIX = re.compile(
    r"^\(?(?:sent|envoyé|envoye|enviado|verzonden|inviato|gesendet|skickat|sendt|sent\s+from"
    r"|diese nachricht wurde)\s+(?:from|via|with|using|by|on|de|depuis|desde|con|vanaf|met"
    r"|da|dal|von|mit|från|fra|vom|à partir de|a partir de)\s+"
    r"(?:my\s|mon\s|ma\s|mi\s|mijn\s|il mio\s|mio\s|meinem\s)?",
    re.IGNORECASE,
)
MOBILE_WHOLE = re.compile(
    r"^(?:von meinem .{1,60} gesendet\.?|diese nachricht wurde von meinem .{1,80} gesendet\.?"
    r"|(?:get|download) \[?outlook for .{0,80}|<<sent by .{1,40}>>|(?:從|从)我的 .{1,30}"
    r"|someone from mobile|from my (?:iphone|ipad|android|mobile|phone)\b.{0,20}"
    r"|sent from (?:outlook|yahoo mail|mail for windows|windows mail|mailbox|gmail|samsung).{0,60}"
    r"|envoyé de mon .{1,40}|enviado desde mi .{1,40}|inviato da .{1,40}"
    r"|verzonden (?:vanaf|met) .{1,40})$",
    re.IGNORECASE,
)
DEVICE_WORDS = re.compile(
    r"iphone|ipad|ipod|android|mobile|phone|blackberry|galaxy|samsung|outlook|mail|windows"
    r"|device|tablet|cell|htc|nokia|huawei|pixel|yahoo|airmail|handy|portable|móvil|movil"
    r"|cellulare|telefoon|smartphone|k-9|surface|mac",
    re.IGNORECASE,
)
DISCLAIMER_START = re.compile(
    r"^\s*(?:disclaimer\b|confidentiality notice|this (?:e-?mail|message|communication)"
    r"(?: and any attachments?)? (?:is|are|may be|contains?) (?:confidential|intended)"
    r"|the information (?:contained )?in this (?:e-?mail|message|communication)"
    r"|this (?:e-?mail|message)\b.{0,40}\bis intended (?:solely|only)"
    r"|diese (?:e-?mail|nachricht) (?:enthält|kann) vertrauliche"
    r"|ce (?:message|courriel|e-?mail) (?:et ses pièces jointes )?(?:est|sont)"
    r" (?:confidentiel|strictement)"
    r"|este (?:mensaje|correo) (?:y sus anexos )?(?:es|son|contiene) (?:confidencial|información)"
    r"|dit (?:bericht|e-?mailbericht) is (?:vertrouwelijk|uitsluitend)"
    r"|questo messaggio (?:e|è) (?:riservato|confidenziale|destinato))",
    re.IGNORECASE,
)

# "CAUTION: This email originated from outside of the organization." and kin.
BANNER_START = re.compile(
    r"^\s*[\[(*]*\s*(?:caution|warning|attention|external|notice|achtung|vorsicht|externe?"
    r"|warnung|avertissement|attention|precaución|precaucion|atención|atencion|externo"
    r"|let op|waarschuwing|extern|attenzione|avviso|esterno)\b",
    re.IGNORECASE,
)
BANNER_WORDS = re.compile(
    r"(?:originated|originates|comes|came|was sent|sent|received) from (?:outside|an external)"
    r"|outside (?:of )?(?:the|this|your|our) (?:organi[sz]ation|company|network|firm)"
    r"|external (?:e-?mail|sender|source|message)|\[external\]"
    r"|(?:von|aus) (?:einem |einer )?extern|externen? (?:absender|quelle|e-?mail)"
    r"|außerhalb (?:der|ihrer|unserer) organisation|ausserhalb (?:der|ihrer|unserer)"
    r"|(?:provient|provenant|vient) de l'extérieur|expéditeur externe"
    r"|(?:proviene|procede|se originó) de fuera|remitente externo|origen externo"
    r"|fuera de (?:la|su|nuestra) organización"
    r"|(?:afkomstig|komt) van buiten|externe afzender|buiten (?:de|uw|onze) organisatie"
    r"|proviene da(?:ll')? ?(?:esterno|fuori)|mittente esterno|all'esterno dell"
    r"|do not click (?:on )?links|ne cliquez pas|nicht auf links|non fare clic|no haga clic"
    r"|klik niet op",
    re.IGNORECASE,
)


def is_quoted(line: str) -> bool:
    return line.lstrip().startswith(">")


def strip_marks(line: str) -> str:
    """The line without quote marks, markdown stars and surrounding space."""
    return line.strip().lstrip(">").strip().strip("*_").strip()
