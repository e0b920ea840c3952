"""The pages in a real browser: Debian's Chromium driven by Playwright, uvicorn on loopback."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest
import uvicorn
from aiosmtpd.controller import Controller
from sqlmodel import Session, select

from arinbox.settings import Settings
from connectors.smtp_sender import Sender, SmtpConfig
from records.inbox import Correction, Draft, Message
from records.ledger import Task
from tests.api.conftest import PASSWORD, reparse, seed_case
from tests.connectors.conftest import RecordingHandler, free_port

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
XSS = '<img src=x onerror="window.__xss=1;alert(1)"><script>window.__xss=2;alert(2)</script>'

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(), reason="needs Debian's chromium (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(app) -> Iterator[str]:  # type: ignore[no-untyped-def]
    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser_page() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=str(CHROMIUM),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        page = context.new_page()
        page.set_default_timeout(15_000)
        yield page
        context.close()
        browser.close()


def _login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{base}/queue")


def test_review_in_the_browser(
    server: str, browser_page, session: Session, ledger: dict, users: dict, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    human = seed_case(
        session,
        subject="Payment plan please",
        state="needs_human",
        needs_human=True,
        intents=["payment_plan_request"],
        draft_body=None,
    )
    promise = seed_case(session, subject="Promise for INV-2026-0012", priority=20, actions=True)
    dispute = seed_case(
        session,
        subject="Preis falsch auf Rechnung",
        language="de",
        account="BERG",
        intents=["dispute"],
        priority=10,
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    ARTIFACTS.mkdir(exist_ok=True)

    _login(page, server, "alice")
    rows = page.locator("#queue tbody tr")
    assert rows.count() == 3
    assert "Payment plan please" in rows.nth(0).inner_text()  # needs a human comes first
    page.screenshot(path=str(ARTIFACTS / "queue.png"), full_page=True)

    # Filter: choosing a language submits the form.
    page.select_option("select[name=language]", "de")
    page.wait_for_url("**/queue?*language=de*")
    assert page.locator("#queue tbody tr").count() == 1
    assert "Preis falsch" in page.locator("#queue").inner_text()

    # Shortcuts on the queue: ? opens the help, j selects, Enter opens.
    page.goto(f"{server}/queue")
    page.keyboard.press("?")
    assert page.locator("#help").is_visible()
    assert "approve the draft" in page.locator("#help").inner_text()
    page.keyboard.press("Escape")
    assert not page.locator("#help").is_visible()
    page.keyboard.press("j")
    page.keyboard.press("j")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/cases/{promise.message_id}*")

    # The case page: evidence highlighted, quoted text folded; j/k move between cases.
    assert page.locator("#new-text mark").inner_text() == "we will pay INV-2026-0012 on Friday."
    assert not page.locator("details .quoted").is_visible()
    page.screenshot(path=str(ARTIFACTS / "case.png"), full_page=True)
    page.keyboard.press("k")
    page.wait_for_url(f"**/cases/{human.message_id}*")
    page.keyboard.press("j")
    page.wait_for_url(f"**/cases/{promise.message_id}*")

    # e edits, Escape leaves the editor, a approves the edited text.
    page.keyboard.press("e")
    assert page.locator("#draft-body").evaluate("el => !el.readOnly")
    page.fill("#draft-body", "Dear Jane,\n\nthank you: we note payment on Friday 20 November.\n")
    page.keyboard.press("Escape")
    page.keyboard.press("a")
    page.wait_for_selector("text=Approved: the reply will be sent.")
    assert page.locator("#draft-state").inner_text() == "approved"

    # Undo an action.
    page.locator("#actions li", has_text="pause dunning").locator("button").click()
    page.wait_for_selector("text=Action undone.")

    # Reject the German dispute's draft with a reason (r focuses the reason field).
    page.goto(f"{server}/cases/{dispute.message_id}")
    page.keyboard.press("r")
    page.keyboard.type("Wrong contact, call the buyer first")
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Draft rejected.")

    # Correct the intent.
    page.click("#correct summary")
    page.check("#correct-form input[value=dispute]")
    page.check("#correct-form input[value=payment_plan_request]")
    page.click("#correct-form button[type=submit]")
    page.wait_for_selector("text=Correction saved")

    # The manager's dashboard.
    page.click("header form.logout button")
    page.wait_for_url(f"{server}/login")
    _login(page, server, "mona")
    page.goto(f"{server}/dashboard")
    assert page.locator("svg.chart").count() >= 2
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

    assert dialogs == []
    for name in ("queue.png", "case.png", "dashboard.png"):
        assert (ARTIFACTS / name).stat().st_size > 5000
    session.expire_all()
    approved = session.get(Draft, promise.draft_id)
    assert approved is not None and approved.state == "approved"
    assert "20 November" in approved.body and approved.approved_by == "alice"
    rejected = session.get(Draft, dispute.draft_id)
    assert (
        rejected is not None and rejected.rejected_reason == "Wrong contact, call the buyer first"
    )
    correction = session.exec(select(Correction)).one()
    assert correction.new_value == ["dispute", "payment_plan_request"]
    assert session.get(Message, dispute.message_id).state == "rejected"  # type: ignore[union-attr]

    # The approved draft reaches a real SMTP server, with the collector's edited text.
    handler, port = RecordingHandler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        smtp = SmtpConfig(host="127.0.0.1", port=port, tls="none")
        Sender(session.get_bind(), settings, smtp=smtp, mailboxes=[]).send_approved()  # type: ignore[arg-type]
    finally:
        controller.stop()
    assert len(handler.received) == 1
    _sender, recipients, raw = handler.received[0]
    sent = message_from_bytes(raw, policy=default)
    assert recipients == [approved.to_addr]
    assert sent["Message-ID"] == approved.outgoing_message_id
    assert sent["Subject"] == approved.subject
    assert "20 November" in sent.get_body().get_content()  # type: ignore[union-attr]


def test_answer_by_hand_and_close_in_the_browser(
    server: str, browser_page, session: Session, ledger: dict, users: dict, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    """A payment plan answered in the collector's words, spam closed: the queue empties."""
    page = browser_page
    plan = seed_case(
        session,
        subject="RE: Overdue invoice INV-2026-0012",
        body="Could we pay in three instalments?",
        state="needs_human",
        needs_human=True,
        intents=["payment_plan_request"],
        draft_body=None,
    )
    spam = seed_case(
        session,
        subject="Low or High Blood Pressure? We can help.",
        from_="Promo <offers@spam.example>",
        state="needs_human",
        needs_human=True,
        account=None,
        intents=["dispute"],
        draft_body=None,
    )
    newsletter = seed_case(
        session,
        subject="New Webinar: So, You Have A Disaster... Now What?",
        from_="Webinars <info@events.example>",
        state="needs_human",
        needs_human=True,
        account=None,
        intents=["payment_plan_request"],
        draft_body=None,
    )
    plan_task = Task(kind="payment_plan", title="Decide on instalments", message_id=plan.message_id)
    session.add(plan_task)
    session.commit()
    _login(page, server, "alice")
    assert page.locator("#queue tbody tr").count() == 3

    # The task the payment plan left, on the task list, done from there.
    page.click("header nav >> text=Tasks")
    page.wait_for_url("**/tasks")
    assert "Decide on instalments" in page.locator("#tasks").inner_text()
    page.click(f"#task-done-{plan_task.id}")
    page.wait_for_selector("text=Task done.")
    assert page.locator("#tasks tbody").inner_text().strip() == "No task here."

    page.goto(f"{server}/cases/{plan.message_id}")
    assert page.locator("#reply-body").is_visible()  # no draft: the form is open
    page.keyboard.press("c")
    assert page.evaluate("document.activeElement.id") == "close-reason"
    page.keyboard.press("Escape")
    page.keyboard.press("w")
    assert page.evaluate("document.activeElement.id") == "reply-body"
    page.fill("#reply-body", "Dear Jane,\n\nthree instalments are fine: 31 Dec, 31 Jan, 28 Feb.\n")
    page.click("#reply-btn")
    page.wait_for_selector("text=Reply saved as a draft")
    assert page.locator("#draft-state").inner_text() == "pending"
    page.click("#approve-btn")
    page.wait_for_selector("text=Approved: the reply will be sent.")

    page.goto(f"{server}/cases/{spam.message_id}")
    page.select_option("#close-reason", "not_for_ar")
    page.click("#close-btn")
    page.wait_for_selector("text=Case closed")
    assert page.locator("#case-state").inner_text() == "closed"
    # The newsletter from the queue itself: j selects it, x ticks it, one button closes.
    page.goto(f"{server}/queue")
    assert page.locator("#queue tbody tr").count() == 1
    page.keyboard.press("j")
    page.keyboard.press("x")
    assert page.locator(f"input[name=ids][value='{newsletter.message_id}']").is_checked()
    page.click("#bulk-close")
    page.wait_for_selector("text=Closed 1 case.")
    assert page.locator("#queue tbody").inner_text().strip() == "Nothing here. Well done."
    # The buyer calls about the invoice: / searches every case, in any state.
    page.keyboard.press("/")
    page.keyboard.type("acme.example")
    page.keyboard.press("Enter")
    page.wait_for_url("**/queue?*q=acme.example*")
    assert "Overdue invoice INV-2026-0012" in page.locator("#queue tbody").inner_text()

    handler, port = RecordingHandler(), free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        smtp = SmtpConfig(host="127.0.0.1", port=port, tls="none")
        report = Sender(session.get_bind(), settings, smtp=smtp, mailboxes=[]).send_approved()  # type: ignore[arg-type]
    finally:
        controller.stop()
    assert report.sent == 1 and len(handler.received) == 1
    _sender, recipients, raw = handler.received[0]
    sent = message_from_bytes(raw, policy=default)
    original = session.get(Message, plan.message_id)
    assert original is not None and recipients == ["ap@acme.example"]
    assert sent["In-Reply-To"] == original.message_id
    assert sent["Subject"] == "Re: Overdue invoice INV-2026-0012"
    assert "three instalments are fine" in sent.get_body().get_content()  # type: ignore[union-attr]


