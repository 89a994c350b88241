"""Typed reads of YAML nodes that remember where they came from, for file:line errors.

The knowledge files are composed (not loaded) so every value keeps its node and mark; each
accessor checks one type and raises `KnowledgeError(path, line, ...)` pointing at the value.
The C base loader is used when PyYAML was built with libyaml (the load-time budget is tight):
it leaves every scalar as text, and the few types the knowledge files use (text, whole numbers,
numbers, null) are recognised here, so `yes` stays "yes" and `0800` is not an octal number.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import yaml

from bot.engine.knowledge_model import KnowledgeError

_Loader: type = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

_INT = re.compile(r"[-+]?[0-9][0-9_]*")
_FLOAT = re.compile(r"[-+]?(?:[0-9][0-9_]*)?\.?[0-9_]+(?:[eE][-+]?[0-9]+)?")
_NULLS = frozenset({"", "~", "null", "Null", "NULL"})


def _plain(node: yaml.Node) -> str | None:
    """The text of an unquoted scalar (None for quoted scalars and collections)."""
    if isinstance(node, yaml.ScalarNode) and not node.style:
        return str(node.value)
    return None


def is_null(node: yaml.Node) -> bool:
    """`key:` with nothing, `~` or `null` (unquoted)."""
    return _plain(node) in _NULLS


def compose(path: Path) -> yaml.Node:
    """The node tree of one YAML file; syntax errors name the file and the line of the mark."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise KnowledgeError(path, None, "file is missing") from None
    except UnicodeDecodeError as error:
        raise KnowledgeError(path, None, f"not UTF-8 text ({error.reason})") from None
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = " ".join(str(p) for p in (error.context, error.problem) if p)
        raise KnowledgeError(path, mark.line + 1 if mark else None, f"YAML syntax error: {problem}") from None
    except yaml.YAMLError as error:
        raise KnowledgeError(path, None, f"YAML error: {str(error).splitlines()[0]}") from None
    if node is None:
        raise KnowledgeError(path, 1, "file is empty")
    return node


def line(node: yaml.Node) -> int:
    """The 1-based line where a node starts."""
    return int(node.start_mark.line) + 1


class Map:
    """A YAML mapping with string keys: duplicate keys, missing and unknown keys are errors."""

    __slots__ = ("path", "node", "what", "values", "key_lines", "at")

    def __init__(self, path: Path, node: yaml.Node, what: str, *, at: int | None = None) -> None:
        if not isinstance(node, yaml.MappingNode):
            raise KnowledgeError(
                path, line(node), f"{what or 'the file'} must be a mapping of `key: value` lines"
            )
        self.path, self.node, self.what = path, node, what
        self.at = at  # the line of the key this mapping is the value of, if any
        self.values: dict[str, yaml.Node] = {}
        self.key_lines: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode) or is_null(key_node):
                raise KnowledgeError(path, line(key_node), f"{_prefix(what)}keys must be plain text")
            key = key_node.value
            if key in self.values:
                first = self.key_lines[key]
                raise KnowledgeError(
                    path, line(key_node), f"{_prefix(what)}duplicate key {key!r} (first on line {first})"
                )
            self.values[key] = value_node
            self.key_lines[key] = line(key_node)

    @property
    def line(self) -> int:
        """Where to point for the mapping as a whole: its key's line, else its own first line."""
        return self.at or line(self.node)

    def name(self, key: str) -> str:
        """How messages name a key's value: `national.min`, `level 'senior'.max`."""
        return f"{self.what}.{key}" if self.what else key

    def __contains__(self, key: str) -> bool:
        return key in self.values

    def keys(self) -> list[str]:
        return list(self.values)

    def error(self, key: str | None, message: str) -> KnowledgeError:
        """An error at a key's line (or the mapping's when the key is absent)."""
        return KnowledgeError(self.path, self.key_lines.get(key, self.line) if key else self.line, message)

    def only(self, allowed: tuple[str, ...] | frozenset[str]) -> Map:
        """Reject keys outside `allowed` (a typo such as `phrasing:` would otherwise be ignored)."""
        for key in self.values:
            if key not in allowed:
                expected = ", ".join(sorted(allowed))
                raise self.error(
                    key, f"{_prefix(self.what)}unknown key {key!r} (expected one of: {expected})"
                )
        return self

    def sub(self, key: str, what: str | None = None) -> Map:
        """A required nested mapping."""
        return Map(self.path, self.node_of(key), what or self.name(key), at=self.key_lines[key])

    def node_of(self, key: str) -> yaml.Node:
        """The value node of a required key."""
        if key not in self.values:
            raise self.error(None, f"{_prefix(self.what)}missing required key {key!r}")
        return self.values[key]

    def text(self, key: str, *, default: str | None = None) -> str:
        if key not in self.values and default is not None:
            return default
        return text(self.path, self.node_of(key), self.name(key))

    def flag(self, key: str) -> bool:
        """A required `true` or `false`."""
        value = _plain(self.node_of(key))
        if value not in ("true", "false"):
            raise self.error(key, f"{self.name(key)} must be true or false")
        return value == "true"

    def whole(self, key: str) -> int:
        """A required whole number."""
        return integer(self.path, self.node_of(key), self.name(key))

    def whole_or_none(self, key: str) -> int | None:
        """A required whole number that may be `null` (e.g. an open-ended "18+ years")."""
        node = self.node_of(key)
        return None if is_null(node) else integer(self.path, node, self.name(key))

    def texts(self, key: str, *, required: bool = True) -> tuple[str, ...]:
        if key not in self.values and not required:
            return ()
        return texts(self.path, self.node_of(key), self.name(key))


def _prefix(what: str) -> str:
    return f"{what}: " if what else ""


def text(path: Path, node: yaml.Node, what: str) -> str:
    """A non-empty scalar, as written (so `yes` stays "yes", `2024` stays "2024")."""
    if not isinstance(node, yaml.ScalarNode) or is_null(node) or not node.value.strip():
        raise KnowledgeError(path, line(node), f"{what} must be non-empty text")
    return " ".join(node.value.split())


def texts(path: Path, node: yaml.Node, what: str) -> tuple[str, ...]:
    """A list of non-empty texts (`[]` allowed)."""
    if not isinstance(node, yaml.SequenceNode):
        raise KnowledgeError(path, line(node), f"{what} must be a list (`- item` lines)")
    return tuple(text(path, child, f"{what} entry") for child in node.value)


def integer(path: Path, node: yaml.Node, what: str) -> int:
    """A whole number written as such (`160000`, not `160,000` or `$160k`)."""
    value = _plain(node)
    if value is not None and _INT.fullmatch(value):
        return int(value.replace("_", ""))
    raise KnowledgeError(path, line(node), f"{what} must be a whole number, got {_shown(node)}")


def number(path: Path, node: yaml.Node, what: str) -> float:
    """A finite number (int or float)."""
    value = _plain(node)
    if value is not None and _FLOAT.fullmatch(value):
        try:
            result = float(value.replace("_", ""))
        except ValueError:
            result = math.nan
        if math.isfinite(result):
            return result
    raise KnowledgeError(path, line(node), f"{what} must be a number, got {_shown(node)}")


def _shown(node: yaml.Node) -> str:
    if isinstance(node, yaml.ScalarNode):
        return "nothing" if is_null(node) else repr(node.value)
    return "a list" if isinstance(node, yaml.SequenceNode) else "a mapping"
