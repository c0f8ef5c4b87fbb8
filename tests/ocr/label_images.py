"""Photos of radio labels, drawn with Pillow, for the OCR tests and bench.

Each :class:`LabelPhoto` is a label laid out like a real one (a brand line,
barcode stripes, part numbers that are not the precode, and the line that
holds the precode: ``281150198RT A583``, ``… 9243RT S049``, ``PRE CODE: T728``
or ``SECURITY V188``), stuck on dark plastic and photographed with one of the
:data:`DEGRADATIONS`. Everything is drawn from a seed, so a failure can be
drawn again. Fonts are Debian's DejaVu and Liberation
(``fonts-dejavu-core``, ``fonts-liberation``).

>>> photo = make_photo(1, "clean")
>>> photo.precode, photo.data[:2]
('S867', b'\\xff\\xd8')
"""

from __future__ import annotations

import io
import math
import random
import string
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIRS = (Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/truetype/liberation"))
FONT_FILES = (
    "DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSansMono.ttf", "DejaVuSansCondensed.ttf",
    "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf", "LiberationMono-Regular.ttf",
    "LiberationSansNarrow-Regular.ttf",
)  # fmt: skip

LAYOUTS = ("rt", "pn", "precode", "security")
# The serial's precode on the "two_precodes" layout, beside a PRE CODE line with another.
SECOND_PRECODE = "S049"

# Moderate: what a steady hand in a dim footwell gives. Hard: the bench's stress set.
DEGRADATIONS = (
    "clean", "rotation", "perspective", "blur", "noise", "jpeg", "low_contrast", "glare",
    "combined", "hard",
)  # fmt: skip
MODERATE = DEGRADATIONS[:-1]

ORIENTATION = 0x0112


def font_paths() -> list[Path]:
    """The label fonts that are installed; an error names the packages when none are."""
    found = [d / f for d in FONT_DIRS for f in FONT_FILES if (d / f).exists()]
    if not found:
        raise RuntimeError("No label fonts: apt-get install fonts-dejavu-core fonts-liberation")
    return found


@dataclass(frozen=True)
class LabelPhoto:
    """One generated photo and what is printed on it."""

    seed: int
    layout: str
    degradation: str
    precode: str
    lines: tuple[str, ...]
    data: bytes


def random_precode(rng: random.Random) -> str:
    """A letter and three digits, never A000-A099 (they do not exist)."""
    while True:
        precode = rng.choice(string.ascii_uppercase) + f"{rng.randrange(1000):03d}"
        if not precode.startswith("A0"):
            return precode


def _digits(rng: random.Random, n: int) -> str:
    return "".join(rng.choice(string.digits) for _ in range(n))


def label_lines(rng: random.Random, layout: str, precode: str) -> list[tuple[str, str]]:
    """The label's lines top to bottom, as (style, text); style "barcode" draws stripes."""
    part = f"{rng.choice(['8200', '7700', '2811'])} {_digits(rng, 3)} {_digits(rng, 3)}"
    blaupunkt = f"7 649 {_digits(rng, 3)} 391"
    if layout == "rt":
        return [
            ("title", "RENAULT"),
            ("barcode", ""),
            ("big", f"28115{_digits(rng, 4)}RT {precode}"),
            ("small", f"MADE IN {rng.choice(['PORTUGAL', 'FRANCE', 'POLAND'])}   12V"),
            ("small", part),
        ]
    if layout == "pn":
        return [
            ("title", rng.choice(["BLAUPUNKT", "RENAULT"])),
            ("small", "BP0490  12V  4x15W"),
            ("barcode", ""),
            ("big", f"{blaupunkt} 28 115 {_digits(rng, 4)}RT {precode}"),
            ("small", f"SER. BP{_digits(rng, 12)}"),
        ]
    if layout == "precode":
        return [
            ("title", "RENAULT  UPDATE LIST"),
            ("small", part),
            ("big", f"PRE CODE: {precode}"),
            ("barcode", ""),
            ("small", f"22DC{_digits(rng, 3)}/62T  12V"),
        ]
    if layout == "two_precodes":
        # Not in LAYOUTS: a label that holds two precode candidates, asked for by name.
        return [
            ("title", "RENAULT"),
            ("big", f"PRE CODE: {precode}"),
            ("barcode", ""),
            ("big", f"{blaupunkt} 28 115 {_digits(rng, 4)}RT {SECOND_PRECODE}"),
            ("small", part),
        ]
    if layout == "security":
        return [
            ("title", "LG  MEDIA NAV"),
            ("small", "MODEL LAN5200WR3"),
            ("barcode", ""),
            ("big", f"SECURITY {precode}"),
            ("small", f"{part}   MADE IN KOREA"),
        ]
    raise ValueError(layout)


def _barcode(draw: ImageDraw.ImageDraw, rng: random.Random, x: int, y: int, width: int, height: int) -> None:
    end = x + width
    while x < end:
        bar = rng.choice((2, 2, 3, 5))
        draw.rectangle((x, y, min(x + bar, end), y + height), fill=(20, 20, 20))
        x += bar + rng.choice((2, 3, 4, 6))


def draw_label(rng: random.Random, layout: str, precode: str) -> tuple[Image.Image, list[str]]:
    """The label itself, flat and sharp, and the text lines printed on it."""
    fonts = font_paths()
    font_path = rng.choice(fonts)
    title_path = rng.choice([f for f in fonts if "Bold" in f.name] or fonts)
    big = rng.randint(26, 46)
    width = rng.randint(820, 900)
    lines = label_lines(rng, layout, precode)
    paper = tuple(rng.randint(225, 250) for _ in range(3))
    ink = tuple(rng.randint(0, 40) for _ in range(3))
    heights = {"title": big + 4, "big": big, "small": int(big * 0.7), "barcode": 80}
    height = 40 + sum(heights[style] + 22 for style, _ in lines)
    label = Image.new("RGB", (width, height), paper)
    draw = ImageDraw.Draw(label)
    y = 30
    printed = []
    for style, text in lines:
        if style == "barcode":
            _barcode(draw, rng, 40, y, width - 80, heights[style])
        else:
            font = ImageFont.truetype(str(title_path if style == "title" else font_path), heights[style])
            size = heights[style]
            # Long lines shrink to fit, as label printers do.
            while draw.textlength(text, font=font) > width - 60 and size > 12:
                size -= 2
                font = ImageFont.truetype(str(font_path), size)
            draw.text((30, y), text, fill=ink, font=font)
            printed.append(text)
        y += heights[style] + 22
    return label, printed


def _on_radio(label: Image.Image, rng: random.Random) -> Image.Image:
    """The label stuck on the radio's dark casing, as the camera frames it."""
    margin_x, margin_y = rng.randint(60, 160), rng.randint(60, 160)
    grey = rng.randint(35, 70)
    photo = Image.new("RGB", (label.width + 2 * margin_x, label.height + 2 * margin_y), (grey, grey, grey + 5))
    photo.paste(label, (margin_x, margin_y))
    return photo


def _rotate(photo: Image.Image, degrees: float) -> Image.Image:
    corner = photo.getpixel((0, 0))
    return photo.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=corner)


