"""The YAML files of a knowledge folder -> intents, entities, salaries, tips, checked against the guide.

Each reader takes the guide's sections (already parsed) so that every reference to a section or
item is checked where it is written, and errors point at that line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

import yaml

from bot.engine.answer import INTENTS
from bot.engine.knowledge_model import (
    EntitySpec,
    IndustrySpec,
    IntentSpec,
    KnowledgeError,
    LevelRange,
    LocationSpec,
    LocationTier,
    PlaceSpec,
    SalaryRange,
    SalaryTable,
    Section,
    Tip,
    TipKind,
    slugify,
)
from bot.engine.knowledge_yaml import Map, compose, line, text, texts

OPTIONAL_INTENTS = frozenset({"unknown"})
"""Contract intents intents.yaml may leave out: `unknown` is what no match means."""

SECTIONLESS_INTENTS = frozenset({"help", "unknown"})
"""Intents that answer from the intents themselves, not from guide sections."""

_INTENT_KEYS = ("label", "description", "examples", "sections", "topic_section", "remedies", "develops")
_Spec = TypeVar("_Spec", LocationSpec, IndustrySpec)

_TIP_KINDS: tuple[TipKind, ...] = ("trend", "best_practice", "challenge")


def read_intents(path: Path, sections: dict[str, Section]) -> dict[str, IntentSpec]:
    """intents.yaml: one entry per contract intent id (optionally under a top-level `intents:`)."""
    top = Map(path, compose(path), "")
    if "intents" in top and not (set(top.keys()) & set(INTENTS)):
        top = top.sub("intents", "intents")
    intents: dict[str, IntentSpec] = {}
    for intent_id in top.keys():
        if intent_id not in INTENTS:
            known = ", ".join(INTENTS)
            raise top.error(intent_id, f"unknown intent id {intent_id!r} (the contract's ids: {known})")
        spec = top.sub(intent_id, f"intent {intent_id!r}").only(_INTENT_KEYS)
        section_ids = spec.texts("sections", required=intent_id not in SECTIONLESS_INTENTS)
        for position, section_id in enumerate(section_ids):
            _check_section(spec, spec.node_of("sections").value[position], section_id, sections)
        topic_section = None
        if "topic_section" in spec:
            topic_section = spec.text("topic_section")
            _check_section(spec, spec.node_of("topic_section"), topic_section, sections)
            target = sections[topic_section]
            if not (target.items or target.children):
                raise spec.error(
                    "topic_section", f"topic_section {topic_section!r} has no items or subsections"
                )
        remedies = spec.text("remedies") if "remedies" in spec else None
        if remedies is not None and remedies not in top.keys():
            raise spec.error("remedies", f"remedies {remedies!r} is not an intent of this file")
        if intent_id not in SECTIONLESS_INTENTS and not section_ids:
            raise spec.error("sections", f"intent {intent_id!r} lists no guide sections to answer from")
        intents[intent_id] = IntentSpec(
            id=intent_id,
            label=spec.text("label"),
            description=spec.text("description"),
            examples=spec.texts("examples", required=intent_id != "unknown"),
            sections=section_ids,
            topic_section=topic_section,
            remedies=remedies,
            develops=spec.flag("develops") if "develops" in spec else False,
        )
    missing = [i for i in INTENTS if i not in intents and i not in OPTIONAL_INTENTS]
    if missing:
        raise top.error(None, f"intents missing from intents.yaml: {', '.join(missing)}")
    return intents


def _check_section(spec: Map, node: yaml.Node, section_id: str, sections: dict[str, Section]) -> None:
    if section_id not in sections:
        raise KnowledgeError(
            spec.path,
            line(node),
            f"{spec.what}: unknown guide section {section_id!r}{_hint(section_id, sections)}",
        )


def _hint(wanted: str, known: Iterable[str]) -> str:
    """' (did you mean ...?)' for a near id, so a typo is a one-glance fix."""
    import difflib  # only on the error path

    close = difflib.get_close_matches(wanted, list(known), n=1)
    return f" (did you mean {close[0]!r}?)" if close else ""


# --- salaries -------------------------------------------------------------------------------------


def read_salaries(path: Path, sections: dict[str, Section]) -> SalaryTable:
    """salaries.yaml; each row must still say what guide.md's salary section says."""
    top = Map(path, compose(path), "").only(
        (
            "title",
            "year",
            "currency",
            "national",
            "levels",
            "locations",
            "industries",
            "bonus",
            "equity",
            "note",
        )
    )
    title = top.text("title")
    guide_rows = _guide_rows(top, title, sections)

    def pay(row: Map) -> tuple[str, int, int]:
        label = row.text("label")
        low, high = row.whole("min"), row.whole("max")
        if low <= 0 or high <= 0:
            raise row.error("min", f"{row.what}: pay must be positive")
        if low > high:
            raise row.error("min", f"{row.what}: min {low:,} is above max {high:,}")
        expected = f"${low:,} - ${high:,}"
        if label not in guide_rows:
            raise row.error("label", f"{row.what}: label {label!r} is not a row of the guide's {title!r}")
        if expected not in guide_rows[label]:
            wrong = "min" if f"${low:,} -" not in guide_rows[label] else "max"
            guide_says = f"{label}: {guide_rows[label]}"
            raise row.error(wrong, f"{row.what}: {expected} differs from guide.md ({guide_says})")
        return label, low, high

    national_map = top.sub("national")
    national = SalaryRange("national", *pay(national_map.only(("label", "min", "max"))))

    levels: dict[str, LevelRange] = {}
    level_table = top.sub("levels")
    for level_id in level_table.keys():
        row = level_table.sub(level_id, f"level {level_id!r}").only(
            ("label", "years_label", "min_years", "max_years", "min", "max")
        )
        label, low, high = pay(row)
        min_years, max_years = row.whole("min_years"), row.whole_or_none("max_years")
        if max_years is not None and min_years > max_years:
            raise row.error("min_years", f"{row.what}: min_years {min_years} is above max_years {max_years}")
        levels[level_id] = LevelRange(
            level_id, label, row.text("years_label"), min_years, max_years, low, high
        )

    locations: dict[str, LocationTier] = {}
    location_table = top.sub("locations")
    for tier_id in location_table.keys():
        row = location_table.sub(tier_id, f"location tier {tier_id!r}").only(
            ("label", "examples", "min", "max")
        )
        label, low, high = pay(row)
        locations[tier_id] = LocationTier(tier_id, label, row.texts("examples", required=False), low, high)

    industries: dict[str, SalaryRange] = {}
    industry_table = top.sub("industries")
    for group_id in industry_table.keys():
        row = industry_table.sub(group_id, f"industry group {group_id!r}").only(("label", "min", "max"))
        industries[group_id] = SalaryRange(group_id, *pay(row))

    for name, table in (("levels", levels), ("locations", locations), ("industries", industries)):
        if not table:
            raise top.error(name, f"{name} is empty")

    bonus = top.sub("bonus").only(("label", "min_pct", "max_pct", "text"))
    bonus_min, bonus_max = bonus.whole("min_pct"), bonus.whole("max_pct")
    if not 0 <= bonus_min <= bonus_max:
        raise bonus.error("min_pct", f"bonus: min_pct {bonus_min} must be between 0 and max_pct {bonus_max}")
    equity = top.sub("equity").only(("label", "text"))
    for part in (bonus, equity):
        label, sentence = part.text("label"), part.text("text")
        if guide_rows.get(label) != sentence:
            raise part.error("text", f"{part.what}: {label}: {sentence!r} differs from guide.md")
    note = top.text("note")
    section = sections[slugify(title)]
    if not any(note in paragraph for paragraph in (*section.outro, *section.intro)):
        raise top.error("note", f"note differs from the closing note of guide.md's {title!r}")
    return SalaryTable(
        title=title,
        year=top.whole("year"),
        currency=top.text("currency"),
        national=national,
        levels=levels,
        locations=locations,
        industries=industries,
        bonus_min_pct=bonus_min,
        bonus_max_pct=bonus_max,
        bonus_text=bonus.text("text"),
        equity_text=equity.text("text"),
        note=note,
        bonus_label=bonus.text("label"),
        equity_label=equity.text("label"),
    )


