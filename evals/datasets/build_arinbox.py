"""Build the labelled arinbox eval datasets: train/dev/test splits and the hostile suite.

Run once from the repository root (deterministic, fixed seed; the output is committed):

    .venv/bin/python evals/datasets/build_arinbox.py

Hand-written phrasings live in evals/datasets/phrasebook/<lang>.py; this script combines
them with ledger facts, senders, dates, quoting and signatures, and derives every expected
label from what it put into the message (the rules are in docs/datasets.md).
Phrasings are assigned to one split each, so the test split never shares a phrasing
with train.
"""

from __future__ import annotations

import json
import random
import re
import shutil
import sys
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_DOWN, Decimal
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the phrasebook and helpers sit next to this script
    sys.path.insert(0, str(HERE))

from casekit import (  # noqa: E402
    FREEMAIL,
    INTENTS,
    LANGS,
    PAUSING,
    REASONS,
    Mail,
    addr,
    build_ledger,
    cap,
    fields_of,
    fmt_date,
    money,
    phrasebook,
    resolve_date,
    utc,
    write_eml,
)
from ledger_spec import EVAL_ACCOUNTS  # noqa: E402

SEED = 20261123
OUT = HERE / "arinbox"
SPLITS = ("train", "dev", "test")
SPLIT_SHARE = {"train": 0.60, "dev": 0.15, "test": 0.25}
AR = "ar@northwind.example"
GREETING_WORDS = (
    "hi",
    "hello",
    "hallo",
    "hola",
    "bonjour",
    "ciao",
    "hoi",
    "buongiorno",
    "buenos",
    "moin",
    "dear",
    "beste",
    "guten",
)
COLLECTORS = ["Anna", "Lena", "Tobias", "Markus", "Sarah", "Jonas"]
PROVENANCE = "written for arinbox, 2026-11 (build_arinbox.py: hand-written phrasing {key})"
MULTI_COMBOS = [
    ("dispute", "invoice_copy_request"),
    ("promise_to_pay", "statement_request"),
    ("payment_confirmation", "invoice_copy_request"),
    ("payment_confirmation", "contact_update"),
    ("dispute", "promise_to_pay"),
    ("promise_to_pay", "contact_update"),
    ("statement_request", "contact_update"),
    ("payment_confirmation", "statement_request"),
    ("dispute", "statement_request"),
    ("invoice_copy_request", "statement_request"),
    ("payment_confirmation", "dispute"),
    ("payment_plan_request", "statement_request"),
    ("payment_plan_request", "invoice_copy_request"),
    ("promise_to_pay", "invoice_copy_request"),
]
FAKE_NUMBERS = [
    "INV-2025-8812",
    "2025/03310",
    "RE-09921",
    "FA-2025-077",
    "INV-2026-9930",
    "2026/09117",
    "RE-18830",
    "FA-2026-902",
    "INV-2026-7715",
    "2026/08812",
]


@dataclass
class Template:
    key: str  # lang/intent/index, or lang/dispute:reason/index
    lang: str
    intent: str
    text: str
    reason: str | None = None
    split: str = "train"


@dataclass
class Sender:
    kind: str  # contact | domain | unverified | unknown
    name: str
    email: str
    company: str


@dataclass
class Draft:
    """What one case put into its message; the expected labels are derived from it."""

    lang: str
    account: dict[str, Any] | None
    sender: Sender
    received: datetime
    rng: random.Random
    intents: list[str] = field(default_factory=list)
    invoices: list[str] = field(default_factory=list)
    promise: dict[str, Any] | None = None
    promise_far: bool = False
    reason: str | None = None
    foreign: bool = False
    injection: bool = False
    tags: set[str] = field(default_factory=set)
    keys: list[str] = field(default_factory=list)
    ref_style: str | None = None  # forced: "number" for unverified senders

    # -- invoice choices -----------------------------------------------------
    def _pool(self) -> list[dict[str, Any]]:
        assert self.account is not None
        return [i for i in self.account["invoices"] if i["number"] not in self.invoices]

    def pick_invoice(self, ledger: dict[str, Any]) -> dict[str, Any] | None:
        if self.sender.kind == "unknown":
            return None
        if self.foreign:
            others = [a for a in ledger["accounts"] if a["id"] != self.account["id"]]  # type: ignore[index]
            inv = self.rng.choice(self.rng.choice(others)["invoices"])
        else:
            pool = self._pool()
            if not pool:
                raise LookupError("account has no invoice left")
            inv = self.rng.choice(pool)
        self.invoices.append(inv["number"])
        return inv

    def ref(self, ledger: dict[str, Any], pb: Any) -> str:
        inv = self.pick_invoice(ledger)
        if inv is None:
            num = self.rng.choice(FAKE_NUMBERS)
            return self.rng.choice(pb.REF_NUM).format(num=num)
        style = (
            self.ref_style or self.rng.choices(["number", "po", "amount"], weights=[70, 15, 15])[0]
        )
        if style == "po" and inv.get("po_number"):
            self.tags.add("po_only")
            return self.rng.choice(pb.REF_PO).format(po=inv["po_number"])
        if style == "amount" and not self.foreign:
            self.tags.add("amount_only")
            m = money(inv["amount"], inv["currency"], self.lang, self.rng)
            return self.rng.choice(pb.REF_AMT).format(money=m)
        return self.rng.choice(pb.REF_NUM).format(num=inv["number"])

    def num(self, ledger: dict[str, Any]) -> str:
        inv = self.pick_invoice(ledger)
        return inv["number"] if inv else self.rng.choice(FAKE_NUMBERS)


