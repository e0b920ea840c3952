"""Shared pieces of the dataset builders: ledger generation, dates, money, refs, .eml writing."""

from __future__ import annotations

import calendar
import hashlib
import importlib
import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from string import Formatter
from types import ModuleType
from typing import Any

from ledger_spec import COMPANY, AccountSpec

LANGS = ("en", "de", "fr", "es", "nl", "it")
INTENTS = (
    "dispute",
    "promise_to_pay",
    "invoice_copy_request",
    "payment_confirmation",
    "payment_plan_request",
    "statement_request",
    "contact_update",
    "auto_reply",
    "other",
)
REASONS = ("pricing", "quantity", "damaged", "not_received", "duplicate", "quality", "tax", "other")
PAUSING = {"dispute", "promise_to_pay", "payment_confirmation"}
CURRENCY_SIGN = {"EUR": "€", "GBP": "£", "USD": "$"}
FREEMAIL = {
    "en": ["gmail.com", "outlook.com", "yahoo.co.uk", "hotmail.com"],
    "de": ["gmx.de", "web.de", "t-online.de", "gmail.com"],
    "fr": ["orange.fr", "laposte.net", "free.fr", "gmail.com"],
    "es": ["hotmail.es", "gmail.com", "yahoo.es"],
    "nl": ["ziggo.nl", "kpnmail.nl", "gmail.com"],
    "it": ["libero.it", "virgilio.it", "gmail.com"],
}


def phrasebook(lang: str) -> ModuleType:
    return importlib.import_module(f"phrasebook.{lang}")


# ---------------------------------------------------------------- ledger


def _number(style: str, seq: int) -> str:
    if style == "inv":
        return f"INV-2026-{seq:04d}"
    if style == "slash":
        return f"2026/{seq:05d}"
    if style == "re":
        return f"RE-{seq:05d}"
    if style == "fa":
        return f"FA-2026-{seq:03d}"
    raise ValueError(style)


def _po(style: str | None, rng: random.Random) -> str | None:
    if style is None or rng.random() < 0.12:
        return None
    n = rng.randint(1000, 99999)
    return {
        "sap": f"45000{n:05d}",
        "po": f"PO-{n % 9000 + 1000}",
        "bc": f"BC-2026-{n % 900 + 100:04d}",
        "ped": f"PED-{n:05d}",
        "io": f"IO-{n:05d}",
        "oa": f"OA-{n % 9000 + 1000}",
    }[style]


def build_ledger(specs: tuple[AccountSpec, ...], seed: int) -> dict[str, Any]:
    """A DOMAIN.md ledger from account specs; amounts are unique across the ledger."""
    rng = random.Random(seed)
    seqs = {"inv": 100, "slash": 400, "re": 10400, "fa": 100}
    used_amounts: set[Decimal] = {Decimal("1250.00"), Decimal("830.50")}
    used_numbers: set[str] = set()
    accounts = []
    for spec in specs:
        invoices = [dict(inv) for inv in spec.fixed_invoices]
        used_numbers.update(inv["number"] for inv in invoices)
        while len(invoices) < spec.n_invoices:
            seqs[spec.number_style] += rng.randint(3, 40)
            number = _number(spec.number_style, seqs[spec.number_style])
            if number in used_numbers:
                continue
            amount = Decimal(rng.randint(28000, 1900000)) / 100
            if amount in used_amounts:
                continue
            used_amounts.add(amount)
            used_numbers.add(number)
            issue = date(2026, 8, 3) + timedelta(days=rng.randint(0, 96))
            due = issue + timedelta(days=rng.choice([14, 30, 30, 30, 45, 60]))
            open_amount = amount
            if rng.random() < 0.18:
                open_amount = (amount * Decimal("0.6")).quantize(Decimal("1"), ROUND_DOWN)
            invoices.append(
                {
                    "number": number,
                    "issue_date": issue.isoformat(),
                    "due_date": due.isoformat(),
                    "amount": f"{amount:.2f}",
                    "open_amount": f"{open_amount:.2f}",
                    "currency": spec.currency,
                    "po_number": _po(spec.po_style, rng),
                }
            )
        accounts.append(
            {
                "id": spec.id,
                "name": spec.name,
                "customer_number": spec.customer_number,
                "language": spec.language,
                "domains": list(spec.domains),
                "contacts": [
                    {"email": e, "name": n, "language": lang} for e, n, lang in spec.contacts
                ],
                "invoices": sorted(invoices, key=lambda i: i["issue_date"]),
            }
        )
    return {"company": dict(COMPANY), "accounts": accounts}