def test_xss_message_renders_inert(
    server: str, browser_page, session: Session, ledger: dict, users: dict
) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    case = seed_case(
        session,
        subject=f"Invoice {XSS}",
        from_=f'"Mallory {XSS}" <ap@acme.example>',
        body=f"Hello {XSS}",
        html=f'<p>Hi</p>{XSS}<a href="javascript:alert(3)">x</a>',
        attachments=[(f"{XSS}.pdf", "application/pdf", b"%PDF")],
        draft_body=f"Draft {XSS}",
    )
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, server, "alice")
    page.goto(f"{server}/cases/{case.message_id}")
    page.click("#message details:last-of-type summary")
    page.wait_for_timeout(300)
    assert "<script>window.__xss" in page.locator("#subject").inner_text()  # shown as text
    page.goto(f"{server}/queue")
    page.wait_for_timeout(300)
    assert dialogs == []
    assert page.evaluate("window.__xss") is None


def test_the_text_read_from_an_attached_document_unfolds_and_stays_inert(
    server: str, browser_page, session: Session, ledger: dict, users: dict, settings: Settings
) -> None:  # type: ignore[no-untyped-def]
    page = browser_page
    case = seed_case(
        session, attachments=[("advice.csv", "text/csv", f"INV-2026-0012;1.250,00\n{XSS}".encode())]
    )
    reparse(session, case.message_id, settings)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    _login(page, server, "alice")
    page.goto(f"{server}/cases/{case.message_id}")
    document = page.locator("details.document")
    assert not document.locator("div.body").is_visible()  # folded until asked for
    document.locator("summary").click()
    assert document.locator("div.body").is_visible()
    text = document.locator("div.body").inner_text()
    assert text.startswith("INV-2026-0012;1.250,00") and "<script>window.__xss" in text
    page.wait_for_timeout(300)
    assert dialogs == [] and page.evaluate("window.__xss") is None
