"""Procedurally drawn pictures for the demo data: no downloads, fonts or text.

Every public function is pure: the same arguments always give the same PNG bytes.
Shapes are drawn at ``SS`` times the requested size, then reduced for smooth
edges. Coordinates are in canvas heights (x runs from 0 to ``pen.W``), moved
and scaled by ``pen.at(x, y, k)`` so that each object is drawn around its base.
"""

import hashlib
import io
import itertools
import math
import random
import string

from PIL import Image, ImageDraw

SS = 2
Color = tuple[int, ...]
WHITE, INK, CREAM = (255, 255, 255), (58, 44, 36), (250, 242, 222)
HONEY, WOOD, CLAY = (226, 150, 30), (176, 124, 78), (190, 96, 56)
GREENS = [(96, 138, 74), (120, 156, 90), (80, 120, 80), (134, 150, 96)]
FRUIT = [(240, 150, 40), (244, 214, 70), (214, 70, 50), (110, 130, 60)]
GLASS, SHINE, SHADOW = (255, 255, 255, 120), (255, 255, 255, 110), (0, 0, 0, 38)
CLOUD = ((-1.6, 0.3, 1), (0, -0.3, 1.4), (1.5, 0.2, 1.1), (0.2, 0.5, 1.2))


def _rgb(color: str) -> Color:
    value = color.strip().lstrip("#")
    if len(value) != 6 or any(c not in string.hexdigits for c in value):
        raise ValueError(f"expected a hex colour like '#a0522d', got {color!r}")
    return tuple(int(value[i : i + 2], 16) for i in (0, 2, 4))


def _mix(a: Color, b: Color, t: float) -> Color:
    return tuple(round(x + (y - x) * t) for x, y in zip(a[:3], b[:3], strict=True))


def _shade(c: Color, t: float) -> Color:
    """Lighten towards white (t > 0) or darken towards ink (t < 0)."""
    return _mix(c, WHITE, t) if t >= 0 else _mix(c, INK, -t)


def _rng(*parts: object) -> random.Random:
    return random.Random("\x1f".join(map(str, parts)))  # noqa: S311 - not security


def _pick(seed: str, options: int, salt: str) -> int:
    digest = hashlib.sha256(f"{salt}:{seed}".encode()).digest()
    return int.from_bytes(digest[:4], "big") % options


class _Pen:
    """ImageDraw on a vertical gradient, in canvas heights, blending RGBA fills."""

    def __init__(self, width: int, height: int, top: Color, bottom: Color):
        self.u, self.W = height * SS, width / height
        column = Image.new("RGB", (1, self.u))
        column.putdata([_mix(top, bottom, i / (self.u - 1)) for i in range(self.u)])
        self.img = column.resize((width * SS, self.u), Image.Resampling.NEAREST)
        self.draw = ImageDraw.Draw(self.img, "RGBA")
        self.at()

    def at(self, x=0.0, y=0.0, k=1.0):
        """Put the origin at (x, y) and scale what follows by k."""
        self.x, self.y, self.k = x * self.u, y * self.u, k * self.u

    def _pts(self, pts):
        return [(self.x + x * self.k, self.y + y * self.k) for x, y in pts]

    def _box(self, box):
        (x0, y0), (x1, y1) = self._pts([box[:2], box[2:]])
        return (x0, y0, x1, y1)

    def _n(self, width):
        return max(1, round(width * self.k))

    def poly(self, pts, fill, outline=None, width=0.0):
        self.draw.polygon(self._pts(pts), fill, outline, self._n(width))

    def rect(self, box, fill, radius=0.0):
        self.draw.rounded_rectangle(self._box(box), radius * self.k, fill)

    def oval(self, box, fill, outline=None, width=0.0):
        self.draw.ellipse(self._box(box), fill, outline, self._n(width))

    def dot(self, x, y, r, fill, outline=None, width=0.0):
        self.oval((x - r, y - r, x + r, y + r), fill, outline, width)

    def line(self, pts, fill, width):
        self.draw.line(self._pts(pts), fill, self._n(width))

    def chord(self, box, start, end, fill):
        self.draw.chord(self._box(box), start, end, fill)

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.img.reduce(SS).save(buf, "PNG", optimize=True)
        return buf.getvalue()


def _leaf(p, x, y, angle, length, width, fill, outline=None, line=0.0):
    """A lens (leaf, petal, wing or frond) from (x, y) pointing at ``angle``."""
    dx, dy, left, right = math.cos(angle), math.sin(angle), [], []
    for t in (i / 10 for i in range(11)):
        off, px, py = math.sin(math.pi * t**0.8) * width / 2, x + dx * length * t, y
        py += dy * length * t
        left.append((px - dy * off, py + dx * off))
        right.append((px + dy * off, py - dx * off))
    p.poly(left + right[::-1], fill, outline, line)