# ---------------------------------------------------------------- templates


def load_templates() -> list[Template]:
    """Every hand-written phrasing, each assigned to exactly one split."""
    rng = random.Random(SEED)
    out: list[Template] = []
    for lang in LANGS:
        pb = phrasebook(lang)
        groups: dict[str, list[Template]] = {}
        for intent, texts in pb.INTENTS.items():
            assert intent in INTENTS, (lang, intent)
            groups[intent] = [
                Template(f"{lang}/{intent}/{i}", lang, intent, t) for i, t in enumerate(texts)
            ]
        disputes = []
        for reason, texts in pb.DISPUTES.items():
            assert reason in REASONS, (lang, reason)
            disputes += [
                Template(f"{lang}/dispute:{reason}/{i}", lang, "dispute", t, reason)
                for i, t in enumerate(texts)
            ]
        groups["dispute"] = disputes
        groups["auto_reply"] = [
            Template(f"{lang}/auto_reply/{i}", lang, "auto_reply", json.dumps(t))
            for i, t in enumerate(pb.AUTO_REPLIES)
        ]
        for group in groups.values():
            _assign_splits(group, rng)
            out += group
    return out


def _assign_splits(group: list[Template], rng: random.Random) -> None:
    order = list(group)
    rng.shuffle(order)
    n = len(order)
    n_test = max(1, round(n * SPLIT_SHARE["test"]))
    n_dev = max(1, round(n * SPLIT_SHARE["dev"])) if n >= 4 else 0
    for i, t in enumerate(order):
        t.split = "test" if i < n_test else "dev" if i < n_test + n_dev else "train"


# ---------------------------------------------------------------- senders and bodies


