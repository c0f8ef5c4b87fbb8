"""The JSON API for every radio family: radio=, detection, ambiguous digits, the families' list and the old names."""

import pytest

from radiocode import radios
from radiocode.radios import ford_m


def get_code(client, **params):
    return client.get("/api/v1/code", params=params)


class TestCodes:
    def test_ford_m_serial_is_detected(self, client):
        body = get_code(client, input="M140687").json()
        assert (body["radio"], body["number"], body["code"], body["kind"]) == ("ford-m", "M140687", "8593", "serial")
        assert body["entry_steps"][-1] == "Press preset 5 to enter the code."
        assert body["entry_variant"]["id"] == "presets"
        assert body["evidence"]["counts"]["paperwork"] == 3
        assert any("30 minutes" in claim["text"] for claim in body["lockout"])
        assert "family" not in body and "keep_on" not in body

    @pytest.mark.parametrize(("serial", "code"), [(v.number, v.code) for v in ford_m.VECTORS])
    def test_every_ford_vector(self, client, serial, code):
        assert get_code(client, input=serial, radio="ford-m").json()["code"] == code

    def test_serial_at_the_end_of_a_display_scroll(self, client):
        body = get_code(client, input="DPMV5H255 090000 50702000 M140687").json()
        assert (body["number"], body["code"], body["kind"]) == ("M140687", "8593", "scroll")

    @pytest.mark.parametrize(
        ("params", "number", "code"),
        [
            ({"input": "2063", "radio": "fiat-vp"}, "2063", "1341"),
            ({"input": "6461", "radio": "fiat-daiichi"}, "6461", "8354"),
            ({"input": "999999", "radio": "fiat-visteon"}, "999999", "4968"),
            ({"input": "140687", "radio": "fiat-visteon"}, "140687", "8593"),
        ],
    )
    def test_fiat_radios_by_radio(self, client, params, number, code):
        body = get_code(client, **params).json()
        assert (body["radio"], body["number"], body["code"]) == (params["radio"], number, code)
        assert body["entry_variant"]["known"] is False
        assert body["entry_steps"] == ["The sources do not say how this radio takes the code. Follow what its display asks for."]
        assert body["lockout"][0]["agreement"] == "none"

    def test_make_with_one_fitting_radio(self, client):
        body = get_code(client, input="M140687", radio="ford").json()
        assert (body["radio"], body["code"]) == ("ford-m", "8593")

    def test_renault_by_radio_and_by_old_family_name(self, client):
        body = get_code(client, input="A123", radio="renault").json()
        assert (body["radio"], body["code"], body["family"]["name"]) == ("renault", "0086", "preset6")
        stalk = get_code(client, input="A123", radio="stalk").json()
        assert stalk["family"]["name"] == "stalk"
        assert stalk["entry_steps"] == get_code(client, input="A123", family="stalk").json()["entry_steps"]

    def test_renault_answer_without_radio_keeps_its_shape(self, client):
        body = get_code(client, input="A123").json()
        assert set(body) == {"precode", "code", "kind", "alternatives", "corrected", "computable", "message", "family", "entry_steps", "keep_on"}

    def test_digits_read_as_a_precode_list_the_other_radios(self, client):
        # 2063 reads as the look-alike precode Z063, as before; the Fiat readings come with it.
        body = get_code(client, input="2063").json()
        assert (body["precode"], body["code"], body["corrected"]) == ("Z063", "0919", True)
        assert [(r["radio"], r["code"]) for r in body["by_radio"]] == [("fiat-vp", "1341"), ("fiat-daiichi", "6398")]