def _sprig(p, x, y, angle, length, leaf, green, pairs=6):
    ex, ey = x + math.cos(angle) * length, y + math.sin(angle) * length
    p.line([(x, y), (ex, ey)], _shade(green, -0.3), leaf * 0.12)
    for j, side in itertools.product(range(1, pairs + 1), (-1, 1)):
        t = j / (pairs + 1)
        px, py, size = x + (ex - x) * t, y + (ey - y) * t, leaf * (1.2 - t * 0.6)
        _leaf(p, px, py, angle + side * 0.75, size, size * 0.4, green)
    _leaf(p, ex, ey, angle, leaf * 0.8, leaf * 0.4, green)


def _shadow(p, x, y, half, depth=0.025):
    p.oval((x - half, y - depth, x + half, y + depth), SHADOW)


def _stripes(p, xl, xr, y0, y1, inset, n, colors):
    """Scalloped striped trapezoid (awning, tent roof); ``inset`` narrows its top."""
    w0, w1 = (xr - xl - 2 * inset) / n, (xr - xl) / n
    for k in range(n):
        c, a, b = colors[k % len(colors)], xl + inset + k * w0, xl + k * w1
        p.poly([(a, y0), (a + w0, y0), (b + w1, y1), (b, y1)], c)
        p.chord((b, y1 - w1 * 0.4, b + w1, y1 + w1 * 0.4), 0, 180, c)


# --- cooperative landscape -------------------------------------------------------


def _sky(p, rng):
    x, y = rng.uniform(0.15, 0.85) * p.W, rng.uniform(0.16, 0.26)
    for r, fill in ((0.16, (255, 246, 214, 40)), (0.1, (255, 246, 214, 60))):
        p.dot(x, y, r, fill)
    p.dot(x, y, 0.065, (255, 238, 180))
    for _ in range(rng.randint(2, 4)):
        p.at(rng.uniform(0, p.W), rng.uniform(0.08, 0.3), rng.uniform(0.03, 0.05))
        for dx, dy, r in CLOUD:
            p.dot(dx, dy, r, (250, 250, 252))
    p.at()


def _ridge(rng, width, base, amp, peaks):
    """Mountain ridge: alternating peaks and saddles with jittered midpoints."""
    step, x, out = width * 1.2 / peaks, -width * 0.1, []
    pts = [(x, base - amp * 0.2)]
    while x < width * 1.1:
        peak = (x + step * rng.uniform(0.35, 0.65), base - amp * rng.uniform(0.65, 1))
        x += step
        pts += [peak, (x, base - amp * rng.uniform(0.05, 0.35))]
    for (ax, ay), (bx, by) in itertools.pairwise(pts):
        jitter = rng.uniform(-0.07, 0.07) * amp
        out += [(ax, ay), ((ax + bx) / 2, (ay + by) / 2 + jitter)]
    return [*out, pts[-1]]


def _mountains(p, rng, sky, tint):
    """Three ridges fading into the sky; the farthest one has snowy peaks."""
    far, mid = _mix(sky, (150, 140, 178), 0.55), _mix((182, 112, 90), tint, 0.2)
    snow, d = _mix(WHITE, sky, 0.12), 0.045
    layers = ((0.52, 0.3, far), (0.6, 0.2, _mix(mid, sky, 0.35)), (0.66, 0.12, mid))
    for i, (base, amp, fill) in enumerate(layers):
        pts = _ridge(rng, p.W, base, amp, rng.randint(3, 5))
        p.poly([*pts, (p.W * 1.1, 1), (-0.1, 1)], fill)
        for (x0, y0), (x1, y1), (x2, y2) in zip(pts, pts[1:], pts[2:], strict=False):
            if i == 0 and y1 < min(y0, y2):  # a peak: a cap with a notched edge
                xl = x1 + (x0 - x1) * min(0.6, d / (y0 - y1))
                xr = x1 + (x2 - x1) * min(0.6, d / (y2 - y1))
                notch = ((xl + xr) / 2, y1 + d * 0.55)
                p.poly([(xl, y1 + d), (x1, y1), (xr, y1 + d), notch], snow)


