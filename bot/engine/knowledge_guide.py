"""guide.md -> the guide's sections and items, in order, each with its line number.

A small line-based reader for the one Markdown shape guide.md uses (its header comment
documents it for editors): `# Role`, `## Section`, `### Subsection`, paragraphs, bullets
`- **Title**: text` with indented `- point`s, and `---` before a `##` section's closing
paragraphs. Anything else is reported as malformed with its line, not guessed at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from bot.engine.knowledge_model import Item, KnowledgeError, Section, slugify

_HEADING = re.compile(r"^(#+)\s+(.*?)\s*#*\s*$")
_BULLET = re.compile(r"^([-*+])\s+(.*)$")
_POINT = re.compile(r"^\s{2,}[-*+]\s+(.*)$")
_TITLED = re.compile(r"^\*\*(?P<title>[^*]+?):?\*\*(?::?\s*(?P<text>.*))?$")
_RULE = re.compile(r"^(?:-{3,}|\*{3,}|_{3,})$")
_UNTITLED_ID_WORDS = 6


@dataclass(slots=True)
class _ItemDraft:
    id: str
    title: str
    text: list[str]
    points: list[list[str]]
    line: int

    def freeze(self) -> Item:
        return Item(
            id=self.id,
            title=self.title,
            text=" ".join(self.text),
            points=tuple(" ".join(p) for p in self.points),
            line=self.line,
        )


@dataclass(slots=True)
class _SectionDraft:
    id: str
    title: str
    parent: str | None
    line: int
    intro: list[list[str]] = field(default_factory=list)
    items: list[_ItemDraft] = field(default_factory=list)
    outro: list[list[str]] = field(default_factory=list)
    children: list[str] = field(default_factory=list)
    closed: bool = False  # after `---`: only closing paragraphs may follow

    def freeze(self) -> Section:
        return Section(
            id=self.id,
            title=self.title,
            parent=self.parent,
            intro=tuple(" ".join(p) for p in self.intro),
            items=tuple(i.freeze() for i in self.items),
            outro=tuple(" ".join(p) for p in self.outro),
            children=tuple(self.children),
            line=self.line,
        )


def parse_guide(path: Path) -> tuple[str, dict[str, Section]]:
    """The role title and the sections (`##` then its `###`s, guide order) of a guide.md."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise KnowledgeError(path, None, "file is missing") from None
    except UnicodeDecodeError as error:
        raise KnowledgeError(path, None, f"not UTF-8 text ({error.reason})") from None
    return _Reader(path).read(lines)


