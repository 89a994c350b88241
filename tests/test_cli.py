"""The `aitl` command line, run as real processes (`python -m bot ...`), as users and cron do."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CONTRACT_KEYS = {
    "intent",
    "confidence",
    "entities",
    "text",
    "blocks",
    "sources",
    "alternatives",
    "topic",
    "carried",
}


def aitl(
    *args: str, stdin: str | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess:
    full_env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "AITL_"))}
    full_env.update(env or {})
    return subprocess.run(
        [sys.executable, "-m", "bot", *args],
        input=stdin if stdin is not None else "",
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=full_env,
        timeout=60,
    )


@pytest.mark.slow
def test_ask_prints_readable_text_without_mrkdwn_noise():
    done = aitl("ask", "salary", "senior", "sf")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Senior-Level (12-18 years): $180,000 - $280,000" in out
    assert "San Francisco Bay Area and New York City: $200,000 - $350,000" in out
    assert "Estimate: $200,000 - $280,000" in out
    assert "▕" not in out  # the chart is in the whole section
    assert "▕" in aitl("ask", "--full", "salary", "senior", "sf").stdout
    for noise in ("*", "&lt;", "&gt;", "&amp;", "```", "\033["):
        assert noise not in out, noise


def test_ask_json_prints_one_object_with_exactly_the_contract_keys():
    done = aitl("ask", "--json", "salary senior sf")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert len(lines) == 1
    answer = json.loads(lines[0])
    assert set(answer) == CONTRACT_KEYS
    assert answer["intent"] == "salary"
    assert answer["entities"] == {"level": "senior", "location": "sf_bay_area"}
    assert 0.0 <= answer["confidence"] <= 1.0
    assert "Salary Ranges (US Market, 2024)" in answer["sources"]


@pytest.mark.slow
def test_chat_leaves_cleanly_on_quit_and_on_end_of_input():
    done = aitl("chat", stdin="what soft skills matter?\nquit\nnever asked\n")
    assert done.returncode == 0, done.stderr
    assert "Emotional Intelligence" in done.stdout
    assert "never asked" not in done.stdout
    assert aitl("chat", stdin="").returncode == 0
    assert aitl("chat", stdin="exit\n").returncode == 0


@pytest.mark.slow
def test_kb_check_prints_the_summary():
    done = aitl("kb", "check")
    assert done.returncode == 0, done.stderr
    assert "sections" in done.stdout and "intents" in done.stdout


def test_kb_check_on_a_missing_folder_is_exit_2_one_line(tmp_path):
    done = aitl("kb", "check", env={"AITL_KNOWLEDGE_DIR": str(tmp_path / "missing")})
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("aitl: ")


@pytest.mark.parametrize(
    "args",
    [
        ("frobnicate",),
        ("ask", "--bogus", "x"),
        ("kb",),
        ("kb", "nope"),
        ("tips", "run", "--now", "yesterday"),
    ],
)
def test_bad_usage_is_exit_2_with_one_line_on_stderr(args):
    done = aitl(*args)
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("aitl: "), done.stderr
    assert done.stdout == ""


def test_bare_aitl_prints_help_and_exits_2():
    done = aitl()
    assert done.returncode == 2
    assert "ask" in done.stdout and "chat" in done.stdout
    assert done.stderr.count("\n") == 1


def test_bad_configuration_is_exit_2_with_the_reason():
    done = aitl("ask", "hi", env={"PORT": "not-a-port"})
    assert done.returncode == 2
    assert "PORT" in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize(
    "argv", [["ask", "--json", "salary senior sf"], ["ask", "what skills?"], ["chat"], ["kb", "check"]]
)
@pytest.mark.slow
def test_question_paths_never_import_slack_or_sqlalchemy(argv):
    probe = (
        "import sys\n"
        f"sys.argv = ['aitl', *{argv!r}]\n"
        "from bot.cli import main\n"
        "code = main()\n"
        "roots = {m.split('.')[0] for m in sys.modules}\n"
        "heavy = sorted(roots & {'slack_bolt', 'slack_sdk', 'sqlalchemy'})\n"
        "print('HEAVY', heavy, file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe],
        input="help\nquit\n",
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert "HEAVY []" in done.stderr


@pytest.mark.parametrize(
    "args", [("--knowledge-dir", "{d}", "ask", "x"), ("ask", "--knowledge-dir", "{d}", "x")]
)
def test_knowledge_dir_option_works_before_or_after_the_verb(tmp_path, args):
    done = aitl(*(a.format(d=tmp_path / "missing") for a in args))
    assert done.returncode == 2 and "missing" in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.parametrize("args", [("serve",), ("tips", "run", "--now", "2026-01-05T09:00:00Z")])
def test_slack_verbs_without_a_token_exit_2_with_one_line(args):
    done = aitl(*args)
    assert done.returncode == 2
    assert "SLACK_BOT_TOKEN" in done.stderr and done.stderr.count("\n") == 1


@pytest.mark.slow
def test_chat_without_a_terminal_prints_no_prompt_or_banner():
    done = aitl("chat", stdin="help\n")
    assert done.returncode == 0
    assert not done.stdout.startswith(("you>", "Ask me"))


def _wait_until_blocked_on_input(pid: int, timeout: float = 20.0) -> None:
    """Return once the process sleeps in select()/poll() on the terminal, where readline waits.

    Seeing the prompt is not enough: readline writes it and only then calls select(), and a SIGINT
    arriving in between only sets CPython's flag, which nothing checks until a key is pressed (so
    the Ctrl-C would seem lost; under load that window was hit about one run in four). A person
    cannot press Ctrl-C within microseconds of the prompt appearing; a test can, so it waits.
    """
    import time

    stat, wchan = Path(f"/proc/{pid}/stat"), Path(f"/proc/{pid}/wchan")
    if not stat.exists():  # no /proc (macOS): a generous pause instead
        time.sleep(1.0)
        return
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        state = stat.read_text().rsplit(")", 1)[1].split()[0]
        where = wchan.read_text().strip() if wchan.exists() else ""
        if state == "S" and ("select" in where or "poll" in where or where in ("", "0")):
            return
        time.sleep(0.01)


def test_chat_in_a_terminal_prompts_draws_bold_and_leaves_on_ctrl_c(tmp_path):
    pty = pytest.importorskip("pty")
    import select
    import signal
    import time

    pid, fd = pty.fork()
    if pid == 0:  # the child: a real terminal session
        os.chdir(ROOT)
        os.environ["HOME"] = str(tmp_path)
        # A run started in the background inherits SIGINT ignored; a terminal user has it.
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        os.execv(sys.executable, [sys.executable, "-m", "bot", "chat"])
    seen = b""

    def read_for(seconds: float) -> None:
        nonlocal seen
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            if select.select([fd], [], [], 0.1)[0]:
                try:
                    seen += os.read(fd, 65536)
                except OSError:
                    return
            if seen.rstrip().endswith(b"you>") and seconds < 30:
                return

    read_for(20)
    os.write(fd, b"salary senior sf\n")
    seen = b""
    read_for(20)
    _wait_until_blocked_on_input(pid)
    os.kill(pid, signal.SIGINT)  # what Ctrl-C sends
    deadline = time.monotonic() + 30
    done, status = 0, 0
    while not done and time.monotonic() < deadline:
        done, status = os.waitpid(pid, os.WNOHANG)
        time.sleep(0.05)
    if not done:  # never leave a session behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        pytest.fail(f"chat did not leave on Ctrl-C; it printed {seen[-300:]!r}")
    assert os.waitstatus_to_exitcode(status) == 0
    assert b"\x1b[1mEstimate: $200,000 - $280,000\x1b[0m" in seen  # the point first, in bold
    assert b"you>" in seen


@pytest.mark.slow
def test_a_lone_dollar_sign_is_not_a_salary_answer():
    done = aitl("ask", "--json", "$")
    answer = json.loads(done.stdout)
    assert answer["intent"] != "salary" and answer["sources"] == []


def test_version_prints_the_package_version():
    from importlib.metadata import version

    done = aitl("--version")
    assert done.returncode == 0 and done.stdout.strip() == f"aitl {version('aitl')}"


@pytest.mark.slow
def test_output_is_wrapped_to_the_terminal_width_and_keeps_a_hanging_indent():
    done = aitl("ask", "what does the guide say about ethics", env={"COLUMNS": "60"})
    lines = done.stdout.splitlines()
    assert lines and all(len(line) <= 60 for line in lines), max(lines, key=len)
    assert any(line.startswith("  ") for line in lines)  # a bullet's continuation
    piped = aitl("ask", "what does the guide say about ethics").stdout
    assert max(len(line) for line in piped.splitlines()) > 60  # piped: not wrapped


@pytest.mark.slow
def test_full_shows_the_whole_section_and_the_focused_answer_says_how():
    focused = aitl("ask", "is emotional intelligence important?").stdout
    assert "Communication" not in focused and "aitl ask --full" in focused
    whole = aitl("ask", "--full", "is emotional intelligence important?").stdout
    assert "Communication" in whole and "Emotional Intelligence" in whole


@pytest.mark.slow  # 2 s or more on a 2-core AVX2 machine (2026-12-07)
def test_more_in_chat_shows_the_whole_section_of_the_last_answer():
    done = aitl("chat", stdin="is emotional intelligence important?\nmore\nquit\n")
    assert done.returncode == 0, done.stderr
    first, _, rest = done.stdout.partition("Essential Soft Skills\n")
    assert "Communication" in done.stdout


# --- conversations (issue 10) ---------------------------------------------------------------------


def _lines(stdout: str) -> list[dict]:
    return [json.loads(line) for line in stdout.splitlines()]


# Each scripted conversation below is a list of stdin lines (a dict is sent as JSON, a str as it is).
# They all go through one `aitl ask --json` run (starting one costs a second of CPU): conversations are
# kept apart by their ids, so each script's ids are prefixed with its name, and a plain line is a
# question on its own wherever it stands.
BATCHES: dict[str, list] = {
    "stdin_in_order": [
        "what are the biggest challenges?",
        "",
        "salary for a junior in nyc",
        "weather in paris",
    ],
    "lean_on_subject": [
        {"text": "which programming languages should I know?", "conversation": "a"},
        {"text": "tell me about model drift", "conversation": "b"},
        {"text": "docker?", "conversation": "a"},
        {"text": "how so?", "conversation": "b"},
    ],
    "read_in_context": [
        {"text": "senior salary in boston", "conversation": "recruiter"},
        {"text": "what are the biggest challenges?", "conversation": "engineer"},
        {"text": "and in NYC?", "conversation": "recruiter"},
        "and in NYC?",  # a plain line is a question on its own
        {"text": "tell me more about the third one", "conversation": "engineer"},
        {"text": "what about at a bank?", "conversation": "recruiter"},
        {"text": "and in NYC?"},  # no conversation: on its own too
    ],
    "carried_facts": [
        {"text": "I'm an ML engineer with 6 years of experience", "conversation": "me"},
        {"text": "senior salary in boston", "conversation": "hire"},
        {"text": "so what would I make in Seattle?", "conversation": "me"},
        {"text": "vs nyc?", "conversation": "hire"},
    ],
    "other_jobs_pay": [
        {"text": "what do data scientists earn?", "conversation": "other"},
        {"text": "which soft skills does the guide list?", "conversation": "list"},
        {"text": "and in Seattle?", "conversation": "other"},
        {"text": "and in Seattle?", "conversation": "fresh"},
        {"text": "and the 8th?", "conversation": "list"},
    ],
    "looks_like_json": ['{"not": "a question"}', "{broken"],
    "says_what_it_carried": [
        {"text": "what's the national average for an ai tech lead", "conversation": "pay"},
        {"text": "is demand for AI leads actually growing or is it hype", "conversation": "market"},
        {"text": "nyc?", "conversation": "pay"},
        {"text": "which region is moving fastest", "conversation": "market"},
        {"text": "and the other one they mention?", "conversation": "market"},
    ],
}


def _stdin_line(script: str, line: dict | str) -> str:
    if isinstance(line, str):
        return line
    if "conversation" in line:
        line = {**line, "conversation": f"{script}/{line['conversation']}"}
    return json.dumps(line)


@pytest.fixture(scope="module")
def batch() -> dict[str, list[dict]]:
    """`aitl ask --json` on every script in BATCHES, one after another on its stdin: each script's objects."""
    lines = [_stdin_line(script, line) for script, script_lines in BATCHES.items() for line in script_lines]
    done = aitl("ask", "--json", stdin="\n".join(lines) + "\n")
    assert done.returncode == 0, done.stderr
    out = _lines(done.stdout)
    assert len(out) == len(lines)  # one object per line, blank lines too
    answers, at = {}, 0
    for script, script_lines in BATCHES.items():
        answers[script], at = out[at : at + len(script_lines)], at + len(script_lines)
    return answers


