"""Which blocks of a batch run were found by key (batch._Rows.keyed_texts), for tests that
check the quick path was taken as well as that its rows are right."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

from radiocode import batch


@contextlib.contextmanager
def keyed_blocks() -> Iterator[list[bool]]:
    """A list that gets, for each plain block looked up by key, whether any row was found so."""
    found: list[bool] = []
    keyed_texts = batch._Rows.keyed_texts

    def spy(self: batch._Rows, block: str, bodies: list[str]) -> list[str | None] | None:
        texts = keyed_texts(self, block, bodies)
        found.append(texts is not None and any(texts))
        return texts

    batch._Rows.keyed_texts = spy  # type: ignore[method-assign]
    try:
        yield found
    finally:
        batch._Rows.keyed_texts = keyed_texts  # type: ignore[method-assign]
