"""The focused salary answer: the figure asked for first, then the guide rows it comes from.

Leads, in order of what the question says: a job whose pay the guide does not give (it says so,
never mapping it onto a band); a place outside the US (the guide covers the US market only);
bonuses or equity (what the guide says, with no figures); two levels, places or industries (the
difference between their ranges at each end); a pay figure (where it falls in each range); else
the matching range or estimate. Every combined figure is labelled as computed by the bot and
says how. Pay abroad is reported as out of scope (`unknown`: the guide has no figure for it), with
the guide's US tiers. The bar chart and the whole table are one step away (`--full`, the Slack button).
"""

from __future__ import annotations

import re
from dataclasses import replace

from bot.engine.answers.base import Draft, Query, esc, first_sentence
from bot.engine.answers.salary import (
    Row,
    _matching_rows,
    _named,
    _placed_row,
    _row,
    _section_with_label,
    _short,
    _top_id,
    _unlisted,
)
from bot.engine.entities import EntityExtractor
from bot.engine.facts import AVERAGE as _AVERAGE
from bot.engine.facts import COUNTRY as _COUNTRY
from bot.engine.facts import OFFER_MARK, WHY_ASKED, AskerFacts, headcount, lowered, pay_said, read
from bot.engine.knowledge import KnowledgeBase
from bot.engine.knowledge_model import LevelRange
from bot.engine.normalize import normalize
from bot.engine.render import Context, Part, Section, money, money_range
from bot.engine.search import index_for, terms_of

WHOLE = "Salary Ranges"
_MONTH = re.compile(r"\b(?:month|mo)\b", re.IGNORECASE)


