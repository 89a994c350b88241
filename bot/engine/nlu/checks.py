"""Warnings about the learned matcher for `aitl kb check`: a stale model, and labelled examples
of different intents that collide (the same question, or nearly the same meaning, labelled twice
differently), as Rasa's validator warns when one intent's examples sit in another's."""

from __future__ import annotations

import numpy as np

from bot.engine.knowledge import KnowledgeBase, KnowledgeError
from bot.engine.nlu.evidence import CLASSES
from bot.engine.nlu.examples import load_examples
from bot.engine.nlu.model import load_learned
from bot.engine.normalize import normalize

NEAR = 0.97
"""Cosine at or above which two examples say the same thing."""
SHOWN = 10


def warnings(kb: KnowledgeBase) -> list[str]:
    out: list[str] = []
    try:
        learned = load_learned(kb)
    except KnowledgeError as error:
        return [str(error)]
    from bot.engine.nlu.encoder import EncoderError, default_encoder
    from bot.engine.nlu.train import trained_from

    try:
        if learned.meta.get("trained_from") != trained_from(kb, default_encoder()):
            out.append(
                "the learned matcher is older than the examples, guide or intents: run `aitl kb train`"
            )
    except EncoderError as error:
        out.append(f"encoder: {error}")
    seen: dict[str, tuple[str, str]] = {}
    for example in load_examples(kb, "train"):
        key = normalize(example.q).text
        other = seen.setdefault(key, (example.intent, example.group))
        if other[0] != example.intent:
            out.append(
                f"examples collide: {example.q!r} is {example.intent} in {example.group!r} "
                f"but {other[0]} in {other[1]!r}"
            )
    index = learned.index
    collisions = 0
    for lo in range(0, len(index.texts), 1024):
        sims = index.emb[lo : lo + 1024] @ index.emb.T
        rows, cols = np.nonzero((sims >= NEAR) & (index.cls[lo : lo + 1024, None] != index.cls[None, :]))
        for r, c in zip(rows, cols, strict=True):
            i = lo + int(r)
            if i < c and index.texts[i] != index.texts[c]:
                collisions += 1
                if collisions <= SHOWN:
                    out.append(
                        f"examples nearly collide ({sims[r, c]:.2f}): {index.texts[i]!r} "
                        f"({CLASSES[index.cls[i]]}) ~ {index.texts[c]!r} ({CLASSES[index.cls[c]]})"
                    )
    if collisions > SHOWN:
        out.append(f"... and {collisions - SHOWN} more near collisions")
    return out
