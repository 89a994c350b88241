"""Labelled examples and the guide's topic units: the data the matcher learns from.

`knowledge/<role>/examples/{train,dev}.yaml` map a source group to its questions, each
`{q, intent, topic?}` with `topic` as `section-id/item-id`. Groups matter while training: a
question's neighbours are looked up outside its own group, as they would be for a question
nobody wrote (see train.py). Only training, calibration and `aitl kb check` read these files;
a running bot loads the learned artefact instead (model.py).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.engine.answer import INTENTS
from bot.engine.knowledge import KnowledgeBase, KnowledgeError

EXAMPLES_DIR = "examples"
SPLITS = ("train", "dev")
WHOLE = "_list"
"""The item id of a list intent's whole list, as a topic unit (a question about the list)."""


@dataclass(frozen=True, slots=True)
class Example:
    q: str
    intent: str
    topic: str | None
    group: str


@dataclass(frozen=True, slots=True)
class TopicUnit:
    """One thing a question can be about inside a list intent: a guide item (a trend, a
    challenge...) or, for Core Responsibilities, one area (a subsection)."""

    key: str  # "common-challenges/model-drift-and-maintenance"
    intent: str
    section: str  # the section id the answer families know as topic_section
    item: str  # the item id (or subsection slug) inside it
    section_title: str
    title: str
    text: str  # what the encoder reads for it
    listed: bool = True
    """One of the intent's list (`topic_section`); else one of the bullets of its other sections
    (`bullet_units`), weighed only against the intent's other bullets."""


NO_BULLETS = ("overview", "salary")
"""Intents whose answers lead with their own point (the role's description, the pay figures): their
sections' bullets are not topic units."""


def topic_units(kb: KnowledgeBase) -> tuple[TopicUnit, ...]:
    """Every topic unit: those of the intents that have a `topic_section` (`list_units`), then the
    bullets of the other sections the intents answer from (`bullet_units`)."""
    return (*list_units(kb), *bullet_units(kb))


def bullet_owner(kb: KnowledgeBase, section_id: str) -> str | None:
    """The one intent a subsection's bullets belong to: of the intents (but `NO_BULLETS`) that list
    it among their sections, one that lists it without its parent section (borrowed on purpose:
    Career Development's Soft Skills for soft_skills, not career), else the first."""
    section = kb.sections[section_id]
    owners = [
        i
        for i, spec in kb.intents.items()
        if i not in NO_BULLETS and section_id in spec.sections and spec.topic_section != section_id
    ]
    borrowed = [i for i in owners if section.parent not in kb.intents[i].sections]
    return (borrowed or owners or [None])[0]


def bullet_units(kb: KnowledgeBase) -> tuple[TopicUnit, ...]:
    """The bullets of the sections the intents answer from outside any list (Requirements, Career
    Development, Market Demand), each owned by one intent (`bullet_owner`), in guide order: a
    titled item is one unit ("requirements/educational-background/advanced-degree"); a subsection
    of untitled lines is one unit, as an area of Core Responsibilities is
    ("career-development/career-path")."""
    lists = {spec.topic_section for spec in kb.intents.values() if spec.topic_section}
    tops = [
        s
        for s in kb.sections.values()
        if s.parent is None
        and s.id not in lists
        and any(s.id in spec.sections for i, spec in kb.intents.items() if i not in NO_BULLETS)
    ]
    units = []
    for top in tops:
        for child_id in top.children:
            child = kb.sections[child_id]
            intent = bullet_owner(kb, child_id)
            if intent is None or not child.items:
                continue
            if all(i.title for i in child.items):
                for item in child.items:
                    units.append(
                        TopicUnit(
                            key=f"{child.id}/{item.id}",
                            intent=intent,
                            section=child.id,
                            item=item.id,
                            section_title=top.title,
                            title=item.title,
                            text=f"{child.title}: {item.title}: {' '.join((item.text, *item.points))}",
                            listed=False,
                        )
                    )
                continue
            body = " ".join(f"{i.title}: {i.text}" if i.title else i.text for i in child.items)
            units.append(
                TopicUnit(
                    key=child.id,
                    intent=intent,
                    section=top.id,
                    item=child.id.rsplit("/", 1)[-1],
                    section_title=top.title,
                    title=child.title,
                    text=f"{top.title}: {child.title}: {body}",
                    listed=False,
                )
            )
    return tuple(units)


