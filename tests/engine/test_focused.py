"""Focused answers (issue 9): an item question gets its item, a yes/no question a short verdict
with the guide's reason, a list question a compact list, and the whole section stays one step away.

`focused_dev.yaml` holds 77 checks written from the guide by the session that built this (the
sealed `tests/sealed/f1.yaml` is never used here); the thresholds are its measured figures minus
a margin, so they guard against regressions.
"""

from __future__ import annotations

import importlib.util
import re
from dataclasses import replace
from pathlib import Path

import pytest
from slack_limits import assert_valid_message

from bot.engine import Engine
from bot.engine.render import to_terminal, wrap

ROOT = Path(__file__).resolve().parents[2]
DEV = Path(__file__).with_name("focused_dev.yaml")
PASS = (
    0.92  # measured 0.961 (74/77; main before issue 9's list work: 62/77): facts present, other items absent
)
SHORT = 0.85  # measured 1.0 on list_item, 0.92 on yes_no and single_fact: within 12 lines at 80 columns


def _bench():
    spec = importlib.util.spec_from_file_location("focused_bench", ROOT / "bench" / "focused.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


def lines(answer) -> int:
    return wrap(to_terminal(answer.text).rstrip("\n"), 80).count("\n") + 1


@pytest.mark.slow
def test_the_dev_set_keeps_the_facts_and_leaves_out_the_other_items(engine):
    bench = _bench()
    entries = bench.load(DEV)
    results = [(e, bench.check(engine, e)) for e in entries]
    passed = [r for _, r in results if r["pass"]]
    misses = [
        f"{e['q']!r}: missing {r['missing']}, present {r['present']}" for e, r in results if not r["pass"]
    ]
    assert len(passed) >= PASS * len(entries), "\n".join(misses)
    focused = [(e, r) for e, r in results if e["kind"] in ("list_item", "yes_no_situation", "single_fact")]
    short = [r for _, r in focused if r["short"]]
    long = [f"{e['q']!r}: {r['wrapped']} lines" for e, r in focused if not r["short"]]
    assert len(short) >= SHORT * len(focused), "\n".join(long)


# every area is named, within the focused budget of 12 lines at 80 columns (the answers were 42,
# 30, 27, 19 and 31 lines before issue 9's list work, then 29, 31, 28, 12 and 28 wrapped lines)
@pytest.mark.parametrize(
    ("question", "areas"),
    [
        ("what skills does an ai tech lead need?", ("Technical Proficiency", "Strategic Acumen")),
        (
            "what soft skills does an ai tech lead need",
            ("Essential Soft Skills", "Requirements › Soft Skills"),
        ),
        ("what qualifications do i need?", ("Educational Background", "Professional Experience")),
        ("what's the career path to ai tech lead?", ("Networking", "Continuous Learning")),
        ("how is the market for ai tech leads?", ("Market Size and Growth", "Business Needs")),
    ],
)
def test_a_list_question_gets_a_compact_list_with_the_whole_section_one_step_away(engine, question, areas):
    answer = engine.ask(question)
    assert_valid_message(answer.text, answer.blocks)
    text = to_terminal(answer.text)
    for area in areas:
        assert area in text, area
    assert lines(answer) <= 12, text
    whole = engine.ask(question, full=True)
    assert len(whole.text) > len(answer.text)
    if answer.more:
        assert any(b.get("block_id") == "aitl_full" for b in answer.blocks)


def test_the_compact_skills_list_names_every_item_of_its_first_area_and_every_other_area(engine):
    kb = engine.kb
    answer = engine.ask("what skills does an ai tech lead need?")
    text = to_terminal(answer.text)
    first = kb.section("requirements/technical-proficiency").items
    for item in first:
        assert f"{item.title}: " in text
    # while there is room, the lines whose cut words name things get them back: languages, frameworks
    assert "Python, R, or Julia" in text and "TensorFlow, PyTorch, or Scikit-Learn" in text
    for area in ("leadership-and-management", "strategic-acumen", "business-and-industry-knowledge"):
        section = kb.section(f"requirements/{area}")
        assert section.title in text and section.items[0].text not in text, "other areas: by name"
    assert lines(answer) <= 12


def test_a_question_for_several_of_a_list_gets_the_list_not_the_item_nearest_a_word(engine):
    for question, shown in (
        ("panel interview tomorrow: which soft skills will they test me on?", "Emotional Intelligence"),
        ("what best practices matter most when you run an ML team?", "Clear Communication"),
    ):
        answer = engine.ask(question)
        text = to_terminal(answer.text)
        assert answer.topic is None and shown in text and lines(answer) <= 12, text


def test_a_subcommand_for_a_list_still_gets_every_item_with_its_line(engine):
    text = to_terminal(engine.ask("", intent="challenges").text)
    for item in engine.kb.section("common-challenges").items:
        assert f"• {item.title}: " in text


def test_a_yes_no_question_gets_a_verdict_with_the_guides_reason(engine):
    answer = engine.ask("is emotional intelligence important?")
    text = to_terminal(answer.text)
    assert text.startswith("Yes: Emotional Intelligence")
    assert "crucial for success" in text  # the guide's own reason, from its introduction
    assert "Communication" not in text and lines(answer) <= 8


def test_a_hedged_requirement_is_not_strictly_required(engine):
    text = to_terminal(engine.ask("are certifications required?").text)
    assert text.startswith("Not strictly")
    assert "While not always required" in text


def test_topic_section_is_the_guides_top_level_section(engine):
    kb = engine.kb
    tops = {s.title for s in kb.top_sections()}
    for question in (
        "do I need to know kubernetes?",
        "what does data governance involve?",
        "is emotional intelligence important?",
        "how should I network to become an ai tech lead?",
        "is 6 yrs enough or do i need more experience?",
    ):
        topic = engine.ask(question).topic
        assert topic is not None and topic["section"] in tops, (question, topic)
    assert engine.ask("do I need to know kubernetes?").topic == {
        "section": "Requirements",
        "item": "Cloud and Infrastructure",
    }
    assert engine.ask("what does data governance involve?").topic == {
        "section": "Core Responsibilities",
        "item": "Data Governance",
    }


def test_words_about_the_form_of_a_question_do_not_pick_an_item(engine):
    for question in ("list the soft skills", "skills required to be an ai tech lead"):
        answer = engine.ask(question)
        assert answer.topic is None, question
        assert "Emotional Intelligence" in to_terminal(answer.text) or "Programming Skills" in to_terminal(
            answer.text
        )


BIASED_MODEL = (
    "My client's recruiting model was called out by reporters for favoring male candidates, and now "
    "they're hiring an AI lead. What does the guide recommend leads actually do to keep that from "
    "happening again?"
)


def test_a_title_word_said_in_passing_does_not_beat_the_item_the_question_means(engine):
    # "model" names Model Development and Deployment; the question is about a biased model
    text = to_terminal(engine.ask(BIASED_MODEL).text)
    assert "Model Development and Deployment" not in text


def test_a_question_about_a_biased_model_gets_ethical_ai_practices(engine):
    # a known miss from session 12 to 2026-12-07 (the nearest look-alike pulled Collaboration with
    # Stakeholders); right since the item scorer reads the message's most decisive part as well
    text = to_terminal(engine.ask(BIASED_MODEL).text)
    assert "Ethical AI Practices" in text and "mitigate bias" in text
    assert "Collaboration with Stakeholders" not in text


def test_a_named_area_gets_that_area(engine):
    answer = engine.ask("how should I network to become an ai tech lead?")
    text = to_terminal(answer.text)
    assert "Join professional associations in the AI field." in text
    assert "Specialized Domains" not in text and lines(answer) <= 10


def test_a_bonus_question_leads_with_the_bonus_line(engine):
    answer = engine.ask("how much can bonuses add for an ai tech lead?")
    text = to_terminal(answer.text)
    assert text.startswith("The guide: Performance Bonuses")
    assert "10% to 20%" in text and "Additional Compensation" in answer.sources
    assert "$160,000" not in text  # not the base pay it was not asked for


def test_a_degree_held_is_read_after_i_have_and_master_the_verb_is_no_degree(engine):
    assert to_terminal(engine.ask("i have a masters, is that enough?").text).startswith("Yes: a master's")
    answer = engine.ask("which deep learning algorithms should i master?")
    text = to_terminal(answer.text)
    assert "CNNs, RNNs, transformers" in text and "Typically a Master's" not in text


def test_years_in_a_career_question_are_compared_with_the_requirement(engine):
    text = to_terminal(
        engine.ask("I've been a data scientist for 4 years, could I apply for ai tech lead roles?").text
    )
    # 4 years is short of the requirement and of the guide's lowest band (5-8 years): not yet
    assert text.startswith("Not yet by the guide's figure") and "usually 8+ years" in text
    assert "below even its lowest salary band, Entry-Level (5-8 years experience)" in text


@pytest.mark.parametrize(
    "question",
    ["so what would i earn as a new grad", "fresh grad here, what would an ai lead job pay me?"],
)
def test_a_new_grad_is_not_read_as_the_entry_level_band(engine, question):
    # Entry-Level is an AI Tech Lead with 5-8 years: a new grad is below it, and told so
    text = to_terminal(engine.ask(question).text)
    assert "(no years of experience yet) as below the guide's lowest band" in text


def test_a_new_grads_question_about_something_else_gets_that_not_a_verdict_on_years(engine):
    question = (
        "New grad here, just started as a junior ML engineer. My manager asked me to mentor two "
        "interns. Does mentoring count toward growing into a tech lead someday?"
    )
    text = to_terminal(engine.ask(question).text)
    assert "Mentor junior team members" in text and "Not yet by the guide's figure" not in text


def test_the_guides_years_pointed_back_at_are_not_the_askers(engine):
    # "the 8+ years" is the guide's figure, already said: not news that the asker has 8 years
    text = to_terminal(engine.ask("ok and the 8+ years, does my backend time count?").text)
    assert "8 years meets" not in text and "AI/ML roles" in text


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("how does the guide treat data privacy overall?", "data privacy"),
        ("what does the guide say about leadership across its sections?", "leadership"),
        ("where in the guide is mentorship covered?", "mentorship"),
        ("is collaboration mentioned anywhere in the guide?", "collaboration"),
        ("which sections talk about privacy?", "privacy"),
        ("how often does the guide mention blockchain?", "blockchain"),  # one it does not have at all
        ("every mention of python in the guide", "python"),
        ("sum up the guide's views on ethics", "ethics"),
        ("where else does the guide bring up ethics besides the trends?", "ethics"),
        ("is ethics only a trend or does it show up elsewhere too?", "ethics"),
        ("does the guide talk about mentoring anywhere?", "mentoring"),
        ("how is ethics treated in the guide?", "ethics"),
        ("what's the guide's take on communication?", "communication"),
        ("anything in there about innovation? feels like a buzzword", "innovation"),
        ("how does the guide want leads to deal with stakeholders", "stakeholders"),
        ("conflict: where does the guide cover it?", "conflict"),
        ("hows the guide frame security / privacy", "security / privacy"),
        ("in how many sections does privacy appear?", "privacy"),
        ("overview of leadership across the guide", "leadership"),
        ("How does the guide handle the topic of ethics?", "ethics"),  # "topic" names no subject
        ("give me everything on security from the guide", "security"),
        ("compile what the guide says about risk", "risk"),  # "what the guide says" asks no one thing
        ("collect all the guide's advice on stakeholders", "stakeholders"),  # all of its advice
        ("how much emphasis does the guide put on ethics?", "ethics"),
        ("I want a rundown of how the guide treats security", "security"),
        ("Is ethics a recurring theme in this guide? where?", "ethics"),
        ("what do the guide's sections say about managing stakeholders?", "stakeholders"),  # the thing
        ("where does ethics come up?", "ethics"),  # where a subject comes up: across, guide unnamed
        ("certifications - where are they discussed?", "certifications"),
        ("where is data mentioned?", "data"),
        ("tell me all you know about leadership", "leadership"),
        ("what does the playbook say on leadership", "leadership"),
        ("what's the deal with stakeholders across the different areas?", "stakeholders"),
        (
            "what's everything the guide says about monitoring models in production",
            "monitoring models in production",
        ),
    ],
)
def test_ways_of_asking_across_the_guide_are_read_with_their_subject(engine, question, subject):
    from bot.engine import facts
    from bot.engine.search import index_for

    assert facts.read(question, index=index_for(engine.kb))[1].across == subject


