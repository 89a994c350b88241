"""Answer families: the facts a user would notice, taken from the knowledge base, not retyped.

Most tests compose from a hand-made `Query` (a forced intent and entities), so they specify
the answers independently of how questions are classified.
"""

from __future__ import annotations

import json

import pytest
from slack_limits import assert_valid_message

from bot.engine.answer import INTENTS, Alternative, Answer
from bot.engine.answers import Query, compose
from bot.engine.knowledge import KnowledgeBase
from bot.engine.render import money_range, to_terminal, wrap


@pytest.fixture(scope="module")
def kb(shipped_kb: KnowledgeBase) -> KnowledgeBase:
    return shipped_kb


def ask(kb: KnowledgeBase, intent: str, question: str = "", **fields: object) -> Answer:
    fields.setdefault("confidence", 0.9)
    answer = compose(Query(kb=kb, question=question, intent=intent, **fields))  # type: ignore[arg-type]
    assert_valid_message(answer.text, answer.blocks)
    return answer


def plain(answer: Answer) -> str:
    """The answer as a reader sees it (no mrkdwn markers), for fact checks."""
    return to_terminal(answer.text)


# --- every intent -----------------------------------------------------------------------------


@pytest.mark.parametrize("intent", INTENTS)
def test_every_intent_composes_a_valid_cited_message(kb, intent):
    answer = ask(kb, intent, "a question")
    assert answer.intent == intent
    titles = {s.title for s in kb.sections.values()}
    assert set(answer.sources) <= titles, "sources are guide section titles exactly"
    if intent not in ("help", "unknown"):
        assert answer.sources, "every in-scope answer cites the guide"
        assert "Source:" in answer.text and answer.blocks[-1]["type"] == "context"
        top = {s.title for s in kb.top_sections()}
        firsts = [s for s in answer.sources if s in top]
        assert answer.sources[: len(firsts)] == firsts, "top-level sections come first"
    assert "**" not in answer.text
    assert json.loads(json.dumps(answer.to_dict()))["intent"] == intent


# --- salary -----------------------------------------------------------------------------------


def test_salary_senior_sf_shows_both_rows_and_the_overlap_estimate(kb):
    answer = ask(kb, "salary", "salary senior sf", level="senior", location="sf_bay_area")
    text = plain(answer)
    senior = kb.salaries.levels["senior"]
    tier = kb.salaries.locations[kb.entities.locations["sf_bay_area"].tier]
    assert f"{senior.label}: {money_range(senior.min, senior.max)}" in text
    assert f"{tier.label}: {money_range(tier.min, tier.max)}" in text
    assert "Senior-Level (12-18 years): $180,000 - $280,000" in text
    assert "San Francisco Bay Area and New York City: $200,000 - $350,000" in text
    assert "Estimate: $200,000 - $280,000" in text
    assert "an estimate, not a guide figure" in text and "overlap" in text
    assert answer.entities == {"level": "senior", "location": "sf_bay_area"}
    assert answer.sources[0] == kb.salaries.title


def test_salary_estimate_with_three_entities_intersects_all_ranges(kb):
    answer = ask(kb, "salary", level="senior", location="seattle", industry="finance")
    tier = kb.salaries.locations[kb.entities.locations["seattle"].tier]
    group = kb.salaries.industries[kb.entities.industries["finance"].group]
    level = kb.salaries.levels["senior"]
    low, high = max(level.min, tier.min, group.min), min(level.max, tier.max, group.max)
    assert f"Estimate: {money_range(low, high)}" in plain(answer)
    assert answer.entities == {"level": "senior", "location": "seattle", "industry": "finance"}
    assert "Industry Variations" in answer.sources


def test_salary_ranges_that_meet_at_one_figure_say_they_only_touch(kb):
    # Entry-Level ends at $180,000 where Finance and Healthcare begins: not "$180,000 - $180,000"
    # (a typo), nor "Estimate: $180,000" (a one-figure band a recruiter would take for a band)
    text = plain(ask(kb, "salary", level="entry", location="austin", industry="finance"))
    assert text.startswith("The guide's ranges meet at one figure only, $180,000,")
    assert "Entry-Level tops out there and Finance and Healthcare starts there" in text
    assert "$180,000 - $180,000" not in text and "Estimate: $180,000" not in text


def test_salary_ranges_that_do_not_overlap_say_so_and_show_the_gap(kb):
    text = plain(ask(kb, "salary", level="entry", location="sf_bay_area"))
    entry = kb.salaries.levels["entry"]
    tier = kb.salaries.locations["sf_nyc"]
    assert "do not overlap" in text
    # the gap as an amount, not as "$180,000 - $200,000", which reads like a pay range
    assert f"${tier.min - entry.max:,} apart (computed by the bot)" in text
    assert money_range(entry.max, tier.min) not in text
    assert "Estimate:" not in text


def test_salary_bonus_equity_and_bars_are_in_the_whole_section(kb):
    answer = ask(kb, "salary", level="mid", industry="tech", full=True)
    text = plain(answer)
    assert kb.salaries.bonus_text in text and kb.salaries.equity_text in text
    assert "```" in answer.text and "▕" in answer.text and "█" in answer.text
    assert f"{kb.salaries.bonus_min_pct}%–{kb.salaries.bonus_max_pct}%" in text


