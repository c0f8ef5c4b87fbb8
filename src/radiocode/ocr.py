"""Read the precode from a photo of the radio's label.

:func:`read_photo` takes the bytes of a photo (JPEG, PNG, WebP, GIF, BMP or
TIFF), checks that they are one sane still image, puts it upright as its EXIF
orientation says, reads the text on it with RapidOCR (PP-OCR models run by
onnxruntime, shipped inside the ``rapidocr`` wheel: nothing is downloaded) and
gives the text to :func:`radiocode.read`, the same reading typed text gets. The
result, a :class:`PhotoReading`, also holds every line of text read, with its
confidence and where it is in the picture, so the owner can check the precode
against the label.

The OCR engine is the optional extra ``radiocode[ocr]``; this module imports
without it, and :func:`read_photo` raises :class:`OcrNotInstalled` with the
line that installs it. Photos are only held in memory: never written to disk,
never logged.

Why RapidOCR 3 and not the older ``rapidocr-onnxruntime`` 1.4: on the same
generated label photos it read 87.5 % of printed lines exactly, spaces
included, against 23.6 % (the older models drop spaces: ``281150198RTA583``),
and it runs on headless OpenCV, so a server needs no libGL. Its wheel is larger
(27 MB against 15 MB); with their dependencies both install to about 430 MB.
``bench/ocr.py`` measures accuracy and speed.

Bad uploads raise an :class:`InvalidPhoto` (a :class:`ValidationError`) that
says what to try:

>>> read_photo(b"")
Traceback (most recent call last):
    ...
radiocode.ocr.NotAnImage: This file is empty. Send a photo of the radio's label (JPEG or PNG).
>>> read_photo(b"<html><body>label</body></html>")
Traceback (most recent call last):
    ...
radiocode.ocr.NotAnImage: This file is not a photo we can read. Send a photo of the radio's label as JPEG or PNG (WebP, GIF, BMP and TIFF work too).
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import threading
import warnings
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from radiocode.exceptions import ValidationError
from radiocode.i18n import N_
from radiocode.reading import MAX_INPUT_LENGTH, Reading, read

if TYPE_CHECKING:  # pragma: no cover
    from PIL import Image

__all__ = [
    "warm_up",
    "INSTALL_LINE",
    "MAX_BYTES",
    "MAX_PIXELS",
    "AnimatedPhoto",
    "CorruptPhoto",
    "InvalidPhoto",
    "NotAnImage",
    "OcrNotInstalled",
    "PhotoReading",
    "PhotoTooLarge",
    "PhotoTooManyPixels",
    "PhotoTypeMismatch",
    "TextLine",
    "UnsupportedPhotoFormat",
    "read_photo",
]

#: Larger uploads are refused before they are decoded (10 MB).
MAX_BYTES = 10 * 1024 * 1024
#: Larger images are refused before their pixels are decoded: 50 megapixels
#: holds any phone photo in its usual mode and stops decompression bombs.
MAX_PIXELS = 50_000_000
#: Photos are read at most this many pixels on their longer side: the OCR engine
#: shrinks anything larger to this itself before reading (RapidOCR's
#: ``max_side_len``), so shrinking at decoding keeps what it reads and saves
#: the full-size copies (a 7000 x 7000 PNG took one process past 1.4 GB).
READ_SIDE = 2000
#: Text is found (the detection model) on a copy at most this many pixels on its
#: longer side, then read (the recognition model) from the READ_SIDE image: the
#: detection model's memory grows with the pixels (about 720 MB more at 2000 x
#: 2000, 280 MB at 1280 x 1280, 50 MB at 1000 x 1000), the recognition's does not.
DETECT_SIDE = 1024
# Photos with more pixels than this are decoded while no other photo is decoded
# or read in this process: their full-size pixels and a reading never add up.
_LARGE_PIXELS = 12_000_000
#: What to run when the OCR extra is missing.
INSTALL_LINE = "pip install 'radiocode[ocr]'"

# Lines the engine is less sure of than this are shown but not read for a precode
# unless nothing surer holds one.
TRUSTED_CONFIDENCE = 0.6

# Pillow format names, by the first bytes of the file.
_SIGNATURES = (
    (b"\xff\xd8\xff", "JPEG"),
    (b"\x89PNG\r\n\x1a\n", "PNG"),
    (b"GIF87a", "GIF"),
    (b"GIF89a", "GIF"),
    (b"BM", "BMP"),
    (b"II*\x00", "TIFF"),
    (b"MM\x00*", "TIFF"),
)
_MEDIA_TYPES = {
    "image/jpeg": "JPEG", "image/jpg": "JPEG", "image/pjpeg": "JPEG", "image/png": "PNG",
    "image/webp": "WEBP", "image/gif": "GIF", "image/bmp": "BMP", "image/x-ms-bmp": "BMP",
    "image/tiff": "TIFF",
}  # fmt: skip
# Phone cameras write a JPEG with a second, smaller picture in it (MPO): it is a still photo.
_STILL_MULTI_FRAME = {"MPO"}


class OcrNotInstalled(RuntimeError):
    """The OCR extra is not installed; the message gives the line that installs it."""

    def __init__(self, missing: str = "rapidocr") -> None:
        self.missing = missing
        super().__init__(
            f"Reading photos needs the OCR extra ({missing} is not installed). "
            f"Install it with: {INSTALL_LINE}"
        )


class InvalidPhoto(ValidationError):
    """The upload is not one readable still photo; never raised itself."""

    type = "invalid_photo"
    message = N_("We cannot read this photo. Take a new photo of the label and send it as JPEG or PNG.")


class NotAnImage(InvalidPhoto):
    """The bytes are no image format we know."""

    type = "not_an_image"
    status = 415
    message = N_(
        "This file is not a photo we can read. Send a photo of the radio's label "
        "as JPEG or PNG (WebP, GIF, BMP and TIFF work too)."
    )


class UnsupportedPhotoFormat(NotAnImage):
    """An image format we recognise but do not read (HEIC, AVIF, SVG, PDF)."""

    type = "unsupported_photo_format"
    message = N_(
        "This is a %(format)s file, which we cannot read. Send the photo as JPEG or PNG: "
        "on a phone, share it as JPEG (\"Most compatible\"), or take a screenshot of it."
    )


class PhotoTypeMismatch(NotAnImage):
    """The file claims to be one kind of image but is not, or is another kind."""

    type = "photo_type_mismatch"
    message = N_(
        "This file claims to be a %(claimed)s image but is not one. "
        "Send the original photo of the label, as JPEG or PNG."
    )


class PhotoTooLarge(InvalidPhoto):
    """More bytes than any label photo needs."""

    type = "photo_too_large"
    status = 413
    message = N_(
        "This photo is %(size_mb)s MB; the limit is %(limit_mb)d MB. "
        "Crop it to the label, or send it at a lower resolution."
    )


class PhotoTooManyPixels(InvalidPhoto):
    """More pixels than the limit: a huge image or a decompression bomb."""

    type = "photo_too_many_pixels"
    status = 413
    message = N_(
        "This image is %(width)d x %(height)d pixels; the limit is %(limit_mp)d megapixels. "
        "Crop it to the label, or send it at a lower resolution."
    )


# Pillow refuses the largest images before it tells their size.
_TOO_MANY_PIXELS = N_(
    "This image has far more pixels than a photo of a label needs; the limit is %(limit_mp)d megapixels. "
    "Crop it to the label, or send it at a lower resolution."
)


class CorruptPhoto(InvalidPhoto):
    """The file starts as an image but its data is cut short or damaged."""

    type = "photo_corrupt"
    message = N_(
        "This photo is cut short or damaged, so we cannot read it. "
        "Send it again, or take a new photo of the label."
    )


class AnimatedPhoto(InvalidPhoto):
    """An animation or a multi-page image: which frame holds the label?"""

    type = "photo_animated"
    message = N_(
        "This file holds %(frames)d pictures (an animation or several pages). "
        "Send one still photo of the label."
    )


@dataclass(frozen=True)
class TextLine:
    """One piece of text the OCR engine read, how sure it is, and where it is.

    `box` is four corner points (top-left, top-right, bottom-right,
    bottom-left as the text runs) in pixels of the upright photo.
    """

    text: str
    confidence: float
    box: list[tuple[int, int]]

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "confidence": round(self.confidence, 4), "box": [list(p) for p in self.box]}


@dataclass
class PhotoReading:
    """What radiocode read on a photo: the reading, and the text it came from."""

    reading: Reading
    lines: list[TextLine] = field(default_factory=list)
    precode_box: list[tuple[int, int]] | None = None
    width: int = 0
    height: int = 0
    #: Where each candidate precode (the chosen one first) was read: its box, or None.
    candidate_boxes: dict[str, list[tuple[int, int]] | None] = field(default_factory=dict)

    @property
    def candidates(self) -> list[dict[str, Any]]:
        """Every precode the label may hold, the chosen one first: its code, whether chosen, and its box."""
        return [
            {
                "precode": candidate.precode,
                "code": candidate.code,
                "chosen": number == 0,
                "box": [list(p) for p in box] if (box := self.candidate_boxes.get(candidate.precode)) else None,
            }
            for number, candidate in enumerate(self.reading.candidates)
        ]

    def to_dict(self, catalog: Any = None) -> dict[str, Any]:
        """The reading's JSON (as for typed text) plus the lines, the precode's box, the candidates and the image size."""
        data = self.reading.to_dict(catalog)
        data["lines"] = [line.to_dict() for line in self.lines]
        data["precode_box"] = [list(p) for p in self.precode_box] if self.precode_box else None
        data["candidates"] = self.candidates
        data["image"] = {"width": self.width, "height": self.height}
        return data


def read_photo(data: bytes, *, media_type: str | None = None) -> PhotoReading:
    """Read the precode from the photo in `data`.

    `media_type`, when given (an upload's ``Content-Type``), must agree with
    what the bytes are. Raises an :class:`InvalidPhoto` for a bad upload and
    :class:`OcrNotInstalled` when the OCR extra is missing; an unreadable
    label gives a reading whose ``error`` says what to try, as for text.
    """
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise NotAnImage(N_("Expected the photo's bytes, not %(type)s."), type=type(data).__name__)
    data = bytes(data)
    _check_size(data)
    _check_format(data)
    _require_extra()
    try:
        with _one_at_a_time_if_large(data):
            return _read(data, media_type)
    finally:
        _release_memory()


def _one_at_a_time_if_large(data: bytes) -> Any:
    """The run lock for a photo of many pixels (its decoding and reading never overlap another's), else nothing."""
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            width, height = Image.open(io.BytesIO(data)).size  # the header only
    except Exception:  # noqa: BLE001 - the real decoding says what is wrong
        return contextlib.nullcontext()
    return _large_photo_run() if width * height > _LARGE_PIXELS else contextlib.nullcontext()


@contextlib.contextmanager
def _large_photo_run() -> Any:
    """Alone, and from a trimmed heap: memory freed by earlier work is given back before the full-size decode."""
    with _RUN_LOCK:
        _release_memory()
        yield


def _read(data: bytes, media_type: str | None) -> PhotoReading:
    image = None
    try:
        image, (width, height) = _load(data, media_type, READ_SIDE)
        # The full-size decode is freed now: give it back before the engine takes its own working memory,
        # or both count at once (the engine's threads allocate from other heaps than this one).
        _release_memory()
        scale = width / image.width
        result = _photo_reading(_recognise(image, scale=scale), width, height)
        if result.reading.precode is None:
            # A dim or washed-out photo: look again with the contrast stretched and
            # fainter text kept. Only when the first look found nothing, as it doubles the time.
            second = _photo_reading(_recognise(_stretched(image), box_thresh=0.3, scale=scale), width, height)
            if second.reading.precode is not None:
                return second
        return result
    finally:
        del image


def _release_memory() -> None:
    """Give the freed pixel buffers back to the system (glibc keeps them otherwise: 822 MB stayed held)."""
    global _LIBC
    if _LIBC is None:
        try:
            import ctypes

            _LIBC = ctypes.CDLL("libc.so.6")
            _LIBC.malloc_trim.argtypes = [ctypes.c_size_t]
        except (OSError, AttributeError):  # not glibc: nothing to do
            _LIBC = False
    if _LIBC:
        _LIBC.malloc_trim(0)


_LIBC: Any = None


def _stretched(image: Image.Image) -> Image.Image:
    from PIL import ImageOps

    return ImageOps.autocontrast(image.convert("L"), cutoff=1).convert("RGB")


def _check_size(data: bytes) -> None:
    if not data:
        raise NotAnImage(N_("This file is empty. Send a photo of the radio's label (JPEG or PNG)."))
    if len(data) > MAX_BYTES:
        raise PhotoTooLarge(size_mb=f"{len(data) / 1024 / 1024:.1f}", limit_mb=MAX_BYTES // 1024 // 1024)


def _require_extra() -> None:
    for module in ("rapidocr", "onnxruntime", "PIL", "numpy"):
        if importlib.util.find_spec(module) is None:
            raise OcrNotInstalled({"PIL": "pillow"}.get(module, module))


def sniff_format(data: bytes) -> str | None:
    """The image format the first bytes announce, as Pillow names it; None for none we read.

    >>> sniff_format(b"\\x89PNG\\r\\n\\x1a\\n...")
    'PNG'
    """
    for signature, name in _SIGNATURES:
        if data.startswith(signature):
            return name
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return "WEBP"
    return None


def _check_format(data: bytes) -> str:
    fmt = sniff_format(data)
    if fmt is None:
        unsupported = _unsupported_format(data)
        if unsupported:
            raise UnsupportedPhotoFormat(format=unsupported)
        raise NotAnImage()
    return fmt


def _unsupported_format(data: bytes) -> str | None:
    head = data[:512].lstrip().lower()
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in (b"heic", b"heix", b"hevc", b"heim", b"heis", b"mif1", b"msf1"):
            return "HEIC"
        if brand in (b"avif", b"avis"):
            return "AVIF"
    if head.startswith(b"<svg") or (head.startswith(b"<?xml") and b"<svg" in head):
        return "SVG"
    if data.startswith(b"%PDF"):
        return "PDF"
    return None


def load_photo(data: bytes, *, media_type: str | None = None, max_side: int | None = None) -> Image.Image:
    """The one still image in `data`, upright and in RGB; raises :class:`InvalidPhoto`.

    With `max_side`, a larger photo is decoded reduced (JPEG: at 1/2, 1/4 or
    1/8 scale by the decoder itself) and shrunk to that many pixels on its
    longer side, before any other copy is made.
    """
    return _load(data, media_type, max_side)[0]


# EXIF orientation: the transposition that puts the picture upright (as ImageOps.exif_transpose).
_UPRIGHT = {2: "FLIP_LEFT_RIGHT", 3: "ROTATE_180", 4: "FLIP_TOP_BOTTOM", 5: "TRANSPOSE", 6: "ROTATE_270", 7: "TRANSVERSE", 8: "ROTATE_90"}


def _load(data: bytes, media_type: str | None, max_side: int | None) -> tuple[Image.Image, tuple[int, int]]:
    """The upright RGB image, at most `max_side` on its longer side, and the photo's upright size."""
    from PIL import Image

    _check_size(data)
    fmt = _check_format(data)
    claimed = _MEDIA_TYPES.get((media_type or "").split(";")[0].strip().lower())
    if claimed is not None and claimed != fmt:
        raise PhotoTypeMismatch(
            N_("This file is sent as a %(claimed)s image but is a %(format)s image. Send the original photo of the label."),
            claimed=claimed,
            format=fmt,
        )
    bomb = (Image.DecompressionBombError, Image.DecompressionBombWarning)
    with warnings.catch_warnings():
        # Pillow's warnings about damaged metadata would only fill the logs.
        warnings.simplefilter("ignore")
        # Pillow warns of a decompression bomb past its own limit: refuse instead.
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        # Pillow's plugins raise many kinds of error on damaged files (seen:
        # TypeError, KeyError, struct.error): each is a bad upload here.
        try:
            # Only the plugin the signature names: a file cannot be read as another format.
            image = Image.open(io.BytesIO(data), formats=[fmt])
            frames = getattr(image, "n_frames", 1)
        except bomb:
            raise PhotoTooManyPixels(_TOO_MANY_PIXELS, limit_mp=MAX_PIXELS // 1_000_000) from None
        except Exception:  # noqa: BLE001
            raise PhotoTypeMismatch(claimed=fmt) from None
        width, height = image.size
        if width * height > MAX_PIXELS or width <= 0 or height <= 0:
            raise PhotoTooManyPixels(width=width, height=height, limit_mp=MAX_PIXELS // 1_000_000)
        if frames > 1 and image.format not in _STILL_MULTI_FRAME:
            raise AnimatedPhoto(frames=frames)
        orientation = 1
        with contextlib.suppress(Exception):  # a broken EXIF block must not lose the photo: it stays as stored
            orientation = int(image.getexif().get(0x0112, 1))
        try:
            image.seek(0)
            if max_side and max(width, height) > max_side and image.format == "JPEG":
                shrink = max_side / max(width, height)
                image.draft(None, (math.ceil(width * shrink), math.ceil(height * shrink)))
            image.load()
            if max_side and max(image.size) > max_side:
                image = _shrunk(image, max_side)
        except bomb:
            raise PhotoTooManyPixels(width=width, height=height, limit_mp=MAX_PIXELS // 1_000_000) from None
        except Exception:  # noqa: BLE001
            raise CorruptPhoto() from None
        if orientation in _UPRIGHT:
            try:
                image = image.transpose(getattr(Image.Transpose, _UPRIGHT[orientation]))
            except Exception:  # noqa: BLE001 - left as stored
                pass
            else:
                if orientation >= 5:  # turned a quarter: the photo's upright size too
                    width, height = height, width
        try:
            return _to_rgb(image), (width, height)
        except Exception:  # noqa: BLE001
            raise CorruptPhoto() from None


def _shrunk(image: Image.Image, max_side: int) -> Image.Image:
    """`image` at `max_side` pixels on its longer side: whole-pixel averaging first, then a fine resize."""
    from PIL import Image

    if image.mode not in ("L", "LA", "RGB", "RGBA", "RGBX", "I", "F", "La", "RGBa"):
        image = _to_rgb(image)  # palette, 16-bit, CMYK…: one full-size conversion, then small
    factor = max(image.size) // max_side
    if factor >= 2:
        image = image.reduce(factor)
    if max(image.size) > max_side:
        shrink = max_side / max(image.size)
        size = (max(1, round(image.width * shrink)), max(1, round(image.height * shrink)))
        image = image.resize(size, Image.Resampling.LANCZOS)
    return image


def _to_rgb(image: Image.Image) -> Image.Image:
    from PIL import Image

    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        # Transparent parts become white paper, not black.
        rgba = image.convert("RGBA")
        background = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(background, rgba).convert("RGB")
    if image.mode in ("I;16", "I;16B", "I;16L", "I"):
        image = image.point(lambda v: v / 256).convert("L")
    return image.convert("RGB")


_ENGINE: Any = None
_ENGINE_LOCK = threading.Lock()
# One photo at a time: the engine uses every core for each photo anyway.
_RUN_LOCK = threading.RLock()


def engine() -> Any:
    """The OCR engine, created once: creating it loads the models, which is slow."""
    global _ENGINE
    if _ENGINE is None:
        with _ENGINE_LOCK:
            if _ENGINE is None:
                _require_extra()
                try:
                    from rapidocr import RapidOCR
                except ImportError as error:  # a dependency of rapidocr is missing
                    raise OcrNotInstalled(getattr(error, "name", None) or "rapidocr") from error
                # Errors only: the engine otherwise logs every model it loads.
                _ENGINE = RapidOCR(params={"Global.log_level": "error"})
    return _ENGINE


def warm_up() -> threading.Thread:
    """Load the engine and read one small label in a background thread, so the first photo is as fast as the next.

    The label has text on it, so that the recognition model runs once too (a blank
    image stops after detection, and the first photo then paid for the rest).
    Without the OCR extra the thread ends at once; nothing is raised.
    """

    def warm() -> None:
        try:
            from PIL import Image, ImageDraw

            # At a phone photo's proportions, larger than DETECT_SIDE: the engine's buffers grow to that size now.
            label = Image.new("RGB", (1600, 1200), "white")
            ImageDraw.Draw(label).text((400, 560), "PRE CODE A123", fill="black", font_size=64)
            _recognise(label)
        except Exception:  # noqa: BLE001 - a failed warm-up only means the first photo loads the engine itself
            return

    thread = threading.Thread(target=warm, name="radiocode-ocr-warm-up", daemon=True)
    thread.start()
    return thread


def _recognise(image: Image.Image, box_thresh: float = 0.5, scale: float = 1.0) -> list[TextLine]:
    """The text lines on `image`; boxes in the photo's pixels (`scale` times the image's)."""
    import numpy as np

    # The models were trained on OpenCV's BGR order.
    pixels = np.ascontiguousarray(np.asarray(image)[:, :, ::-1])
    ocr = engine()
    with _RUN_LOCK:
        _detect_within(ocr, max(image.size))
        # Always given: the engine keeps a threshold passed once for later photos.
        result = ocr(pixels, box_thresh=box_thresh)
    if result.boxes is None or not result.txts:
        return []
    lines = []
    width, height = round(image.width * scale), round(image.height * scale)
    for box, text, score in zip(result.boxes, result.txts, result.scores):
        points = [
            (min(max(round(float(x) * scale), 0), width), min(max(round(float(y) * scale), 0), height))
            for x, y in box
        ]
        if text.strip():
            lines.append(TextLine(text.strip(), float(score), points))
    return lines


def _detect_within(ocr: Any, side: int) -> None:
    """Photos up to DETECT_SIDE keep the engine's own detection size; larger ones are detected at DETECT_SIDE."""
    detector = getattr(ocr, "text_det", None)
    if detector is None and hasattr(ocr, "_load_det_model"):
        detector = ocr._load_det_model()  # made on first use otherwise
    if detector is None or not hasattr(detector, "limit_type"):
        return
    if not hasattr(detector, "radiocode_default"):
        detector.radiocode_default = (detector.limit_type, detector.limit_side_len)
    detector.limit_type, detector.limit_side_len = ("max", DETECT_SIDE) if side > DETECT_SIDE else detector.radiocode_default


@dataclass
class _Row:
    """Boxes that sit on one printed line, left to right."""

    lines: list[TextLine]

    @property
    def text(self) -> str:
        return " ".join(line.text for line in self.lines)

    @property
    def confidence(self) -> float:
        return min(line.confidence for line in self.lines)


def _centre(box: list[tuple[int, int]]) -> tuple[float, float]:
    return sum(p[0] for p in box) / 4, sum(p[1] for p in box) / 4


def _same_row(a: TextLine, b: TextLine) -> bool:
    # b's centre lies on a's text line: close to the line through a along its slant.
    (x0, y0), (x1, y1), _, (x3, y3) = a.box
    length = math.hypot(x1 - x0, y1 - y0) or 1.0
    height = math.hypot(x3 - x0, y3 - y0) or 1.0
    ax, ay = _centre(a.box)
    bx, by = _centre(b.box)
    across = abs((bx - ax) * (y1 - y0) - (by - ay) * (x1 - x0)) / length
    return across < 0.5 * height


def _rows(lines: list[TextLine]) -> list[_Row]:
    """The lines grouped into printed rows, top to bottom, each left to right."""
    rows: list[list[TextLine]] = []
    for line in sorted(lines, key=lambda line: _centre(line.box)[1]):
        for row in rows:
            if _same_row(row[0], line) or _same_row(line, row[0]):
                row.append(line)
                break
        else:
            rows.append([line])
    ordered = []
    for row in rows:
        (x0, y0), (x1, y1) = row[0].box[0], row[0].box[1]
        # Left to right along the row's slant, not along the image's x axis.
        row.sort(key=lambda line: _centre(line.box)[0] * (x1 - x0) + _centre(line.box)[1] * (y1 - y0))
        ordered.append(_Row(row))
    return ordered


def _label_text(rows: list[_Row]) -> str:
    """The rows as one label text, least sure first.

    Where the label rules rank two findings alike, :func:`radiocode.read`
    prefers the later one: putting surer rows later ranks them by OCR confidence.
    """
    chosen: list[_Row] = []
    length = 0
    for row in sorted(rows, key=lambda row: -row.confidence):
        if length + len(row.text) + 1 > MAX_INPUT_LENGTH:
            continue
        chosen.append(row)
        length += len(row.text) + 1
    order = {id(row): position for position, row in enumerate(rows)}
    chosen.sort(key=lambda row: (row.confidence, order[id(row)]))
    return "\n".join(row.text for row in chosen)


def _photo_reading(lines: list[TextLine], width: int, height: int) -> PhotoReading:
    rows = _rows(lines)
    trusted = [row for row in rows if row.confidence >= TRUSTED_CONFIDENCE]
    reading = read(_label_text(trusted))
    if reading.precode is None and len(trusted) < len(rows):
        # Nothing sure holds a precode: let the doubtful lines speak too.
        everything = read(_label_text(rows))
        if everything.precode is not None or reading.kind == "empty":
            reading = everything
    boxes = {candidate.precode: _precode_box(candidate.precode, rows) for candidate in reading.candidates}
    box = boxes.get(reading.precode) if reading.precode else None
    in_reading_order = [line for row in rows for line in row.lines]
    return PhotoReading(
        reading=reading, lines=in_reading_order, precode_box=box, width=width, height=height, candidate_boxes=boxes
    )


def _precode_box(precode: str, rows: list[_Row]) -> list[tuple[int, int]] | None:
    """The box of the line `precode` was read from, the surest first."""
    lines = sorted((line for row in rows for line in row.lines), key=lambda line: -line.confidence)
    for line in lines:
        if precode in (c.precode for c in read(line.text).candidates):
            return line.box
    for row in sorted(rows, key=lambda row: -row.confidence):
        if precode in (c.precode for c in read(row.text).candidates):
            # Split over boxes ("…RT" and "A583"): the precode ends the row.
            return row.lines[-1].box
    return None
