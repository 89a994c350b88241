"""Fused, learned matching: question -> ranked intents, `unknown` below the cutoff, and the one
guide item it is about.

The sentence encoder embeds the question; evidence.rows() turns that (with rapidfuzz and the
entities) into one feature row; learned softmax weights turn the row into probabilities, sharpened
or softened by the temperature calibrated on dev. Below `cutoff` the answer is `unknown` (the
rapidfuzz convention: a score cutoff that returns None). Every number that decides comes from
`learned/` (model.py); none is set here.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from bot.engine.entities import Entities
from bot.engine.nlu import evidence
from bot.engine.nlu.encoder import Encoder
from bot.engine.nlu.evidence import CLASSES
from bot.engine.nlu.examples import WHOLE
from bot.engine.nlu.model import Learned

UNKNOWN = CLASSES.index("unknown")
NEAREST = 3
"""An item's labelled questions weighed as evidence: the mean cosine of this many nearest (with
the nearest one alone, dev's item accuracy 89.3% -> 90.3%)."""
_PAY_FIGURE = re.compile(r"\$\s?\d|\b\d{2,3}\s?k\b|\b\d{3},\d{3}\b", re.IGNORECASE)
_WORD = re.compile(r"[^\W\d_]{2,}")
_MARKUP = re.compile(r"<[^>]*>|:[a-z0-9_+\-']+:")


@dataclass(frozen=True, slots=True)
class Topic:
    section: str  # section id (the intent's topic_section)
    item: str  # item id inside it
    score: float


@dataclass(frozen=True, slots=True)
class Match:
    """The matched intent, its calibrated probability, the ranked in-scope intents, whether the
    runner-up is close enough to offer, and the guide item the question is about."""

    intent: str
    confidence: float
    ranked: tuple[tuple[str, float], ...]
    ambiguous: bool
    topic: Topic | None = None
    probabilities: dict[str, float] = field(default_factory=dict, compare=False)
    whole: bool = False
    """No item: the whole list scored best of the intent's units ("what are the usual problems AI
    leads hit?"), rather than no item being clear."""
    items: tuple[tuple[str, float], ...] = ()
    """The intent's items (unit keys, "section-id/item-id") by the item scorer's probability, best
    first, the whole list left out: the nearest items when none is clear."""
    bullet: Topic | None = None
    """The bullet of the intent's other sections (Requirements, Career Development, Market Demand:
    `examples.bullet_units`) the item scorer is sure the question is about (`Calibration.bullet_min`),
    its `section` the bullet's subsection (or, for a subsection of untitled lines, its top section)."""


def facets(entities: Entities, raw: str, roles: tuple[bool, bool, bool], heading: bool) -> np.ndarray:
    """What the entity readers found, as 0/1: the salary facets (level or years, place,
    industry, a pay figure), the roles named (the guide's, another job, another job not as
    the asker's own: `RoleReader.scan`), whether one of the guide's headings is named
    (`HeadingReader`), and the kind of skills said ("technical skills", "soft skills" or
    "people skills": `Entities.skill_kind`), which the sentence encoder tells apart poorly
    ("which technical skills ..." is near "non technical skills ...")."""
    return np.array(
        [
            entities.level is not None,
            entities.location is not None or entities.unlisted_location is not None,
            entities.industry is not None,
            bool(_PAY_FIGURE.search(raw)),
            *roles,
            heading,
            entities.skill_kind == "technical",
            entities.skill_kind == "soft",
        ],
        dtype=np.float32,
    )


def has_words(raw: str) -> bool:
    """Whether a question has anything to read: "$", "???", a bare mention or emoji code and
    byte noise have no words."""
    return bool(_WORD.search(_MARKUP.sub(" ", raw)))


PartsOf = tuple[np.ndarray, np.ndarray]
"""One question's parts: their embeddings and cosines with the examples."""
Scored = tuple[np.ndarray, list[np.ndarray] | None]
"""Every topic unit's score for a question, and for each of its parts (`Matcher.unit_scores`)."""


@dataclass(frozen=True, slots=True)
class Parts:
    """Questions' parts read alone (`facts.parts_text`): which question each belongs to, its feature
    row (`evidence.rows`), its embedding and its cosines with the examples."""

    owner: np.ndarray  # (m,)
    rows: np.ndarray  # (m, F)
    emb: np.ndarray  # (m, D)
    sims: np.ndarray  # (m, N)

    @classmethod
    def none(cls, dim: int, examples: int) -> Parts:
        empty = np.zeros((0,), np.int64)
        return cls(
            empty, np.zeros((0, evidence.width(dim))), np.zeros((0, dim), np.float32), np.zeros((0, examples))
        )

    def of(self, i: int) -> PartsOf | None:
        """Question `i`'s parts (None when it has one part)."""
        mine = self.owner == i
        return (self.emb[mine], self.sims[mine]) if mine.any() else None


