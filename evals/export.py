"""Export reviewed live mail as an anonymised dataset in the DOMAIN.md format.

Every identifying value is replaced by a stand-in, consistently across the ledger, the
e-mails and the labels: account ids and names, customer, invoice and PO numbers, people's
names, e-mail addresses and domains, phone numbers, and amounts (scaled by one factor,
so totals stay plausible). Dates stay, because promises resolve against them.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

from sqlmodel import Session, select

from evals.live import LiveCase, reviewed_cases
from records.ledger import Account, Company, Contact, Invoice
from records.types import utcnow

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(
    r"(?<![\w.,/-])(?:\+|00)\d[\d \-/().]{6,}\d|(?<![\w.,/-])0\d{2,4}[ /-]\d{3,}[\d -]*\d"
)
_CENT = Decimal("0.01")
_LEGAL_FORMS = {
    "corp",
    "gmbh",
    "sarl",
    "inc.",
    "ltd.",
    "bv",
    "spa",
    "srl",
    "s.a.",
    "sas",
    "ltda",
    "limited",
    "group",
    "holding",
    "company",
    "logistik",
    "supply",
}


def _amount_forms(amount: Decimal) -> list[str]:
    """1250.00 in the ways mail writes it, in a fixed order (so old and new forms pair up)."""
    plain = f"{amount:.2f}"
    grouped = f"{amount:,.2f}"
    return [
        grouped,
        grouped.replace(",", "\0").replace(".", ",").replace("\0", "."),
        grouped.replace(",", "\u202f").replace(".", ","),
        grouped.replace(",", "\u00a0").replace(".", ","),
        grouped.replace(",", " ").replace(".", ","),
        grouped.replace(",", "'"),
        plain,
        plain.replace(".", ","),
    ]


@dataclass
class Anonymiser:
    """Consistent stand-ins for identifying values; `our_domain` (the AR mailbox's) is kept."""

    our_addresses: set[str]
    factor: Decimal = Decimal("0.87")
    maps: dict[str, dict[str, str]] = field(default_factory=dict)

    def _get(self, kind: str, original: str, make: Any) -> str:
        table = self.maps.setdefault(kind, {})
        key = original.lower() if kind in {"email", "domain", "name"} else original
        if key not in table:
            table[key] = make(len(table) + 1)
        return table[key]

    def account(self, account_id: str) -> str:
        return self._get("account", account_id, lambda n: f"ACCT-{n:03d}")

    def account_name(self, name: str) -> str:
        return self._get("account_name", name, lambda n: f"Customer {n:03d} Ltd")

    def customer_number(self, number: str) -> str:
        return self._get("customer_number", number, lambda n: f"C-{90000 + n}")

    def invoice(self, number: str) -> str:
        return self._get("invoice", number, lambda n: f"INV-X-{n:05d}")

    def po(self, number: str) -> str:
        return self._get("po", number, lambda n: f"PO-X-{n:05d}")

    def domain(self, domain: str) -> str:
        return self._get("domain", domain, lambda n: f"customer{n}.example")

    def email(self, address: str) -> str:
        if address.lower() in self.our_addresses or not address:
            return address
        _, _, dom = address.rpartition("@")
        if any(a.endswith("@" + dom.lower()) for a in self.our_addresses):
            return address
        mapped = self.domain(dom)
        return self._get("email", address, lambda n: f"contact{n}@{mapped}")

    def name(self, full_name: str) -> str:
        """'Jane Doe' → 'Name1 Name2': each part maps on its own, so 'Dear Jane' maps too."""
        return " ".join(self._get("name", part, lambda n: f"Name{n}") for part in full_name.split())

    def amount(self, value: Decimal | str | None) -> str | None:
        if value is None:
            return None
        return str((Decimal(str(value)) * self.factor).quantize(_CENT, ROUND_HALF_UP))

    def company(self, name: str) -> str:
        """The account's name, and each distinctive word of it on its own ('Acme' too)."""
        for word in re.findall(r"[\w&'-]+", name):
            if len(word) >= 4 and word.lower() not in _LEGAL_FORMS:
                self._get("name", word, lambda n: f"Name{n}")
        return self.account_name(name)

    def text(self, text: str, amounts: set[Decimal]) -> str:
        """Replace every known identifier, e-mail address, amount and phone number in `text`."""
        text = _EMAIL.sub(lambda m: self.email(m.group(0)), text)
        words = {
            old.lower(): new
            for kind, table in self.maps.items()
            if kind != "email"
            for old, new in table.items()
            if len(old) >= 3
        }
        text = _replace(text, words, before=r"(?<!\w)", after=r"(?!\w)")
        money: dict[str, str] = {}
        for amount in amounts:
            new = Decimal(str(self.amount(amount)))
            money.update(zip(_amount_forms(amount), _amount_forms(new), strict=True))
        text = _replace(text, money, before=r"(?<![\w.,])", after=r"(?!\w|[.,]\d)")
        return _PHONE.sub("+00 000 000 000", text)


def _replace(text: str, table: dict[str, str], *, before: str, after: str) -> str:
    """Replace each key of `table` (case-insensitive, longest first) found as a whole token."""
    if not table:
        return text
    lookup = {old.lower(): new for old, new in table.items()}
    alternatives = "|".join(re.escape(old) for old in sorted(lookup, key=len, reverse=True))
    pattern = re.compile(f"{before}(?:{alternatives}){after}", re.IGNORECASE)
    return pattern.sub(lambda m: lookup[m.group(0).lower()], text)


@dataclass
class ExportReport:
    cases: int
    accounts: int
    path: Path


def export_live(
    session: Session, out_dir: Path, *, ar_mailbox: str, company_name: str
) -> ExportReport:
    """Write the reviewed messages as `out_dir/{ledger.json,cases.jsonl}`, anonymised."""
    reviewed = reviewed_cases(session)
    account_ids = sorted(
        {str(c.expected["account"]) for c in reviewed if c.expected.get("account")}
        | {str(c.predicted["account"]) for c in reviewed if c.predicted.get("account")}
    )
    company = session.exec(select(Company)).first()
    ours = {ar_mailbox.lower()} | ({company.ar_mailbox.lower()} if company else set())
    anon = Anonymiser(our_addresses=ours, factor=_factor(reviewed))
    ledger, amounts = _ledger(session, account_ids, anon)
    ledger["company"] = {
        "name": company.name if company else company_name,
        "ar_mailbox": company.ar_mailbox if company else ar_mailbox,
    }
    lines = [
        json.dumps(_case(i, c, anon, amounts), ensure_ascii=False)
        for i, c in enumerate(reviewed, start=1)
    ]
    out_dir.mkdir(parents=True, exist_ok=True)
    (out_dir / "ledger.json").write_text(
        json.dumps(ledger, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    (out_dir / "cases.jsonl").write_text("\n".join(lines) + ("\n" if lines else ""), "utf-8")
    return ExportReport(cases=len(lines), accounts=len(ledger["accounts"]), path=out_dir)


def _factor(reviewed: list[LiveCase]) -> Decimal:
    """One scale factor per export, not guessable from the output."""
    seed = hashlib.sha256(
        "".join(str(c.message.raw_sha256) for c in reviewed).encode() or b"-"
    ).digest()
    return scale_factor(seed[0])


def scale_factor(seed: int) -> Decimal:
    """0.70-0.95 or 1.05-1.30: never near 1, or the real amounts would show through."""
    step = seed % 52
    return Decimal(70 + step if step < 26 else 105 + step - 26) / 100


def _ledger(
    session: Session, account_ids: list[str], anon: Anonymiser
) -> tuple[dict[str, Any], set[Decimal]]:
    accounts, amounts = [], set()
    for account_id in account_ids:
        account = session.get(Account, account_id)
        if account is None:
            continue
        contacts = session.exec(select(Contact).where(Contact.account_id == account_id))
        invoices = list(session.exec(select(Invoice).where(Invoice.account_id == account_id)))
        for inv in invoices:
            amounts |= {inv.amount, inv.open_amount}
        accounts.append(
            {
                "id": anon.account(account.id),
                "name": anon.company(account.name),
                "customer_number": anon.customer_number(account.customer_number)
                if account.customer_number
                else None,
                "domains": [anon.domain(d) for d in account.domains],
                "language": account.language,
                "contacts": [
                    {
                        "email": anon.email(c.email),
                        "name": anon.name(c.name) if c.name else "",
                        "language": c.language,
                    }
                    for c in contacts
                ],
                "invoices": [
                    {
                        "number": anon.invoice(inv.number),
                        "kind": inv.kind,
                        "issue_date": inv.issue_date.isoformat(),
                        "due_date": inv.due_date.isoformat(),
                        "amount": anon.amount(inv.amount),
                        "open_amount": anon.amount(inv.open_amount),
                        "currency": inv.currency,
                        "po_number": anon.po(inv.po_number) if inv.po_number else None,
                    }
                    for inv in invoices
                ],
            }
        )
    return {"accounts": accounts}, amounts


def _case(index: int, case: LiveCase, anon: Anonymiser, amounts: set[Decimal]) -> dict[str, Any]:
    parsed = case.message.parsed or {}
    promise = case.expected.get("promise")
    case_amounts = set(amounts)
    if promise and promise.get("amount") is not None:
        case_amounts.add(Decimal(str(promise["amount"])))
    if parsed.get("from_name"):
        anon.name(str(parsed["from_name"]))
    body = (
        "\n\n".join(
            part
            for part in (parsed.get("new_text"), parsed.get("signature"), parsed.get("quoted_text"))
            if part
        )
        or case.message.subject
    )
    expected: dict[str, Any] = {
        "intents": list(case.expected["intents"]),
        "account": anon.account(case.expected["account"]) if case.expected.get("account") else None,
        "invoices": [anon.invoice(n) for n in case.expected.get("invoices") or []],
        "dispute_reason": case.expected.get("dispute_reason"),
        "language": case.expected.get("language"),
    }
    if promise:
        expected["promise"] = {
            "date": promise.get("date"),
            "amount": anon.amount(promise.get("amount")),
        }
    from_addr = anon.email(str(parsed.get("from_addr") or case.message.from_addr))
    from_name = anon.name(str(parsed.get("from_name") or ""))
    return {
        "id": f"live-{index:04d}",
        "received_at": case.message.received_at.isoformat(),
        "email": {
            "from": f"{from_name} <{from_addr}>" if from_name else from_addr,
            "to": [anon.email(a) for a in parsed.get("to") or []],
            "cc": [anon.email(a) for a in parsed.get("cc") or []],
            "subject": anon.text(str(parsed.get("subject") or case.message.subject), case_amounts),
            "body": anon.text(str(body), case_amounts),
            "attachments": [
                {
                    "filename": anon.text(str(a.get("filename", "attachment")), case_amounts),
                    "content_type": a.get("content_type", "application/octet-stream"),
                }
                for a in parsed.get("attachments") or []
            ],
        },
        "expected": expected,
        "provenance": {
            "source": "live",
            "review": "corrected" if case.corrected else "confirmed",
            "exported_at": utcnow().isoformat(timespec="seconds"),
        },
        "tags": ["live", "corrected" if case.corrected else "confirmed"],
    }
