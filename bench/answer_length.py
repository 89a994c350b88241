"""How long are the answers? Terminal lines per intent and per kind of question (issue 9).

    python bench/answer_length.py [bench/answer_length.yaml] [--show]

The questions (bench/answer_length.yaml) are realistic ones written from the guide, each with
its intent and `kind`: `list` (the whole list or the topic in general), `item` (one item of a
list), `yes_no`. Lines are those of `aitl ask` in a terminal, unwrapped and wrapped at 80
columns (the source line and the "--full" hint included); `--show` prints every answer.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine import Engine  # noqa: E402
from bot.engine.render import to_terminal, wrap  # noqa: E402

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", nargs="?", type=Path, default=HERE / "answer_length.yaml")
    parser.add_argument("--show", action="store_true", help="print every answer")
    args = parser.parse_args()
    engine = Engine.load()
    entries = yaml.safe_load(args.file.read_text(encoding="utf-8")) or []
    lines: dict[tuple[str, str], list[int]] = defaultdict(list)
    wrapped: dict[tuple[str, str], list[int]] = defaultdict(list)
    wrong = 0
    for entry in entries:
        answer = engine.ask(str(entry["q"]))
        text = to_terminal(answer.text).rstrip("\n")
        if answer.more:  # `aitl ask` adds how to see the whole section
            text += f"\n(The whole section, {answer.more}: aitl ask --full)"
        key = (str(entry["intent"]), str(entry.get("kind", "-")))
        lines[key].append(text.count("\n") + 1)
        wrapped[key].append(wrap(text, 80).count("\n") + 1)
        wrong += answer.intent != entry["intent"]
        if args.show:
            print(f"=== {entry['q']}  [{answer.intent}, {lines[key][-1]} lines]\n{text}\n")
    kinds = sorted({k for _, k in lines})
    print(f"{'intent':<18}" + "".join(f"{k:>16}" for k in kinds) + f"{'all':>16}")
    for intent in sorted({i for i, _ in lines}):
        row = f"{intent:<18}"
        for kind in kinds:
            got = lines.get((intent, kind))
            row += f"{_mean(got)}/{_mean(wrapped.get((intent, kind)))}".rjust(16) if got else f"{'-':>16}"
        every = [n for (i, _), v in lines.items() if i == intent for n in v]
        every_w = [n for (i, _), v in wrapped.items() if i == intent for n in v]
        print(row + f"{_mean(every)}/{_mean(every_w)}".rjust(16))
    for kind in kinds:
        got = [n for (_, k), v in lines.items() if k == kind for n in v]
        got_w = [n for (_, k), v in wrapped.items() if k == kind for n in v]
        print(f"all {kind:<14} {_mean(got)} lines ({_mean(got_w)} at 80 columns), max {max(got)}")
    print(f"(mean lines unwrapped/at 80 columns; {len(entries)} questions, {wrong} read as another intent)")
    return 0


def _mean(values: list[int] | None) -> str:
    return f"{sum(values) / len(values):.1f}" if values else "-"


if __name__ == "__main__":
    raise SystemExit(main())