@pytest.mark.parametrize(
    "question",
    [
        "how is the market doing?",
        "does the role need a phd?",
        "how is an AI lead expected to measure model performance?",
        "what does the guide say a lead needs on that front",
        "whats the guide's advice on cleaning data?",
        "is python a must",  # a verdict asked, not what the guide says
        "which certs does the guide actually recommend?",  # one thing asked for
        "how do the guide's soft skills describe communication?",  # one section named
        "summarize the skills required",  # the section itself
        "what does the guide say about time management and prioritization?",  # one item's title
        "per the guide, how much do senior leads earn",  # a pay question
        "what does the guide say about training programs",  # one item, though "programs" is elsewhere
        "tell me everything about edge ai",  # Edge AI, not every "cutting-edge"
    ],
)
def test_questions_about_one_thing_are_not_read_as_across_the_guide(engine, question):
    from bot.engine import facts
    from bot.engine.search import index_for

    assert facts.read(question, index=index_for(engine.kb))[1].across is None


def test_a_request_to_summarize_what_the_guide_says_is_answered_across_it_not_with_help(engine):
    text = to_terminal(engine.ask("summarize everything the guide says about privacy, pls").text)
    assert text.startswith("The guide speaks of privacy in") and "Privacy Protection" in text


def test_a_subject_the_guide_has_in_one_section_gets_that_item_not_a_list_of_places(engine):
    text = to_terminal(engine.ask("what's the guide's take on documentation?").text)
    assert "Maintain comprehensive documentation" in text and "places" not in text


def test_a_subject_in_several_sections_is_answered_across_the_guide_however_it_is_asked(engine):
    text = to_terminal(engine.ask("anything in there about innovation? feels like a buzzword").text)
    assert text.startswith("The guide speaks of innovation in")
    assert "Innovation Management" in text and "Innovation Mindset" in text


def test_a_place_across_the_guide_shows_its_words_about_the_subject(engine):
    text = to_terminal(engine.ask("what does it say about kubernetes?").text)
    assert "Docker, Kubernetes" in text and "Hadoop, Spark, and Kubernetes" in text


def test_across_the_guide_every_place_is_named_with_its_section_within_the_budget(engine):
    answer = engine.ask("what does the guide say about communication, all the places it shows up?")
    text = to_terminal(answer.text)
    places = int(text.split(" in ", 1)[1].split(" place", 1)[0])
    assert places >= 8 and lines(answer) <= 12
    # an area whose title names the subject is a place; the lesser places are still named
    assert "Stakeholder Communication (Core Responsibilities)" in text
    assert "Clear Communication (Best Practices)" in text and "Communication (Essential Soft Skills)" in text


def test_across_the_guide_the_item_titled_the_subject_comes_first_with_its_words(engine):
    text = to_terminal(engine.ask("summarize everything the guide says about leadership").text)
    first = text.splitlines()[1]
    assert first.startswith("• Leadership (")
    assert "Visionary thinking" in text  # Essential Soft Skills › Leadership, shown with its words


def test_a_pay_question_put_as_what_the_guide_says_gets_the_figures(engine):
    text = to_terminal(engine.ask("what does the guide say about salaries in NYC?").text)
    assert "$200,000 - $350,000" in text and "places" not in text


@pytest.mark.parametrize(
    ("question", "shown", "left_out"),
    [
        # the matcher reads Core Responsibilities; the question names Requirements › Strategic Acumen
        (
            "candidate brief says 'strategic acumen' — what specifically are we looking for there?",
            "Vision Development",
            "Resource Allocation",
        ),
        # read as a challenge; the question names the trend by its short name
        (
            "hiring mgr at a fintech. every candidate keeps name-dropping XAI, why is that such a big deal?",
            "trust and accountability",
            "Talent Acquisition",
        ),
    ],
)
def test_a_title_the_question_names_wins_over_the_intents_own_sections(engine, question, shown, left_out):
    answer = engine.ask(question)
    text = to_terminal(answer.text)
    assert shown in text and left_out not in text
    assert "Did you mean" not in text  # the answer's own section is the reading, not a guess


def test_a_question_about_something_besides_the_askers_years_answers_that_first(engine):
    text = to_terminal(engine.ask("10 yrs in ML, zero certifications. am I at a disadvantage?").text)
    assert "not always required" in text.splitlines()[0]  # the certifications, first
    assert "10 years meets the “usually 8+ years”" in text  # the asker's years, still compared


def test_the_askers_other_fact_beside_their_years_is_answered_with_its_requirement(engine):
    question = "Been an IC for 8 yrs, never managed anybody. Will that hurt me when applying for lead roles?"
    text = to_terminal(engine.ask(question).text)
    assert "Leadership Experience" in text.splitlines()[0]  # what the question is about, first
    assert "8 years meets the “usually 8+ years”" in text  # the asker's years, still compared


def test_two_items_of_one_area_named_are_both_shown(engine):
    text = to_terminal(engine.ask("Asia Pacific vs North America: which AI market looks stronger?").text)
    assert "Fastest-growing market" in text and "Substantial market share" in text


def test_a_step_of_the_path_comes_with_the_other_steps(engine):
    text = to_terminal(engine.ask("what comes after senior engineer on the path to ai tech lead?").text)
    assert "Progress to senior engineer" in text and "Transition to AI Tech Lead" in text


def test_what_to_learn_to_grow_is_answered_from_career_development(engine):
    # the career answer's composition (soft skills › Leadership is a fair reading too: the matcher's call)
    answer = engine.ask("what leadership skills should I build to become a tech lead?", intent="career")
    assert "agile methodologies" in to_terminal(answer.text)
    assert "Career Development" in answer.sources


def test_a_row_compared_with_the_national_average_gets_the_difference_at_each_end(engine):
    text = to_terminal(engine.ask("how far above the national average is exec-level pay?").text)
    assert text.startswith("Executive-Level pays $90,000 more at the bottom and $100,000 more at the top")
    assert "$160,000 - $250,000" in text and "Differences computed by the bot" in text


def test_the_askers_figure_is_placed_in_their_industry_beside_the_differences(engine):
    text = to_terminal(engine.ask("I make 120k in academia, how much more would I make vs industry?").text)
    assert "than Finance and Healthcare" in text and "than Tech and Software" in text
    assert "$120,000 is in the lower third of the guide's Academia and Research range" in text


