"""The `aitl` command line: ask, chat, kb check, kb train, serve, tips run.

Thin on purpose: it parses arguments, reads `Settings`, and hands over to the engine (or, for
`serve` and `tips run`, to the Slack and tips packages, imported only when those verbs run, so
`aitl ask` starts fast and never loads slack_bolt, slack_sdk or SQLAlchemy).

Exit codes (../shared/contract.md): 0 success; 2 bad usage or bad configuration, with a one-line
reason on stderr; 130 when `aitl ask` is interrupted. A bare `aitl` prints the help and exits 2
(no command is bad usage). An empty question (a blank line in batch mode) is answered with the
help answer, so every input line gets exactly one output line. See docs/cli.md.
"""

from __future__ import annotations

import argparse
import json
import os
import queue
import sys
import threading
from collections.abc import Iterator, Sequence
from datetime import UTC
from typing import TYPE_CHECKING, NoReturn, TextIO

if TYPE_CHECKING:
    from datetime import datetime

    from bot.config import Settings
    from bot.engine import Engine
    from bot.engine.answer import Answer

PROG = "aitl"
QUIT_WORDS = frozenset({"quit", "exit", ":q", "bye"})


class UsageError(Exception):
    """Bad usage: exit 2 with this one-line message."""


class _Parser(argparse.ArgumentParser):
    """argparse, but a usage error is one line on stderr (not usage + error) and exit 2."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{message} (see `{self.prog} --help`)")


class _VersionAction(argparse.Action):
    """`--version`: the installed package's version, looked up only when asked (importlib.metadata
    and the search through the installed packages cost every other command about 30 ms)."""

    def __init__(self, option_strings: Sequence[str], dest: str = argparse.SUPPRESS, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, default=argparse.SUPPRESS, **kwargs)
        self.help = "show program's version number and exit"

    def __call__(self, parser, namespace, values, option_string=None) -> NoReturn:
        parser._print_message(f"{PROG} {_version()}\n", sys.stdout)
        parser.exit()


def build_parser() -> argparse.ArgumentParser:
    common = _Parser(add_help=False)
    common.add_argument(
        "--knowledge-dir",
        metavar="DIR",
        default=argparse.SUPPRESS,  # so a subcommand's default does not hide the top-level value
        help="knowledge base folder (default: $AITL_KNOWLEDGE_DIR, else the packaged one)",
    )
    parser = _Parser(
        prog=PROG,
        description="Answers questions about the AI Tech Lead role from one career guide.",
        parents=[common],
    )
    parser.add_argument("--version", action=_VersionAction)
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")
    ask = verbs.add_parser("ask", help="answer one question (or stdin, one per line)", parents=[common])
    ask.add_argument("text", nargs="*", help="the question")
    ask.add_argument(
        "--json", action="store_true", help="print the contract's JSON object (JSON Lines for stdin)"
    )
    ask.add_argument(
        "--full", action="store_true", help="show the whole guide section, not only the answer's point"
    )
    ask.add_argument(
        "--explain",
        action="store_true",
        help="show how the question was read: scores per intent, the cutoff, the nearest examples",
    )
    verbs.add_parser("chat", help="interactive session (quit, exit or Ctrl-D to leave)", parents=[common])
    kb = verbs.add_parser("kb", help="knowledge base tools")
    kb_verbs = kb.add_subparsers(dest="kb_verb", metavar="ACTION", required=True)
    kb_verbs.add_parser("check", help="validate the knowledge base and print a summary", parents=[common])
    kb_verbs.add_parser(
        "train", help="learn the matcher from the labelled examples (writes learned/)", parents=[common]
    )
    verbs.add_parser("serve", help="run the Slack app (Socket Mode with SLACK_APP_TOKEN, else HTTP on $PORT)")
    tips = verbs.add_parser("tips", help="daily tips")
    tips_verbs = tips.add_subparsers(dest="tips_verb", metavar="ACTION", required=True)
    run = tips_verbs.add_parser("run", help="post every tip due now, once")
    run.add_argument("--now", metavar="ISO8601", help="pretend it is this time (e.g. 2026-01-05T09:00:00Z)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.verb is None:
            parser.print_help()
            raise UsageError('no command given (try `aitl ask "what does an AI tech lead earn?"`)')
        return _dispatch(args)
    except UsageError as error:
        return _fail(str(error))
    except BrokenPipeError:  # `aitl ask --json < questions | head -1`
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        return 130


def _dispatch(args: argparse.Namespace) -> int:
    from bot.config import ConfigError, Settings

    try:
        settings = Settings.from_env()
    except ConfigError as error:
        return _fail(str(error))
    if getattr(args, "knowledge_dir", None):
        settings = _with_knowledge(settings, args.knowledge_dir)
    if args.verb == "serve":
        return _serve(settings)
    if args.verb == "tips":
        return _tips_run(settings, args.now)
    from bot.engine.knowledge import KnowledgeError

    try:
        if args.verb == "kb":
            return _kb_train(settings) if args.kb_verb == "train" else _kb_check(settings)
        engine = _engine(settings)
        text = " ".join(args.text) if args.verb == "ask" and args.text else None
        if args.verb == "ask" and args.explain:
            return _explain(engine, text, as_json=args.json)
    except KnowledgeError as error:
        return _fail(f"knowledge base: {error}")
    if args.verb == "chat":
        return _chat(engine)
    return _ask(engine, text=text, as_json=args.json, full=args.full)


def _engine(settings: Settings) -> Engine:
    """The engine, loaded with the garbage collector off: start-up (the imports, the guide, the
    learned matcher) makes tens of thousands of objects and no garbage, and the collector's passes
    over them cost a cold `aitl ask` 15-30 ms (measured). What is loaded then lives as long as the
    process: frozen out of later collections (a batch's: about 3% of its time)."""
    import gc

    gc.disable()
    try:
        from bot.engine import Engine

        return Engine.load(settings.knowledge_dir).ready()
    finally:
        gc.freeze()
        gc.enable()


def _explain(engine: Engine, text: str | None, *, as_json: bool) -> int:
    if text is None:
        raise UsageError('--explain needs a question, e.g. aitl ask --explain "what do leads earn?"')
    from bot.engine.nlu.explain import format_explanation

    data = engine.explain(text)
    _stdout().write((json.dumps(data, ensure_ascii=False) if as_json else format_explanation(data)) + "\n")
    return 0


def _ask(engine: Engine, *, text: str | None, as_json: bool, full: bool = False) -> int:
    """One question from the arguments, or (no TEXT) one per line from stdin."""
    out = _stdout()
    more = "" if full else "aitl ask --full"
    if text is not None or sys.stdin.isatty():
        if text is None:
            raise UsageError('ask needs a question, e.g. aitl ask "what skills do I need?"')
        answer = engine.ask(text, full=full)
        out.write(_as_json(answer) + "\n" if as_json else _readable(answer, out, more=more))
        return 0
    if hasattr(sys.stdin, "reconfigure"):
        sys.stdin.reconfigure(errors="replace")  # a stray byte must not end the batch
    from bot.engine.conversation import ConversationState

    states: dict[str, ConversationState] = {}  # conversation id -> its state ({"text", "conversation"})
    for lines in _batches(sys.stdin):  # batch: one question per line, answers in order
        parsed = [_batch_line(line.rstrip("\r\n")) for line in lines]
        plain = [i for i, (_, conversation) in enumerate(parsed) if conversation is None]
        answers = dict(zip(plain, engine.ask_many([parsed[i][0] for i in plain], full=full), strict=True))
        for i, (text, conversation) in enumerate(parsed):
            answer = answers.get(i)
            if answer is None:  # a conversation's turn: in order, with its state so far
                answer = engine.ask(text, full=full, state=states.get(conversation, ConversationState()))
                if answer.state is not None:
                    states[str(conversation)] = answer.state
            out.write(_as_json(answer) + "\n" if as_json else _readable(answer, out, more=more) + "\n")
        out.flush()
    return 0


BATCH = 256
"""Lines matched together in batch mode (the matcher is faster per question in batches)."""


def _batches(stream: TextIO) -> Iterator[list[str]]:
    """The stream's lines in batches of up to BATCH: whatever has arrived when the previous batch
    is answered, so a program that writes one line and waits for its answer still gets it at once.
    A reader thread feeds a queue; None marks the end."""
    lines: queue.Queue[str | None] = queue.Queue(maxsize=4 * BATCH)

    def read() -> None:
        try:
            for line in stream:
                lines.put(line)
        finally:
            lines.put(None)

    threading.Thread(target=read, name="aitl-stdin", daemon=True).start()
    while True:
        first = lines.get()
        if first is None:
            return
        batch = [first]
        while len(batch) < BATCH:
            try:
                line = lines.get_nowait()
            except queue.Empty:
                break
            if line is None:
                yield batch
                return
            batch.append(line)
        yield batch


def _batch_line(line: str) -> tuple[str, str | None]:
    """(question, conversation id or None): a plain line, or a JSON object `{"text": ...,
    "conversation": ...}` (../shared/contract.md); lines sharing a conversation id are one
    conversation. A line that only looks like JSON is a plain question."""
    if not line.lstrip().startswith("{"):
        return line, None
    import json

    try:
        data = json.loads(line)
    except ValueError:
        return line, None
    if not isinstance(data, dict) or not isinstance(data.get("text"), str):
        return line, None
    conversation = data.get("conversation")
    if conversation is None or conversation == "":
        return data["text"], None
    return data["text"], str(conversation)


def _chat(engine: Engine) -> int:
    interactive = sys.stdin.isatty()
    out = _stdout()
    if interactive:
        _enable_history()
        out.write("Ask me about the AI Tech Lead role (help for topics; quit or Ctrl-D to leave).\n")
    prompt = "you> " if interactive else ""
    from bot.engine.conversation import ConversationState

    state = (
        ConversationState()
    )  # the whole session is one conversation: "and in NYC?", "the third one", "more"
    try:
        while True:
            line = input(prompt)
            said = " ".join(line.strip().lower().strip("?!.").split())
            if said in QUIT_WORDS:
                return 0
            if not line.strip():
                continue
            answer = engine.ask(line, state=state)
            state = answer.state or state
            out.write(_readable(answer, out, more="say more") + "\n")
            out.flush()
    except (EOFError, KeyboardInterrupt):  # Ctrl-D or Ctrl-C: leave quietly
        if interactive:
            out.write("\n")
        return 0


def _kb_check(settings: Settings) -> int:
    from bot.engine.knowledge import format_summary, load_knowledge
    from bot.engine.nlu.checks import warnings

    kb = load_knowledge(settings.knowledge_dir)
    _stdout().write(format_summary(kb.summary()).rstrip("\n") + "\n")
    for warning in warnings(kb):
        sys.stderr.write(f"warning: {warning}\n")
    return 0


def _kb_train(settings: Settings) -> int:
    from bot.engine.knowledge import load_knowledge
    from bot.engine.nlu.encoder import EncoderError, default_encoder
    from bot.engine.nlu.train import train

    kb = load_knowledge(settings.knowledge_dir, cache=False)
    try:
        encoder = default_encoder()
    except EncoderError as error:
        return _fail(f"encoder: {error}")
    try:
        train(kb, encoder, log=lambda line: _stdout().write(line + "\n"))
    except ValueError as error:
        return _fail(f"knowledge base: {error}")
    return 0


def _serve(settings: Settings) -> int:
    from bot.config import ConfigError
    from bot.slack.server import serve

    try:
        return serve(settings)
    except ConfigError as error:
        return _fail(str(error))


def _tips_run(settings: Settings, now_text: str | None) -> int:
    now = _parse_now(now_text) if now_text else None
    from bot.config import ConfigError
    from bot.tips.runner import run_cli

    try:
        return run_cli(settings=settings, now=now)
    except ConfigError as error:
        return _fail(str(error))


def _parse_now(text: str) -> datetime:
    """ISO 8601 (a trailing Z is fine); a time without an offset is taken as UTC."""
    from datetime import datetime

    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(
            f"--now must be an ISO 8601 time like 2026-01-05T09:00:00Z, got {text[:40]!r}"
        ) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _with_knowledge(settings: Settings, directory: str) -> Settings:
    from dataclasses import replace
    from pathlib import Path

    return replace(settings, knowledge_dir=Path(directory))


def _readable(answer: Answer, out: TextIO, *, more: str = "") -> str:
    """The answer as terminal text: wrapped to the terminal's width when writing to a terminal
    (or when $COLUMNS says a width), left unwrapped when piped; `more` is the hint shown under
    a focused answer (how to see the whole section)."""
    from bot.engine.render import to_terminal, wrap

    text = to_terminal(answer.text, color=_wants_color(out))
    if more and answer.more:
        text += f"(The whole section, {answer.more}: {more})\n"
    width = _width(out)
    return wrap(text, width) if width else text


def _width(out: TextIO) -> int | None:
    if out.isatty() or os.environ.get("COLUMNS", "").isdigit():
        import shutil

        return max(shutil.get_terminal_size().columns, 40)
    return None


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(PROG)
    except PackageNotFoundError:
        return "unknown"


def _as_json(answer: Answer) -> str:
    import json

    return json.dumps(answer.to_dict(), ensure_ascii=False)


def _wants_color(out: TextIO) -> bool:
    return out.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def _enable_history() -> None:
    """Line editing and history (kept in ~/.aitl_history), when the platform has readline."""
    try:
        import atexit
        import readline
    except ImportError:
        return
    path = os.path.join(os.path.expanduser("~"), ".aitl_history")
    try:
        readline.read_history_file(path)
    except OSError:
        pass
    readline.set_history_length(1000)

    def save() -> None:
        try:
            readline.write_history_file(path)
        except OSError:
            pass

    atexit.register(save)


def _stdout() -> TextIO:
    if hasattr(sys.stdout, "reconfigure"):
        sys.stdout.reconfigure(errors="replace")  # a C-locale terminal still gets an answer
    return sys.stdout


def _fail(message: str) -> int:
    """Exit 2 with one line on stderr."""
    sys.stderr.write(f"{PROG}: {' '.join(message.split())}\n")
    return 2
