"""Rule families. Importing a module registers its rules."""

from __future__ import annotations

import importlib

FAMILIES = ("quotes", "lists", "punctuation", "spacing", "furniture", "terms", "places", "leftovers", "numbers",
            "bilingual", "chinese", "fetching")


def load_all() -> None:
    for name in FAMILIES:
        importlib.import_module(f"{__name__}.{name}")
