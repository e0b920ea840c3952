"""The one error parsing raises."""

from __future__ import annotations


class ParseError(Exception):
    """The message cannot be read; str(error) is the reason, shown to a collector."""
