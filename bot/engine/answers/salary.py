"""Salary answers: the guide's rows that match the question, an estimate that combines them, bars.

Every figure comes from `kb.salaries` (salaries.yaml, checked against guide.md at load). The
estimate is ours, not the guide's, so it is labelled as one and its method is stated: the
overlap (intersection) of the ranges that apply, i.e. pay that every matching row allows.
"""

from __future__ import annotations

from typing import NamedTuple

from bot.engine import render
from bot.engine.answer import Answer
from bot.engine.answers.base import Draft, Query, esc, finished
from bot.engine.knowledge import KnowledgeBase, slugify
from bot.engine.render import BarRow, Code, Header, Part, Section, money, money_range


class Row(NamedTuple):
    """One guide row that applies to the question."""

    label: str
    low: int
    high: int
    section_id: str | None
    short: str = ""
    """The chart label: the place or level the user named, shorter than the guide's row label."""


def compose(query: Query) -> Answer:
    return finished(query, draft(query))


def draft(query: Query) -> Draft:
    """The focused answer (its point first), or with `query.full` the whole salary answer."""
    if not query.full:
        from bot.engine.answers.salary_focus import focused

        return focused(query)
    head: list[Part] = [Header(query.kb.salaries.title)]
    if query.readings:
        head.append(Section("\n".join(query.readings)))
    key = (id(query.kb), query.level, query.location, query.industry, query.unlisted_location, query.also)
    kept = _BODIES.get(key)
    if kept is None or kept[0] is not query.kb:
        if len(_BODIES) >= _BODIES_LIMIT:
            _BODIES.clear()
        kept = _BODIES[key] = (query.kb, _body(query))
    parts, used = kept[1]
    if query.pay_extras:  # "how much equity do AI leads get?": what the guide says, first
        head.append(_extras_first(query.kb))
    return Draft((*head, *parts), used)


def _extras_first(kb: KnowledgeBase) -> Section:
    table = kb.salaries
    return Section(
        f"*On top of base pay*, the guide says: *{esc(table.bonus_label)}*: {esc(table.bonus_text)}; "
        f"*{esc(table.equity_label)}*: {esc(table.equity_text)}. It gives no equity figures; "
        "its base pay ranges follow."
    )


_BODIES: dict[tuple[object, ...], tuple[KnowledgeBase, tuple[tuple[Part, ...], tuple[str, ...]]]] = {}
"""The answer below the readings, per knowledge base and the entities it depends on: questions
read differently ("sr", "senior") but about the same pay share it."""
_BODIES_LIMIT = 256


def _body(query: Query) -> tuple[tuple[Part, ...], tuple[str, ...]]:
    """The parts after the header and readings, and the sections they cite."""
    kb = query.kb
    table = kb.salaries
    top_id = _top_id(kb)
    rows = _matching_rows(query)
    parts: list[Part] = []
    if query.also and rows:
        return _comparison(query)
    if not rows and not query.unlisted_location:
        parts += _full_table(kb)
        used = [top_id, *kb.section(top_id).children] if top_id in kb.sections else []
        return tuple(parts), tuple(used)

    lines = ["*From the guide*"] + [f"• *{esc(r.label)}*: {money_range(r.low, r.high)}" for r in rows]
    parts.append(Section("\n".join(lines)))
    chart = [BarRow(r.short or _short(r.label), r.low, r.high) for r in rows]
    if len(rows) >= 2:
        estimate_text, estimate = _estimate(kb, rows)
        parts.append(Section(estimate_text))
        if estimate:
            chart.append(BarRow("Estimate (overlap)", *estimate))
    used_ids = [top_id, *(r.section_id for r in rows if r.section_id)]
    if query.unlisted_location:
        tier_section, tier_rows = _unlisted(query)
        parts.append(tier_section)
        chart += [t for t in tier_rows if all((t.low, t.high) != (c.low, c.high) for c in chart)]
        used_ids.append(_section_with_label(kb, next(iter(table.locations.values())).label))
    chart.append(BarRow(_short(table.national.label), table.national.min, table.national.max))
    parts.append(Code(render.bar_chart(_dedupe(chart))))
    parts.append(_extras(kb))
    return tuple(parts), tuple(s for s in dict.fromkeys(used_ids) if s)