def test_a_question_about_bonus_or_equity_leads_with_what_the_guide_says_about_them(kb):
    from bot.engine import Engine

    answer = Engine(kb).ask("how much equity do AI tech leads get?")
    first = plain(answer).split("\n\n")[0]  # the answer's point comes first
    assert kb.salaries.equity_text in first and kb.salaries.bonus_text in first
    assert "no equity figures" in first
    plain_pay = Engine(kb).ask("what do AI tech leads make?")
    assert "no equity figures" not in plain(plain_pay)


def test_salary_says_how_aliases_were_read(kb):
    readings = ("Read *sr* as Senior-Level (12-18 years)", "10 years → Mid-Level (8-12 years)")
    text = plain(ask(kb, "salary", level="senior", readings=readings))
    assert "Read sr as Senior-Level (12-18 years)" in text and "10 years → Mid-Level" in text


def test_salary_unlisted_city_shows_the_three_tiers(kb):
    text = plain(ask(kb, "salary", "senior in chicago", level="senior", unlisted_location="chicago"))
    assert "The guide does not list Chicago" in text
    for tier in kb.salaries.locations.values():
        assert f"{tier.label}: {money_range(tier.min, tier.max)}" in text


def test_salary_in_a_us_place_the_guide_does_not_name_leads_with_the_tier_it_is_read_as(kb):
    reading = "Boise: read as a non-tech hub — the guide names no cities for that tier"
    answer = ask(
        kb,
        "salary",
        "ai tech lead salary in boise",
        location="non_tech_hub",
        places=(("Boise", "non_tech_hub"),),
        readings=(reading,),
    )
    lines = plain(answer).splitlines()
    non_tech = kb.salaries.locations["non_tech_hub"]
    assert lines[0].startswith(f"{non_tech.label}: {money_range(non_tech.min, non_tech.max)}")
    assert lines[1] == reading + "."  # the bot's reading, said once, next to the figure
    # the other tiers were not asked: the whole table is one step away (the button), not in the answer
    for key, tier in kb.salaries.locations.items():
        assert (money_range(tier.min, tier.max) in plain(answer)) == (key == "non_tech_hub")
    assert answer.more
    assert plain(answer).count("Boise") == 1
    assert answer.entities == {"location": "non_tech_hub"}


def test_salary_for_a_level_in_a_us_place_names_the_place(kb):
    reading = "Denver: read as another major tech hub — the guide's examples are Seattle, Boston and Austin"
    text = plain(
        ask(
            kb,
            "salary",
            "senior in denver",
            level="senior",
            location="other_tech_hub",
            places=(("Denver", "other_tech_hub"),),
            readings=("Read *senior* as Senior-Level (12-18 years)", reading),
        )
    )
    assert "Senior-Level AI Tech Lead in Denver" in text.splitlines()[0]
    assert reading in text and "The guide does not list" not in text


def test_salary_without_entities_leads_with_the_national_average_and_the_bands(kb):
    text = plain(ask(kb, "salary", "what do they earn"))
    national = kb.salaries.national
    assert text.startswith(f"An AI Tech Lead in the US makes {money_range(national.min, national.max)}")
    for row in kb.salaries.levels.values():
        assert f"{row.label}: {money_range(row.min, row.max)}" in text
    assert "Finance and Healthcare" not in text and len(text.splitlines()) <= 12


def test_salary_without_entities_in_full_is_the_whole_table(kb):
    answer = ask(kb, "salary", "what do they earn", full=True)
    text = plain(answer)
    table = kb.salaries
    rows = [table.national, *table.levels.values(), *table.locations.values(), *table.industries.values()]
    for row in rows:
        assert f"{row.label}: {money_range(row.min, row.max)}" in text
    assert answer.entities == {}
    assert "Additional Compensation" in answer.sources


# --- career and lists ---------------------------------------------------------------------------


def test_career_path_steps_in_order_with_the_experience_asked_and_no_pay_per_step(kb):
    """The guide gives pay by an AI Tech Lead's years only, never per career step (issue 9: the
    old answer paired each step with a band, e.g. a VP with the Executive band)."""
    text = plain(ask(kb, "career"))
    assert "1. Start in entry-level roles like data scientist or ML engineer." in text
    assert "VP of AI or Chief AI Officer" in text
    assert "$" not in text
    assert "usually 8+ years" in text
    steps = text[text.index("1. Start") :]
    assert (
        steps.index("data scientist")
        < steps.index("senior engineer")
        < steps.index("Transition to AI Tech Lead")
    )
    assert "often progresses from roles such as AI Engineer or Data Scientist" in text  # the guide's summary
    for area in ("Technical Expertise", "Leadership and Management", "Continuous Learning", "Networking"):
        assert area in text
    assert len(text.splitlines()) <= 12, "the path, the experience and the areas by name"
    terminal = wrap(to_terminal(ask(kb, "career").text).rstrip("\n"), 80)
    assert terminal.count("\n") + 1 <= 12, "a focused answer's length on an 80-column terminal"
    whole = plain(ask(kb, "career", full=True))
    assert "not the pay of each step" in whole and "Potentially, executive roles like VP of AI" in whole
    assert "Join professional associations in the AI field." in whole  # sub-points as the guide writes them
    assert "$" not in whole


