"""Skills, soft skills and qualifications: the guide's lists, each pointing to its neighbours.

The sections come from intents.yaml; the pointer ("Soft skills are a separate answer: try …")
uses the neighbour intent's own first example, so it stays true when intents.yaml changes.
"""

from __future__ import annotations

from bot.engine.answer import Answer
from bot.engine.answers import lists
from bot.engine.answers.base import Draft, Query, esc, finished, label

NEIGHBOURS: dict[str, tuple[str, ...]] = {
    "skills": ("soft_skills", "qualifications"),
    "soft_skills": ("skills",),
    "qualifications": ("skills", "career"),
}


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    kb = query.kb
    hints = []
    for other in NEIGHBOURS.get(query.intent, ()):
        spec = kb.intents.get(other)
        if spec and spec.examples:
            hints.append(f"{esc(label(kb, other))}: try “{esc(spec.examples[0])}”")
    hint = "See also — " + " · ".join(hints) if hints else ""
    return lists.draft(query, hints=(hint,))