def _fields(p, rng, tint):
    """Rolling bands: terraces get dark retaining walls, fields get furrows."""
    terraces, phase = rng.random() < 0.5, rng.uniform(0, 6.3)
    freq, palette = rng.uniform(4.4, 9.4), [*GREENS, (190, 170, 104), (172, 160, 92)]
    for i in range(6):
        y, amp, fill = (
            0.64 + 0.36 * (i / 6) ** 1.3,
            0.012 + i * 0.008,
            rng.choice(palette),
        )
        xs = [k / 40 for k in range(-1, 42)]
        wave = [(x * p.W, y + amp * math.sin(x * freq + phase + i * 0.35)) for x in xs]
        p.poly([*wave, (p.W * 1.1, 1), (-0.1, 1)], _mix(fill, tint, 0.12))
        if terraces:
            p.line(wave, _shade(fill, -0.3), 0.004 + 0.002 * i)
        for dy in () if terraces else (0.015, 0.03, 0.045):
            furrow = [(x, y + dy * (1 + i / 3)) for x, y in wave]
            p.line(furrow, _shade(fill, -0.12), 0.003)


def _beehives(p, rng, tint):
    """Two-storey hives (drawn one unit wide around their base) and bees."""
    n, bodies = rng.randint(3, 5), [_shade(tint, 0.3), (238, 228, 204), (104, 160, 196)]
    for base, i in sorted((rng.uniform(0.82, 0.95), i) for i in range(n)):
        p.at(p.W * (i + rng.uniform(0.3, 0.7)) / n, base, base * 0.17)
        body = rng.choice(bodies)
        dark = _shade(body, -0.45)
        _shadow(p, 0, 0, 0.75, 0.04)
        for x in (-0.4, 0.32):
            p.rect((x, -0.2, x + 0.08, 0), dark)
        for k, y in enumerate((-0.15, -0.53)):
            p.rect((-0.5, y - 0.38, 0.5, y), dark)
            p.rect((-0.475, y - 0.355, 0.475, y - 0.025), _shade(body, 0.1 * k))
        p.rect((-0.25, -0.24, 0.25, -0.19), INK)
        p.rect((-0.12, -0.81, 0.12, -0.76), dark, 0.02)
        roof = [(-0.62, -0.91), (0.62, -0.91), (0.5, -1.07), (-0.5, -1.07)]
        p.poly(roof, _shade(tint, -0.25))
    for _ in range(rng.randint(8, 14)):  # bees: wing, body, stripe, head
        p.at(rng.uniform(0.05, 0.95) * p.W, rng.uniform(0.55, 0.8), 0.007)
        p.oval((-1.3, -2.2, 0.3, -0.3), (255, 255, 255, 190))
        p.oval((-1.4, -0.8, 1.4, 0.8), HONEY)
        p.rect((-0.25, -0.78, 0.3, 0.78), INK)
        p.dot(1.5, 0, 0.45, INK)


def _bush(p, rng, flower):
    """Herb bush or lavender tuft, origin at its base, one unit in radius."""
    green = rng.choice(GREENS)
    _shadow(p, 0, 0, 1.2, 0.15)
    if rng.random() < 0.35:
        p.chord((-1, -0.7, 1, 0.7), 180, 360, green)
        for k in range(13):
            a = -math.pi / 2 + (k - 6) * 0.12 + rng.uniform(-0.05, 0.05)
            tip = (math.cos(a) * 1.5, math.sin(a) * 1.5)
            p.line([(0, -0.3), tip], _shade(green, -0.2), 0.05)
            _leaf(p, *tip, a, 0.45, 0.16, (150, 112, 196))
        return
    blobs = sorted((rng.uniform(0.5, 1.2), rng.uniform(-0.8, 0.8)) for _ in range(8))
    for k, (dy, dx) in enumerate(blobs):
        p.dot(dx, -dy, rng.uniform(0.45, 0.65), _shade(green, -0.15 + 0.05 * k))
    for _ in range(rng.randint(5, 9)):
        x, y = rng.uniform(-0.9, 0.9), -rng.uniform(0.5, 1.5)
        p.dot(x, y, 0.09, flower)
        p.dot(x, y, 0.035, HONEY)


def draw_cooperative_scene(
    seed: str, color: str, width: int = 1200, height: int = 675
) -> bytes:
    """Landscape: Atlas mountains, terraces or fields, and beehives or herbs."""
    tint, rng = _rgb(color), _rng("scene", seed, color, width, height)
    sky = _mix((112, 172, 216), tint, 0.12)
    p = _Pen(width, height, sky, _mix((252, 224, 182), tint, 0.15))
    _sky(p, rng)
    _mountains(p, rng, sky, tint)
    _fields(p, rng, tint)
    if _pick(seed, 2, "scene"):
        _beehives(p, rng, tint)
        return p.png()
    flowers = [_shade(tint, 0.3), (160, 120, 200), (250, 244, 230), (244, 200, 70)]
    for y, x in sorted((rng.uniform(0.78, 0.97), rng.random()) for _ in range(11)):
        p.at(x * p.W, y, y * 0.08)
        _bush(p, rng, rng.choice(flowers))
    return p.png()