def test_challenges_list_every_item_compactly(kb):
    answer = ask(kb, "challenges")
    section = kb.section("common-challenges")
    text = plain(answer)
    for item in section.items:
        assert f"• {item.title}: " in text
    assert answer.sources == ["Common Challenges"]


def test_named_challenge_gives_the_single_item_with_its_sub_points(kb):
    answer = ask(
        kb,
        "challenges",
        "how do I deal with model drift?",
        topic="model-drift-and-maintenance",
        topic_section="common-challenges",
    )
    item = kb.item("common-challenges", "model-drift-and-maintenance")
    text = plain(answer)
    assert item.title in answer.blocks[0]["text"]["text"]  # the point first: the item itself
    assert answer.topic == {"section": "Common Challenges", "item": item.title}
    for point in item.points:
        assert point in text
    assert "Data Quality and Availability" not in text
    assert answer.entities["topic"] == "model-drift-and-maintenance"


def test_named_responsibility_area_gives_its_items(kb):
    text = plain(ask(kb, "responsibilities", topic="data-governance", topic_section="core-responsibilities"))
    for item in kb.section("core-responsibilities/data-governance").items:
        assert f"{item.title}: {item.text}" in text


def test_responsibilities_list_every_area(kb):
    text = plain(ask(kb, "responsibilities"))
    for child in kb.section("core-responsibilities").children:
        assert kb.section(child).title in text


def test_trend_by_name_gives_its_whole_text(kb):
    item = kb.item("industry-trends", "edge-ai")
    assert item.text in plain(ask(kb, "trends", topic="edge-ai", topic_section="industry-trends"))


@pytest.mark.parametrize(
    ("intent", "facts"),
    [
        ("skills", ["Python, R, or Julia", "TensorFlow, PyTorch", "AWS, GCP, Azure"]),
        ("soft_skills", ["Emotional Intelligence", "Active listening", "Decision-Making"]),
        ("qualifications", ["8+ years", "Master's or Ph.D. in Computer Science", "certifications"]),
        ("market", ["$1.3 trillion by 2030", "35.7%", "Asia Pacific"]),
        ("overview", ["pivotal role", "VP of AI or Chief AI Officer"]),
        ("best_practices", ["Clear Communication", "CI/CD pipelines", "User-Centric Design"]),
        ("trends", ["Edge AI", "Quantum AI", "EU's AI Act"]),
    ],
)
def test_list_answers_carry_the_guides_facts(kb, intent, facts):
    text = plain(ask(kb, intent))
    for fact in facts:
        assert fact in text, fact


def test_skills_point_to_soft_skills_with_the_intents_own_example(kb):
    text = plain(ask(kb, "skills"))
    assert kb.intents["soft_skills"].examples[0] in text


def test_overview_is_short_and_points_to_every_other_answer(kb):
    answer = ask(kb, "overview")
    assert len(answer.text) < 2500
    for intent, spec in kb.intents.items():
        if intent not in ("overview", "help", "unknown"):
            assert spec.label in answer.text


def test_kb_ampersands_are_escaped_in_mrkdwn(kb):
    answer = ask(kb, "market")
    assert "R&amp;D" in answer.text and "R&D" not in answer.text


# --- help, unknown, did you mean ------------------------------------------------------------------


def test_help_is_generated_from_every_intents_description(kb):
    text = plain(ask(kb, "help"))
    for intent, spec in kb.intents.items():
        if intent not in ("help", "unknown"):
            assert spec.description in text and spec.examples[0] in text


def test_unknown_says_so_and_suggests_three_examples_and_guesses(kb):
    guesses = (Alternative("market", 0.4, "Market demand"), Alternative("salary", 0.1))
    answer = ask(kb, "unknown", "weather in paris?", confidence=0.2, alternatives=guesses)
    text = plain(answer)
    assert "not confident" in text
    examples = [e for spec in kb.intents.values() for e in spec.examples]
    assert sum(1 for e in examples if f"“{e}”" in text) == 3
    actions = [b for b in answer.blocks if b["type"] == "actions"]
    assert [e["action_id"] for e in actions[0]["elements"]] == ["aitl_dym_market"]
    # a question that names the role is about it: not "not confident it is about the role"
    named = plain(
        ask(kb, "unknown", "AI lead = people mgr too? or pure IC?", confidence=0.3, alternatives=guesses)
    )
    assert "not confident" not in named and "not sure which part of the guide answers that" in named


def test_unknown_without_guesses_has_no_buttons(kb):
    answer = ask(kb, "unknown", "asdfgh")
    assert not [b for b in answer.blocks if b["type"] == "actions"]


def test_ambiguous_answer_says_what_it_chose_and_offers_the_runner_up(kb):
    question = "<!channel> pay or path?"
    answer = ask(kb, "salary", question, ambiguous=True, alternatives=(Alternative("career", 0.55),))
    assert "I read this as a question about *Salary ranges*" in answer.text
    assert "Did you mean" in answer.text
    button = next(b for b in answer.blocks if b.get("block_id") == "aitl_dym")["elements"][0]
    assert button["action_id"] == "aitl_dym_career"
    assert json.loads(button["value"]) == {"i": "career", "q": question}
    assert [a.intent for a in answer.alternatives] == ["career"]


