"""Facts in a buyer's text: dates, amounts, dispute reasons, contacts, references, safety signals.

Each module is rule-based, multilingual (en, de, fr, es, nl, it) and fast: the local triage
model calls them on every message, so none of them does work at import time.
"""
