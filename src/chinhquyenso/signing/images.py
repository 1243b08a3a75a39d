"""Demo signature and seal images, drawn with Pillow (Decree 30/2020 App. I: transparent PNGs).

The personal signature is a blue scribble; the seal is a red ring with the agency's name around it and a star in
the middle, at 600 dpi so it prints sharply at its real size. Both are plainly demo art, made without any network.
"""

from __future__ import annotations

import io
import math
import random

from PIL import Image, ImageDraw, ImageFont

from chinhquyenso.signing.fonts import font_path

SIGNATURE_BLUE = (20, 45, 170, 255)
SEAL_RED = (215, 25, 32, 255)
SEAL_PIXELS = 800  # 35 mm at about 580 dpi


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def signature_png(full_name: str) -> bytes:
    """A blue, scribble-like handwritten signature on a transparent background, seeded by the name."""
    width, height = 900, 360
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    rng = random.Random(full_name)  # noqa: S311 - the same person always gets the same scribble
    # A run of loops drifting to the right, like a quickly written name, then an underline flourish.
    points = []
    x = 60.0
    loops = 5 + len(full_name.split())
    for loop in range(loops):
        radius_x = rng.uniform(28, 55)
        radius_y = rng.uniform(60, 120)
        centre_y = height / 2 + rng.uniform(-25, 25)
        for step in range(24):
            angle = 2 * math.pi * step / 24 + loop
            points.append((x + radius_x * math.cos(angle) + step * 2.2, centre_y + radius_y * math.sin(angle) * 0.8))
        x += (width - 160) / loops
    draw.line(points, fill=SIGNATURE_BLUE, width=9, joint="curve")
    flourish = [(40 + t * 8.4, height - 70 - 28 * math.sin(t / 14) - t * 0.35) for t in range(100)]
    draw.line(flourish, fill=SIGNATURE_BLUE, width=8, joint="curve")
    return _png(image)


def _star(centre: float, outer: float, inner: float) -> list[tuple[float, float]]:
    points = []
    for i in range(10):
        radius = outer if i % 2 == 0 else inner
        angle = -math.pi / 2 + i * math.pi / 5
        points.append((centre + radius * math.cos(angle), centre + radius * math.sin(angle)))
    return points


def seal_png(agency_name: str, caption: str = "") -> bytes:
    """A red round seal: double ring, the agency name around the top, a star in the centre, on transparency."""
    size = SEAL_PIXELS
    centre = size / 2
    image = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((8, 8, size - 8, size - 8), outline=SEAL_RED, width=22)
    draw.ellipse((150, 150, size - 150, size - 150), outline=SEAL_RED, width=10)
    draw.polygon(_star(centre, 150, 60), fill=SEAL_RED)

    text = agency_name.upper()
    font = ImageFont.truetype(str(font_path(bold=True)), 62)
    ring_radius = centre - 100
    # Characters are spread over 300 degrees of the ring, centred on the top, each rotated to face outwards.
    span = math.radians(300)
    step = span / max(len(text) - 1, 1)
    start = -math.pi / 2 - span / 2
    for index, char in enumerate(text):
        if char == " ":
            continue
        angle = start + index * step
        glyph = Image.new("RGBA", (110, 110), (0, 0, 0, 0))
        ImageDraw.Draw(glyph).text((55, 55), char, font=font, fill=SEAL_RED, anchor="mm")
        glyph = glyph.rotate(-math.degrees(angle) - 90, resample=Image.Resampling.BICUBIC)
        x = centre + ring_radius * math.cos(angle) - 55
        y = centre + ring_radius * math.sin(angle) - 55
        image.alpha_composite(glyph, (round(x), round(y)))
    if caption:
        small = ImageFont.truetype(str(font_path(bold=True)), 44)
        draw.text((centre, size - 105), caption, font=small, fill=SEAL_RED, anchor="mm")
    return _png(image)
