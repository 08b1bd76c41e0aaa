"""Text folding shared by searches and name matching: case and accents do not count."""

from __future__ import annotations

import unicodedata


def fold(text: str) -> str:
    """`text` without accents, case-folded: "Phocéa" -> "phocea", "Straße" -> "strasse"."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char)).casefold()
