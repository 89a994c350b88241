"""Add a batch of labelled questions to the knowledge base's examples, as one source group.

    python scripts/add_examples.py BATCH.yaml --split train|dev --group NAME

BATCH.yaml is a list of {q, intent, topic?: {section: <guide section title>, item: <item title>},
list?: true} as blind writers produce them (other fields are ignored); `list: true` marks a
question about a list intent's whole list. Topics are turned into the
`section-id/item-id` keys the matcher uses; an unknown title stops with its entry number.
A dev question whose normalised text is already in train is left out (dev must be unseen).
Then run `aitl kb train`. Never add a sealed test batch here.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine.knowledge import load_knowledge  # noqa: E402
from bot.engine.nlu.examples import WHOLE, examples_path, load_examples, topic_units  # noqa: E402
from bot.engine.normalize import normalize  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("batch", type=Path)
    parser.add_argument("--split", choices=("train", "dev"), required=True)
    parser.add_argument("--group", required=True)
    args = parser.parse_args()
    kb = load_knowledge()
    by_title = {(u.section_title.lower(), u.title.lower()): u.key for u in topic_units(kb)}
    entries = yaml.safe_load(args.batch.read_text(encoding="utf-8")) or []
    lines = [f"\n{args.group}:\n"]
    seen = {normalize(e.q).text for e in load_examples(kb, "train")} if args.split == "dev" else set()
    kept = 0
    for n, entry in enumerate(entries, start=1):
        out = {"q": str(entry["q"]), "intent": entry.get("intent", "unknown")}
        if normalize(out["q"]).text in seen:
            print(f"entry {n}: {out['q']!r} is in train already; left out of dev", file=sys.stderr)
            continue
        kept += 1
        topic = entry.get("topic")
        section = kb.intents[out["intent"]].topic_section if out["intent"] in kb.intents else None
        if entry.get("list") and section:  # about the whole list, not one item
            out["topic"] = f"{section}/{WHOLE}"
        elif isinstance(topic, dict):
            key = by_title.get((str(topic.get("section", "")).lower(), str(topic.get("item", "")).lower()))
            if key is None:
                print(f"entry {n}: topic {topic} is not a topic unit; kept without it", file=sys.stderr)
            else:
                out["topic"] = key
        lines.append(
            "  - "
            + yaml.safe_dump(out, default_flow_style=True, width=10**6, allow_unicode=True).strip()
            + "\n"
        )
    path = examples_path(kb, args.split)
    existing = yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else {}
    if args.group in (existing or {}):
        print(f"group {args.group!r} is already in {path}", file=sys.stderr)
        return 2
    if not path.exists():
        path.write_text("# Labelled questions by source group (see train.yaml's header).\n", encoding="utf-8")
    with path.open("a", encoding="utf-8") as f:
        f.writelines(lines)
    print(f"added {kept} examples to {path} as {args.group!r}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
