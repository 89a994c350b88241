"""A general search over the guide: every item and paragraph, scored by the question's words.

Words are compared as the stemmer reads them (`normalize.stem`), a word also matching the guide's
longer forms that start with it ("ethic" -> "ethical"), and a word the guide does not have
matched to its closest guide word by rapidfuzz when it is one slip away. Rarer words count more
(inverse document frequency); a word in an item's title counts double. No per-topic lists.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property

from bot.engine.knowledge import Item, KnowledgeBase
from bot.engine.normalize import stem

STOP = frozenset(
    """
    a an the and or of in on at to for from by with about as is are was were be been being do does did
    i me my we our you your it its this that these those what which who whom how why when where there
    here can could should would will shall may might must need needs have has had get got any some
    more most much many very really just only also than then so if not no yes tell say says said guide
    ai tech lead leads tl tls role job someone one anything everything thing things like want know
    im ive dont yet still please thanks hey hi bot am being their they them he she his her us
    never ever always often sometimes already currently use used using
    """.split()
)
"""Words that say nothing about what is asked (the role's own name included)."""

CLIPPED = 2
"""A word the guide lacks that starts at most this many guide words is read as a clipping of them."""
SHARED = 0.85
"""Two long words (9+ letters) sharing this much of the shorter are one word stemmed two ways."""

SIBLING = 7
"""A stem of a question word found in the guide, this long or longer, brings the guide's other forms
of it: "regulation" and "regulatory" (stemmed "regulat..."), not "manag" of "management"."""

_WORD = re.compile(r"[a-z0-9]+")
_QUALITY = (("ability", "abl"), ("ibility", "ibl"))
"""A quality's noun and its adjective as the stemmer leaves them ("scalability", "scalabl"): one word."""


@dataclass(frozen=True, slots=True)
class Unit:
    """One searchable piece of the guide: an item (with its sub-points) or a paragraph."""

    section_id: str
    item: Item | None
    text: str
    title_terms: frozenset[str]
    terms: frozenset[str]


@dataclass(frozen=True, slots=True)
class Hit:
    unit: Unit
    score: float
    coverage: float
    """The share of the question's word weight the unit matched (0-1)."""
    in_title: bool


def terms_of(text: str) -> list[str]:
    """Stemmed content words of a text, in order."""
    words = _WORD.findall(text.lower().replace("'s", "").replace("/", " "))
    return [stem(w) for w in words if w not in STOP and len(w) > 1]


_JOINING = frozenset({"of", "on", "and", "for", "the", "to", "in", "a"})


def _spells(run: Sequence[str]) -> bool:
    """Whether a run of words can spell out an acronym: content words, joined inside by small words
    ("return on investment"); not a run of the question's own small words ("and what skills" is no
    AWS)."""
    inner = run[1:-1]
    return run[0] not in STOP and run[-1] not in STOP and all(w not in STOP or w in _JOINING for w in inner)


class GuideIndex:
    """Built once per knowledge base (`index_for`)."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        units: list[Unit] = []
        for section in kb.sections.values():
            for paragraph in (*section.intro, *section.outro):
                units.append(Unit(section.id, None, paragraph, frozenset(), frozenset(terms_of(paragraph))))
            for item in section.items:
                text = " ".join((item.title, item.text, *item.points))
                title = frozenset(terms_of(item.title))
                units.append(Unit(section.id, item, text, title, frozenset(terms_of(text)) | title))
        self.units = tuple(units)
        counts: dict[str, int] = {}
        for unit in units:
            for term in unit.terms:
                counts[term] = counts.get(term, 0) + 1
        total = len(units) + 1
        self.idf = {term: math.log(total / count) + 0.5 for term, count in counts.items()}
        self.rarest = max(self.idf.values(), default=1.0)
        """The weight of a word found in one place only."""
        self._vocab = sorted(counts)
        # which units have a term (in the title; anywhere), so a search visits only those
        self._in_title: dict[str, list[int]] = {}
        self._in_unit: dict[str, list[int]] = {}
        for number, unit in enumerate(units):
            for term in unit.title_terms:
                self._in_title.setdefault(term, []).append(number)
            for term in unit.terms:
                self._in_unit.setdefault(term, []).append(number)
        self._expansions: dict[str, frozenset[str]] = {}
        # the guide's acronyms ("CAGR", "ROI", "NLP"): a question may spell one out
        self.acronyms = frozenset(
            w.lower()
            for unit in units
            for w in re.findall(r"\b[A-Z]{3,6}\b", unit.text)
            if stem(w.lower()) in counts
        )

    def spell_acronyms(self, words: Sequence[str]) -> list[str]:
        """The question's words with each run that spells out one of the guide's acronyms by its
        first letters put as that acronym ("compound annual growth rate": "cagr", "return on
        investment": "roi"): the run means the acronym, not its words one by one."""
        out, start = [], 0
        prefixes = self._acronym_prefixes
        while start < len(words):
            # the runs from here whose initials are an acronym, longest first: a run's initials grow
            # a word at a time, and stop when no acronym starts with them
            initials, spelt = "", []
            for word in words[start : start + 6]:
                if not word:
                    break
                initials += word[0]
                if initials not in prefixes:
                    break
                if len(initials) >= 3 and initials in self.acronyms:
                    spelt.append(len(initials))
            for size in reversed(spelt):
                if _spells(words[start : start + size]):
                    out.append(initials[:size])
                    start += size
                    break
            else:
                out.append(words[start])
                start += 1
        return out

    @cached_property
    def _acronym_prefixes(self) -> frozenset[str]:
        """Every start of the guide's acronyms ("r", "ro", "roi")."""
        return frozenset(a[:k] for a in self.acronyms for k in range(1, len(a) + 1))

    def expand(self, term: str) -> frozenset[str]:
        """The guide's words a question word stands for: itself, its longer forms, a near spelling."""
        found = self._expansions.get(term)
        if found is not None:
            return found
        out = {term} if term in self.idf else set()
        if f"{term}s" in self.idf:  # the stemmer took a final s that belongs to the word ("bias" -> "bia")
            out.add(f"{term}s")
        if len(term) >= 4:  # the guide's words that start with it: one run of the sorted vocabulary
            out |= {w for w in self._starting(term) if len(w) - len(term) <= 4}
        if len(term) >= 6:  # the guide's words it starts with
            out |= {term[:k] for k in range(5, len(term) + 1) if term[:k] in self.idf}
            # and the other forms of the longest of them, a stem of `SIBLING` letters or more
            # ("regulation": "regulat" of "regulated", so "regulatory" too)
            stem = max((w for w in out if len(w) >= SIBLING and len(w) < len(term)), key=len, default=None)
            if stem is not None:
                out |= {w for w in self._starting(stem) if len(w) - len(stem) <= 4}
        if len(term) >= 9:  # another stem of the same long word ("explainability", "explainabl")
            # both 9 letters or more: they share at least SHARED * 9 first letters, one run of the vocabulary
            out |= {
                w
                for w in self._starting(term[: math.ceil(SHARED * 9)])
                if len(w) >= 9 and _shared(term, w) >= SHARED * min(len(w), len(term))
            }
        for noun, adjective in _QUALITY:  # "scalability" is being "scalable" (stemmed "scalabl")
            base = term[: -len(noun)] if term.endswith(noun) else term[: -len(adjective)]
            if len(base) >= 3 and term.endswith((noun, adjective)):
                out |= {f for f in (base + noun, base + adjective) if f in self.idf}
        out |= {f"{neg}{w}" for w in out for neg in ("un", "non") if f"{neg}{w}" in self.idf}  # "unbiased"
        if not out and len(term) >= 4:  # a clipped word ("cert", "infra"): the few guide words it starts
            longer = self._starting(term)
            if len(longer) <= CLIPPED:
                out |= set(longer)
        if not out and len(term) >= 5:
            from rapidfuzz import fuzz, process

            near = process.extractOne(term, self._vocab, scorer=fuzz.ratio, score_cutoff=85)
            if near:
                out.add(near[0])
        found = self._expansions[term] = frozenset(out)
        return found

    def _starting(self, prefix: str) -> list[str]:
        """The guide's words that start with `prefix`, in order: one run of the sorted vocabulary."""
        first = bisect.bisect_left(self._vocab, prefix)
        return self._vocab[first : bisect.bisect_left(self._vocab, prefix + "\U0010ffff", first)]

    def search(
        self,
        words: Iterable[str],
        *,
        sections: Iterable[str] | None = None,
        boost: Iterable[str] = (),
        limit: int = 8,
    ) -> list[Hit]:
        """Units that match the (already stemmed) `words`, best first.

        `sections` limits the search to those sections (and their subsections); units in `boost`
        sections score half as much again.
        """
        wanted = list(dict.fromkeys(words))
        expanded = {w: self.expand(w) for w in wanted}
        weights = {w: max((self.idf.get(e, 0.0) for e in expanded[w]), default=0.0) for w in wanted}
        total = sum(weights.values())
        if total <= 0:
            return []
        allowed = self._within(sections) if sections is not None else None
        boosted = self._within(boost)
        scores: dict[int, float] = {}  # unit number -> score, added up word by word as before
        matched: dict[int, float] = {}
        in_title: set[int] = set()
        for word in wanted:
            forms, weight = expanded[word], weights[word]
            titled = {n for form in forms for n in self._in_title.get(form, ())}
            for number in titled:
                scores[number] = scores.get(number, 0.0) + 2 * weight
                matched[number] = matched.get(number, 0.0) + weight
            in_title |= titled
            for number in {n for form in forms for n in self._in_unit.get(form, ())} - titled:
                scores[number] = scores.get(number, 0.0) + weight
                matched[number] = matched.get(number, 0.0) + weight
        hits: list[Hit] = []
        for number in sorted(scores):  # the guide's order, as ties keep it
            unit, score = self.units[number], scores[number]
            if (allowed is not None and unit.section_id not in allowed) or score <= 0:
                continue
            if unit.item is None:
                score *= 0.8  # a paragraph says less about one thing than an item does
            if unit.section_id in boosted:
                score *= 1.5
            hits.append(Hit(unit, score, matched[number] / total, number in in_title))
        hits.sort(key=lambda h: -h.score)
        return hits[:limit]

    def _within(self, section_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for section_id in section_ids:
            section = self.kb.sections.get(section_id)
            if section is not None:
                out.add(section_id)
                out.update(section.children)
        return out


def _shared(one: str, other: str) -> int:
    """The length of the prefix two words share."""
    n = 0
    for a, b in zip(one, other, strict=False):
        if a != b:
            break
        n += 1
    return n


_INDEXES: dict[int, tuple[KnowledgeBase, GuideIndex]] = {}


def index_for(kb: KnowledgeBase) -> GuideIndex:
    kept = _INDEXES.get(id(kb))
    if kept is None or kept[0] is not kb:
        kept = _INDEXES[id(kb)] = (kb, GuideIndex(kb))
    return kept[1]
