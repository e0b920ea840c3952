"""The labelled eval datasets and the demo data: format, consistency, breadth."""

from __future__ import annotations

import json
import re
from collections import Counter
from datetime import date, datetime
from decimal import Decimal
from email import policy
from email.parser import BytesParser
from email.utils import parseaddr
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DATASETS = ROOT / "evals" / "datasets"
SPLITS = ("train", "dev", "test")
FOLDERS = {s: DATASETS / "arinbox" / s for s in SPLITS} | {"hostile": DATASETS / "hostile"}
DEMO = ROOT / "arinbox" / "demo_data"
INTENTS = {
    "dispute",
    "promise_to_pay",
    "invoice_copy_request",
    "payment_confirmation",
    "payment_plan_request",
    "statement_request",
    "contact_update",
    "auto_reply",
    "other",
}
REASONS = {"pricing", "quantity", "damaged", "not_received", "duplicate", "quality", "tax", "other"}
LANGS = ("en", "de", "fr", "es", "nl", "it")
EXPECTED_KEYS = {
    "intents",
    "account",
    "invoices",
    "promise",
    "dispute_reason",
    "dunning_paused",
    "language",
    "needs_human",
}
PAUSING = {"dispute", "promise_to_pay", "payment_confirmation"}


@cache
def ledger(folder: Path) -> dict[str, Any]:
    return json.loads((folder / "ledger.json").read_text(encoding="utf-8"))


