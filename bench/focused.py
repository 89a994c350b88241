"""Score focused answers (issue 9): does the answer hold the guide's facts for the one thing asked,
leave out the other items of its list, and stay short?

    python bench/focused.py tests/engine/focused_dev.yaml [--misses]
    python bench/focused.py tests/sealed/f1.yaml            # sealed: totals only, no misses

Each file is a YAML list of {q, intent, facts: [strings the answer must contain], absent?: [strings
of other items it must not contain], topic?, entities?, kind?}. `kind` may also come from comment
headers (`# ===== kind: list_item =====`) that apply to the entries after them. Strings are
compared case-insensitively with the answer as terminal text (no mrkdwn markup or escapes,
whitespace collapsed). Lines are counted on the terminal text, unwrapped and wrapped at 80 columns.
Uses only `Engine.ask`, so it scores any version of the engine the same way.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.engine import Engine  # noqa: E402
from bot.engine.render import to_terminal, wrap  # noqa: E402

BUDGET = 12
"""A focused answer fits in about this many terminal lines (issue 9)."""
_KIND = re.compile(r"^#\s*=+\s*kind:\s*([\w-]+)")
_SPACE = re.compile(r"\s+")


def load(path: Path) -> list[dict[str, Any]]:
    """The entries, each with its `kind` (its own field, else the last comment header above it)."""
    text = path.read_text(encoding="utf-8")
    entries = list(yaml.safe_load(text) or [])
    kinds: list[str] = []
    kind = "-"
    for line in text.splitlines():
        found = _KIND.match(line.strip())
        if found:
            kind = found.group(1)
        elif line.startswith("- "):
            kinds.append(kind)
    for entry, found_kind in zip(entries, kinds, strict=False):
        entry.setdefault("kind", found_kind)
    return entries


def plain(text: str) -> str:
    return _SPACE.sub(" ", to_terminal(text)).strip().lower()


def check(engine: Engine, entry: dict[str, Any]) -> dict[str, Any]:
    answer = engine.ask(str(entry["q"]))
    terminal = to_terminal(answer.text).rstrip("\n")
    flat = plain(answer.text)
    missing = [f for f in entry.get("facts") or [] if _SPACE.sub(" ", str(f)).lower() not in flat]
    present = [a for a in entry.get("absent") or [] if _SPACE.sub(" ", str(a)).lower() in flat]
    lines = terminal.count("\n") + 1
    wrapped = wrap(terminal, 80).count("\n") + 1
    return {
        "intent": answer.intent == entry.get("intent"),
        "facts": not missing,
        "absent": not present,
        "pass": not missing and not present,
        "short": wrapped <= BUDGET,
        "lines": lines,
        "wrapped": wrapped,
        "missing": missing,
        "present": present,
        "got": answer.intent,
    }


class Tally:
    def __init__(self) -> None:
        self.n = 0
        self.ok: dict[str, int] = defaultdict(int)
        self.lines = 0
        self.wrapped = 0

    def add(self, result: dict[str, Any]) -> None:
        self.n += 1
        for key in ("intent", "facts", "absent", "pass", "short"):
            self.ok[key] += bool(result[key])
        self.ok["pass_short"] += bool(result["pass"] and result["short"])
        self.lines += result["lines"]
        self.wrapped += result["wrapped"]

    def line(self) -> str:
        keys = ("pass", "facts", "absent", "short", "pass_short", "intent")
        rates = "  ".join(f"{k} {self.ok[k] / self.n:.1%}" for k in keys)
        return f"n={self.n:<4} {rates}  lines {self.lines / self.n:.1f} (80 cols {self.wrapped / self.n:.1f})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", type=Path)
    parser.add_argument("--misses", action="store_true", help="list failures (refused for tests/sealed)")
    parser.add_argument(
        "--half", choices=("even", "odd"), help="only the even- or odd-indexed entries (0-based)"
    )
    args = parser.parse_args()
    engine = Engine.load()
    for path in args.files:
        sealed = "sealed" in path.resolve().parts
        if args.misses and sealed:
            print(f"{path}: sealed, misses are never listed", file=sys.stderr)
            return 2
        entries = load(path)
        if args.half:
            entries = entries[args.half == "odd" :: 2]
        overall, by_kind, by_intent = Tally(), defaultdict(Tally), defaultdict(Tally)
        misses: list[str] = []
        for entry in entries:
            result = check(engine, entry)
            overall.add(result)
            by_kind[entry.get("kind", "-")].add(result)
            by_intent[str(entry.get("intent"))].add(result)
            if not (result["pass"] and result["short"]):
                misses.append(
                    f"{entry.get('intent', '?'):>15}<-{result['got']:<15} {result['wrapped']:>3}l "
                    f"missing={result['missing']} present={result['present']} {entry['q'][:90]!r}"
                )
        print(f"{path.name}: {overall.line()}")
        for name, group in (("kind", by_kind), ("intent", by_intent)):
            for key, tally in sorted(group.items()):
                print(f"    {name}={key:<22} {tally.line()}")
        if args.misses:
            print("\n".join(misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
