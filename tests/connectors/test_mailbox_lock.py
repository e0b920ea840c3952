"""One listener per mailbox: the second waits, and takes over when the first dies."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

from sqlalchemy.engine import Engine

from connectors.mailbox_lock import MailboxLock

HOLDER = """
import sys, time
from records.db import make_engine
from connectors.mailbox_lock import MailboxLock
lock = MailboxLock(make_engine(sys.argv[1], **({{}} if sys.argv[1].startswith("sqlite") else
                   {{"connect_args": {{"options": sys.argv[2]}}}})), "ar@acme:INBOX")
assert lock.try_acquire()
print("held", flush=True)
time.sleep(120)
"""


def _url_and_options(engine: Engine) -> tuple[str, str]:
    url = engine.url.render_as_string(hide_password=False)
    options = ""
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            schema = conn.exec_driver_sql("SHOW search_path").scalar()
        options = f"-csearch_path={schema}"
    return url, options


def test_second_listener_waits_then_takes_over_when_the_first_is_killed(engine: Engine) -> None:
    url, options = _url_and_options(engine)
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER.format(), url, options],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        second = MailboxLock(engine, "ar@acme:INBOX")
        assert not second.try_acquire()
        other_mailbox = MailboxLock(engine, "ar@other:INBOX")
        assert other_mailbox.try_acquire()  # locks are per mailbox
        other_mailbox.release()

        holder.kill()  # SIGKILL: no clean release
        holder.wait(10)
        stop = threading.Event()
        started = time.monotonic()
        assert second.acquire(stop, poll_s=0.1)
        assert time.monotonic() - started < 10
        second.release()
    finally:
        holder.kill()