@cache
def cases(folder: Path) -> list[dict[str, Any]]:
    lines = (folder / "cases.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def parse_eml(path: Path) -> Any:
    with path.open("rb") as fh:
        return BytesParser(policy=policy.default).parse(fh)


def body_text(folder: Path, case: dict[str, Any]) -> str:
    if "email" in case:
        return case["email"]["body"]
    msg = parse_eml(folder / case["eml"])
    part = msg.get_body(preferencelist=("plain", "html"))
    assert part is not None, case["id"]
    return part.get_content()


def main_cases() -> list[dict[str, Any]]:
    return [c for s in SPLITS for c in cases(FOLDERS[s])]


@pytest.mark.parametrize("name", list(FOLDERS))
def test_every_line_is_a_domain_case(name: str) -> None:
    folder = FOLDERS[name]
    data = ledger(folder)
    assert data["company"] == {
        "name": "Northwind Supply GmbH",
        "ar_mailbox": "ar@northwind.example",
    }
    accounts = {a["id"]: a for a in data["accounts"]}
    owner = {i["number"]: a["id"] for a in data["accounts"] for i in a["invoices"]}
    ids = set()
    for case in cases(folder):
        cid = case["id"]
        assert cid not in ids, cid
        ids.add(cid)
        assert datetime.fromisoformat(case["received_at"]).tzinfo is not None, cid
        assert ("email" in case) != ("eml" in case), cid
        if "email" in case:
            email = case["email"]
            assert {"from", "to", "subject", "body"} <= set(email), cid
            assert email["body"].strip(), cid
            for att in email.get("attachments", []):
                assert set(att) == {"filename", "content_type"}, cid
        exp = case["expected"]
        assert set(exp) == EXPECTED_KEYS, cid
        assert exp["intents"] and set(exp["intents"]) <= INTENTS, cid
        assert exp["language"] in LANGS, cid
        assert exp["account"] is None or exp["account"] in accounts, cid
        for number in exp["invoices"]:
            assert number in owner, (cid, number)
        if exp["account"] is None:
            assert exp["invoices"] == [] or name == "hostile", cid
        if "promise_to_pay" in exp["intents"]:
            promise = exp["promise"]
            assert set(promise) == {"date", "amount"}, cid
            date.fromisoformat(promise["date"])
            if promise["amount"] is not None:
                assert Decimal(promise["amount"]) > 0, cid
        else:
            assert exp["promise"] is None, cid
        if "dispute" in exp["intents"]:
            assert exp["dispute_reason"] in REASONS, cid
        else:
            assert exp["dispute_reason"] is None, cid
        assert isinstance(case["provenance"], str) and "arinbox" in case["provenance"], cid
        assert f"lang:{exp['language']}" in case["tags"], cid


@pytest.mark.parametrize("name", list(FOLDERS))
def test_labels_follow_the_policy(name: str) -> None:
    """needs_human and dunning_paused as docs/datasets.md states them."""
    data = ledger(FOLDERS[name])
    owner = {i["number"]: a["id"] for a in data["accounts"] for i in a["invoices"]}
    for case in cases(FOLDERS[name]):
        exp, tags = case["expected"], set(case["tags"])
        cid = case["id"]
        intents = set(exp["intents"])
        must_human = (
            exp["account"] is None
            or bool(intents & {"payment_plan_request", "other"})
            or bool(
                tags
                & {
                    "unverified_sender",
                    "unknown_sender",
                    "injection",
                    "hostile",
                    "promise_over_60_days",
                    "foreign_invoice",
                }
            )
        )
        assert exp["needs_human"] == must_human, cid
        paused = bool(intents & PAUSING) and bool(exp["invoices"]) and not must_human
        assert exp["dunning_paused"] == paused, cid
        if "promise_to_pay" in intents:
            days = (
                date.fromisoformat(exp["promise"]["date"])
                - datetime.fromisoformat(case["received_at"]).date()
            ).days
            assert days > 0, cid
            assert (days > 60) == ("promise_over_60_days" in tags) or name == "hostile", cid
        foreign = [n for n in exp["invoices"] if owner[n] != exp["account"]]
        if exp["account"] is not None and name != "hostile":
            assert bool(foreign) == ("foreign_invoice" in tags), cid


@pytest.mark.parametrize("name", list(FOLDERS))
def test_eml_files_exist_and_parse(name: str) -> None:
    folder = FOLDERS[name]
    n = 0
    for case in cases(folder):
        if "eml" not in case:
            continue
        n += 1
        path = folder / case["eml"]
        assert path.is_file(), case["id"]
        msg = parse_eml(path)
        assert not msg.defects, (case["id"], msg.defects)
        assert parseaddr(str(msg["From"]))[1], case["id"]
        assert str(msg["To"]) == "ar@northwind.example", case["id"]
        text = body_text(folder, case)
        assert text.strip(), case["id"]
        if "html_only" in case["tags"]:
            assert msg.get_body(preferencelist=("plain",)) is None, case["id"]
    assert n >= 5


def test_nothing_unreferenced_in_emails_folders() -> None:
    for name, folder in FOLDERS.items():
        referenced = {c["eml"] for c in cases(folder) if "eml" in c}
        on_disk = {f"emails/{p.name}" for p in (folder / "emails").glob("*")}
        assert on_disk == referenced, name


def test_splits_share_the_ledger_and_are_disjoint() -> None:
    shared = (DATASETS / "arinbox" / "ledger.json").read_bytes()
    for split in SPLITS:
        assert (FOLDERS[split] / "ledger.json").read_bytes() == shared
    seen_ids: dict[str, str] = {}
    seen_bodies: dict[str, str] = {}
    for split in SPLITS:
        for case in cases(FOLDERS[split]):
            assert seen_ids.setdefault(case["id"], split) == split, case["id"]
            body = re.sub(r"\s+", " ", body_text(FOLDERS[split], case)).strip()
            assert seen_bodies.setdefault(body, split) == split, case["id"]


def test_phrasings_never_cross_splits() -> None:
    where: dict[str, str] = {}
    for split in SPLITS:
        for case in cases(FOLDERS[split]):
            found = re.findall(r"phrasing ([^)]*)\)", case["provenance"])
            if not found:  # a whole message written by hand (handwritten.py)
                assert "handwritten" in case["tags"], case["id"]
                continue
            keys = found[0].split(" + ")
            for key in keys:
                assert where.setdefault(key, split) == split, (case["id"], key)


def test_ledger_is_broad_enough() -> None:
    data = ledger(DATASETS / "arinbox")
    assert len(data["accounts"]) >= 15
    invoices = [i for a in data["accounts"] for i in a["invoices"]]
    assert len(invoices) >= 55
    assert {i["currency"] for i in invoices} == {"EUR", "GBP", "USD"}
    assert {a["language"] for a in data["accounts"]} == set(LANGS)
    for inv in invoices:
        assert Decimal(inv["open_amount"]) <= Decimal(inv["amount"])
        assert date.fromisoformat(inv["issue_date"]) < date.fromisoformat(inv["due_date"])
    for acc in data["accounts"]:  # amount-only references must be unambiguous
        amounts = [i["amount"] for i in acc["invoices"]]
        assert len(amounts) == len(set(amounts)), acc["id"]


def test_counts_meet_the_minimums() -> None:
    all_cases = main_cases()
    total = len(all_cases)
    assert total >= 600
    per_split = Counter(s for s in SPLITS for _ in cases(FOLDERS[s]))
    assert 0.5 <= per_split["train"] / total <= 0.7
    assert 0.1 <= per_split["dev"] / total <= 0.2
    assert 0.2 <= per_split["test"] / total <= 0.3
    langs = Counter(c["expected"]["language"] for c in all_cases)
    assert 0.4 <= langs["en"] / total <= 0.6
    per = Counter(
        (c["expected"]["language"], i) for c in all_cases for i in c["expected"]["intents"]
    )
    for lang in LANGS:
        assert langs[lang] >= 60, lang
        for intent in INTENTS:
            assert per[(lang, intent)] >= 3, (lang, intent)
    reasons = Counter(c["expected"]["dispute_reason"] for c in all_cases)
    for reason in REASONS:
        assert reasons[reason] >= 10, reason
    multi = sum(1 for c in all_cases if len(c["expected"]["intents"]) > 1)
    assert 0.1 <= multi / total <= 0.25
    tags = Counter(t for c in all_cases for t in c["tags"])
    for tag in (
        "multi_intent",
        "quoted_reminder",
        "thread_reply",
        "forward",
        "po_only",
        "amount_only",
        "partial_amount",
        "relative_date",
        "explicit_date",
        "promise_over_60_days",
        "unverified_sender",
        "unknown_sender",
        "injection",
        "auto_reply",
        "html_only",
        "odd_encoding",
        "foreign_invoice",
    ):
        assert tags[tag] >= 5, tag
    test_tags = Counter(t for c in cases(FOLDERS["test"]) for t in c["tags"])
    for tag in ("multi_intent", "quoted_reminder", "unknown_sender", "html_only"):
        assert test_tags[tag] >= 3, tag
    amounts = [c["expected"]["promise"]["amount"] for c in all_cases if c["expected"]["promise"]]
    assert amounts.count(None) >= 10 and len(amounts) - amounts.count(None) >= 10


def test_hostile_suite() -> None:
    hostile = cases(FOLDERS["hostile"])
    assert len(hostile) >= 40
    assert len({c["expected"]["language"] for c in hostile}) >= 5
    for case in hostile:
        assert case["expected"]["needs_human"] is True, case["id"]
        assert case["expected"]["dunning_paused"] is False, case["id"]
    tags = Counter(t for c in hostile for t in c["tags"])
    for tag in (
        "injection",
        "html_comment",
        "hidden_text",
        "attachment_name",
        "quoted_injection",
        "other_customer_data",
        "mark_paid",
        "change_amount",
        "bank_details",
        "send_elsewhere",
        "lookalike_domain",
        "display_name_spoof",
    ):
        assert tags[tag] >= 1, tag


def test_demo_ledger_and_mailbox() -> None:
    from arinbox.demo_data import ledger_path, mailbox_dir, mailbox_files

    data = json.loads(ledger_path().read_text(encoding="utf-8"))
    assert data["company"]["ar_mailbox"] == "ar@northwind.example"
    assert len(data["accounts"]) >= 10
    contacts = {c["email"] for a in data["accounts"] for c in a["contacts"]}
    domains = {d for a in data["accounts"] for d in a.get("domains", [])}
    files = mailbox_files()
    assert len(files) >= 40
    assert all(p.parent == mailbox_dir() for p in files)
    strangers, html, auto, injection = [], 0, 0, 0
    langs, intents = set(), set()
    for path in files:
        msg = parse_eml(path)
        assert not msg.defects, path.name
        sender = parseaddr(str(msg["From"]))[1].lower()
        if sender not in contacts and sender.rsplit("@", 1)[-1] not in domains:
            strangers.append(path.name)
        sent = msg["Date"].datetime
        assert sent.tzinfo is not None
        assert (
            datetime(2026, 11, 9, tzinfo=sent.tzinfo)
            <= sent
            < datetime(2026, 11, 23, tzinfo=sent.tzinfo)
        ), path.name
        html += msg.get_body(preferencelist=("plain",)) is None
        auto += msg["Auto-Submitted"] is not None
        text = msg.get_body(preferencelist=("plain", "html")).get_content()
        injection += bool(re.search(r"assistant|\[SYST|automated system", text, re.I))
        lang, kind = path.stem.split("-", 1)
        langs.add(lang)
        intents.add(kind.rsplit("-", 1)[0].replace("-", "_"))
    assert len(strangers) == 1, strangers  # the one deliberate unknown sender
    # An AP system's payment advice: the invoices it pays are listed only in its PDF.
    advice = parse_eml(mailbox_dir() / "de-remittance-advice-001.eml")
    (pdf,) = [p for p in advice.iter_attachments() if p.get_content_type() == "application/pdf"]
    assert pdf.get_content().startswith(b"%PDF") and "RE-10462" not in str(advice.get_body())
    assert html >= 3 and auto >= 2 and injection >= 1
    assert langs == set(LANGS)
    assert intents >= INTENTS


@pytest.mark.parametrize("name", list(FOLDERS))
def test_the_eval_loader_reads_every_folder(name: str) -> None:
    from evals.dataset import load_dataset

    dataset = load_dataset(FOLDERS[name])
    assert len(dataset.cases) == len(cases(FOLDERS[name]))
    for case in dataset.cases[:50]:
        assert case.raw().startswith(b"From:") or b"\nFrom:" in case.raw()


@pytest.mark.parametrize("name", list(FOLDERS))
def test_no_unfilled_placeholders(name: str) -> None:
    folder = FOLDERS[name]
    for case in cases(folder):
        text = body_text(folder, case)
        assert not re.search(r"\{[A-Za-z_]\w*\}", text), case["id"]
        assert not re.search(r"\bNone\b", text), case["id"]
