"""The learned artefact: what `aitl kb train` writes and a running bot loads.

`knowledge/<role>/learned/` holds
- `matcher.npz` (uncompressed): the embedded examples and guide passages (float16), the topic units, the
  softmax weights with the feature scaling, and the item scorer's weights;
- `matcher.json`: the example texts (for rapidfuzz and `--explain`), the class and topic ids, and
  what it was trained from (hashes of the examples, the guide and the encoder), with the dev
  report;
- `calibration.json`: the cutoffs, calibrated on dev and meant to be read and edited by people:
  `temperature`, `cutoff` (below it: `unknown`), `ambiguity` (a runner-up this close gets a
  "Did you mean" button), `topic_min` and `topic_margin` (when a question is about one item).
Only numpy is needed to use it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bot.engine.knowledge import KnowledgeBase, KnowledgeError
from bot.engine.nlu.evidence import CLASSES, Index

LEARNED_DIR = "learned"
NPZ, META, CALIBRATION = "matcher.npz", "matcher.json", "calibration.json"

TOPIC_EVIDENCE = 4
"""The columns of `Matcher.topic_evidence` (an item's evidence), as the item scorer's weights."""


@dataclass(frozen=True)
class Calibration:
    temperature: float = 1.0
    cutoff: float = 0.5
    ambiguity: float = 0.6
    topic_min: float = 0.45
    topic_margin: float = 0.03
    in_scope: float = 1.01
    """Below the cutoff, a question whose chance of being about the role at all (1 - p(unknown))
    is at least this is still answered, as its best intent with the runner-ups offered: its
    probability is spread over neighbouring intents, not given to 'unknown' (above 1 = never)."""
    parts: float = 0.0
    """How much a message's most decisive part, read alone, counts beside the whole message in its
    intent probabilities (0 = not at all: an artefact trained before parts were read)."""
    item_parts: float = 0.0
    """... and in the item scorer's probabilities."""
    bullet_min: float = 1.01
    bullet_margin: float = 0.0
    """The item scorer is sure of one bullet of an intent's sections outside its list (`Match.bullet`)
    when its probability among the intent's bullets is at least `bullet_min` and this far ahead of
    the next (above 1 = never: an artefact trained before bullets were units)."""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Calibration:
        known = {k: float(v) for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)

    def to_dict(self) -> dict[str, float]:
        return {k: round(float(getattr(self, k)), 4) for k in self.__dataclass_fields__}


@dataclass(frozen=True)
class Learned:
    index: Index
    weights: np.ndarray  # (F, C)
    bias: np.ndarray  # (C,)
    mean: np.ndarray  # (F,)
    scale: np.ndarray  # (F,)
    unit_keys: tuple[str, ...]
    unit_emb: np.ndarray  # (U, D) the units' guide text
    example_unit: np.ndarray  # (N,) index into unit_keys, -1 when the example names no item
    calibration: Calibration
    meta: dict[str, Any] = field(default_factory=dict)
    topic_coef: np.ndarray | None = None  # (K,) the item scorer's weights of its similarity evidence
    topic_weights: np.ndarray | None = None  # (D, U) and of the question's embedding, per unit
    bullet_coef: np.ndarray | None = None  # (K,) its weights of the evidence for the intents' bullets

    def _topic_arrays(self) -> dict[str, np.ndarray]:
        if self.topic_coef is None or self.topic_weights is None:
            return {}
        bullets = {} if self.bullet_coef is None else {"bullet_coef": self.bullet_coef.astype(np.float32)}
        return {
            "topic_coef": self.topic_coef.astype(np.float32),
            "topic_weights": self.topic_weights.astype(np.float32),
            **bullets,
        }

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        ix = self.index
        np.savez(  # uncompressed: 1 MB more, 65 ms less to load (measured)
            directory / NPZ,
            emb=ix.emb.astype(np.float16),
            cls=ix.cls.astype(np.int16),
            starts=ix.starts.astype(np.int32),
            chunk_emb=ix.chunk_emb.astype(np.float16),
            chunk_cls=ix.chunk_cls.astype(np.int16),
            other_role=ix.other_role.astype(np.bool_),
            weights=self.weights.astype(np.float32),
            bias=self.bias.astype(np.float32),
            mean=self.mean.astype(np.float32),
            scale=self.scale.astype(np.float32),
            unit_emb=self.unit_emb.astype(np.float16),
            example_unit=self.example_unit.astype(np.int16),
            **self._topic_arrays(),
        )
        meta = {**self.meta, "classes": list(CLASSES), "units": list(self.unit_keys), "texts": list(ix.texts)}
        (directory / META).write_text(json.dumps(meta, ensure_ascii=False, indent=0) + "\n", encoding="utf-8")
        (directory / CALIBRATION).write_text(json.dumps(self.calibration.to_dict(), indent=2) + "\n")


COLUMN_BLOCK = 256
"""Rows widened and transposed at a time by `column_major` (a block stays in the CPU's cache)."""


def column_major(rows: np.ndarray) -> np.ndarray:
    """The (N, D) float16 example matrix as float32 in column-major order, so that `emb.T` (what
    every question's cosines multiply by) is one contiguous (D, N) block: OpenBLAS reads it 10-20%
    faster per question than the transpose of row-major. The same values as
    `np.asfortranarray(rows, dtype=np.float32)`, built a block of rows at a time: about 17 ms
    instead of 57 ms of every start (one strided pass over the whole matrix misses the cache)."""
    out = np.empty((rows.shape[1], rows.shape[0]), dtype=np.float32)
    for start in range(0, rows.shape[0], COLUMN_BLOCK):
        out[:, start : start + COLUMN_BLOCK] = rows[start : start + COLUMN_BLOCK].astype(np.float32).T
    return out.T


def learned_dir(kb: KnowledgeBase) -> Path:
    return kb.directory / LEARNED_DIR


def load_learned(kb: KnowledgeBase) -> Learned:
    """The artefact next to `kb`'s files; KnowledgeError (with the fix) when it is missing,
    made for other intents or for another encoder's dimension."""
    directory = learned_dir(kb)
    try:
        arrays = np.load(directory / NPZ)
        meta = json.loads((directory / META).read_text(encoding="utf-8"))
        calibration = Calibration.from_dict(json.loads((directory / CALIBRATION).read_text(encoding="utf-8")))
    except (OSError, ValueError) as exc:
        raise KnowledgeError(
            directory, None, f"no usable learned matcher ({exc}); run `aitl kb train`"
        ) from None
    if "other_role" not in arrays.files:
        raise KnowledgeError(directory / NPZ, None, "made by an older aitl; run `aitl kb train`")
    if tuple(meta.get("classes", ())) != CLASSES:
        raise KnowledgeError(directory / META, None, "trained for other intents; run `aitl kb train`")
    index = Index(
        emb=column_major(arrays["emb"]),
        cls=arrays["cls"].astype(np.int64),
        starts=arrays["starts"].astype(np.int64),
        texts=tuple(meta["texts"]),
        chunk_emb=arrays["chunk_emb"].astype(np.float32),
        chunk_cls=arrays["chunk_cls"].astype(np.int64),
        other_role=arrays["other_role"].astype(np.bool_),
    )
    if "topic_coef" in arrays.files and len(arrays["topic_coef"]) != TOPIC_EVIDENCE:
        raise KnowledgeError(directory / NPZ, None, "made by an older aitl; run `aitl kb train`")
    return Learned(
        index=index,
        weights=arrays["weights"],
        bias=arrays["bias"],
        mean=arrays["mean"],
        scale=arrays["scale"],
        unit_keys=tuple(meta["units"]),
        unit_emb=arrays["unit_emb"].astype(np.float32),
        example_unit=arrays["example_unit"].astype(np.int64),
        calibration=calibration,
        meta={k: v for k, v in meta.items() if k not in ("texts", "units", "classes")},
        topic_coef=arrays["topic_coef"] if "topic_coef" in arrays.files else None,
        topic_weights=arrays["topic_weights"] if "topic_weights" in arrays.files else None,
        bullet_coef=arrays["bullet_coef"] if "bullet_coef" in arrays.files else None,
    )
