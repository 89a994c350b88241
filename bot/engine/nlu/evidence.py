"""Evidence for each intent, as one feature row per question: the mechanism, no data.

For a question embedded by the sentence encoder, and its normalised text:
- its embedding itself (a linear read of meaning);
- per intent, its nearest labelled examples: the best cosine and the mean of the best three;
- per intent, rapidfuzz's token-set agreement with the nearest examples of that intent (the
  lexical, typo-tolerant view of the same neighbours);
- per intent, the best cosine with the guide's own passages that the intent answers from;
- the salary facets the entity reader found (level or years, place, industry, a pay figure).
The weights that turn these rows into intent probabilities are learned (train.py); nothing
here is tuned to a question.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from rapidfuzz import fuzz

from bot.engine.answer import INTENTS

CLASSES: tuple[str, ...] = tuple(INTENTS)
NEIGHBOURS = 40
"""How many nearest examples rapidfuzz re-reads: enough to reach every plausible intent."""
FACETS = 6


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

    @property
    def dim(self) -> int:
        return int(self.emb.shape[1])


def width(dim: int) -> int:
    """How many features a row has."""
    return dim + 4 * len(CLASSES) + FACETS


def rows(
    index: Index,
    q_emb: np.ndarray,
    q_texts: list[str],
    facets: np.ndarray,
    *,
    sims: np.ndarray | None = None,
) -> np.ndarray:
    """Feature rows for questions (`q_emb` (n, D), their normalised texts, `facets` (n, FACETS)).

    `sims` (n, N), when given, replaces the cosines with the examples (training passes them with
    a question's own group masked out)."""
    n = q_emb.shape[0]
    c = len(CLASSES)
    if sims is None:
        sims = q_emb @ index.emb.T
    top1 = np.full((n, c), -1.0, dtype=np.float32)
    top3 = np.full((n, c), -1.0, dtype=np.float32)
    for k in range(c):
        lo, hi = int(index.starts[k]), int(index.starts[k + 1])
        if hi - lo == 0:
            continue
        block = sims[:, lo:hi]
        if hi - lo >= 3:
            best = -np.partition(-block, 2, axis=1)[:, :3]
            top1[:, k] = best.max(axis=1)
            top3[:, k] = best.mean(axis=1)
        else:
            top1[:, k] = top3[:, k] = block.max(axis=1)
    lexical = np.zeros((n, c), dtype=np.float32)
    near = np.argpartition(-sims, NEIGHBOURS, axis=1)[:, :NEIGHBOURS] if sims.shape[1] > NEIGHBOURS else None
    for i in range(n):
        candidates = near[i] if near is not None else range(sims.shape[1])
        text = q_texts[i]
        for j in candidates:
            if sims[i, j] <= -1.0:
                continue  # masked
            k = index.cls[j]
            score = fuzz.token_set_ratio(text, index.texts[j]) / 100.0
            if score > lexical[i, k]:
                lexical[i, k] = score
    guide = np.zeros((n, c), dtype=np.float32)
    if len(index.chunk_cls):
        gs = q_emb @ index.chunk_emb.T
        for k in np.unique(index.chunk_cls):
            guide[:, k] = gs[:, index.chunk_cls == k].max(axis=1)
    return np.hstack([q_emb.astype(np.float32), top1, top3, lexical, guide, facets.astype(np.float32)])


def nearest(index: Index, q_emb: np.ndarray, count: int = 5) -> list[tuple[int, float]]:
    """The `count` nearest examples of one question, as (example index, cosine)."""
    sims = index.emb @ q_emb
    best = np.argsort(-sims)[:count]
    return [(int(j), float(sims[j])) for j in best]