def _perspective(photo: Image.Image, rng: random.Random, amount: float) -> Image.Image:
    w, h = photo.size
    # Where each output corner samples from: a camera not square to the label.
    jitter = [(rng.uniform(-amount, amount) * w, rng.uniform(-amount, amount) * h) for _ in range(4)]
    corners = [(0, 0), (w, 0), (w, h), (0, h)]
    source = [(x + dx, y + dy) for (x, y), (dx, dy) in zip(corners, jitter)]
    coeffs = _perspective_coefficients(corners, source)
    corner = photo.getpixel((0, 0))
    return photo.transform((w, h), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC, fillcolor=corner)


def _perspective_coefficients(dst: list[tuple[float, float]], src: list[tuple[float, float]]) -> list[float]:
    # Solve the 8 unknowns of the projective map dst -> src (Gaussian elimination, no numpy).
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rhs.append(u)
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs.append(v)
    n = 8
    m = [row + [b] for row, b in zip(rows, rhs)]
    for col in range(n):
        pivot = max(range(col, n), key=lambda r: abs(m[r][col]))
        m[col], m[pivot] = m[pivot], m[col]
        for r in range(n):
            if r != col:
                f = m[r][col] / m[col][col]
                m[r] = [a - f * b for a, b in zip(m[r], m[col])]
    return [m[i][n] / m[i][i] for i in range(n)]


def _add_centred(photo: Image.Image, noise: Image.Image) -> Image.Image:
    # effect_noise is centred on 128: take 128 off again so the photo keeps its brightness.
    return ImageChops.add(photo, noise, offset=-128)


def _low_contrast(photo: Image.Image, rng: random.Random, keep: float) -> Image.Image:
    base = rng.randint(70, 120)
    # Ink and paper both end up near `base`: a dim, washed-out photo.
    return Image.eval(photo, lambda v: int(base + v * keep))