def focused(query: Query) -> Draft:
    kb = query.kb
    facts = query.facts or AskerFacts()
    said = read(query.question, index=index_for(kb))[0].pay if facts.pay is not None else None
    if facts.pay is not None and said is None and _extreme_asked(query):
        # "which industries pay most?" after the asker's figure: the row asked for, not the figure
        facts = replace(facts, pay=None)
    top = _top_id(kb)
    average = _section_with_label(kb, kb.salaries.national.label)
    if facts.role:
        return _role(query, facts.role)
    own = _own_band(query, facts)
    if own is not None:  # "I'm at 11 years: how much more once I'm senior?": their band against it
        query = replace(query, also=(*query.also, ("level", own)))
    rows = _matching_rows(query)
    lead: list[str] = []
    detail: list[Part] = []
    computed: list[str] = []
    tiers_line = ""
    used: list[str | None] = [top]
    abroad = facts.place is not None and not query.location
    if abroad:
        lead.append(
            f"*The guide covers the US market only* (its section is “{esc(kb.salaries.title)}”): "
            f"it gives no figures for {esc(facts.place.title())}."
        )
        tiers = list(kb.salaries.locations.values())
        detail.append(
            Section(
                "*Its US location tiers*\n"
                + "\n".join(f"• *{esc(t.label)}*: {money_range(t.min, t.max)}" for t in tiers)
            )
        )
        used.append(_section_with_label(kb, tiers[0].label) if tiers else None)
    offers = _offers(query) if not abroad else []
    extras = ""
    if query.pay_extras:  # after the offers' or the offer's placement when there is one: that is the point
        pays = [pay for _, pay, _ in offers] or ([facts.pay] if facts.pay is not None else [])
        extras = _extras_lead(query) + _bonus_placed(query) + _bonus_amount(query, pays, rows)
        used.append(_section_with_label(kb, kb.salaries.bonus_label))
        if not offers and (facts.pay is None or not rows):
            lead.append(extras)
            extras = ""
    against = query.also or _names_average(query) or _industry_at_large(query)
    comparison = _comparison(query) if against and not offers else None
    if offers:  # "offer A: 190k in boston. offer B: 230k at a bank in nyc": each in its own rows
        for name, pay, offer_rows in offers:
            lead.append(f"*{esc(name)}*: " + _placement(pay, offer_rows, _overlap(offer_rows), _who(query)))
            used += [r.section_id for r in offer_rows]
        table = kb.salaries
        lead.append(
            "_The guide does not choose between offers: it gives ranges only, and its bonuses "
            f"({table.bonus_min_pct}% to {table.bonus_max_pct}%) and equity apply to each._"
        )
        computed.append(PLACED if any(_overlap(r) for _, _, r in offers) else PLACED_ONE)
        rows = []
    elif comparison:
        text, rows_used, differences = comparison
        lead.append(text)
        if own is not None and facts.years is not None:
            band = kb.salaries.levels[own]
            lead.append(_years_in_band(facts.years, band))
        if differences:  # one range for both ("Seattle or Denver?"): nothing was computed
            computed.append(DIFFERENCES)
        if facts.pay is not None and rows_used and _industry_at_large(query):
            # "I make 120k in academia, how much more vs industry?": their figure in their own row too
            lead.append(_placement(facts.pay, [rows_used[0]], None, _who(query)))
            computed.append(PLACED_ONE)
        comparison = (text, [r.label for r in rows_used])
        used += [r.section_id for r in rows_used]
        rows = []  # the difference line names every row it used
    elif query.unlisted_location and not abroad and facts.pay is not None and _names_average(query):
        pass  # "a remote band up to $240k, against the national picture?": the average alone
    elif query.unlisted_location and not abroad and facts.pay is not None:
        tiers_line = _tiers_placed(query, facts.pay)
        used.append(_section_with_label(kb, next(iter(kb.salaries.locations.values())).label))
    elif query.unlisted_location and not abroad:
        note, _chart = _unlisted(query)
        lead.append(note.text)
        used.append(_section_with_label(kb, next(iter(kb.salaries.locations.values())).label))
    if rows:
        estimate = _overlap(rows)
        if facts.pay is not None:
            placed = rows
            if len({(r.low, r.high) for r in rows}) == 1:  # one range for all: no estimate to compute
                names = " and ".join(_short(r.label) if "(e.g." in r.label else r.label for r in rows)
                placed, estimate = [rows[0]._replace(label=names)], None
            lead.append(_placement(facts.pay, placed, estimate, _who(query)))
            computed.append(PLACED if estimate else PLACED_ONE)
        elif len(rows) == 1:
            row = rows[0]
            lead.append(f"*{esc(row.label)}: {money_range(row.low, row.high)}* (the guide's figure).")
        elif estimate and estimate[0] == estimate[1]:
            lead.append(_touching(rows, estimate[0], _who(query), shown=not query.shorter))
        elif estimate:
            ranges = (  # "shorter": the rows are not shown below, so named
                "the guide's ranges below"
                if not query.shorter
                else "the guide's ranges " + " and ".join(f"“{esc(_short(r.label))}”" for r in rows)
            )
            lead.append(
                f"*Estimate: {money_range(*estimate)}* for {esc(_who(query))} "
                f"(an estimate, not a guide figure: the overlap of {ranges}, "
                "from the highest minimum to the lowest maximum)."
            )
        else:
            lead.append(_gap(rows))
        if facts.pay is None and len(rows) > 1:  # a placement, or the one row, already shows each row
            lines = ["*From the guide*"] + [f"• *{esc(r.label)}*: {money_range(r.low, r.high)}" for r in rows]
            detail.insert(0, Section("\n".join(lines)))
        used += [r.section_id for r in rows]
    elif not offers and not comparison and (not lead or query.pay_extras or facts.pay is not None):
        national = kb.salaries.national
        if facts.pay is not None:
            national_row = Row(national.label, national.min, national.max, average)
            lead.append(_placement(facts.pay, [national_row], None, "an AI Tech Lead in the US"))
            computed.append(PLACED_ONE)
        elif not lead and (extreme := _extreme_asked(query)):
            lead.append(extreme)  # "which industry pays the most?": that row first, then its table
        elif not lead:
            lead.append(
                f"*An AI Tech Lead in the US makes {money_range(national.min, national.max)} a year* "
                "on the guide's national average."
            )
        if facts.pay is not None and not query.pay_extras and not _names_average(query):
            # the figure in each band, on one line; "against the national picture": that alone
            bands = [
                f"{esc(r.label)} {money_range(r.min, r.max)}: {_bare(_where_in(facts.pay, r.min, r.max)[0])}"
                for r in kb.salaries.levels.values()
            ]
            lead.append("*By experience*: " + "; ".join(bands) + ".")
        elif not query.pay_extras and not _names_average(query):  # extras, the average: that alone
            # the table the question asks by ("how does pay vary by location?"), else experience
            for name, table in _tables_asked(query) or (("experience", kb.salaries.levels),):
                lines = [f"• *{esc(r.label)}*: {money_range(r.min, r.max)}" for r in table.values()]
                detail.append(Section(f"*By {name}*\n" + "\n".join(lines)))
                used.append(_section_with_label(kb, next(iter(table.values())).label))
        if facts.pay is not None or not query.pay_extras:
            used.append(average)
    if tiers_line:  # an unlisted place: each tier, after the placement in the rows that apply
        lead.append(tiers_line)
    heads = headcount(query.question)
    if heads is not None and not comparison and not abroad and not offers:  # each offer is its own
        if total := _for_headcount(query, heads, facts.pay, rows):  # none for ranges that do not meet
            lead.append(total)
    if extras:
        lead.append(extras)
    readings = query.readings
    if query.places:  # "Boise: read as a non-tech hub": the bot's reading, said next to the figure
        place_notes, readings = _place_notes(query)
        lead += place_notes  # the other tiers are not what was asked: the whole table is one step away
    said = pay_said(query.question) if facts.pay is not None else None
    if said is not None and said[2] and said[0] == facts.pay:  # "195 base": the bot's reading, said
        yearly = " a year (12 months, computed by the bot)" if _MONTH.search(said[1]) else ""
        readings = (f"Read *{esc(said[1])}* as {money(said[0])}{yearly}", *readings)
    shown = [r.label for r in rows] + (comparison[1] if comparison else [])  # type: ignore[operator]
    notes = [*computed, readings_note(readings, shown)] if readings else list(computed)
    if not query.pay_extras and (rows or comparison) and not _BONUS_ASIDE.search(query.question.lower()):
        table = kb.salaries
        bonus = f"{table.bonus_min_pct}% to {table.bonus_max_pct}%"
        notes.append(f"Bonuses may add {bonus} on top, says the guide.")
    if notes:  # one paragraph: how it was computed and read, what comes on top
        detail.append(Context(" ".join(notes)))
    if WHY_ASKED.match(query.question.lower()) and kb.section(top).intro:
        # "why is boston lower?", "why that band?": the guide gives its factors, no reasons
        factors = first_sentence(kb.section(top).intro[0])
        band = kb.salaries.levels.get(query.level) if query.level else None
        placed = _years_in_band(facts.years, band) if facts.years is not None and band else None
        lead[:0] = [f"*The guide gives no reason beyond its factors:* “{esc(factors)}”"]
        if placed is not None and placed not in lead:  # a comparison places them already
            lead.insert(1, placed)
    parts: list[Part] = [Section("\n".join(lead)), *detail]
    if query.shorter:  # "shorter pls": the point alone; its rows are named in it
        parts = [Section("\n".join(lead))]
    sources = tuple(dict.fromkeys(s for s in used if s))
    if abroad:  # the guide has no answer for that place: out of scope, said with what it does have
        everything = tuple(kb.intents)  # no "Did you mean": the answer already shows what it has
        return Draft(tuple(parts), sources, intent="unknown", more=kb.salaries.title, same_for=everything)
    return Draft(tuple(parts), sources, more=kb.salaries.title)


