"""Each radio family's method against the facts' vectors and an independent, vectorised
formulation of the facts' statement (domain-facts-brands §7 and §10, domain-facts §1).

The numpy formulations below are written from the facts file's text, not from
radiocode's modules: they share no code or table with them. The published
1,000,000-entry Ford table is GPL and is not in this project; the check against
it is the facts file's.
"""

from __future__ import annotations

import numpy as np
import pytest

from radiocode import radios
from radiocode.exceptions import NotComputable, UnsettledInput, ValidationError
from radiocode.radios import fiat_daiichi, fiat_visteon, fiat_vp, ford_m, renault

# §10.1, typed again from the facts file.
FACTS_TABLE = np.array(
    [
        [9, 5, 3, 4, 8, 7, 2, 6, 1, 0],
        [2, 1, 5, 6, 9, 3, 7, 0, 4, 8],
        [0, 4, 7, 3, 1, 9, 6, 5, 8, 2],
        [5, 6, 4, 1, 2, 8, 0, 9, 3, 7],
        [6, 3, 1, 2, 0, 5, 4, 8, 7, 9],
        [4, 0, 8, 7, 6, 1, 9, 3, 2, 5],
        [7, 8, 0, 5, 3, 2, 1, 4, 9, 6],
        [1, 9, 6, 8, 7, 4, 5, 2, 0, 3],
        [3, 2, 9, 0, 4, 6, 8, 7, 5, 1],
        [8, 7, 2, 9, 5, 0, 3, 1, 6, 4],
    ]
)


