"""arinbox: an AI assistant for the accounts-receivable shared inbox."""

__version__ = "0.1.0"
