"""HTTP mode: gunicorn embedded (https://docs.gunicorn.org/en/stable/custom.html), one gthread worker.

One worker keeps the in-process tips scheduler single and the database local; its threads give
the concurrency (Slack's requests mostly wait on the network or on `ack()`). The master process
imports no Slack package: the worker loads everything in `load()`, so the process tree stays
small. SIGTERM stops accepting, finishes requests in flight (`graceful_timeout`), then the
worker's `worker_exit` hook stops the scheduler and waits for background replies.
"""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from bot.config import Settings
from bot.slack.preflight import AuthTest
from bot.slack.wsgi import WSGIApp

THREADS = 32
GRACEFUL_SECONDS = 25
GC_THRESHOLD = 20_000


class EmbeddedGunicorn(BaseApplication):
    """gunicorn driven from code: options in, `load()` builds the WSGI app in the worker."""

    def __init__(self, load: Callable[[], WSGIApp], options: dict[str, Any]) -> None:
        self._load = load
        self._options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self._options.items():
            self.cfg.set(key, value)

    def load(self) -> WSGIApp:
        return self._load()


def options(
    *, port: int, threads: int = THREADS, worker_exit: Callable[..., None] | None = None
) -> dict[str, Any]:
    """The production settings: 1 gthread worker, keep-alive, quiet access log, no control socket."""
    opts: dict[str, Any] = {
        "bind": [f"0.0.0.0:{port}"],
        "workers": 1,
        "worker_class": "gthread",
        "threads": threads,
        "backlog": 512,
        "keepalive": 5,
        "timeout": 60,
        "graceful_timeout": GRACEFUL_SECONDS,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "info",
        "proc_name": "aitl",
        "control_socket_disable": True,
        "preload_app": False,
    }
    if worker_exit is not None:
        opts["worker_exit"] = worker_exit
    return opts


def run_gunicorn(load: Callable[[], WSGIApp], opts: dict[str, Any]) -> int:
    """Run until SIGTERM/SIGINT; 0 on a clean stop, 2 when the worker could not start."""
    master = os.getpid()
    try:
        EmbeddedGunicorn(load, opts).run()
    except SystemExit as stop:
        if os.getpid() != master:
            raise  # a worker exiting: let gunicorn finish it
        code = stop.code if isinstance(stop.code, int) else (0 if stop.code is None else 1)
        if code == 0:
            return 0
        print("aitl serve: the server could not start (its log above says why)", file=sys.stderr)
        return 2
    return 0


def tune_gc() -> None:
    """Keep the collector out of the ack path: what start-up built is never collected
    (`gc.freeze`), and full collections come less often (https://docs.python.org/3/library/gc.html)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 50)


def run_http(settings: Settings, *, auth_test: AuthTest | None = None) -> int:
    """`aitl serve` in HTTP mode on $PORT (`auth_test`: the master's start-up check, for the worker)."""
    state: dict[str, Any] = {}

    def load() -> WSGIApp:
        from slack_bolt.adapter.wsgi import SlackRequestHandler

        from bot.slack.runtime import Runtime
        from bot.slack.wsgi import make_wsgi

        runtime = Runtime.start(settings, auth_test=auth_test)
        state["runtime"] = runtime
        tune_gc()
        return make_wsgi(
            SlackRequestHandler(runtime.app),
            signing_secret=settings.signing_secret,
            gate=runtime.deps.background.gate,
        )

    def worker_exit(server: Any, worker: Any) -> None:
        runtime = state.pop("runtime", None)
        if runtime is not None:
            runtime.close()

    return run_gunicorn(load, options(port=settings.port, worker_exit=worker_exit))
