"""Uploads that are not one sane still photo: each a clear error saying what to try."""

import io
import struct
import zlib

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from radiocode.exceptions import ValidationError
from radiocode.ocr import (
    MAX_BYTES,
    AnimatedPhoto,
    CorruptPhoto,
    InvalidPhoto,
    NotAnImage,
    PhotoTooLarge,
    PhotoTooManyPixels,
    PhotoTypeMismatch,
    UnsupportedPhotoFormat,
    load_photo,
    read_photo,
)


def encode(image, fmt, **options):
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def small_photo(fmt="JPEG"):
    return encode(Image.new("RGB", (64, 48), (230, 230, 230)), fmt)


def png_header(width, height):
    """A PNG that declares `width` x `height` and holds one row of data: what a bomb looks like."""

    def chunk(kind, body):
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b"")


def frames(n, size=(64, 48)):
    return [Image.new("RGB", size, (40 * i, 40 * i, 40 * i)) for i in range(n)]


class TestBadUploads:
    def test_too_large(self):
        """More than 10 MB is refused before it is decoded."""
        with pytest.raises(PhotoTooLarge) as info:
            read_photo(b"\xff\xd8\xff" + b"\x00" * MAX_BYTES)
        assert info.value.type == "photo_too_large"
        assert "limit is 10 MB" in str(info.value)
        assert "Crop it to the label" in str(info.value)

    def test_too_many_pixels(self):
        """A small file that declares a huge picture is refused before its pixels are decoded."""
        with pytest.raises(PhotoTooManyPixels) as info:
            read_photo(png_header(10_000, 8_000))
        assert info.value.type == "photo_too_many_pixels"
        assert "10000 x 8000 pixels" in str(info.value)

    def test_decompression_bomb(self):
        """Past Pillow's own bomb limit the answer is the same clear error, not a warning or a crash."""
        with pytest.raises(PhotoTooManyPixels) as info:
            read_photo(png_header(60_000, 60_000))
        assert "the limit is 50 megapixels" in str(info.value)

    @pytest.mark.parametrize(
        "data",
        [b"", b"hello", b"<html><body>A583</body></html>", b"\x00" * 100, b"PK\x03\x04zipfile", b"A583"],
        ids=["empty", "text", "html", "zeros", "zip", "typed-precode"],
    )
    def test_not_an_image(self, data):
        """Bytes that are no image say which formats to send."""
        with pytest.raises(NotAnImage) as info:
            read_photo(data)
        assert info.value.type == "not_an_image"
        assert "JPEG" in str(info.value)

    @pytest.mark.parametrize("junk", [None, "photo.jpg", 42, ["bytes"]], ids=repr)
    def test_not_bytes(self, junk):
        """Anything but bytes is a clear error too."""
        with pytest.raises(NotAnImage):
            read_photo(junk)

    @pytest.mark.parametrize(
        ("data", "name"),
        [
            (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", "HEIC"),
            (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", "AVIF"),
            (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg"></svg>', "SVG"),
            (b"%PDF-1.7\n", "PDF"),
        ],
        ids=["heic", "avif", "svg", "pdf"],
    )
    def test_unsupported_format(self, data, name):
        """Formats we recognise but do not read are named, with how to send a JPEG instead."""
        with pytest.raises(UnsupportedPhotoFormat) as info:
            read_photo(data)
        assert info.value.type == "unsupported_photo_format"
        assert f"This is a {name} file" in str(info.value)

    @pytest.mark.parametrize(
        "data",
        [b"\x89PNG\r\n\x1a\n" + b"<script>alert(1)</script>", b"GIF89a<html>not a gif</html>", b"\xff\xd8\xff\xe0garbage"],
        ids=["png-html", "gif-html", "jpeg-garbage"],
    )
    def test_starts_like_an_image_but_is_not(self, data):
        """A file whose first bytes lie about what it is."""
        with pytest.raises(PhotoTypeMismatch) as info:
            read_photo(data)
        assert info.value.type == "photo_type_mismatch"
        assert "claims to be a" in str(info.value)

    def test_declared_type_disagrees_with_the_bytes(self):
        """An upload sent as image/png that is a JPEG."""
        with pytest.raises(PhotoTypeMismatch) as info:
            read_photo(small_photo("JPEG"), media_type="image/png")
        assert str(info.value) == (
            "This file is sent as a PNG image but is a JPEG image. Send the original photo of the label."
        )

    def test_declared_type_that_agrees_or_says_nothing_is_fine(self):
        """image/jpeg with parameters, or a type that names no image format, is accepted."""
        assert load_photo(small_photo("JPEG"), media_type="image/jpeg; charset=binary").size == (64, 48)
        assert load_photo(small_photo("PNG"), media_type="application/octet-stream").size == (64, 48)

    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"])
    def test_truncated(self, fmt):
        """A file cut short (an interrupted upload) asks to send it again."""
        photo = encode(Image.effect_noise((400, 300), 60).convert("RGB"), fmt)
        with pytest.raises((CorruptPhoto, PhotoTypeMismatch)) as info:
            read_photo(photo[: len(photo) // 2])
        assert "send it again" in str(info.value).lower() or "claims to be" in str(info.value)

    def test_truncated_jpeg_is_corrupt(self):
        """The usual case, a JPEG cut short, says so in those words."""
        photo = encode(Image.effect_noise((400, 300), 60).convert("RGB"), "JPEG")
        with pytest.raises(CorruptPhoto) as info:
            read_photo(photo[: len(photo) // 2])
        assert info.value.type == "photo_corrupt"
        assert str(info.value) == (
            "This photo is cut short or damaged, so we cannot read it. Send it again, or take a new photo of the label."
        )

    @pytest.mark.parametrize(
        ("fmt", "options"),
        [("GIF", {}), ("PNG", {}), ("WEBP", {"lossless": True}), ("TIFF", {})],
        ids=["gif", "apng", "webp", "multipage-tiff"],
    )
    def test_animated_or_multi_frame(self, fmt, options):
        """Animations and multi-page files ask for one still photo."""
        first, *rest = frames(3)
        data = encode(first, fmt, save_all=True, append_images=rest, **options)
        with pytest.raises(AnimatedPhoto) as info:
            read_photo(data)
        assert info.value.type == "photo_animated"
        assert "holds 3 pictures" in str(info.value)

    def test_phone_jpeg_with_a_second_picture_is_a_still_photo(self):
        """Phones write MPO (a JPEG holding a smaller second picture): that is one photo."""
        first, second = frames(2, (320, 240))
        data = encode(first, "MPO", save_all=True, append_images=[second])
        assert data.startswith(b"\xff\xd8\xff")
        assert load_photo(data).size == (320, 240)

    def test_every_error_is_a_validation_error_with_a_type(self):
        """The CLI and the API show these as they show every other input error."""
        for cls in (InvalidPhoto, NotAnImage, UnsupportedPhotoFormat, PhotoTypeMismatch, PhotoTooLarge,
                    PhotoTooManyPixels, CorruptPhoto, AnimatedPhoto):  # fmt: skip
            assert issubclass(cls, ValidationError)
            assert issubclass(cls, ValueError)
            assert cls.type and cls.message
        assert len({cls.type for cls in InvalidPhoto.__subclasses__()}) == len(InvalidPhoto.__subclasses__())


class TestGoodUploads:
    @pytest.mark.parametrize("fmt", ["JPEG", "PNG", "WEBP", "GIF", "BMP", "TIFF"])
    def test_every_format_loads_upright_in_rgb(self, fmt):
        image = load_photo(small_photo(fmt))
        assert image.mode == "RGB"
        assert image.size == (64, 48)

    def test_exif_orientation_turns_the_picture_upright(self):
        exif = Image.Exif()
        exif[0x0112] = 6  # stored a quarter turn off: show it turned 90 degrees clockwise
        data = encode(Image.new("RGB", (64, 48)), "JPEG", exif=exif)
        assert load_photo(data).size == (48, 64)

    def test_transparent_png_is_on_white(self):
        data = encode(Image.new("RGBA", (8, 8), (0, 0, 0, 0)), "PNG")
        assert load_photo(data).getpixel((0, 0)) == (255, 255, 255)

    def test_sixteen_bit_png(self):
        data = encode(Image.new("I;16", (8, 8), 65535), "PNG")
        assert load_photo(data).getpixel((0, 0)) == (255, 255, 255)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_damaged_photos_never_raise_anything_else(data):
    """Bytes flipped or cut anywhere in a real photo: a loaded image or an InvalidPhoto, nothing else."""
    photo = bytearray(small_photo(data.draw(st.sampled_from(["JPEG", "PNG", "GIF", "WEBP", "BMP", "TIFF"]))))
    for _ in range(data.draw(st.integers(0, 8))):
        position = data.draw(st.integers(0, len(photo) - 1))
        photo[position] = data.draw(st.integers(0, 255))
    photo = photo[: data.draw(st.integers(0, len(photo)))]
    try:
        image = load_photo(bytes(photo))
    except InvalidPhoto:
        return
    assert image.mode == "RGB"
