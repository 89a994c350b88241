"""Score answers to questions across the guide as issue 9's blind checks of that kind do: does a
short answer hold the guide's strings from at least two different top-level sections (or from
the one section its facts are all in)? Also the stricter bench/focused.py pass (every fact).

    python bench/cross_sections.py tests/engine/focused_dev6_cross.yaml tests/engine/focused_dev7.yaml:even
    python bench/cross_sections.py tests/engine/focused_dev7.yaml:odd --misses

Each FILE[:even|odd] is a focused bench file (bench/focused.py's format); only its `cross_guide`
entries are scored, of the even- or odd-indexed entries when asked (0-based, as `--half`). A
fact's section is the top-level section (`## ...` of the guide) whose text holds it, compared as
bench/focused.py compares (case-insensitive, whitespace collapsed, the guide's bold marks
dropped); a fact found in no section counts for none. Uses only `Engine.ask`.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from focused import BUDGET, load, plain  # noqa: E402

from bot.engine import Engine  # noqa: E402
from bot.engine.render import to_terminal, wrap  # noqa: E402

_SPACE = re.compile(r"\s+")
GUIDE = Path(__file__).resolve().parents[1] / "knowledge" / "ai-tech-lead" / "guide.md"


def sections(guide: Path) -> dict[str, str]:
    """Each top-level section's title and its text (flattened, lowercased, without bold marks)."""
    out: dict[str, list[str]] = {}
    current = None
    for line in guide.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            current = line[3:].strip()
            out[current] = []
        elif current is not None:
            out[current].append(line)
    return {k: _flat(" ".join(v).replace("**", "")) for k, v in out.items()}


def _flat(text: str) -> str:
    return _SPACE.sub(" ", text).strip().lower()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("files", nargs="+", help="FILE or FILE:even / FILE:odd")
    parser.add_argument("--misses", action="store_true", help="list failures (refused for tests/sealed)")
    args = parser.parse_args()
    tops = sections(GUIDE)
    engine = Engine.load()
    total = [0, 0, 0]
    for spec in args.files:
        name, _, half = spec.partition(":")
        path = Path(name)
        if args.misses and "sealed" in path.resolve().parts:
            print(f"{path}: sealed, misses are never listed", file=sys.stderr)
            return 2
        entries = load(path)
        if half:
            entries = entries[half == "odd" :: 2]
        entries = [e for e in entries if e.get("kind") == "cross_guide"]
        n = every = two = 0
        misses = []
        for entry in entries:
            answer = engine.ask(str(entry["q"]))
            short = wrap(to_terminal(answer.text).rstrip("\n"), 80).count("\n") + 1 <= BUDGET
            flat = plain(answer.text)
            facts = [_flat(str(f)) for f in entry.get("facts") or []]
            found = [f for f in facts if f in flat]
            where = {f: {t for t, text in tops.items() if f in text} for f in facts}
            wanted = set().union(*where.values()) if facts else set()
            shown = set().union(*(where[f] for f in found)) if found else set()
            ok = short and len(shown) >= min(2, len(wanted))
            n += 1
            every += short and len(found) == len(facts)
            two += ok
            if not ok:
                misses.append(
                    f"  {len(found)}/{len(facts)} facts, sections {sorted(shown)} of {sorted(wanted)}"
                    f"{'' if short else ' (long)'} {str(entry['q'])[:80]!r}"
                )
        print(
            f"{spec}: n={n} two-sections {two} ({two / max(n, 1):.1%}) "
            f"every-fact {every} ({every / max(n, 1):.1%})"
        )
        if args.misses:
            print("\n".join(misses))
        total = [total[0] + n, total[1] + two, total[2] + every]
    if len(args.files) > 1:
        print(f"total: n={total[0]} two-sections {total[1]} every-fact {total[2]}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
