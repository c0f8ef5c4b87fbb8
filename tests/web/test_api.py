"""The JSON API: readings, entry steps, waits, radio families and the one error shape."""

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from radiocode import radio_code


def get_code(client, **params):
    return client.get("/api/v1/code", params=params)


def test_precode_gives_code_and_steps(client):
    body = get_code(client, input="A123").json()
    assert body["precode"] == "A123"
    assert body["code"] == "0086"
    assert body["kind"] == "precode"
    assert body["alternatives"] == []
    assert body["computable"] is True
    assert body["message"] == "The precode A123 gives the code 0086."
    assert body["family"]["name"] == "preset6"
    assert body["entry_steps"][0] == "Switch the radio on. The display shows CODE, then 0000."
    assert body["entry_steps"][-1] == "Hold preset 6 until you hear a beep."
    assert "wait" not in body


@pytest.mark.parametrize(
    ("text", "precode", "code"),
    [("S053", "S053", "7913"), ("Q420", "Q420", "9588"), ("Z999", "Z999", "0060"), ("Y020", "Y020", "1902"), ("a-123", "A123", "0086")],
)
def test_independent_vectors(client, text, precode, code):
    body = get_code(client, input=text).json()
    assert (body["precode"], body["code"]) == (precode, code)


def test_label_text(client):
    body = get_code(client, input="7 649 190 391 28 115 9243RT S049").json()
    assert (body["kind"], body["precode"], body["code"]) == ("label", "S049", "7930")
    assert body["message"].startswith("We read the precode S049 from your label.")


def test_lookalikes_give_alternatives_with_hints(client):
    body = get_code(client, input="0818").json()
    assert (body["precode"], body["code"], body["corrected"]) == ("O818", "1126", True)
    assert [(a["precode"], a["code"]) for a in body["alternatives"]] == [("Q818", "9120"), ("D818", "3129")]
    assert body["alternatives"][0]["hint"] == "Q has a small tail at the bottom right."


@pytest.mark.parametrize(("family", "last"), [("preset5", "Hold preset 5 until you hear a beep."), ("philips", "Press button 1 to store the code.")])
def test_family_changes_steps(client, family, last):
    body = get_code(client, input="A123", family=family).json()
    assert body["family"]["name"] == family
    assert body["entry_steps"][-1] == last


def test_media_nav_says_steps_are_unknown(client):
    body = get_code(client, input="A123", family="media_nav").json()
    assert body["entry_steps"] == ["Our sources do not say how a Media Nav unit takes the code. Follow what its screen asks for."]


def test_tries_add_the_wait_estimate(client):
    wait = get_code(client, input="A123", tries="3").json()["wait"]
    assert (wait["tries"], wait["shortest_minutes"], wait["longest_minutes"]) == (3, 4, 60)
    assert [(s["source"], s["minutes"]) for s in wait["sources"]] == [
        ("workshop_manual", 4), ("medianav", 8), ("code_seller", 60), ("forum", None), ("seed_page", None)
    ]


def test_wait_endpoint(client):
    body = client.get("/api/v1/wait", params={"tries": "1"}).json()
    assert (body["shortest_minutes"], body["longest_minutes"]) == (0, 2)
    assert body["keep_on"].startswith("Keep the radio switched on")


def test_json_twin_is_the_api_answer(client):
    for text in ("A123", "281150198RT A583", "0818"):
        assert client.get("/code.json", params={"input": text}).json() == get_code(client, input=text).json()