def test_industry_at_large_compared_after_the_askers_years_still_gets_each_difference(engine):
    text = to_terminal(
        engine.ask("I'm a professor (ML, 12 yrs post-phd). how does academia pay compare to industry?").text
    )
    assert text.startswith("Academia and Research pays $80,000 less at the bottom")
    assert "than Tech and Software" in text and "Senior-Level (12-18 years): $180,000 - $280,000" in text


def test_one_industry_against_industry_at_large_gets_the_difference_from_each_other_industry(engine):
    text = to_terminal(engine.ask("what does academia pay for an AI tech lead vs industry?").text)
    assert text.startswith(
        "Academia and Research pays $80,000 less at the bottom and $100,000 less at the top"
    )
    assert "$50,000 less at the bottom and $80,000 less at the top than Tech and Software" in text
    assert "Differences computed by the bot" in text


def test_two_parts_of_one_area_asked_together_get_the_area(engine):
    text = to_terminal(
        engine.ask("is data privacy and the data lifecycle something the AI tech lead owns?").text
    )
    assert "Data Strategy" in text and "Privacy Protection" in text


def test_a_long_subject_is_repeated_briefly_and_the_answer_fits(engine):
    answer = engine.ask("what does the guide say about " + "data quality " * 100)
    first = to_terminal(answer.text).splitlines()
    lead = next(line for line in first if line.startswith("The guide speaks of"))
    assert len(lead) < 140 and "…" in lead


def test_a_yes_no_question_about_a_whole_section_gets_its_point_with_a_verdict(engine):
    answer = engine.ask("is there demand for ai tech leads?")
    text = to_terminal(answer.text)
    assert text.startswith("Yes: the guide, in Market Demand:")
    assert "continues to grow rapidly" in text and lines(answer) <= 6
    assert "$1.3 trillion" in text.splitlines()[0]  # the section's figures, with its point
    assert "Market Size and Growth" in to_terminal(
        engine.ask("is there demand for ai tech leads?", full=True).text
    )


@pytest.mark.parametrize(
    ("question", "verdict"),
    [
        ("is quantum ai actually mainstream yet?", "Not yet: *Quantum AI*"),  # "Emerging research area"
        ("is quantum ai one of the trends?", "Yes: *Quantum AI*"),  # it is on the list
        ("are certifications required for this role or optional?", "Not strictly: *Relevant Certifications*"),
        ("is this an IC role or do you actually manage people", None),  # no bare yes: the item
    ],
)
def test_a_yes_no_verdict_follows_the_guides_words(engine, question, verdict):
    text = engine.ask(question).text
    if verdict is None:
        lead = text.split("\n", 2)[:2]
        assert not text.startswith("Yes") and "*People Leadership*" in " ".join(lead)
    else:
        assert text.startswith(verdict)


def test_a_yes_no_question_about_something_only_another_section_has_gets_that_item(engine):
    answer = engine.ask("do ai leads need to know agile")
    text = to_terminal(answer.text)
    assert "Learn agile methodologies" in text and lines(answer) <= 12


def test_across_the_guide_the_source_line_says_the_sections_are_named_above(engine):
    answer = engine.ask("what does the guide say about communication across the board?")
    text = to_terminal(answer.text)
    assert "Source: AI Tech Lead guide — the 7 sections named above" in text
    assert len(answer.sources) >= 7 and "Essential Soft Skills" in answer.sources  # all still cited
    assert "Active listening" in text  # the first places show more than their first sub-point
    assert lines(answer) <= 12


def test_across_the_guide_the_most_relevant_places_show_their_later_sub_points(engine):
    text = to_terminal(engine.ask("where does the guide talk about cloud?").text)
    assert "Hadoop, Spark, and Kubernetes" in text  # Cloud and Distributed Computing's second point
    text = to_terminal(engine.ask("what does the guide say about continuous learning?").text)
    assert "Follow research papers" in text  # an area's items, with their words when there is room


def test_a_question_for_one_thing_no_item_answers_alone_gets_the_area_that_does(engine):
    # Market Demand's areas hold untitled bullets: the area whose title and bullets have the words
    answer = engine.ask("which region of the world has the fastest growing AI market?")
    text = to_terminal(answer.text)
    assert "Asia Pacific" in text and "$1.3 trillion" not in text and lines(answer) <= 8


@pytest.mark.parametrize(
    "question",
    [
        "according to the guide, what's the job outlook",  # a word the guide lacks is no missing subject
        "do we need a risk register for ml projects, and how often to update it",  # not how often it says
        "as the lead do I still review code and design the overall system?",  # "overall" qualifies
        "what does the guide say about multimodal AI",  # one item (multi-faceted is not multimodal)
        "hard to hire ml people, even harder to keep them. guide mention that?",  # a situation, not a topic
        "my board asks about AI ethics. is that one of the big shifts the guide talks about?",  # one of them
    ],
)
def test_a_question_about_one_thing_that_mentions_the_guide_is_not_answered_across_it(engine, question):
    from bot.engine import facts
    from bot.engine.search import index_for

    assert facts.read(question, index=index_for(engine.kb))[1].across is None


def test_a_question_for_one_quality_gets_the_one_area_whose_title_names_it(engine):
    text = to_terminal(
        engine.ask("beyond technical skills, which strategic qualities should an ai tech lead have?").text
    )
    assert "Vision Development" in text and "Educational Background" not in text


def test_a_question_the_matcher_reads_as_the_whole_list_gets_the_list(engine):
    # the matcher scores the whole list above every item: no item is picked by the words alone
    # (it once answered "usual problems" with the one challenge whose text says "problem")
    answer = engine.ask("what are the usual problems AI leads hit")
    assert answer.intent == "challenges" and answer.topic is None
    assert "Data Quality and Availability" in answer.text and "Model Drift and Maintenance" in answer.text
    # nor by the encoder's nearest item when the question asks for one thing ("what ... do")
    answer = engine.ask("ok so what does an ai tech lead even do")
    assert answer.intent == "responsibilities" and answer.topic is None
    assert "Technical Leadership" in answer.text and "Data Governance" in answer.text


def test_an_item_the_words_name_in_passing_gives_way_to_the_one_the_question_is_about(engine):
    # "regulators" is an alias of Regulatory Compliance and Standards; the question is about
    # explaining a model's decisions, which the item scorer reads clearly
    answer = engine.ask(
        "our bank's regulators keep asking why the credit model rejected people and my team can't say."
        " is that something the trends say leads should watch?"
    )
    assert answer.intent == "trends"
    assert answer.topic == {"section": "Industry Trends", "item": "Explainable AI (XAI)"}
    assert "Regulatory Compliance and Standards" not in answer.text.split("\n")[0]


def test_a_yes_no_question_naming_no_item_gets_the_items_the_scorer_finds_nearest(engine):
    # no word names Integration with Existing Systems; the guide's words ("model", "years") would
    # pick others
    answer = engine.ask(
        "we bolted our forecasting model onto a 20 year old ERP and it's been months of pain,"
        " is that a usual headache for leads?"
    )
    assert answer.intent == "challenges"
    assert "Integration with Existing Systems" in answer.text and lines(answer) <= 12
    assert "Model Interpretability" not in answer.text


def test_what_the_role_is_gets_its_description_not_the_nearest_overview_item(engine):
    for question in (
        "give me the one-line pitch for what an AI tech lead is",
        "why would a company like ours even need an AI tech lead?",
    ):
        answer = engine.ask(question)
        assert answer.intent == "overview" and answer.topic is None, question
        assert to_terminal(answer.text).startswith("The AI Tech Lead is a pivotal role"), question


def test_a_yes_no_question_told_with_never_and_always_gets_the_item_not_the_list(engine):
    # "never", "always", "used" say how the asker worked, not what about: they name no guide item
    answer = engine.ask("I've always used plain VMs and never touched docker. do I need it for this role?")
    text = to_terminal(answer.text)
    assert "Docker, Kubernetes" in text and "Programming Skills" not in text and lines(answer) <= 12


def test_the_asker_s_years_and_degree_do_not_hide_what_the_question_asks(engine):
    # the asker's facts are context; the point is the item the question asks about, then each verdict
    answer = engine.ask("I have a bachelor's and 9 years. is python enough or do I need R too?")
    text = to_terminal(answer.text)
    assert text.startswith("Programming Skills") and "Python, R, or Julia" in text
    assert "9 years meets" in text and "Not required, but less than usual" in text


def test_a_question_for_one_thing_its_intent_lacks_gets_the_area_elsewhere_that_has_it(engine):
    # read as a trend; the trends have no industries, Market Demand's Industry Adoption does
    answer = engine.ask("which sectors and industries is the guide saying adopt AI the most?")
    text = to_terminal(answer.text)
    assert "healthcare, finance, manufacturing" in text and "Edge AI" not in text and lines(answer) <= 12


def test_an_offer_in_a_place_the_guide_does_not_name_is_placed_without_the_other_tiers(engine):
    # where the offer falls is the point; the tiers it is not in are one step away
    answer = engine.ask("got an offer of 150k in Tulsa with 9 years of experience, is that fair?")
    text = to_terminal(answer.text)
    assert text.startswith("$150,000 is at the bottom") and "Tulsa: read as a non-tech hub" in text
    assert "Other tiers" not in text and lines(answer) <= 12