def test_huge_question_in_a_button_value_is_shortened(kb):
    answer = ask(kb, "salary", "pay " * 600, ambiguous=True, alternatives=(Alternative("career", 0.5),))
    button = next(b for b in answer.blocks if b.get("block_id") == "aitl_dym")["elements"][0]
    assert len(button["value"]) <= 2000 and json.loads(button["value"])["i"] == "career"


def test_hostile_knowledge_base_strings_are_escaped_everywhere(kb):
    """An editor's `<!channel>` or `&` in the guide must not ping anyone or break mrkdwn."""
    from dataclasses import replace

    evil = "<!channel> & <!here> "
    sections = {
        sid: replace(
            s,
            intro=tuple(evil + p for p in s.intro),
            items=tuple(
                replace(
                    i,
                    title=i.title and evil + i.title,
                    text=evil + i.text,
                    points=tuple(evil + p for p in i.points),
                )
                for i in s.items
            ),
        )
        for sid, s in kb.sections.items()
    }
    intents = {
        i: replace(s, description=evil + s.description, examples=tuple(evil + e for e in s.examples))
        for i, s in kb.intents.items()
    }
    hostile = replace(kb, sections=sections, intents=intents)
    for intent in INTENTS:
        for full in (True, False):
            answer = ask(
                hostile,
                intent,
                "<!everyone>",
                ambiguous=True,
                alternatives=(Alternative("market", 0.5),),
                full=full,
            )
            assert "<!" not in answer.text, intent
            if full:
                assert "&amp; &lt;!here&gt;" in answer.text, intent


# --- through the Engine façade ------------------------------------------------------------------


@pytest.fixture(scope="module")
def engine(shipped_engine):
    return shipped_engine


def test_forced_intent_still_reads_entities_from_the_text(engine):
    answer = engine.ask("senior sf", intent="salary")
    assert answer.intent == "salary" and answer.confidence == 1.0
    assert answer.entities == {"level": "senior", "location": "sf_bay_area"}
    assert "Estimate: $200,000 - $280,000" in answer.text


def test_forced_unknown_intent_id_is_ignored_and_the_question_classified(engine):
    assert engine.ask("salary senior sf", intent="not-an-intent").intent == "salary"


def test_blank_question_and_help_give_the_help_answer(engine):
    assert engine.ask("   ").intent == "help"
    assert engine.help().intent == "help"


def test_ambiguous_match_offers_did_you_mean_buttons_through_the_engine(engine, monkeypatch):
    from bot.engine.nlu.matcher import Match

    pipeline = engine.ready()._pipeline
    close = Match("trends", 0.6, (("trends", 0.6), ("challenges", 0.55), ("market", 0.1)), True)
    monkeypatch.setattr(pipeline, "match_many", lambda readings: [close for _ in readings])
    answer = engine.ask("trends or challenges?")
    assert_valid_message(answer.text, answer.blocks)
    assert answer.intent == "trends"
    assert "I read this as a question about *Industry trends*" in answer.text
    buttons = [e for b in answer.blocks if b["type"] == "actions" for e in b["elements"]]
    guesses = [b["action_id"] for b in buttons if b["action_id"].startswith("aitl_dym_")]
    assert guesses == ["aitl_dym_challenges"], "a far third is not offered"
    guess = next(b for b in buttons if b["action_id"] == "aitl_dym_challenges")
    assert json.loads(guess["value"]) == {"i": "challenges", "q": "trends or challenges?"}
    assert [a.to_dict() for a in answer.alternatives][:2] == [
        {"intent": "challenges", "confidence": 0.55},
        {"intent": "market", "confidence": 0.1},
    ]


def test_repeated_answers_are_independent_copies(engine):
    first = engine.ask("salary senior sf")
    first.blocks.append({"type": "divider"})
    first.entities["level"] = "changed"
    second = engine.ask("what does a senior earn in san francisco?")
    assert second.blocks[-1]["type"] == "context" and second.entities["level"] == "senior"
    assert second.question == "what does a senior earn in san francisco?"
    assert first.text == engine.ask("salary senior sf").text


def test_salary_comparison_shows_every_named_row_and_an_estimate_per_combination(kb):
    from bot.engine import Engine

    engine = Engine(kb)
    places = engine.ask("compare AI tech lead pay in NYC vs Austin")
    text = plain(places)
    tiers = kb.salaries.locations
    assert money_range(tiers["sf_nyc"].min, tiers["sf_nyc"].max) in text
    assert money_range(tiers["tech_hub"].min, tiers["tech_hub"].max) in text
    assert "Estimate" not in text  # one kind of row: nothing to combine
    levels = engine.ask("senior vs entry level ai tech lead salary in nyc?", full=True)
    text = plain(levels)
    senior, entry, sf_nyc = kb.salaries.levels["senior"], kb.salaries.levels["entry"], tiers["sf_nyc"]
    assert money_range(senior.min, senior.max) in text and money_range(entry.min, entry.max) in text
    overlap = money_range(max(senior.min, sf_nyc.min), min(senior.max, sf_nyc.max))
    assert f"Senior-Level · New York City: {overlap}" in text
    assert "Entry-Level · New York City: no overlap" in text  # $120k-$180k and $200k-$350k
    assert_valid_message(levels.text, levels.blocks)
    assert levels.to_dict()["entities"] == {"level": "senior", "location": "nyc"}  # the contract's shape