_TABLE_WORDS = {
    "location": re.compile(
        r"\b(?:locations?|where|places?|cit(?:y|ies)|regions?|geograph\w*|hubs?|metros?|states?)\b"
    ),
    "industry": re.compile(
        r"\b(?:industr(?:y|ies)|sectors?|fields?|verticals?|domains?|kinds? of compan\w*)\b"
    ),
}
"""Words for the guide's location and industry tables ("how does pay vary by location?")."""


def _tables_asked(query: Query) -> tuple[tuple[str, dict], ...]:
    """The guide's location or industry table (or both) when a pay question with no row asks by
    it in so many words ("how much does location swing it?", "which sectors pay most?")."""
    text = query.question.lower()
    tables = {"location": query.kb.salaries.locations, "industry": query.kb.salaries.industries}
    return tuple((name, tables[name]) for name, words in _TABLE_WORDS.items() if words.search(text))


_MOST = re.compile(r"\b(?:most|best|highest|top|biggest|largest)\b")
_LEAST = re.compile(r"\b(?:least|worst|lowest|smallest)\b")


def _extreme_asked(query: Query) -> str | None:
    """For "which industry pays the most?" (or the least) by one of the guide's tables: the row
    whose range is highest (lowest) at both ends, said as the bot's comparison; None when the
    question asks no such thing or no row is so at both ends."""
    tables = _tables_asked(query)
    text = query.question.lower()
    most, least = bool(_MOST.search(text)), bool(_LEAST.search(text))
    if len(tables) != 1 or most == least:
        return None
    name, table = tables[0]
    rows = list(table.values())
    pick = max if most else min
    top = pick(rows, key=lambda r: r.max)
    if top is not pick(rows, key=lambda r: r.min):
        return None  # one row is highest at the top, another at the bottom: no single answer
    word = "highest" if most else "lowest"
    return (
        f"*{esc(top.label)}: {money_range(top.min, top.max)}*, the {word} range of the guide's "
        f"{name} table (both ends compared by the bot)."
    )


_BONUS_ASIDE = re.compile(
    r"\b(?:not (?:asking|talking|worried|interested|counting|including|about)(?: about| in)?"
    r"|ignore|ignoring|excluding|exclude|forget(?: about)?|leave out|leaving out|aside from|apart from"
    r"|set(?:ting)? aside|other than|except(?: for)?) (?:the |any |a |my |their )?(?:bonus|bonuses)\b"
    r"|\b(?:just|only) (?:the )?base\b|\bbase (?:pay |salary )?only\b"
)
"""The question sets bonuses aside ("not asking about the bonus, just base"): no note on them."""


def _own_band(query: Query, facts: AskerFacts) -> str | None:
    """The level id of the band the asker's years fall in, when the question names another level
    and no other to compare it with ("I'm at 6 years, what does senior pay?")."""
    if facts.years is None or not query.level or facts.pay is not None:
        return None
    if any(kind == "level" for kind, _ in query.also):
        return None
    band = query.kb.salaries.band_for(facts.years)
    return band.id if band is not None and band.id != query.level else None


