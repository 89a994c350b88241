"""Evidence for each intent, as one feature row per question: the mechanism, no data.

For a question embedded by the sentence encoder, and its normalised text:
- its embedding itself (a linear read of meaning);
- per intent, its nearest labelled examples: the best cosine and the mean of the best three
  (a question that names no other job is compared only with examples that name none either:
  "senior salary in seattle" is not near "senior nurse salary in seattle" for this bot, whose
  subject is the AI tech lead; the difference between them is the job the question leaves out);
- per intent, rapidfuzz's token-set agreement with the nearest examples of that intent (the
  lexical, typo-tolerant view of the same neighbours);
- per intent, the best cosine with the guide's own passages that the intent answers from;
- the salary facets the entity reader found (level or years, place, industry, a pay figure),
  the roles and headings named, and the kind of skills said (technical, soft);
- the same per-intent evidence (nearest examples, rapidfuzz, guide passages) for the question's
  asking sentence alone, when context comes before it ("I've led a team of 8 for two years and
  my manager says... What certifications would help?": a long story dilutes the whole message's
  embedding; the asking sentence says what is asked). A question of one sentence repeats its
  own evidence there, so the learned weights say how much each reading counts.
The weights that turn these rows into intent probabilities are learned (train.py); nothing
here is tuned to a question.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz, process

from bot.engine.answer import INTENTS

CLASSES: tuple[str, ...] = tuple(INTENTS)
NEIGHBOURS = 40
"""How many nearest examples rapidfuzz re-reads: enough to reach every plausible intent."""
FACETS = 10
OTHER_ROLE = 5
"""The facet column that says a question names another job (matcher.facets)."""
MASKED = np.float32(-2.0)
"""The cosine of an example a question is not compared with (below any real one)."""
CHUNK = 64
"""Questions whose per-class bests are computed together (bounds the temporaries: training)."""
ROWS = 16
"""Questions whose nearest examples are read together (`_per_class`): a batch of 256 at once made
temporaries of 18 MB each, out of the CPU's cache."""


@dataclass(frozen=True, slots=True)
class Index:
    """The labelled examples and guide passages, embedded, with examples sorted by class so each
    class is one slice (`starts[c]:starts[c+1]`)."""

    emb: np.ndarray  # (N, D) float32, unit rows
    cls: np.ndarray  # (N,) int, index into CLASSES
    starts: np.ndarray  # (C + 1,)
    texts: tuple[str, ...]  # normalised example texts
    chunk_emb: np.ndarray  # (M, D) guide passages
    chunk_cls: np.ndarray  # (M,) int
    other_role: np.ndarray  # (N,) bool: the example names a job other than the guide's

    @property
    def dim(self) -> int:
        return int(self.emb.shape[1])


def width(dim: int) -> int:
    """How many features a row has."""
    return dim + 8 * len(CLASSES) + FACETS


@dataclass(frozen=True, slots=True)
class Asking:
    """The asking sentences of questions, for the rows: per question its embedding, normalised
    text and cosines with the examples (a question without one repeats its own), and which
    questions have one."""

    emb: np.ndarray
    texts: list[str]
    sims: np.ndarray
    has: np.ndarray  # (n,) bool


def rows(
    index: Index,
    q_emb: np.ndarray,
    q_texts: list[str],
    facets: np.ndarray,
    *,
    sims: np.ndarray | None = None,
    asking: Asking | None = None,
) -> np.ndarray:
    """Feature rows for questions (`q_emb` (n, D), their normalised texts, `facets` (n, FACETS)),
    with the evidence of their asking sentences (`asking`; None: every question is one sentence).

    `sims` (n, N), when given, replaces the cosines with the examples (training passes them with
    a question's own group masked out, and the asking sentences' likewise)."""
    if sims is None:
        sims = q_emb @ index.emb.T
    whole = _per_class(index, q_emb, q_texts, sims, facets)
    said = whole.copy()
    if asking is not None and asking.has.any():
        some = np.flatnonzero(asking.has)
        said[some] = _per_class(
            index, asking.emb[some], [asking.texts[i] for i in some], asking.sims[some], facets[some]
        )
    return np.hstack([q_emb.astype(np.float32), whole, said, facets.astype(np.float32)])