def test_a_question_for_the_national_average_gets_that_figure_alone(engine):
    text = to_terminal(engine.ask("what's the national avg salary for an AI tech lead?").text)
    assert "$160,000 - $250,000" in text and "Executive-Level" not in text


def test_a_question_for_one_thing_its_words_miss_gets_the_item_nearest_in_meaning(engine):
    # "worth" is no word of Market Size and Growth; the encoder reads the question as that area
    answer = engine.ask("how much will the AI market be worth?")
    text = to_terminal(answer.text)
    assert "$1.3 trillion" in text and "Asia Pacific" not in text and lines(answer) <= 12


def test_a_question_whose_section_answer_is_already_short_keeps_it(engine):
    text = to_terminal(engine.ask("what executive roles can an ai tech lead grow into?").text)
    assert "Chief AI Officer" in text


def test_across_the_guide_an_item_shown_in_its_area_is_not_listed_again(engine):
    text = to_terminal(engine.ask("what does the guide say about regulation and compliance?").text)
    assert "Quality Assurance and Compliance (Core Responsibilities)" in text
    assert "Regulatory Compliance (Core Responsibilities)" not in text  # one of that area's items
    assert text.splitlines()[0].endswith(":") and len(wrap(text.splitlines()[0], 80).splitlines()) == 1


def test_two_places_of_one_tier_compared_are_said_to_share_its_range(engine):
    answer = engine.ask("is boston or seattle better paid for an ai tech lead?")
    text = to_terminal(answer.text)
    assert text.startswith("Boston and Seattle get the same range in the guide")
    assert "$150,000 - $280,000" in text and "Differences computed" not in text and lines(answer) <= 12


def test_a_question_for_one_thing_said_in_another_item_s_words_gets_the_item_it_means(engine):
    # "growth rate" is said in Industry Adoption; the market's growth is Market Size and Growth's CAGR
    text = to_terminal(engine.ask("what yearly growth rate is forecast for the AI market?").text)
    assert "35.7%" in text and "life sciences" not in text


@pytest.mark.parametrize(
    ("question", "words"),
    [
        ("does the guide mention time series?", "time series analysis"),  # read as a trend before
        ("does the guide say anything about computer vision?", "computer vision"),
        ("does the guide say anything about open source?", "open-source"),  # read as out of scope before
    ],
)
def test_a_subject_the_guide_has_in_one_place_is_answered_from_that_place(engine, question, words):
    answer = engine.ask(question)
    assert words in to_terminal(answer.text) and answer.intent != "unknown" and lines(answer) <= 12


def test_a_question_about_the_guide_whose_words_are_in_no_one_place_stays_out_of_scope(engine):
    assert engine.ask("does the guide talk about the stock market today?").intent == "unknown"


def test_a_question_across_the_guide_read_as_out_of_scope_reports_the_section_it_answers_from(engine):
    answer = engine.ask("anything in the guide about kubernetes?")
    assert answer.intent != "unknown" and "Docker, Kubernetes" in to_terminal(answer.text)


def test_a_subject_the_guide_has_under_another_name_is_not_said_to_be_missing(engine):
    # "mlops" is the knowledge base's alias of Model Development and Deployment
    text = to_terminal(engine.ask("does the guide mention mlops?").text)
    assert "CI/CD pipelines" in text and "does not mention" not in text


def test_a_question_whose_words_are_said_in_an_item_keeps_it_over_a_weaker_reading(engine):
    # "largest revenue share" is Technological Advancements' own words; the encoder leans to market size
    text = to_terminal(
        engine.ask("Which segment of the AI market had the largest revenue share recently?").text
    )
    assert "Deep learning segment" in text


def test_a_yes_no_question_about_a_whole_section_keeps_the_sentence_that_answers_it(engine):
    text = to_terminal(engine.ask("is demand for this job still going up").text)
    assert "continues to grow rapidly" in text


def test_a_degree_question_with_a_field_named_is_answered_about_the_degree(engine):
    # "in machine learning" qualifies the PhD: the answer is the degree requirement, not AI and ML Expertise
    text = to_terminal(engine.ask("is a PhD in machine learning required for AI lead jobs").text)
    assert text.startswith("Not strictly") and "Master's or Ph.D." in text


def test_a_question_about_the_asker_s_own_document_is_not_read_as_about_the_guide(engine):
    from bot.engine import facts
    from bot.engine.search import index_for

    question = "we're writing a leveling doc. what does a senior-level AI tech lead earn?"
    assert facts.read(question, index=index_for(engine.kb))[1].across is None


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("what's an AI tech lead and why does it matter", "The AI Tech Lead is a pivotal role"),
        ("what does an ai tech lead do", "The guide's 8 areas of Core Responsibilities"),  # not one item
    ],
)
def test_a_broad_question_keeps_its_section_s_own_answer(engine, question, start):
    assert to_terminal(engine.ask(question).text).startswith(start)


def test_in_general_terms_is_no_subject_of_the_guide(engine):
    from bot.engine import facts
    from bot.engine.search import index_for

    question = "Data scientist 3 years in. In general terms, what is the AI tech lead role about?"
    assert facts.read(question, index=index_for(engine.kb))[1].place is None


def test_across_the_guide_the_source_line_never_claims_sections_the_answer_did_not_name(engine):
    # "data" is in 19 places; the lesser ones fold into "and N more", leaving a section unnamed:
    # the source line then names the sections itself
    text = to_terminal(engine.ask("what does the guide say about data").text)
    assert "named above" not in text and "Industry Trends" in text.splitlines()[-1]
    for subject in ("communication", "leadership", "ethics", "stakeholders", "data"):
        answer = engine.ask(f"what does the guide say about {subject}")
        text = to_terminal(answer.text)
        assert lines(answer) <= 12
        if "named above" in text:
            body = text.rsplit("Source:", 1)[0]
            count = int(text.rsplit("the ", 1)[1].split(" sections named above")[0])
            named = {t for t in answer.sources if f"({t})" in body or f"{t} ›" in body}
            assert len(named) >= count


def test_a_subject_joined_by_n_and_asked_across_the_doc_is_answered_across_it(engine):
    text = to_terminal(engine.ask("ethics n bias, round it up across the doc for me").text)
    assert text.startswith("The guide speaks of ethics and bias in")
    assert "Ethical AI Practices" in text and "Ethical Awareness" in text


def test_a_subject_before_a_comma_is_read_without_the_asker_s_aside(engine):
    text = to_terminal(engine.ask("everything on leadership pls, got a promo chat tomorrow").text)
    assert text.startswith("The guide speaks of leadership in")


def test_which_things_come_up_asks_where_the_leading_topic_is_spoken_of(engine):
    text = to_terminal(engine.ask("privacy - thoughts? which measures come up").text)
    assert text.startswith("The guide speaks of privacy in") and "Privacy Protection" in text


def test_a_doing_narrowed_to_whom_is_answered_across_the_guide_for_the_doing(engine):
    text = to_terminal(engine.ask("mentoring junior engineers - where does the guide bring that up?").text)
    assert text.startswith("The guide speaks of mentoring in")
    assert "nurturing talent" in text and "Mentor junior team members" in text


def test_across_the_guide_a_lesser_place_shows_its_sub_points_whole_and_the_rest_are_named(engine):
    answer = engine.ask("according to the guide, how should a lead handle stakeholders?")
    text = to_terminal(answer.text)
    assert "Building strong client relationships; Clear expectation management." in text
    named = next(line for line in text.splitlines() if line.startswith("• Also: "))
    assert "Collaboration (Overview)" in named and lines(answer) <= 12  # the rest, by name
    for line in text.splitlines():  # a place's line never ends in a word cut mid-way
        assert not re.search(r"\w…$", line), line


def test_across_the_guide_many_places_name_every_section_within_the_budget(engine):
    answer = engine.ask("what does the guide say about models across all sections")
    text = to_terminal(answer.text)
    assert "the 5 sections named above" in text and lines(answer) <= 12
    for section in (
        "Best Practices",
        "Common Challenges",
        "Overview",
        "Core Responsibilities",
        "Industry Trends",
    ):
        assert f"({section})" in text


def test_which_things_are_mentioned_still_asks_for_the_one_area_that_lists_them(engine):
    text = to_terminal(engine.ask("which industries are mentioned as adopting AI?").text)
    assert "Industry Adoption" in text and "places" not in text


def test_a_place_the_guide_does_not_name_gets_its_tier_s_range_alone(engine):
    answer = engine.ask("what would an ai tech lead earn in Spokane? not planning to relocate")
    text = to_terminal(answer.text)
    assert "$120,000 - $220,000" in text and "Spokane: read as" in text
    assert "$200,000 - $350,000" not in text and "$150,000 - $280,000" not in text  # one step away
    assert answer.more and lines(answer) <= 8


def test_a_yes_no_career_question_with_the_asker_s_years_gets_the_verdict_then_the_path(engine):
    question = "Teacher for 12 years, never worked in ML. Could I realistically become an AI tech lead?"
    answer = engine.ask(question)
    text = to_terminal(answer.text)
    first = text.splitlines()[0]
    # twelve years, but none in ML: not where the guide counts them
    assert first.startswith("Not yet by the guide's figure: it asks for usually 8+ years in AI/ML roles")
    assert "your 12 years are not in AI/ML" in first
    assert "AI Engineer or Data Scientist" in text and "Start in entry-level roles" in text
    assert "$" not in text and "band" not in text  # a career answer shows no pay, nor a pay band
    assert lines(answer) <= 12


