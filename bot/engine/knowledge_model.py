"""The knowledge base's values: the guide's sections and items, intents, entities, salaries, tips.

Plain frozen data with no behaviour beyond look-ups; `bot.engine.knowledge` builds and validates
them and is the module to import them from.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

TipKind = Literal["trend", "best_practice", "challenge"]


class KnowledgeError(Exception):
    """A problem in the knowledge files; `str()` is one line: `path:line: message`."""

    def __init__(self, path: str | os.PathLike[str], line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = " ".join(message.split())  # always one line, whatever the cause said
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"


# --- the guide -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Item:
    """One bullet of the guide: `- **Title**: text` with optional nested sub-points.

    Untitled bullets (e.g. Career Path's steps) have `title == ""` and their words in `text`.
    """

    id: str
    title: str
    text: str
    points: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Section:
    """A `##` section (parent None) or a `###` subsection (parent = the `##` section's id)."""

    id: str
    title: str
    parent: str | None
    intro: tuple[str, ...]
    items: tuple[Item, ...]
    outro: tuple[str, ...]
    children: tuple[str, ...]
    line: int

    def item(self, item_id: str) -> Item:
        """The item with this id; KeyError names the section when there is none."""
        for item in self.items:
            if item.id == item_id:
                return item
        raise KeyError(f"no item {item_id!r} in section {self.id!r}")


# --- intents and entities ------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IntentSpec:
    """One contract intent as intents.yaml describes it (help is generated from these)."""

    id: str
    label: str
    description: str
    examples: tuple[str, ...]
    sections: tuple[str, ...]
    topic_section: str | None
    remedies: str | None = None
    """The intent whose list says how to handle this one's entries (the challenges' best practices)."""
    develops: bool = False
    """Whether this intent answers how to develop something another list names (Career Development)."""


@dataclass(frozen=True, slots=True)
class LocationSpec:
    """A place the guide's salary tiers name; `tier` is a key of `SalaryTable.locations`."""

    id: str
    label: str
    tier: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class IndustrySpec:
    """An industry; `group` is a key of `SalaryTable.industries`."""

    id: str
    label: str
    group: str
    aliases: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class PlaceSpec:
    """A US place the guide does not name (us_places.yaml), and the location it is read as.

    `location` is a location id of `EntitySpec.locations`, or None when the place spans more than
    one of the guide's tiers (a state such as Texas: the answer shows every tier). `names` are
    what people type, as tokens joined by spaces ("boise", "boise id", "boise idaho")."""

    name: str
    location: str | None
    names: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class EntitySpec:
    """entities.yaml: aliases for levels, locations, industries and list-intent topics."""

    levels: dict[str, tuple[str, ...]]
    locations: dict[str, LocationSpec]
    industries: dict[str, IndustrySpec]
    unlisted_locations: tuple[str, ...]
    topics: dict[str, dict[str, tuple[str, ...]]]
    fillers: tuple[str, ...]
    roles: dict[str, tuple[str, ...]] = field(default_factory=dict)
    """`guide`: how people name the role the guide is about; `other`: other job titles (their pay
    and path are not in the guide)."""
    places: tuple[PlaceSpec, ...] = ()
    """US places the guide does not name, each read as one of its tiers (us_places.yaml)."""
    place_readings: dict[str, str] = field(default_factory=dict)
    """location id -> the line an answer shows after a place read as it ("read as a non-tech hub
    — the guide names no cities for that tier")."""

    def all_aliases(self) -> list[str]:
        """Every alias of every entity, unlisted places, and each topic's id read as words
        ("model drift and maintenance"): what the matcher knows besides the intents' words."""
        out = [alias for aliases in self.levels.values() for alias in aliases]
        for spec in (*self.locations.values(), *self.industries.values()):
            out.extend(spec.aliases)
        out.extend(self.unlisted_locations)
        for items in self.topics.values():
            for item_id, aliases in items.items():
                out.extend((*aliases, item_id.replace("-", " ")))
        return out

    def place_names(self) -> list[str]:
        """Every name of every US place (us_places.yaml): words the spelling correction keeps."""
        return [name for place in self.places for name in place.names]


# --- salaries ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SalaryRange:
    """One row of a salary table, in US dollars per year, labelled as the guide labels it."""

    id: str
    label: str
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class LevelRange:
    """An experience level: years band (max_years None = open-ended, "18+") and pay range."""

    id: str
    label: str
    years_label: str
    min_years: int
    max_years: int | None
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class LocationTier:
    """A location tier; `examples` are the places the guide names for it."""

    id: str
    label: str
    examples: tuple[str, ...]
    min: int
    max: int


@dataclass(frozen=True, slots=True)
class SalaryTable:
    """The guide's four salary tables as numbers (salaries.yaml).

    `note` is the guide's closing note without its "Note:" prefix; `bonus_text` and
    `equity_text` are the guide's sentences, `bonus_label`/`equity_label` their bullet titles.
    """

    title: str
    year: int
    currency: str
    national: SalaryRange
    levels: dict[str, LevelRange]
    locations: dict[str, LocationTier]
    industries: dict[str, SalaryRange]
    bonus_min_pct: int
    bonus_max_pct: int
    bonus_text: str
    equity_text: str
    note: str
    bonus_label: str = "Performance Bonuses"
    equity_label: str = "Stock Options and Equity"

    def bands(self) -> list[LevelRange]:
        """The experience bands, lowest first."""
        return sorted(self.levels.values(), key=lambda band: band.min_years)

    def band_for(self, years: float) -> LevelRange | None:
        """The band `years` falls in: the highest whose minimum it reaches (a boundary year counts
        toward the higher band), or the lowest band when it is below them all; None with no bands."""
        chosen = None
        for band in self.bands():
            if chosen is None or years >= band.min_years:
                chosen = band
        return chosen


# --- tips ----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Tip:
    """One daily tip: a guide item (text from guide.md) with its place in the rotation.

    `id` is `<section id>/<item id>`, stable across edits that do not rename the item.
    `source` is the guide section title to cite; `lead_in` e.g. "Trend of the day".
    """

    id: str
    kind: TipKind
    title: str
    text: str
    points: tuple[str, ...]
    source: str
    section_id: str
    lead_in: str = ""


# --- the whole -----------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class KnowledgeBase:
    """Everything the engine answers from, validated. `sections` keep the guide's order."""

    sections: dict[str, Section]
    intents: dict[str, IntentSpec]
    entities: EntitySpec
    salaries: SalaryTable
    tips: tuple[Tip, ...]
    title: str
    directory: Path
    _counts: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def section(self, section_id: str) -> Section:
        """The section with this id; KeyError names it when there is none."""
        try:
            return self.sections[section_id]
        except KeyError:
            raise KeyError(f"no guide section {section_id!r}") from None

    def item(self, section_id: str, item_id: str) -> Item:
        """One guide item by section id and item id."""
        return self.section(section_id).item(item_id)

    def top_sections(self) -> tuple[Section, ...]:
        """The `##` sections in guide order."""
        return tuple(s for s in self.sections.values() if s.parent is None)

    def subtree(self, section_id: str) -> tuple[Section, ...]:
        """The section followed by its subsections, in guide order."""
        section = self.section(section_id)
        return (section, *(self.sections[c] for c in section.children))

    def source_title(self, section_id: str) -> str:
        """The title to cite for a section: its own title, or "Parent › Child" for a subsection."""
        section = self.section(section_id)
        if section.parent is None:
            return section.title
        return f"{self.sections[section.parent].title} › {section.title}"

    def summary(self) -> dict[str, Any]:
        """The counts `aitl kb check` prints (see `format_summary`)."""
        return {"title": self.title, "directory": str(self.directory), **self._counts}


_SLUG_RE = re.compile(r"[^a-z0-9]+")


def slugify(title: str) -> str:
    """Lowercase, every run of non-alphanumerics -> "-", no leading/trailing "-"."""
    return _SLUG_RE.sub("-", title.lower()).strip("-")
