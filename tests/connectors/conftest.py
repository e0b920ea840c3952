"""Real mail servers on loopback: Dovecot (IMAP) and aiosmtpd (SMTP), plus a cuttable proxy.

Dovecot runs in the foreground with a throwaway configuration in a temporary folder;
when it cannot start, the tests fail (a skipped mailbox test would hide a broken listener).
"""

from __future__ import annotations

import contextlib
import json
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import Envelope, Session
from imapclient import IMAPClient

from connectors.mailboxes import MailboxConfig

DOVECOT = shutil.which("dovecot") or "/usr/sbin/dovecot"
IMAP_USER = "ar"
IMAP_PASSWORD = "secret-test-password"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(predicate: Callable[[], object], timeout: float = 10.0, what: str = "") -> object:
    """Poll `predicate` until it is truthy; fail after `timeout` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            pytest.fail(f"timed out after {timeout}s waiting for {what or predicate}")
        time.sleep(0.05)


def _port_open(port: int) -> bool:
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=0.5):
            return True
    except OSError:
        return False


_CONFIG = """\
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
instance_name = arinbox-test-{tag}
log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2
mail_location = maildir:{root}/mail/%u
{users}
passdb {{
  driver = oauth2
  mechanisms = xoauth2
  args = {root}/oauth2.conf
}}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = {root}/passwd
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
"""


# XOAUTH2: Dovecot asks this loopback endpoint whether a token is valid (RFC 7662 style).
_OAUTH2_CONFIG = """\
introspection_mode = post
introspection_url = http://127.0.0.1:{port}/introspect
username_attribute = username
active_attribute = active
active_value = true
force_introspection = yes
"""
OAUTH2_TOKEN = "test-access-token-valid"


class _Introspection(BaseHTTPRequestHandler):
    """Active for OAUTH2_TOKEN (as user `ar`), inactive for anything else."""

    def do_POST(self) -> None:  # noqa: N802  (http.server's naming)
        length = int(self.headers.get("Content-Length", 0))
        form = parse_qs(self.rfile.read(length).decode())
        active = form.get("token") == [OAUTH2_TOKEN]
        body = json.dumps({"active": True, "username": IMAP_USER} if active else {"active": False})
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body.encode())

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        return  # quiet


@dataclass
class DovecotServer:
    """A Dovecot instance in a temporary folder; restartable on the same port."""

    root: Path
    port: int
    proc: subprocess.Popen[bytes] | None = None
    uid: int = -1  # owner of the mail files
    gid: int = -1
    user: str = IMAP_USER
    password: str = IMAP_PASSWORD
    host: str = "127.0.0.1"

    @property
    def maildir(self) -> Path:
        return self.root / "mail" / self.user

    def start(self) -> None:
        self.proc = subprocess.Popen(
            [DOVECOT, "-c", str(self.root / "dovecot.conf"), "-F"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 15
        while not _port_open(self.port):
            if self.proc.poll() is not None or time.monotonic() > deadline:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                log = (self.root / "dovecot.log").read_text(errors="replace")[-2000:]
                self.stop()
                pytest.fail(f"Dovecot did not start: {err}\n{log}")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        if self.proc.stderr:
            self.proc.stderr.close()
        self.proc = None
        deadline = time.monotonic() + 10
        while _port_open(self.port) and time.monotonic() < deadline:
            time.sleep(0.05)

    def write_maildir(self, messages: Iterator[bytes]) -> int:
        """Drop messages straight into INBOX's Maildir `new/` (fast, for large backlogs)."""
        new = self.maildir / "new"
        for sub in ("new", "cur", "tmp"):
            (self.maildir / sub).mkdir(parents=True, exist_ok=True)
        count = 0
        stamp = int(time.time())
        for count, raw in enumerate(messages, start=1):
            path = new / f"{stamp}.M{count}P{os.getpid()}.arinbox-bench"
            path.write_bytes(raw.replace(b"\r\n", b"\n"))  # Maildir files use LF
        for path in [self.maildir, *self.maildir.rglob("*")]:
            os.chown(path, self.uid, self.gid)
        return count

    def restart(self) -> None:
        self.stop()
        self.start()

    def client(self) -> IMAPClient:
        client = IMAPClient(self.host, port=self.port, ssl=False, timeout=10)
        client.login(self.user, self.password)
        return client

    def new_folder(self) -> str:
        """A fresh folder for one test (the server is shared by the session)."""
        name = f"t{uuid.uuid4().hex[:10]}"
        with self.client() as client:
            client.create_folder(name)
        return name

    def mailbox(self, folder: str, **overrides: object) -> MailboxConfig:
        values: dict[str, object] = {
            "name": f"ar-{folder}",
            "host": self.host,
            "port": self.port,
            "user": self.user,
            "password": self.password,
            "folder": folder,
            "tls": "none",
            "idle_check_s": 0.2,
            "poll_s": 0.2,
            "timeout_s": 10,
        }
        values.update(overrides)
        return MailboxConfig.model_validate(values)


