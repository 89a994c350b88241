"""Fit the across-the-guide question detector (bot.engine.nlu.across) and write it to the
knowledge base's `learned/across.json`.

    python scripts/train_across.py [knowledge/ai-tech-lead]

Positives and border negatives: `examples/across.yaml` train part; more negatives: every
`NEGATIVES`-th of the questions of `examples/train.yaml` the rules do not read as across, at
weight `WEIGHT`. Threshold: the lowest at which at most `FALSE_RATE` of the dev part's negatives
pass (never below 0.5). Numpy only; deterministic.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine import facts  # noqa: E402
from bot.engine.knowledge import load_knowledge  # noqa: E402
from bot.engine.nlu import across  # noqa: E402
from bot.engine.search import index_for  # noqa: E402

STRENGTH = 30.0
NEGATIVES = 2000
WEIGHT = 0.3
FALSE_RATE = 0.08


def main() -> int:
    directory = Path(sys.argv[1] if len(sys.argv) > 1 else "knowledge/ai-tech-lead")
    parts = yaml.safe_load((directory / "examples" / "across.yaml").read_text(encoding="utf-8"))
    train, dev = parts["train"], parts["dev"]
    kb = load_knowledge(directory, cache=False)
    index = index_for(kb)
    groups = yaml.safe_load((directory / "examples" / "train.yaml").read_text(encoding="utf-8"))
    others = [str(e["q"]) for group in groups.values() for e in group]
    others = [q for q in others if facts.read(q, index=index)[1].across is None]
    others = others[:: max(len(others) // NEGATIVES, 1)][:NEGATIVES]
    texts = [str(e["q"]) for e in train] + others
    labels = [int(bool(e["across"])) for e in train] + [0] * len(others)
    weights = [1.0] * len(train) + [WEIGHT] * len(others)
    detector = across.fit(texts, labels, sample_weights=weights, strength=STRENGTH, known=len(train))
    detector = across.calibrate(
        detector, [str(e["q"]) for e in dev], [int(bool(e["across"])) for e in dev], false_rate=FALSE_RATE
    )
    sure = [detector.sure(str(e["q"])) for e in dev]
    found = sum(s for s, e in zip(sure, dev, strict=True) if e["across"])
    false = sum(s for s, e in zip(sure, dev, strict=True) if not e["across"])
    out = directory / "learned" / across.FILE
    out.write_text(json.dumps(detector.to_json(), separators=(",", ":")) + "\n", encoding="utf-8")
    print(
        f"{out}: {len(detector.vocabulary)} n-grams, threshold {detector.threshold:.3f}; dev: "
        f"{found}/{sum(1 for e in dev if e['across'])} across found, "
        f"{false}/{sum(1 for e in dev if not e['across'])} false"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
