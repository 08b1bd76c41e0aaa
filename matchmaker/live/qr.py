"""QR codes drawn by the server, as inline SVG (no external service, no image files)."""

from __future__ import annotations

import segno
from markupsafe import Markup

QR_SCALE = 6


def qr_svg(text: str, *, title: str) -> Markup:
    """An inline SVG QR code of `text`, described by `title` for screen readers."""
    code = segno.make(text, error="m", micro=False)
    svg = code.svg_inline(
        scale=QR_SCALE, title=title, svgclass="qr", lineclass="qr__modules", omitsize=True
    )
    return Markup(svg)  # segno escapes `text` and `title` in the SVG it writes
