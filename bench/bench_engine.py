"""Engine benchmark: prints questions/s and per-question latency, load and build times, cold start.

Run: `python bench/bench_engine.py` (options: `--questions N`, `--runs N`, `--no-cold-start`).
The process pins itself to one CPU. The whole engine is measured in a child process, so its first
pass starts from empty caches as `aitl` would; a second pass over the same questions gives the
warm-cache figure. Questions are the golden sets (tests/golden/*.yaml) plus
variations of them (case, filler, emoji, Slack markup, typos, punctuation), so the spelling
cache sees new words as it would in production. Latencies are wall time with the thread's CPU time
beside them: on a shared machine the gap is the time other work had the core (repeat the run and
report the spread). `aitl ask --json` batch mode is timed as a whole process fed on stdin.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine.knowledge import load_knowledge  # noqa: E402

COLD_START_QUESTION = "how much does a senior AI tech lead make in SF?"


def golden_questions() -> list[str]:
    questions: list[str] = []
    for path in sorted((ROOT / "tests" / "golden").glob("*.yaml")):
        for case in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            questions.append(str(case["q"]))
    return questions


def _typo(text: str, rng: random.Random) -> str:
    words = text.split()
    long_words = [i for i, w in enumerate(words) if len(w) >= 5 and w.isalpha()]
    if not long_words:
        return text
    i = rng.choice(long_words)
    word = words[i]
    j = rng.randrange(1, len(word) - 1)
    kind = rng.randrange(3)
    if kind == 0:
        word = word[:j] + word[j + 1] + word[j] + word[j + 2 :]  # swap
    elif kind == 1:
        word = word[:j] + word[j + 1 :]  # drop
    else:
        word = word[:j] + word[j] + word[j:]  # double
    words[i] = word
    return " ".join(words)


VARIATIONS: tuple[Callable[[str, random.Random], str], ...] = (
    lambda q, r: q,
    lambda q, r: q.lower(),
    lambda q, r: q.upper(),
    lambda q, r: f"hey bot, quick question: {q}",
    lambda q, r: f"<@U024BE7LH> {q} 🙏",
    lambda q, r: f"{q} :thinking_face:",
    lambda q, r: q.rstrip("?!.") + "??",
    _typo,
    lambda q, r: _typo(_typo(q, r), r),
    lambda q, r: f"<!here> {q.lower()} thx",
)


def varied_questions(count: int, seed: int = 7) -> list[str]:
    rng = random.Random(seed)
    base = golden_questions()
    out: list[str] = []
    while len(out) < count:
        for question in base:
            out.append(rng.choice(VARIATIONS)(question, rng))
            if len(out) >= count:
                break
    return out


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def median_time(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_understanding(questions: list[str]) -> None:
    """normalize + entities + the learned matcher (encoder, evidence, softmax), one question at a
    time and in batches of 256 (`aitl ask --json` batch mode)."""
    from bot.engine.pipeline import Pipeline

    pipeline = Pipeline(load_knowledge())

    def understand(batch: list[str]) -> object:
        return pipeline.match_many([pipeline.read(q) for q in batch])

    for question in questions[:200]:  # warm up the interpreter and onnxruntime
        understand([question])
    latencies = []
    start = time.perf_counter()
    for question in questions:
        t0 = time.perf_counter_ns()
        understand([question])
        latencies.append((time.perf_counter_ns() - t0) / 1000)
    elapsed = time.perf_counter() - start
    print(f"understanding (normalize + entities + learned matcher), {len(questions)} questions, one core:")
    print(f"  one at a time: {len(questions) / elapsed:,.0f} questions/s")
    print(f"  p50 {percentile(latencies, 50) / 1000:.2f} ms   p99 {percentile(latencies, 99) / 1000:.2f} ms")
    start = time.perf_counter()
    for lo in range(0, len(questions), 256):
        understand(questions[lo : lo + 256])
    print(f"  batches of 256: {len(questions) / (time.perf_counter() - start):,.0f} questions/s")


def bench_engine(count: int) -> None:
    """The whole engine in a fresh process: empty spelling caches, no composed answer cached yet.

    In this process the understanding bench has already corrected every word of the same
    questions, so measuring here would only show the warm figure.
    """
    command = [sys.executable, str(Path(__file__).resolve()), "--engine-only", "--questions", str(count)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    print(result.stdout, end="")
    if result.returncode != 0:
        print(f"  whole-engine bench failed: {result.stderr[-300:]}")


def bench_engine_here(questions: list[str]) -> None:
    """`bench_engine`'s child: first pass over fresh caches, then a second pass with warm ones."""
    from bot.engine import Engine

    start = time.perf_counter()
    engine = Engine.load()
    loaded = time.perf_counter()
    engine.warm()  # as a server starts: matchers and spelling indexes built before the first question
    warmed = time.perf_counter()
    engine.ask(COLD_START_QUESTION)  # imports an answer family; no question of the set is seen
    print(f"whole engine (Engine.ask: understanding + composing the Answer), {len(questions)} questions:")
    print(
        f"  start, not timed below: Engine.load() {(loaded - start) * 1000:.1f} ms, "
        f"warm() (matchers, spelling indexes) {(warmed - loaded) * 1000:.1f} ms"
    )
    for label in ("fresh process, empty caches", "warm caches (second pass, same questions)"):
        latencies, cpu = [], []
        start = time.perf_counter()
        for question in questions:
            t0, c0 = time.perf_counter_ns(), time.thread_time_ns()
            engine.ask(question)
            latencies.append((time.perf_counter_ns() - t0) / 1000)
            cpu.append((time.thread_time_ns() - c0) / 1000)
        elapsed = time.perf_counter() - start
        print(
            f"  {label}: {len(questions) / elapsed:,.0f} questions/s   "
            f"p50 {percentile(latencies, 50):.1f} µs   p99 {percentile(latencies, 99):.1f} µs   "
            f"(CPU time: p50 {percentile(cpu, 50):.1f} µs   p99 {percentile(cpu, 99):.1f} µs)"
        )


