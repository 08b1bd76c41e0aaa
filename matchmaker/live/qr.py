"""QR codes drawn by the server (no external service): inline SVG for pages, PNG for mail."""

from __future__ import annotations

import io
from functools import lru_cache

import segno
from markupsafe import Markup

QR_SCALE = 6

# Drawing a code takes milliseconds; the same person's code is drawn on every visit to their
# agenda. The drawing depends on nothing but its arguments, so a bounded memo (an SVG is about
# 1 KB) needs no invalidation: a new code or another language's title is another key.
SVG_MEMO_SIZE = 4096


@lru_cache(maxsize=SVG_MEMO_SIZE)
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