def test_comparisons_with_an_unlisted_city_the_same_row_and_many_combinations(kb):
    from bot.engine import Engine

    engine = Engine(kb)
    text = plain(engine.ask("salary in nyc vs texas"))
    assert "does not list Texas" in text and "New York City" in text
    text = plain(engine.ask("salary in nyc vs boise"))  # a US place read as a tier: compared as it
    assert "more at the top than Boise" in text and "Boise: read as a non-tech hub" in text
    text = plain(engine.ask("seattle vs boston ai lead pay", full=True))
    assert "Boston is in the same row as Seattle" in text
    many = engine.ask(
        "entry vs mid vs senior vs executive salary in nyc vs austin in finance vs tech vs academia",
        full=True,
    )
    assert "The first 8 of 24 combinations" in plain(many)
    assert_valid_message(many.text, many.blocks)
    assert "On top of base pay" not in plain(engine.ask("What are my options for salary negotiation in NYC?"))


# --- issue 9: the point first, the section on request, the asker's own situation ------------------


def test_a_comparison_leads_with_the_difference_at_each_end_labelled_as_computed(engine):
    text = plain(engine.ask("how much more does finance pay than academia"))
    first = text.split("\n")[0]
    assert "$80,000 more at the bottom and $100,000 more at the top" in first  # 180-100, 300-200
    assert "computed by the bot" in text


def test_a_pay_figure_says_where_it_falls_in_each_matching_range(engine):
    answer = engine.ask("is 250k a good offer for a senior TL in austin?")
    text = plain(answer)
    assert text.startswith("$250,000 is in the upper third of the bot's estimate")
    assert "Senior-Level (12-18 years): $180,000 - $280,000: upper third" in text
    assert "Computed by the bot" in text
    below = plain(engine.ask("i was offered $130,000 as an AI tech lead in finance"))
    assert "below the guide's Finance and Healthcare range" in below and "by $50,000" in below


def test_a_role_whose_pay_the_guide_does_not_give_is_never_mapped_onto_a_band(engine):
    for question in ("what do VPs of AI make?", "how much does a chief ai officer make"):
        text = plain(engine.ask(question))
        assert text.startswith("The guide does not give the pay of a"), question
        assert "Executive-Level" not in text and "$250,000 - $350,000" not in text, question


def test_the_pay_of_a_job_of_no_fixed_title_is_not_an_ai_tech_leads(engine):
    # "ML interns" is no title the bot knows, but it is the job whose pay is asked
    answer = engine.ask("what do ML interns get paid in the bay area")
    assert answer.intent == "unknown"
    assert plain(answer).startswith("The guide does not give the pay of an ML intern")
    assert "$200,000 - $350,000" not in answer.text
    # the asker's own job is not the one asked about
    mine = engine.ask("recruiter here. what's typical pay for this role in austin?")
    assert mine.intent == "salary" and "$150,000 - $280,000" in mine.text


def test_a_job_said_with_how_long_the_asker_has_done_it_is_the_askers_own(engine):
    # a résumé's "product manager for 7 yrs" is who asks, not whose pay is asked
    answer = engine.ask(
        "product manager for 7 yrs, trying to pivot into AI leadership. "
        "what would pay look like at entry level?"
    )
    assert answer.intent == "salary"
    assert "$120,000 - $180,000" in answer.text
    assert "does not give the pay" not in answer.text
    other = plain(engine.ask("what does a product manager with 7 years make?"))
    assert other.startswith("The guide does not give the pay of a product manager")


def test_the_job_whose_pay_is_asked_is_named_without_the_words_around_it(engine):
    for question, job in (
        ("what is the typical nurse salary?", "the pay of a nurse."),
        ("what is my manager salary", "the pay of a manager."),
    ):
        assert job in plain(engine.ask(question)), question


def test_another_jobs_title_gets_the_article_it_is_said_with(engine):
    for question, said in (
        ("what does a UX designer make?", "the pay of a UX designer"),
        ("what does a university lecturer earn?", "the pay of a university lecturer"),
        ("what do ML interns get paid", "the pay of an ML intern"),
    ):
        assert said in plain(engine.ask(question)), question


def test_a_quoted_sentence_ends_with_one_full_stop(engine):
    text = plain(engine.ask("is an AI tech lead a pivotal role?"))
    assert "solutions.”" in text and "..”" not in text


@pytest.mark.slow  # 2 s or more on a 2-core AVX2 machine (2026-12-07)
def test_a_curly_apostrophe_reads_as_a_straight_one_and_answers_in_the_order_asked(engine):
    # the degree asked first is answered first, whichever apostrophe; the two questions have the
    # same words, and the second must not get the first one's message from the engine's cache
    for question in (
        "is a master’s a must or is industry experience enough?",
        "is a master's a must or is industry experience enough?",
    ):
        assert plain(engine.ask(question)).startswith("Not strictly"), question


