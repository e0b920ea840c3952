"""A reply of thanks alone asks for nothing; anything more said keeps it a request."""

from __future__ import annotations

import pytest

from agent.extract.acknowledgement import only_acknowledges


@pytest.mark.parametrize(
    ("text", "sender"),
    [
        ("Thank you, received.\nJane", "Jane Doe"),
        ("Thanks for the copy!\n\nBest regards\nJane Doe", "Jane Doe"),
        ("Ok thanks.", ""),
        ("Vielen Dank für die Kopie.\nMit freundlichen Grüßen\nMax Müller", "Max Müller"),
        ("Danke, erhalten.\nGrüße", ""),
        ("Merci beaucoup, bien reçu.\nBonne journée,\nClaire", "Claire Martin"),
        ("¡Muchas gracias! Un saludo.\n\nJavier", "Javier Ruiz"),
        ("Top, bedankt!\n\nSanne", "Sanne de Vries"),
        ("Grazie mille, ricevuto.\nGiulia", "Giulia Conti"),
    ],
)
def test_thanks_alone_acknowledges(text: str, sender: str) -> None:
    assert only_acknowledges(text, sender)


@pytest.mark.parametrize(
    "text",
    [
        "Received, thanks. Paid.",  # a payment reported in one word
        "Thanks. Could you also send INV-2026-0047?",
        "Thanks for the reminder, we will pay on Friday.",
        "Thank you. We paid 830.50 yesterday.",
        "Thanks, but the amount is wrong.",
        "Jane Doe",  # a name alone thanks nobody
        "Please send a copy of the invoice.",
    ],
)
def test_anything_more_is_not_a_mere_acknowledgement(text: str) -> None:
    assert not only_acknowledges(text, "Jane Doe")


def test_a_name_that_is_not_the_senders_is_more_than_thanks() -> None:
    assert not only_acknowledges("Thanks, received.\nDisputed", "Jane Doe")