class Matcher:
    """Built once per engine from the learned artefact and the shared encoder."""

    def __init__(self, learned: Learned, encoder: Encoder) -> None:
        self.learned = learned
        self.encoder = encoder
        ix = learned.index
        self._unit_rows = [np.flatnonzero(learned.example_unit == u) for u in range(len(learned.unit_keys))]
        # the examples of the units that have any, unit after unit, to take each unit's best at once
        labelled = [u for u, rows in enumerate(self._unit_rows) if len(rows)]
        self._labelled_units = np.array(labelled, dtype=np.int64)
        self._unit_order = np.concatenate([self._unit_rows[u] for u in labelled] or [np.zeros(0, np.int64)])
        self._unit_firsts = np.cumsum([0] + [len(self._unit_rows[u]) for u in labelled[:-1]])
        # each unit's examples as one padded row (-1: none), to take each unit's nearest few at once
        widest = max((len(rows) for rows in self._unit_rows), default=0)
        self._unit_pad = np.full((len(self._unit_rows), max(widest, NEAREST)), -1, dtype=np.int64)
        for u, rows in enumerate(self._unit_rows):
            self._unit_pad[u, : len(rows)] = rows
        self._unit_has = self._unit_pad >= 0
        self._unit_at = np.maximum(self._unit_pad, 0)
        named = learned.meta.get("unit_intents")  # what each unit belongs to, from the guide
        self.unit_intents = (
            [CLASSES.index(i) for i in named]
            if named
            else [CLASSES.index(_intent_of(ix, rows)) if len(rows) else -1 for rows in self._unit_rows]
        )
        listed = learned.meta.get("unit_listed")  # a unit of the intent's list, else one of its bullets
        self.unit_listed = [bool(b) for b in listed] if listed else [True] * len(learned.unit_keys)
        self.unit_pools = [2 * k + int(b) for k, b in zip(self.unit_intents, self.unit_listed, strict=True)]
        """The units weighed against each other: an intent's list, or its bullets."""
        self._pooled: dict[int, list[int]] = {}
        for u, pool in enumerate(self.unit_pools):
            self._pooled.setdefault(pool, []).append(u)
        coef = learned.topic_coef if learned.topic_coef is not None else np.zeros(0, np.float32)
        bullet = learned.bullet_coef if learned.bullet_coef is not None else coef
        self._coef = np.where(np.array(self.unit_listed)[:, None], coef, bullet).astype(np.float32)
        """Each unit's weights of its evidence: a list's items' (`topic_coef`), or the bullets'."""

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        learned = self.learned
        logits = ((rows - learned.mean) / learned.scale) @ learned.weights + learned.bias
        logits = logits / learned.calibration.temperature
        logits -= logits.max(axis=1, keepdims=True)
        p = np.exp(logits)
        return p / p.sum(axis=1, keepdims=True)

    def similarities(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """The texts' embeddings and their cosines with the examples. (`rows` embeds a question with
        its asking sentence and parts in one call of its own.)"""
        emb = self.encoder.encode(list(texts))
        return emb, emb @ self.learned.index.emb.T

    def rows(
        self,
        texts: Sequence[str],
        facet_rows: np.ndarray,
        askings: Sequence[str | None] | None = None,
        parts: Sequence[Sequence[str]] | None = None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, Parts]:
        """Feature rows of questions (normalised texts, their facets, their asking sentences'
        normalised texts, None for a question of one sentence, and their parts' normalised texts,
        `facts.parts_text`), with their embeddings and cosines with the examples, and their parts
        read alone. Every text is embedded in one encoder call (each text once)."""
        askings = askings or [None] * len(texts)
        parts = parts or [()] * len(texts)
        said = [a if a and a != t else None for a, t in zip(askings, texts, strict=True)]
        pieces = [[p for p in ps if p != t] for ps, t in zip(parts, texts, strict=True)]
        wanted = list(dict.fromkeys([*texts, *(a for a in said if a), *(p for ps in pieces for p in ps)]))
        embedded = self.encoder.encode(wanted)
        at = {text: k for k, text in enumerate(wanted)}
        cosines = embedded @ self.learned.index.emb.T  # one product for every text
        whole = [at[t] for t in texts]
        emb, sims = embedded[whole], cosines[whole]
        asking = None
        if any(said):
            has = np.array([a is not None for a in said])
            own = [at[a or t] for a, t in zip(said, texts, strict=True)]
            texts_ = [a or t for a, t in zip(said, texts, strict=True)]
            asking = evidence.Asking(embedded[own], texts_, cosines[own], has)
        rows = evidence.rows(self.learned.index, emb, list(texts), facet_rows, sims=sims, asking=asking)
        owner = np.array([i for i, ps in enumerate(pieces) for _ in ps], dtype=np.int64)
        if not len(owner):
            return rows, emb, sims, Parts.none(emb.shape[1], cosines.shape[1])
        part_texts = [p for ps in pieces for p in ps]
        read = [at[p] for p in part_texts]
        p_emb, p_sims = embedded[read], cosines[read]
        # a part is read with the whole message's facets: what it says of pay or place still counts
        p_rows = evidence.rows(self.learned.index, p_emb, part_texts, facet_rows[owner], sims=p_sims)
        return rows, emb, sims, Parts(owner, p_rows, p_emb, p_sims)

    def classify_many(
        self,
        texts: Sequence[str],
        facet_rows: np.ndarray,
        askings: Sequence[str | None] | None = None,
        parts: Sequence[Sequence[str]] | None = None,
    ) -> list[Match]:
        """Match several questions at once (the encoder is faster in batches)."""
        if not texts:
            return []
        cal = self.learned.calibration
        read_parts = parts if cal.parts or cal.item_parts else None  # no encoder run for an unused part
        rows, emb, sims, read = self.rows(texts, facet_rows, askings, read_parts)
        probs = self.with_parts(self.probabilities(rows), read)
        return [self.decide(probs[i], emb[i], sims[i], read.of(i)) for i in range(len(texts))]

    def with_parts(self, probs: np.ndarray, parts: Parts, weight: float | None = None) -> np.ndarray:
        """The questions' intent probabilities mixed with those of their most decisive part (the one
        surest of an in-scope intent), by the calibrated weight `Calibration.parts`: "We've spent $2M
        on ML pilots and the CFO wants to know what we got for it. Which part of our AI lead's job is
        supposed to cover that kind of thing?" is split three ways as a whole (overview, challenges,
        responsibilities); its asking part, alone, says responsibilities. The part whose reading
        agrees most with the whole's was also tried (2026-12-07): the same share of dev right, 0.2
        points more out-of-scope rejected, but 3 focused answers fewer (dev5, dev6) and one first
        turn of conversations-dev5 fewer."""
        weight = self.learned.calibration.parts if weight is None else weight
        if not weight or not len(parts.owner):
            return probs
        read = self.probabilities(parts.rows)
        sure = np.delete(read, UNKNOWN, axis=1).max(axis=1)
        mixed = probs.copy()
        for i in np.unique(parts.owner):
            mine = np.flatnonzero(parts.owner == i)
            mixed[i] = (1.0 - weight) * probs[i] + weight * read[mine[np.argmax(sure[mine])]]
        return mixed

    def decide(self, p: np.ndarray, emb: np.ndarray, sims: np.ndarray, parts: PartsOf | None = None) -> Match:
        cal = self.learned.calibration
        probabilities = {CLASSES[k]: float(p[k]) for k in range(len(CLASSES))}
        ranked = tuple(
            (CLASSES[k], round(float(p[k]), 3)) for k in np.argsort(-p) if k != UNKNOWN and p[k] >= 0.01
        )[:4]
        best = int(np.argmax(p))
        in_scope = ranked[0] if ranked else ("unknown", 0.0)
        spread = False
        if best == UNKNOWN or in_scope[1] < cal.cutoff:
            spread = bool(ranked) and 1.0 - float(p[UNKNOWN]) >= cal.in_scope
            if not spread:
                return Match("unknown", round(1.0 - in_scope[1], 3), ranked, False, None, probabilities)
        intent, confidence = in_scope
        second = ranked[1][1] if len(ranked) > 1 else 0.0
        ambiguous = spread or second >= cal.ambiguity * confidence
        # the units' scores once, for the intent's list and its bullets alike (none without units)
        has_units = bool(self.own_units(intent) or self.bullet_units(intent))
        scored = self.unit_scores(emb, sims, parts) if has_units else None
        topic, whole, items = self._topic(intent, emb, sims, parts, scored)
        bullet = self._bullet(intent, emb, sims, parts, scored)[0]
        return Match(
            intent,
            confidence,
            ranked,
            ambiguous,
            topic,
            probabilities,
            whole=whole,
            items=items,
            bullet=bullet,
        )

    def topic_evidence(self, emb: np.ndarray, sims: np.ndarray) -> np.ndarray:
        """Per topic unit (U, K): the cosine with its guide text, with the nearest question
        labelled with it, the mean over its `NEAREST` nearest labelled questions (one generic
        question labelled with an item is not the item's evidence: "what trait should a lead
        have for rolling with change?" is nearest one such question of Continuous Learning, and
        nearer Adaptability's on the whole), and the better of the first two."""
        text = self.learned.unit_emb @ emb
        labelled = np.full(len(self._unit_rows), -1.0, dtype=np.float32)
        if len(self._labelled_units):
            labelled[self._labelled_units] = np.maximum.reduceat(sims[self._unit_order], self._unit_firsts)
        padded = np.where(self._unit_has, sims[self._unit_at], -np.inf)
        padded[padded <= -1.0] = -np.inf  # examples not compared with (MASKED) are no evidence
        # the NEAREST best of each row, best first (a partition, then only those sorted)
        nearest = -np.sort(-np.partition(padded, -NEAREST, axis=1)[:, -NEAREST:], axis=1)
        counted = np.isfinite(nearest)
        near = np.where(
            counted.any(axis=1),
            np.where(counted, nearest, 0.0).sum(axis=1) / np.maximum(counted.sum(axis=1), 1),
            -1.0,
        ).astype(np.float32)
        return np.stack([text, labelled, near, np.maximum(text, labelled)], axis=-1)

    def topic_scores(self, emb: np.ndarray, sims: np.ndarray) -> np.ndarray:
        """Per topic unit, a score to compare within an intent's units: the learned item scorer's
        logit (its weights of the similarity evidence, plus a per-unit reading of the question's
        embedding), or the better cosine when the artefact has no item scorer."""
        evidence_u = self.topic_evidence(emb, sims)
        learned = self.learned
        if learned.topic_coef is None or learned.topic_weights is None:
            return evidence_u[:, -1]
        return (evidence_u * self._coef).sum(axis=1) + emb @ learned.topic_weights

    def topic(self, intent: str, emb: np.ndarray, sims: np.ndarray) -> Topic | None:
        return self._topic(intent, emb, sims)[0]

    def topic_of(self, intent: str, text: str) -> tuple[Topic | None, bool, tuple[tuple[str, float], ...]]:
        """The item scorer's reading of a normalised text as a question of `intent` (`_topic`): a
        part of a question read alone (its asking sentence, what it does not set aside)."""
        emb, sims = self.similarities([text])
        return self._topic(intent, emb[0], sims[0])

    def own_units(self, intent: str) -> list[int]:
        """The topic units of `intent`'s list (none for an intent without one)."""
        return list(self._pooled.get(2 * CLASSES.index(intent) + 1, ()))

    def bullet_units(self, intent: str) -> list[int]:
        """The topic units of the bullets of `intent`'s other sections (`examples.bullet_units`)."""
        return list(self._pooled.get(2 * CLASSES.index(intent), ()))

    def _bullet(
        self,
        intent: str,
        emb: np.ndarray,
        sims: np.ndarray,
        parts: PartsOf | None = None,
        scored: Scored | None = None,
    ) -> tuple[Topic | None, tuple[tuple[str, float], ...]]:
        """The bullet of `intent`'s other sections the item scorer is sure of, if any, and its
        bullets by probability (read as `_topic` reads a list's items)."""
        own = self.bullet_units(intent)
        if not own:
            return None, ()
        scores, order = self._mixed(own, emb, sims, parts, scored)
        keys = self.learned.unit_keys
        ranked = tuple((keys[own[k]], round(float(scores[k]), 3)) for k in order)
        first = float(scores[order[0]])
        second = float(scores[order[1]]) if len(order) > 1 else 0.0
        if not decide_bullet(first, second, self.learned.calibration):
            return None, ranked
        section, item = keys[own[order[0]]].rsplit("/", 1)
        return Topic(section=section, item=item, score=round(first, 3)), ranked

    def readings_of(
        self, intent: str, text: str
    ) -> tuple[Topic | None, bool, tuple[tuple[str, float], ...], Topic | None]:
        """`topic_of`'s reading of a normalised text, and the bullet the item scorer is sure of,
        from one embedding of it."""
        emb, sims = self.similarities([text])
        scored = self.unit_scores(emb[0], sims[0])  # once, for the list's items and the bullets
        topic, whole, items = self._topic(intent, emb[0], sims[0], scored=scored)
        return topic, whole, items, self._bullet(intent, emb[0], sims[0], scored=scored)[0]

    def unit_scores(self, emb: np.ndarray, sims: np.ndarray, parts: PartsOf | None = None) -> Scored:
        """`topic_scores` of the whole question and of each of its parts (None for a question of
        one part, or an artefact without an item scorer): `decide` reads them for the intent's list
        and for its bullets, computed once."""
        whole = self.topic_scores(emb, sims)
        if parts is None or not len(parts[0]) or self.learned.topic_coef is None:
            return whole, None
        return whole, [self.topic_scores(e, s) for e, s in zip(*parts, strict=True)]

    def item_views(
        self,
        own: list[int],
        emb: np.ndarray,
        sims: np.ndarray,
        parts: PartsOf | None = None,
        scored: Scored | None = None,
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """The item scorer's probabilities over the `own` units for the whole question, and for its
        most decisive part (the one surest of a unit; None for a question of one part). `scored`:
        `unit_scores(emb, sims, parts)`, when already computed."""
        whole_scores, part_scores = self.unit_scores(emb, sims, parts) if scored is None else scored
        whole = self.own_scores(whole_scores[own])
        if not own or part_scores is None:
            return whole, None  # an intent with no list of items has no part to be surer of one
        views = [self.own_scores(scores[own]) for scores in part_scores]
        return whole, max(views, key=lambda v: float(v.max()))

    def _topic(
        self,
        intent: str,
        emb: np.ndarray,
        sims: np.ndarray,
        parts: PartsOf | None = None,
        scored: Scored | None = None,
    ) -> tuple[Topic | None, bool, tuple[tuple[str, float], ...]]:
        """The item the question is clearly about, if any; whether the whole list scored best; and
        the intent's items by score (`Match.items`): the whole question's reading mixed with its most
        decisive part's by the calibrated weight `Calibration.item_parts`."""
        keys = self.learned.unit_keys
        own = self.own_units(intent)
        if not own:
            return None, False, ()
        scores, order = self._mixed(own, emb, sims, parts, scored)
        items = tuple(
            (keys[own[k]], round(float(scores[k]), 3))
            for k in order
            if not keys[own[k]].endswith("/" + WHOLE)
        )
        first = float(scores[order[0]])
        second = float(scores[order[1]]) if len(order) > 1 else -1.0
        section, item = keys[own[order[0]]].split("/", 1)
        if item == WHOLE:
            return None, True, items  # the whole list is meant
        if not decide_topic(first, second, self.learned.calibration):
            return None, False, items  # no item is clearly the subject
        return Topic(section=section, item=item, score=round(first, 3)), False, items

    def _mixed(
        self,
        own: list[int],
        emb: np.ndarray,
        sims: np.ndarray,
        parts: PartsOf | None,
        scored: Scored | None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """The `own` units' scores, the whole question's mixed with its most decisive part's
        (`item_views`, `mix_items`), and their order, best first."""
        views = self.item_views(own, emb, sims, parts, scored)
        scores = mix_items(*views, self.learned.calibration.item_parts)
        return scores, np.argsort(-scores)

    def own_scores(self, scores: np.ndarray) -> np.ndarray:
        """An intent's units' scores as the item scorer's probabilities among them (cosines as
        they are, for an artefact without one)."""
        if self.learned.topic_coef is None or not len(scores):
            return scores
        p = np.exp(scores - scores.max())
        return p / p.sum()


def mix_items(whole: np.ndarray, part: np.ndarray | None, weight: float) -> np.ndarray:
    """An item distribution mixed with its most decisive part's (`Matcher.item_views`)."""
    return whole if part is None or not weight else (1.0 - weight) * whole + weight * part


def decide_topic(first, second, cal):
    """Whether the best unit is clearly the question's subject: close enough and clear of the
    next (floats, or arrays of them)."""
    return (first >= cal.topic_min) & (first - second >= cal.topic_margin)


def decide_bullet(first, second, cal):
    """Whether the item scorer is sure of the best bullet (`Calibration.bullet_min`)."""
    return (first >= cal.bullet_min) & (first - second >= cal.bullet_margin)


def _intent_of(index: evidence.Index, rows: np.ndarray) -> str:
    counts = np.bincount(index.cls[rows], minlength=len(CLASSES))
    return CLASSES[int(np.argmax(counts))]