def _place_notes(query: Query) -> tuple[list[str], tuple[str, ...]]:
    """The readings of US places the guide does not name, as lines of the lead ("_Boise: read as a
    non-tech hub — the guide names no cities for that tier._"), and the other readings."""
    heads = tuple(f"{esc(place)}:" for place, _ in query.places)
    notes = [f"_{r.rstrip('.')}._" for r in query.readings if r.startswith(heads)]
    return notes, tuple(r for r in query.readings if not r.startswith(heads))


_EQUITY = ("equit", "stock", "option", "rsu", "vest", "share")


_CASH = re.compile(r"\b(?:cash|percent|percentage|per ?cent|performance|targets?|goals?)\b|%")
"""Words of a question about pay on top of base that ask about a bonus: cash, a share, performance."""


_BONUS_PCT = re.compile(r"\b(\d{1,2}(?:\.\d)?)\s*(?:%|percent|per cent)\s*(?:annual |yearly |target )?bonus")


def _bonus_placed(query: Query) -> str:
    """Where a bonus share the question states falls against the guide's ("15% bonus": within its 10%
    to 20%), compared by the bot; "" when it states none."""
    found = _BONUS_PCT.search(query.question.lower())
    if not found:
        return ""
    table, pct = query.kb.salaries, float(found.group(1))
    low, high = table.bonus_min_pct, table.bonus_max_pct
    where = "within" if low <= pct <= high else "below" if pct < low else "above"
    return f" A {pct:g}% bonus is {where} the guide's {low}% to {high}% (compared by the bot)."


def _years_in_band(years: float, band: LevelRange) -> str:
    """ "_Your 9 years fall in the guide's Mid-Level (8-12 years) band._", or, for years below the
    band shown (a new grad shown the lowest), that they are below it."""
    if years < band.min_years:
        return f"_Your {years:g} years are below the guide's lowest band, {esc(band.label)}._"
    return f"_Your {years:g} years fall in the guide's {esc(band.label)} band._"


def _bonus_amount(query: Query, pays: list[int], rows: list[Row]) -> str:
    """The guide's bonus share in dollars, on the asker's figures (each offer's) or on the one range
    shown ("and the bonus on top of that in $?": 10% to 20% of $240,000), computed by the bot and
    said so; "" when the bonus is not asked or there is no figure or one range to take it of."""
    table = query.kb.salaries
    low, high = table.bonus_min_pct, table.bonus_max_pct
    asks_equity = any(w.startswith(_EQUITY) for w in query.words)
    asks_bonus = any(w.startswith("bonus") for w in query.words) or bool(_CASH.search(query.question.lower()))
    if not asks_bonus or asks_equity:
        return ""
    if pays:
        shares = [money_range(round(p * low / 100), round(p * high / 100)) for p in pays]
        if len(pays) == 1:
            return f" On {money(pays[0])}, that is {shares[0]} (computed by the bot)."
        each = "; on ".join(f"{money(p)}, {share}" for p, share in zip(pays, shares, strict=True))
        return f" On {each} (computed by the bot)."
    estimate = _overlap(rows)
    if len(rows) == 1 or estimate:
        bottom, top = (rows[0].low, rows[0].high) if len(rows) == 1 else estimate  # type: ignore[misc]
        named = esc(rows[0].label) if len(rows) == 1 else "the bot's estimate"
        amount = money_range(round(bottom * low / 100), round(top * high / 100))
        return (
            f" On {named} ({money_range(bottom, top)}), that is {amount} "
            f"(computed by the bot: {low}% of the bottom to {high}% of the top)."
        )
    return ""


def _for_headcount(query: Query, heads: int, pay: int | None, rows: list[Row]) -> str:
    """The pay figure or range shown, times the number of people asked about, computed by the bot
    and said so ("For 3: 3 x $200,000 - $350,000 = $600,000 - $1,050,000 base a year")."""
    table = query.kb.salaries
    if pay is not None:
        low = high = pay
    elif len(rows) == 1:
        low, high = rows[0].low, rows[0].high
    elif rows:
        if (overlap := _overlap(rows)) is None:
            return ""
        low, high = overlap
    else:
        low, high = table.national.min, table.national.max
    each = money(low) if low == high else money_range(low, high)
    total = money(low * heads) if low == high else money_range(low * heads, high * heads)
    return (
        f"*For {heads}: {heads} × {each} = {total} base a year* (computed by the bot: the figure per "
        f"person above times {heads}); bonuses of {table.bonus_min_pct}% to {table.bonus_max_pct}% "
        "come on top of each, says the guide."
    )


