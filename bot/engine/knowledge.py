"""The knowledge base: `knowledge/<role>/` (guide.md + YAML) -> one validated `KnowledgeBase`.

Everything the engine knows comes from these files, so they are checked once, at load, and any
mistake an editor makes (a YAML typo, an unknown intent or item id, a salary range upside down,
a guide section no intent can reach) stops the load with one `KnowledgeError` naming file:line.

Loading must stay cheap (`aitl ask` cold start budget): no Slack, SQLAlchemy or rapidfuzz here;
YAML is read with libyaml's C loader, and the validated result is cached (knowledge_cache.py) so
an unchanged knowledge base loads from one pickle without importing PyYAML at all.

Which intents intents.yaml must define: every contract id in `bot.engine.answer.INTENTS` except
`unknown` (what "no confident match" means; it may be present). `help` and `unknown` need no
guide sections; every other intent lists at least one.
A guide section counts as reached when an intent lists it (in `sections` or as its
`topic_section`), when its parent is reached, or when all its subsections are.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bot.engine import knowledge_cache
from bot.engine.knowledge_model import (
    EntitySpec,
    IntentSpec,
    Item,
    KnowledgeBase,
    KnowledgeError,
    SalaryTable,
    Section,
    Tip,
    slugify,
)

__all__ = [
    "ENV_VAR",
    "EntitySpec",
    "IntentSpec",
    "Item",
    "KnowledgeBase",
    "KnowledgeError",
    "SalaryTable",
    "Section",
    "Tip",
    "default_knowledge_dir",
    "format_summary",
    "load_knowledge",
    "slugify",
]

ENV_VAR = "AITL_KNOWLEDGE_DIR"
GUIDE = "guide.md"
FILES = (GUIDE, "intents.yaml", "entities.yaml", "salaries.yaml", "tips.yaml", "us_places.yaml")

_PACKAGE = Path(__file__).resolve().parent.parent  # bot/


def default_knowledge_dir() -> Path:
    """`AITL_KNOWLEDGE_DIR`, else the wheel's `bot/knowledge/<role>`, else the repository's.

    setup.py copies the top-level `knowledge/` into the wheel as `bot/knowledge/`; an editable
    install runs from the repository, where it is `<repo>/knowledge/`. Either level is fine:
    the folder holding guide.md, or its parent when that holds exactly one role.
    """
    configured = os.environ.get(ENV_VAR, "").strip()
    if configured:
        return Path(configured).expanduser()
    for base in (_PACKAGE / "knowledge", _PACKAGE.parent / "knowledge"):
        if base.is_dir():
            try:
                return role_dir(base)
            except KnowledgeError:
                return base
    return _PACKAGE.parent / "knowledge"


def role_dir(path: Path) -> Path:
    """The folder holding guide.md: `path` itself, or its one role subfolder."""
    if not path.is_dir():
        raise KnowledgeError(
            path, None, f"knowledge folder not found (set {ENV_VAR} to the folder with {GUIDE})"
        )
    if (path / GUIDE).is_file():
        return path
    roles = sorted(child for child in path.iterdir() if (child / GUIDE).is_file())
    if len(roles) == 1:
        return roles[0]
    if roles:
        names = ", ".join(role.name for role in roles)
        raise KnowledgeError(path, None, f"several roles here ({names}): point {ENV_VAR} at one of them")
    raise KnowledgeError(path, None, f"no {GUIDE} here nor in a role subfolder")


def load_knowledge(path: Path | str | None = None, *, cache: bool = True) -> KnowledgeBase:
    """Load and validate the knowledge base in `path` (default `default_knowledge_dir()`).

    Raises `KnowledgeError` (one line: file:line: what is wrong) on the first problem found.
    With `cache`, an unchanged knowledge base comes from the cache (same result, ~10x faster).
    """
    directory = role_dir(Path(path).expanduser() if path is not None else default_knowledge_dir()).resolve()
    key = knowledge_cache.stamp(directory, FILES) if cache else None
    if key is not None and (cached := knowledge_cache.read(key)) is not None:
        return cached
    kb = _load(directory)
    if key is not None:
        knowledge_cache.write(key, kb)
    return kb


def _load(directory: Path) -> KnowledgeBase:
    # Imported here, not at the top: a cache hit never needs PyYAML or the parsers.
    from bot.engine.knowledge_files import read_entities, read_intents, read_places, read_salaries, read_tips
    from bot.engine.knowledge_guide import parse_guide

    guide_path = directory / GUIDE
    title, sections = parse_guide(guide_path)
    intents = read_intents(directory / "intents.yaml", sections)
    salaries = read_salaries(directory / "salaries.yaml", sections)
    entities = read_entities(directory / "entities.yaml", sections, salaries)
    entities = read_places(directory / "us_places.yaml", entities)
    tips = read_tips(directory / "tips.yaml", sections)
    _check_reached(guide_path, sections, intents)
    return KnowledgeBase(
        sections=sections,
        intents=intents,
        entities=entities,
        salaries=salaries,
        tips=tips,
        title=title,
        directory=directory,
        _counts=_counts(sections, intents, entities, salaries, tips),
    )


def _check_reached(guide_path: Path, sections: dict[str, Section], intents: dict[str, IntentSpec]) -> None:
    """Every guide section must be answerable: a section nobody can ask about is dead text."""
    listed = {s for spec in intents.values() for s in (*spec.sections, spec.topic_section) if s}

    def reached(section: Section) -> bool:
        if section.id in listed or (section.parent is not None and section.parent in listed):
            return True
        return bool(section.children) and all(reached(sections[c]) for c in section.children)

    for section in sections.values():
        if not reached(section):
            raise KnowledgeError(
                guide_path,
                section.line,
                f"section {section.id!r} ({section.title}) is not reached by any intent: "
                "list it, or its parent, under an intent's `sections` in intents.yaml",
            )


def _counts(
    sections: dict[str, Section],
    intents: dict[str, IntentSpec],
    entities: EntitySpec,
    salaries: SalaryTable,
    tips: tuple[Tip, ...],
) -> dict[str, Any]:
    items = [item for section in sections.values() for item in section.items]
    synonyms = {
        "levels": sum(len(a) for a in entities.levels.values()),
        "locations": sum(len(spec.aliases) for spec in entities.locations.values()),
        "industries": sum(len(spec.aliases) for spec in entities.industries.values()),
        "topics": sum(len(a) for per in entities.topics.values() for a in per.values()),
    }
    tip_kinds: dict[str, int] = {}
    for tip in tips:
        tip_kinds[tip.kind] = tip_kinds.get(tip.kind, 0) + 1
    return {
        "sections": sum(1 for s in sections.values() if s.parent is None),
        "subsections": sum(1 for s in sections.values() if s.parent is not None),
        "items": len(items),
        "points": sum(len(item.points) for item in items),
        "intents": len(intents),
        "examples": sum(len(spec.examples) for spec in intents.values()),
        "synonyms": sum(synonyms.values()),
        "synonyms_by_kind": synonyms,
        "unlisted_locations": len(entities.unlisted_locations),
        "us_places": len(entities.places),
        "fillers": len(entities.fillers),
        "tips": len(tips),
        "tips_by_kind": tip_kinds,
        "salary_rows": 1 + len(salaries.levels) + len(salaries.locations) + len(salaries.industries),
    }


def format_summary(summary: dict[str, Any]) -> str:
    """What `aitl kb check` prints for a knowledge base that loaded cleanly."""
    s = summary
    by_kind = s.get("synonyms_by_kind", {})
    tip_kinds = s.get("tips_by_kind", {})
    return "\n".join(
        [
            f"{s['title']} knowledge base: {s['directory']}",
            f"  guide      {s['sections']} sections, {s['subsections']} subsections, "
            f"{s['items']} items, {s['points']} sub-points",
            f"  intents    {s['intents']} intents, {s['examples']} help examples",
            f"  entities   {s['synonyms']} synonyms ("
            + ", ".join(f"{kind} {count}" for kind, count in by_kind.items())
            + f"), {s['unlisted_locations']} unlisted locations, {s['fillers']} fillers",
            f"  places     {s.get('us_places', 0)} US places read as a tier of the guide (us_places.yaml)",
            f"  salaries   {s['salary_rows']} rows",
            f"  tips       {s['tips']} in rotation ("
            + ", ".join(f"{count} {kind}" for kind, count in tip_kinds.items())
            + ")",
            "OK",
        ]
    )
