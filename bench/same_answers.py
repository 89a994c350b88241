"""Dump every answer of the dev sets, to check that a change leaves the answers byte-identical.

Run: `python bench/same_answers.py OUT_DIR` (with AITL_KNOWLEDGE_CACHE=off), before and after a
change, then `diff -r` the two folders. Questions: knowledge/ai-tech-lead/examples/dev.yaml and
tests/engine/focused_dev*.yaml (single questions), and the turns of
tests/engine/conversations-dev*.yaml (as conversations). Three dumps:
  cli.jsonl   `aitl ask --json` batch mode over all of them (conversations as JSON lines)
  api.jsonl   Engine.ask one at a time, with full-precision confidences (repr)
  many.jsonl  Engine.ask_many in batches of 256, with full-precision confidences
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))


def single_questions() -> list[str]:
    out: list[str] = []
    dev = yaml.safe_load((ROOT / "knowledge/ai-tech-lead/examples/dev.yaml").read_text(encoding="utf-8"))
    for group in dev.values():
        out.extend(str(case["q"]) for case in group)
    for path in sorted((ROOT / "tests/engine").glob("focused_dev*.yaml")):
        out.extend(str(case["q"]) for case in yaml.safe_load(path.read_text(encoding="utf-8")))
    return [" ".join(q.split()) for q in out]


def conversations() -> list[tuple[str, list[str]]]:
    out = []
    for path in sorted((ROOT / "tests/engine").glob("conversations-dev*.yaml")):
        for conv in yaml.safe_load(path.read_text(encoding="utf-8")):
            out.append((f"{path.stem}/{conv['id']}", [str(t["q"]) for t in conv["turns"]]))
    return out


def full(answer) -> str:  # noqa: ANN001
    data = answer.to_dict()
    data["confidence"] = repr(answer.confidence)
    data["alternatives"] = [[a.intent, repr(a.confidence)] for a in answer.alternatives]
    data["state"] = None if answer.state is None else {**answer.state.to_dict(), "at": None}
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


def main() -> int:
    out_dir = Path(sys.argv[1])
    out_dir.mkdir(parents=True, exist_ok=True)
    singles, convs = single_questions(), conversations()
    lines = [q + "\n" for q in singles]
    for cid, turns in convs:
        lines.extend(json.dumps({"text": t, "conversation": cid}) + "\n" for t in turns)
    result = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        cwd=ROOT, input="".join(lines), capture_output=True, text=True, check=True,
    )  # fmt: skip
    (out_dir / "cli.jsonl").write_text(result.stdout, encoding="utf-8")

    from bot.engine import ConversationState, Engine

    engine = Engine.load()
    with (out_dir / "api.jsonl").open("w", encoding="utf-8") as f:
        for q in singles:
            f.write(full(engine.ask(q)) + "\n")
        for _, turns in convs:
            state = ConversationState()
            for t in turns:
                answer = engine.ask(t, state=state)
                state = answer.state
                f.write(full(answer) + "\n")
    engine = Engine.load()
    with (out_dir / "many.jsonl").open("w", encoding="utf-8") as f:
        for lo in range(0, len(singles), 256):
            for answer in engine.ask_many(singles[lo : lo + 256]):
                f.write(full(answer) + "\n")
    print(f"{len(singles)} questions, {sum(len(t) for _, t in convs)} conversation turns -> {out_dir}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