# --- products: the origin is where the object stands, (0.5, 0.8) ---------------


def _jar(p, h, radius, fill, level, tint, band):
    """Glass container one unit wide and h high: contents, label band, shine."""
    p.rect((-0.5, -h, 0.5, 0), GLASS, radius)
    p.rect((-0.47, -h * level, 0.47, -0.03), fill, radius * 0.85)
    p.rect((0.1, 0.03 - h * level, 0.46, -0.045), _shade(fill, -0.12), radius * 0.7)
    top, bottom = -h * band[1], -h * band[0]
    p.rect((-0.5, top, 0.5, bottom), CREAM)
    for y in (top + 0.03, bottom - 0.05):
        p.rect((-0.5, y, 0.5, y + 0.02), tint)
    p.rect((-0.4, 0.14 - h, -0.31, -0.1 * h), SHINE, 0.025)


def _honey(p, rng, tint):
    h = rng.uniform(1.05, 1.25)
    p.at(0.5, 0.8, rng.uniform(0.36, 0.42))
    _shadow(p, 0, 0, 0.62, 0.06)
    _jar(p, h, 0.2, _mix(HONEY, tint, 0.06), 0.9, tint, (0.3, 0.6))
    p.rect((-0.42, -h - 0.14, 0.42, -h + 0.04), tint, 0.04)
    for x in (-0.42 + 0.07 * k for k in range(1, 12)):
        p.line([(x, -h - 0.12), (x, -h + 0.02)], _shade(tint, -0.2), 0.01)


def _herbs(p, rng, tint):
    _shadow(p, 0, 0, 0.24)
    if rng.random() < 0.5:  # a bundle of sprigs tied with a ribbon
        for k in range(7):
            p.line([(0, -0.2), ((k - 3) * 0.012, 0)], (92, 110, 60), 0.008)
        for _ in range(rng.randint(8, 11)):
            a = -math.pi / 2 + rng.uniform(-0.7, 0.7)
            _sprig(p, 0, -0.2, a, rng.uniform(0.28, 0.38), 0.06, rng.choice(GREENS))
        for a in (2.2, 0.9):
            _leaf(p, 0, -0.2, a, 0.08, 0.04, _shade(tint, -0.1))
        return p.rect((-0.035, -0.22, 0.035, -0.18), tint, 0.01)
    for _ in range(7):  # a paper bag with sprigs peeking out
        a, x = -math.pi / 2 + rng.uniform(-0.6, 0.6), rng.uniform(-0.1, 0.1)
        _sprig(p, x, -0.36, a, 0.2, 0.05, rng.choice(GREENS), 4)
    kraft = _mix((200, 164, 116), tint, 0.1)
    p.poly([(-0.18, -0.42), (0.18, -0.42), (0.19, 0), (-0.19, 0)], kraft)
    p.poly([(0.12, -0.42), (0.18, -0.42), (0.19, 0), (0.125, 0)], _shade(kraft, -0.12))
    p.rect((-0.18, -0.42, 0.18, -0.37), _shade(kraft, -0.2))
    p.rect((-0.19, -0.24, 0.19, -0.12), CREAM)
    p.dot(0, -0.18, 0.045, tint, CREAM, 0.01)


def _oils(p, rng, tint):
    h = rng.uniform(1.5, 1.75)
    p.at(0.5, 0.8, rng.uniform(0.24, 0.28))
    _shadow(p, 0, 0, 0.75, 0.1)
    for x in (0.8, 1.1, 1.4):  # argan nuts
        p.dot(x, -0.06, 0.11, (150, 100, 56))
    p.rect((-0.17, -h - 0.5, 0.17, -h + 0.08), GLASS)
    _jar(p, h, 0.35, _mix((212, 164, 44), tint, 0.1), 0.82, tint, (0.3, 0.6))
    p.rect((-0.17, -h - 0.73, 0.17, -h - 0.46), (184, 142, 96), 0.05)
    p.rect((-0.2, -h - 0.38, 0.2, -h - 0.3), tint)