def test_a_place_outside_the_us_says_the_guide_covers_the_us_only(engine):
    # however it is phrased or read, the pay abroad is out of the guide (`unknown`), said so, with
    # the guide's US tiers; never "not about the AI Tech Lead role"
    for question in ("how much do ai tech leads make in london", "AI tech lead London salary?"):
        answer = engine.ask(question)
        text = plain(answer)
        assert answer.intent == "unknown", question
        assert text.startswith("The guide covers the US market only"), question
        assert "gives no figures for London" in text, question
        assert "Non-Tech Hubs" in text and "not confident" not in text
    assert engine.ask("moving from London to NYC, what would an AI tech lead make?").intent == "salary"


def test_an_item_question_gets_the_item_not_the_list(engine):
    answer = engine.ask("is emotional intelligence important?")
    text = plain(answer)
    assert "Emotional Intelligence" in text and "Self-awareness" in text
    assert "Communication" not in text
    assert answer.topic == {"section": "Essential Soft Skills", "item": "Emotional Intelligence"}
    assert answer.more and any(b.get("block_id") == "aitl_full" for b in answer.blocks)
    whole = plain(engine.ask("is emotional intelligence important?", full=True))
    assert "Communication" in whole and "Emotional Intelligence" in whole


def test_a_list_question_still_gets_the_whole_list(engine):
    answer = engine.ask("what are the challenges?")
    assert answer.topic is None
    assert "Model Drift and Maintenance" in plain(answer) and "Data Quality and Availability" in plain(answer)


def test_years_of_experience_are_compared_with_the_guides_requirement_and_band(engine):
    text = plain(engine.ask("is 6 yrs enough or do i need more experience?"))
    assert text.startswith("Not yet by the guide's usual figure: it says usually 8+ years")
    assert "usually 8+ years" in text and "Entry-Level (5-8 years experience)" in text
    assert len(text.splitlines()) <= 12
    assert plain(engine.ask("I have 10 years, am I qualified?")).startswith("Yes")


def test_a_degree_is_compared_with_the_guides_education_line(engine):
    text = plain(engine.ask("do i need a phd? i only have a bachelors in cs"))
    assert text.startswith("Not required, but less than usual")
    assert "Typically a Master's or Ph.D." in text and "a bachelor's" in text


def test_how_to_get_experience_points_to_career_development(engine):
    # the career answer's composition (whether this reads as career is the matcher's, measured on dev)
    answer = engine.ask("how do i get leadership experience if im not a manager yet", intent="career")
    assert "Career Development" in answer.sources and "Leadership and Management" in answer.sources


def test_what_the_guide_says_about_a_subject_lists_every_place(engine):
    answer = engine.ask("what does the guide say about ethics")
    text = plain(answer)
    for where in ("Industry Trends", "Best Practices", "Common Challenges", "Essential Soft Skills"):
        assert where in text, where
    assert "Ethics and Responsibility (Career Development)" in text  # each place on one line
    assert "Soft Skills" in answer.sources and len(text.splitlines()) <= 12


def test_noise_is_never_answered_from_a_section(engine):
    import random

    rng = random.Random(3)
    noise = ["$", "!!!", "???", "$$$ %%%", "...", "12345"]
    noise += [
        bytes(rng.getrandbits(8) for _ in range(rng.randint(1, 40))).decode("utf-8", "replace")
        for _ in range(80)
    ]
    for question in noise:
        answer = engine.ask(question)
        assert answer.intent in ("unknown", "help") and not answer.sources, repr(question)


def test_focused_answers_are_short(engine):
    for question in (
        "is emotional intelligence important?",
        "how do I deal with model drift?",
        "salary senior sf",
        "how much equity is typical?",
        "do i need a phd?",
    ):
        lines = [line for line in plain(engine.ask(question)).splitlines() if line.strip()]
        assert len(lines) <= 12, question


def test_a_long_focused_answer_drops_i_read_this_as_when_the_reading_was_sure(kb):
    """The "Did you mean" line stays (with its button); the sentence before it gives its room to
    the answer's own lines, unless the runner-up was nearly as likely."""
    from bot.engine.answers.base import finish
    from bot.engine.render import Section

    body = Section("\n".join(f"• line {n} of the answer's own point" for n in range(10)))
    for runner_up, kept in ((0.2, False), (0.8, True)):
        query = Query(
            kb=kb,
            question="q",
            intent="trends",
            confidence=0.9,
            ambiguous=True,
            alternatives=(Alternative("career", runner_up),),
            scores=(("trends", 0.9), ("career", runner_up)),
        )
        answer = finish(query, parts=[body], section_ids=["industry-trends"], more="Industry Trends")
        assert_valid_message(answer.text, answer.blocks)
        assert "Did you mean" in answer.text
        assert ("I read this as" in answer.text) is kept
    short = finish(
        query, parts=[Section("one line")], section_ids=["industry-trends"], more="Industry Trends"
    )
    assert "I read this as" in short.text


def test_an_offer_with_a_bonus_leads_with_where_the_offer_falls_then_the_bonus(engine):
    text = plain(engine.ask("offer is 185k base + 15% bonus for a senior role in nyc, fair?"))
    assert text.startswith("$185,000 is below the bot's estimate")
    assert "A 15% bonus is within the guide's 10% to 20% (compared by the bot)" in text
    assert "A 25% bonus is above the guide's 10% to 20%" in plain(
        engine.ask("is a 25% bonus normal for an AI lead?")
    )