def test_ask_json_without_text_answers_stdin_as_json_lines_in_order(batch):
    answers = batch["stdin_in_order"]
    assert len(answers) == len(BATCHES["stdin_in_order"])
    assert [a["intent"] for a in answers] == ["challenges", "help", "salary", "unknown"]
    assert all(set(a) == CONTRACT_KEYS for a in answers)


def test_batch_follow_ups_that_lean_on_the_conversation_take_its_subject(batch):
    out = batch["lean_on_subject"]
    assert out[2]["intent"] == "skills" and out[2]["carried"] == []  # "docker" names its own item
    assert out[3]["topic"] == {"section": "Common Challenges", "item": "Model Drift and Maintenance"}
    assert out[3]["carried"] == ["topic"]


def test_batch_lines_of_one_conversation_are_read_in_its_context(batch):
    out = batch["read_in_context"]
    assert len(out) == len(BATCHES["read_in_context"]) and all(set(o) == CONTRACT_KEYS for o in out)
    assert out[2]["entities"] == {"level": "senior", "location": "nyc"}
    assert out[2]["carried"] == ["level", "intent"]
    assert "Senior-Level, carried from your last question" in out[2]["text"]
    assert out[3]["carried"] == [] and out[3]["entities"] == {"location": "nyc"}
    assert out[4]["topic"] == {"section": "Common Challenges", "item": "Ethical and Fairness Concerns"}
    assert out[4]["carried"] == ["topic"]
    assert out[5]["entities"] == {"level": "senior", "location": "nyc", "industry": "finance"}
    assert out[6]["carried"] == []


