"""Whatever bytes arrive, parse_message returns a ParsedMessage or raises ParseError."""

from __future__ import annotations

from datetime import UTC, datetime

from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from agent.parse import ParseError, parse_message
from agent.schema import ParsedMessage
from arinbox.settings import Settings
from tests.utils.mail import build_raw

SETTINGS = Settings(_env_file=None, environment="test")  # type: ignore[call-arg]
NOW = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)
BASE = build_raw(
    from_="=?utf-8?q?J=C3=BCrgen?= <ap@acme.example>",
    subject="Re: INV-1001",
    body="We paid.\n\nOn Mon, 16 Nov 2026, AR <ar@x.example> wrote:\n> Please pay.",
    html="<p>We paid.</p><blockquote>Please pay.</blockquote>",
    attachments=[("remit.pdf", "application/pdf", b"%PDF-1.4")],
    headers={"Authentication-Results": "mx; spf=pass", "References": "<a@x> <b@x>"},
)
HEADER_NOISE = st.sampled_from(
    [
        b"From: <<@@>>,,;\n",
        b"To: undisclosed-recipients:;\n",
        b"Subject: =?x-unknown?q?=FF=FE?=\n",
        b"Subject: =?utf-8?b?####?=\n",
        b"Date: 99 Foo 99999 99:99:99 +9999\n",
        b"Content-Type: multipart/mixed; boundary=\n",
        b'Content-Type: text/plain; charset="\xff\xfe"\n',
        b"Content-Transfer-Encoding: base64\n",
        b"Content-Disposition: attachment; filename*=utf-8''%ZZ%2F..%2Fx\n",
        b"Message-ID: \n",
        b"\n",
        b" folded continuation\n",
        b"Authentication-Results: \xff\n",
    ]
)


def _check(raw: bytes) -> None:
    try:
        result = parse_message(raw, received_at=NOW, settings=SETTINGS)
    except ParseError as exc:
        assert str(exc).strip()
        assert "unexpected" not in str(exc)  # the last-resort catch must not be needed
        return
    assert isinstance(result, ParsedMessage)
    assert result.from_addr == result.from_addr.lower()
    dumped = result.model_dump_json()  # what the pipeline stores as JSON
    assert "\\u0000" not in dumped
    dumped.encode("utf-8")


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000))
def test_random_bytes(raw: bytes) -> None:
    _check(raw)


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(HEADER_NOISE, max_size=6), st.integers(0, len(BASE)))
def test_broken_headers_inserted_into_a_real_message(noise: list[bytes], at: int) -> None:
    _check(b"".join(noise) + BASE)
    _check(BASE[:at] + b"".join(noise) + BASE[at:])


@hyp_settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.integers(0, len(BASE) - 1), st.binary(min_size=1, max_size=40))
def test_corrupted_bytes(at: int, junk: bytes) -> None:
    _check(BASE[:at] + junk + BASE[at + len(junk) :])
