"""A learned detector of questions that ask what the guide says of something across its sections
("bias & fairness: everything", "transparency, all occurrences", "collab, top to bottom"), for the
many ways of asking that bot.engine.subject's readings of the text miss.

A logistic regression over tf-idf weighted n-grams of the question (words and their pairs, the
marks between them, and the letters of each word in threes to fives), fitted in numpy from the
labelled border questions of `examples/across.yaml` (train part) and, as negatives, the labelled
questions of `examples/train.yaml` that are not read as across; its threshold is calibrated on the
dev part of `examples/across.yaml`. Written to `learned/across.json` by `aitl kb train`;
read with numpy only.

The detector only says that a question asks across the guide: bot.engine.subject still reads its
subject and checks that the guide speaks of it in several of its top-level sections.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path

import numpy as np

from bot.engine.lru import LRU

FILE = "across.json"
"""The detector's file in the knowledge base's `learned/` directory."""
_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[:,?!&/+]|\s[-—–]+\s|[—–]")


def tokens(text: str) -> list[str]:
    """The question's words and marks, lowercased ("—", "–" and a spaced "-" are one dash)."""
    text = " ".join(text.lower().replace("’", "'").split())
    return ["—" if t.strip() in ("-", "--", "—", "–") else t for t in _TOKEN.findall(f" {text} ")]


def features(text: str) -> Counter[str]:
    """The question's n-grams: words, pairs of words (with its start and end), letter runs."""
    said = tokens(text)
    out: Counter[str] = Counter(f"w:{t}" for t in said)
    padded = ["<s>", *said, "</s>"]
    out.update(f"b:{a} {b}" for a, b in zip(padded, padded[1:], strict=False))
    for word in said:
        if word[0].isalnum():
            out.update(_letters(word))
    return out


@lru_cache(maxsize=16384)
def _letters(word: str) -> tuple[str, ...]:
    """A word's letter runs of three to five, marked at its ends (in `features`' order); kept per
    word, the most recently used: most words of a question were in questions before."""
    marked = f"#{word}#"
    return tuple(f"c:{marked[k : k + n]}" for n in (3, 4, 5) for k in range(max(len(marked) - n + 1, 0)))


@dataclass(frozen=True)
class Detector:
    """The fitted detector: its n-grams' `idf` and `weights`, a `bias`, and the `threshold` of
    probability above which a question is taken to ask across the guide."""

    vocabulary: dict[str, int]
    idf: np.ndarray
    weights: np.ndarray
    bias: float
    threshold: float

    @cached_property
    def _idf(self) -> list[float]:
        """`idf` as Python floats (the same values): read a few dozen at a time, per question."""
        return self.idf.tolist()

    @cached_property
    def _weights(self) -> list[float]:
        return self.weights.tolist()

    @cached_property
    def _letter_keys(self) -> LRU[tuple[int, ...]]:
        """Per word, the vocabulary indices of its known letter runs (`_letters`, in order, repeats
        kept), the most recently used: most words of a question were in questions before."""
        return LRU(16384)

    def _known_letters(self, word: str) -> tuple[int, ...]:
        found = self._letter_keys.get(word)
        if found is None:
            vocabulary = self.vocabulary
            found = tuple(k for k in map(vocabulary.get, _letters(word)) if k is not None)
            self._letter_keys.put(word, found)
        return found

    def _weighted(self, text: str) -> tuple[list[int], list[float]]:
        """The question's known n-grams (vocabulary indices) and their tf-idf weights, L2-normalised.

        The n-grams of `features`, in its order, counted by vocabulary index: the n-grams outside
        the vocabulary are left out as they come, the letter runs looked up once per word."""
        idf, vocabulary = self._idf, self.vocabulary
        said = tokens(text)
        counts: dict[int, int] = {}
        padded = ["<s>", *said, "</s>"]
        grams = [f"w:{t}" for t in said]
        grams += [f"b:{a} {b}" for a, b in zip(padded, padded[1:], strict=False)]
        for k in map(vocabulary.get, grams):
            if k is not None:
                counts[k] = counts.get(k, 0) + 1
        for word in said:
            if word[0].isalnum():
                for k in self._known_letters(word):
                    counts[k] = counts.get(k, 0) + 1
        ks = list(counts)
        values = [(1.0 + math.log(count)) * idf[k] for k, count in counts.items()]
        norm = math.sqrt(sum(v * v for v in values))
        return ks, [v / norm for v in values] if norm else values

    def vector(self, text: str) -> np.ndarray:
        row = np.zeros(len(self.vocabulary), dtype=np.float64)
        ks, values = self._weighted(text)
        row[ks] = values
        return row

    def probability(self, text: str) -> float:
        ks, values = self._weighted(text)  # sparse: a question has a few dozen of the n-grams
        weights = self._weights
        score = sum(v * weights[k] for k, v in zip(ks, values, strict=True)) + self.bias
        return 1.0 / (1.0 + math.exp(-max(min(score, 30.0), -30.0)))

    def sure(self, text: str) -> bool:
        """Whether the question asks across the guide, by the detector (at its threshold)."""
        return self.probability(text) >= self.threshold

    def to_json(self) -> dict[str, object]:
        order = sorted(self.vocabulary, key=self.vocabulary.__getitem__)
        return {
            "about": "across-the-guide question detector (bot.engine.nlu.across); aitl kb train",
            "threshold": round(self.threshold, 4),
            "bias": round(self.bias, 6),
            "features": order,
            "idf": [round(float(v), 5) for v in self.idf],
            "weights": [round(float(v), 6) for v in self.weights],
        }

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Detector:
        order = list(data["features"])  # type: ignore[arg-type]
        return cls(
            vocabulary={f: k for k, f in enumerate(order)},
            idf=np.asarray(data["idf"], dtype=np.float64),
            weights=np.asarray(data["weights"], dtype=np.float64),
            bias=float(data["bias"]),  # type: ignore[arg-type]
            threshold=float(data["threshold"]),  # type: ignore[arg-type]
        )