# ---------------------------------------------------------------- money and dates


def money(value: Decimal | str, currency: str, lang: str, rng: random.Random) -> str:
    """Format an amount the way a buyer writing in `lang` would."""
    v = Decimal(value)
    en = f"{v:,.2f}"
    local = en.replace(",", "X").replace(".", ",").replace("X", ".")
    sign = CURRENCY_SIGN[currency]
    if lang == "en":
        return rng.choice([f"{sign}{en}", f"{currency} {en}", f"{sign}{en}"])
    if lang == "fr":
        local = local.replace(".", " ")
    if currency != "EUR":
        return f"{local} {currency}"
    if lang == "nl":
        return rng.choice([f"€ {local}", f"EUR {local}"])
    return rng.choice([f"{local} €", f"{local} EUR", f"{local}€"])


def fmt_date(d: date, style: str, lang: str) -> str:
    months = phrasebook(lang).MONTHS
    if style == "dmy_slash":
        return f"{d.day:02d}/{d.month:02d}/{d.year}"
    if style == "dmy_dot":
        return f"{d.day:02d}.{d.month:02d}.{d.year}"
    if style == "dm_dot":
        return f"{d.day}.{d.month}."
    if style == "dmy_dash":
        return f"{d.day}-{d.month}-{d.year}"
    if style == "iso":
        return d.isoformat()
    month = months[d.month - 1]
    if style == "d_month":
        return f"{d.day}. {month}" if lang == "de" else f"{d.day} {month}"
    if style == "d_month_y":
        if lang == "de":
            return f"{d.day}. {month} {d.year}"
        if lang == "es":
            return f"{d.day} de {month} de {d.year}"
        return f"{d.day} {month} {d.year}"
    if style == "month_d":
        suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}
        return f"{month} {d.day}{suffix.get(d.day, 'th')}"
    if style == "es_d_month":
        return f"{d.day} de {month}"
    raise ValueError(style)


NUMERIC_STYLES = {"dmy_slash", "dmy_dot", "dm_dot", "dmy_dash"}


def resolve_date(kind: str, arg: Any, received: date, rng: random.Random) -> date | None:
    """The date a promise expression means, or None when it would be ambiguous that day.

    Weekday rules (written down in docs/datasets.md): a bare weekday ("on Friday") is the
    coming one and is only used when it is still ahead in the same week; "next <weekday>"
    is only used when that weekday is not ahead in the same week, so both common readings
    agree; "<weekday> next week" is that weekday in the following calendar week.
    """
    wd = received.weekday()
    if kind == "this_wd":
        return received + timedelta(days=arg - wd) if arg > wd else None
    if kind == "next_wd":
        if arg > wd:
            return None
        return received + timedelta(days=(arg - wd) % 7 or 7)
    if kind == "nextweek_wd":
        return received - timedelta(days=wd) + timedelta(days=7 + arg)
    if kind == "eom":
        last = calendar.monthrange(received.year, received.month)[1]
        return date(received.year, received.month, last) if received.day <= 24 else None
    if kind == "eonm":
        y, m = received.year + received.month // 12, received.month % 12 + 1
        return date(y, m, calendar.monthrange(y, m)[1])
    if kind == "plus":
        return received + timedelta(days=arg)
    if kind in ("explicit", "far"):
        for _ in range(50):
            span = (3, 45) if kind == "explicit" else (68, 130)
            d = received + timedelta(days=rng.randint(*span))
            if arg in NUMERIC_STYLES and d.day <= 12:
                continue
            return d
        return None
    raise ValueError(kind)


# ---------------------------------------------------------------- templates