def _guide_rows(top: Map, title: str, sections: dict[str, Section]) -> dict[str, str]:
    """Item title -> text for every bullet of the guide's salary section and its subsections."""
    section = sections.get(slugify(title))
    if section is None or section.parent is not None:
        raise top.error("title", f"title {title!r} is not a `## Section` of guide.md")
    rows: dict[str, str] = {}
    for section_id in (section.id, *section.children):
        for item in sections[section_id].items:
            rows[item.title] = item.text
    return rows


# --- entities -------------------------------------------------------------------------------------


def read_entities(path: Path, sections: dict[str, Section], salaries: SalaryTable) -> EntitySpec:
    """entities.yaml: aliases for salary levels, locations, industries, and list topics."""
    top = Map(path, compose(path), "").only(
        ("levels", "locations", "industries", "unlisted_locations", "topics", "fillers", "roles")
    )
    level_table = top.sub("levels")
    levels: dict[str, tuple[str, ...]] = {}
    aliases = _AliasBook(path)
    for level_id in level_table.keys():
        if level_id not in salaries.levels:
            raise level_table.error(level_id, f"unknown level {level_id!r}{_hint(level_id, salaries.levels)}")
        levels[level_id] = aliases.add("level", level_id, level_table.values[level_id])
    for level_id in salaries.levels:
        if level_id not in levels:
            raise level_table.error(None, f"levels: salaries.yaml level {level_id!r} has no aliases here")

    locations = _grouped(top, aliases, "locations", "location", "tier", salaries.locations, LocationSpec)
    industries = _grouped(top, aliases, "industries", "industry", "group", salaries.industries, IndustrySpec)

    unlisted = top.texts("unlisted_locations", required=False)
    if "unlisted_locations" in top:
        for node, place in zip(top.node_of("unlisted_locations").value, unlisted, strict=True):
            owner = aliases.owner("location", place)
            if owner:
                raise KnowledgeError(
                    path, line(node), f"unlisted location {place!r} is also an alias of {owner!r}"
                )

    topics: dict[str, dict[str, tuple[str, ...]]] = {}
    if "topics" in top:
        topic_table = top.sub("topics")
        for section_id in topic_table.keys():
            if section_id not in sections:
                raise topic_table.error(
                    section_id, f"topics: unknown guide section {section_id!r}{_hint(section_id, sections)}"
                )
            section = sections[section_id]
            known = [item.id for item in section.items] + [
                child.rsplit("/", 1)[1] for child in section.children
            ]
            per_item = topic_table.sub(section_id, f"topics of {section_id!r}")
            topics[section_id] = {}
            for item_id in per_item.keys():
                if item_id not in known:
                    raise per_item.error(
                        item_id, f"topics: {section_id!r} has no item {item_id!r}{_hint(item_id, known)}"
                    )
                topics[section_id][item_id] = aliases.add(
                    f"topic of {section_id}", item_id, per_item.values[item_id]
                )

    return EntitySpec(
        levels=levels,
        locations=locations,
        industries=industries,
        unlisted_locations=unlisted,
        topics=topics,
        fillers=top.texts("fillers", required=False),
        roles=_roles(top),
    )


