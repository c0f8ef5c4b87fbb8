"""A label photo with two precodes (issue 10): both shown as candidates, why one was chosen, no advice for the other."""

import pytest
from label_images import SECOND_PRECODE, make_photo

from radiocode import read

CHOSEN = "T728"
ADVICE_FOR_THE_OTHER = "usually the last four characters of the serial"


@pytest.fixture(scope="module")
def photo():
    return make_photo(1, "clean", "two_precodes", precode=CHOSEN)


def test_api_gives_both_candidates_with_their_boxes(shared_client, photo):
    answer = shared_client.post("/api/v1/label", files={"photo": ("label.jpg", photo.data, "image/jpeg")})
    assert answer.status_code == 200, answer.text
    body = answer.json()
    assert body["precode"] == CHOSEN
    assert [(c["precode"], c["code"], c["chosen"]) for c in body["candidates"]] == [
        (CHOSEN, read(CHOSEN).code, True),
        (SECOND_PRECODE, read(SECOND_PRECODE).code, False),
    ]
    assert body["candidates"][0]["box"] == body["precode_box"]
    other = body["candidates"][1]["box"]
    assert other is not None and other != body["precode_box"]
    assert any(SECOND_PRECODE in line["text"] and line["box"] == other for line in body["lines"])
    assert f"We chose {CHOSEN} because the label names it" in body["message"]
    assert ADVICE_FOR_THE_OTHER not in body["message"]
    assert "look alike" not in body["message"]


def test_page_shows_both_and_boxes_the_other(shared_client, photo):
    page = shared_client.post("/label", files={"photo": ("label.jpg", photo.data, "image/jpeg")})
    assert page.status_code == 200, page.text
    html = page.text
    assert ADVICE_FOR_THE_OTHER not in html
    assert f"We chose {CHOSEN} because the label names it" in html
    assert '<ul class="photo-candidates">' in html
    section = html.split('<ul class="photo-candidates">', 1)[1].split("</ul>", 1)[0]
    assert f"{CHOSEN} gives {read(CHOSEN).code}: the code shown above" in section
    assert f"{SECOND_PRECODE} gives {read(SECOND_PRECODE).code}: in the dashed box" in section
    # The other is a second precode on the label, not a look-alike: no "check the letter".
    assert "1 of 2 possible codes: check which one is the precode" in html
    assert "Check which one your label marks as the precode" in html
    assert "check the letter" not in html.lower()
    assert html.count('class="other-box"') == 1
    assert html.count('class="precode-box"') == 1
