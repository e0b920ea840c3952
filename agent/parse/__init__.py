"""Parsing a raw e-mail into a ParsedMessage: MIME, text, quotes, language and signals."""

from agent.parse.errors import ParseError
from agent.parse.message import parse_message

__all__ = ["ParseError", "parse_message"]