def list_units(kb: KnowledgeBase) -> tuple[TopicUnit, ...]:
    """Every topic unit of the intents that have a `topic_section`, in guide order: first the
    whole list (item `WHOLE`: the section's title, introduction and item titles), which a
    question about the list rather than one item is closest to, then each item."""
    units = []
    for intent, spec in kb.intents.items():
        if not spec.topic_section:
            continue
        section = kb.sections[spec.topic_section]
        titles = [i.title for i in section.items] or [kb.sections[c].title for c in section.children]
        units.append(
            TopicUnit(
                key=f"{section.id}/{WHOLE}",
                intent=intent,
                section=section.id,
                item=WHOLE,
                section_title=section.title,
                title=section.title,
                text=f"{section.title}: {' '.join(section.intro)} {', '.join(titles)}",
            )
        )
        if section.items:
            for item in section.items:
                body = " ".join((item.text, *item.points))
                units.append(
                    TopicUnit(
                        key=f"{section.id}/{item.id}",
                        intent=intent,
                        section=section.id,
                        item=item.id,
                        section_title=section.title,
                        title=item.title,
                        text=f"{item.title}: {body}",
                    )
                )
            continue
        for child_id in section.children:
            child = kb.sections[child_id]
            body = " ".join(f"{i.title}: {i.text}" for i in child.items)
            units.append(
                TopicUnit(
                    key=f"{section.id}/{child_id.rsplit('/', 1)[-1]}",
                    intent=intent,
                    section=section.id,
                    item=child_id.rsplit("/", 1)[-1],
                    section_title=section.title,
                    title=child.title,
                    text=f"{child.title}: {body}",
                )
            )
    return tuple(units)


def guide_chunks(kb: KnowledgeBase) -> Iterator[tuple[str, str]]:
    """(intent, text) for every passage of every section an intent answers from: the section's
    introduction and each item, prefixed with the section title (what the passage is about)."""
    for intent, spec in kb.intents.items():
        section_ids = dict.fromkeys((*spec.sections, *((spec.topic_section,) if spec.topic_section else ())))
        for section_id in section_ids:
            section = kb.sections[section_id]
            if section.intro:
                yield intent, f"{section.title}: {' '.join(section.intro)}"
            for item in section.items:
                head = f"{section.title}: {item.title}" if item.title else section.title
                yield intent, f"{head}: {' '.join((item.text, *item.points))}"


def examples_path(kb: KnowledgeBase, split: str) -> Path:
    return kb.directory / EXAMPLES_DIR / f"{split}.yaml"


def load_examples(kb: KnowledgeBase, split: str) -> list[Example]:
    """The examples of one split, checked: known intents, known topics, no empty questions
    (KnowledgeError names the file and the group)."""
    import yaml

    path = examples_path(kb, split)
    if not path.exists():
        return []
    try:
        data = yaml.load(
            path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        )
    except yaml.YAMLError as exc:
        raise KnowledgeError(path, None, str(exc)) from None
    if not isinstance(data, dict):
        raise KnowledgeError(path, None, "expected a mapping of group -> list of examples")
    units = {u.key for u in topic_units(kb)}
    out = []
    for group, entries in data.items():
        for n, entry in enumerate(entries or (), start=1):
            where = f"group {group!r}, entry {n}"
            if not isinstance(entry, dict) or not isinstance(entry.get("q"), str) or not entry["q"].strip():
                raise KnowledgeError(path, None, f"{where}: each example needs a non-empty `q`")
            intent = entry.get("intent", "unknown")
            if intent not in INTENTS:
                raise KnowledgeError(path, None, f"{where}: unknown intent {intent!r}")
            topic = entry.get("topic")
            if topic is not None and topic not in units:
                raise KnowledgeError(path, None, f"{where}: unknown topic {topic!r} (section-id/item-id)")
            out.append(Example(q=entry["q"], intent=intent, topic=topic, group=str(group)))
    return out
