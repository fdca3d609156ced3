"""Draw the site's icons from the mark in static/icons/favicon.svg.

    .venv/bin/python scripts/make_icons.py

A honey-coloured honeycomb cell holding a drop. The SVG is the icon modern
browsers use; this writes the bitmaps for the rest, once (they are
committed): favicon.ico (16, 32, 48 px), the 180 px apple-touch-icon (on
an opaque background, as iOS wants) and the 192 and 512 px icons of the web
app manifest.
"""

from __future__ import annotations

import math
from pathlib import Path

from PIL import Image, ImageDraw

ICONS = Path(__file__).resolve().parent.parent / "static" / "icons"
HONEY = (184, 106, 0, 255)  # --honey in static/css/site.css
PAPER = (255, 250, 242, 255)  # --paper
HEXAGON = [(32, 2), (58, 17), (58, 47), (32, 62), (6, 47), (6, 17)]
DROP_TIP, DROP_CENTRE, DROP_RADIUS = (32, 16), (32, 38), 11
SUPERSAMPLE = 8


def mark(size: int, *, background=None, scale: float = 1.0) -> Image.Image:
    """The mark on a size x size square; scale < 1 leaves a margin."""
    big = size * SUPERSAMPLE
    image = Image.new("RGBA", (big, big), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    unit = big / 64 * scale
    offset = (big - 64 * unit) / 2

    def at(x: float, y: float) -> tuple[float, float]:
        return (offset + x * unit, offset + y * unit)

    draw.polygon([at(x, y) for x, y in HEXAGON], fill=HONEY)
    cx, cy = DROP_CENTRE
    # The drop: a circle and the two tangents from its tip.
    half = math.asin(DROP_RADIUS / (cy - DROP_TIP[1]))
    dx = DROP_RADIUS * math.cos(half)
    dy = DROP_RADIUS * math.sin(half)
    draw.polygon([at(*DROP_TIP), at(cx + dx, cy - dy), at(cx - dx, cy - dy)], PAPER)
    left, top = at(cx - DROP_RADIUS, cy - DROP_RADIUS)
    right, bottom = at(cx + DROP_RADIUS, cy + DROP_RADIUS)
    draw.ellipse([left, top, right, bottom], fill=PAPER)
    return image.resize((size, size), Image.Resampling.LANCZOS)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    mark(48).save(ICONS / "favicon.ico", sizes=[(16, 16), (32, 32), (48, 48)])
    mark(180, background=PAPER, scale=0.82).save(
        ICONS / "apple-touch-icon.png", optimize=True
    )
    for size in (192, 512):
        mark(size).save(ICONS / f"icon-{size}.png", optimize=True)
    # The maskable icon keeps the mark inside the safe circle (80 %).
    mark(512, background=PAPER, scale=0.7).save(
        ICONS / "icon-maskable-512.png", optimize=True
    )


if __name__ == "__main__":
    main()
