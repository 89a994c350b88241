"""The answers the README and docs/cli.md show as real output are what `aitl ask` prints today
(issue 9: docs regenerated from real output). A change that alters one fails here: re-run the
command and paste its output into the doc."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
_BLOCK = re.compile(r"```\n\$ (aitl ask [^\n]*)\n(.*?)```", re.S)


def _examples() -> list[tuple[str, str, str]]:
    found = []
    for name in ("README.md", "docs/cli.md"):
        for command, shown in _BLOCK.findall((ROOT / name).read_text(encoding="utf-8")):
            found.append((name, command, shown))
    return found


def test_the_docs_show_answers():
    assert len(_examples()) >= 8


@pytest.mark.parametrize(("doc", "command", "shown"), _examples(), ids=lambda v: str(v)[:40])
def test_a_documented_answer_is_what_aitl_prints(doc, command, shown, capsys, monkeypatch):
    from bot.cli import main

    monkeypatch.delenv("COLUMNS", raising=False)
    assert main(shlex.split(command)[1:]) == 0
    assert capsys.readouterr().out.strip() == shown.strip(), f"{doc}: {command}"