def test_a_degree_and_experience_asked_together_are_both_answered_in_the_order_asked(engine):
    question = "for this role, does a master's matter more than years of experience?"
    text = to_terminal(engine.ask(question).text)
    assert "Master's or Ph.D." in text and "usually 8+ years" in text
    assert text.index("Master's or Ph.D.") < text.index("usually 8+ years")


def test_a_yes_no_question_about_a_whole_section_in_other_words_still_gets_its_point(engine):
    # none of its words are in the section's opening sentence: the sentence and figures all the same
    answer = engine.ask("are ai tech leads in short supply these days?")
    first = to_terminal(answer.text).splitlines()[0]
    assert answer.intent == "market" and "grow rapidly" in first and "35.7%" in first
    assert not first.startswith("Yes")  # no verdict on words the guide does not say


def test_a_pay_figure_asked_beside_the_askers_years_gets_the_figures_not_the_experience_bar(engine):
    # read as qualifications with salary close behind (the matcher's reading of such a question)
    from bot.engine.answers import Query, compose
    from bot.engine.facts import read
    from bot.engine.search import index_for, terms_of

    question = "applicant: 20 yrs of experience, asking 330k base. is that crazy for an ai tech lead?"
    asker, form = read(question, index=index_for(engine.kb))
    query = Query(
        kb=engine.kb,
        question=question,
        intent="qualifications",
        confidence=0.52,
        level="executive",
        facts=asker,
        form=form,
        words=tuple(terms_of(question)),
        scores=(("qualifications", 0.52), ("salary", 0.43)),
    )
    answer = compose(query)
    text = to_terminal(answer.text)
    assert answer.intent == "salary" and text.startswith("$330,000 is in the upper third")
    assert "Executive-Level (18+ years)" in text and "usually 8+ years" not in text
    # with salary far behind, the question is about the bar: the years are compared with it
    bar = compose(replace(query, scores=(("qualifications", 0.9), ("salary", 0.05))))
    assert bar.intent == "qualifications" and "usually 8+ years" in to_terminal(bar.text)


def test_a_level_asked_about_is_compared_with_the_band_of_the_askers_own_years(engine):
    text = to_terminal(engine.ask("with 9 yrs under my belt, what would an executive-level lead earn?").text)
    first = text.splitlines()[0]
    assert first.startswith("Executive-Level pays") and "than Mid-Level" in first
    assert "$250,000 - $350,000" in first and "$150,000 - $220,000" in first
    assert "Your 9 years fall in the guide's Mid-Level (8-12 years) band" in text


def test_ai_leadership_as_a_field_of_work_names_no_leadership_item(engine):
    answer = engine.ask("I'd like to get into AI leadership eventually. what should I focus on?")
    text = to_terminal(answer.text)
    assert "Team Leadership is one of" not in text and answer.topic is None
    assert "AI Engineer or Data Scientist" in text  # the way into the role


def test_the_askers_team_lead_names_no_team_item_and_another_sections_item_reports_its_intent(engine):
    # "team lead" is a role's name, not Team Building; the item the question names is a challenge
    answer = engine.ask("my team lead won't stop bringing up model drift. what should a lead do about it?")
    text = to_terminal(answer.text)
    assert "Model Drift and Maintenance" in text and "retraining" in text and "Team Building" not in text
    assert answer.intent == "challenges" and "Did you mean" not in text


def test_a_small_area_whose_title_the_question_says_is_shown_whole(engine):
    # the matcher's item is Domain Expertise; the question says more of its area's title: all three
    from bot.engine.answers import Query, compose
    from bot.engine.search import terms_of

    question = "how much business and industry knowledge does a lead need, the domain side especially?"
    query = Query(
        kb=engine.kb,
        question=question,
        intent="skills",
        confidence=0.9,
        topic="domain-expertise",
        words=tuple(terms_of(question)),
        scores=(("skills", 0.9),),
    )
    text = to_terminal(compose(query).text)
    assert "Domain Expertise" in text and "ROI Analysis" in text and "Risk Assessment" in text
    narrow = compose(
        replace(query, question="what domain expertise is expected?", words=("domain", "expertis"))
    )
    assert "ROI Analysis" not in to_terminal(narrow.text)  # the item alone when only it is named


def test_an_offer_in_rows_that_share_one_range_is_placed_once_with_nothing_estimated(engine):
    # Seattle's tier and Tech and Software are both $150,000 - $280,000: no overlap to compute
    answer = engine.ask("seattle software company offered me 230k, where does that land for an ai tech lead?")
    text = to_terminal(answer.text)
    first = text.splitlines()[0]
    assert first.startswith("$230,000 is in the") and "$150,000 - $280,000" in first
    assert "estimate" not in text and text.count("$150,000 - $280,000") == 1 and lines(answer) <= 12


def test_which_thing_to_master_is_answered_from_career_development(engine):
    text = to_terminal(engine.ask("which algorithms should i master on the way to ai tech lead?").text)
    assert "CNNs, RNNs, transformers" in text and "Career Development" in text


def test_how_to_get_there_with_the_askers_years_gets_the_path_then_the_verdict_with_no_pay_band(engine):
    answer = engine.ask("been a backend developer for 11 years, how do I move toward an AI tech lead role?")
    text = to_terminal(answer.text)
    # a backend developer's years are not the guide's "8+ years in AI/ML roles"
    assert text.index("Start in entry-level roles") < text.index("your 11 years are not in AI/ML")
    assert "band" not in text and "Salary Ranges" not in answer.sources and lines(answer) <= 12


def test_a_context_first_question_gets_the_item_it_means_not_the_list(engine):
    # long context, then the asking clause: no word of it names the item's title
    answer = engine.ask(
        "our team gets a small learning budget every year and i could spend mine on a vendor exam. "
        "for people who go on to lead AI groups, do those cloud certificates matter on a CV, or "
        "are they just a bonus nobody looks at?"
    )
    assert "not always required" in answer.text
    assert "Industry Tenure" not in answer.text


def test_a_word_said_in_passing_does_not_pick_an_item_far_from_the_meaning(engine):
    # "lead" and "team" in the context matched Team Leadership's title; the question is about tools
    answer = engine.ask(
        "i mostly do SQL and excel at work and want to move toward leading an AI team one day. "
        "which python libraries get named for crunching numbers and making charts?"
    )
    assert "Team Leadership" not in answer.text


def test_a_long_item_shows_the_point_with_the_rarest_words_asked_unclipped(engine):
    # two sub-points mention words of the question; together they were clipped before the tools
    answer = engine.ask(
        "i do reporting in excel all day and want to grow into leading AI teams eventually. "
        "which python libraries specifically get named for wrangling data and plotting?"
    )
    assert "NumPy" in answer.text and "Matplotlib" in answer.text


@pytest.mark.parametrize(
    ("question", "sections"),
    [
        (
            "we ship a hiring model soon and compliance worries about bias. "
            "what should a lead do about fairness and bias?",
            ("Best Practices", "Common Challenges"),
        ),
        (
            "stakeholders in finance keep changing what they want. how should a lead handle stakeholders?",
            ("Essential Soft Skills", "Core Responsibilities"),
        ),
    ],
)
def test_a_context_first_question_about_a_subject_in_several_sections_names_each_section(
    engine, question, sections
):
    answer = engine.ask(question)
    text = to_terminal(answer.text)
    assert "Also in the guide" in text  # the nearest passages in meaning of the other sections
    for section in sections:
        assert section in text.split("Source:")[0]
    assert lines(answer) <= 12


def test_a_move_asked_about_compares_the_place_left_with_the_place_moved_to(engine):
    # the place moved from is dropped when the question asks about the new one only ("moved from
    # Chicago, what should I make now?"), kept when it asks how the pay changes
    text = to_terminal(
        engine.ask(
            "relocating from seattle to a small town in iowa, keeping the ai lead title. what happens to pay?"
        ).text
    )
    assert "$150,000 - $280,000" in text and "$120,000 - $220,000" in text
    text = to_terminal(
        engine.ask("we moved from Chicago to Austin last year, what's senior ai lead pay here?").text
    )
    assert "Austin" in text and "Chicago" not in text.split("\n")[0]


def test_the_national_average_asked_alone_gets_that_row_not_the_experience_table(engine):
    for question in ("what's the natinal average salary for an AI lead?", "natl avg AI tech lead pay?"):
        text = to_terminal(engine.ask(question).text)
        assert "$160,000 - $250,000" in text
        assert "$250,000 - $350,000" not in text  # the executive band is not what was asked
        assert lines(engine.ask(question)) <= 12


def test_a_row_against_the_whole_country_gets_the_difference_with_the_national_average(engine):
    question = "how does non-tech hub pay compare with pay across the whole country?"
    text = to_terminal(engine.ask(question).text)
    assert "$120,000 - $220,000" in text and "$160,000 - $250,000" in text
    assert "computed by the bot" in text.lower()


def test_a_row_set_aside_is_not_compared(engine):
    text = to_terminal(engine.ask("not the national avg, in NYC: is $210k a fair base for an AI lead?").text)
    assert "$200,000 - $350,000" in text
    assert "$160,000" not in text  # the national average was set aside