_OFFER_SPLIT = re.compile(
    r"(?=\b(?:offer|option|job|company)\s+(?:[a-z]|\d|one|two|three)\b\s*[:=(-])|[;\n]|\.\s+|\bvs\.?\s|\bversus\b"
    r"|(?=\bcandidate\s+(?:[a-z]|\d|one|two|three)\b)"
    r"|\b(?:or|and)\s+(?=\$?\d[\d,.]*(?!\d|[\d,.]*\s?(?:k\b)?\s*(?:in\s+)?(?:sign|bonus|rsu|equity|stock|reloc)))",
    re.IGNORECASE,
)
"""Where one offer of several ends: "offer B:", "candidate B", a sentence, "vs", "or 230k", "and
230k" (not "and $40k sign-on", "and 50k in RSUs": extras of the same offer)."""
_OFFER_NAME = re.compile(rf"^\s*({OFFER_MARK})", re.IGNORECASE)
"""An offer named at the start of its words: the name the first group ("offer A")."""
_EXTRACTORS: dict[int, tuple[KnowledgeBase, EntityExtractor]] = {}


def offer_parts(query: Query) -> list[str]:
    """The words of each of two or more offers a question says with their places ("offer A: 190k,
    hospital in boston"), as said; [] for fewer."""
    return [part.strip() for part, _ in _offer_parts(query)]


def _offers(query: Query) -> list[tuple[str, int, list[Row]]]:
    return [offer for _, offer in _offer_parts(query)]


def _offer_parts(query: Query) -> list[tuple[str, tuple[str, int, list[Row]]]]:
    """Two or more pay figures, each said with its own place or industry ("offer A: 190k, hospital in
    boston. offer B: 230k, bank in nyc"): each figure's name, pay and the guide rows of its own place
    and industry, with the level the question reads (its years) for all; [] for fewer."""
    kb = query.kb
    found: list[tuple[str, tuple[str, int, list[Row]]]] = []
    if query.facts is None or query.facts.pay is None:
        return []  # no figure at all (most pay questions): nothing to split
    level = query.level
    if level is None and query.facts is not None and query.facts.years is not None:
        band = kb.salaries.band_for(query.facts.years)  # years said earlier in the conversation
        level = band.id if band is not None else None
    for part in _OFFER_SPLIT.split(query.question):
        said = pay_said(part or "")
        if said is None:
            continue
        entities = _extractor(kb).extract(normalize(part))
        rows = [
            row
            for kind, value in (
                ("level", level),
                ("location", entities.location),
                ("industry", entities.industry),
            )
            if value and (row := _row(kb, kind, value)) is not None
        ]
        if not entities.location and not entities.industry:
            return []  # a figure with no place of its own: not one of several offers
        named = _OFFER_NAME.match(part)
        name = _offer_name(named.group(1)) if named else f"The {money(said[0])} figure"
        found.append((part, (name, said[0], rows)))
    return found if len(found) >= 2 else []


def _offer_name(said: str) -> str:
    """ "offer a" -> "Offer A", "option two" -> "Option two"."""
    word, mark = said.split(None, 1)
    return f"{word.capitalize()} {mark.upper() if len(mark) == 1 else mark}"


def _extractor(kb: KnowledgeBase) -> EntityExtractor:
    kept = _EXTRACTORS.get(id(kb))
    if kept is None or kept[0] is not kb:
        kept = _EXTRACTORS[id(kb)] = (kb, EntityExtractor(kb))
    return kept[1]


def _extras_lead(query: Query) -> str:
    """What the guide says about what comes on top of base pay: bonuses, equity, or both, as asked."""
    table = query.kb.salaries
    bonus = f"{esc(table.bonus_label)} “{esc(table.bonus_text)}”"
    equity = f"{esc(table.equity_label)} “{esc(table.equity_text)}”"
    # a share of pay or cash on top is what the guide's bonuses are (it gives equity no figure)
    asks_bonus = any(w.startswith("bonus") for w in query.words) or bool(_CASH.search(query.question.lower()))
    asks_equity = any(w.startswith(_EQUITY) for w in query.words)
    if asks_bonus and not asks_equity:
        return f"*The guide: {bonus}.*"
    return f"*The guide gives no equity figures*: {equity}; {bonus}."


def _role(query: Query, role: str) -> Draft:
    """A job whose pay the guide does not give: say so; never read it as a band."""
    kb = query.kb
    draft = role_draft(kb, role)
    # out of scope, as the matcher's own reading of another job's pay is: the conversation after it
    # is that job's aside ("and in Seattle?" is still about it)
    return Draft(
        draft.parts, draft.section_ids, intent="unknown", more=kb.salaries.title, same_for=tuple(kb.intents)
    )


