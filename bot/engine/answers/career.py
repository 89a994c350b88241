"""Career answers: the path as steps, each with the guide's experience band and pay, then the
development areas (Career Development's subsections).

The guide gives the steps (Career Development › Career Path, and the executive roles in
Overview › Career Trajectory) and the pay by experience level separately; pairing them in order
(first step with the first level, and so on) is our reading, so the answer says so.
"""

from __future__ import annotations

import re

from bot.engine.answer import Answer
from bot.engine.answers.base import Draft, Query, esc, finished, label
from bot.engine.knowledge import KnowledgeBase, Section
from bot.engine.render import Context, Header, Part, money_range
from bot.engine.render import Section as Text

_EXECUTIVE = re.compile(r"executive roles? (?:like|such as) ([^.;]+)", re.IGNORECASE)


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    kb = query.kb
    path = _find(kb, "career path")
    trajectory = _find(kb, "career trajectory")
    steps = [i.text or i.title for i in path.items] if path else []
    executive = _executive_step(trajectory)
    if executive:
        steps.append(executive)
    levels = list(kb.salaries.levels.values())
    lines = ["*The path*"]
    for number, step in enumerate(steps, start=1):
        line = f"{number}. {esc(step)}"
        if number <= len(levels):
            level = levels[number - 1]
            line += f"\n      _{esc(level.label)}: {money_range(level.min, level.max)}_"
        lines.append(line)
    parts: list[Part] = [Header(label(kb, "career"))]
    if trajectory and trajectory.intro:  # the guide's own one-line summary of the path
        parts.append(Text(f"_{esc(trajectory.intro[0])}_"))
    parts.append(Text("\n".join(lines)))
    if levels and steps:
        parts.append(
            Context(
                "Pay is the guide's AI Tech Lead salary band for that much experience, paired with the steps "
                "in order; the guide gives the steps and the bands separately."
            )
        )
    development = _find(kb, "career development", top=True)
    used = [s.id for s in (path, trajectory) if s]
    if development:
        areas = [kb.section(c) for c in development.children if path is None or c != path.id]
        area_lines = ["*Where to develop*"] + [_area_line(a) for a in areas]
        parts.append(Text("\n".join(area_lines)))
        used = [development.id, *used, *(a.id for a in areas)]
    salary_top = next((s for s in kb.top_sections() if s.title == kb.salaries.title), None)
    if salary_top:
        used.append(salary_top.children[0] if salary_top.children else salary_top.id)
    return Draft(tuple(parts), tuple(used))


def _area_line(section: Section) -> str:
    titled = [i.title for i in section.items if i.title]
    if titled:
        return f"• *{esc(section.title)}*: " + esc(", ".join(titled))
    return f"• *{esc(section.title)}*: " + esc(" ".join(_sentence(i.text) for i in section.items))


def _sentence(text: str) -> str:
    """The guide's sentence as written, with its full stop ("Join professional associations.")."""
    text = text.strip()
    return text if text.endswith((".", "!", "?")) else f"{text}."


def _executive_step(trajectory: Section | None) -> str | None:
    """ "VP of AI or Chief AI Officer", from Overview › Career Trajectory's own words."""
    if trajectory is None:
        return None
    for paragraph in trajectory.intro:
        found = _EXECUTIVE.search(paragraph)
        if found:
            return f"Executive roles like {found.group(1).strip()}."
    return None


def _find(kb: KnowledgeBase, title: str, *, top: bool = False) -> Section | None:
    for section in kb.sections.values():
        if section.title.lower() == title and (not top or section.parent is None):
            return section
    return None