def test_a_context_first_yes_no_question_answers_what_it_asks_before_the_askers_years(engine):
    answer = engine.ask(
        "Background: 2 years as a data scientist at a 30-person fintech, mostly notebooks. "
        "My manager wants me to lead a new ML squad next quarter. "
        "Does an AI tech lead still do the architecture design work?"
    )
    text = to_terminal(answer.text)
    assert text.index("Architecture Design") < text.index("8+ years")  # what it asks, then the asker
    assert lines(answer) <= 12


def test_a_hedged_item_asked_whether_it_counts_is_not_answered_not_strictly(engine):
    text = to_terminal(
        engine.ask(
            "Some background: 3 years in a research lab, 6 papers and a few talks. "
            "Do conference talks and publications count for anything toward an AI tech lead role?"
        ).text
    )
    first = text.split("\n", 1)[0]
    assert first.startswith("Often") and "viewed favorably" in text


def test_pay_on_top_of_base_said_without_naming_it_gets_the_bonus_line(engine):
    question = "beyond base salary, what percentage extra do AI leads get for performance?"
    text = to_terminal(engine.ask(question).text)
    assert "10% to 20%" in text
    assert "$250,000 - $350,000" not in text  # no experience table


def test_or_nah_makes_a_yes_no_question_answered_with_the_guides_words(engine):
    text = to_terminal(engine.ask("ai tech lead job in demand or nah?").text)
    assert "continues to grow rapidly" in text


def test_a_context_first_question_for_one_fact_gets_that_fact_not_the_section(engine):
    answer = engine.ask(
        "Hey! I run a small newsletter, issue 12 goes out Friday, my editor wants numbers. "
        "I already have the salary stuff covered. "
        "Which segment of the AI market had the largest revenue share in 2023, per the guide?"
    )
    text = to_terminal(answer.text)
    assert "Deep learning segment" in text
    assert "Asia Pacific" not in text


def test_a_subject_set_aside_is_neither_answered_nor_compared(engine):
    text = to_terminal(
        engine.ask("not degrees, I mean certs: which ones are worth having for an AI tech lead?").text
    )
    assert "Relevant Certifications" in text and "cloud platforms" in text
    assert "Master's or Ph.D." not in text  # the degree was set aside: no degree, no comparison


def test_a_subject_set_aside_does_not_pick_the_item(engine):
    text = to_terminal(
        engine.ask(
            "not model accuracy, I mean wiring the model into our 20-year-old billing system and the "
            "rest of the legacy stack. is that a known challenge?"
        ).text
    )
    assert "Integration with Existing Systems" in text
    assert "Model Drift" not in text


def test_an_acronym_of_the_guide_spelt_out_finds_its_place(engine):
    # the guide says "CAGR" and "ROI"; people write them out
    asked = "What compound annual growth rate does the guide give for the AI market?"
    growth = to_terminal(engine.ask(asked).text)
    assert "Market Size and Growth" in growth.splitlines()[0] and "35.7%" in growth  # where CAGR is, first
    # the first letters of the question's own small words spell nothing ("and what skills": no AWS)
    skills = to_terminal(engine.ask("and what skills do I need?").text)
    assert skills.startswith("Requirements › Technical Proficiency") and "Programming Skills" in skills


@pytest.mark.parametrize(
    "question",
    [
        "I lead 8 data people in a bank and I already know what AI leads get paid, that is not my "
        "question. What compound annual growth rate does the guide give for the AI market?",
        "Salary is not the issue, we pay senior people well in healthcare. What yearly growth rate "
        "does the guide expect for the global AI market?",
    ],
)
def test_context_about_pay_does_not_make_a_market_question_a_salary_one(engine, question):
    answer = engine.ask(question)
    text = to_terminal(answer.text)
    assert answer.intent == "market"
    assert "35.7%" in text
    assert "$180,000" not in text  # no salary row from the context's industry or level


def test_an_offer_asked_about_after_its_figure_stays_a_pay_question(engine):
    answer = engine.ask("Offer: $175k base, AI tech lead, NYC. Is that in line with the market for the role?")
    assert answer.intent == "salary"
    assert "$200,000 - $350,000" in to_terminal(answer.text)


def test_a_comparison_in_the_asking_sentence_is_not_joined_by_rows_the_context_names(engine):
    answer = engine.ask(
        "Our CTO and a senior VP keep arguing about budget for next year's hire. "
        "How does AI tech lead pay in academia compare with tech and software?"
    )
    text = to_terminal(answer.text)
    assert "$100,000 - $200,000" in text and "$150,000 - $280,000" in text
    assert "$250,000 - $350,000" not in text and "Senior-Level" not in text  # "VP", "senior": context


def test_context_first_question_for_the_hardest_part_still_gets_the_list(engine):
    # the asking sentence's own reading (the whole list) is used, not the whole question's items
    answer = engine.ask("Ex-teacher, learning ML at night. So what's the hardest part of being an AI lead?")
    assert "Common Challenges" in to_terminal(answer.text)


def test_a_lack_asked_about_is_answered_by_the_item_it_lacks_without_a_misleading_yes(engine):
    # "is that a problem?" says how it asks: the item is PyTorch's (frameworks), not Problem-Solving,
    # and a "Yes" would read as "yes, a problem"
    text = to_terminal(engine.ask("I've never touched PyTorch, is that a problem?").text)
    assert "PyTorch" in text.split("\n")[0] and "Problem-Solving" not in text
    assert not text.startswith("Yes")


def test_an_item_answer_adds_the_other_sections_place_that_has_the_questions_own_words(engine):
    """The guide speaks of what leads study in Overview and in Requirements: an answer that leads
    with one names the other under "Also in the guide", found by meaning and by the guide's words
    the question shares (by the encoder alone it fell below the cut), saying it combined them."""
    question = "not the degree level, the subject: what fields do AI tech leads study?"
    text = to_terminal(engine.ask(question).text)
    assert "Also in the guide" in text
    assert "Requirements › Educational Background" in text
    assert len(wrap(text.rstrip("\n"), 80).splitlines()) <= 12


@pytest.mark.xfail(
    strict=True,
    reason="a known miss since the retrain on blind-t27/t28 (session 12): the item scorer is no longer "
    "torn between the two areas but picks Team Management (0.51 against Technical Leadership's 0.36), "
    "so the nearest-item reading never runs",
)
def test_a_yes_no_question_about_one_duty_gets_the_item_nearest_it_not_the_list_of_areas(engine):
    """No word of it is an item's title, and the item scorer finds two areas equally near: the item
    nearest it in meaning that shares its specific word ("code") answers, with the verdict."""
    answer = engine.ask("are AI leads expected to look over their engineers' code?")
    text = to_terminal(answer.text)
    assert text.startswith("Yes: Technical Guidance")
    assert "code reviews" in text
    assert "Data Governance" not in text and "areas of Core Responsibilities" not in text
    assert answer.topic == {"section": "Core Responsibilities", "item": "Technical Leadership"}  # its area


def test_across_the_guide_a_new_section_is_shown_with_its_words_before_a_sections_second_place(engine):
    text = to_terminal(engine.ask("where does privacy come up in the guide?").text)
    shown = [line for line in text.splitlines() if line.startswith("• ") and not line.startswith("• Also")]
    sections = [line.split("(", 1)[1].split(")", 1)[0] for line in shown]
    assert len(shown) >= 3 and len(set(sections)) == len(sections)  # one place per section, with its words
    assert "respect user privacy" in text  # Industry Trends' place, not only named on the "Also" line


def test_a_situation_in_its_own_words_gets_other_places_near_its_item_not_one_sharing_a_word(engine):
    """ "our demand forecast got worse over six months": answered with Model Drift and
    Maintenance, the other places named are those near it in meaning (Performance Optimization),
    not Market Demand's Business Needs, which shares only the word "demand"."""
    question = (
        "our demand forecast was great at launch and then slowly got worse over six months. "
        "who's supposed to catch that, and how?"
    )
    answer = engine.ask(question)
    text = to_terminal(answer.text)
    assert text.startswith("Model Drift and Maintenance")
    assert "Also in the guide" in text and "Performance Optimization" in text
    assert "Business Needs" not in text and "Market Demand" not in text
    assert lines(answer) <= 12


def test_also_in_the_guide_names_more_places_in_briefer_lines_within_twelve_lines(engine):
    """When a place's whole line does not fit, it is named by its title and section with one whole
    sentence or sub-point rather than left out; the answer stays within its lines."""
    question = (
        "half our labeled data comes from one region and the model is bad everywhere else. "
        "what's someone leading the team supposed to do about data like this?"
    )
    answer = engine.ask(question)
    text = to_terminal(answer.text)
    also = text.split("Also in the guide")[1].split("Source:")[0]
    assert also.count("• ") >= 2
    # in its briefer line, or whole where the source line's "sections named above" leaves room
    assert any(
        form in also
        for form in (
            "Data Quality and Management (Best Practices): Implement robust data collection",
            "Best Practices — Data Quality and Management: Implement robust data collection",
        )
    )
    assert lines(answer) <= 12


