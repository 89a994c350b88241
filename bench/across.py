"""Score "what does the guide say about X across its sections" questions: is each one read as
asking across the guide (`Form.across` set, for the `across: true` entries; unset for the false
ones), and does the answer hold the guide's facts?

    python bench/across.py knowledge/ai-tech-lead/examples/across.yaml --part dev [--misses]

The file is YAML: a list of {q, across, subject, facts?}, or a mapping of parts (train, dev) of
such lists. Facts are compared case-insensitively with the answer as terminal text (as
bench/focused.py). Uses `facts.read` with the guide's index and `Engine.ask`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine import Engine, facts  # noqa: E402
from bot.engine.render import to_terminal  # noqa: E402
from bot.engine.search import index_for  # noqa: E402

_SPACE = re.compile(r"\s+")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("file", type=Path)
    parser.add_argument("--part", default=None, help="the part of a file of parts (train, dev)")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument(
        "--half", choices=("even", "odd"), help="only the even- or odd-indexed entries (0-based)"
    )
    args = parser.parse_args()
    if "sealed" in args.file.resolve().parts and args.misses:
        print("sealed: misses are never listed", file=sys.stderr)
        return 2
    data = yaml.safe_load(args.file.read_text(encoding="utf-8"))
    entries = data[args.part] if isinstance(data, dict) else data
    if args.half:
        entries = entries[args.half == "odd" :: 2]
    engine = Engine.load()
    index = index_for(engine.kb)
    tp = fp = npos = nneg = good = nfacts = 0
    misses = []
    for entry in entries:
        q = str(entry["q"])
        _asker, form = facts.read(q, index=index)
        said = form.across is not None
        if entry["across"]:
            npos += 1
            tp += said
            if entry.get("facts"):
                nfacts += 1
                flat = _SPACE.sub(" ", to_terminal(engine.ask(q).text)).strip().lower()
                missing = [f for f in entry["facts"] if _SPACE.sub(" ", f).lower() not in flat]
                hit = len(missing) < len(entry["facts"])  # at least one of the guide's facts
                good += hit
                if not hit:
                    misses.append(f"  facts  {form.across!r:<28} {q[:90]!r}")
            if not said:
                misses.append(f"  missed (subject {entry.get('subject')!r}) {q[:90]!r}")
        else:
            nneg += 1
            fp += said
            if said:
                misses.append(f"  false  {form.across!r:<28} {q[:90]!r}")
    print(
        f"{args.file.name}{'/' + args.part if args.part else ''}: across detected {tp}/{npos} "
        f"({tp / max(npos, 1):.0%}), false {fp}/{nneg} ({fp / max(nneg, 1):.0%}), "
        f"answers with a fact {good}/{nfacts} ({good / max(nfacts, 1):.0%})"
    )
    if args.misses:
        print("\n".join(sorted(misses)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
