"""Photos of generated labels, read end to end with the real OCR engine.

These need the ``ocr`` extra: without it they fail (the test command installs
it), they do not skip.
"""

import functools
import io

import pytest
from label_images import LAYOUTS, MODERATE, make_photo, sideways_with_exif
from PIL import Image

from radiocode import read
from radiocode.ocr import PhotoReading, read_photo

# A handful of photos keeps the run short; bench/ocr.py reads hundreds.
CLEAN = [(seed, layout) for seed, layout in enumerate(LAYOUTS)]
DEGRADED = [(100 + seed, degradation) for seed, degradation in enumerate(MODERATE) if degradation != "clean"]


@functools.cache
def photo_and_result(seed, degradation, layout=None):
    photo = make_photo(seed, degradation, layout)
    return photo, read_photo(photo.data)


def _box_centre(box):
    return sum(x for x, _ in box) / 4, sum(y for _, y in box) / 4


@pytest.mark.parametrize(("seed", "layout"), CLEAN, ids=[layout for _, layout in CLEAN])
def test_clean_label_gives_its_precode_first(seed, layout):
    photo, result = photo_and_result(seed, "clean", layout)
    assert result.reading.precode == photo.precode, [line.text for line in result.lines]
    assert result.reading.ok


@pytest.mark.parametrize(("seed", "degradation"), DEGRADED, ids=[d for _, d in DEGRADED])
def test_moderately_degraded_label_gives_its_precode_first(seed, degradation):
    photo, result = photo_and_result(seed, degradation)
    assert result.reading.precode == photo.precode, [line.text for line in result.lines]


def test_reading_is_the_one_typed_text_gives():
    photo, result = photo_and_result(0, "clean", "rt")
    precode_line = next(line for line in result.lines if photo.precode in line.text)
    assert result.reading == read(precode_line.text)
    assert result.reading.kind == "label"
    assert result.reading.code == read(photo.precode).code


def test_lines_hold_the_label_text_with_confidence_and_boxes():
    photo, result = photo_and_result(0, "clean", "rt")
    texts = " ".join(line.text for line in result.lines)
    assert photo.precode in texts
    assert "RENAULT" in texts
    for line in result.lines:
        assert 0.0 <= line.confidence <= 1.0
        assert len(line.box) == 4
        assert all(0 <= x <= result.width and 0 <= y <= result.height for x, y in line.box)


def test_precode_box_is_the_line_the_precode_came_from():
    photo, result = photo_and_result(0, "clean", "rt")
    line = next(line for line in result.lines if line.box == result.precode_box)
    assert photo.precode in line.text


def test_size_is_the_photos():
    photo, result = photo_and_result(0, "clean", "rt")
    assert (result.width, result.height) == Image.open(io.BytesIO(photo.data)).size


def test_to_dict_is_the_reading_plus_lines_box_and_size():
    photo, result = photo_and_result(0, "clean", "rt")
    data = result.to_dict()
    assert {k: data[k] for k in result.reading.to_dict()} == result.reading.to_dict()
    assert data["precode"] == photo.precode
    assert data["image"] == {"width": result.width, "height": result.height}
    assert data["precode_box"] == [list(p) for p in result.precode_box]
    assert data["lines"][0].keys() == {"text", "confidence", "box"}
    assert all(len(line["box"]) == 4 and len(line["box"][0]) == 2 for line in data["lines"])


def test_exif_rotation_is_honoured():
    photo, upright = photo_and_result(0, "clean", "rt")
    result = read_photo(sideways_with_exif(photo))
    assert result.reading.precode == photo.precode
    assert (result.width, result.height) == (upright.width, upright.height)
    # The box is in the upright picture's pixels: where the upright photo has it.
    (x, y), (ux, uy) = _box_centre(result.precode_box), _box_centre(upright.precode_box)
    assert abs(x - ux) < 10 and abs(y - uy) < 10


def test_photo_with_no_text_says_no_precode_found():
    blank = io.BytesIO()
    Image.new("RGB", (640, 480), (200, 200, 200)).save(blank, "PNG")
    result = read_photo(blank.getvalue())
    assert isinstance(result, PhotoReading)
    assert result.lines == []
    assert result.precode_box is None
    assert not result.reading.ok
    assert result.reading.error.type in {"empty_input", "no_precode_found"}


def test_photos_are_not_written_to_disk(monkeypatch, tmp_path):
    import builtins
    import os

    photo = make_photo(1, "clean")
    real_open, real_os_open = builtins.open, os.open
    writes = []

    def guarded_open(file, mode="r", *args, **kwargs):
        if any(flag in str(mode) for flag in "wax+"):
            writes.append(file)
        return real_open(file, mode, *args, **kwargs)

    def guarded_os_open(path, flags, *args, **kwargs):
        if flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT):
            writes.append(path)
        return real_os_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(builtins, "open", guarded_open)
    monkeypatch.setattr(os, "open", guarded_os_open)
    assert read_photo(photo.data).reading.precode == photo.precode
    assert writes == []


def test_photos_are_not_logged(caplog):
    photo = make_photo(2, "clean")
    with caplog.at_level("DEBUG"):
        read_photo(photo.data)
    for record in caplog.records:
        assert not any(isinstance(arg, (bytes, bytearray)) for arg in (record.args or ()))
        assert repr(photo.data[:16]) not in record.getMessage()