class TestRefusals:
    def test_ford_v_is_not_computable(self, client, error_shape):
        message = error_shape(get_code(client, input="V123456"), 422, "not_computable")
        assert "Ford dealer" in message and "decoding service" in message

    @pytest.mark.parametrize("text", ["FDC200", "6000CD", "4500 RDS", "50702000", "ACU CFG 820208", "DPMV5H255"])
    def test_ford_lookalikes_are_not_the_serial(self, client, error_shape, text):
        message = error_shape(get_code(client, input=text, radio="ford-m"), 422, "not_a_serial")
        assert "M or V and six digits" in message

    def test_five_digit_ford_serial(self, client, error_shape):
        message = error_shape(get_code(client, input="M87042"), 422, "invalid_length")
        assert "5 digits" in message

    @pytest.mark.parametrize(("text", "names"), [("6461", ["fiat-vp", "fiat-daiichi"]), ("123456", ["fiat-visteon"])])
    def test_digits_that_are_no_precode_ask_which_radio(self, client, error_shape, text, names):
        message = error_shape(get_code(client, input=text), 422, "ambiguous_radio")
        assert all(name in message for name in names)

    def test_make_with_several_fitting_radios(self, client, error_shape):
        message = error_shape(get_code(client, input="2063", radio="fiat"), 422, "ambiguous_radio")
        assert "fiat-vp" in message and "fiat-daiichi" in message

    def test_daiichi_leading_zero(self, client, error_shape):
        message = error_shape(get_code(client, input="0461", radio="fiat-daiichi"), 422, "unsettled_input")
        assert "sources disagree" in message

    def test_unknown_radio(self, client, error_shape):
        message = error_shape(get_code(client, input="A123", radio="sony"), 422, "unknown_radio")
        assert "ford-m" in message

    def test_family_is_for_renault_only(self, client, error_shape):
        error_shape(get_code(client, input="M140687", family="stalk"), 422, "invalid_format")
        error_shape(get_code(client, input="A123", radio="stalk", family="preset5"), 422, "invalid_format")

    def test_tries_is_for_renault_only(self, client, error_shape):
        error_shape(get_code(client, input="M140687", tries="2"), 422, "invalid_format")


class TestRadiosList:
    def test_every_family_with_input_rule_and_evidence(self, client):
        listed = client.get("/api/v1/radios").json()["radios"]
        assert [r["id"] for r in listed] == list(radios.RADIOS)
        for entry in listed:
            assert set(entry["input"]) >= {"pattern", "length", "example"}
            assert entry["makes"] and entry["name"]
            assert entry["evidence"]["summary"] and entry["evidence"]["vectors"]
            assert entry["links"]["page"] == f"/radios/{entry['id']}"
        ford = listed[1]
        assert (ford["input"]["pattern"], ford["input"]["length"], ford["input"]["example"]) == ("^[Mm][0-9]{6}$", 7, "M123456")
        assert ford["evidence"]["counts"]["paperwork"] == 3

    def test_example_of_each_family_gives_a_code(self, client):
        for entry in client.get("/api/v1/radios").json()["radios"]:
            body = get_code(client, input=entry["input"]["example"], radio=entry["id"]).json()
            assert len(body["code"]) == 4, entry["id"]

    def test_one_family_and_old_variant_names(self, client):
        assert client.get("/api/v1/radios/ford-m").json()["id"] == "ford-m"
        assert client.get("/api/v1/radios/stalk").json()["name"] == "stalk"
        variants = client.get("/api/v1/radios/ford-m/variants").json()["entry_variants"]
        assert variants == [{"name": "presets", "title": "Presets 1 to 4 set the digits, preset 5 enters the code", "entry_known": True}]

    def test_unknown_variants(self, client, error_shape):
        error_shape(client.get("/api/v1/radios/stalk/variants"), 404, "not_found")


def test_openapi_names_every_error_type(client):
    schema = client.get("/openapi.json").json()
    text = str(schema["paths"]["/api/v1/code"]["get"]["responses"]["422"])
    for type_ in ("not_computable", "ambiguous_radio", "unknown_radio", "not_a_serial", "unsettled_input"):
        assert type_ in text
    assert "/api/v1/radios/renault/variants" in schema["paths"]["/api/v1/radios"]["get"]["description"]