def test_batch_carried_names_what_the_entities_took_from_earlier_turns(batch):
    out = batch["carried_facts"]
    # the level read from the asker's own years is their fact, not a level said before
    assert out[2]["entities"] == {"level": "entry", "location": "seattle"} and out[2]["carried"] == ["facts"]
    assert "Entry-Level for the 6 years you mentioned earlier" in out[2]["text"]
    # NYC is the question's own place; Boston, what it is compared with, is said but not carried
    assert out[3]["entities"] == {"level": "senior", "location": "nyc"}
    assert sorted(out[3]["carried"]) == ["intent", "level"] and "compared with Boston" in out[3]["text"]


def test_batch_a_place_after_another_jobs_pay_stays_out_of_scope_in_its_conversation_only(batch):
    out = batch["other_jobs_pay"]
    assert out[2]["intent"] == "unknown" and "data scientist" in out[2]["text"]
    assert out[3]["intent"] == "salary" and out[3]["entities"] == {"location": "seattle"}
    assert out[4]["topic"] == {"section": "Essential Soft Skills", "item": "Ethical Awareness"}


def test_a_batch_line_that_only_looks_like_json_is_a_plain_question(batch):
    out = batch["looks_like_json"]
    assert len(out) == 2 and all(o["carried"] == [] for o in out)


def test_chat_is_one_conversation():
    done = aitl("chat", stdin="senior salary in boston\nand in NYC?\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Senior-Level, carried from your last question." in done.stdout
    assert "$200,000 - $280,000" in done.stdout


def test_batch_every_answer_that_carried_something_says_so_first(batch):
    out = batch["says_what_it_carried"]
    assert out[2]["carried"] == ["intent"]  # "nyc?" after the national figure: nothing but the place
    assert out[2]["text"].startswith("_Salary ranges, carried from your last question._")
    assert out[4]["topic"] == {"section": "Market Demand", "item": "North America"}  # the other of two
    assert out[4]["text"].startswith("_North America, carried from your last question._")
    for answer in out:
        assert bool(answer["carried"]) == answer["blocks"][0]["type"].startswith("context"), answer["text"][
            :80
        ]
