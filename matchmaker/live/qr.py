"""QR codes drawn by the server (no external service): inline SVG for pages, PNG for mail."""

from __future__ import annotations

import io

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


def qr_png(text: str) -> bytes:
    """A PNG QR code of `text` with its quiet zone, for e-mail (which cannot show SVG)."""
    buffer = io.BytesIO()
    segno.make(text, error="m", micro=False).save(buffer, kind="png", scale=QR_SCALE)
    return buffer.getvalue()