def test_the_role_described_rather_than_named_is_not_the_subject_asked_about(engine):
    # "the people who lead ML teams" is the AI tech lead: its words name no item (Team
    # Leadership); the question is answered as it would be with the role named
    described = engine.ask("how much schooling does someone running an AI team need?")
    named = engine.ask("how much schooling does an AI tech lead need?")
    assert described.intent == named.intent == "qualifications"
    assert to_terminal(described.text).split("\n", 1)[0] == to_terminal(named.text).split("\n", 1)[0]
    assert "Team Leadership" not in to_terminal(described.text).split("\n", 2)[0]
    # leading asked about is still the subject
    assert "team" in to_terminal(engine.ask("how do I lead an ML team well?").text).split("\n", 1)[0].lower()


def test_whether_one_thing_suffices_is_not_answered_yes(engine):
    # the guide lists it among others: "Yes" would say it is enough
    for question in (
        "is python enough for an AI tech lead?",
        "is a project portfolio all I need to become an AI lead?",
    ):
        text = to_terminal(engine.ask(question).text)
        assert text.startswith("Not by itself"), question
    assert to_terminal(engine.ask("is python important for this role?").text).startswith("Yes")


def test_what_the_asker_says_they_are_not_names_no_item(engine):
    # "I'm not a manager" sets the asker's situation aside: it asks for no Team Management item
    answer = engine.ask("I'm not a manager and never will be, but what does an AI lead own?")
    assert answer.intent == "responsibilities" and answer.topic is None
    assert "8 areas of Core Responsibilities" in to_terminal(answer.text).splitlines()[0]


def test_how_long_it_takes_to_become_one_is_answered_with_the_guides_years(engine):
    text = to_terminal(engine.ask("how long does it take to become an AI tech lead?").text)
    assert text.startswith("The guide's figure: usually 8+ years")
    assert (
        "8+ years" not in to_terminal(engine.ask("how long does model retraining take?").text).splitlines()[0]
    )


@pytest.mark.parametrize(
    ("question", "first"),
    [
        # a yes/no about something else, the asker's degree only said in passing: that first
        (
            "Ethics never came up once in my degree. Is being ethically aware really a soft skill for leads?",
            "Yes: Ethical Awareness",
        ),
        # the asker's degree and whether it holds them back: the verdict on it first
        (
            "I only have a bachelor's, is that a problem for AI lead roles?",
            "Not required, but less than usual",
        ),
        # years and degrees set aside: no verdict on them at all
        (
            "I'm not asking about degrees or years of experience. do conference talks count for anything?",
            "Often: Industry Involvement",
        ),
    ],
)
def test_the_askers_years_or_degree_get_a_verdict_only_when_asked_about(engine, question, first):
    text = to_terminal(engine.ask(question).text)
    assert text.startswith(first), text.splitlines()[0]
    if "not asking about degrees" in question:
        assert "8+ years" not in text and "Master's or Ph.D." not in text


@pytest.mark.parametrize(
    ("question", "first"),
    [
        (
            "I'm not sure my 6 years of experience is enough, do I have a shot at AI tech lead?",
            "Not yet by the guide's usual figure",
        ),
        (
            "I have 6 years and no degree. Not asking about degrees, is 6 years enough to lead AI?",
            "Not yet by the guide's usual figure",
        ),
        (
            "after the 12 years I've spent in ML, am I ready to be an AI tech lead?",
            "Yes, by the guide's figure",
        ),
        ("is communication important enough to matter for an AI tech lead?", "Yes"),
    ],
)
def test_the_askers_standing_is_read_from_what_they_say_not_from_a_word_alike(engine, question, first):
    text = to_terminal(engine.ask(question).text)
    assert text.startswith(first), text.splitlines()[0]
    if "Not asking about degrees" in question:
        assert "6 years" in text.splitlines()[0]  # the years verdict stays; the degree set aside


def test_how_long_something_else_takes_is_not_the_years_to_become_one(engine):
    text = to_terminal(engine.ask("how long before a new AI tech lead is productive?").text)
    assert not text.startswith("The guide's figure: usually 8+ years")


@pytest.mark.parametrize(
    "question",
    [
        "which areas should I focus on first to grow my career?",
        "what requirements should organizations consider?",
    ],
)
def test_a_sentence_that_introduces_a_list_is_followed_by_it(engine, question):
    # the guide's "focus on these key areas:" must not end the answer at its colon
    answer = engine.ask(question)
    lead = answer.text.splitlines()[0]
    assert not lead.rstrip().endswith(":")
    assert lead.startswith("The guide, in ")
    section = lead.removeprefix("The guide, in ").split(":")[0]
    children = {"Career Development": "Technical Expertise", "Requirements": "Technical Proficiency"}
    assert children[section] in lead


def test_the_rest_of_a_list_once_the_asker_says_what_they_know(engine):
    text = to_terminal(
        engine.ask("already read up on edge AI and multimodal stuff. what other trends are on the list?").text
    )
    assert text.startswith("Besides Edge AI and Multimodal AI, the guide's 10 Industry Trends are:")
    assert "Quantum AI" in text and "AutoML and Low-Code AI" in text
    assert "Gaining traction with the proliferation of IoT" not in text  # Edge AI's own line: known
    said = to_terminal(
        engine.ask(
            "we've already got CI/CD for models sorted. what other best practices should we follow?"
        ).text
    )
    assert said.startswith("Besides Model Development and Deployment")  # known by meaning, not by title
    assert "Use version control for datasets and models" in said


def test_what_else_about_one_item_is_that_item_not_the_rest_of_its_list(engine):
    text = to_terminal(engine.ask("what else should I know about model drift?").text)
    assert not text.startswith("Besides")
    assert "Model Drift and Maintenance" in text and "retraining models" in text
    team = to_terminal(engine.ask("which part of the job is about leveling up the rest of the team?").text)
    assert not team.startswith("Besides")


def test_a_subject_left_aside_by_name_is_not_what_is_answered(engine):
    question = "leave ethics aside for a sec, how do we get models from dev into prod?"
    text = to_terminal(engine.ask(question).text)
    assert text.startswith("Model Development and Deployment")
    assert "CI/CD pipelines" in text


def test_a_soft_skill_question_after_its_context_gets_the_skill_its_asking_sentence_means(engine):
    question = (
        "quick vent. I'm new as an AI lead and a big client's VP messages me personally every time a score"
        " looks strange, and our product manager keeps committing to deadlines I never signed off on. Tech"
        " is fine, the people stuff is draining. which soft skills does the guide say matter for handling"
        " clients and expectations like this? also happy to take a book rec, but mainly want the guide's"
        " list. thanks, off to lie down now"
    )
    text = to_terminal(engine.ask(question).text)
    assert text.startswith("Stakeholder Management")  # not the list of all nine
    assert "Building strong client relationships" in text


def test_an_area_named_with_its_section_is_that_area_not_the_list_of_the_same_name(engine):
    text = to_terminal(
        engine.ask("what soft skills does the career development part tell you to work on?").text
    )
    assert text.startswith("Soft Skills is one of the 6 areas of the guide's Career Development")
    assert "Ethics and Responsibility" in text
    text = to_terminal(engine.ask("what does the requirements section say about soft skills?").text)
    assert text.startswith("Soft Skills is one of the 8 areas of the guide's Requirements")
    assert "Decision-Making" in text


@pytest.mark.parametrize(
    "question", ["should we require HIPAA experience?", "do candidates need SOX2023 training to lead AI?"]
)
def test_a_yes_no_about_something_the_guide_does_not_have_gets_no_yes(engine, question):
    # the asked thing is no word of the guide's nor of everyday English: no "Yes" for a near item
    text = to_terminal(engine.ask(question).text)
    assert not text.startswith(("Yes", "Usually", "Often", "It can")), text.splitlines()[0]


def test_the_answer_says_the_guide_does_not_mention_what_was_asked(engine):
    text = to_terminal(engine.ask("should we require HIPAA experience?").text)
    assert text.startswith("The guide does not mention HIPAA; the nearest it says:")


def test_a_verdict_on_years_of_another_field_comes_first(engine):
    text = to_terminal(
        engine.ask("I have 10 years as a backend engineer, is that enough experience to be an AI lead?").text
    )
    assert text.startswith("Not yet by the guide's figure: it asks for usually 8+ years in AI/ML roles")


@pytest.mark.parametrize(
    "said",
    [
        "I have 10 years as a backend engineer, is that enough experience to be an AI tech lead?",
        "backend eng here (go/java, kafka, k8s, ~9 yrs). does my background count for anything?",
    ],
)
def test_years_of_another_software_field_do_not_meet_the_ai_ml_years(engine, said):
    text = to_terminal(engine.ask(said).text)
    assert "Not yet by the guide's figure: it asks for usually 8+ years in AI/ML roles" in text
    assert "are not in AI/ML, as you describe them" in text and "Yes, by the guide's figure" not in text


@pytest.mark.parametrize(
    "said",
    [
        "I'm a backend engineer with 9 years in ML, is that enough to be an AI lead?",
        "I've been a frontend developer for 3 years and an ML engineer for 9 years. do I meet the bar?",
        "backend engineer turned ML lead, 9 years total. enough experience?",
        "not a backend engineer: 9 years building recommender models. enough experience?",
    ],
)
def test_years_in_ml_said_beside_another_field_still_count(engine, said):
    text = to_terminal(engine.ask(said).text)
    assert "not in AI/ML" not in text, said


