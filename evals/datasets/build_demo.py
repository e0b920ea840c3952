"""Build the demo data: arinbox/demo_data/{ledger.json,mailbox/*.eml}.

Run once from the repository root (deterministic, fixed seed; the output is committed):

    .venv/bin/python evals/datasets/build_demo.py

Uses the same hand-written phrasebook as the eval datasets, against a separate demo ledger
(evals/datasets/ledger_spec.py DEMO_ACCOUNTS), every message written as an .eml file dated
in the two weeks before 2026-11-23. Senders are the demo ledger's contacts, except one
deliberate unknown sender; one message carries an injection attempt; one is an AP system's
payment advice whose invoices are listed only in its PDF.
"""

from __future__ import annotations

import json
import random
import shutil
import sys
from datetime import date, datetime, timedelta
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE) not in sys.path:  # the phrasebook and helpers sit next to this script
    sys.path.insert(0, str(HERE))

from build_arinbox import Builder, Template  # noqa: E402
from casekit import INTENTS, LANGS, build_ledger, utc  # noqa: E402
from ledger_spec import DEMO_ACCOUNTS  # noqa: E402

SEED = 4242
DEMO = HERE.parents[1] / "arinbox" / "demo_data"
MAILBOX = DEMO / "mailbox"
# Intents each language shows in the demo (English and German show all nine).
SKIP = {
    "fr": {"payment_plan_request", "contact_update"},
    "es": {"other", "auto_reply"},
    "nl": {"statement_request", "invoice_copy_request"},
    "it": {"contact_update", "other"},
}


class DemoBuilder(Builder):
    force_eml = True
    injection_rate = 0.0
    foreign_rate = 0.0
    multi_unverified_rate = 0.0
    kind = "contact"

    def sender_kind(self, intent: str, text: str) -> str:
        return self.kind

    def verified_kind(self) -> str:
        return "contact"

    def received(self) -> datetime:
        day = date(2026, 11, 9) + timedelta(days=self.rng.randint(0, 13))
        return utc(day, self.rng.randint(6, 17), self.rng.randint(0, 59))

    def eml_path(self, split: str, rel: str) -> Path:
        return MAILBOX / rel.removeprefix("emails/")

    @staticmethod
    def eml_mode(body: str, rng: random.Random) -> str:
        mode = rng.choices(
            ["plain", "alternative", "html_only", "qp_latin1", "b64_utf8", "html_cp1252"],
            weights=[55, 15, 10, 7, 7, 6],
        )[0]
        return Builder.eml_mode(body, rng) if mode in ("qp_latin1", "html_cp1252") else mode


def pick(b: DemoBuilder, lang: str, intent: str, rng: random.Random) -> Template:
    pool = [t for t in b.templates if t.lang == lang and t.intent == intent]
    return rng.choice(pool)


def remittance_advice(ledger: dict) -> None:
    """An AP system's payment advice that lists the invoices it pays only in its PDF."""
    from email.message import EmailMessage
    from email.utils import format_datetime

    from fpdf import FPDF

    account = next(a for a in ledger["accounts"] if a["id"] == "KRAF")
    paid = [inv for inv in account["invoices"] if inv["number"] in ("RE-10462", "RE-10433")]
    pdf = FPDF()
    pdf.set_creation_date(utc(date(2026, 11, 20), 10, 0))  # the same bytes on every build
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    lines = [
        f"{account['name']} - Zahlungsavis",
        "Zahlungsdatum: 20.11.2026    Referenz: ZA-2026-11-0042",
        "Ihre Rechnung    Unsere Bestellung    Rechnungsbetrag    Skonto    Zahlbetrag",
        *(
            f"{inv['number']}    {inv['po_number']}    {_de(inv['open_amount'])}    0,00    "
            f"{_de(inv['open_amount'])}"
            for inv in paid
        ),
        f"Summe Zahlbetrag EUR {_de(str(sum(float(inv['open_amount']) for inv in paid)))}",
    ]
    for line in lines:
        pdf.cell(0, 7, line, new_x="LMARGIN", new_y="NEXT")
    message = EmailMessage()
    message["From"] = (
        f"{account['name']} Kreditorenbuchhaltung <zahlungsavis@kraftwerk-elektro.example>"
    )
    message["To"] = ledger["company"]["ar_mailbox"]
    message["Subject"] = "Zahlungsavis ZA-2026-11-0042"
    message["Date"] = format_datetime(utc(date(2026, 11, 20), 10, 15))
    message["Message-ID"] = "<za-2026-11-0042@kraftwerk-elektro.example>"
    message.set_content(
        "Sehr geehrte Damen und Herren,\n\nanbei erhalten Sie unser Zahlungsavis.\n\n"
        "Mit freundlichen Grüßen\nKreditorenbuchhaltung"
    )
    message.add_attachment(
        bytes(pdf.output()), maintype="application", subtype="pdf", filename="Zahlungsavis.pdf"
    )
    message.set_boundary("=_arinbox_remittance_0")  # the same bytes on every build
    (MAILBOX / "de-remittance-advice-001.eml").write_bytes(message.as_bytes())


def _de(amount: str) -> str:
    """1234.5 as a German amount: 1.234,50."""
    return f"{float(amount):,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")


def build() -> int:
    shutil.rmtree(MAILBOX, ignore_errors=True)
    MAILBOX.mkdir(parents=True)
    ledger = build_ledger(DEMO_ACCOUNTS, SEED)
    (DEMO / "ledger.json").write_text(
        json.dumps(ledger, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
    )
    b = DemoBuilder(ledger, seed=SEED)
    rng = random.Random(SEED)
    for lang in LANGS:
        for intent in INTENTS:
            if intent not in SKIP.get(lang, set()):
                b.single(pick(b, lang, intent, rng))
        b.multi(lang, "train")
    b.kind = "unknown"
    b.single(pick(b, "en", "invoice_copy_request", rng))
    b.kind = "contact"
    b.injection_rate = 1.0
    b.single(pick(b, "en", "payment_confirmation", rng))
    remittance_advice(ledger)
    return sum(len(v) for v in b.cases.values()) + 1


def main() -> None:
    n = build()
    sys.stdout.write(f"{n} demo messages in arinbox/demo_data/mailbox\n")


if __name__ == "__main__":
    main()