def read_places(path: Path, entities: EntitySpec) -> EntitySpec:
    """us_places.yaml: US places the guide does not name, each read as one of its location tiers
    (or as spanning several); `entities` with them. A missing file means no such places."""
    import dataclasses

    from bot.engine.normalize import tokens_of

    if not path.is_file():
        return entities
    top = Map(path, compose(path), "").only(
        ("readings", "states", "codes_alone", "places", "with_state_only", "other_names")
    )
    locations = entities.locations
    readings_table = top.sub("readings")
    readings: dict[str, str] = {}
    for location_id in readings_table.keys():
        if location_id not in locations:
            raise readings_table.error(
                location_id, f"readings: unknown location {location_id!r}{_hint(location_id, locations)}"
            )
        readings[location_id] = readings_table.text(location_id)

    listed = {" ".join(tokens_of(alias)): spec.id for spec in locations.values() for alias in spec.aliases}
    unlisted = {" ".join(tokens_of(place)) for place in entities.unlisted_locations}
    owners: dict[str, str] = {}  # a name as typed -> the place it names
    names: dict[str, list[str]] = {}  # place -> its names, in order

    def add(place: str, name: str, node: yaml.Node, *, own: bool = False) -> None:
        key = " ".join(tokens_of(name))
        if not key:
            raise KnowledgeError(path, line(node), f"{name!r} has no letters to match")
        if key in listed and not own:
            raise KnowledgeError(
                path, line(node), f"{name!r} is already an alias of location {listed[key]!r}"
            )
        if key in unlisted:
            raise KnowledgeError(path, line(node), f"{name!r} is also in entities.yaml unlisted_locations")
        other = owners.setdefault(key, place)
        if other != place:
            raise KnowledgeError(path, line(node), f"{name!r} names both {other!r} and {place!r}")
        if key not in listed and key not in names.setdefault(place, []):
            names[place].append(key)

    def tier(value: str, node: yaml.Node) -> str | None:
        if value == "spans":
            return None
        if value not in locations:
            raise KnowledgeError(path, line(node), f"unknown location {value!r}{_hint(value, locations)}")
        return value

    state_table = top.sub("states")
    states: dict[str, tuple[str, str | None]] = {}  # code -> (state name, location)
    read_as: dict[str, str | None] = {}
    for state in state_table.keys():
        node = state_table.values[state]
        pair = texts(path, node, f"state {state!r}")
        if len(pair) != 2:
            raise state_table.error(state, f"state {state!r} must be [postal code, location id or spans]")
        code, where = pair[0].lower(), tier(pair[1], node)
        if code in states:
            raise state_table.error(state, f"postal code {code!r} of {state!r} is also {states[code][0]!r}'s")
        states[code] = (state, where)
        shown = _state_shown(state, listed)
        read_as[shown] = where
        add(shown, state, node, own=True)
    alone = top.texts("codes_alone", required=False)
    if "codes_alone" in top:
        for node, code in zip(top.node_of("codes_alone").value, alone, strict=True):
            if code.lower() not in states:
                raise KnowledgeError(path, line(node), f"codes_alone: {code!r} is no state's postal code")
            add(_state_shown(states[code.lower()][0], listed), code, node)

    place_table = top.sub("places")
    entries: list[tuple[str, str | None, str, yaml.Node]] = []  # (place, city, code, node)
    for location_id in place_table.keys():
        where = tier(location_id, place_table.values[location_id])
        if where is None:
            raise place_table.error(location_id, "places: a city is read as one location, not `spans`")
        node = place_table.node_of(location_id)
        for child, written in zip(node.value, texts(path, node, f"places of {location_id!r}"), strict=True):
            city, _, code = (part.strip() for part in written.partition(","))
            if code and code.lower() not in states:
                raise KnowledgeError(path, line(child), f"{written!r}: {code!r} is no state's postal code")
            if written in read_as:
                raise KnowledgeError(path, line(child), f"{written!r} is listed twice")
            read_as[written] = where
            entries.append((written, city, code.lower(), child))
    qualified = set(top.texts("with_state_only", required=False))
    for written in qualified - {e[0] for e in entries}:
        raise top.error("with_state_only", f"with_state_only: {written!r} is not in `places`")
    shown_as: dict[str, str] = {}
    for written, city, code, child in entries:
        forms = [] if written in qualified or not code else [city]
        if not code:
            forms.append(city)
        else:
            state = states[code][0]
            forms += [f"{city} {code}", f"{city} {state}"]
        for prefix, short in (("Saint ", "St "), ("Fort ", "Ft ")):
            forms += [short + form[len(prefix) :] for form in list(forms) if form.startswith(prefix)]
        for form in forms:
            add(written, form, child)
        shown_as[written] = written if written in qualified else city
    if "other_names" in top:
        other = top.sub("other_names")
        for written in other.keys():
            known = written if written in read_as else _state_shown(written, listed)
            if known not in read_as:
                raise other.error(written, f"other_names: {written!r} is no place or state above")
            node = other.node_of(written)
            for child, name in zip(node.value, texts(path, node, f"other names of {written!r}"), strict=True):
                add(known, name, child)
    places = tuple(
        PlaceSpec(name=shown_as.get(place, place), location=read_as[place], names=tuple(found))
        for place, found in names.items()
        if found
    )
    return dataclasses.replace(entities, places=places, place_readings=readings)


