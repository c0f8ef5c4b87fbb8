"""The Ford M-series arithmetic (domain-facts-brands §10.1), shared by ford_m and fiat_visteon.

Written from the facts file's statement of the algorithm, not from any of the
repositories it names. One serial at a time for :func:`code`; all 1,000,000
at once, fast, for :func:`codes`.

>>> code("140687"), code("083988"), code("999999")
('8593', '9557', '4968')
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
import functools
import operator
from itertools import product

__all__ = ["code", "codes", "TABLE"]

TABLE = (
    (9, 5, 3, 4, 8, 7, 2, 6, 1, 0),
    (2, 1, 5, 6, 9, 3, 7, 0, 4, 8),
    (0, 4, 7, 3, 1, 9, 6, 5, 8, 2),
    (5, 6, 4, 1, 2, 8, 0, 9, 3, 7),
    (6, 3, 1, 2, 0, 5, 4, 8, 7, 9),
    (4, 0, 8, 7, 6, 1, 9, 3, 2, 5),
    (7, 8, 0, 5, 3, 2, 1, 4, 9, 6),
    (1, 9, 6, 8, 7, 4, 5, 2, 0, 3),
    (3, 2, 9, 0, 4, 6, 8, 7, 5, 1),
    (8, 7, 2, 9, 5, 0, 3, 1, 6, 4),
)
T = TABLE
# n7 is always 0, so r7 is a constant.
R7 = T[0][9]


def _digit(x: int, r1: int) -> int:
    # The tens digit only: a hundreds digit is dropped.
    return ((x // 10) % 10 + x % 10 + r1) % 10


def _final(s1: int, s2: int, s3: int, s4: int, r1: int) -> str:
    x1 = (T[s1][5] + 1) * (T[s2][1] + 1) + 105
    x2 = (T[s2][1] + 1) * (T[s4][0] + 1) + 102
    x3 = (T[s1][5] + 1) * (T[s3][8] + 1) + 103
    x4 = (T[s3][8] + 1) * (T[s4][0] + 1) + 108
    return "%d%d%d%d" % (_digit(x4, r1), _digit(x3, r1), _digit(x2, r1), _digit(x1, r1))




# The same arithmetic with its look-ups made once, for code(): a batch run computes one
# serial per row. U[10 x + y] is T[x][y] + 1; _LOW and _HIGH hold the r values (and a)
# of the last and the first three digits; F1 to F4 are _digit's sums of x1 to x4 without
# r1, by the two s values each depends on; _CODES the four digits as text, by their value.
_U = [T[x][y] + 1 for x in range(10) for y in range(10)]
_R7U = [T[R7][r] + 1 for r in range(10)]


def _sum(x: int) -> int:
    return (x // 10) % 10 + x % 10


_F1 = [_sum((T[s1][5] + 1) * (T[s2][1] + 1) + 105) for s1 in range(10) for s2 in range(10)]
_F2 = [_sum((T[s2][1] + 1) * (T[s4][0] + 1) + 102) for s2 in range(10) for s4 in range(10)]
_F3 = [_sum((T[s1][5] + 1) * (T[s3][8] + 1) + 103) for s1 in range(10) for s3 in range(10)]
_F4 = [_sum((T[s3][8] + 1) * (T[s4][0] + 1) + 108) for s3 in range(10) for s4 in range(10)]
_CODES = ["%04d" % n for n in range(10_000)]
_LOW = {
    "%d%d%d" % (n3, n2, n1): (T[n1][5], T[n2][3], T[n3][8], T[T[n2][3]][T[n1][5]] + 1)
    for n3, n2, n1 in product(range(10), repeat=3)
}
_HIGH = {"%d%d%d" % (n6, n5, n4): (T[n4][2], T[n5][1], T[n6][6]) for n6, n5, n4 in product(range(10), repeat=3)}


def code(digits: str) -> str:
    """The code for six ASCII digits (the serial without its M)."""
    r1, r2, r3, a = _LOW[digits[3:]]  # the LAST digit gives r1
    r4, r5, r6 = _HIGH[digits[:3]]
    U, R7U = _U, _R7U
    s1 = (a * U[r6 * 10 + r2] + U[r4 * 10 + r3] * R7U[r5] + U[r1 * 10 + r4] - 1) % 10
    s2 = (a * U[r5 * 10 + r4] + U[r5 * 10 + r2] * R7U[r3] + U[r1 * 10 + r6] - 1) % 10
    s3 = (a * U[r4 * 10 + r2] + U[r3 * 10 + r6] * R7U[r4] + U[r1 * 10 + r5] - 1) % 10
    s4 = (a * U[r6 * 10 + r3] + U[r3 * 10 + R7] * U[r2 * 10 + r5] + U[r4 * 10 + r1] - 1) % 10
    return _CODES[
        (_F4[s3 * 10 + s4] + r1) % 10 * 1000 + (_F3[s1 * 10 + s3] + r1) % 10 * 100 + (_F2[s2 * 10 + s4] + r1) % 10 * 10 + (_F1[s1 * 10 + s2] + r1) % 10
    ]


def _vector(values: Iterator[int]) -> bytes:
    return bytes(value % 10 for value in values)


@functools.cache
def _finals() -> list[list[list[str]]]:
    """Every code by s1 s2 (0..99), then s3, then r1 s4 (0..99): made once, for codes()."""
    return [
        [[_final(s1, s2, s3, s4, r1) for r1 in range(10) for s4 in range(10)] for s3 in range(10)]
        for s1 in range(10)
        for s2 in range(10)
    ]


def codes() -> Iterator[list[str]]:
    """The codes of serials 000000 to 999999 in order, 1,000 at a time (the last three digits vary).

    The same arithmetic as :func:`code`, arranged so that C does the per-serial work.
    Every term that does not depend on all of the first three digits is a 1,000-byte
    vector over the last three, made once; each block adds two vectors per s with
    ``map`` and takes the sum mod 10 with ``bytes.translate``, which also scales s1
    by 10 and folds r1 (carried as 20 r1) next to s4, for the final look-up.
    """
    inner = [(T[n1][5], T[n2][3], T[n3][8]) for n3, n2, n1 in product(range(10), repeat=3)]
    inner = [(r1, r2, r3, T[r2][r1] + 1) for r1, r2, r3 in inner]

    def vector(term: Callable[[int, int, int, int], int]) -> bytes:
        return _vector(term(r1, r2, r3, a) for r1, r2, r3, a in inner)

    def plus(*vectors: bytes) -> bytes:
        return bytes(sum(values) % 10 for values in zip(*vectors))

    column = [vector(lambda r1, r2, r3, a, c=c: T[r1][c]) for c in range(10)]
    a_row = [vector(lambda r1, r2, r3, a, r=r: a * (T[r][r2] + 1)) for r in range(10)]
    # s1 = a (T[r6][r2] + 1) + [(T[r4][r3] + 1) (T[r7][r5] + 1) + T[r1][r4]]
    s1_rest = [[plus(vector(lambda r1, r2, r3, a, r4=r4, r5=r5: (T[r4][r3] + 1) * (T[R7][r5] + 1)), column[r4]) for r5 in range(10)] for r4 in range(10)]
    # s2 = [a (T[r5][r4] + 1) + (T[r5][r2] + 1) (T[r7][r3] + 1)] + T[r1][r6]
    s2_rest = [
        [plus(vector(lambda r1, r2, r3, a, r4=r4, r5=r5: a * (T[r5][r4] + 1) + (T[r5][r2] + 1) * (T[R7][r3] + 1))) for r4 in range(10)]
        for r5 in range(10)
    ]
    # s3 = [a (T[r4][r2] + 1) + (T[r3][r6] + 1) (T[r7][r4] + 1)] + T[r1][r5]
    s3_rest = [[plus(a_row[r4], vector(lambda r1, r2, r3, a, r4=r4, r6=r6: (T[r3][r6] + 1) * (T[R7][r4] + 1))) for r6 in range(10)] for r4 in range(10)]
    # s4 = a (T[r6][r3] + 1) + [(T[r3][r7] + 1) (T[r2][r5] + 1) + T[r4][r1]], with 20 r1 carried along
    s4_a = [vector(lambda r1, r2, r3, a, r6=r6: a * (T[r6][r3] + 1)) for r6 in range(10)]
    r1_20 = bytes(20 * r1 for r1, _, _, _ in inner)
    s4_rest = [
        [bytes(map(operator.add, plus(vector(lambda r1, r2, r3, a, r5=r5: (T[r3][R7] + 1) * (T[r2][r5] + 1)), vector(lambda r1, r2, r3, a, r4=r4: T[r4][r1])), r1_20)) for r4 in range(10)]
        for r5 in range(10)
    ]
    mod10 = bytes(v % 10 for v in range(256))
    mod10_times10 = bytes(10 * (v % 10) for v in range(256))
    # 20 r1 + sum (a sum below 20) -> 10 r1 + sum mod 10. The byte is at most 180 + 18: no guard for larger ones
    fold = bytes(10 * (v // 20) + (v % 20) % 10 for v in range(256))
    finals = _finals()
    add, getitem = operator.add, operator.getitem
    for n6, n5, n4 in product(range(10), repeat=3):
        r4, r5, r6 = T[n4][2], T[n5][1], T[n6][6]
        s1_10 = bytes(map(add, a_row[r6], s1_rest[r4][r5])).translate(mod10_times10)
        s2 = bytes(map(add, s2_rest[r5][r4], column[r6])).translate(mod10)
        s3 = bytes(map(add, s3_rest[r4][r6], column[r5])).translate(mod10)
        r1_s4 = bytes(map(add, s4_a[r6], s4_rest[r5][r4])).translate(fold)
        yield list(map(getitem, map(getitem, map(finals.__getitem__, map(add, s1_10, s2)), s3), r1_s4))