def _make_dovecot_root() -> tuple[Path, int, int, str]:
    root = Path(tempfile.mkdtemp(prefix="arinbox-dovecot-"))
    root.chmod(0o755)  # the mail and login users must reach their folders
    for sub in ("run", "state", "mail"):
        (root / sub).mkdir()
    if os.geteuid() == 0:
        mail = pwd.getpwnam("mail")
        uid, gid = mail.pw_uid, mail.pw_gid
        shutil.chown(root / "mail", user=uid, group=gid)
        users = (
            f"mail_uid = {uid}\nmail_gid = {gid}\nfirst_valid_uid = {uid}\nfirst_valid_gid = {gid}"
        )
    else:
        uid, gid = os.geteuid(), os.getegid()
        me = pwd.getpwuid(uid).pw_name
        users = (
            f"default_login_user = {me}\ndefault_internal_user = {me}\n"
            f"first_valid_uid = {uid}\nfirst_valid_gid = {gid}"
        )
    return root, uid, gid, users


@contextmanager
def start_dovecot() -> Iterator[DovecotServer]:
    """A throwaway Dovecot on a free loopback port (also used by the benchmarks)."""
    if not os.path.exists(DOVECOT):
        pytest.fail("Dovecot is missing: apt-get install -y dovecot-imapd")
    root, uid, gid, users = _make_dovecot_root()
    port = free_port()
    introspection = ThreadingHTTPServer(("127.0.0.1", 0), _Introspection)
    threading.Thread(target=introspection.serve_forever, daemon=True).start()
    (root / "oauth2.conf").write_text(_OAUTH2_CONFIG.format(port=introspection.server_address[1]))
    (root / "passwd").write_text(f"{IMAP_USER}:{{PLAIN}}{IMAP_PASSWORD}:{uid}:{gid}::\n")
    (root / "dovecot.conf").write_text(
        _CONFIG.format(
            root=root, tag=uuid.uuid4().hex[:8], users=users, uid=uid, gid=gid, port=port
        )
    )
    server = DovecotServer(root=root, port=port, uid=uid, gid=gid)
    server.start()
    try:
        yield server
    finally:
        server.stop()
        introspection.shutdown()
        introspection.server_close()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[DovecotServer]:
    with start_dovecot() as server:
        yield server


@pytest.fixture
def folder(dovecot: DovecotServer) -> str:
    return dovecot.new_folder()


# --- SMTP -----------------------------------------------------------------------------


@dataclass
class RecordingHandler:
    """Accepts every message and keeps (envelope sender, recipients, bytes)."""

    received: list[tuple[str, list[str], bytes]] = field(default_factory=list)
    replies: list[str] = field(default_factory=list)  # scripted replies, then 250

    async def handle_DATA(self, server: object, session: Session, envelope: Envelope) -> str:
        if self.replies:
            return self.replies.pop(0)
        content = envelope.original_content or b""
        self.received.append((envelope.mail_from or "", list(envelope.rcpt_tos), content))
        return "250 Message accepted for delivery"


@dataclass
class SmtpServer:
    handler: RecordingHandler
    port: int
    host: str = "127.0.0.1"


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    """aiosmtpd on a pre-picked port (its Controller cannot start on port 0)."""
    handler = RecordingHandler()
    port = free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield SmtpServer(handler=handler, port=port)
    finally:
        controller.stop()


# --- a TCP proxy that can be cut mid-stream -------------------------------------------


class CuttingProxy:
    """Forwards loopback TCP to a server; cuts every connection once `cut_after` bytes
    have gone from the server to the client (then lets new connections through)."""

    def __init__(self, target_port: int, cut_after: int | None = None) -> None:
        self.target_port = target_port
        self.cut_after = cut_after
        self.cuts = 0
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = self._listener.getsockname()[1]
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._closed = False
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, False), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, True), daemon=True).start()

    def _pipe(self, src: socket.socket, dst: socket.socket, downstream: bool) -> None:
        sent = 0
        try:
            while True:
                data = src.recv(16384)
                if not data:
                    break
                dst.sendall(data)
                sent += len(data)
                if downstream and self.cut_after is not None and sent >= self.cut_after:
                    self.cut_after = None  # once
                    self.cuts += 1
                    self.cut()
                    return
        except OSError:
            pass
        finally:
            for s in (src, dst):
                with contextlib.suppress(OSError):
                    s.shutdown(socket.SHUT_RDWR)

    def cut(self) -> None:
        with self._lock:
            sockets, self._sockets = self._sockets, []
        for s in sockets:
            with contextlib.suppress(OSError):
                s.shutdown(socket.SHUT_RDWR)
            s.close()

    def close(self) -> None:
        self._closed = True
        self._listener.close()
        self.cut()
