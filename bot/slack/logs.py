"""The server's log: one line per record, nothing forged, no secrets, no request bodies.

- Newlines and other control characters in a message are escaped (`\\n`), so text that came from
  a request cannot start a line that looks like a record of its own; a traceback's lines are
  indented under its record.
- Anything that looks like a Slack token (`xoxb-…`, `xapp-…`) or a `token=` / `"token": …` field
  is replaced by `***`.
- Bolt logs the whole body of a request whose signature is wrong, at INFO
  (slack_bolt.middleware.request_verification): that line becomes a one-line summary. The HTTP
  layer refuses such requests before Bolt (bot.slack.wsgi), so this is a second guard.
"""

from __future__ import annotations

import logging
import re
import sys

LOG_FORMAT = "%(asctime)s %(levelname)s [%(process)d] %(name)s: %(message)s"

_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")
_TOKEN = re.compile(r"\b(xox[a-z]|xapp)-[A-Za-z0-9-]+")
_TOKEN_FIELD = re.compile(r"""(["']?\b[a-z_]*token["']?\s*[=:]\s*["']?)[^"'&\s,}]+""", re.IGNORECASE)
BOLT_BAD_SIGNATURE = "Invalid request signature detected"


def _escape(match: re.Match[str]) -> str:
    char = match.group(0)
    return {"\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(char, f"\\x{ord(char):02x}")


def clean(text: str) -> str:
    """One line, no tokens."""
    text = _TOKEN_FIELD.sub(r"\1***", _TOKEN.sub(r"\1-***", text))
    return _CONTROL.sub(_escape, text)


class SafeFormatter(logging.Formatter):
    """LOG_FORMAT with the message cleaned (see the module docstring)."""

    def __init__(self, fmt: str = LOG_FORMAT) -> None:
        super().__init__(fmt)

    def format(self, record: logging.LogRecord) -> str:
        message = record.getMessage()
        if message.startswith(BOLT_BAD_SIGNATURE):
            message = f"{BOLT_BAD_SIGNATURE}: request refused (401), body not logged"
        record.message = clean(message)
        line = self.formatMessage(record) if not self.usesTime() else self._with_time(record)
        extra = ""
        if record.exc_info and not record.exc_text:
            record.exc_text = self.formatException(record.exc_info)
        if record.exc_text:
            extra += "\n" + record.exc_text
        if record.stack_info:
            extra += "\n" + self.formatStack(record.stack_info)
        if extra:
            extra = _TOKEN_FIELD.sub(r"\1***", _TOKEN.sub(r"\1-***", extra))
            line += extra.replace("\r", "\\r").replace("\n", "\n    | ")
        return line

    def _with_time(self, record: logging.LogRecord) -> str:
        record.asctime = self.formatTime(record, self.datefmt)
        return self.formatMessage(record)


def configure(level: int = logging.INFO) -> None:
    """The root logger writes cleaned lines to stderr (`aitl serve`, HTTP and Socket Mode)."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(SafeFormatter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