def test_bonuses_and_equity_set_aside_are_not_what_is_answered(engine):
    text = plain(engine.ask("skip the equity and bonus stuff, just give me the national average salary"))
    assert text.startswith("An AI Tech Lead in the US makes $160,000 - $250,000")
    assert "equity" not in text.split("\n", 1)[0].lower()
    assert plain(engine.ask("not the base, the bonus: how much?")).startswith(
        "The guide: Performance Bonuses"
    )


def test_what_a_question_sets_aside_is_not_what_it_is_read_as_asking(engine):
    # the subject set aside named pay: the question is read without it
    answer = engine.ask("excluding pay, which industries are hiring these leads the most?")
    assert answer.intent == "market"
    assert "healthcare" in plain(answer)
    # a rest of one word read alone, and the pay set aside is no pay asked for
    answer = engine.ask("leaving pay aside, what industries want them?")
    assert answer.intent == "market" and "$" not in plain(answer)


def test_a_list_item_set_aside_leaves_the_rest_of_the_list(engine):
    answer = engine.ask("apart from data quality, what are the hard parts of the job?")
    text = plain(answer)
    assert text.startswith("Besides Data Quality and Availability, the guide's 12 Common Challenges are:")
    assert "Data Quality and Availability:" not in text and "Model Drift and Maintenance" in text
    assert answer.topic is None


def test_a_list_asked_for_its_first_says_the_guide_does_not_rank_it(engine):
    text = plain(engine.ask("what are the top 3 trends for ai leads right now?"))
    assert text.startswith("The guide does not rank these or say which matters most")
    assert "Edge AI" in text and "Quantum AI" in text
    # "the biggest challenges" (a plural) asks for the main ones: the list, with no such line
    text = plain(engine.ask("what are the biggest challenges for ai leads?"))
    assert not text.startswith("The guide does not") and "Model Drift and Maintenance" in text
    # one item the question's words point to: that item, still said to be unranked
    text = plain(engine.ask("which challenge is biggest when scaling models to millions of users?"))
    assert text.startswith("The guide does not rank them: Scalability and Performance is one of the")
    # an item asked about as the first of its list: listed, not "Yes"
    text = plain(engine.ask("would you say explainability is the number one trend right now?"))
    assert text.startswith("The guide does not rank them: Explainable AI (XAI) is one of the guide's 10")
    # an item asked about plainly still gets its yes
    assert plain(engine.ask("is explainable ai one of the trends?")).startswith("Yes: Explainable AI (XAI)")
    # the guide's market section says which grows fastest: that is answered, not "not ranked"
    text = plain(engine.ask("which industry is growing fastest for ai?"))
    assert "Healthcare and life sciences show the fastest growth rate" in text and "rank" not in text


def test_a_judgement_about_a_person_or_a_choice_gets_no_yes_from_a_listed_item(engine):
    # "Yes" would say that an item is listed, not that the candidate fits or the choice is right
    for question in (
        "10 yrs as a data scientist, never managed anyone. is he a good fit for a lead req?",
        "would we be better off hiring externally for this role?",
        "is multimodal ai worth learning for me?",
    ):
        first = plain(engine.ask(question)).split("\n", 1)[0]
        assert not first.startswith(("Yes:", "Not yet:")), (question, first)
    # a yes/no about a requirement still gets its verdict
    assert plain(engine.ask("do ai leads need to know python?")).startswith("Yes: Programming Skills")


def test_the_requirements_asked_for_whole_get_every_area_of_them(engine):
    # Requirements is answered in part by the skills and in part by the qualifications: asked for
    # by its name alone, every area, one line each, with no "did you mean" between the two
    answer = engine.ask("so what r the reqs... the requirements, for this kind of job?")
    text = plain(answer)
    assert text.startswith("The guide's 8 areas of Requirements:")
    for area in ("Technical Proficiency", "Educational Background", "Professional Experience", "Soft Skills"):
        assert f"• {area}:" in text
    assert "Did you mean" not in text and "I read this as" not in text
    # a part of them named still gets that part
    assert plain(engine.ask("what are the education requirements?")).startswith("Educational Background")
    # words that name nothing of the section ("list", "JD") do not make it a part of them
    text = plain(engine.ask("now for the JD - what requirements should i list for the role"))
    assert text.startswith("The guide's 8 areas of Requirements:")


def test_the_table_row_that_pays_most_or_least_is_said_first_as_the_bots_comparison(engine):
    text = plain(engine.ask("what sector pays ai leads the best?"))
    assert text.startswith("Finance and Healthcare: $180,000 - $300,000, the highest range")
    assert "compared by the bot" in text.split("\n", 1)[0]
    text = plain(engine.ask("where are ai tech leads paid the lowest?"))
    assert text.startswith("Non-Tech Hubs: $120,000 - $220,000, the lowest range")


def test_what_i_would_make_as_the_role_is_its_pay_even_after_another_job_is_named(engine):
    answer = engine.ask("7 years in, my title is data scientist. what would I make as an ai tech lead?")
    assert answer.intent == "salary"
    assert engine.ask("what would I make as a pharmacist?").intent == "unknown"


