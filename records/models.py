"""Imports every table module under records/, so SQLModel.metadata knows them all.

A new table module needs no registration: drop it in records/ and it is found here.
"""

from __future__ import annotations

import importlib
import pkgutil

import records

_NOT_TABLES = {"db", "types", "store", "models"}


def load_all() -> None:
    for info in pkgutil.iter_modules(records.__path__):
        if info.name not in _NOT_TABLES and not info.ispkg:
            importlib.import_module(f"records.{info.name}")


load_all()
