"""Whether a question names one of the guide's headings: a section's, a subsection's or an item's
title of two words or more ("strategic acumen", "model drift and maintenance"), word for word.

A fact the matcher weighs like any other (matcher.facets): a question that quotes the guide's
own headings is usually about it ("candidate brief says 'strategic acumen', what is that?"), but
near misses borrow them too ("best practices for sourdough"), so how much it counts is learned.
"""

from __future__ import annotations

from bot.engine.knowledge import KnowledgeBase
from bot.engine.normalize import tokens_of

SHORTEST = 2
"""Headings of fewer words ("Overview", "Leadership") are everyday words, not a quotation."""


class HeadingReader:
    def __init__(self, kb: KnowledgeBase) -> None:
        titles = [s.title for s in kb.sections.values()]
        titles += [item.title for s in kb.sections.values() for item in s.items]
        self._headings = {t for t in map(tokens_of, titles) if len(t) >= SHORTEST}
        self._sizes = sorted({len(t) for t in self._headings})

    def names_one(self, tokens: tuple[str, ...]) -> bool:
        return any(
            tokens[i : i + size] in self._headings
            for size in self._sizes
            for i in range(len(tokens) - size + 1)
        )