def test_a_subject_the_guide_never_names_is_said_to_be_found_nowhere(engine):
    # out of scope, and said in the words of the question rather than "not something I can answer"
    answer = engine.ask("does the guide mention web3 anywhere?")
    assert answer.intent == "unknown"
    assert plain(answer).startswith("I find no mention of web3 in the guide.")


def test_an_unknown_answer_kept_for_one_question_is_not_served_for_another(engine):
    # two out-of-scope questions offering the same guesses: the one naming the role is about it
    from dataclasses import replace

    from bot.engine.answer import Alternative

    pipeline = engine._pipeline_or_build()
    offered = [Alternative("soft_skills", 0.3, "Soft skills")]
    first, second = (
        replace(q, intent="unknown", alternatives=offered, ambiguous=False)
        for q in pipeline.queries(
            [
                engine._request(t, None, full=False)
                for t in ("what hobbies help you relax?", "what hobbies help an AI tech lead relax?")
            ]
        )
    )
    assert "not confident" in plain(engine._compose(first))
    assert "not sure which part of the guide" in plain(engine._compose(second))


def test_a_recruiter_pricing_a_candidate_s_years_gets_the_level_row_and_the_estimate(engine):
    answer = engine.ask(
        "I'm a recruiter in Austin filling an AI tech lead req. The candidate has about 10 years in ML."
        " What salary range is realistic to pitch?"
    )
    assert answer.entities == {"level": "mid", "location": "austin"}  # the candidate's years
    text = to_terminal(answer.text)
    assert "Mid-Level (8-12 years): $150,000 - $220,000" in text
    assert text.startswith("Estimate: $150,000 - $220,000")


def test_pay_asked_by_location_or_industry_shows_that_table(engine):
    by_place = to_terminal(engine.ask("how does AI tech lead pay vary by location?").text)
    assert "Non-Tech Hubs: $120,000 - $220,000" in by_place and "By location" in by_place
    assert "Executive-Level" not in by_place  # not the experience bands
    by_sector = to_terminal(engine.ask("how does AI tech lead salary differ by industry?").text)
    assert "Academia and Research: $100,000 - $200,000" in by_sector


def test_an_offer_at_a_startup_of_an_industry_says_where_it_falls_not_a_difference(engine):
    text = plain(engine.ask("fintech startup offered me 210k as AI tech lead, fair?"))
    assert text.startswith("$210,000 is in the lower third of the guide's Finance and Healthcare range")
    assert "Tech and Software" not in text


def test_moving_up_to_a_band_named_by_its_years_is_the_difference_from_the_askers_own(engine):
    text = plain(engine.ask("new-ish lead (7 yrs exp). whats the bump when i cross into the 8-12 yr band"))
    assert text.startswith("Mid-Level pays $30,000 more at the bottom and $40,000 more at the top")
    assert "than Entry-Level" in text


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        ("They said 195 base for the AI lead role", 195_000),
        ("240 tc, senior, seattle. good?", 240_000),
        ("I'm getting 170 in Denver as a senior lead, is that low?", 170_000),
        ("they offered me 185, fair?", 185_000),
        ("they offered 3 engineers a raise", None),
        ("getting 200 responses a week", None),
        ("i'm paying 200 for rent in nyc, what should an ai lead earn", None),  # a cost, not pay
        ("we have 200 employees and 5 base models", None),  # no pay: not before "base" as pay
        ("I have 12 years", None),
    ],
)
def test_a_bare_number_said_as_base_or_tc_is_pay_in_thousands(text, pay):
    from bot.engine.facts import read

    assert read(text)[0].pay == pay


def test_an_offer_said_as_a_bare_base_is_placed_and_the_reading_said(engine):
    text = plain(engine.ask("offer came in at 195 base for a mid-level AI tech lead in Charlotte. light?"))
    assert text.startswith("$195,000 is in the middle third of the bot's estimate")
    assert "Read 195 base as $195,000" in text


def test_a_monthly_offer_is_placed_as_a_year_and_the_computation_said(engine):
    text = plain(engine.ask("they want to pay me $15k a month as an AI tech lead in Boston. in range?"))
    assert text.startswith("$180,000 is in the lower third of the guide's Other Major Tech Hubs range")
    assert "Read $15k a month as $180,000 a year (12 months, computed by the bot)" in text


@pytest.mark.parametrize(
    ("text", "pay"),
    [
        ("offer is 12k/mo", 144_000),
        ("I spend 5k a month on rent", None),
        ("rent is 5k a month, offer is 200k", 200_000),
    ],
)
def test_a_monthly_figure_is_pay_only_when_said_as_pay(text, pay):
    from bot.engine.facts import read

    assert read(text)[0].pay == pay


def test_yall_is_no_why(engine):
    # "y" as "why" ("y is that hard") is not the "y" of "y'all": no "no reason beyond its factors"
    assert "no reason beyond" not in plain(engine.ask("y'all pay ai leads how much?"))


def test_a_headcount_whose_ranges_do_not_meet_leaves_no_blank_line(engine):
    text = engine.ask("how much would 3 entry level ai tech leads in sf cost me").text
    lead = text.split("\n\n", 1)[0]
    assert "No single figure" in lead and "For 3" not in text
    assert "\n\n\n" not in text and not lead.endswith("\n")
