"""HTTP mode: waitress (https://docs.pylonsproject.org/projects/waitress/), one process.

Why waitress rather than gunicorn's gthread worker: gthread hands each new connection to one of
its threads, which then blocks reading the request; 32 clients trickling their headers held all
32 threads and the bot stopped answering Slack. waitress reads every request in one
non-blocking loop (asyncore) and gives a thread only a request that is complete, so slow
clients cost a socket each, never a thread. On top of waitress's own limits:

- a request must arrive whole within `read_seconds` (`AITL_REQUEST_READ_SECONDS`, default 10 s):
  a connection still sending its headers or body after that is closed (waitress alone only
  closes connections *idle* for `channel_timeout`, which a trickle never is);
- bodies over 1 MiB are answered 413 as soon as the headers announce them, without reading them;
  headers over 64 KiB get 431;
- up to 1,000 connections at once (waitress's default of 100 would let 100 slow clients stop
  it accepting); idle keep-alive connections are closed after 30 s.

One process keeps the in-process tips scheduler single and the database local. SIGTERM stops
accepting, lets the requests in flight finish and their responses leave (up to 25 s), then stops
the scheduler and waits for background replies (`on_stop`).
"""

from __future__ import annotations

import gc
import logging
import signal
import sys
import threading
import time
from collections.abc import Callable
from typing import Any

from waitress import wasyncore
from waitress.channel import HTTPChannel
from waitress.server import TcpWSGIServer

from bot.config import Settings
from bot.slack.preflight import AuthTest
from bot.slack.wsgi import MAX_BODY_BYTES, WSGIApp

log = logging.getLogger(__name__)

THREADS = 16
CONNECTION_LIMIT = 1000
READ_SECONDS = 10.0
IDLE_SECONDS = 30
MAX_HEADER_BYTES = 64 * 1024
GRACEFUL_SECONDS = 25.0
GC_THRESHOLD = 20_000
LOOP_SECONDS = 0.2


class BoundedChannel(HTTPChannel):
    """waitress's connection, remembering when the request it is reading began to arrive."""

    reading: Any = None
    reading_since = 0.0

    def received(self, data: bytes) -> bool:
        result = super().received(data)
        if self.request is None:
            self.reading = None
        elif self.request is not self.reading:
            self.reading, self.reading_since = self.request, time.monotonic()
        return result


class BoundedServer(TcpWSGIServer):
    """waitress's TCP server whose housekeeping also closes connections too slow to send a request."""

    channel_class = BoundedChannel
    read_seconds = READ_SECONDS

    def maintenance(self, now: float) -> None:
        super().maintenance(now)
        cutoff = time.monotonic() - self.read_seconds
        for channel in list(self.active_channels.values()):
            if channel.reading is not None and not channel.requests and channel.reading_since < cutoff:
                log.warning("connection closed: no whole request within %.0f s", self.read_seconds)
                channel.will_close = True

    def busy(self) -> bool:
        """A request being run, or its response still leaving, on any connection (a request still
        arriving does not count: at shutdown it is dropped, and Slack retries)."""
        return any(channel.requests or channel.total_outbufs_len for channel in self.active_channels.values())


def make_server(
    app: WSGIApp,
    *,
    port: int,
    host: str = "0.0.0.0",
    threads: int = THREADS,
    read_seconds: float = READ_SECONDS,
) -> BoundedServer:
    """Listen now (an OSError if the port is taken); serve with `serve()`."""
    server = BoundedServer(
        app,
        host=host,
        port=port,
        threads=threads,
        connection_limit=CONNECTION_LIMIT,
        channel_timeout=IDLE_SECONDS,
        cleanup_interval=1,
        max_request_body_size=MAX_BODY_BYTES + 1,  # waitress refuses from this size on
        max_request_header_size=MAX_HEADER_BYTES,
        backlog=1024,
        asyncore_use_poll=True,  # select() cannot watch more than 1,024 sockets
        ident="aitl",
        expose_tracebacks=False,
        log_socket_errors=False,
    )
    server.read_seconds = read_seconds
    return server


def serve(
    server: BoundedServer, *, stop: threading.Event, graceful_seconds: float = GRACEFUL_SECONDS
) -> None:
    """Run the loop until `stop` is set, then stop accepting and drain what is in flight."""
    loop = server.asyncore.loop
    while not stop.is_set():
        loop(timeout=LOOP_SECONDS, map=server._map, use_poll=True, count=1)
    server.accepting = False
    wasyncore.dispatcher.close(server)  # the listening socket only: the trigger still wakes the loop
    deadline = time.monotonic() + graceful_seconds
    while server.busy() and time.monotonic() < deadline:
        loop(timeout=0.05, map=server._map, use_poll=True, count=1)
    server.task_dispatcher.shutdown(cancel_pending=False, timeout=max(1.0, deadline - time.monotonic()))
    for channel in list(server.active_channels.values()):
        channel.handle_close()


def run_server(
    app: WSGIApp,
    *,
    port: int,
    on_stop: Callable[[], None] | None = None,
    read_seconds: float = READ_SECONDS,
) -> int:
    """Serve until SIGTERM/SIGINT; 0 on a clean stop, 2 when the port cannot be used."""
    try:
        server = make_server(app, port=port, read_seconds=read_seconds)
    except OSError as error:
        print(f"aitl serve: cannot listen on port {port} ({error.strerror or error})", file=sys.stderr)
        if on_stop is not None:
            on_stop()
        return 2
    stop = threading.Event()

    def request_stop(signum: int, frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, request_stop) for sig in (signal.SIGTERM, signal.SIGINT)}
    log.info("listening on http://0.0.0.0:%d (waitress, %d threads)", port, THREADS)
    try:
        serve(server, stop=stop)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        if on_stop is not None:
            on_stop()
    return 0


def tune_gc() -> None:
    """Keep the collector out of the ack path: what start-up built is never collected
    (`gc.freeze`), and full collections come less often (https://docs.python.org/3/library/gc.html)."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_THRESHOLD, 20, 50)


def _install_paths(settings: Settings) -> frozenset[str]:
    if not settings.multi_workspace:
        return frozenset()
    from bot.slack.oauth import INSTALL_PATH, REDIRECT_PATH

    return frozenset({INSTALL_PATH, REDIRECT_PATH})


def run_http(settings: Settings, *, auth_test: AuthTest | None = None) -> int:
    """`aitl serve` in HTTP mode on $PORT (`auth_test`: the start-up check's answer, reused)."""
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    from bot.slack.health import Health
    from bot.slack.runtime import Runtime
    from bot.slack.wsgi import make_wsgi

    runtime = Runtime.start(settings, auth_test=auth_test)
    tune_gc()
    app = make_wsgi(
        SlackRequestHandler(runtime.app),
        signing_secret=settings.signing_secret,
        healthy=Health(runtime.deps.store),
        gate=runtime.deps.background.gate,
        install_paths=_install_paths(settings),
    )
    return run_server(
        app, port=settings.port, on_stop=runtime.close, read_seconds=settings.request_read_seconds
    )