def _cosmetics(p, rng, tint):
    p.at(rng.uniform(0.36, 0.4), 0.76, 0.42)
    _shadow(p, 0, 0, 0.6, 0.07)
    _jar(p, 0.55, 0.1, (246, 240, 230), 0.96, tint, (0.3, 0.7))
    p.rect((-0.53, -0.75, 0.53, -0.52), tint, 0.05)
    p.rect((-0.42, -0.71, -0.28, -0.57), SHINE, 0.03)
    p.at(0.68, 0.85, 0.36)
    _shadow(p, 0, 0.1, 0.58, 0.08)
    for x0, y0, x1, y1 in ((-0.5, -0.23, 0.5, 0), (-0.4, -0.47, 0.4, -0.27)):  # soap
        fill = rng.choice([_shade(tint, 0.5), (176, 174, 112), (196, 176, 214)])
        p.rect((x0, y0 + 0.08, x1, y1 + 0.08), _shade(fill, -0.2), 0.08)
        p.rect((x0, y0, x1, y1), fill, 0.08)
        emboss = (x0 + 0.22, y0 + 0.05, x1 - 0.22, y1 - 0.05)
        p.oval(emboss, None, _shade(fill, -0.15), 0.013)


def _food(p, rng, tint):
    _shadow(p, 0, 0.01, 0.37)
    if rng.random() < 0.5:  # a bowl of couscous with vegetables
        p.chord((-0.32, -0.4, 0.32, 0), 0, 180, tint)
        p.oval((-0.32, -0.25, 0.32, -0.15), _shade(tint, -0.3))
        p.chord((-0.27, -0.33, 0.27, -0.07), 180, 360, (236, 204, 128))
        for _ in range(14):
            a, d = rng.uniform(math.pi * 1.08, math.pi * 1.92), rng.uniform(0.15, 0.75)
            x, y = math.cos(a) * 0.27 * d, math.sin(a) * 0.13 * d - 0.2
            p.dot(x, y, 0.018, rng.choice(FRUIT))
        for k in range(9):
            p.dot(0.07 * (k - 4), -0.12, 0.012, CREAM)
        return
    clay = _mix(CLAY, tint, 0.25)  # a tajine: plate, then a concave conical lid
    p.oval((-0.35, -0.07, 0.35, 0.02), _shade(clay, -0.25))
    p.oval((-0.35, -0.1, 0.35, -0.03), clay)
    p.oval((-0.32, -0.09, 0.32, -0.03), _shade(clay, 0.15))
    side = [
        (0.3 * (1 - i / 12) ** 1.4 + 0.02, -0.06 - 0.42 * i / 12) for i in range(13)
    ]
    lid = [(-x, y) for x, y in side] + [(x, y) for x, y in side[::-1]]
    p.poly(lid, _shade(clay, 0.15))
    for x, y in side[1:4:2]:
        p.line([(-x, y), (x, y)], _shade(tint, 0.4), 0.012)
    p.line([(-x * 0.6, y) for x, y in side[3:9:5]], SHINE, 0.02)
    p.dot(0, -0.5, 0.035, _shade(clay, -0.1))


def _crafts(p, rng, tint):
    straw, dyed = _mix((214, 178, 116), tint, 0.08), rng.sample(range(1, 7), 2)
    _shadow(p, 0, 0.02, 0.25)
    dark = _shade(straw, -0.3)
    p.draw.arc(p._box((-0.22, -0.54, 0.22, -0.08)), 180, 360, dark, p._n(0.03))
    p.oval((-0.28, -0.35, 0.28, -0.25), _shade(straw, -0.5))
    p.poly([(-0.28, -0.3), (0.28, -0.3), (0.21, 0.02), (-0.21, 0.02)], dark)
    for r in range(7):  # woven rows of staggered rounded bricks
        y, half, x = -0.3 + 0.32 * r / 7, 0.21 + 0.01 * (6 - r), -0.3 - r % 2 * 0.025
        fill = tint if r in dyed else _shade(straw, 0.08 * (r % 2))
        for x0 in (x + 0.05 * i for i in range(13)):
            x1, x0 = min(x0 + 0.05, half) - 0.002, max(x0, -half) + 0.002
            if x1 > x0:
                p.rect((x0, y + 0.002, x1, y + 0.32 / 7 - 0.002), fill, 0.008)
    p.rect((-0.29, -0.315, 0.29, -0.275), _shade(straw, -0.2), 0.015)


