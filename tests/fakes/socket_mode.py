"""A fake Socket Mode endpoint: a minimal WebSocket server (RFC 6455) speaking Slack's envelopes.

https://docs.slack.dev/apis/events-api/using-socket-mode: the app calls apps.connections.open
(the fake Web API answers with `url`), opens the WebSocket, receives `hello`, then envelopes
(`events_api`, `slash_commands`, `interactive`) and must ack each `envelope_id`.

    with FakeSocketMode() as socket_mode:
        fake_api.socket_url = socket_mode.url
        ...                                   # start the app
        socket_mode.wait_connected()
        envelope_id = socket_mode.send("events_api", event_callback_body)
        socket_mode.wait_ack(envelope_id)
"""

from __future__ import annotations

import base64
import hashlib
import json
import socket
import struct
import threading
import time
import uuid
from typing import Any

_GUID = b"258EAFA5-E914-47DA-95CA-C5AB0DC85B11"


class FakeSocketMode:
    def __init__(self, host: str = "127.0.0.1") -> None:
        self._server = socket.create_server((host, 0))
        self._client: socket.socket | None = None
        self._send_lock = threading.Lock()
        self._cond = threading.Condition()
        self.acks: dict[str, dict[str, Any]] = {}
        self.connections = 0
        threading.Thread(target=self._accept_loop, name="fake-socket-mode", daemon=True).start()

    @property
    def url(self) -> str:
        host, port = self._server.getsockname()[:2]
        return f"ws://{host}:{port}/link/?ticket={uuid.uuid4()}"

    def __enter__(self) -> FakeSocketMode:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.drop()
        self._server.close()

    # ------------------------------------------------------------------ control
    def wait_connected(self, timeout: float = 10.0) -> None:
        deadline = time.monotonic() + timeout
        with self._cond:
            while self._client is None:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError("the app did not open the WebSocket")
                self._cond.wait(left)

    def send(self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0) -> str:
        """Send one envelope; returns its envelope_id."""
        envelope_id = str(uuid.uuid4())
        envelope = {
            "envelope_id": envelope_id,
            "payload": payload,
            "type": kind,
            "accepts_response_payload": kind != "events_api",
            "retry_attempt": retry_attempt,
            "retry_reason": "timeout" if retry_attempt else "",
        }
        self._send_frame(0x1, json.dumps(envelope).encode())
        return envelope_id

    def wait_ack(self, envelope_id: str, timeout: float = 5.0) -> dict[str, Any]:
        deadline = time.monotonic() + timeout
        with self._cond:
            while envelope_id not in self.acks:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise AssertionError(f"envelope {envelope_id} was not acknowledged")
                self._cond.wait(left)
            return self.acks[envelope_id]

    def drop(self) -> None:
        """Close the current connection with a close frame (as Slack does when it refreshes one)."""
        with self._cond:
            client, self._client = self._client, None
        if client is not None:
            try:
                self._send_frame(0x8, struct.pack(">H", 1001) + b"refresh", conn=client)
                time.sleep(0.2)
            except OSError:
                pass
            try:
                client.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            client.close()

    # ------------------------------------------------------------------ the server side
    def _accept_loop(self) -> None:
        while True:
            try:
                conn, _ = self._server.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        try:
            request = b""
            while b"\r\n\r\n" not in request:
                chunk = conn.recv(4096)
                if not chunk:
                    return
                request += chunk
            headers = {}
            for line in request.decode("latin-1").split("\r\n")[1:]:
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            accept = base64.b64encode(hashlib.sha1(headers["sec-websocket-key"].encode() + _GUID).digest())
            conn.sendall(
                b"HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                b"Sec-WebSocket-Accept: " + accept + b"\r\n\r\n"
            )
            with self._cond:
                self._client = conn
                self.connections += 1
                self._cond.notify_all()
            hello = {"type": "hello", "num_connections": 1, "connection_info": {"app_id": "A0AITL"}}
            self._send_frame(0x1, json.dumps(hello).encode())
            self._read_loop(conn)
        except OSError:
            pass
        finally:
            with self._cond:
                if self._client is conn:
                    self._client = None
                self._cond.notify_all()
            conn.close()

    def _read_loop(self, conn: socket.socket) -> None:
        reader = conn.makefile("rb")
        while True:
            head = reader.read(2)
            if len(head) < 2:
                return
            opcode, length = head[0] & 0x0F, head[1] & 0x7F
            if length == 126:
                length = struct.unpack(">H", reader.read(2))[0]
            elif length == 127:
                length = struct.unpack(">Q", reader.read(8))[0]
            mask = reader.read(4) if head[1] & 0x80 else b"\0\0\0\0"
            data = bytes(b ^ mask[i % 4] for i, b in enumerate(reader.read(length)))
            if opcode == 0x8:  # close
                return
            if opcode == 0x9:  # ping -> pong
                self._send_frame(0xA, data, conn=conn)
            elif opcode == 0x1:
                message = json.loads(data)
                if "envelope_id" in message:
                    with self._cond:
                        self.acks[message["envelope_id"]] = message
                        self._cond.notify_all()

    def _send_frame(self, opcode: int, payload: bytes, conn: socket.socket | None = None) -> None:
        target = conn or self._client
        if target is None:
            raise AssertionError("no WebSocket connection")
        if len(payload) < 126:
            header = struct.pack(">BB", 0x80 | opcode, len(payload))
        elif len(payload) < 65536:
            header = struct.pack(">BBH", 0x80 | opcode, 126, len(payload))
        else:
            header = struct.pack(">BBQ", 0x80 | opcode, 127, len(payload))
        with self._send_lock:
            target.sendall(header + payload)