def ford_codes_numpy(serials: np.ndarray) -> np.ndarray:
    """§10.1 over an array of serial numbers (0..999999), all at once: the codes as ints."""
    t = FACTS_TABLE
    n = [(serials // 10**k) % 10 for k in range(6)]  # n[0] is n1, the LAST digit
    r1, r2, r3, r4, r5, r6 = (t[n[0], 5], t[n[1], 3], t[n[2], 8], t[n[3], 2], t[n[4], 1], t[n[5], 6])
    r7 = t[np.zeros_like(serials), 9]
    s1 = ((t[r2, r1] + 1) * (t[r6, r2] + 1) + (t[r4, r3] + 1) * (t[r7, r5] + 1) + t[r1, r4]) % 10
    s2 = ((t[r2, r1] + 1) * (t[r5, r4] + 1) + (t[r5, r2] + 1) * (t[r7, r3] + 1) + t[r1, r6]) % 10
    s3 = ((t[r2, r1] + 1) * (t[r4, r2] + 1) + (t[r3, r6] + 1) * (t[r7, r4] + 1) + t[r1, r5]) % 10
    s4 = ((t[r2, r1] + 1) * (t[r6, r3] + 1) + (t[r3, r7] + 1) * (t[r2, r5] + 1) + t[r4, r1]) % 10
    x1 = (t[s1, 5] + 1) * (t[s2, 1] + 1) + 105
    x2 = (t[s2, 1] + 1) * (t[s4, 0] + 1) + 102
    x3 = (t[s1, 5] + 1) * (t[s3, 8] + 1) + 103
    x4 = (t[s3, 8] + 1) * (t[s4, 0] + 1) + 108

    def d(x: np.ndarray) -> np.ndarray:
        return ((x // 10) % 10 + x % 10 + r1) % 10

    return d(x4) * 1000 + d(x3) * 100 + d(x2) * 10 + d(x1)


def vp_codes_numpy(numbers: np.ndarray) -> np.ndarray:
    """§10.2 over an array of 4-digit numbers."""
    a, b, c, d = numbers // 1000, numbers // 100 % 10, numbers // 10 % 10, numbers % 10
    high = {0: [0, 0, 0, 1], 1: [1, 1, 0, 1], 2: [2, 2, 0, 1], 3: [3, 3, 0, 1]}

    def value(digit: np.ndarray, position: int) -> np.ndarray:
        return 1 + np.where(digit <= 5, digit, np.array(high[position])[np.clip(digit - 6, 0, 3)])

    return value(c, 0) * 1000 + value(a, 1) * 100 + value(d, 2) * 10 + value(b, 3)


def daiichi_codes_numpy(numbers: np.ndarray) -> np.ndarray:
    """§10.3: reverse the digits, 10000 minus that, mod 10000."""
    reversed_ = numbers % 10 * 1000 + numbers // 10 % 10 * 100 + numbers // 100 % 10 * 10 + numbers // 1000
    return (10_000 - reversed_) % 10_000


def as_text(codes: np.ndarray) -> list[str]:
    return [f"{code:04d}" for code in codes.tolist()]


class TestFactVectors:
    @pytest.mark.parametrize(
        ("serial", "code"),
        [
            ("M140687", "8593"), ("M083988", "9557"), ("M030063", "0447"), ("M036972", "6471"),
            ("M027154", "8049"), ("M027078", "1810"), ("M087042", "9124"), ("M011936", "3128"),
            ("M212365", "3633"), ("M123456", "2487"), ("M999999", "4968"),
        ],
    )  # fmt: skip
    def test_ford_m(self, serial, code):
        """§7.1: every pair, through the module, the reader and the independent formulation."""
        assert ford_m.radio_code(serial) == code
        assert radios.read(serial).code == code
        assert as_text(ford_codes_numpy(np.array([int(serial[1:])]))) == [code]

    def test_ford_v_is_never_computed(self):
        """§7.2: PELock's V test (123456 -> 3067) is a table, not a method: refused."""
        with pytest.raises(NotComputable):
            ford_m.radio_code("V123456")
        reading = radios.read("V123456")
        assert (reading.code, reading.error.type, reading.computable) == (None, "not_computable", False)

    def test_fiat_vectors(self):
        """§7.2: the vendor tests of each Fiat family."""
        assert fiat_vp.radio_code("2063") == "1341"
        assert fiat_daiichi.radio_code("6461") == "8354"
        assert fiat_visteon.radio_code("999999") == "4968"

    @pytest.mark.parametrize(
        ("precode", "code"),
        [
            ("S053", "7913"), ("V188", "4839"), ("Q420", "9588"), ("S049", "7930"), ("Z999", "0060"),
            ("A123", "0086"), ("B456", "0709"), ("C789", "1621"), ("A100", "0070"), ("A109", "0007"),
            ("A129", "0001"), ("A999", "0765"), ("B100", "0677"), ("I123", "1682"), ("O555", "1400"),
            ("Q100", "9872"), ("T903", "6041"), ("Z100", "0875"), ("Z546", "0470"), ("Z990", "0034"),
            ("Z998", "0099"), ("Y020", "1902"),
        ],
    )  # fmt: skip
    def test_renault_still(self, precode, code):
        """domain-facts §1: the moved module, through the registry, gives the same codes."""
        assert radios.module("renault").radio_code(precode) == code
        assert radios.read(precode, radio="renault").code == code

    @pytest.mark.parametrize("radio_id", list(radios.RADIOS))
    def test_every_recorded_vector_is_the_module_code(self, radio_id):
        """The evidence records state only codes the module gives."""
        module = radios.module(radio_id)
        vectors = radios.RADIOS[radio_id].evidence.vectors
        assert vectors
        for vector in vectors:
            assert module.radio_code(vector.number) == vector.code, vector


def digits(values: np.ndarray, width: int) -> np.ndarray:
    """Each value as `width` ASCII digits: an array of shape (len(values), width), dtype uint8."""
    powers = 10 ** np.arange(width - 1, -1, -1)
    return (values[:, None] // powers % 10 + ord("0")).astype(np.uint8)


@pytest.fixture(scope="module")
def ford_expected() -> np.ndarray:
    """The independent formulation's codes of all 1,000,000 serials, as ASCII digits."""
    return digits(ford_codes_numpy(np.arange(1_000_000)), 4)


def joined(codes) -> bytes:
    return "".join(codes).encode("ascii")


class TestWholeInputSpace:
    """Every input of each family against the independent formulation: in seconds."""

    def test_all_ford_serials_table(self, ford_expected):
        table = ford_m.table()
        serials, codes = zip(*table)
        assert (serials[0], serials[-1], len(serials)) == ("M000000", "M999999", 1_000_000)
        assert joined(codes) == ford_expected.tobytes()

    def test_all_ford_serials_one_at_a_time(self, ford_expected):
        """radio_code() itself, not its vectorised twin, on every 7th serial (all of them: the table test)."""
        serials = range(0, 1_000_000, 7)
        assert joined(ford_m.radio_code(f"M{n:06d}") for n in serials) == ford_expected[::7].tobytes()

    def test_ford_csv_lines(self, ford_expected):
        """The CSV the CLI writes: M, the serial, a comma, the code, a line feed, for every serial."""
        serials = digits(np.arange(1_000_000), 6)
        rows = np.empty((1_000_000, 13), dtype=np.uint8)
        rows[:, 0], rows[:, 1:7], rows[:, 7], rows[:, 8:12], rows[:, 12] = ord("M"), serials, ord(","), ford_expected, ord("\n")
        assert "".join(radios.RADIOS["ford-m"].csv_lines()).encode("ascii") == rows.tobytes()

    def test_all_visteon_numbers(self, ford_expected):
        assert joined(code for _, code in fiat_visteon.table()) == ford_expected.tobytes()
        expected = ford_expected.tobytes().decode()
        assert "".join(fiat_visteon.RADIO.csv_lines()).splitlines()[:2] == [f"000000,{expected[0:4]}", f"000001,{expected[4:8]}"]
        # The whole CSV: the number, a comma, the code, a line feed, for every number.
        rows = np.empty((1_000_000, 12), dtype=np.uint8)
        rows[:, 0:6], rows[:, 6], rows[:, 7:11], rows[:, 11] = digits(np.arange(1_000_000), 6), ord(","), ford_expected, ord("\n")
        assert "".join(fiat_visteon.RADIO.csv_lines()).encode("ascii") == rows.tobytes()
        assert joined(fiat_visteon.radio_code(f"{n:06d}") for n in range(0, 1_000_000, 97)) == ford_expected[::97].tobytes()

    def test_all_vp_numbers(self):
        expected = as_text(vp_codes_numpy(np.arange(10_000)))
        assert [fiat_vp.radio_code(f"{n:04d}") for n in range(10_000)] == expected
        assert list(fiat_vp.table()) == [(f"{n:04d}", code) for n, code in enumerate(expected)]
        assert set("".join(expected)) == set("123456")  # §3: only the digits 1 to 6
        assert len(set(expected)) == 6**4

    def test_all_daiichi_numbers(self):
        expected = as_text(daiichi_codes_numpy(np.arange(10_000)))
        refused = 0
        for n in range(10_000):
            number = f"{n:04d}"
            if number[0] == "0":
                # §4: the sources disagree on these; no code, and the reason.
                with pytest.raises(UnsettledInput, match="start with 0"):
                    fiat_daiichi.radio_code(number)
                refused += 1
            else:
                assert fiat_daiichi.radio_code(number) == expected[n]
        assert refused == 1_000
        assert list(fiat_daiichi.table()) == [(f"{n:04d}", expected[n]) for n in range(1000, 10_000)]


class TestModuleFaces:
    @pytest.mark.parametrize("radio_id", list(radios.RADIOS))
    def test_every_module_has_the_face(self, radio_id):
        module = radios.module(radio_id)
        for name in ("compact", "validate", "is_valid", "format", "radio_code", "table"):
            assert callable(getattr(module, name)), name
        example = radios.RADIOS[radio_id].input_rule.example
        assert module.is_valid(example)
        assert module.format(example) == module.validate(example)

    @pytest.mark.parametrize("radio_id", list(radios.RADIOS))
    @pytest.mark.parametrize("junk", [None, 0, b"M123456", ["2063"], "", " ", "🚗", "M" * 10_000, "Ｍ１４０６８７x", "12³4"])
    def test_is_valid_never_raises(self, radio_id, junk):
        assert radios.module(radio_id).is_valid(junk) in (True, False)

    @pytest.mark.parametrize("radio_id", list(radios.RADIOS))
    @pytest.mark.parametrize("junk", [None, 0, "", "🚗", "M" * 10_000, "12³4", "١٢٣٤"])
    def test_read_never_raises(self, radio_id, junk):
        reading = radios.read(junk, radio=radio_id)
        assert isinstance(reading.error, ValidationError)
        assert reading.code is None and reading.message()

    def test_ascii_digits_only(self):
        """str.isdigit() takes ³ and ١: the modules do not."""
        assert not fiat_vp.is_valid("12³4") and not fiat_vp.is_valid("١٢٣٤")
        assert not ford_m.is_valid("M12345³")

    def test_full_width_and_separators(self):
        assert ford_m.validate("Ｍ１４０６８７") == "M140687"
        assert fiat_vp.validate("20-63") == "2063"

    def test_precode_is_the_renault_module(self):
        import radiocode.precode

        assert radiocode.precode is renault
        assert radiocode.precode.radio_code("A123") == "0086"
