"""Hypothesis strategies the tests share."""

from __future__ import annotations

from hypothesis import strategies as st

CHARACTERS = st.characters(exclude_categories=("Cs",))
"""Any character a user could send: every code point but the surrogates, which UTF-8 cannot encode.

The same characters as `st.text()`'s default alphabet, `st.characters(codec="utf-8")`; but for a
codec Hypothesis first tabulates which of the 1.1 million code points it encodes, about 3 s of CPU
in each test worker (the table is cached in the Hypothesis folder, a new temporary one each run)."""


def any_text(*, min_size: int = 0, max_size: int | None = None) -> st.SearchStrategy[str]:
    """`st.text(min_size=..., max_size=...)` without the codec table (see CHARACTERS)."""
    return st.text(CHARACTERS, min_size=min_size, max_size=max_size)
