"""Signals in the headers: auto-replies, bounces, mailing lists, failed sender authentication."""

from __future__ import annotations

import re
from email.message import Message

from agent.parse.mime import HEADER_ERRORS, header_text, header_texts

AUTO_SUBJECT = re.compile(
    r"^\s*(?:\[[^\]]{0,40}\]\s*)?(?:automatic reply|auto[- ]?reply|autoreply|auto[- ]?response"
    r"|autorespons|out of (?:the )?office|ooo\b|away from (?:the )?office|i am away|i'm away"
    r"|away until|on vacation|on holiday|abwesenheitsnotiz|abwesend|automatische antwort"
    r"|automatische rückantwort|automatische ruckantwort|außer haus|ausser haus|nicht im büro"
    r"|réponse automatique|reponse automatique|absence|absent|en congés?"
    r"|respuesta automática|respuesta automatica|fuera de la oficina|ausente"
    r"|automatisch antwoord|afwezig|niet aanwezig|buiten kantoor"
    r"|risposta automatica|fuori sede|fuori ufficio|assente)",
    re.IGNORECASE,
)
RECEIPT_SUBJECT = re.compile(
    r"^\s*(?:read|delivered|gelesen|zugestellt|lu|remis|leído|leido|entregado|gelezen|bezorgd"
    r"|afgeleverd|letto|recapitato|consegnato|auto|accusé de réception|accuse de reception"
    r"|empfangsbestätigung|eingangsbestätigung|lesebestätigung|ontvangstbevestiging|leesbevestiging"
    r"|conferma di (?:ricezione|lettura)|acuse de recibo|confirmación de lectura"
    r"|read receipt|delivery receipt|return receipt)\s*:",
    re.IGNORECASE,
)
TICKET_SUBJECT = re.compile(
    r"we (?:have )?received your (?:message|request|e-?mail)|your (?:request|message|ticket)"
    r" (?:has been|was|is) (?:received|created|logged|registered)"
    r"|ihre (?:anfrage|nachricht) (?:wurde|ist) (?:erfasst|eingegangen|empfangen)"
    r"|votre (?:demande|message) a (?:bien )?été (?:reçue?|enregistrée?)"
    r"|su (?:solicitud|mensaje) (?:ha sido|fue) (?:recibid[oa]|registrad[oa])"
    r"|uw (?:verzoek|bericht|vraag) is (?:ontvangen|geregistreerd)"
    r"|la sua (?:richiesta|e-?mail) è stata (?:ricevuta|registrata)"
    r"|hemos recibido su (?:solicitud|mensaje|correo)|(?:richiesta|messaggio) ricevut[ao]"
    r"|nous avons (?:bien )?reçu votre (?:demande|message)|wir haben ihre (?:anfrage|nachricht)"
    r" erhalten|we hebben uw (?:verzoek|bericht) ontvangen",
    re.IGNORECASE,
)
BOUNCE_SUBJECT = re.compile(
    r"undeliverable|undelivered mail|delivery status notification|delivery (?:has )?failed"
    r"|delivery failure|mail delivery (?:failed|failure|system|subsystem)|returned mail"
    r"|failure notice|non[- ]?delivery|could not be delivered|message not delivered"
    r"|unzustellbar|nicht zustellbar|non remis|non distribuable|échec de (?:la )?remise"
    r"|no se puede entregar|no entregado|onbestelbaar|niet bezorgd|non recapitabile"
    r"|mancato recapito|error sending your (?:mail|message)|returned to sender|delivery problem"
    r"|メールエラー|不達|未達",
    re.IGNORECASE,
)
BOUNCE_SENDERS = ("mailer-daemon", "postmaster", "post_master", "mail-daemon", "mailerdaemon")
AUTH_FAIL = re.compile(r"\b(spf|dkim|dmarc)\s*=\s*(fail|permerror)\b", re.IGNORECASE)


# Auto-Submitted values of a message a program sent on its own, not in answer to one.
_PROGRAM_SENT = ("auto-generated", "auto-notified")


def auto_reply_reason(message: Message, subject: str) -> str | None:
    """Why the message looks machine-sent as a reply (RFC 3834 and what servers really do)."""
    auto_submitted = header_text(message, "Auto-Submitted").lower()
    if auto_submitted and not auto_submitted.startswith(("no", *_PROGRAM_SENT)):
        return f"Auto-Submitted: {auto_submitted[:40]}"
    for name in ("X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"):
        if header_text(message, name):
            return f"{name} header"
    # Precedence: bulk / junk / list says "sent in bulk", not "this is an auto-reply": an
    # AP system's remittance advice carries it, and what it says must still be read
    # (is_mailing_list keeps it from being answered).
    if header_text(message, "Precedence").lower() == "auto_reply":
        return "Precedence: auto_reply"
    if _content_type(message) == "multipart/report" and "disposition-notification" in (
        _report_type(message)
    ):
        return "read receipt"
    if AUTO_SUBJECT.match(subject):
        return "auto-reply subject"
    if RECEIPT_SUBJECT.match(subject):
        return "receipt subject"
    if TICKET_SUBJECT.search(subject):
        return "ticket acknowledgement subject"
    suppress = header_text(message, "X-Auto-Response-Suppress").lower()
    if suppress and ("oof" in suppress or "all" in suppress) and _oof_class(message):
        return "X-Auto-Response-Suppress with an out-of-office class"
    return None


def is_auto_generated(message: Message) -> bool:
    """Sent by a program, and not as a reply (RFC 3834 `auto-generated`, RFC 5436 `auto-notified`).

    An AP system's remittance advice or payment notice says so: what it says is read and
    recorded like a person's words (a payment confirmation pauses dunning), but it is never
    answered. Only `auto-replied` (and the other auto-reply signals) make an auto-reply.
    """
    return header_text(message, "Auto-Submitted").lower().startswith(_PROGRAM_SENT)


def _oof_class(message: Message) -> bool:
    """Exchange marks its out-of-office replies with this message class."""
    message_class = header_text(message, "X-MS-Exchange-Message-Class").lower()
    source = header_text(message, "X-MS-Exchange-Generated-Message-Source").lower()
    return "ipm.note.rules.ooftemplate" in message_class or "oof" in source


def is_bounce(message: Message, subject: str, from_addr: str, report_types: list[str]) -> bool:
    """A delivery status notification: a report part, a daemon sender, or a bounce subject."""
    if _content_type(message) == "multipart/report" and "delivery-status" in _report_type(message):
        return True
    if "message/delivery-status" in report_types or "message/global-delivery-status" in (
        report_types
    ):
        return True
    local = from_addr.split("@", 1)[0].lower()
    if local in BOUNCE_SENDERS:
        return True
    return bool(BOUNCE_SUBJECT.search(subject))


def is_mailing_list(message: Message) -> bool:
    """Sent to a list or in bulk (RFC 2369, RFC 3834): read, recorded, never answered."""
    if header_text(message, "Precedence").lower() in {"bulk", "junk", "list"}:
        return True
    return bool(header_text(message, "List-Id") or header_text(message, "List-Unsubscribe"))


def auth_failed(message: Message) -> bool:
    """SPF, DKIM or DMARC failed according to an Authentication-Results header."""
    return any(AUTH_FAIL.search(value) for value in header_texts(message, "Authentication-Results"))


def _content_type(message: Message) -> str:
    try:
        return message.get_content_type().lower()
    except HEADER_ERRORS:
        return ""


def _report_type(message: Message) -> str:
    try:
        value = message.get_param("report-type")
    except HEADER_ERRORS:
        return ""
    if isinstance(value, tuple):
        value = value[2]
    return str(value or "").lower()