class TestErrors:
    """Every API error has the one shape; the type says which."""

    @pytest.mark.parametrize(
        ("text", "type_"),
        [
            ("7700 434 436", "not_a_precode"),
            ("VF1BB0A0H12345678", "not_a_precode"),
            ("BP0490", "not_a_precode"),
            ("22DC259/62T", "not_a_precode"),
            ("Carminat", "not_computable"),
            ("7 607 005 012", "not_computable"),
            ("A012", "nonexistent_precode"),
            ("", "empty_input"),
            ("   ", "empty_input"),
            ("hello there friend", "no_precode_found"),
            ("A12", "invalid_length"),
            ("x" * 501, "input_too_long"),
        ],
    )
    def test_unusable_input(self, client, error_shape, text, type_):
        error_shape(get_code(client, input=text), 422, type_)

    def test_not_a_precode_says_where_to_look(self, client, error_shape):
        message = error_shape(get_code(client, input="7700 434 436"), 422, "not_a_precode")
        assert "This is a Renault part number" in message
        assert "presets 1 and 6" in message

    def test_missing_input(self, client, error_shape):
        message = error_shape(client.get("/api/v1/code"), 422, "invalid_parameter")
        assert message == "Some of the details sent are missing or not valid: input."

    def test_unknown_family(self, client, error_shape):
        message = error_shape(get_code(client, input="A123", family="bogus"), 422, "invalid_format")
        assert "preset6" in message

    @pytest.mark.parametrize("tries", ["0", "51", "-1", "abc", "1.5", "٣", "9999"])
    def test_bad_tries(self, client, error_shape, tries):
        error_shape(get_code(client, input="A123", tries=tries), 422, "invalid_format")
        error_shape(client.get("/api/v1/wait", params={"tries": tries}), 422, "invalid_format")

    def test_404(self, client, error_shape):
        error_shape(client.get("/api/v1/nothing"), 404, "not_found")
        error_shape(client.get("/api/v2/code?input=A123"), 404, "not_found")

    def test_405(self, client, error_shape):
        response = client.post("/api/v1/code", params={"input": "A123"})
        error_shape(response, 405, "method_not_allowed")
        assert response.headers["allow"] == "GET, HEAD"
        response = client.delete("/api/v1/radios")
        error_shape(response, 405, "method_not_allowed")
        assert response.headers["allow"] == "GET, HEAD"

    def test_absurd_query_string(self, client, error_shape):
        error_shape(client.get("/api/v1/code?input=A123&junk=" + "x" * 5000), 414, "request_too_long")


class TestRadios:
    def test_list(self, client):
        # Today's list of Renault entry variants, item for item, at its new address.
        radios = client.get("/api/v1/radios/renault/variants").json()["entry_variants"]
        assert [r["name"] for r in radios] == ["preset6", "preset5", "stalk", "philips", "media_nav"]
        first = radios[0]
        assert first["input"] == {"max_length": 4, "pattern": "^[A-Z][0-9]{3}$", "example": "A123", "excluded": "A000-A099"}
        assert first["entry_known"] is True
        assert first["lockout"]["max_tries"] == 50
        assert [s["source"] for s in first["lockout"]["sources"]] == ["workshop_manual", "medianav", "code_seller", "forum", "seed_page"]

    def test_one(self, client):
        body = client.get("/api/v1/radios/media_nav").json()
        assert body["name"] == "media_nav"
        assert body["entry_known"] is False
        assert body["confirm"] is None

    def test_unknown(self, client, error_shape):
        message = error_shape(client.get("/api/v1/radios/nope"), 404, "not_found")
        assert message.startswith("There is no radio family called nope.")
        assert "ford-m" in message and "stalk" in message


def test_openapi_describes_the_api(client):
    schema = client.get("/openapi.json").json()
    assert set(schema["paths"]) == {"/api/v1/code", "/api/v1/label", "/api/v1/wait", "/api/v1/radios", "/api/v1/radios/{radio}", "/api/v1/radios/{radio}/variants"}
    parameters = {p["name"] for p in schema["paths"]["/api/v1/code"]["get"]["parameters"]}
    assert parameters == {"input", "radio", "family", "tries"}


def test_no_cdn_docs(client, error_shape):
    # FastAPI's own docs pages load scripts from a CDN: they are switched off.
    error_shape(client.get("/docs.json"), 404, "not_found")
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.one_of(
    st.text(max_size=60),
    # A precode that exists, as typed or at the end of a label line: the "gets a code" half.
    st.builds("{}{:03d}".format, st.sampled_from("BCDEFGHJKMNOPQRSUVWXYZ"), st.integers(0, 999)),
    st.builds("281150198RT {}{:03d}".format, st.sampled_from("BEFHKMPSUXZ"), st.integers(0, 999)),
))
def test_any_text_gets_a_code_or_the_error_shape(client, text):
    response = get_code(client, input=text)
    event(f"answered {response.status_code}")
    if response.status_code == 200:
        body = response.json()
        assert len(body["code"]) == 4 and body["code"].isdigit()
        assert body["code"] == radio_code(body["precode"])
    else:
        assert response.status_code == 422
        assert set(response.json()["error"]) == {"type", "message"}
