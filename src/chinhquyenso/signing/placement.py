"""Where signatures go on the page (Decree 30/2020 App. I), in PDF points with the origin at the bottom left.

* the competent person's signature image sits in the box between the position title and the name;
* the organisation's seal, at its real size, covers about the left third of that signature image;
* the organisation's text-only stamp on an attachment or an electronic copy sits at the top right of page 1.
"""

from __future__ import annotations

from dataclasses import dataclass

MM = 72 / 25.4
SEAL_DIAMETER_MM = 35.0  # the size of a commune or district People's Committee seal
A4 = (595.28, 841.89)


@dataclass(frozen=True)
class Box:
    x1: float
    y1: float
    x2: float
    y2: float

    def __post_init__(self):
        if self.x2 <= self.x1 or self.y2 <= self.y1:
            raise ValueError(f"empty box {self}")

    @property
    def width(self) -> float:
        return self.x2 - self.x1

    @property
    def height(self) -> float:
        return self.y2 - self.y1

    def as_tuple(self) -> tuple[int, int, int, int]:
        return round(self.x1), round(self.y1), round(self.x2), round(self.y2)

    @classmethod
    def from_mm(cls, *, left: float, top: float, width: float, height: float, page_height: float = A4[1]) -> Box:
        """A box given as on paper: millimetres from the page's left and top edges (as CSS lays it out)."""
        x1 = left * MM
        y2 = page_height - top * MM
        return cls(x1, y2 - height * MM, x1 + width * MM, y2)


def default_signature_box(page_width: float, page_height: float) -> Box:
    """Right half of the page above the bottom margin: where the signature block of an A4 document usually is."""
    return Box(page_width * 0.55, 25 * MM + 40, page_width - 20 * MM, 25 * MM + 40 + 25 * MM)


def seal_box(signature: Box, diameter_mm: float = SEAL_DIAMETER_MM) -> Box:
    """The seal's square: its right edge one third into the signature image, centred on it vertically."""
    size = diameter_mm * MM
    right = signature.x1 + signature.width / 3
    middle = (signature.y1 + signature.y2) / 2
    return Box(right - size, middle - size / 2, right, middle + size / 2)


def top_right_box(page_width: float, page_height: float, width: float, height: float) -> Box:
    """Top right of the page, inside the 15 mm right margin line and within the top margin, above the content
    (which starts 20–25 mm from the top)."""
    right = page_width - 15 * MM
    top = page_height - 3 * MM
    return Box(right - width, top - height, right, top)
