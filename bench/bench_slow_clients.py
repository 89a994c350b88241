"""Slow clients against `aitl serve` (HTTP mode): do acks and /healthz still answer?

    python bench/bench_slow_clients.py [--slow 500] [--commands 50] [--source DIR]

Starts the fake Web API and `aitl serve`, opens `--slow` connections that send a request's
start and then one more byte per connection every 0.5 s, never finishing (`--trickle body`: the
headers are whole and the body trickles; `--trickle headers`: the headers trickle), and meanwhile sends
`--commands` signed `/aitl` commands one after another, each on a new connection. Prints the
ack latencies (p50, p99, max), how many acks failed or took over 3 s (Slack's limit), and
whether /healthz answered. `--source DIR` runs another checkout's `bot` package (for example an
older commit unpacked with `git archive`), to compare servers on the same machine.
"""

from __future__ import annotations

import argparse
import math
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from tempfile import TemporaryDirectory

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fakes.net import free_port  # noqa: E402
from fakes.signing import SlackSender  # noqa: E402

SECRET = "bench-signing-secret"
OPENINGS = {
    "headers": b"POST /slack/events HTTP/1.1\r\nHost: aitl\r\nX-Slow: ",
    "body": b"POST /slack/events HTTP/1.1\r\nHost: aitl\r\nContent-Length: 100000\r\n\r\nx",
}
TOKEN = "xoxb-bench-0000-token"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--slow", type=int, default=500)
    parser.add_argument("--commands", type=int, default=50)
    parser.add_argument("--source", type=Path, default=None, help="a checkout whose bot/ to run")
    parser.add_argument(
        "--trickle", choices=("headers", "body"), default="body", help="what the slow clients never finish"
    )
    args = parser.parse_args()
    python = sys.executable
    fake_port = free_port()
    fake_env = dict(os.environ, PYTHONPATH=str(ROOT / "tests"))
    fake_argv = [python, "-m", "fakes.slack_api", str(fake_port), "--no-validate"]
    fake = subprocess.Popen(fake_argv, env=fake_env, stdout=subprocess.PIPE)
    fake_url = f"http://127.0.0.1:{fake_port}"
    assert fake.stdout is not None
    fake.stdout.readline()
    with TemporaryDirectory() as tmp:
        port = free_port()
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "AITL_"))}
        env.update(
            SLACK_BOT_TOKEN=TOKEN,
            SLACK_SIGNING_SECRET=SECRET,
            SLACK_API_URL=f"{fake_url}/api/",
            AITL_DATABASE_URL=f"sqlite:///{tmp}/bench.db",
            AITL_RESPONSE_URL_PREFIX=f"{fake_url}/response/",
            PORT=str(port),
        )
        if args.source is not None:
            env["PYTHONPATH"] = str(args.source.resolve())
        server = subprocess.Popen(
            [python, "-m", "bot", "serve"],
            env=env,
            cwd=args.source or tmp,  # `-m` puts the working directory first on sys.path
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            _wait_healthy(port)
            report = _measure(port, fake_url, args)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                server.wait(30)
            except subprocess.TimeoutExpired:
                server.kill()
            fake.send_signal(signal.SIGTERM)
            fake.wait(10)
    for key, value in report.items():
        print(f"{key:>22}: {value}")
    return 0


def _wait_healthy(port: int) -> None:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit("aitl serve did not start")


def _measure(port: int, fake_url: str, args: argparse.Namespace) -> dict[str, object]:
    socks = []
    for _ in range(args.slow):
        sock = socket.create_connection(("127.0.0.1", port), timeout=5)
        sock.sendall(OPENINGS[args.trickle])
        socks.append(sock)
    stop = threading.Event()

    def trickle() -> None:
        while not stop.wait(0.5):
            for sock in socks:
                try:
                    sock.send(b"a")
                except OSError:
                    pass

    thread = threading.Thread(target=trickle, daemon=True)
    thread.start()
    time.sleep(1.0)
    latencies, failures = [], 0
    slack = SlackSender(f"http://127.0.0.1:{port}", secret=SECRET, timeout=10)
    for i in range(args.commands):
        started = time.monotonic()
        try:
            status, _ = slack.command(f"salary {i}", response_url=f"{fake_url}/response/slow-{i}")
        except OSError:
            status = 0
        latencies.append(time.monotonic() - started)
        failures += status != 200
        slack.close()
    try:
        health = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=10).status
    except OSError as error:
        health = type(error).__name__
    stop.set()
    thread.join()
    for sock in socks:
        sock.close()
    ordered = sorted(latencies)
    return {
        "slow connections": f"{args.slow} (trickling their {args.trickle})",
        "commands": args.commands,
        "ack p50 ms": round(statistics.median(ordered) * 1000, 1),
        "ack p99 ms": round(ordered[min(len(ordered), math.ceil(len(ordered) * 0.99)) - 1] * 1000, 1),
        "ack max ms": round(ordered[-1] * 1000, 1),
        "failed acks": failures,
        "acks over 3 s": sum(1 for value in latencies if value > 3.0),
        "/healthz": health,
    }


if __name__ == "__main__":
    raise SystemExit(main())
