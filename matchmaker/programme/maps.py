"""Map links built from an address, without calling any map service."""

from __future__ import annotations

from urllib.parse import urlencode

MAP_SEARCH = "https://www.openstreetmap.org/search"


def map_url(address: str) -> str | None:
    """An OpenStreetMap search for `address` (None without an address)."""
    address = " ".join(address.split())
    if not address:
        return None
    return f"{MAP_SEARCH}?{urlencode({'query': address})}"