def _box(p, rng, tint):
    kraft = _mix((206, 170, 122), tint, 0.1)
    _shadow(p, 0.01, 0, 0.28)
    p.rect((-0.24, -0.3, 0.16, 0), kraft)
    side = [(0.16, -0.3), (0.26, -0.36), (0.26, -0.06), (0.16, 0)]
    p.poly(side, _shade(kraft, -0.2))
    p.poly([(-0.24, -0.3), *side[:2], (-0.14, -0.36)], _shade(kraft, 0.2))
    p.rect((-0.057, -0.3, -0.023, 0), tint)
    ribbon = [(-0.057, -0.3), (-0.023, -0.3), (0.077, -0.36), (0.043, -0.36)]
    p.poly(ribbon, _shade(tint, 0.15))
    for a in (-2.6, -0.5):
        _leaf(p, 0.01, -0.33, a, 0.09, 0.06, _shade(tint, -0.1))


_PRODUCTS = {f.__name__[1:]: f for f in (_honey, _herbs, _oils, _cosmetics)}
_PRODUCTS |= {"food": _food, "crafts": _crafts}


def draw_product(seed: str, category: str, color: str, size: int = 800) -> bytes:
    """Square product shot on a soft backdrop; unknown categories draw a box."""
    tint, rng = _rgb(color), _rng("product", seed, category, color, size)
    p = _Pen(size, size, _shade(tint, 0.9), _shade(tint, 0.72))
    p.dot(0.5, 0.47, 0.37, (255, 255, 255, 70))
    p.rect((0, 0.74, 1, 1), (*_shade(tint, 0.62), 200))
    p.at(0.5, 0.8)
    _PRODUCTS.get(category.strip().lower(), _box)(p, rng, tint)
    return p.png()


# --- logo: the origin is the centre, one unit is the motif's radius ------------


def _logo_bee(p, rng, tint, ink):
    for a in (-2.4, -0.74):
        _leaf(p, 0, -0.2, a, 0.75, 0.6, _shade(tint, 0.92), ink, 0.04)
    for sx in (-1, 1):
        p.line([(sx * 0.08, -0.6), (sx * 0.28, -0.85)], ink, 0.05)
        p.dot(sx * 0.28, -0.85, 0.06, ink)
    p.poly([(-0.1, 0.75), (0.1, 0.75), (0, 0.95)], ink)
    p.oval((-0.33, -0.1, 0.33, 0.85), HONEY)
    for y0 in (0.19, 0.47, 0.75):  # stripes, clipped to the abdomen's outline
        ys = [y0 + 0.14 * i / 6 for i in range(7)]
        ws = [0.33 * math.sqrt(max(0, 1 - ((y - 0.375) / 0.475) ** 2)) for y in ys]
        side = list(zip(ws, ys, strict=True))
        p.poly([(-x, y) for x, y in side] + [(x, y) for x, y in side[::-1]], ink)
    p.dot(0, -0.15, 0.24, ink)
    p.dot(0, -0.48, 0.17, ink)


def _logo_leaf(p, rng, tint, ink):
    a, x, y = -math.pi / 4, -0.6, 0.6
    dx, dy = math.cos(a), math.sin(a)
    p.line([(x, y), (x - 0.2, y + 0.2)], ink, 0.06)
    _leaf(p, x, y, a, 1.7, 0.9, _mix((90, 150, 70), tint, 0.25), ink, 0.04)
    p.line([(x, y), (x + dx * 1.5, y + dy * 1.5)], ink, 0.035)
    for t, side in itertools.product((0.25, 0.45, 0.65), (-1, 1)):
        px, py, vein = x + dx * 1.7 * t, y + dy * 1.7 * t, 0.35 * (1 - t * 0.4)
        b = a + side * 0.8
        p.line(
            [(px, py), (px + math.cos(b) * vein, py + math.sin(b) * vein)], ink, 0.02
        )


def _logo_flower(p, rng, tint, ink):
    petals = rng.choice((5, 6, 8))
    for a in (2 * math.pi * k / petals - math.pi / 2 for k in range(petals)):
        _leaf(p, 0, 0, a, 0.95, 0.5, _shade(tint, 0.45), ink, 0.035)
    p.dot(0, 0, 0.28, HONEY, ink, 0.035)
    for a in (k * math.pi / 4 for k in range(8)):
        p.dot(math.cos(a) * 0.15, math.sin(a) * 0.15, 0.03, ink)


