"""Ledger import: the DOMAIN.md `ledger.json` format and a CSV open-items export.

Re-importing updates what changed (names, contacts, open amounts) and never
duplicates: accounts are keyed by id, contacts by (account, e-mail), invoices by number.
"""

from __future__ import annotations

import csv
import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from sqlalchemy import text
from sqlalchemy.engine import Engine
from sqlmodel import Session, col, select

from records.ledger import Account, Company, Contact, DunningHold, Invoice
from records.payments import LedgerPayment
from records.types import utcnow

CSV_COLUMNS = (
    "customer_id",
    "customer_name",
    "contact_email",
    "invoice_number",
    "issue_date",
    "due_date",
    "amount",
    "open_amount",
    "currency",
    "po_number",
)


class LedgerImportError(ValueError):
    """The file is not a ledger we can read; the message says where and why."""


@dataclass
class ImportReport:
    accounts: int = 0
    contacts: int = 0
    invoices_created: int = 0
    invoices_updated: int = 0


def refresh_planner_statistics(engine: Engine) -> None:
    """After an import, let PostgreSQL's planner see the ledger's new size at once.

    Until the tables are analysed it guesses from stale counts and may sort a long
    invoice history instead of reading the latest paid invoices off their index (4 ms
    against 0.8 ms a message with 20,000 paid invoices; docs/architecture.md). Autovacuum
    would get there later. SQLite plans these queries well without statistics.
    """
    if engine.dialect.name != "postgresql":
        return
    with engine.begin() as connection:
        connection.execute(text("ANALYZE account, contact, invoice"))


def import_ledger_file(session: Session, path: Path) -> ImportReport:
    """Import `path` (.json in the DOMAIN.md format, or .csv open items)."""
    if path.suffix.lower() == ".json":
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except json.JSONDecodeError as exc:
            raise LedgerImportError(f"{path}: not valid JSON ({exc})") from exc
        return import_ledger_json(session, data)
    if path.suffix.lower() == ".csv":
        with path.open(newline="", encoding="utf-8-sig") as handle:
            return import_open_items_csv(session, list(csv.DictReader(handle)))
    raise LedgerImportError(f"{path}: expected a .json ledger or a .csv open-items export")


def import_ledger_json(session: Session, data: dict[str, Any]) -> ImportReport:
    """Upsert the company, accounts, contacts and invoices of a DOMAIN.md ledger."""
    report = ImportReport()
    company = data.get("company")
    if company:
        _upsert_company(session, company)
    for i, acc in enumerate(data.get("accounts", [])):
        where = f"accounts[{i}]"
        account = _upsert_account(
            session,
            _required(acc, "id", where),
            name=_required(acc, "name", where),
            customer_number=acc.get("customer_number"),
            domains=acc.get("domains", []),
            language=acc.get("language"),
        )
        report.accounts += 1
        for contact in acc.get("contacts", []):
            _upsert_contact(
                session,
                account.id,
                contact["email"],
                contact.get("name", ""),
                contact.get("language"),
            )
            report.contacts += 1
        for j, inv in enumerate(acc.get("invoices", [])):
            created = _upsert_invoice(session, account.id, inv, f"{where}.invoices[{j}]")
            report.invoices_created += created
            report.invoices_updated += not created
    session.flush()
    return report


def import_open_items_csv(session: Session, rows: list[dict[str, str]]) -> ImportReport:
    """Upsert from open-items rows (columns: CSV_COLUMNS; contact_email may be empty)."""
    report = ImportReport()
    if rows:
        missing = [c for c in ("customer_id", "invoice_number", "amount") if c not in rows[0]]
        if missing:
            raise LedgerImportError(f"CSV lacks columns {missing}; expected {list(CSV_COLUMNS)}")
    seen_accounts: set[str] = set()
    for line, row in enumerate(rows, start=2):
        where = f"line {line}"
        account_id = _required(row, "customer_id", where)
        email = (row.get("contact_email") or "").strip().lower()
        if account_id not in seen_accounts:
            domains = [email.rsplit("@", 1)[1]] if "@" in email else []
            _upsert_account(
                session,
                account_id,
                name=row.get("customer_name") or account_id,
                customer_number=row.get("customer_number") or None,
                domains=domains,
                language=None,
                merge_domains=True,
            )
            seen_accounts.add(account_id)
            report.accounts += 1
        if email:
            _upsert_contact(session, account_id, email, "", None)
            report.contacts += 1
        inv = {
            "number": row.get("invoice_number"),
            "issue_date": row.get("issue_date") or row.get("due_date"),
            "due_date": row.get("due_date"),
            "amount": row.get("amount"),
            "open_amount": row.get("open_amount") or row.get("amount"),
            "currency": row.get("currency") or "EUR",
            "po_number": row.get("po_number") or None,
        }
        created = _upsert_invoice(session, account_id, inv, where)
        report.invoices_created += created
        report.invoices_updated += not created
    session.flush()
    return report


def _required(row: dict[str, Any], key: str, where: str) -> str:
    value = row.get(key)
    if value in (None, ""):
        raise LedgerImportError(f"{where}: missing {key!r}")
    return str(value).strip()


