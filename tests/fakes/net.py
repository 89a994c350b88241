"""Network helpers for tests and benchmarks (import as `fakes.net` with tests/ on sys.path)."""

from __future__ import annotations

import socket


def free_port() -> int:
    """A loopback TCP port nothing listens on right now (the OS picks it; a tiny race remains)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]
