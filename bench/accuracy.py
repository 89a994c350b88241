"""Score the engine on a labelled question set, as a user would meet it (the whole `engine.ask`).

    python bench/accuracy.py knowledge/ai-tech-lead/examples/dev.yaml [--by style] [--misses]
    python bench/accuracy.py tests/sealed/s17.yaml --by style     # a sealed set: totals only

Each file is a YAML list of {q, intent, topic?: {section, item} or "section-id/item-id",
entities?: {level, location, industry}, facts?: [strings the answer must contain]}. Prints, per
file and pooled: in-scope intent accuracy, in-scope falsely rejected, out-of-scope rejected,
salary entities right, guide facts present in right answers, item (topic) accuracy on the list
intents, and bullet accuracy on the others (the item of Requirements, Career Development, Market
Demand a question is about: the answer's topic).
Uses only the public façade, so it scores any version of the engine the same way.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine import Engine  # noqa: E402


def _topic_key(kb, topic) -> str | None:
    if topic is None:
        return None
    if isinstance(topic, str):
        return topic
    by_title = {}
    for section in kb.sections.values():
        top = section if section.parent is None else kb.sections[section.parent]
        by_title[(top.title.lower(), section.title.lower())] = f"{top.id}/{section.id.rsplit('/', 1)[-1]}"
        for item in section.items:
            by_title[(top.title.lower(), item.title.lower())] = f"{section.id}/{item.id}"
    return by_title.get((str(topic.get("section", "")).lower(), str(topic.get("item", "")).lower()), "?")


class Tally:
    def __init__(self) -> None:
        self.n = defaultdict(int)

    def add(self, key: str, ok: bool) -> None:
        self.n[key + "_n"] += 1
        self.n[key] += bool(ok)

    def rate(self, key: str) -> str:
        n = self.n[key + "_n"]
        return f"{self.n[key] / n:.1%} ({self.n[key]}/{n})" if n else "-"

    def line(self) -> str:
        keys = ("right", "false_reject", "rejected", "entities", "facts", "topic", "bullet")
        return "  ".join(f"{k} {self.rate(k)}" for k in keys)


def score(engine: Engine, entries: list[dict], tallies: dict[str, Tally], by: str | None, misses: list[str]):
    kb = engine.kb
    answers = (
        engine.ask_many([str(e["q"]) for e in entries])
        if hasattr(engine, "ask_many")
        else [engine.ask(str(e["q"])) for e in entries]
    )
    for entry, answer in zip(entries, answers, strict=True):
        keys = ["all"] + ([f"{by}={entry.get(by)}"] if by else [])
        want = entry.get("intent", "unknown")
        for key in keys:
            t = tallies.setdefault(key, Tally())
            if want == "unknown":
                t.add("rejected", answer.intent == "unknown")
                continue
            right = answer.intent == want
            t.add("right", right)
            t.add("false_reject", answer.intent == "unknown")
            if want == "salary" and entry.get("entities"):
                got = answer.entities
                t.add("entities", all(got.get(k) == v for k, v in entry["entities"].items()))
            if right and entry.get("facts"):
                lost = [f for f in entry["facts"] if str(f).lower() not in answer.text.lower()]
                t.add("facts", not lost)
                if lost and key == "all":
                    misses.append(f"{'facts':>16} <- {answer.intent:<16} {entry['q'][:110]!r} missing={lost}")
            listed = kb.intents[want].topic_section if want in kb.intents else None
            if (
                right
                and "topic" in entry
                and want in ("trends", "best_practices", "challenges", "soft_skills", "responsibilities")
                and str(_topic_key(kb, entry["topic"])).startswith(f"{listed}/")
            ):
                got = answer.topic if isinstance(getattr(answer, "topic", None), dict) else None
                expected = _topic_key(kb, entry["topic"])
                if expected and expected.endswith("/_list"):  # about the whole list: no item
                    t.add("topic", got is None)
                else:
                    t.add("topic", _topic_key(kb, got) == expected if got else False)
            elif right and "topic" in entry and _topic_key(kb, entry["topic"]) != "?":
                # a bullet of the sections outside the lists (Requirements, Career Development,
                # Market Demand): the answer's item, or its area for a subsection of untitled lines
                got = answer.topic if isinstance(getattr(answer, "topic", None), dict) else None
                t.add("bullet", _topic_key(kb, got) == _topic_key(kb, entry["topic"]) if got else False)
        if answer.intent != want:
            misses.append(f"{want:>16} <- {answer.intent:<16} {entry['q'][:110]!r}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--by", help="also tally by this field (style, persona)")
    parser.add_argument(
        "--misses",
        action="store_true",
        help="list wrong intents and right answers without their facts (not for sealed sets)",
    )
    args = parser.parse_args()
    if args.misses and any("sealed" in path.resolve().parts for path in args.files):
        parser.error("a sealed set is scored only: its failures are not for reading (tests/sealed/README.md)")
    engine = Engine.load()
    pooled: dict[str, Tally] = {}
    misses: list[str] = []
    for path in args.files:
        entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(entries, dict):  # grouped like the knowledge base's dev.yaml
            entries = [{**e, "group": group} for group, items in entries.items() for e in items or []]
        tallies: dict[str, Tally] = {}
        score(engine, entries, tallies, args.by, misses)
        print(f"{path.name}: {tallies['all'].line()}")
        for key, tally in sorted(tallies.items()):
            if key != "all":
                print(f"    {key:<28} {tally.line()}")
        for key, tally in tallies.items():
            agg = pooled.setdefault(key, Tally())
            for k, v in tally.n.items():
                agg.n[k] += v
    if len(args.files) > 1:
        print(f"pooled: {pooled['all'].line()}")
    if args.misses:
        print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