def _accounts_for(lang: str, ledger: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    same = [a for a in ledger["accounts"] if a["language"] == lang]
    if lang == "en" and rng.random() < 0.2:  # international customers write English too
        return rng.choice(ledger["accounts"])
    return rng.choice(same)


def _slug(name: str) -> str:
    plain = unicodedata.normalize("NFKD", name.lower().replace("ß", "ss"))
    return "".join(c for c in plain if (c.isascii() and c.isalnum()) or c in ". ")


def make_sender(kind: str, lang: str, account: dict[str, Any] | None, rng: random.Random) -> Sender:
    pb = phrasebook(lang)
    if kind == "unknown" or account is None:
        person = rng.choice(pb.PEOPLE)
        company = rng.choice(pb.UNKNOWN_COMPANIES)
        first, last = person.split(" ", 1)
        if rng.random() < 0.5:
            domain = _slug(company).split(" ")[0].replace(".", "") + ".example"
        else:
            domain = rng.choice(FREEMAIL[lang])
        email = f"{_slug(first)}.{_slug(last).replace(' ', '')}@{domain}"
        return Sender("unknown", person, email, company)
    if kind == "domain" and account["domains"]:
        person = rng.choice(pb.PEOPLE)
        first, last = person.split(" ", 1)
        email = f"{_slug(first)[0]}.{_slug(last).replace(' ', '')}@{account['domains'][0]}"
        return Sender("domain", person, email, account["name"])
    contacts = [c for c in account["contacts"] if c["language"] == lang] or account["contacts"]
    contact = rng.choice(contacts)
    if kind == "unverified":
        first, last = contact["name"].split(" ", 1)
        local = f"{_slug(first)}.{_slug(last).replace(' ', '')}{rng.randint(1, 99)}"
        return Sender(
            "unverified", contact["name"], f"{local}@{rng.choice(FREEMAIL[lang])}", account["name"]
        )
    return Sender("contact", contact["name"], contact["email"], account["name"])


def signature(d: Draft) -> str:
    pb = phrasebook(d.lang)
    rng = d.rng
    s = d.sender
    first = s.name.split(" ")[0]
    options = [
        f"{s.name}",
        f"{first}",
        f"{s.name}\n{s.company}",
        f"{s.name}\n{rng.choice(pb.TITLES)}\n{s.company}",
        f"{s.name} | {rng.choice(pb.TITLES)} | {s.company}\n{rng.choice(pb.PHONES)}",
        f"{s.name}\n{s.company}\n{rng.choice(pb.PHONES)}",
    ]
    if s.kind in ("unverified", "unknown"):  # they sign with a company name
        options = options[2:]
    sig = rng.choice(options)
    if rng.random() < 0.08:
        sig += "\n\n" + rng.choice(pb.MOBILE)
    elif rng.random() < 0.08:
        sig += "\n\n" + rng.choice(pb.DISCLAIMERS)
        d.tags.add("disclaimer")
    return sig


def compose(d: Draft, cores: list[str]) -> str:
    pb = phrasebook(d.lang)
    rng = d.rng
    greeting = rng.choice(pb.GREETINGS).format(first=rng.choice(COLLECTORS))
    cores = _greeting_first(cores)
    if cores[0][:1].islower() or cores[0].lower().startswith(GREETING_WORDS):
        greeting = ""  # the hand-written text already greets
    joined = cores[0]
    if not greeting and not cores[0].lower().startswith(GREETING_WORDS) and rng.random() < 0.1:
        greeting = rng.choice(pb.GREETINGS).format(first=rng.choice(COLLECTORS))
    if rng.random() < 0.15 and not cores[0].lower().startswith(GREETING_WORDS):
        joined = rng.choice(pb.OPENERS) + (" " if rng.random() < 0.5 else "\n\n") + joined
        d.tags.add("filler")
    for extra in cores[1:]:
        joiner = rng.choice(pb.MULTI_JOIN)
        if joiner.endswith(",") or joiner in pb.MULTI_JOIN_LOWER:
            extra = _lower_first(extra)
        joined += "\n\n" + (joiner + " " + extra if joiner else extra)
    if rng.random() < 0.12:
        inline = rng.random() < 0.5 and joined.rstrip()[-1:] in ".!?"
        joined += (" " if inline else "\n\n") + rng.choice(pb.AFTERS)
        d.tags.add("filler")
    closing = rng.choice(pb.CLOSINGS)
    sig = signature(d)
    if rng.random() < 0.25:
        end = f"{closing}\n{sig}"
    elif rng.random() < 0.5:
        end = (
            f"{closing},\n\n{sig}"
            if not closing.endswith((",", "!", "."))
            else f"{closing}\n\n{sig}"
        )
    else:
        end = sig
    parts = [greeting, joined, end] if greeting else [joined, end]
    return "\n\n".join(parts)


GREETING_RE = re.compile(r"^(?:" + "|".join(GREETING_WORDS) + r")\b[^,.!?]{0,20}[,.!]\s*", re.I)


def _greeting_first(cores: list[str]) -> list[str]:
    """In a multi-intent message only the first part may open with a greeting."""
    greeted = [c for c in cores if c.lower().startswith(GREETING_WORDS)]
    rest = [c for c in cores if not c.lower().startswith(GREETING_WORDS)]
    if not greeted:
        return cores
    stripped = [cap(GREETING_RE.sub("", c, count=1)) for c in greeted[1:]]
    return [greeted[0], *rest, *stripped]


def _lower_first(text: str) -> str:
    """Lower-case the first word after a joiner, unless it is a name or a number."""
    if len(text) > 1 and text[1].islower() and not text.startswith(("I ", "I'")):
        return text[0].lower() + text[1:]
    return text


def quoted_reminder(
    d: Draft, ledger: dict[str, Any], buyer_lang: str, forward: bool, note: bool = False
) -> tuple[str, str]:
    """A Northwind reminder (or a collector's note) quoted below the buyer's text.

    It names OTHER open invoices of the account too, which the buyer's text does not.
    """
    rng = d.rng
    acc = d.account
    assert acc is not None
    rem_lang = acc["language"] if rng.random() < 0.7 else "en"
    rpb = phrasebook(rem_lang)
    bpb = phrasebook(buyer_lang)
    sent = d.received - timedelta(days=rng.randint(2, 12), hours=rng.randint(0, 5))
    others = [i for i in acc["invoices"] if i["number"] not in d.invoices]
    overdue = [i for i in others if date.fromisoformat(i["due_date"]) < sent.date()]
    others = overdue or others
    shown = rng.sample(others, k=min(len(others), rng.randint(1, 3)))
    if d.invoices and rng.random() < 0.4:
        shown += [i for i in acc["invoices"] if i["number"] in d.invoices]
    lines = "\n".join(
        rpb.REMINDER_LINE.format(
            num=i["number"],
            due=fmt_date(
                date.fromisoformat(i["due_date"]),
                "dmy_dot" if rem_lang == "de" else "dmy_slash",
                rem_lang,
            ),
            money=money(i["open_amount"], i["currency"], rem_lang, rng),
        )
        for i in shown
    )
    collector = rng.choice(COLLECTORS)
    subject = rpb.REMINDER_SUBJECT.format(cust=acc["customer_number"])
    reminder = rpb.REMINDER_BODY.format(
        lines=lines, cust=acc["customer_number"], collector=collector
    )
    if note:  # a collector's earlier reply in the same thread, asking about another invoice
        subject = rpb.NOTE_SUBJECT.format(cust=acc["customer_number"])
        reminder = rpb.NOTE_BODY.format(
            name=d.sender.name.split(" ")[0], other=shown[0]["number"], collector=collector
        )
    who = f"Northwind Supply GmbH - {collector} <{AR}>"
    to = addr(d.sender.name, d.sender.email)
    if forward:
        header = bpb.FORWARD_HEADER.format(
            date=sent.strftime("%d.%m.%Y %H:%M"), who=who, to=to, subject=subject
        )
        return f"{header}\n\n{reminder}", subject
    if rng.random() < 0.5:
        header = rng.choice(bpb.QUOTE_HEADERS).format(
            date=sent.strftime("%d/%m/%Y %H:%M")
            if buyer_lang != "en"
            else sent.strftime("%a, %d %b %Y at %H:%M"),
            who=who,
        )
        quoted = "\n".join("> " + line if line else ">" for line in reminder.split("\n"))
        return f"{header}\n{quoted}", subject
    header = bpb.OUTLOOK_HEADER.format(
        date=sent.strftime("%d.%m.%Y %H:%M"), who=who, to=to, subject=subject
    )
    return f"{header}\n\n{reminder}", subject


# ---------------------------------------------------------------- filling a template


def roughen(text: str, d: Draft) -> str:
    """Sometimes a typo or an all-lower-case message, as people write (placeholders kept)."""
    rng = d.rng
    r = rng.random()
    if r < 0.06:
        words = [m for m in re.finditer(r"(?<![{\w])[^\W\d_]{5,}(?![\w}])", text)]
        if words:
            m = rng.choice(words)
            w = m.group()
            i = rng.randint(1, len(w) - 3)
            w = w[:i] + w[i + 1] + w[i] + w[i + 2 :]
            d.tags.add("typo")
            return text[: m.start()] + w + text[m.end() :]
    elif r < 0.09:
        d.tags.add("informal")
        return text.lower()  # "{Ref}" becomes "{ref}", still a placeholder
    return text


def fill(d: Draft, t: Template, ledger: dict[str, Any]) -> str:
    pb = phrasebook(d.lang)
    rng = d.rng
    text = roughen(t.text, d)
    names = fields_of(text)
    v: dict[str, str] = {}
    for key in ("ref", "Ref"):
        if key in names:
            r = d.ref(ledger, pb)
            v["ref"], v["Ref"] = r, cap(r)
    if "refs" in names or "Refs" in names:
        a, b = d.num(ledger), d.num(ledger)
        r = rng.choice(pb.REFS).format(a=a, b=b)
        v["refs"], v["Refs"] = r, cap(r)
    if "num" in names:
        v["num"] = d.num(ledger)
    if "num2" in names:
        v["num2"] = d.num(ledger)
    if "date" in names:
        v["date"] = _promise_date(d, pb)
    if "amt" in names:
        v["amt"] = _partial(d, ledger)
    if "paid_when" in names:
        past = d.received.date() - timedelta(days=rng.randint(1, 9))
        v["paid_when"] = rng.choice(pb.PAID_WHEN).format(
            d=fmt_date(past, rng.choice(pb.PAST_DATE_STYLES), d.lang)
        )
    if "new_email" in names or "new_name" in names:
        v["new_name"], v["new_email"] = _new_contact(d)
    if "cust" in names:
        v["cust"] = d.account["customer_number"] if d.account else f"C-9{rng.randint(1000, 9999)}"
    if "company" in names:
        v["company"] = d.sender.company
    if "me" in names:
        v["me"] = d.sender.name
    if "first" in names:
        v["first"] = rng.choice(COLLECTORS)
    return text.format(**v)


def _new_contact(d: Draft) -> tuple[str, str]:
    """A new contact on the sender's own company domain (what contact_update proposes)."""
    rng = d.rng
    person = rng.choice(phrasebook(d.lang).PEOPLE)
    first, last = person.split(" ", 1)
    own = d.sender.email.split("@")[1]
    domain = (d.account["domains"] or [own])[0] if d.account else own
    last_slug = _slug(last).replace(" ", "")
    email = rng.choice(
        [
            f"{_slug(first)}.{last_slug}@{domain}",
            f"ap@{domain}",
            f"invoices@{domain}",
            f"{_slug(first)[0]}{last_slug}@{domain}",
        ]
    )
    return person, email


def _promise_date(d: Draft, pb: Any) -> str:
    rng = d.rng
    recv = d.received.date()
    exprs = list(pb.DATES)
    want_far = rng.random() < 0.1
    for _ in range(200):
        kind, arg, text = rng.choice(exprs)
        if (kind == "far") != want_far:
            continue
        resolved = resolve_date(kind, arg, recv, rng)
        if resolved is None:
            continue
        if "{d}" in text:
            text = text.format(d=fmt_date(resolved, arg, d.lang))
        d.promise = {"date": resolved.isoformat(), "amount": None}
        d.promise_far = (resolved - recv).days > 60
        d.tags.add("relative_date" if kind not in ("explicit", "far") else "explicit_date")
        if d.promise_far:
            d.tags.add("promise_over_60_days")
        if kind in ("explicit", "far") and arg in ("dmy_slash", "dmy_dot", "dm_dot", "dmy_dash"):
            d.tags.add("numeric_date")
        return text
    raise LookupError(f"no date expression fits {recv} in {pb.LANG}")


def _partial(d: Draft, ledger: dict[str, Any]) -> str:
    """A partial amount of the single invoice the promise is about."""
    assert d.promise is not None, "{amt} needs {date} first"
    if not d.invoices or d.sender.kind == "unknown":
        amount = Decimal(d.rng.choice([500, 750, 1000, 2000]))
        d.promise["amount"] = f"{amount:.2f}"
        return money(amount, "EUR", d.lang, d.rng)
    inv = _invoice(ledger, d.invoices[0])
    open_ = Decimal(inv["open_amount"])
    share = Decimal(d.rng.choice(["0.25", "0.4", "0.5", "0.3"]))
    step = Decimal(100) if open_ > 2000 else Decimal(50)
    amount = max(step, (open_ * share / step).quantize(Decimal(1), ROUND_DOWN) * step)
    if amount >= open_:
        amount = (open_ / 2).quantize(Decimal("0.01"))
    d.promise["amount"] = f"{amount:.2f}"
    d.tags.add("partial_amount")
    return money(amount, inv["currency"], d.lang, d.rng)


def _invoice(ledger: dict[str, Any], number: str) -> dict[str, Any]:
    for acc in ledger["accounts"]:
        for inv in acc["invoices"]:
            if inv["number"] == number:
                return inv
    raise KeyError(number)


# ---------------------------------------------------------------- expected labels


def expected(d: Draft) -> dict[str, Any]:
    intents = sorted(set(d.intents))
    unverified = d.sender.kind in ("unverified", "unknown")
    invoices = sorted(set(d.invoices)) if d.sender.kind != "unknown" else []
    needs_human = (
        unverified
        or "payment_plan_request" in intents
        or "other" in intents
        or d.injection
        or d.promise_far
        or d.foreign
    )
    paused = bool(PAUSING & set(intents)) and bool(invoices) and not needs_human
    return {
        "intents": intents,
        "account": d.account["id"] if d.account and d.sender.kind != "unknown" else None,
        "invoices": invoices,
        "promise": d.promise if "promise_to_pay" in intents else None,
        "dispute_reason": d.reason if "dispute" in intents else None,
        "dunning_paused": paused,
        "language": d.lang,
        "needs_human": needs_human,
    }


# ---------------------------------------------------------------- cases


class Builder:
    def __init__(self, ledger: dict[str, Any], seed: int = SEED + 1) -> None:
        self.ledger = ledger
        self.rng = random.Random(seed)
        self.templates = load_templates()
        self.by: dict[tuple[str, str, str], list[Template]] = defaultdict(list)
        for t in self.templates:
            self.by[(t.split, t.lang, t.intent)].append(t)
        self.cases: dict[str, list[dict[str, Any]]] = {s: [] for s in SPLITS}
        self.counter: Counter[str] = Counter()
        self.bodies: set[str] = set()

    force_eml = False  # the demo mailbox is all .eml
    injection_rate = 0.03
    foreign_rate = 0.035
    multi_unverified_rate = 0.06

    def eml_path(self, split: str, rel: str) -> Path:
        return OUT / split / rel

    def received(self) -> datetime:
        rng = self.rng
        day = date(2026, 11, 2) + timedelta(days=rng.randint(0, 25))
        if day.weekday() >= 5 and rng.random() < 0.7:
            day -= timedelta(days=day.weekday() - 4)
        return utc(day, rng.randint(6, 17), rng.randint(0, 59))

    def new_draft(self, lang: str, kind: str) -> Draft:
        rng = random.Random(self.rng.random())
        account = _accounts_for(lang, self.ledger, rng)
        sender = make_sender(kind, lang, account, rng)
        d = Draft(lang, account if kind != "unknown" else None, sender, self.received(), rng)
        d.tags.add(f"lang:{lang}")
        if kind == "unverified":
            d.ref_style = "number"
            d.tags.add("unverified_sender")
        elif kind == "unknown":
            d.tags.add("unknown_sender")
        elif kind == "domain":
            d.tags.add("domain_verified")
        return d

    def verified_kind(self) -> str:
        return "contact" if self.rng.random() < 0.8 else "domain"

    def sender_kind(self, intent: str, text: str) -> str:
        r = self.rng.random()
        names = fields_of(text)
        has_number = bool(names & {"ref", "Ref", "refs", "Refs", "num", "cust"})
        if r < 0.07 and has_number:
            return "unverified"
        if r < 0.12 and intent != "auto_reply":
            return "unknown"
        if r < 0.24:
            return "domain"
        return "contact"

    def single(self, t: Template) -> None:
        if t.intent == "auto_reply":
            self.auto_reply(t)
            return
        kind = self.sender_kind(t.intent, t.text)
        d = self.new_draft(t.lang, kind)
        d.intents.append(t.intent)
        d.reason = t.reason
        d.keys.append(t.key)
        names = fields_of(t.text)
        single_ref = bool(names & {"ref", "Ref", "num"})
        if (
            kind == "contact"
            and single_ref
            and self.rng.random() < self.foreign_rate
            and t.intent in PAUSING | {"invoice_copy_request"}
        ):
            d.foreign = True
            d.ref_style = "number"
            d.tags.add("foreign_invoice")
        core = fill(d, t, self.ledger)
        cores = [core]
        if kind != "unknown" and not d.foreign and self.rng.random() < self.injection_rate:
            cores[-1] += "\n\n" + self.rng.choice(phrasebook(t.lang).INJECTIONS)
            d.injection = True
            d.tags.add("injection")
        self.emit(d, cores, t.split)

    def multi(self, lang: str, split: str) -> None:
        """A message joining two phrasings of the same split, about disjoint invoices."""
        for _ in range(10):
            try:
                self._multi_once(lang, split)
                return
            except LookupError:  # the account ran out of invoices for this combination
                continue

    def _multi_once(self, lang: str, split: str) -> None:
        for _ in range(50):
            combo = self.rng.choice(MULTI_COMBOS)
            pools = [self.by[(split, lang, intent)] for intent in combo]
            if all(pools):
                break
        else:
            return
        kind = self.verified_kind()
        if self.rng.random() < self.multi_unverified_rate:
            kind = "unverified"
        d = self.new_draft(lang, kind)
        d.tags.add("multi_intent")
        cores = []
        for pool in pools:
            t = self.rng.choice(pool)
            if kind == "unverified" and not fields_of(t.text) & {
                "ref",
                "Ref",
                "refs",
                "Refs",
                "num",
                "cust",
            }:
                d.sender = make_sender("contact", lang, d.account, d.rng)
                d.tags.discard("unverified_sender")
                d.ref_style = None
                kind = "contact"
            d.intents.append(t.intent)
            if t.reason:
                d.reason = t.reason
            d.keys.append(t.key)
            cores.append(fill(d, t, self.ledger))
        self.rng.shuffle(cores) if self.rng.random() < 0.3 else None
        self.emit(d, cores, split)

    def auto_reply(self, t: Template) -> None:
        pb = phrasebook(t.lang)
        d = self.new_draft(t.lang, self.verified_kind())
        d.intents.append("auto_reply")
        d.keys.append(t.key)
        d.tags.add("auto_reply")
        subject_tpl, body_tpl = json.loads(t.text)
        acc = d.account
        assert acc is not None
        back = d.received.date() + timedelta(days=self.rng.randint(2, 16))
        colleague = self.rng.choice(pb.PEOPLE)
        first, last = colleague.split(" ", 1)
        domain = (acc["domains"] or [d.sender.email.split("@")[1]])[0]
        rpb = phrasebook(acc["language"] if self.rng.random() < 0.7 else "en")
        values = {
            "me": d.sender.name,
            "company": d.sender.company,
            "back": fmt_date(back, self.rng.choice([*pb.PAST_DATE_STYLES, "d_month"]), t.lang),
            "read": fmt_date(d.received.date(), pb.PAST_DATE_STYLES[0], t.lang),
            "alt": f"{_slug(first)}.{_slug(last).replace(' ', '')}@{domain}",
            "alt_name": colleague,
            "ticket": str(self.rng.randint(100000, 999999)),
            "subj": rpb.REMINDER_SUBJECT.format(cust=acc["customer_number"]),
        }
        # "... bij Van den Berg B.V.." reads wrong: one full stop after an abbreviated company
        body = re.sub(r"(?<=\w\.\w)\.\.(?=\s)", ".", body_tpl.format(**values))
        subject = subject_tpl.format(**values)
        headers = {"Auto-Submitted": "auto-replied"}
        if self.rng.random() < 0.5:
            headers["X-Autoreply"] = "yes"
        self.emit(d, [], t.split, body=body, subject=subject, headers=headers, eml_rate=0.5)

    def emit(
        self,
        d: Draft,
        cores: list[str],
        split: str,
        *,
        body: str | None = None,
        subject: str | None = None,
        headers: dict[str, str] | None = None,
        eml_rate: float = 0.12,
    ) -> None:
        rng = d.rng
        pb = phrasebook(d.lang)
        attachments: list[tuple[str, str]] = []
        if body is None:
            body = compose(d, cores)
            can_quote = (
                d.account is not None
                and d.sender.kind != "unknown"
                and len(d.account["invoices"]) - len(d.invoices) >= 1
                and not {"other"} & set(d.intents)
            )
            r = rng.random()
            if can_quote and r < 0.25:
                note = rng.random() < 0.3
                quote, orig = quoted_reminder(d, self.ledger, d.lang, forward=False, note=note)
                if "\n>" in quote and rng.random() < 0.08:
                    body = quote + "\n\n" + body  # bottom-posted: the new text under the quote
                    d.tags.add("bottom_posted")
                else:
                    body += "\n\n" + quote
                subject = rng.choice(pb.REPLY_PREFIXES) + " " + orig
                d.tags.update({"thread_reply"} if note else {"quoted_reminder", "thread_reply"})
            elif can_quote and r < 0.31:
                quote, orig = quoted_reminder(d, self.ledger, d.lang, forward=True)
                body += "\n\n" + quote
                subject = rng.choice(pb.FORWARD_PREFIXES) + " " + orig
                d.tags.add("forward")
            else:
                subject = self.subject(d)
            if "payment_confirmation" in d.intents and rng.random() < 0.35:
                attachments.append(
                    (
                        rng.choice(pb.REMITTANCE_FILES).format(d=d.received.strftime("%Y%m%d")),
                        "application/pdf",
                    )
                )
                d.tags.add("attachment")
            if "dispute" in d.intents and d.reason in ("damaged", "quality") and rng.random() < 0.4:
                attachments.append((f"IMG_{rng.randint(1000, 9999)}.jpg", "image/jpeg"))
                d.tags.add("attachment")
        if cores and rng.random() < 0.05:  # Outlook signature logo as an inline image
            attachments.append(("image001.png", "image/png"))
            d.tags.add("inline_image")
        assert subject is not None
        if body in self.bodies:
            return
        self.bodies.add(body)
        prefix = d.lang + "-" + ("multi" if len(d.intents) > 1 else d.intents[0].replace("_", "-"))
        self.counter[prefix] += 1
        case_id = f"{prefix}-{self.counter[prefix]:03d}"
        case: dict[str, Any] = {"id": case_id, "received_at": d.received.isoformat()}
        from_ = addr(d.sender.name, d.sender.email)
        if self.force_eml or rng.random() < eml_rate:
            mode = self.eml_mode(body, rng)
            if mode in ("html_only", "html_cp1252"):
                d.tags.add("html_only")
            if mode in ("qp_latin1", "b64_utf8", "html_cp1252"):
                d.tags.add("odd_encoding")
            d.tags.add("eml")
            rel = f"emails/{case_id}.eml"
            domain = d.sender.email.split("@")[1]
            write_eml(
                self.eml_path(split, rel),
                Mail(from_, AR, subject, body, d.received, attachments, headers=headers or {}),
                mode,
                f"<{case_id}.{rng.randint(10**8, 10**9)}@{domain}>",
            )
            case["eml"] = rel
        else:
            email: dict[str, Any] = {"from": from_, "to": AR, "subject": subject, "body": body}
            if attachments:
                email["attachments"] = [{"filename": f, "content_type": c} for f, c in attachments]
            case["email"] = email
        case["expected"] = expected(d)
        case["provenance"] = PROVENANCE.format(key=" + ".join(d.keys))
        case["tags"] = sorted(d.tags)
        self.cases[split].append(case)

    @staticmethod
    def eml_mode(body: str, rng: random.Random) -> str:
        mode = rng.choice(["html_only", "qp_latin1", "b64_utf8", "html_cp1252", "alternative"])
        try:
            body.encode("iso-8859-1")
        except UnicodeEncodeError:
            if mode == "qp_latin1":
                mode = "html_cp1252"
        if mode == "html_cp1252":
            try:
                body.encode("windows-1252")
            except UnicodeEncodeError:
                mode = "b64_utf8"
        return mode

    def subject(self, d: Draft) -> str:
        pb = phrasebook(d.lang)
        intent = d.intents[0]
        options = pb.SUBJECTS[intent]
        numbered = [s for s in options if "{nums}" in s]
        plain = [s for s in options if "{nums}" not in s]
        named_by_number = (
            d.invoices and d.sender.kind != "unknown" and not d.tags & {"po_only", "amount_only"}
        )
        if named_by_number and numbered and d.rng.random() < 0.5:
            return d.rng.choice(numbered).format(nums=", ".join(d.invoices))
        return d.rng.choice(plain)


# ---------------------------------------------------------------- writing


REPEAT = {"en": 2, "de": 1, "fr": 1, "es": 1, "nl": 1, "it": 1}
EXTRA = {"en": 0.85, "de": 0.05, "fr": 0.05, "es": 0.05, "nl": 0.05, "it": 0.05}
MULTI_SHARE = 0.17


def build() -> dict[str, list[dict[str, Any]]]:
    ledger = build_ledger(EVAL_ACCOUNTS, SEED)
    b = Builder(ledger)
    extra = random.Random(SEED + 2)
    for t in b.templates:
        n = REPEAT[t.lang] + (1 if extra.random() < EXTRA[t.lang] else 0)
        for _ in range(n):
            b.single(t)
    for lang in LANGS:
        singles = sum(1 for s in SPLITS for c in b.cases[s] if c["expected"]["language"] == lang)
        n_multi = round(singles * MULTI_SHARE / (1 - MULTI_SHARE))
        for _ in range(n_multi):
            split = extra.choices(SPLITS, weights=[SPLIT_SHARE[s] for s in SPLITS])[0]
            b.multi(lang, split)
    add_handwritten(ledger, b.cases)
    write(ledger, b.cases)
    return b.cases


def add_handwritten(ledger: dict[str, Any], cases: dict[str, list[dict[str, Any]]]) -> None:
    """The whole messages of handwritten.py, labelled by hand, into their splits."""
    import handwritten  # noqa: PLC0415 - sibling module

    values = handwritten.facts(ledger)
    for spec in handwritten.CASES:
        split = spec["split"]
        flags = set(spec.get("flags", []))
        case: dict[str, Any] = {"id": spec["id"], "received_at": spec["received_at"]}
        subject = spec["subject"].format_map(values)
        attachments = spec.get("attachments", [])
        if "mode" in spec:
            rel = f"emails/{spec['id']}.eml"
            html = spec["html"].format_map(values) if "html" in spec else None
            write_eml(
                OUT / split / rel,
                Mail(
                    spec["from"].format_map(values),
                    AR,
                    subject,
                    spec.get("body", "").format_map(values),
                    datetime.fromisoformat(spec["received_at"]),
                    attachments,
                    html=html,
                ),
                spec["mode"],
                f"<{spec['id']}@handwritten.example>",
            )
            case["eml"] = rel
        else:
            email: dict[str, Any] = {
                "from": spec["from"].format_map(values),
                "to": AR,
                "subject": subject,
                "body": spec["body"].format_map(values),
            }
            if attachments:
                email["attachments"] = [{"filename": f, "content_type": c} for f, c in attachments]
            case["email"] = email
        intents = sorted(spec["intents"])
        invoices = sorted(i.format_map(values) for i in spec["invoices"])
        promise = spec.get("promise")
        far = (
            bool(promise)
            and (
                date.fromisoformat(promise["date"])
                - datetime.fromisoformat(spec["received_at"]).date()
            ).days
            > 60
        )
        needs_human = bool(
            flags & {"unverified", "unknown", "foreign", "injection"}
            or far
            or {"payment_plan_request", "other"} & set(intents)
        )
        case["expected"] = {
            "intents": intents,
            "account": spec["account"],
            "invoices": invoices,
            "promise": promise if "promise_to_pay" in intents else None,
            "dispute_reason": spec.get("reason") if "dispute" in intents else None,
            "dunning_paused": bool(PAUSING & set(intents)) and bool(invoices) and not needs_human,
            "language": spec["lang"],
            "needs_human": needs_human,
        }
        case["provenance"] = handwritten.PROVENANCE
        case["tags"] = sorted({*spec["tags"], f"lang:{spec['lang']}", "handwritten"})
        cases[split].append(case)


def write(ledger: dict[str, Any], cases: dict[str, list[dict[str, Any]]]) -> None:
    text = json.dumps(ledger, ensure_ascii=False, indent=1) + "\n"
    (OUT).mkdir(parents=True, exist_ok=True)
    (OUT / "ledger.json").write_text(text, encoding="utf-8")
    for split in SPLITS:
        folder = OUT / split
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "ledger.json").write_text(text, encoding="utf-8")
        with (folder / "cases.jsonl").open("w", encoding="utf-8") as fh:
            for case in sorted(cases[split], key=lambda c: c["id"]):
                fh.write(json.dumps(case, ensure_ascii=False) + "\n")


def clean() -> None:
    for split in SPLITS:
        shutil.rmtree(OUT / split / "emails", ignore_errors=True)


def main() -> None:
    clean()
    cases = build()
    import hostile  # noqa: PLC0415 - sibling module, builds the hostile suite

    hostile.build(json.loads((OUT / "ledger.json").read_text(encoding="utf-8")))
    import stats  # noqa: PLC0415

    stats.write_docs_table()
    total = sum(len(v) for v in cases.values())
    sys.stdout.write(f"{total} cases: " + ", ".join(f"{s}={len(cases[s])}" for s in SPLITS) + "\n")


if __name__ == "__main__":
    main()
