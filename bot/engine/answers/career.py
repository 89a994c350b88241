"""Career answers: the path as the guide gives it, the experience it asks for, where to develop.

The steps come from Career Development › Career Path, the executive roles that may follow from
Overview › Career Trajectory, the experience from the requirement that names "N+ years". The
guide gives pay only by an AI Tech Lead's years of experience, never per career step, so this
answer shows no pay (the whole answer says so and points to the salary answer). The short answer
fits a terminal screen: the guide's one-line summary of the path (its executive roles included),
the steps, the experience asked, the areas to develop by name.
"""

from __future__ import annotations

import re

from bot.engine.answer import Answer
from bot.engine.answers.base import Draft, Query, esc, finished, label, section_titled
from bot.engine.knowledge import KnowledgeBase, Section
from bot.engine.render import Context, Header, Part
from bot.engine.render import Section as Text

_EXECUTIVE = re.compile(r"executive roles? (?:like|such as) ([^.;]+)", re.IGNORECASE)
_YEARS = re.compile(r"\(?\b((?:usually|typically|often|at least)?\s*\d+\+ years)\)?")


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query, *, experience: bool = True, develop: bool = True) -> Draft:
    """The career answer; `experience`: with the line on the experience the guide asks (a
    focused answer that compared the asker's years with it already said it); `develop`: with the
    areas to develop by name (one step away, in the whole answer, when the answer has more to say)."""
    kb = query.kb
    path = section_titled(kb, "career path")
    trajectory = section_titled(kb, "career trajectory")
    steps = [i.text or i.title for i in path.items] if path else []
    executive = _executive_step(trajectory)
    summary = bool(trajectory and trajectory.intro)
    if executive and (query.full or not summary):  # the short answer has it in the guide's summary
        steps.append(executive)
    parts: list[Part] = [] if not query.full else [Header(label(kb, "career"))]
    lines = (
        [f"*{esc(trajectory.intro[0])}*"] if trajectory and trajectory.intro else []
    )  # the guide's summary
    lines += [f"{number}. {esc(step)}" for number, step in enumerate(steps, start=1)]
    used = [s.id for s in (path, trajectory) if s]
    found = _experience(kb) if experience else None
    if found:
        section, title, text, phrase = found
        where = esc(kb.source_title(section.id))
        if query.full:
            lines.append(f"_Experience: the guide says {esc(phrase)} (“{esc(text)}”, {where})._")
        else:
            lines.append(f"_Experience: the guide says {esc(phrase)} ({where} › {esc(title)})._")
        used.append(section.id)
    development = section_titled(kb, "career development", top=True)
    areas = (
        [kb.section(c) for c in development.children if path is None or c != path.id] if development else []
    )
    if areas and not query.full and develop:  # the areas by name, each one question away
        names = esc(", ".join(a.title for a in areas))
        lines.append(f"*Where to develop*, in the guide's {esc(development.title)}: {names}.")  # type: ignore[union-attr]
    if lines:
        parts.append(Text("\n".join(lines)))
    if areas and query.full:
        parts.append(Text("\n".join(["*Where to develop*"] + [_area_line(a) for a in areas])))
    if development:
        used = [development.id, *used, *(a.id for a in areas)]
    if query.full:  # the short answer shows no figure at all; the whole one says why
        parts.append(
            Context(
                f"Pay: the guide gives an {esc(kb.title)}'s pay by years of experience, place and industry, "
                "not the pay of each step; ask “salary by experience”."
            )
        )
    more = development.title if development and not query.full else None
    return Draft(tuple(parts), tuple(dict.fromkeys(used)), more=more)


def _experience(kb: KnowledgeBase) -> tuple[Section, str, str, str] | None:
    """The requirement that names "N+ years" (Requirements › Professional Experience)."""
    salary = kb.salaries.title
    for section in kb.sections.values():
        top = kb.sections[section.parent].title if section.parent else section.title
        if top == salary:
            continue
        for item in section.items:
            found = _YEARS.search(item.text)
            if found:
                return section, item.title, item.text, found.group(1).strip()
    return None


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
            return f"Potentially, executive roles like {found.group(1).strip()}."
    return None