def _comparison(query: Query) -> tuple[tuple[Part, ...], tuple[str, ...]]:
    """ "senior vs entry in NYC", "NYC or Austin?": every named row, and an estimate for each
    combination when two or more of level, place and industry are named."""
    kb = query.kb
    table = kb.salaries
    facets: dict[str, list[Row]] = {}  # kind -> its rows, in the order named
    shared: list[str] = []
    for kind, value in (*_named(query), *query.also):
        row = _placed_row(query, kind, value)
        if row is None:
            continue
        same = next((r for r in facets.setdefault(kind, []) if r.label == row.label), None)
        if same is None:
            facets[kind].append(row)
        elif row.short and row.short != same.short:  # "Seattle vs Boston": one row of the guide
            shared.append(f"_{esc(row.short)} is in the same row as {esc(same.short or same.label)}._")
    facets = {k: v for k, v in facets.items() if v}
    rows = [r for found in facets.values() for r in found]
    lines = ["*From the guide*"] + [f"• *{esc(r.label)}*: {money_range(r.low, r.high)}" for r in rows]
    lines += shared
    parts: list[Part] = [Section("\n".join(lines))]
    chart = [BarRow(r.short or _short(r.label), r.low, r.high) for r in rows]
    if len(facets) >= 2:
        estimates = [
            "*Estimates* (ours, not the guide's: for each combination, the overlap of its ranges, "
            "from the highest minimum to the lowest maximum)"
        ]
        combinations = _combinations(list(facets.values()))
        if len(combinations) > _MAX_COMBINATIONS:
            estimates.append(f"_The first {_MAX_COMBINATIONS} of {len(combinations)} combinations:_")
        for combination in combinations[:_MAX_COMBINATIONS]:
            low, high = max(r.low for r in combination), min(r.high for r in combination)
            name = " · ".join(esc(r.short or _short(r.label)) for r in combination)
            if low <= high:
                estimates.append(f"• {name}: {money_range(low, high)}")
                chart.append(BarRow(name, low, high))
            else:
                estimates.append(f"• {name}: no overlap ({money_range(high, low)} lies between the ranges)")
        parts.append(Section("\n".join(estimates)))
    used = [_top_id(kb), *(r.section_id for r in rows if r.section_id)]
    if query.unlisted_location:  # "NYC vs Boise": the guide has no row for Boise
        tier_section, tier_rows = _unlisted(query)
        parts.append(tier_section)
        chart += [t for t in tier_rows if all((t.low, t.high) != (c.low, c.high) for c in chart)]
        used.append(_section_with_label(kb, table.locations[next(iter(table.locations))].label))
    chart.append(BarRow(_short(table.national.label), table.national.min, table.national.max))
    parts.append(Code(render.bar_chart(_dedupe(chart))))
    parts.append(_extras(kb))
    return tuple(parts), tuple(s for s in dict.fromkeys(used) if s)


_MAX_COMBINATIONS = 8


def _unlisted(query: Query) -> tuple[Section, list[BarRow]]:
    """The note for a place the guide does not list, with the location tiers it gives."""
    tiers = list(query.kb.salaries.locations.values())
    tier_lines = [f"• *{esc(t.label)}*: {money_range(t.min, t.max)}" for t in tiers]
    intro = (
        f"The guide does not list {esc((query.unlisted_location or '').title())}; "
        f"here are the {len(tiers)} location tiers it gives:"
    )
    return Section("\n".join([intro, *tier_lines])), [BarRow(_short(t.label), t.min, t.max) for t in tiers]


def _combinations(groups: list[list[Row]]) -> list[tuple[Row, ...]]:
    out: list[tuple[Row, ...]] = [()]
    for group in groups:
        out = [(*done, row) for done in out for row in group]
    return out


def _row(kb: KnowledgeBase, kind: str, value: str) -> Row | None:
    """The guide's row for one level, place or industry id."""
    table = kb.salaries
    if kind == "level" and value in table.levels:
        level = table.levels[value]
        return Row(level.label, level.min, level.max, _section_with_label(kb, level.label))
    if kind == "location":
        location = kb.entities.locations.get(value)
        if location and location.tier in table.locations:
            tier = table.locations[location.tier]
            return Row(tier.label, tier.min, tier.max, _section_with_label(kb, tier.label), location.label)
    if kind == "industry":
        industry = kb.entities.industries.get(value)
        if industry and industry.group in table.industries:
            group = table.industries[industry.group]
            return Row(group.label, group.min, group.max, _section_with_label(kb, group.label))
    return None


def _matching_rows(query: Query) -> list[Row]:
    """The guide's rows for the level, place and industry the question names."""
    return [row for kind, value in _named(query) if (row := _placed_row(query, kind, value))]


