"""parse_message: headers, MIME, charsets, HTML, attachments, limits and refusals."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pytest

from agent.parse import ParseError, mime, parse_message
from arinbox.settings import Settings
from tests.utils.mail import build_raw

NOW = datetime(2026, 11, 16, 10, 0, tzinfo=UTC)


def parse(raw: bytes, settings: Settings):
    return parse_message(raw, received_at=NOW, settings=settings)


def test_headers_and_thread_links(settings: Settings) -> None:
    raw = build_raw(
        from_="Jane Doe <AP@Acme.Example>",
        to="AR <ar@northwind.example>, Other <x@northwind.example>",
        subject="Re: INV-1001",
        message_id="<m2@acme.example>",
        in_reply_to="<m1@northwind.example>",
        headers={"Cc": "boss@acme.example", "Reply-To": "payables@acme.example"},
        body="We will pay on Friday.",
    )
    parsed = parse(raw, settings)
    assert parsed.from_addr == "ap@acme.example"
    assert parsed.from_name == "Jane Doe"
    assert parsed.to == ["ar@northwind.example", "x@northwind.example"]
    assert parsed.cc == ["boss@acme.example"]
    assert parsed.reply_to == "payables@acme.example"
    assert parsed.subject == "Re: INV-1001"
    assert parsed.message_id == "<m2@acme.example>"
    assert parsed.in_reply_to == "<m1@northwind.example>"
    assert parsed.references == ["<m1@northwind.example>"]
    assert parsed.sent_at == datetime(2026, 11, 16, 9, 12, tzinfo=UTC)
    assert parsed.received_at == NOW
    assert parsed.new_text == "We will pay on Friday."
    assert parsed.language == "en"
    assert not (parsed.auto_reply or parsed.bounce or parsed.mailing_list or parsed.auth_failed)


def test_references_list_keeps_order(settings: Settings) -> None:
    raw = build_raw(headers={"References": "<a@x> <b@x>  <c@x>"})
    assert parse(raw, settings).references == ["<a@x>", "<b@x>", "<c@x>"]


def test_date_keeps_its_zone_and_bad_date_is_a_defect(settings: Settings) -> None:
    raw = b"From: a@b.example\nDate: Mon, 16 Nov 2026 09:12:00 +0100\n\nHi"
    assert parse(raw, settings).sent_at == datetime(
        2026, 11, 16, 9, 12, tzinfo=timezone(timedelta(hours=1))
    )
    bad = parse(b"From: a@b.example\nDate: next Tuesday-ish\n\nHi", settings)
    assert bad.sent_at is None
    assert any("Date" in d for d in bad.defects)
    naive = parse(b"From: a@b.example\nDate: Mon, 16 Nov 2026 09:12:00 -0000\n\nHi", settings)
    assert naive.sent_at is not None and naive.sent_at.tzinfo is not None


def test_encoded_headers_and_display_names(settings: Settings) -> None:
    raw = (
        b"From: =?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <J.Mueller@Kunde.example>\n"
        b"Subject: =?iso-8859-1?q?Rechnung_f=FCr_Oktober?=\n\nBitte senden Sie die Rechnung."
    )
    parsed = parse(raw, settings)
    assert parsed.from_name == "Jürgen Müller"
    assert parsed.from_addr == "j.mueller@kunde.example"
    assert parsed.subject == "Rechnung für Oktober"


@pytest.mark.parametrize(
    ("charset", "body", "declared"),
    [
        ("utf-8", "Grüße aus Köln, die Zahlung folgt.", "utf-8"),
        ("iso-8859-1", "Réglé par virement, merci.", "iso-8859-1"),
        ("cp1252", "Payé – merci € 120", "windows-1252"),
        ("utf-8", "Pagaremos la factura el viernes, señor.", "uft-8"),  # misspelt
        ("utf-8", "Pagheremo la fattura venerdì.", "us-ascii"),  # wrong declaration
        ("cp1252", "Wir zahlen am Freitag – 300 €.", "x-unknown-charset"),
        ("utf-7", "Fuori sede: pagherò lunedì.", "utf-7"),
    ],
)
def test_charset_fallbacks(settings: Settings, charset: str, body: str, declared: str) -> None:
    raw = (
        f"From: a@b.example\nContent-Type: text/plain; charset={declared}\n"
        "Content-Transfer-Encoding: 8bit\n\n"
    ).encode() + body.encode(charset)
    assert parse(raw, settings).new_text == body


def test_text_is_safe_for_json_and_postgresql(settings: Settings) -> None:
    raw = (
        b"From: a@b.example\nSubject: =?utf-8?q?nul=00here?=\n"
        b"Content-Type: text/plain; charset=utf-16-le\n\n"
        + "We paid\x00 INV-1".encode("utf-16-le")
        + b"\x00\xd8"  # a lone high surrogate
    )
    parsed = parse(raw, settings)
    dumped = parsed.model_dump_json()
    assert "\\u0000" not in dumped
    dumped.encode("utf-8")
    assert parsed.new_text.startswith("We paid INV-1")
    assert parsed.subject == "nulhere"


def test_undeclared_8bit_header_bytes_are_read(settings: Settings) -> None:
    raw = "From: Zoë <z@b.example>\nSubject: Größe\n\nok".encode("latin-1")
    parsed = parse(raw, settings)
    assert parsed.subject == "Größe"


def test_html_only_mail_becomes_text_and_keeps_the_original(settings: Settings) -> None:
    html = (
        "<html><head><style>p{color:red}</style><script>alert(1)</script></head><body>"
        "<p>Hello,</p><p>we paid INV-1001 today.<br>Reference: TRX-77</p>"
        "<div class='gmail_quote'>On Mon, 16 Nov 2026, AR &lt;ar@northwind.example&gt; wrote:"
        "<blockquote><p>Invoice INV-1001 is overdue.</p></blockquote></div></body></html>"
    )
    raw = (
        "From: a@b.example\nMIME-Version: 1.0\nContent-Type: text/html; charset=utf-8\n\n" + html
    ).encode()
    parsed = parse(raw, settings)
    assert parsed.new_text == "Hello,\n\nwe paid INV-1001 today.\nReference: TRX-77"
    assert "> Invoice INV-1001 is overdue." in parsed.quoted_text
    assert parsed.html == html
    assert "alert" not in parsed.new_text + parsed.quoted_text
    assert "color" not in parsed.new_text


def test_very_long_html_is_read_from_its_start(
    settings: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("agent.parse.body.MAX_HTML_FOR_TEXT", 1000)
    html = "<p>We paid INV-7.</p>" + "<p>footer</p>" * 200
    raw = f"From: a@b.example\nContent-Type: text/html\n\n{html}".encode()
    parsed = parse(raw, settings)
    assert parsed.new_text.startswith("We paid INV-7.")
    assert parsed.html == html
    assert any("HTML of" in d for d in parsed.defects)


def test_plain_part_preferred_over_html(settings: Settings) -> None:
    raw = build_raw(body="Plain words.", html="<p>HTML words.</p>")
    parsed = parse(raw, settings)
    assert parsed.new_text == "Plain words."
    assert parsed.html is not None and "HTML words." in parsed.html


def test_attachments_listed_with_clean_names(settings: Settings) -> None:
    raw = build_raw(
        attachments=[
            ("remittance.pdf", "application/pdf", b"%PDF-1.4 paid"),
            ("../../etc/passwd", "text/plain", b"x"),
            ("C:\\Users\\me\\Desktop\\scan\x07.png", "image/png", b"\x89PNG"),
            ("", "application/pdf", b"%PDF"),
        ]
    )
    parsed = parse(raw, settings)
    names = [a.filename for a in parsed.attachments]
    assert names[0] == "remittance.pdf"
    assert names[1] == "passwd"
    assert names[2] == "scan.png"
    assert names[3] == "attachment-4.pdf"
    assert parsed.attachments[0].content_type == "application/pdf"
    assert parsed.attachments[0].size == len(b"%PDF-1.4 paid")
    for name in names:
        assert "/" not in name and "\\" not in name and not name.startswith(".")


def test_too_many_attachments_keeps_the_first_and_says_so(settings: Settings) -> None:
    settings.max_attachments = 2
    files = [(f"f{i}.txt", "application/octet-stream", b"x") for i in range(4)]
    parsed = parse(build_raw(attachments=files), settings)
    assert [a.filename for a in parsed.attachments] == ["f0.txt", "f1.txt"]
    assert any("4 attachments" in d and "limit of 2" in d for d in parsed.defects)


def test_oversized_attachment_is_a_defect(settings: Settings) -> None:
    settings.max_attachment_bytes = 10
    raw = build_raw(attachments=[("big.pdf", "application/pdf", b"x" * 50)])
    parsed = parse(raw, settings)
    assert parsed.attachments[0].size == 50
    assert any("big.pdf" in d and "limit of 10" in d for d in parsed.defects)


def test_message_over_size_limit_is_refused(settings: Settings) -> None:
    settings.max_message_bytes = 100
    with pytest.raises(ParseError, match="over the limit of 100"):
        parse(build_raw(body="x" * 200), settings)


def test_headers_over_size_limit_are_refused(settings: Settings) -> None:
    settings.max_header_bytes = 200
    with pytest.raises(ParseError, match="headers are .* over the limit of 200"):
        parse(build_raw(headers={"X-Junk": "y" * 300}), settings)


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        (b"", "empty"),
        (b"  \r\n\n", "empty"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Outlook .msg"),
        (bytes(range(256)) * 8, "binary"),
        (b"\n\n\n", "empty"),
    ],
)
def test_unreadable_input_raises_parse_error(settings: Settings, raw: bytes, reason: str) -> None:
    with pytest.raises(ParseError, match=reason) as info:
        parse(raw, settings)
    assert str(info.value)


def test_binary_encoded_attachment_after_headers_is_not_garbage(settings: Settings) -> None:
    raw = (
        b"From: a@b.example\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
        b"Remittance attached.\n--b\nContent-Type: application/pdf; name=r.pdf\n"
        b"Content-Transfer-Encoding: binary\n\n" + bytes(range(32)) * 64 + b"\n--b--\n"
    )
    parsed = parse(raw, settings)
    assert parsed.new_text == "Remittance attached."
    assert parsed.attachments[0].filename == "r.pdf"


def test_body_without_headers_is_parsed_with_a_defect(settings: Settings) -> None:
    parsed = parse(b"we will pay next week\n", settings)
    assert parsed.new_text == "we will pay next week"
    assert "no headers" in parsed.defects


def test_broken_mime_is_still_read(settings: Settings) -> None:
    raw = (
        b'From: a@b.example\nContent-Type: multipart/mixed; boundary="nope"\n\n'
        b"Boundary never appears. We dispute INV-3."
    )
    parsed = parse(raw, settings)
    assert "We dispute INV-3." in parsed.new_text
    assert parsed.defects


def test_leading_blank_line_does_not_hide_headers(settings: Settings) -> None:
    parsed = parse(b"\n  \nFrom: a@b.example\nSubject: Hi\n\nBody", settings)
    assert parsed.from_addr == "a@b.example"
    assert parsed.subject == "Hi"


def test_bare_cr_line_endings(settings: Settings) -> None:
    parsed = parse(b"From: a@b.example\rSubject: Mac\r\rOld Mac mail.\r", settings)
    assert parsed.subject == "Mac"
    assert parsed.new_text == "Old Mac mail."


def test_attached_message_is_an_attachment_not_body(settings: Settings) -> None:
    inner = build_raw(subject="Original invoice", body="inner text")
    raw = (
        b"From: a@b.example\nMIME-Version: 1.0\n"
        b'Content-Type: multipart/mixed; boundary="b1"\n\n--b1\n'
        b"Content-Type: text/plain\n\nSee attached.\n--b1\n"
        b"Content-Type: message/rfc822\n\n" + inner + b"\n--b1--\n"
    )
    parsed = parse(raw, settings)
    assert parsed.new_text == "See attached."
    assert parsed.attachments[0].filename == "Original invoice.eml"
    assert parsed.attachments[0].content_type == "message/rfc822"


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Wir werden die Rechnung nächste Woche bezahlen.", "de"),
        ("Nous réglerons la facture la semaine prochaine.", "fr"),
        ("Pagaremos la factura la próxima semana.", "es"),
        ("Wij betalen de factuur volgende week.", "nl"),
        ("Pagheremo la fattura la prossima settimana.", "it"),
        ("We will pay the invoice next week.", "en"),
        ("Danke!", "de"),
        ("Merci !", "fr"),
        ("Gracias.", "es"),
        ("Dank u wel", "nl"),
        ("Grazie", "it"),
    ],
)
def test_language_of_the_new_text(settings: Settings, text: str, language: str) -> None:
    quote = "\n\nOn Mon, 16 Nov 2026, AR <ar@x.example> wrote:\n> Please pay the invoice now."
    assert parse(build_raw(body=text + quote), settings).language == language


def test_language_falls_back_to_subject_and_quote(settings: Settings) -> None:
    raw = build_raw(
        subject="Rechnung Nummer 5",
        body="12345\n\nAm 16.11.2026 schrieb AR <ar@x.example>:\n> Bitte zahlen Sie die Rechnung.",
    )
    assert parse(raw, settings).language == "de"


def test_language_defaults_to_english(settings: Settings) -> None:
    assert parse(build_raw(subject="", body="12345"), settings).language == "en"


def test_long_text_in_another_language_is_reported(settings: Settings) -> None:
    text = (
        "Dzień dobry, w nawiązaniu do faktury przesyłam potwierdzenie przelewu. "
        "Proszę o sprawdzenie i potwierdzenie otrzymania płatności. Z poważaniem, "
        "dział księgowości naszej firmy w Warszawie. Dziękujemy za współpracę i życzymy "
        "miłego dnia."
    )
    assert parse(build_raw(body=text), settings).language == "pl"


def test_a_short_text_surely_in_another_language_is_reported(settings: Settings) -> None:
    """Under 200 characters our six languages are preferred, unless another one is sure."""
    text = "Dzień dobry, prosimy o przesłanie kopii faktury. Pozdrawiamy"
    assert parse(build_raw(body=text), settings).language == "pl"


def test_equal_header_values_are_read_once_and_shared() -> None:
    first = mime.load(build_raw(subject="Re: INV-1001 =?utf-8?q?r=C3=A9sum=C3=A9?="))
    second = mime.load(build_raw(subject="Re: INV-1001 =?utf-8?q?r=C3=A9sum=C3=A9?="))
    assert first["Subject"] == "Re: INV-1001 résumé"
    assert first["Subject"] is second["Subject"]
    assert first.get_content_type() == "text/plain"
    long_subject = "INV-1001 " * 400  # past the shared length: parsed afresh each time
    third = mime.load(build_raw(subject=long_subject))
    assert third["Subject"] == third["Subject"] and third["Subject"] is not third["Subject"]