class _Reader:
    """One pass over the lines; `last` is what a continuation line would extend."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.title = ""
        self.sections: dict[str, _SectionDraft] = {}
        self.top: _SectionDraft | None = None
        self.current: _SectionDraft | None = None
        self.last: list[str] | None = None  # the paragraph, item text or point being written
        self.item: _ItemDraft | None = None  # the item indented points belong to

    def fail(self, number: int, message: str) -> KnowledgeError:
        return KnowledgeError(self.path, number, message)

    def read(self, lines: list[str]) -> tuple[str, dict[str, Section]]:
        in_comment = 0
        for number, raw in enumerate(lines, 1):
            line = raw.rstrip()
            stripped = line.strip()
            if in_comment or stripped.startswith("<!--"):
                in_comment = in_comment or number
                if "-->" in stripped:
                    in_comment = 0
                continue
            if not stripped:
                self.last = None
                continue
            self.line(number, line, stripped)
        if in_comment:
            raise self.fail(in_comment, "HTML comment `<!--` is never closed with `-->`")
        if not self.title:
            raise self.fail(1, "guide.md must start with the role's title as `# Title`")
        if not self.sections:
            raise self.fail(len(lines) or 1, "no `## Section` in guide.md")
        for draft in self.sections.values():
            if not (draft.intro or draft.items or draft.outro or draft.children):
                raise self.fail(draft.line, f"section {draft.title!r} is empty")
        return self.title, {key: draft.freeze() for key, draft in self.sections.items()}

    def line(self, number: int, line: str, stripped: str) -> None:
        heading = _HEADING.match(stripped) if stripped.startswith("#") else None
        if heading and not line.startswith(" "):
            self.heading(number, len(heading.group(1)), heading.group(2))
        elif _RULE.match(stripped):
            self.rule(number)
        elif (point := _POINT.match(line)) is not None:
            self.point(number, point.group(1))
        elif (bullet := _BULLET.match(line)) is not None:
            self.bullet(number, bullet.group(2))
        elif self.last is not None:  # a wrapped line continues what it follows
            self.last.append(stripped)
        else:
            self.paragraph(number, stripped)

    def heading(self, number: int, level: int, title: str) -> None:
        self.last, self.item = None, None
        if not title:
            raise self.fail(number, "heading without a title")
        if level == 1:
            if self.title or self.sections:
                raise self.fail(number, "only one `# Title`, at the top of guide.md")
            self.title = title
            return
        if not self.title:
            raise self.fail(number, "guide.md must start with the role's title as `# Title`")
        if level == 2:
            self.top = self.current = self.add(number, title, parent=None)
        elif level == 3:
            if self.top is None:
                raise self.fail(number, f"subsection {title!r} comes before any `## Section`")
            if self.top.closed:
                raise self.fail(number, f"subsection {title!r} after the closing `---` of {self.top.title!r}")
            self.current = self.add(number, title, parent=self.top)
            self.top.children.append(self.current.id)
        else:
            raise self.fail(
                number, f"only `##` sections and `###` subsections are allowed, not {'#' * level}"
            )

    def add(self, number: int, title: str, *, parent: _SectionDraft | None) -> _SectionDraft:
        slug = slugify(title)
        if not slug:
            raise self.fail(number, f"heading {title!r} has no letters or digits to make an id from")
        key = f"{parent.id}/{slug}" if parent else slug
        if key in self.sections:
            raise self.fail(
                number, f"section id {key!r} is used twice (first on line {self.sections[key].line})"
            )
        draft = _SectionDraft(id=key, title=title, parent=parent.id if parent else None, line=number)
        self.sections[key] = draft
        return draft

    def rule(self, number: int) -> None:
        if self.top is None:
            raise self.fail(number, "`---` outside any `## Section`")
        self.top.closed = True
        self.current, self.last, self.item = self.top, None, None

    def bullet(self, number: int, body: str) -> None:
        section = self.current
        if section is None:
            raise self.fail(number, "bullet outside any `## Section`")
        if section.closed or section.outro:
            raise self.fail(number, f"bullet after the closing paragraph of {section.title!r}")
        titled = _TITLED.match(body) if body.startswith("**") else None
        if body.startswith("**") and titled is None:
            raise self.fail(number, "expected `- **Title**: text` (bold title, then a colon)")
        title = titled.group("title").strip() if titled else ""
        text = (titled.group("text") or "").strip() if titled else body.strip()
        if titled:
            slug = slugify(title)
        else:
            slug = "-".join(slugify(text).split("-")[:_UNTITLED_ID_WORDS])
        if not slug:
            raise self.fail(number, "bullet has no letters or digits to make an id from")
        for other in section.items:
            if other.id == slug:
                raise self.fail(
                    number, f"item id {slug!r} is used twice in {section.title!r} (line {other.line})"
                )
        item = _ItemDraft(id=slug, title=title, text=[text] if text else [], points=[], line=number)
        section.items.append(item)
        self.item, self.last = item, item.text

    def point(self, number: int, body: str) -> None:
        if self.item is None:
            raise self.fail(number, "indented sub-point without a `- **Title**` bullet above it")
        point = [body.strip()]
        self.item.points.append(point)
        self.last = point

    def paragraph(self, number: int, text: str) -> None:
        section = self.current
        if section is None:
            raise self.fail(number, "text outside any `## Section` (only the `# Title` comes before them)")
        paragraph = [text]
        (section.outro if section.items or section.closed else section.intro).append(paragraph)
        self.item, self.last = None, paragraph
