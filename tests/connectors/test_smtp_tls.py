"""SMTP over TLS: STARTTLS and implicit TLS against aiosmtpd with a throwaway certificate."""

from __future__ import annotations

import shutil
import ssl
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller

from arinbox.settings import Settings
from connectors.smtp_sender import SmtpConfig, TransientSendError, build_email, deliver
from records.inbox import Draft
from tests.connectors.conftest import RecordingHandler, free_port


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A self-signed certificate for 127.0.0.1 (it is its own CA)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.fail("openssl is needed to make a test certificate")
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
         "-keyout", str(key), "-out", str(cert), "-subj", "/CN=127.0.0.1",
         "-addext", "subjectAltName=IP:127.0.0.1"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def _server_context(certificate: tuple[Path, Path]) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(*certificate)
    return context


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[tuple[RecordingHandler, int]]:
    handler, port = RecordingHandler(), free_port()
    controller = Controller(
        handler,
        hostname="127.0.0.1",
        port=port,
        tls_context=_server_context(certificate),
        require_starttls=True,
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


@pytest.fixture
def smtps_server(certificate: tuple[Path, Path]) -> Iterator[tuple[RecordingHandler, int]]:
    handler, port = RecordingHandler(), free_port()
    controller = Controller(
        handler, hostname="127.0.0.1", port=port, ssl_context=_server_context(certificate)
    )
    controller.start()
    try:
        yield handler, port
    finally:
        controller.stop()


def _message(settings: Settings):  # noqa: ANN202
    draft = Draft(message_id=1, to_addr="ap@acme.example", subject="Re: x", body="Hello")
    draft.outgoing_message_id = "<tls-test@northwind.example>"
    return build_email(draft, [], settings)


def test_starttls(
    starttls_server: tuple[RecordingHandler, int],
    certificate: tuple[Path, Path],
    settings: Settings,
) -> None:
    handler, port = starttls_server
    config = SmtpConfig(host="127.0.0.1", port=port, tls="starttls", ca_file=certificate[0])
    deliver(_message(settings), config, settings.ar_mailbox)
    assert len(handler.received) == 1


def test_implicit_tls(
    smtps_server: tuple[RecordingHandler, int],
    certificate: tuple[Path, Path],
    settings: Settings,
) -> None:
    handler, port = smtps_server
    config = SmtpConfig(host="127.0.0.1", port=port, tls="ssl", ca_file=certificate[0])
    deliver(_message(settings), config, settings.ar_mailbox)
    assert len(handler.received) == 1


def test_untrusted_certificate_is_refused(
    starttls_server: tuple[RecordingHandler, int], settings: Settings
) -> None:
    handler, port = starttls_server
    config = SmtpConfig(host="127.0.0.1", port=port, tls="starttls")  # no CA: not trusted
    with pytest.raises(TransientSendError, match="CERTIFICATE_VERIFY_FAILED"):
        deliver(_message(settings), config, settings.ar_mailbox)
    assert handler.received == []