def role_draft(kb: KnowledgeBase, role: str) -> Draft:
    """ "The guide does not give a VP of AI's pay" (also used by the unknown answer)."""
    named = _career_mention(kb, role)
    lines = [
        f"*The guide does not give the pay of {esc(_article(role))}.* Every salary figure in it is an "
        f"{esc(kb.title)}'s, by experience, place and industry."
    ]
    used: list[str] = []
    if named:
        section_id, sentence = named
        where = esc(kb.source_title(section_id))
        lines.append(f"It names the role only as a career step: “{esc(sentence)}” ({where})")
        used.append(section_id)
    national = kb.salaries.national
    lines.append(
        f"For comparison, the guide's {esc(kb.title)} national average: "
        f"{money_range(national.min, national.max)}."
    )
    used.append(_top_id(kb))
    return Draft((Section("\n".join(lines)),), tuple(used))


def _career_mention(kb: KnowledgeBase, role: str) -> tuple[str, str] | None:
    """The guide sentence naming a role ("... executive roles like VP of AI or Chief AI Officer.")."""
    from bot.engine.answers.base import first_sentence

    words = [w for w in role.lower().replace("vps", "vp").split() if w not in ("of", "the")]
    key = words[0][:5] if words else ""
    if not key:
        return None
    for section in kb.sections.values():
        for paragraph in section.intro:
            rest = paragraph
            while rest:
                sentence = first_sentence(rest)
                lowered = sentence.lower()
                if key in lowered and any(w in lowered for w in ("vp", "chief", "officer", "executive")):
                    return section.id, sentence
                rest = rest[len(sentence) :].strip()
    return None


def _article(role: str) -> str:
    """ "vps of ai" -> "a VP of AI"; "data scientists" -> "a data scientist"."""
    words = role.strip().lower().split()
    head = words.index("of") - 1 if "of" in words else len(words) - 1
    if words[head].endswith("s") and not words[head].endswith("ss"):
        words[head] = words[head][:-1]
    titled = words[0] in ("vp", "vice", "chief", "head", "director")
    shown = []
    for word in words:
        if word in _ACRONYMS:
            shown.append(word.upper())
        elif titled and word != "of":
            shown.append(word.capitalize())
        else:
            shown.append(word)
    text = " ".join(shown)
    return ("an " if _vowel_sound(text.split()[0] if text else "") else "a ") + text


_ACRONYMS = frozenset("vp ai ml cto ceo cio caio cdo cfo coo cmo ux ui qa hr sre mle pm it bi".split())
"""Job-title words said letter by letter, shown in capitals ("a UX designer", "an ML intern")."""
_YOU = ("uni", "use", "usu", "uti", "ure", "eu", "one", "once")
"""Vowel letters said with a consonant: "a university lecturer", "a one-person shop"."""


def _vowel_sound(word: str) -> bool:
    """Whether "an" goes before `word`: a vowel sound, by the letter's name for an acronym."""
    if word.isupper() and len(word) > 1:
        return word[0] in "AEFHILMNORSX"  # "an ML intern", "an SRE", "a UX designer"
    return word[:1].lower() in "aeiou" and not word.lower().startswith(_YOU)


def _overlap(rows: list[Row]) -> tuple[int, int] | None:
    if len(rows) < 2:
        return None
    low, high = max(r.low for r in rows), min(r.high for r in rows)
    return (low, high) if low <= high else None


def _touching(rows: list[Row], at: int, who: str, *, shown: bool = True) -> str:
    """The guide's ranges meet at one figure only (Entry-Level's top is Finance's bottom): said as
    that, not as a one-figure band a recruiter might take for the guide's."""
    capped, floored = _ends(rows)
    return (
        f"*The guide's ranges meet at one figure only, {money(at)},* for {esc(who)}: "
        f"{esc(_short(capped.label))} tops out there and {esc(_short(floored.label))} starts there "
        f"(computed by the bot, not a guide figure{'; each range is below' if shown else ''})."
    )


def _ends(rows: list[Row]) -> tuple[Row, Row]:
    """The row with the lowest top and the row with the highest bottom: where an overlap ends."""
    return min(rows, key=lambda r: r.high), max(rows, key=lambda r: r.low)


def _gap(rows: list[Row]) -> str:
    capped, floored = _ends(rows)
    return (
        f"*No single figure*: {esc(_short(capped.label))} tops out at {money(capped.high)} while "
        f"{esc(_short(floored.label))} starts at {money(floored.low)}, so the guide's ranges do not overlap; "
        f"{money(floored.low - capped.high)} apart (computed by the bot)."
    )


def _who(query: Query) -> str:
    """ "a Senior-Level AI Tech Lead in Austin, in Finance" — what the rows describe."""
    kb = query.kb
    bits = []
    if query.level and query.level in kb.salaries.levels:
        bits.append(_short(kb.salaries.levels[query.level].label))
    phrase = f"{' '.join(bits)} {kb.title}" if bits else kb.title
    who = f"{'an' if phrase[:1].lower() in 'aeiou' else 'a'} {phrase}"  # an Entry-Level, a Senior-Level
    location = kb.entities.locations.get(query.location or "")
    place = next((p for p, where in query.places if where == query.location), None)
    if place:  # "in Boise", read as a tier in a line of its own
        who += f" in {place}"
    elif location and location.label.startswith("Other "):  # a tier, not a city: "in another major tech hub"
        who += f" in another {location.label.removeprefix('Other ').lower()}"
    elif location and location.label.startswith("Non-"):
        who += f" in a {location.label.lower()}"
    elif location:
        who += f" in {location.label}"
    industry = kb.entities.industries.get(query.industry or "")
    if industry:
        who += f" in {industry.label}"
    return who


