"""One direction of imports between the Slack adapter and the tips (issue 12, part 5).

bot.slack (Bolt, its listeners, the tips UI among them) may use bot.tips; bot.tips (schedule,
runner, scheduler, the tip message) never imports bot.slack or Bolt, so `aitl tips run` needs no
listener. What both need from Slack's Web API is in bot.webapi, which imports neither.
Every import statement is read with ast, the ones inside functions too.
"""

from __future__ import annotations

import ast
from pathlib import Path

import bot

ROOT = Path(bot.__file__).parent


def imported_names(source: str, *, module: str, package: bool = False) -> set[str]:
    """The absolute names `source` (the module `module`) imports, relative ones resolved,
    those inside functions included."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = module.split(".") if package else module.split(".")[:-1]
                parts = parts[: len(parts) - node.level + 1]
                base = ".".join([*parts, base] if base else parts)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def _imports(package: str) -> dict[str, set[str]]:
    """'bot/…/module.py' -> the names it imports, for every module under bot/<package>."""
    found: dict[str, set[str]] = {}
    for path in sorted((ROOT / package).rglob("*.py")):
        parts = path.relative_to(ROOT).with_suffix("").parts
        is_init = path.name == "__init__.py"
        module = ".".join(("bot", *(parts[:-1] if is_init else parts)))
        source = path.read_text(encoding="utf-8")
        found[str(path.relative_to(ROOT.parent))] = imported_names(source, module=module, package=is_init)
    return found


def _matches(name: str, forbidden: tuple[str, ...]) -> bool:
    return any(name == prefix or name.startswith(f"{prefix}.") for prefix in forbidden)


def _offending(package: str, forbidden: tuple[str, ...]) -> dict[str, list[str]]:
    """'bot/…/module.py' -> the forbidden names it imports, for the modules that import any."""
    found = {
        path: sorted(name for name in names if _matches(name, forbidden))
        for path, names in _imports(package).items()
    }
    return {path: names for path, names in found.items() if names}


def test_the_tips_never_import_the_slack_adapter_or_bolt() -> None:
    assert _imports("tips"), "bot/tips has no modules?"
    assert _offending("tips", ("bot.slack", "slack_bolt")) == {}


def test_the_web_api_module_imports_neither_side() -> None:
    assert _offending("webapi", ("bot.slack", "bot.tips", "slack_bolt")) == {}


def test_the_tips_ui_is_with_the_other_slack_listeners() -> None:
    tips = {Path(path).name for path in _imports("tips")}
    assert not tips & {"commands.py", "home.py", "access.py"}
    listeners = _imports("slack/listeners")
    assert "bot/slack/listeners/tips/commands.py" in listeners
    assert "bot.tips.message.tip_message" in listeners["bot/slack/listeners/tips/commands.py"]


def test_the_walk_sees_relative_and_nested_imports() -> None:
    """The checker itself: an import inside a function and relative ones are all found."""
    source = (
        "def f():\n    from bot.slack.blocks import feedback_blocks\n"
        "from ..slack import app\nfrom . import schedule\nimport slack_bolt.app\n"
    )
    names = imported_names(source, module="bot.tips.runner")
    assert {
        "bot.slack.blocks.feedback_blocks",
        "bot.slack.app",
        "bot.tips.schedule",
        "slack_bolt.app",
    } <= names
    assert imported_names("from .access import x", module="bot.tips", package=True) == {
        "bot.tips.access",
        "bot.tips.access.x",
    }


def test_the_other_direction_is_seen_on_the_real_code() -> None:
    """The adapter does import the tips (the UI, the scheduler): the walk finds those imports."""
    assert "bot/slack/listeners/tips/commands.py" in _offending("slack", ("bot.tips",))
