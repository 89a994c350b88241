"""The answer when a question is out of scope or no intent is confident enough.

It says so plainly, lists what the bot can answer, gives three example questions from the
intents, and offers the best guesses (if any) as "Did you mean …?" buttons.
"""

from __future__ import annotations

from dataclasses import replace

from bot.engine.answer import Alternative, Answer
from bot.engine.answers.base import Draft, Query, esc, finished, label
from bot.engine.answers.help import HIDDEN, example_questions
from bot.engine.facts import mentions_role
from bot.engine.render import Header, Part
from bot.engine.render import Section as Text

GUESS_FLOOR = 0.25
"""Guesses scoring below this are noise, not worth a button."""


def compose(query: Query, *, reason: str = "") -> Answer:
    return finished(query, draft(query, reason=reason))


NOTED = (
    "Ask me about the role with that in mind, for example: “Could I become an AI tech lead?”, "
    "“What would I make?”"
)
"""The answer to a message that only tells about the asker (which the conversation keeps): what
to ask next, not "Not something I can answer" and the list of topics."""


def noted(query: Query) -> Answer:
    """The answer to a message that only tells about the asker ("I'm a backend dev, 7 yrs"), kept
    for later in the conversation (bot.engine.dialogue.noted_line says what was kept)."""
    return finished(query, Draft((Text(esc(NOTED)),), (), "unknown", ()))


def guesses(query: Query) -> tuple[Alternative, ...]:
    """The runner-ups worth a "Did you mean" button (the draft depends on their intents only)."""
    return tuple(a for a in query.alternatives if a.intent not in HIDDEN and a.confidence >= GUESS_FLOOR)[:3]


def abroad_pay(query: Query) -> bool:
    """The pay of the guide's role, named, in a place outside the US: the guide has no figure for
    it, but says what it covers (as when the question is read as one of pay)."""
    facts, form = query.facts, query.form
    return bool(
        facts
        and facts.place
        and not facts.role
        and not query.location
        and form
        and form.pays
        and mentions_role(query.question)
    )


def draft(query: Query, *, reason: str = "") -> Draft:
    kb = query.kb
    facts, form = query.facts, query.form
    if not reason and facts and facts.role and form and form.pays:  # "what do VPs of AI make?"
        from bot.engine.answers.salary_focus import role_draft

        found = role_draft(kb, facts.role)
        return Draft(found.parts, found.section_ids, "unknown", ())
    if not reason and abroad_pay(query):  # "AI tech lead London salary?": no figure, the US tiers
        from bot.engine.answers.salary_focus import focused

        return focused(replace(query, intent="salary"))
    offered = guesses(query)
    if reason:
        opening = reason
    elif mentions_role(query.question):  # about the role, but where the guide answers it is unclear
        role = esc(kb.title)
        opening = f"I'm not sure which part of the guide answers that about the {role} role: I won't guess."
    else:
        opening = (
            f"I'm not confident that is about the {esc(kb.title)} role, so I won't guess: "
            "I only answer from one career guide about it."
        )
    topics = ", ".join(label(kb, i) for i in kb.intents if i not in HIDDEN)
    examples = example_questions(
        kb, prefer=tuple(a.intent for a in offered) or ("salary", "skills", "challenges")
    )
    lines = [opening, "", f"*I can answer about*: {esc(topics)}."]
    if not query.refused_before:  # the examples once per run of refusals, not every time again
        lines += ["*Try for example*:", *(f"• “{esc(e)}”" for e in examples)]
    parts: list[Part] = [Header("Not something I can answer"), Text("\n".join(lines))]
    return Draft(tuple(parts), (), "unknown", offered)