def test_a_band_read_from_years_not_in_ai_ml_says_so_in_the_same_message(engine):
    text = to_terminal(engine.ask("i'm a backend eng w 9 yrs, no ml. what would i earn in seattle").text)
    assert "as Mid-Level (8-12 years) (outside AI/ML, as you describe them" in text
    text = to_terminal(engine.ask("9 yrs in ML, what would i earn in seattle").text)
    assert "outside AI/ML" not in text


def test_an_item_only_the_context_points_at_does_not_answer_a_question_for_several(engine):
    # the asker's own task ("hiring the person to lead it") drew the item scorer, weakly, to Talent
    # Acquisition; what it asks, "what kinds of problems", is the list of challenges
    question = (
        "We're standing up our first ML team next quarter and I'll be hiring the person to lead it. What"
        " kinds of problems should I expect them to be wrestling with?"
    )
    text = to_terminal(engine.ask(question).text)
    assert not text.startswith("Talent Acquisition"), text.splitlines()[0]
    assert "Data Quality and Availability" in text and "Talent Acquisition and Retention" in text


def test_a_word_of_the_context_does_not_pick_one_item_of_a_list_asked_for(engine):
    # "writing" matches Communication's "written communication": not what "what tech skills" asks
    text = to_terminal(engine.ask("writing a JD for an AI tech lead, what tech skills go in it?").text)
    assert not text.startswith("Communication"), text.splitlines()[0]
    assert "TensorFlow" in text and "Python" in text


def test_an_area_nearest_the_context_does_not_answer_a_question_for_several_of_the_list(engine):
    # "certificate program" draws the whole message nearest Certifications; what it asks, "what
    # technical topics", names no item: the technical areas, not the certifications
    question = (
        "I run a university certificate program for engineers moving into AI leadership. What technical"
        " topics should the syllabus include?"
    )
    text = to_terminal(engine.ask(question).text)
    assert "Certifications" not in text.splitlines()[0], text.splitlines()[0]
    assert "Technical Proficiency" in text and "Cloud and Infrastructure" in text


def test_a_context_that_says_what_the_list_is_for_still_picks_its_item(engine):
    # the item scorer is sure of the item the context describes: the practices for it, not all twelve
    question = (
        "Our model does great for our majority customer segment but noticeably worse for smaller groups."
        " Leadership is nervous about fairness. What practices does the guide suggest?"
    )
    text = to_terminal(engine.ask(question).text)
    assert "regular audits" in text


def test_years_told_before_a_question_about_the_role_answer_the_role_first(engine):
    # "have a cand w/ 10 yrs ..." is a statement, not a yes/no: the duties, not a verdict on the years
    question = (
        "have a cand w/ 10 yrs ML exp, based in Columbus OH."
        " what does an ai tech lead actually own day to day?"
    )
    text = to_terminal(engine.ask(question).text)
    assert "Technical Leadership" in text
    assert not text.startswith("Yes"), text.splitlines()[0]


@pytest.mark.parametrize(
    ("question", "yes_no"),
    [
        ("have a cand w/ 10 yrs ML exp, based in Columbus OH. what does an ai tech lead own?", False),
        ("has 8 years in ML. what would she lead?", False),
        ("10 yrs in ML. am I at a disadvantage?", True),
        ("4 yoe as a backend dev, could i land an entry level job", True),
        ("is python required.", True),  # a question ended by a period is still one
    ],
)
def test_a_sentence_told_with_a_period_is_no_yes_no_question(question, yes_no):
    from bot.engine import facts

    assert facts.read(question)[1].yes_no is yes_no


def test_a_title_word_said_only_in_the_context_does_not_pick_the_item(engine):
    # "data scientists" in the board's question names Data Management's title word in passing; "what's
    # the case for the role?" asks for the role's point
    question = (
        "I'm COO at a regional bank. The board keeps asking why we'd need a dedicated AI tech lead instead"
        " of just hiring more data scientists. What's the case for the role?"
    )
    text = to_terminal(engine.ask(question).text)
    assert "Data Management" not in text.splitlines()[0]
    assert "bridge the gap" in text


def test_how_much_experience_asked_without_years_is_the_guides_years(engine):
    for question in (
        "how much experience do ai tech leads need",
        "ok, what's the typical experience requirement for ai tech leads",
    ):
        answer = engine.ask(question)
        assert answer.topic == {"section": "Requirements", "item": "Industry Tenure"}
        assert "8+ years" in answer.text
    # the amount of one kind of experience is that kind's
    leading = engine.ask("how much leadership experience do they need")
    assert leading.topic == {"section": "Requirements", "item": "Leadership Experience"}


def test_a_form_word_of_a_yes_no_question_is_not_said_missing_from_the_guide(engine):
    text = to_terminal(engine.ask("never worked with tensorflow, only pytorch. dealbreaker?").text)
    assert "does not mention dealbreaker" not in text
    assert "TensorFlow, PyTorch, or Scikit-Learn" in text


def test_asking_whether_many_years_are_too_many_gets_no_yes(engine):
    text = to_terminal(
        engine.ask("I have 20 years of experience, am I overqualified for an AI tech lead role?").text
    )
    assert text.startswith("The guide names no upper limit: 20 years meets the “usually 8+ years”")
    assert not text.startswith("Yes")


def test_a_degree_in_a_field_the_guide_does_not_name_gets_no_plain_yes(engine):
    text = to_terminal(engine.ask("my phd is in biology not CS. does that count?").text)
    assert text.startswith("A Ph.D. is what the guide names, but it does not name biology.")
    named = to_terminal(engine.ask("I have a master's in statistics. is that enough education?").text)
    assert named.startswith("Yes: a master's is what the guide names.")
    # a field's short form names it too: "stats" is Statistics, "math" Mathematics
    for short in (
        "i have a masters in stats",
        "i have a phd in math, do i qualify",
        "I have a masters in CS, does that count?",
    ):
        assert "does not name" not in to_terminal(engine.ask(short).text)


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("is python the only language I need?", "Not by itself: Programming Skills"),
        ("is leadership more important than technical skills?", "The guide does not rank them"),
        ("are certifications better than a master's?", "The guide does not rank them"),
    ],
)
def test_a_yes_no_about_only_or_more_than_gets_the_guides_answer_not_yes(engine, question, start):
    assert to_terminal(engine.ask(question).text).startswith(start)


@pytest.mark.parametrize(
    "question",
    [
        "is AutoML going to replace AI leads?",  # a prediction: "Yes, a trend" answers another question
        "I've never managed anyone. can I still become an AI tech lead?",  # a lack: "Yes, you can"?
        "is it bad if I don't know Julia?",  # a lack: "Yes, it is bad"?
    ],
)
def test_a_prediction_or_a_lack_gets_the_guides_words_without_a_yes(engine, question):
    assert not to_terminal(engine.ask(question).text).startswith("Yes")


def test_a_question_whether_an_item_is_hype_gets_its_words_not_a_missing_word_nor_a_yes(engine):
    text = to_terminal(engine.ask("is edge AI overhyped?").text)
    assert text.startswith("Edge AI is one of the guide's 10 Industry Trends: Gaining traction")


@pytest.mark.parametrize(
    ("question", "point", "area"),
    [
        (
            "which industries are growing fastest",
            "Healthcare and life sciences show the fastest growth rate",
            "Industry Adoption",
        ),
        ("which region is growing fastest", "Asia Pacific: Fastest-growing market", "Regional Growth"),
    ],
)
def test_the_bullet_of_an_area_that_answers_the_question_comes_first(engine, question, point, area):
    # the answer, then where it sits and the rest of its area; not "X is one of the 6 areas ..." first
    lines = to_terminal(engine.ask(question).text).splitlines()
    assert (
        lines[0].startswith(point) and f"({area}, one of the areas of the guide's Market Demand)" in lines[0]
    )
    assert lines[1] == "Also in this area:"


@pytest.mark.parametrize(
    "question",
    ["can i skip being a senior engineer?", "can i become a lead without being a senior engineer first?"],
)
def test_asking_to_skip_a_step_the_guide_names_gets_no_yes(engine, question):
    # the guide's path goes through senior engineer: "Yes" (that the path is there) said the opposite
    text = to_terminal(engine.ask(question).text)
    assert text.startswith("Not by the guide: Career Path")
    assert "Progress to senior engineer or lead researcher positions" in text


@pytest.mark.parametrize(
    ("question", "start"),
    [
        ("is a masters enough or do they need a phd", "Yes: a master's is what the guide names"),
        ("can i skip the phd and still be a lead", "Yes, by the guide's words: it says “typically”"),
        ("do i need a phd", "Not strictly: the guide says “typically”, not “required”"),
        # "enough" of the experience, not the degree: its "a must" is answered
        ("is a master's a must or is industry experience enough?", "Not strictly"),
        ("is mastering python enough or do i need a phd?", "Not strictly"),  # "mastering" is no degree
    ],
)
def test_a_degree_asked_about_gets_the_verdict_on_that_degree(engine, question, start):
    # a master's asked whether it will do is one the guide names: "Not strictly" read as "no"
    assert to_terminal(engine.ask(question).text).startswith(start)


def test_a_degree_said_as_lacking_is_not_held(engine):
    text = to_terminal(engine.ask("I have 10 years in ML. is my lack of a PhD a problem?").text)
    assert "Yes: a Ph.D. is what the guide names" not in text
    assert "Not strictly: the guide says “typically”, not “required”" in text