def _state_shown(state: str, listed: dict[str, str]) -> str:
    """ "district of columbia" -> "District of Columbia"; "new york" (the city) -> "New York State"."""
    from bot.engine.normalize import tokens_of

    shown = " ".join(w if w == "of" else w.capitalize() for w in state.split())
    return f"{shown} State" if " ".join(tokens_of(state)) in listed else shown


def _roles(top: Map) -> dict[str, tuple[str, ...]]:
    """roles: {guide: [...], other: [...], outside_tech: [...], other_heads: [...], other_openers:
    [...], other_fields: [...]}, job titles as people type them (`outside_tech`: jobs outside
    software, data and AI, whose years are no AI/ML experience), the words other job titles end
    with, the phrases some begin with, and the fields that make one of the guide's titles another
    field's lead ("frontend tech lead")."""
    if "roles" not in top:
        return {}
    kinds = ("guide", "other", "outside_tech", "other_heads", "other_openers", "other_fields")
    table = top.sub("roles").only(kinds)
    return {kind: table.texts(kind, required=False) for kind in kinds}


def _grouped(
    top: Map,
    aliases: _AliasBook,
    table_key: str,
    kind: str,
    group_key: str,
    groups: Iterable[str],
    make: Callable[[str, str, str, tuple[str, ...]], _Spec],
) -> dict[str, _Spec]:
    """Locations (by salary tier) or industries (by salary group): each names a salaries.yaml
    row, and every row has at least one of them."""
    table = top.sub(table_key)
    specs: dict[str, _Spec] = {}
    for spec_id in table.keys():
        spec = table.sub(spec_id, f"{kind} {spec_id!r}").only(("label", group_key, "aliases"))
        group = spec.text(group_key)
        if group not in groups:
            raise spec.error(
                group_key,
                f"{spec.what}: unknown {group_key} {group!r} (salaries.yaml has {', '.join(groups)})",
            )
        specs[spec_id] = make(
            spec_id, spec.text("label"), group, aliases.add(kind, spec_id, spec.node_of("aliases"))
        )
    for group in groups:
        if not any(getattr(spec, group_key) == group for spec in specs.values()):
            raise table.error(None, f"{table_key}: no {kind} is in salary {group_key} {group!r}")
    return specs