def _where_in(pay: int, low: int, high: int) -> tuple[str, str]:
    """(where, how far): ("in the upper third of", "70% of the way up"), ("below", "by $20,000")."""
    if pay < low:
        return "below", f"by {money(low - pay)}"
    if pay > high:
        return "above", f"by {money(pay - high)}"
    if pay in (low, high):
        return ("at the top of" if pay == high else "at the bottom of"), ""
    share = (pay - low) / (high - low)
    third = "lower" if share < 1 / 3 else "middle" if share < 2 / 3 else "upper"
    return f"in the {third} third of", f"{round(share * 100)}% up the range"


def _placement(pay: int, rows: list[Row], estimate: tuple[int, int] | None, who: str) -> str:
    """Where a pay figure falls: in the estimate (when there is one) and in each guide range."""
    lines = []
    if estimate:
        where, far = _where_in(pay, *estimate)
        how = f" ({far})" if far else ""
        # who it is for is in the rows below and the readings: the lead stays one line
        lines.append(f"*{money(pay)} is {where} the bot's estimate, {money_range(*estimate)}*{how}.")
    else:
        row = rows[0]
        where, far = _where_in(pay, row.low, row.high)
        how = f" ({far})" if far else ""
        shown = money_range(row.low, row.high)
        lines.append(f"*{money(pay)} is {where} the guide's {esc(row.label)} range, {shown}*{how}.")
        rows = rows[1:]
    for row in rows:
        where, far = _where_in(pay, row.low, row.high)
        how = f" ({far.removesuffix(' the range')})" if far else ""  # the lead says "up the range"
        name = _short(row.label) if "(e.g." in row.label else row.label  # the place is in the readings
        lines.append(f"• *{esc(name)}*: {money_range(row.low, row.high)}: {_bare(where)}{how}")
    return "\n".join(lines)


PLACED_ONE = "Computed by the bot from the guide's ranges; it rates no offers."
PLACED = "Computed by the bot from the guide's ranges (an estimate: where they overlap); it rates no offers."


def _tiers_placed(query: Query, pay: int) -> str:
    """A place the guide does not list, for a pay figure: where the figure falls in each location
    tier, on one line (the guide does not say which tier the place is in)."""
    tiers = list(query.kb.salaries.locations.values())
    placed = []
    for tier in tiers:
        where, far = _where_in(pay, tier.min, tier.max)
        placed.append(f"{esc(_short(tier.label))} {money_range(tier.min, tier.max)}: {_bare(where)}")
    place = esc((query.unlisted_location or "").title())
    return f"*{place} is not in the guide*; its {len(tiers)} location tiers: " + "; ".join(placed) + "."


DIFFERENCES = (
    "Differences computed by the bot from the guide's ranges (each end of one minus that end of the other)."
)


def _bare(where: str) -> str:
    """ "in the upper third of" -> "upper third"; "below" stays."""
    return where.removeprefix("in the ").removesuffix(" of")


_ROW_NOTE = re.compile(r" \(the guide's row: ([^()]*(?:\([^()]*\))?[^()]*)\)$")


def readings_note(readings: tuple[str, ...], shown: list[str]) -> str:
    """How the question was read, as one sentence: "Read *sr* as Senior-Level; *sf* as San Francisco
    Bay Area." A reading's "(the guide's row: …)" is left out when the answer shows that row."""
    out = []
    for i, reading in enumerate(readings):
        found = _ROW_NOTE.search(reading)
        if found and found.group(1) in shown:
            reading = reading[: found.start()]
        out.append(reading.removeprefix("Read ") if i else reading)
    return "; ".join(out).rstrip(".") + "."


_DENIED = re.compile(
    r"\b(?:not|no|ignore|ignoring|forget|except|other than|rather than|instead of)\s+(?:\w+\s+){0,2}$"
)
"""Words just before a name that set it aside ("not the national average, for SF")."""


def _names_average(query: Query) -> bool:
    """Whether the question names the guide's national average row ("compared with the national
    average", "natl avg", a misspelling of it, "across the whole country"), unless it sets that row
    aside ("not the national average, for SF specifically: ...")."""
    text = lowered(query.question)
    label = terms_of(query.kb.salaries.national.label)
    named = _AVERAGE.search(text)
    if named is None and set(label) <= set(_corrected(query)):
        return True  # said apart ("the average, nationally"): nothing to read before it
    named = named or _COUNTRY.search(text)
    return named is not None and not _DENIED.search(text[: named.start()])