def fields_of(template: str) -> set[str]:
    return {name for _, name, _, _ in Formatter().parse(template) if name}


def cap(text: str) -> str:
    return text[:1].upper() + text[1:]


# ---------------------------------------------------------------- .eml


@dataclass
class Mail:
    from_: str
    to: str
    subject: str
    body: str
    received: datetime
    attachments: list[tuple[str, str]] = field(default_factory=list)
    html: str | None = None
    headers: dict[str, str] = field(default_factory=dict)


def to_html(body: str) -> str:
    """A plain body as simple mail-client HTML; quoted lines become a blockquote."""
    out: list[str] = []
    quote: list[str] = []

    def flush() -> None:
        if quote:
            inner = "<br>\n".join(_esc(q) for q in quote)
            out.append(
                f'<blockquote style="border-left:2px solid #ccc;padding-left:8px">'
                f"{inner}</blockquote>"
            )
            quote.clear()

    for para in body.split("\n\n"):
        lines = para.split("\n")
        if all(line.startswith(">") for line in lines if line):
            quote.extend(line.lstrip("> ") for line in lines)
            quote.append("")
            continue
        flush()
        out.append("<p>" + "<br>\n".join(_esc(line) for line in lines) + "</p>")
    flush()
    return (
        '<html><head><meta charset="utf-8"></head><body style="font-family:Calibri,'
        'sans-serif">\n' + "\n".join(out) + "\n</body></html>"
    )


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


PLACEHOLDER_BYTES = {
    "application/pdf": b"%PDF-1.4\n% arinbox eval placeholder\n%%EOF\n",
    "image/jpeg": b"\xff\xd8\xff\xe0placeholder\xff\xd9",
    "image/png": b"\x89PNG\r\n\x1a\nplaceholder",
}


def write_eml(
    path: Path, mail: Mail, mode: str, message_id: str, in_reply_to: str | None = None
) -> None:
    """Write `mail` as RFC 822 with the Python email package.

    mode: plain | html_only | qp_latin1 | b64_utf8 | html_cp1252 | alternative
    """
    msg = EmailMessage(policy=SMTP)
    msg["From"] = mail.from_
    msg["To"] = mail.to
    msg["Subject"] = mail.subject
    msg["Date"] = format_datetime(mail.received)
    msg["Message-ID"] = message_id
    if in_reply_to:
        msg["In-Reply-To"] = in_reply_to
        msg["References"] = in_reply_to
    for key, value in mail.headers.items():
        msg[key] = value
    html = mail.html or to_html(mail.body)
    if mode == "plain":
        msg.set_content(mail.body)
    elif mode == "html_only":
        msg.set_content(html, subtype="html")
    elif mode == "qp_latin1":
        msg.set_content(mail.body, charset="iso-8859-1", cte="quoted-printable")
    elif mode == "b64_utf8":
        msg.set_content(mail.body, charset="utf-8", cte="base64")
    elif mode == "html_cp1252":
        html = html.replace('charset="utf-8"', 'charset="windows-1252"')
        msg.set_content(html, subtype="html", charset="windows-1252", cte="quoted-printable")
    elif mode == "alternative":
        msg.set_content(mail.body)
        msg.add_alternative(html, subtype="html")
    else:
        raise ValueError(mode)
    for filename, content_type in mail.attachments:
        maintype, subtype = content_type.split("/", 1)
        data = PLACEHOLDER_BYTES.get(content_type, b"placeholder")
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    # fixed boundaries keep the generated files byte-identical from run to run
    token = hashlib.sha1(message_id.encode()).hexdigest()[:16]
    for i, part in enumerate(p for p in msg.walk() if p.is_multipart()):
        part.set_boundary(f"=_arinbox_{token}_{i}")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(msg.as_bytes())


def addr(name: str, email: str) -> str:
    """A From value as a mail client shows it (unicode kept; quoted when needed)."""
    if any(c in name for c in ',;:"()<>@&.'):
        return f'"{name}" <{email}>'
    return f"{name} <{email}>"


def utc(d: date, hour: int, minute: int) -> datetime:
    return datetime(d.year, d.month, d.day, hour, minute, tzinfo=UTC)