def _glare(photo: Image.Image, rng: random.Random, strength: float) -> Image.Image:
    w, h = photo.size
    cx, cy = rng.uniform(0.3, 0.7) * w, rng.uniform(0.3, 0.7) * h
    radius = rng.uniform(0.25, 0.45) * max(w, h)
    small = Image.new("L", (w // 8 + 1, h // 8 + 1))
    pixels = small.load()
    for y in range(small.height):
        for x in range(small.width):
            d = math.hypot(x * 8 - cx, y * 8 - cy) / radius
            pixels[x, y] = int(255 * strength * max(0.0, 1 - d) ** 1.5)
    mask = small.resize((w, h), Image.Resampling.BILINEAR)
    return Image.composite(Image.new("RGB", (w, h), (255, 255, 250)), photo, mask)


def _jpeg(photo: Image.Image, quality: int, exif: Image.Exif | None = None) -> bytes:
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=quality, **({"exif": exif} if exif is not None else {}))
    return out.getvalue()


def degrade(photo: Image.Image, rng: random.Random, degradation: str) -> bytes:
    """The photo as a camera would give it, damaged as `degradation` says, in JPEG."""
    quality = 90
    if degradation == "rotation":
        photo = _rotate(photo, rng.choice((-1, 1)) * rng.uniform(5, 15))
    elif degradation == "perspective":
        photo = _perspective(photo, rng, 0.07)
    elif degradation == "blur":
        photo = photo.filter(ImageFilter.GaussianBlur(rng.uniform(1.5, 2.5)))
    elif degradation == "noise":
        photo = _add_centred(photo, Image.effect_noise(photo.size, rng.uniform(20, 35)).convert("RGB"))
    elif degradation == "jpeg":
        quality = rng.randint(8, 20)
    elif degradation == "low_contrast":
        photo = _low_contrast(photo, rng, rng.uniform(0.15, 0.3))
    elif degradation == "glare":
        photo = _glare(photo, rng, rng.uniform(0.75, 0.9))
    elif degradation == "combined":
        photo = _rotate(photo, rng.uniform(-10, 10))
        photo = _perspective(photo, rng, 0.05)
        photo = _glare(photo, rng, 0.5)
        photo = photo.filter(ImageFilter.GaussianBlur(1.2))
        photo = _add_centred(photo, Image.effect_noise(photo.size, 15).convert("RGB"))
        quality = 35
    elif degradation == "hard":
        photo = _rotate(photo, rng.choice((-1, 1)) * rng.uniform(10, 15))
        photo = _perspective(photo, rng, 0.08)
        photo = _glare(photo, rng, 0.8)
        photo = _low_contrast(photo, rng, 0.35)
        photo = photo.filter(ImageFilter.GaussianBlur(2.2))
        photo = _add_centred(photo, Image.effect_noise(photo.size, 25).convert("RGB"))
        quality = 20
    elif degradation != "clean":
        raise ValueError(degradation)
    return _jpeg(photo, quality)


def make_photo(seed: int, degradation: str, layout: str | None = None, precode: str | None = None) -> LabelPhoto:
    """The photo drawn from `seed`: a random layout and precode unless given."""
    rng = random.Random(seed)
    layout = layout or rng.choice(LAYOUTS)
    precode = precode or random_precode(rng)
    label, printed = draw_label(rng, layout, precode)
    data = degrade(_on_radio(label, rng), rng, degradation)
    return LabelPhoto(seed, layout, degradation, precode, tuple(printed), data)


def sideways_with_exif(photo: LabelPhoto) -> bytes:
    """The same photo stored turned a quarter turn, with the EXIF tag that puts it upright.

    Phones store pixels as the sensor saw them and record the turn in EXIF
    orientation 6 ("rotate 90 degrees clockwise to view").
    """
    upright = Image.open(io.BytesIO(photo.data))
    exif = Image.Exif()
    exif[ORIENTATION] = 6
    return _jpeg(upright.transpose(Image.Transpose.ROTATE_90), 90, exif)


def largest_accepted(fmt: str, seed: int = 1) -> tuple[str, bytes]:
    """A photo at the pixel cap (radiocode.ocr.MAX_PIXELS), small in bytes: a label on a huge plain background.

    PNG: 7000 x 7000 (49 MP, under 1 MB); JPEG: 8160 x 6120 (49.9 MP), as a
    phone's largest mode. The label is drawn four times larger, as a close-up would be.
    """
    photo = make_photo(seed, "clean")
    label = Image.open(io.BytesIO(photo.data)).convert("RGB")
    size = (7000, 7000) if fmt == "PNG" else (8160, 6120)
    canvas = Image.new("RGB", size, (200, 200, 205))
    canvas.paste(label.resize((label.width * 4, label.height * 4)), (size[0] // 3, size[1] // 3))
    out = io.BytesIO()
    canvas.save(out, fmt, **({"quality": 85} if fmt == "JPEG" else {}))
    return photo.precode, out.getvalue()
