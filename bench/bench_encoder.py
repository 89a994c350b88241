"""Sentence-encoder benchmark: load time, single-question latency, batch throughput, memory.

Run: `python bench/bench_encoder.py` (options: `--questions N`, `--runs N`, `--dir PATH`).
The process pins itself to one CPU, as a gunicorn worker thread would have it. Load time is the
first `Encoder.load()` in a fresh process (importing onnxruntime and tokenizers, checking
SHA256SUMS, building the session), then, after the timings, a second load with the imports warm. Latency is
`encode([question])` one question at a time; throughput is `encode(questions, batch_size=32)`.
Questions are the golden sets plus variations of them (see bench_engine.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))


def rss_mb(field: str = "VmRSS") -> float:
    """This process's resident memory (VmRSS) or its peak (VmHWM), in MB, from /proc."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(pct / 100 * (len(ordered) - 1))))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3, help="throughput runs (median reported)")
    parser.add_argument("--dir", type=Path, default=None, help="model folder (default: as Encoder.load)")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})

    import numpy  # noqa: F401 - in the baseline, as the engine has it anyway

    baseline = rss_mb()
    start = time.perf_counter()
    from bot.engine.nlu.encoder import Encoder

    encoder = Encoder.load(args.dir)
    first_load = time.perf_counter() - start
    loaded = rss_mb()

    from bench_engine import varied_questions

    questions = varied_questions(args.questions)
    encoder.encode(questions[:50])  # warm-up

    latencies = []
    for question in questions:
        start = time.perf_counter()
        encoder.encode([question])
        latencies.append(time.perf_counter() - start)

    rates = []
    for _ in range(args.runs):
        start = time.perf_counter()
        encoder.encode(questions, batch_size=32)
        rates.append(len(questions) / (time.perf_counter() - start))

    peak = rss_mb("VmHWM")
    start = time.perf_counter()
    Encoder.load(args.dir)
    second_load = time.perf_counter() - start

    ms = [value * 1000 for value in latencies]
    print(f"model folder:         {encoder.directory}")
    print(f"questions:            {len(questions)} (golden sets and variations)")
    print(f"load (cold process):  {first_load * 1000:.0f} ms (imports, SHA-256 check, session)")
    print(f"load (warm imports):  {second_load * 1000:.0f} ms")
    print(
        f"single question:      p50 {percentile(ms, 50):.2f} ms, p99 {percentile(ms, 99):.2f} ms, "
        f"mean {statistics.fmean(ms):.2f} ms (one thread)"
    )
    print(f"batch 32 throughput:  {statistics.median(rates):.0f} questions/s (median of {args.runs})")
    print(
        f"RSS:                  {baseline:.0f} MB before load, {loaded:.0f} MB after load "
        f"(+{loaded - baseline:.0f} MB), peak {peak:.0f} MB while encoding"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