def draw_logo(seed: str, color: str, size: int = 400) -> bytes:
    """Round emblem (transparent corners): rings, dots and a bee, leaf or flower."""
    tint, rng = _rgb(color), _rng("logo", seed, color, size)
    ink, p = _shade(tint, -0.6), _Pen(size, size, tint, tint)
    p.dot(0.5, 0.5, 0.45, _shade(tint, 0.9))
    dots, turn = rng.choice((24, 30, 36)), rng.random()
    for a in (2 * math.pi * (k + turn) / dots for k in range(dots)):
        p.dot(0.5 + math.cos(a) * 0.415, 0.5 + math.sin(a) * 0.415, 0.01, tint)
    p.dot(0.5, 0.5, 0.38, tint)
    p.dot(0.5, 0.5, 0.36, _shade(tint, 0.75))
    p.at(0.5, 0.5, 0.3)
    (_logo_bee, _logo_leaf, _logo_flower)[_pick(seed, 3, "logo")](p, rng, tint, ink)
    mask = Image.new("L", p.img.size, 0)
    ImageDraw.Draw(mask).ellipse((SS, SS, p.u - SS, p.u - SS), fill=255)
    p.img.putalpha(mask)
    return p.png()


# --- news stories: a medina wall, then a scene centred on the origin ------------


def _backdrop(p, rng, tint):
    wall = _mix((214, 150, 112), tint, 0.1)
    for _ in range(rng.randint(1, 3)):  # palms behind the wall
        x, top = rng.uniform(0.05, 0.95) * p.W, rng.uniform(0.22, 0.3)
        p.line([(x, 0.55), (x + 0.02, 0.4), (x + 0.01, top)], (130, 96, 66), 0.015)
        for a in (-math.pi - 0.35 + k * (math.pi + 0.7) / 8 for k in range(9)):
            _leaf(p, x + 0.01, top, a, 0.13, 0.035, (92, 132, 80))
    p.rect((0, 0.5, p.W, 0.72), wall)
    for x in (k * 0.1 for k in range(int(p.W * 10) + 1)):
        p.rect((x, 0.47, x + 0.05, 0.5), wall)
    for x in (p.W * k / 9 for k in rng.sample(range(1, 9), 2)):  # towers
        p.rect((x - 0.075, 0.375, x + 0.075, 0.72), _shade(wall, -0.08))
        for cx in (x - 0.05, x + 0.05):
            p.rect((cx - 0.025, 0.345, cx + 0.025, 0.38), _shade(wall, -0.08))
    p.rect((0, 0.72, p.W, 1), (226, 200, 164))
    for y in (0.72 + 0.28 * (k / 5) ** 1.4 for k in range(1, 5)):
        p.line([(0, y), (p.W, y)], (214, 186, 150), 0.004)
    k = min(1.0, p.W / 1.75)  # shrink the scene around its ground on narrow canvases
    p.at(p.W / 2, 0.9 * (1 - k), k)


def _crate(p, rng, x, bottom, w, h):
    fruit, x0, x1, top = rng.choice(FRUIT), x - w / 2, x + w / 2, bottom - h
    heap = sorted((rng.uniform(-0.2, 0.1), rng.uniform(-0.38, 0.38)) for _ in range(10))
    for dy, dx in heap:
        p.dot(x + dx * w, top + dy * h, w * 0.12, fruit)
        p.dot(x + dx * w - w * 0.04, top + dy * h - w * 0.04, w * 0.03, SHINE)
    p.rect((x0, top, x1, bottom), WOOD)
    for y in (bottom - h / 3, bottom - h * 2 / 3):
        p.line([(x0, y), (x1, y)], _shade(WOOD, -0.35), h * 0.06)
    for sx in (x0, x1):
        p.rect((sx - w * 0.06, top, sx + w * 0.06, bottom), _shade(WOOD, -0.2))


def _market_stall(p, rng, tint):
    front = _mix(WOOD, tint, 0.15)
    _shadow(p, 0, 0.88, 0.6)
    for x in (-0.5, 0.5):
        p.rect((x - 0.014, 0.2, x + 0.014, 0.88), (120, 84, 56))
    for x in (-1 / 3, 0, 1 / 3):
        _crate(p, rng, x, 0.62, 0.28, 0.09)
    p.rect((-0.52, 0.62, 0.52, 0.655), (150, 100, 62))
    p.rect((-0.48, 0.655, 0.48, 0.88), front)
    for x in (-0.5 + k / 8 for k in range(1, 8)):
        p.line([(x, 0.655), (x, 0.88)], _shade(front, -0.2), 0.005)
    _stripes(p, -0.59, 0.59, 0.2, 0.33, 0.05, 10, (tint, CREAM))
    for x in (-0.68, 0.68):
        _crate(p, rng, x, 0.92, 0.2, 0.1)


def _arch(p, x, bottom, width, top, fill):
    """Moroccan horseshoe arch: a circle wider than the jambs below it."""
    p.dot(x, top + width * 0.58, width * 0.58, fill)
    p.rect((x - width / 2, top + width * 0.81, x + width / 2, bottom), fill)