def _upsert_company(session: Session, data: dict[str, Any]) -> None:
    company = session.exec(select(Company)).first() or Company(name="", ar_mailbox="")
    company.name = data.get("name", company.name)
    company.ar_mailbox = data.get("ar_mailbox", company.ar_mailbox).lower()
    session.add(company)


def _upsert_account(
    session: Session,
    account_id: str,
    *,
    name: str,
    customer_number: str | None,
    domains: list[str],
    language: str | None,
    merge_domains: bool = False,
) -> Account:
    account = session.get(Account, account_id)
    domains = [d.lower() for d in domains]
    if account is None:
        account = Account(
            id=account_id,
            name=name,
            customer_number=customer_number,
            domains=domains,
            language=language or "en",
        )
    else:
        account.name = name
        account.customer_number = customer_number or account.customer_number
        account.domains = sorted(set(account.domains) | set(domains)) if merge_domains else domains
        account.language = language or account.language
        account.updated_at = utcnow()
    session.add(account)
    session.flush()
    return account


def _upsert_contact(
    session: Session, account_id: str, email: str, name: str, language: str | None
) -> None:
    email = email.strip().lower()
    contact = session.exec(
        select(Contact).where(Contact.account_id == account_id, Contact.email == email)
    ).first() or Contact(account_id=account_id, email=email)
    contact.name = name or contact.name
    contact.language = language or contact.language
    session.add(contact)


def _upsert_invoice(session: Session, account_id: str, data: dict[str, Any], where: str) -> bool:
    number = _required(data, "number", where)
    invoice = session.exec(select(Invoice).where(Invoice.number == number)).first()
    created = invoice is None
    amount = _decimal(data.get("amount"), f"{where}.amount")
    open_amount = _decimal(data.get("open_amount", data.get("amount")), f"{where}.open_amount")
    if invoice is None:
        invoice = Invoice(
            account_id=account_id,
            number=number,
            kind=data.get("kind", "invoice"),
            issue_date=_date(data.get("issue_date"), f"{where}.issue_date"),
            due_date=_date(data.get("due_date"), f"{where}.due_date"),
            amount=amount,
            open_amount=open_amount,
            currency=data.get("currency", "EUR"),
            po_number=data.get("po_number"),
        )
    else:
        if invoice.account_id != account_id:
            raise LedgerImportError(f"{where}: invoice {number} belongs to {invoice.account_id}")
        invoice.amount = amount
        invoice.open_amount = open_amount
        invoice.due_date = _date(data.get("due_date"), f"{where}.due_date")
        invoice.po_number = data.get("po_number") or invoice.po_number
        invoice.updated_at = utcnow()
    session.add(invoice)
    return created


def _decimal(value: Any, where: str) -> Decimal:
    try:
        return Decimal(str(value).strip())
    except (InvalidOperation, AttributeError) as exc:
        raise LedgerImportError(f"{where}: {value!r} is not an amount") from exc


def _date(value: Any, where: str) -> date:
    try:
        return date.fromisoformat(str(value).strip())
    except ValueError as exc:
        raise LedgerImportError(f"{where}: {value!r} is not an ISO date") from exc


@dataclass
class PaymentReport:
    applied: int = 0
    already_applied: int = 0
    holds_ended: int = 0
    unknown_invoices: list[str] = field(default_factory=list)


def apply_payments(session: Session, payments: list[dict[str, Any]]) -> PaymentReport:
    """Reduce open amounts by payments received; an invoice paid in full ends its holds.

    Each payment: {"invoice_number", "amount", optional "date", "reference"}. The same
    payment sent twice is applied once (keyed by reference, else invoice, date and amount).
    """
    report = PaymentReport()
    for i, payment in enumerate(payments):
        where = f"payments[{i}]"
        number = _required(payment, "invoice_number", where)
        amount = _decimal(payment.get("amount"), f"{where}.amount")
        paid_on = _date(payment["date"], f"{where}.date") if payment.get("date") else None
        invoice = session.exec(select(Invoice).where(Invoice.number == number)).first()
        if invoice is None:
            report.unknown_invoices.append(number)
            continue
        reference = (payment.get("reference") or "").strip() or None
        key = f"ref:{reference}:{number}" if reference else f"{number}|{paid_on}|{amount}"
        if session.exec(select(LedgerPayment).where(LedgerPayment.key == key)).first():
            report.already_applied += 1
            continue
        session.add(
            LedgerPayment(
                key=key,
                invoice_id=invoice.id or 0,
                amount=amount,
                paid_on=paid_on,
                reference=reference,
            )
        )
        invoice.open_amount = max(invoice.open_amount - amount, Decimal("0.00"))
        invoice.updated_at = utcnow()
        session.add(invoice)
        report.applied += 1
        if invoice.open_amount == 0:
            report.holds_ended += _end_holds(session, invoice)
    session.flush()
    return report


def _end_holds(session: Session, invoice: Invoice) -> int:
    ended = 0
    for hold in session.exec(
        select(DunningHold).where(
            DunningHold.invoice_id == invoice.id, col(DunningHold.active).is_(True)
        )
    ):
        hold.end("invoice paid in full")
        session.add(hold)
        ended += 1
    return ended
