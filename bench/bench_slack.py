"""Benchmark `aitl serve` (HTTP mode) the way Slack loads it, against a bare Bolt app that only acks.

    /work/venv/bin/python bench/bench_slack.py [--commands 2000] [--mentions 500] [--concurrency 20]

Both servers run as subprocesses on the same code path (bot.slack.http_server: waitress, one
process) against the fake Web API (tests/fakes/slack_api.py, its own process). The load
is signed `/aitl` commands (each with its own response_url) and `app_mention` events, sent by
`--concurrency` threads over keep-alive connections. Reported per server: acks/s, p50/p95/p99
ack latency, errors (non-200 acks, refused payloads), double replies, peak RSS of the whole
process tree, and the ratio to the bare app's throughput.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakes.signing import SlackSender, command_form, event_envelope, mention_event  # noqa: E402
from fakes.slack_api import BOT_USER_ID  # noqa: E402

SECRET = "bench-signing-secret"
TOKEN = "xoxb-bench-0000-token"
WARMUP = 100

BARE_APP = """
import sys
from slack_bolt import App
from slack_sdk import WebClient
from slack_bolt.adapter.wsgi import SlackRequestHandler
from bot.slack.http_server import run_server
from bot.slack.wsgi import make_wsgi

port, api_url, TOKEN, SECRET = int(sys.argv[1]), sys.argv[2], sys.argv[3], sys.argv[4]
app = App(client=WebClient(token=TOKEN, base_url=api_url), signing_secret=SECRET)
app.command("/aitl")(lambda ack: ack())
app.event("app_mention")(lambda: None)
sys.exit(run_server(make_wsgi(SlackRequestHandler(app)), port=port))
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_healthy(port: int, proc: subprocess.Popen, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise SystemExit(f"server exited with {proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=1) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.05)
    raise SystemExit("server did not become healthy")


# ---------------------------------------------------------------------------- memory of a process tree
def _children(pid: int) -> list[int]:
    kids: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            kids += [int(k) for k in (task / "children").read_text().split()]
        except OSError:
            pass
    return kids


def tree_rss_mb(pid: int) -> float:
    """Sum of VmRSS over the process and all its descendants."""
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
        todo += _children(current)
    return total / 1024


def tree_cpu_seconds(pid: int) -> float:
    """utime + stime of the process and its descendants (clock ticks -> seconds)."""
    ticks, total, todo = os.sysconf("SC_CLK_TCK"), 0, [pid]
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
        todo += _children(current)
    return total / ticks


class PeakRss:
    def __init__(self, pid: int) -> None:
        self.pid, self.peak = pid, 0.0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.is_set():
            self.peak = max(self.peak, tree_rss_mb(self.pid))
            self._stop.wait(0.05)

    def stop(self) -> float:
        self._stop.set()
        self._thread.join()
        return self.peak


# ---------------------------------------------------------------------------- load
@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    drain: float = 0.0

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(int(len(ordered) * p), len(ordered) - 1)] * 1000 if ordered else float("nan")

    @property
    def rate(self) -> float:
        return len(self.latencies) / self.seconds if self.seconds else 0.0


def run_load(name: str, port: int, bodies: list[tuple[str, str]], concurrency: int, pid: int) -> Result:
    """Send pre-built (content_type, body) pairs from `concurrency` threads; time each ack."""
    result = Result(name)
    cpu_before = tree_cpu_seconds(pid)
    lock = threading.Lock()
    cursor = iter(range(len(bodies)))

    def worker() -> None:
        sender = SlackSender(f"http://127.0.0.1:{port}", secret=SECRET)
        local: list[float] = []
        errors = 0
        while True:
            with lock:
                index = next(cursor, None)
            if index is None:
                break
            content_type, body = bodies[index]
            started = time.perf_counter()
            try:
                status, _ = sender.post(body, content_type=content_type)
            except OSError:
                status = 0
            local.append(time.perf_counter() - started)
            errors += status != 200
        sender.close()
        with lock:
            result.latencies.extend(local)
            result.errors += errors

    threads = [threading.Thread(target=worker) for _ in range(concurrency)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    result.cpu_seconds = tree_cpu_seconds(pid) - cpu_before
    return result


def build_bodies(api_base: str, *, commands: int, mentions: int, tag: str) -> tuple[list, list]:
    questions = ["salary senior sf", "skills", "career", "how do I become an AI tech lead?", "trends", "help"]
    form = "application/x-www-form-urlencoded"
    cmd = [
        (form, command_form(questions[i % len(questions)], response_url=f"{api_base}/response/{tag}-{i}"))
        for i in range(commands)
    ]
    events = [
        (
            "application/json",
            json.dumps(event_envelope(mention_event(f"<@{BOT_USER_ID}> {questions[i % 5]}"))),
        )
        for i in range(mentions)
    ]
    return cmd, events


def fake_stats(api_base: str) -> dict:
    with urllib.request.urlopen(f"{api_base}/_stats", timeout=5) as response:
        return json.loads(response.read())


def wait_replies(api_base: str, expected: int, timeout: float = 60) -> dict:
    deadline = time.monotonic() + timeout
    while True:
        stats = fake_stats(api_base)
        got = stats["calls"].get("response_url", 0) + stats["calls"].get("chat.postMessage", 0)
        if got >= expected or time.monotonic() > deadline:
            return stats
        time.sleep(0.2)


def bench_server(
    name: str, argv: list[str], env: dict, port: int, args: argparse.Namespace, fake_url: str
) -> dict:
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        wait_healthy(port, proc)
        peak = PeakRss(proc.pid)
        cmd, events = build_bodies(
            fake_url, commands=args.commands + WARMUP, mentions=args.mentions, tag=name
        )
        replies = name != "bare"
        run_load(f"{name}-warmup", port, cmd[:WARMUP], args.concurrency, proc.pid)
        wait_replies(fake_url, WARMUP if replies else 0)
        commands = run_load(f"{name} /aitl", port, cmd[WARMUP:], args.concurrency, proc.pid)
        started = time.perf_counter()
        wait_replies(fake_url, args.commands + WARMUP if replies else 0)
        commands.drain = time.perf_counter() - started
        mentions = run_load(f"{name} mention", port, events, args.concurrency, proc.pid)
        started = time.perf_counter()
        stats = wait_replies(fake_url, args.commands + WARMUP + args.mentions if replies else 0)
        mentions.drain = time.perf_counter() - started
        rss = peak.stop()
    finally:
        proc.send_signal(signal.SIGTERM)
        code = proc.wait(60)
    return {"commands": commands, "mentions": mentions, "rss": rss, "stats": stats, "exit": code}


def report(name: str, data: dict) -> None:
    for result in (data["commands"], data["mentions"]):
        cpu_ms = result.cpu_seconds / max(len(result.latencies), 1) * 1000
        print(
            f"{result.name:<15} n={len(result.latencies):>5} {result.rate:7.0f} acks/s  "
            f"p50 {result.pct(0.50):5.1f} ms  p95 {result.pct(0.95):5.1f} ms  p99 {result.pct(0.99):5.1f} ms "
            f"errors {result.errors}  server CPU {cpu_ms:.2f} ms/ack  last reply +{result.drain:.1f} s"
        )
    stats = data["stats"]
    print(
        f"{name:<15} peak RSS (process tree) {data['rss']:.1f} MB; replies {stats['calls']}; "
        f"refused payloads {stats['errors']}; double replies {stats['double_replies']}; exit {data['exit']}"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--commands", type=int, default=2000)
    parser.add_argument("--mentions", type=int, default=500)
    parser.add_argument("--concurrency", type=int, default=20)
    parser.add_argument(
        "--validate", action="store_true", help="check every payload in the fake (its CPU is then missing)"
    )
    args = parser.parse_args()
    python = sys.executable
    fake_port = free_port()
    fake_env = dict(os.environ, PYTHONPATH=str(ROOT / "tests"))
    fake = subprocess.Popen(
        [python, "-m", "fakes.slack_api", str(fake_port)], env=fake_env, stdout=subprocess.PIPE
    )
    fake_url = f"http://127.0.0.1:{fake_port}"
    try:
        assert fake.stdout is not None
        fake.stdout.readline()
        results = {}
        with TemporaryDirectory() as tmp:
            for name in ("aitl", "bare"):
                urllib.request.urlopen(urllib.request.Request(f"{fake_url}/_reset", method="POST"), timeout=5)
                port = free_port()
                env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "AITL_"))}
                env.update(
                    SLACK_BOT_TOKEN=TOKEN,
                    SLACK_SIGNING_SECRET=SECRET,
                    SLACK_API_URL=f"{fake_url}/api/",
                    AITL_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
                    PORT=str(port),
                    AITL_RESPONSE_URL_PREFIX=f"{fake_url}/response/",
                )
                if name == "aitl":
                    argv = [str(Path(python).with_name("aitl")), "serve"]
                else:
                    argv = [python, "-c", BARE_APP, str(port), f"{fake_url}/api/", TOKEN, SECRET]
                results[name] = bench_server(name, argv, env, port, args, fake_url)
    finally:
        fake.send_signal(signal.SIGTERM)
        fake.wait(10)
    print(
        f"concurrency {args.concurrency}: {args.commands} /aitl (+{WARMUP} warm-up), {args.mentions} mentions"
    )
    for name, data in results.items():
        report(name, data)
    for kind in ("commands", "mentions"):
        ratio = results["aitl"][kind].rate / results["bare"][kind].rate
        print(f"throughput ratio aitl/bare ({kind}): {ratio:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