def _shop_front(p, rng, tint):
    wall, tiles = rng.choice([(246, 238, 224), (238, 216, 188)]), [CREAM, tint, HONEY]
    p.rect((-0.53, 0.12, 0.53, 0.88), wall)
    p.rect((-0.56, 0.09, 0.56, 0.145), _shade(wall, -0.2))
    _arch(p, 0, 0.88, 0.3, 0.3, _shade(tint, 0.5))
    _arch(p, 0, 0.88, 0.23, 0.34, tint)
    p.line([(0, 0.45), (0, 0.88)], _shade(tint, -0.3), 0.005)
    p.rect((-0.18, 0.17, 0.18, 0.24), _shade(tint, -0.3), 0.01)
    for wx in (-0.34, 0.34):  # arched windows with grilles and awnings
        _arch(p, wx, 0.6, 0.18, 0.32, _shade(tint, -0.45))
        for x in (wx - 0.045, wx, wx + 0.045):
            p.line([(x, 0.34), (x, 0.6)], _shade(wall, -0.1), 0.007)
        _stripes(p, wx - 0.125, wx + 0.125, 0.26, 0.33, 0.02, 6, (tint, CREAM))
        p.rect((wx - 0.11, 0.6, wx + 0.11, 0.63), _shade(wall, -0.25))
    p.rect((-0.53, 0.81, 0.53, 0.88), _shade(tint, -0.4))
    for k, x in enumerate(-0.5125 + 0.035 * k for k in range(30)):  # zellige band
        diamond = [(x, 0.815), (x + 0.016, 0.845), (x, 0.875), (x - 0.016, 0.845)]
        p.poly(diamond, tiles[k % 3])
    for x in (-0.27, 0.27):  # potted plants
        pot = [(x - 0.055, 0.78), (x + 0.055, 0.78), (x + 0.04, 0.88), (x - 0.04, 0.88)]
        p.poly(pot, CLAY)
        for dx, y, r in ((-0.035, 0.75, 0.04), (0.035, 0.75, 0.04), (0, 0.71, 0.045)):
            p.dot(x + dx, y, r, rng.choice(GREENS))


def _tent(p, x, ground, w, h, tint):
    """Striped tent with an open door and a pennant; returns its apex."""
    body, apex, top = ground - h / 2, ground - h, ground - h * 1.18
    p.rect((x - w / 2, body, x + w / 2, ground), CREAM)
    for dx, fill in ((0.2, _shade(tint, -0.1)), (0.16, _shade(tint, -0.55))):
        p.poly([(x, body), (x + w * dx, ground), (x - w * dx, ground)], fill)
    _stripes(p, x - w * 0.58, x + w * 0.58, apex, body, w * 0.58, 8, (tint, CREAM))
    p.line([(x, apex), (x, top)], INK, 0.006)
    p.poly([(x, top), (x + 0.07, top + 0.02), (x, top + 0.04)], tint)
    return x, apex


def _fair_tent(p, rng, tint):
    other, colors = _mix(tint, (70, 130, 150), 0.6), [tint, HONEY, CREAM]
    ends = [_tent(p, x, 0.86, 0.39, 0.4, other) for x in (-0.62, 0.62)]
    _shadow(p, 0, 0.9, 0.42)
    apex = _tent(p, 0, 0.9, 0.68, 0.62, tint)
    rng.shuffle(colors)
    for (ax, ay), (bx, by) in ((ends[0], apex), (apex, ends[1])):  # bunting
        ts = [i / 12 for i in range(13)]
        pts = [(ax + (bx - ax) * t, ay + (by - ay) * t + 0.5 * t * (1 - t)) for t in ts]
        p.line(pts, INK, 0.003)
        for i, ((x0, y0), (x1, y1)) in enumerate(itertools.pairwise(pts)):
            flag = [(x0, y0), (x1, y1), ((x0 + x1) / 2, (y0 + y1) / 2 + 0.05)]
            p.poly(flag, colors[i % 3])


def draw_story(seed: str, color: str, width: int = 1200, height: int = 675) -> bytes:
    """News picture: a market stall, a shop front or a fair tent (by seed)."""
    tint, rng = _rgb(color), _rng("story", seed, color, width, height)
    p = _Pen(width, height, _mix((126, 180, 222), tint, 0.1), (252, 232, 200))
    _backdrop(p, rng, tint)
    (_market_stall, _shop_front, _fair_tent)[_pick(seed, 3, "story")](p, rng, tint)
    return p.png()
