"""Score follow-up understanding on labelled multi-turn conversations (issue 10).

    python bench/conversations.py tests/engine/conversations-dev.yaml [--misses]
    python bench/conversations.py tests/sealed/conversations-c1.yaml     # a sealed set: score only
    python bench/conversations.py FILE --cli                             # through `aitl ask --json`

Each file is a YAML list of {id, persona, turns: [{q, intent, entities?, topic?, facts?,
carried?}]}. Every conversation is played in order, each turn in the state the one before left
(through `Engine.ask(state=...)`, or with `--cli` as `{"text", "conversation"}` lines of one
`aitl ask --json` batch, the way the issue checks it). A turn is right when all its labels hold:
the intent; the salary facets after it (`entities`: level, location and industry exactly, carried
ones included, none extra); the item (`topic`); the guide's strings (`facts`) in the answer; and
what was carried (`carried`, as a set; an item carried implies its list's intent, which writers
list or leave out alike: "the third one" after the challenges is `[topic]` or `[topic, intent]`).
First turns and follow-up turns are counted apart, and
each label is tallied on its own too.

`--misses` lists wrong turns, and is refused for files under tests/sealed/: a sealed set is scored,
never read for its failures.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml


def _carried(labels: Any) -> set[str]:
    """A `carried` list as compared: a set, with `intent` implied by `topic` (the item carried is
    one of the list the conversation was about)."""
    found = set(labels or [])
    return found | {"intent"} if "topic" in found else found


ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Engine  # noqa: E402

FACETS = ("level", "location", "industry")


def play_engine(engine: Engine, conversations: list[dict]) -> list[list[dict[str, Any]]]:
    """Each conversation's answers as the contract's JSON objects."""
    out = []
    for conversation in conversations:
        state, answers = None, []
        for turn in conversation.get("turns") or []:
            answer = engine.ask(str(turn["q"]), state=state if state is not None else _fresh())
            state = answer.state
            answers.append({**answer.to_dict(), "topic": answer.topic})
        out.append(answers)
    return out


def _fresh() -> Any:
    from bot.engine.conversation import ConversationState

    return ConversationState()


def play_cli(conversations: list[dict]) -> list[list[dict[str, Any]]]:
    """The same through one `aitl ask --json` batch of conversation lines, turns interleaved."""
    lines, where = [], []
    longest = max((len(c.get("turns") or []) for c in conversations), default=0)
    for index in range(longest):  # interleaved: conversations must not leak into each other
        for number, conversation in enumerate(conversations):
            turns = conversation.get("turns") or []
            if index < len(turns):
                lines.append(
                    json.dumps({"text": str(turns[index]["q"]), "conversation": str(conversation["id"])})
                )
                where.append((number, index))
    done = subprocess.run(
        [sys.executable, "-m", "bot", "ask", "--json"],
        input="\n".join(lines) + "\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    objects = [json.loads(line) for line in done.stdout.splitlines()]
    out: list[list[dict[str, Any]]] = [[{}] * len(c.get("turns") or []) for c in conversations]
    for (number, index), obj in zip(where, objects, strict=True):
        out[number][index] = obj
    return out


def _topic_key(topic: Any) -> tuple[str, str] | None:
    if not isinstance(topic, dict):
        return None
    return (str(topic.get("section", "")).lower(), str(topic.get("item", "")).lower())


def judge(turn: dict, got: dict[str, Any]) -> dict[str, bool]:
    """Each label of `turn` checked against the JSON answer `got`."""
    checks = {"intent": got.get("intent") == turn.get("intent", "unknown")}
    if "entities" in turn:
        want = {k: v for k, v in (turn.get("entities") or {}).items() if k in FACETS}
        have = {k: v for k, v in (got.get("entities") or {}).items() if k in FACETS}
        checks["entities"] = want == have
    if "topic" in turn:
        checks["topic"] = _topic_key(got.get("topic")) == _topic_key(turn["topic"])
    if turn.get("facts"):
        text = str(got.get("text", "")).lower()
        checks["facts"] = all(str(fact).lower() in text for fact in turn["facts"])
    if "carried" in turn:
        checks["carried"] = _carried(turn.get("carried")) == _carried(got.get("carried"))
    return checks


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--cli", action="store_true", help="play the turns through `aitl ask --json`")
    parser.add_argument("--misses", action="store_true", help="list wrong turns (not for sealed sets)")
    args = parser.parse_args()
    if args.misses and "sealed" in args.file.resolve().parts:
        parser.error("a sealed set is scored only: its failures are not for reading (tests/sealed/README.md)")
    conversations = yaml.safe_load(args.file.read_text(encoding="utf-8")) or []
    results = play_cli(conversations) if args.cli else play_engine(Engine.load(), conversations)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    misses = []
    for conversation, answers in zip(conversations, results, strict=True):
        for index, (turn, got) in enumerate(zip(conversation.get("turns") or [], answers, strict=True)):
            kind = "first" if index == 0 else "follow-up"
            checks = judge(turn, got)
            right = all(checks.values())
            tally[kind][0] += right
            tally[kind][1] += 1
            for label, ok in checks.items():
                tally[f"  {kind}: {label}"][0] += ok
                tally[f"  {kind}: {label}"][1] += 1
            if not right:
                wrong = ", ".join(k for k, ok in checks.items() if not ok)
                misses.append(
                    f"{conversation.get('id')}#{index + 1} [{wrong}] {turn['q'][:80]!r} -> "
                    f"{got.get('intent')} {got.get('entities')} carried={got.get('carried')}"
                    + (f" (labelled {turn.get('carried')})" if not checks.get("carried", True) else "")
                )
    turns = tally["first"][1] + tally["follow-up"][1]
    print(f"{args.file.name}: {len(conversations)} conversations, {turns} turns")
    for key in sorted(tally, key=lambda k: (k.strip().split(":")[0] != "first", k.startswith(" "), k)):
        right, total = tally[key]
        print(f"{key:<28} {right / total:6.1%} ({right}/{total})")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