class _AliasBook:
    """Aliases per kind; one alias naming two different things of a kind is an error."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.by_kind: dict[str, dict[str, str]] = {}

    def add(self, kind: str, owner: str, node: yaml.Node) -> tuple[str, ...]:
        names = texts(self.path, node, f"aliases of {kind} {owner!r}")
        book = self.by_kind.setdefault(kind, {})
        for child, name in zip(node.value, names, strict=True):
            key = " ".join(name.lower().split())
            other = book.setdefault(key, owner)
            if other != owner:
                raise KnowledgeError(
                    self.path, line(child), f"alias {name!r} names both {kind} {other!r} and {owner!r}"
                )
        return names

    def owner(self, kind: str, name: str) -> str | None:
        return self.by_kind.get(kind, {}).get(" ".join(name.lower().split()))


# --- tips -----------------------------------------------------------------------------------------


def read_tips(path: Path, sections: dict[str, Section]) -> tuple[Tip, ...]:
    """tips.yaml: the rotation, each entry `<kind>: <item id>`; words come from the guide."""
    top = Map(path, compose(path), "").only(("kinds", "rotation"))
    kind_table = top.sub("kinds")
    kinds: dict[str, tuple[Section, str]] = {}
    for kind in kind_table.keys():
        if kind not in _TIP_KINDS:
            raise kind_table.error(
                kind, f"unknown tip kind {kind!r} (expected one of: {', '.join(_TIP_KINDS)})"
            )
        spec = kind_table.sub(kind, f"tip kind {kind!r}").only(("section", "lead_in"))
        section_id = spec.text("section")
        if section_id not in sections:
            raise spec.error(
                "section", f"{spec.what}: unknown guide section {section_id!r}{_hint(section_id, sections)}"
            )
        kinds[kind] = (sections[section_id], spec.text("lead_in", default=""))

    rotation = top.node_of("rotation")
    if not isinstance(rotation, yaml.SequenceNode) or not rotation.value:
        raise KnowledgeError(
            path, line(rotation), "rotation must be a non-empty list of `- <kind>: <item id>`"
        )
    tips: list[Tip] = []
    seen: dict[str, int] = {}
    for entry_node in rotation.value:
        entry = Map(path, entry_node, "rotation entry")
        if len(entry.keys()) != 1:
            raise KnowledgeError(path, line(entry_node), "rotation entry must be one `<kind>: <item id>`")
        kind = entry.keys()[0]
        if kind not in kinds:
            raise entry.error(kind, f"tip kind {kind!r} is not under `kinds:`")
        item_id = text(path, entry.values[kind], "item id")
        section, lead_in = kinds[kind]
        item = next((i for i in section.items if i.id == item_id), None)
        if item is None:
            known = [i.id for i in section.items]
            raise KnowledgeError(
                path,
                line(entry.values[kind]),
                f"tip: {section.id!r} has no item {item_id!r}{_hint(item_id, known)}",
            )
        tip_id = f"{section.id}/{item.id}"
        if tip_id in seen:
            raise KnowledgeError(
                path, line(entry_node), f"tip {tip_id!r} is already in the rotation (line {seen[tip_id]})"
            )
        seen[tip_id] = line(entry_node)
        tips.append(
            Tip(
                id=tip_id,
                kind=kind,  # type: ignore[arg-type]  # checked against _TIP_KINDS above
                title=item.title,
                text=item.text,
                points=item.points,
                source=section.title,
                section_id=section.id,
                lead_in=lead_in,
            )
        )
    return tuple(tips)