def _per_class(
    index: Index, q_emb: np.ndarray, q_texts: list[str], sims: np.ndarray, facets: np.ndarray
) -> np.ndarray:
    """Per question, per class: the best cosine, the mean of the best three, rapidfuzz's best
    agreement among the nearest, and the best cosine with the class's guide passages (n, 4C)."""
    n = q_emb.shape[0]
    c = len(CLASSES)
    guide = np.zeros((n, c), dtype=np.float32)
    if len(index.chunk_cls):
        gs = q_emb @ index.chunk_emb.T  # one product for all the questions, as they come
        order = np.argsort(index.chunk_cls, kind="stable")
        kinds, firsts = np.unique(index.chunk_cls[order], return_index=True)
        guide[:, kinds] = np.maximum.reduceat(gs[:, order], firsts, axis=1)
    # the rest row by row, `ROWS` questions at a time: a batch's temporaries (its cosines masked,
    # negated, partitioned) stay in the CPU's cache, the same values as all at once
    blocks = [
        _nearest_per_class(index, q_texts[lo : lo + ROWS], sims[lo : lo + ROWS], facets[lo : lo + ROWS])
        for lo in range(0, n, ROWS)
    ]
    if not blocks:
        return np.zeros((0, 4 * c), dtype=np.float32)
    top1, top3, lexical = (np.vstack(parts) for parts in zip(*blocks, strict=True))
    return np.hstack([top1, top3, lexical, guide])


def _nearest_per_class(
    index: Index, q_texts: list[str], sims: np.ndarray, facets: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """`_per_class`'s evidence from the nearest examples, for a few questions: per class, the best
    cosine, the mean of the best three and rapidfuzz's best agreement among the nearest."""
    n = sims.shape[0]
    c = len(CLASSES)
    sims = comparable(index, sims, facets)
    top1, top3 = _best_per_class(sims, index.starts, c)
    lexical = np.zeros((n, c), dtype=np.float32)
    near = np.argpartition(-sims, NEIGHBOURS, axis=1)[:, :NEIGHBOURS] if sims.shape[1] > NEIGHBOURS else None
    for i in range(n):
        candidates = near[i] if near is not None else np.arange(sims.shape[1])
        candidates = candidates[sims[i, candidates] > -1.0]  # not masked
        if not len(candidates):
            continue
        scores = process.cdist(
            [q_texts[i]], [index.texts[j] for j in candidates], scorer=fuzz.token_set_ratio, dtype=np.float64
        )[0]
        np.maximum.at(lexical[i], index.cls[candidates], (scores / 100.0).astype(np.float32))
    return top1, top3, lexical


def comparable(index: Index, sims: np.ndarray, facets: np.ndarray) -> np.ndarray:
    """`sims` with the examples a question is not compared with set to `MASKED`: for a question that
    names no other job, the examples that name one (a new array when anything is masked)."""
    if not index.other_role.any():
        return sims
    no_other = facets[:, OTHER_ROLE] == 0
    if not no_other.any():
        return sims
    return np.where(no_other[:, None] & index.other_role[None, :], MASKED, sims)


def _best_per_class(sims: np.ndarray, starts: np.ndarray, c: int) -> tuple[np.ndarray, np.ndarray]:
    """Per question and class (the slice `starts[k]:starts[k+1]` of `sims`'s columns): the best
    cosine and the mean of the best three (the best alone for a class of fewer than three), -1
    for a class without examples. The three best are peeled off in turn over whole rows (ties
    kept, as a partition would): one pass per rank instead of a partition per class, which cost
    one question about 0.2 ms more. Rows go `CHUNK` at a time (training passes thousands)."""
    n = sims.shape[0]
    sizes = np.diff(starts)[:c]
    kept = np.flatnonzero(sizes)
    top1 = np.full((n, c), -1.0, dtype=np.float32)
    top3 = np.full((n, c), -1.0, dtype=np.float32)
    if not len(kept):
        return top1, top3
    lo, hi = int(starts[kept[0]]), int(starts[kept[-1] + 1])
    firsts, counts = starts[kept] - lo, sizes[kept]
    for row in range(0, n, CHUNK):
        rest = sims[row : row + CHUNK, lo:hi]
        peaks, ties = [], []
        for step in range(3):
            peak = np.maximum.reduceat(rest, firsts, axis=1)
            at_peak = rest == np.repeat(peak, counts, axis=1)
            peaks.append(peak)
            ties.append(np.add.reduceat(at_peak, firsts, axis=1))
            if step < 2:
                rest = np.where(at_peak, np.float32(-np.inf), rest)
        m1, m2, m3 = peaks
        c1, c2 = ties[0], ties[1]
        second = np.where(c1 >= 2, m1, m2)
        third = np.where(c1 >= 3, m1, np.where(c1 == 2, m2, np.where(c2 >= 2, m2, m3)))
        top1[row : row + CHUNK, kept] = m1
        top3[row : row + CHUNK, kept] = np.where(counts >= 3, ((m1 + second) + third) / np.float32(3), m1)
    return top1, top3


def nearest(index: Index, q_emb: np.ndarray, count: int = 5) -> list[tuple[int, float]]:
    """The `count` nearest examples of one question, as (example index, cosine)."""
    sims = index.emb @ q_emb
    best = np.argsort(-sims)[:count]
    return [(int(j), float(sims[j])) for j in best]