_AT_LARGE = re.compile(
    r"\b(?:vs\.?|versus|than|compare[ds]? (?:to|with)|against) (?:the )?(?:rest of )?"
    r"(?:industry(?! av)|private sector|corporate(?: world| jobs?)?|companies|industry jobs?"
    r"|the other industries)\b"
)


def _industry_at_large(query: Query) -> bool:
    """Whether one industry is compared with industry at large ("academia vs industry", "how much
    less than the private sector"): the guide's other industry rows are the other side."""
    return bool(query.industry) and not query.also and bool(_AT_LARGE.search(query.question.lower()))


def _corrected(query: Query) -> tuple[str, ...]:
    """The question's terms with misspellings corrected to the guide's words ("natonal")."""
    from bot.engine.normalize import analyzer_for, normalize

    return analyzer_for(query.kb).terms(normalize(query.question).tokens)


def _comparison(query: Query) -> tuple[str, list[Row], bool] | None:
    """ "finance vs academia": the difference between two rows' ranges at each end (and True: the
    bot computed it); two places or industries of one row: that they share its range (False)."""
    kb = query.kb
    named = [*_named(query), *query.also]
    by_kind: dict[str, list[Row]] = {}
    names: dict[tuple[str, str], list[str]] = {}  # the places or industries each row was named by
    for kind, value in named:
        row = _placed_row(query, kind, value)  # "than Kansas City"
        if row is None:
            continue
        said = names.setdefault((kind, row.label), [])
        name = _name(kb, kind, value, row)
        if name not in said:
            said.append(name)
        if all(r.label != row.label for r in by_kind.get(kind, [])):
            by_kind.setdefault(kind, []).append(row)
    same = [
        (said, row)
        for kind, rows in by_kind.items()
        for row in rows
        if len(said := names[(kind, row.label)]) >= 2
    ]
    pairs = [rows for rows in by_kind.values() if len(rows) >= 2]
    if same and not pairs:  # "Seattle or Denver?": one row of the guide for both
        lines = [
            f"*{esc(' and '.join(said))} get the same range in the guide*: "
            f"{esc(row.label)}, {money_range(row.low, row.high)}."
            for said, row in same
        ]
        rows_used = [row for _said, row in same]
        others = [r for rows in by_kind.values() for r in rows if r not in rows_used]
        if others:
            lines.append(
                "Also named: " + "; ".join(f"{esc(r.label)}: {money_range(r.low, r.high)}" for r in others)
            )
        return "\n".join(lines), rows_used + others, False
    national = kb.salaries.national
    named_rows = [r for rows in by_kind.values() for r in rows]
    if not pairs and len(named_rows) == 1 and _names_average(query):
        # "how far above the national average is exec pay?": the one row against the guide's average
        average = Row(national.label, national.min, national.max, _section_with_label(kb, national.label))
        pairs = [[named_rows[0], average]]
        by_kind = {"average": pairs[0]}
    if not pairs and len(by_kind.get("industry", [])) == 1 and _industry_at_large(query):
        # "academia vs industry": the one industry named against each other industry of the guide
        # (a level or place named too is shown beside them)
        own = by_kind["industry"][0]
        rest = [
            Row(g.label, g.min, g.max, _section_with_label(kb, g.label))
            for g in kb.salaries.industries.values()
        ]
        pairs = [[own, *(r for r in rest if r.label != own.label)]]
        by_kind = {**by_kind, "industry": pairs[0]}
    if not pairs:
        return None
    lines = []
    used: list[Row] = []
    for rows in pairs:
        first = rows[0]
        for other in rows[1:]:
            lines.append(_difference(first, other))
            used += [first, other]
    others = [r for kind, rows in by_kind.items() for r in rows if len(rows) < 2]
    if others:
        named_rows = "; ".join(f"{esc(r.label)}: {money_range(r.low, r.high)}" for r in others)
        lines.append(f"Also named: {named_rows}")
        used += others
    return "\n".join(lines), used, True


def _name(kb: KnowledgeBase, kind: str, value: str, row: Row) -> str:
    """How the question named a row's place or industry ("Denver", "Finance")."""
    if row.short:
        return row.short
    entity = (kb.entities.industries if kind == "industry" else kb.entities.locations).get(value)
    label = getattr(entity, "label", None) if entity is not None else None
    return label or value.replace("_", " ").title()


def _difference(a: Row, b: Row) -> str:
    def side(delta: int, end: str) -> str:
        if delta == 0:
            return f"the same at the {end}"
        return f"{money(abs(delta))} {'more' if delta > 0 else 'less'} at the {end}"

    name_a, name_b = esc(a.short or _short(a.label)), esc(b.short or _short(b.label))
    return (
        f"*{name_a} pays {side(a.low - b.low, 'bottom')} and {side(a.high - b.high, 'top')} than {name_b}*: "
        f"{money_range(a.low, a.high)} against {money_range(b.low, b.high)}."
    )