@lru_cache(maxsize=8)
def load(directory: Path) -> Detector | None:
    """The knowledge base's detector (`learned/across.json`), None when it has none."""
    path = Path(directory) / "learned" / FILE
    if not path.is_file():
        return None
    return Detector.from_json(json.loads(path.read_text(encoding="utf-8")))


def fit(
    texts: Sequence[str],
    labels: Sequence[int],
    *,
    sample_weights: Sequence[float] | None = None,
    strength: float = 10.0,
    min_df: int = 2,
    steps: int = 600,
    known: int | None = None,
) -> Detector:
    """A detector fitted to the labelled questions (1: asks across the guide), with L2 penalty
    1/`strength` (as scikit-learn's C) by full-batch gradient descent; threshold 0.5 until
    calibrated (`calibrate`). Its n-grams are those of the first `known` questions (all when
    None): the border questions, not the many other questions that only teach what is not across."""
    counted = [features(t) for t in texts[:known]]
    df: Counter[str] = Counter(f for c in counted for f in c)
    order = sorted(f for f, n in df.items() if n >= min_df)
    vocabulary = {f: k for k, f in enumerate(order)}
    idf = np.array([math.log((1 + len(counted)) / (1 + df[f])) + 1.0 for f in order])
    n = len(texts)
    bare = Detector(vocabulary, idf, np.zeros(len(order)), 0.0, 0.5)
    x = np.vstack([bare.vector(t) for t in texts])
    y = np.asarray(labels, dtype=np.float64)
    sw = np.ones(n) if sample_weights is None else np.asarray(sample_weights, dtype=np.float64)
    w, b = _descend(x, y, sw, strength, steps)
    return Detector(vocabulary, idf, w, b, 0.5)


def _descend(
    x: np.ndarray, y: np.ndarray, sw: np.ndarray, strength: float, steps: int
) -> tuple[np.ndarray, float]:
    """Minimise sum(sw * logloss) * strength + |w|^2 / 2 by Nesterov's accelerated gradient."""
    w = np.zeros(x.shape[1])
    b = 0.0
    vw, vb = w.copy(), b
    v = np.ones(x.shape[1]) / math.sqrt(x.shape[1])
    for _ in range(30):  # the largest eigenvalue of X' diag(sw) X, by power iteration
        v = x.T @ (sw * (x @ v))
        top = float(np.linalg.norm(v))
        v /= top or 1.0
    step = 1.0 / (strength * 1.05 * top / 4.0 + 1.0)  # 1 / the gradient's Lipschitz constant
    t = 1.0
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-np.clip(x @ vw + vb, -30, 30)))
        g = sw * (p - y) * strength
        gw = x.T @ g + vw
        gb = float(g.sum())
        w_next, b_next = vw - step * gw, vb - step * gb
        t_next = (1 + math.sqrt(1 + 4 * t * t)) / 2
        vw = w_next + (t - 1) / t_next * (w_next - w)
        vb = b_next + (t - 1) / t_next * (b_next - b)
        w, b, t = w_next, b_next, t_next
    return w, b


def calibrate(
    detector: Detector, texts: Iterable[str], labels: Iterable[int], *, false_rate: float
) -> Detector:
    """The detector with the lowest threshold at which at most `false_rate` of the negatives pass
    (and never below 0.5)."""
    scored = [(detector.probability(t), y) for t, y in zip(texts, labels, strict=True)]
    negatives = sorted((p for p, y in scored if not y), reverse=True)
    allowed = int(false_rate * len(negatives))
    threshold = negatives[allowed] + 1e-6 if allowed < len(negatives) else 0.5
    return Detector(detector.vocabulary, detector.idf, detector.weights, detector.bias, max(threshold, 0.5))