def bench_cli_batch(questions: list[str]) -> None:
    """`aitl ask --json` in batch mode, as the issue counts it: the questions on stdin, one JSON
    line each back; the process's start-up included. Wall time and the child's CPU time (on a
    shared machine the two differ by the time other work had the core)."""
    command = [sys.executable, "-m", "bot", "ask", "--json"]
    text = "".join(" ".join(q.split()) + "\n" for q in questions)
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(command, cwd=ROOT, input=text, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = result.stdout.count("\n")
    if result.returncode != 0 or lines != len(questions):
        print(f"  aitl ask --json batch failed ({lines} lines): {result.stderr[-300:]}")
        return
    print(
        f"`aitl ask --json` batch mode, {len(questions)} questions on stdin (start-up included): "
        f"{len(questions) / wall:,.0f} questions/s wall, {len(questions) / cpu:,.0f} per CPU second"
    )


def bench_start_up(runs: int) -> None:
    from bot.engine import normalize as normalize_module
    from bot.engine.pipeline import Pipeline

    load = median_time(load_knowledge, runs)
    builds = []
    for _ in range(runs):
        kb = load_knowledge()
        normalize_module._ANALYZERS.clear()  # a fresh build, as in a new process
        start = time.perf_counter()
        Pipeline(kb)
        builds.append(time.perf_counter() - start)
    print(f"knowledge-base load: {load * 1000:.1f} ms (median of {runs}, in process, loader caches allowed)")
    script = (
        "import time; t = time.perf_counter(); from bot.engine.knowledge import load_knowledge; "
        "load_knowledge(); print(time.perf_counter() - t)"
    )
    fresh = []
    for _ in range(runs):
        command = [sys.executable, "-c", script]
        result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
        if result.returncode == 0:
            fresh.append(float(result.stdout.strip()))
    if fresh:
        print(f"knowledge-base import + load in a fresh process: {statistics.median(fresh) * 1000:.1f} ms")
    print(
        "pipeline build (analyser, entity index, learned matcher; encoder shared): "
        f"{statistics.median(builds) * 1000:.1f} ms"
    )


def bench_cold_start(runs: int) -> None:
    commands = [[sys.executable, "-m", "bot", "ask", COLD_START_QUESTION]]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "0"}
    for command in commands:
        subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)  # warm the OS cache
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, check=False)
            times.append(time.perf_counter() - start)
            if result.returncode != 0:
                print(f"  `{' '.join(command[1:])}` failed: {result.stderr.decode(errors='replace')[-300:]}")
                return
        label = "python -m bot ask ..."
        print(f"`{label}` cold start: median {statistics.median(times) * 1000:.0f} ms, "
              f"min {min(times) * 1000:.0f} ms ({runs} whole-process runs)")  # fmt: skip


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=5000)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-cold-start", action="store_true")
    parser.add_argument("--engine-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    questions = varied_questions(args.questions)
    if args.engine_only:
        bench_engine_here(questions)
        return 0
    bench_start_up(args.runs)
    bench_understanding(questions)
    bench_engine(args.questions)
    bench_cli_batch(questions[: min(len(questions), 2000)])
    if not args.no_cold_start:
        bench_cold_start(args.runs)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
