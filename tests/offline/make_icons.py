"""Draw the web app's PNG icons (the favicon's radio face, bigger) with Pillow.

Run from the repository root; the PNGs are committed, so only a change of
design needs it (Debian's fonts-dejavu-core gives the digits)::

    python -m tests.offline.make_icons
"""

from __future__ import annotations

from pathlib import Path

ICONS = Path(__file__).resolve().parents[2] / "src" / "radiocode" / "web" / "static" / "icons"
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
BRAND, LIGHT = "#0b3d5c", "#e8f3f9"
# name -> (size, maskable): a maskable icon keeps its drawing inside the middle 80 %.
SIZES = {"icon-192.png": (192, False), "icon-512.png": (512, False), "maskable-512.png": (512, True)}


def draw(size: int, maskable: bool):
    from PIL import Image, ImageDraw, ImageFont

    scale = 4  # draw large, then shrink: smooth edges
    big = size * scale
    image = Image.new("RGBA", (big, big), (0, 0, 0, 0))
    pen = ImageDraw.Draw(image)
    if maskable:
        pen.rectangle((0, 0, big, big), fill=BRAND)
    else:
        pen.rounded_rectangle((0, 0, big - 1, big - 1), radius=big * 6 // 32, fill=BRAND)
    # The favicon's 32-unit drawing, inside the safe zone for a maskable icon.
    inset = big * 0.12 if maskable else 0
    unit = (big - 2 * inset) / 32

    def box(x, y, w, h):
        return (inset + x * unit, inset + y * unit, inset + (x + w) * unit, inset + (y + h) * unit)

    pen.rounded_rectangle(box(5, 9, 22, 9), radius=2 * unit, fill=LIGHT)
    font = ImageFont.truetype(FONT, int(7 * unit))
    pen.text((inset + 16 * unit, inset + 13.5 * unit), "0086", font=font, fill=BRAND, anchor="mm")
    for cx in (8, 14, 20, 26):
        pen.ellipse(box(cx - 2, 21, 4, 4), fill=LIGHT)
    # A small palette keeps the files small; the drawing has two colours and their blends.
    return image.resize((size, size), Image.LANCZOS).quantize(32, method=Image.Quantize.FASTOCTREE)


def main() -> None:
    ICONS.mkdir(parents=True, exist_ok=True)
    for name, (size, maskable) in SIZES.items():
        path = ICONS / name
        draw(size, maskable).save(path, optimize=True)
        print(f"{path}: {path.stat().st_size} bytes")


if __name__ == "__main__":
    main()