def _placed_row(query: Query, kind: str, value: str) -> Row | None:
    """`_row`, a location row named after the US place read as it ("Boise", not "Non-tech hub")."""
    row = _row(query.kb, kind, value)
    if row is None or kind != "location":
        return row
    place = next((p for p, where in query.places if where == value), None)
    return row._replace(short=place) if place else row


def _named(query: Query) -> list[tuple[str, str]]:
    """The first level, place and industry the question names, as (kind, id)."""
    named = (("level", query.level), ("location", query.location), ("industry", query.industry))
    return [(kind, value) for kind, value in named if value]


def _estimate(kb: KnowledgeBase, rows: list[Row]) -> tuple[str, tuple[int, int] | None]:
    """The overlap of the rows' ranges; when they do not overlap, say so and show the gap."""
    low = max(r.low for r in rows)
    high = min(r.high for r in rows)
    count = {2: "two", 3: "three"}.get(len(rows), str(len(rows)))
    if low <= high:
        table = kb.salaries
        bonus_low = low * (100 + table.bonus_min_pct) // 100
        bonus_high = high * (100 + table.bonus_max_pct) // 100
        text = (
            f"*Estimate: {money_range(low, high)}* (an estimate, not a guide figure: the overlap of "
            f"the {count} ranges above, from the highest minimum to the lowest maximum, "
            "the pay they all allow).\n"
            f"With a {table.bonus_min_pct}%–{table.bonus_max_pct}% performance bonus on top: "
            f"about {money_range(bonus_low, bonus_high)}."
        )
        return text, (low, high)
    span = (min(r.low for r in rows), max(r.high for r in rows))
    capped = min(rows, key=lambda r: r.high)
    floored = max(rows, key=lambda r: r.low)
    text = (
        f"*No single estimate*: these ranges do not overlap. {esc(_short(capped.label))} tops out at "
        f"{money(capped.high)} while {esc(_short(floored.label))} starts at {money(floored.low)}, "
        f"so no pay fits every row. The gap between them, {money_range(high, low)}, is where they come "
        f"closest; together the ranges span {money_range(*span)}."
    )
    return text, None


def _full_table(kb: KnowledgeBase) -> list[Part]:
    """The compact full table: each salary subsection's rows as the guide gives them, plus bars."""
    table = kb.salaries
    parts: list[Part] = []
    top_id = _top_id(kb)
    if top_id in kb.sections:
        top = kb.section(top_id)
        for child_id in top.children:
            child = kb.section(child_id)
            lines = [f"*{esc(child.title)}*"]
            lines += [
                f"• *{esc(i.title)}*: {esc(i.text)}" if i.title else f"• {esc(i.text)}" for i in child.items
            ]
            parts.append(Section("\n".join(lines)))
    chart = [BarRow(_short(table.national.label), table.national.min, table.national.max)]
    chart += [BarRow(_short(r.label), r.min, r.max) for r in table.levels.values()]
    chart += [BarRow(_short(r.label), r.min, r.max) for r in table.locations.values()]
    chart += [BarRow(_short(r.label), r.min, r.max) for r in table.industries.values()]
    parts.insert(min(1, len(parts)), Code(render.bar_chart(chart)))
    if table.note:
        parts.append(Section(f"_{esc(table.note)}_"))
    return parts


def _extras(kb: KnowledgeBase) -> Section:
    table = kb.salaries
    lines = [
        "*Additional compensation*",
        f"• *{esc(table.bonus_label)}*: {esc(table.bonus_text)}",
        f"• *{esc(table.equity_label)}*: {esc(table.equity_text)}",
    ]
    if table.note:
        lines.append(f"_{esc(table.note)}_")
    return Section("\n".join(lines))


def _top_id(kb: KnowledgeBase) -> str:
    return slugify(kb.salaries.title)


def _section_with_label(kb: KnowledgeBase, row_label: str) -> str | None:
    """The salary subsection whose guide bullet carries this row label (for the citation)."""
    top_id = _top_id(kb)
    if top_id not in kb.sections:
        return None
    for child_id in kb.section(top_id).children:
        if any(i.title == row_label for i in kb.section(child_id).items):
            return child_id
    return None


def _short(row_label: str) -> str:
    """A chart label: the guide label without its parenthesis ("Other Major Tech Hubs")."""
    return row_label.split(" (")[0]


def _dedupe(rows: list[BarRow]) -> list[BarRow]:
    return list({(r.label, r.low, r.high): r for r in rows}.values())
