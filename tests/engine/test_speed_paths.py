"""The engine's fast paths give exactly what the plain computation gives.

Speed itself is measured in bench/bench_engine.py, never asserted here.
"""

from __future__ import annotations

import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

from bot.engine.knowledge import load_knowledge
from bot.engine.normalize import Analyzer, _agentive, _related, _slip, _vocabulary, stem


class Exhaustive(Analyzer):
    """The spelling correction as first written: every known word of a similar length is
    compared with the token. The oracle for the indexed search."""

    def _correct(self, token: str) -> str:
        stemmed = stem(token)
        if len(token) <= 3 or not token.isalpha() or token in self._known or stemmed in self._known_stems:
            return stemmed
        edits = 1 if len(token) <= 7 else 2
        found = process.extract(
            token, self._near(token, edits), scorer=OSA.distance, score_cutoff=edits, limit=None
        )
        if not found and 6 <= len(token) <= 7:
            found = [
                hit
                for hit in process.extract(
                    token, self._near(token, 2), scorer=OSA.distance, score_cutoff=2, limit=None
                )
                if hit[0] in self._important and hit[0][0] == token[0]
            ]
        if not found:
            if self._derived(token):
                return stemmed
            self._foreign.add(stemmed)
            return stemmed
        found = [hit for hit in found if hit[1] > 1 or _slip(token, hit[0])]
        if not found:
            self._foreign.add(stemmed)
            return stemmed
        closest = min(distance for _, distance, _ in found)
        first_letter = closest > 1 or len(token) <= 4
        words = [
            w for w, distance, _ in found if distance == closest and (not first_letter or w[0] == token[0])
        ]
        if _agentive(token):
            words = [w for w in words if _agentive(w) or not _related(token, w, closest)]
            if not words:
                self._foreign.add(stemmed)
                return stemmed
        if not words:
            return stemmed
        letters = sorted(token)
        best = max(
            words,
            key=lambda w: (
                sorted(w) == letters,
                fuzz.ratio(token, w),
                w in self._important,
                w in self._plain,
            ),
        )
        return stem(best)


@pytest.fixture(scope="module")
def analyzers() -> tuple[Analyzer, Analyzer]:
    kb = load_knowledge()
    domain, important, other = _vocabulary(kb)

    def build(cls: type[Analyzer]) -> Analyzer:
        return cls(domain, important=important, known=other, fillers=kb.entities.fillers)

    return build(Analyzer), build(Exhaustive)


def _same(fast: Analyzer, slow: Analyzer, token: str) -> None:
    term = slow.term(token)
    assert fast.term(token) == term, token
    assert fast.foreign(term) == slow.foreign(term), token


def _typos(words: list[str], rng: random.Random) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"

    def edit(word: str) -> str:
        i = rng.randrange(len(word))
        kind = rng.randrange(4)
        if kind == 0:
            return word[:i] + word[i + 1 :]
        if kind == 1:
            return word[:i] + rng.choice(letters) + word[i:]
        if kind == 2:
            return word[:i] + rng.choice(letters) + word[i + 1 :]
        return word[:i] + word[i + 1 : i + 2] + word[i] + word[i + 2 :]

    return [edit(w) for w in words] + [edit(edit(w)) for w in words] + [edit(edit(edit(w))) for w in words]


def test_indexed_spelling_search_corrects_exactly_as_comparing_every_word(analyzers) -> None:
    fast, slow = analyzers
    rng = random.Random(5)
    words = sorted(w for same_length in fast._by_length.values() for w in same_length)
    tokens = _typos(rng.sample(words, 600), rng)
    tokens += ["guitarist", "ethicist", "librarian", "cheif", "salery", "leadershp", "managment", "quantm"]
    tokens += ["données", "данные", "aaaaaaaa", "zzzzzzzzzzzz", "xylophonists", "hallucinationz"]
    for token in tokens:
        _same(fast, slow, token)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdeilmnorstu", min_size=4, max_size=14))
def test_indexed_spelling_search_agrees_on_any_word(analyzers, token: str) -> None:
    fast, slow = analyzers
    _same(fast, slow, token)
