"""The bullets of Requirements, Career Development and Market Demand are learned topic units: a
question about one of them gets that bullet (the item scorer, trained on labelled questions, when
it is sure), not the intent's whole answer, and a question about the whole still gets the whole.

The questions here are paraphrases written for these tests, none of them in examples/train.yaml or
dev.yaml (checked below), so they test the mechanism, not one remembered phrasing.
"""

from __future__ import annotations

import pytest

from bot.engine import Engine
from bot.engine.nlu.examples import bullet_units, list_units, load_examples
from bot.engine.normalize import normalize

ITEM_QUESTIONS = {
    "Advanced Degree": [
        "would a master's in statistics be enough, or do hiring managers expect a doctorate?",
        "is a PhD a must for this job or will an MS do?",
    ],
    "Relevant Certifications": [
        "are cloud certifications like AWS ML specialty worth getting for this role?",
        "should I bother with a vendor certificate before going for lead?",
    ],
    "Industry Involvement": [
        "how much do publications and conference talks matter for an AI lead?",
        "does speaking at meetups and publishing help my application?",
    ],
}
ASIDE = "11 years as an individual contributor and I've never managed people. is that a problem?"
RESEARCH = [
    "what's the best way to keep up with the latest research in the field on my way to lead?",
    "how does an aspiring lead keep learning about new research?",
]
WHOLE = [
    "what are the requirements to become an AI tech lead?",
    "which technical skills should an AI lead have?",
]


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine


def _questions() -> list[str]:
    return [q for qs in ITEM_QUESTIONS.values() for q in qs] + RESEARCH + WHOLE + [ASIDE]


def test_these_questions_are_not_in_the_labelled_examples(shipped_kb):
    seen = {normalize(e.q).text for split in ("train", "dev") for e in load_examples(shipped_kb, split)}
    assert not [q for q in _questions() if normalize(q).text in seen]


@pytest.mark.parametrize(("item", "question"), [(i, q) for i, qs in ITEM_QUESTIONS.items() for q in qs])
def test_a_question_about_one_requirement_gets_that_bullet_not_the_qualifications_dump(
    engine, item, question
):
    answer = engine.ask(question)
    assert answer.intent == "qualifications"
    assert answer.topic == {"section": "Requirements", "item": item}
    others = {"Advanced Degree", "Industry Tenure", "Relevant Certifications", "Project Portfolio"} - {item}
    assert not [o for o in others if o in answer.text]  # one bullet, not the list of requirements


@pytest.mark.parametrize("question", RESEARCH)
def test_keeping_up_with_research_gets_the_continuous_learning_bullet(engine, question):
    answer = engine.ask(question)
    assert answer.intent == "career"
    assert answer.topic is not None
    assert answer.topic["item"] in ("Stay Updated with Industry Trends", "Research and Innovation")


@pytest.mark.parametrize("question", WHOLE)
def test_a_question_about_the_whole_requirements_still_gets_the_whole(engine, question, shipped_kb):
    answer = engine.ask(question)
    assert answer.topic is None
    titles = {u.title for u in bullet_units(shipped_kb) if u.intent == answer.intent}
    assert sum(t in answer.text for t in titles) >= 3  # several of the bullets, not one


def test_the_asker_s_years_do_not_hide_another_requirement_the_question_is_about(engine):
    answer = engine.ask(
        "11 years as an individual contributor and I've never managed people. is that a problem?"
    )
    assert answer.topic == {"section": "Requirements", "item": "Leadership Experience"}


def test_each_bullet_belongs_to_one_intent_that_answers_from_its_section_and_lists_stay_apart(shipped_kb):
    kb = shipped_kb
    bullets = bullet_units(kb)
    assert len({u.key for u in bullets}) == len(bullets)
    for unit in bullets:
        subsection = unit.key if unit.key in kb.sections else unit.section
        assert subsection in kb.intents[unit.intent].sections
        assert not unit.listed
    owners = {u.key.rsplit("/", 1)[0]: u.intent for u in bullets if u.key not in kb.sections}
    assert owners["requirements/educational-background"] == "qualifications"
    assert owners["requirements/soft-skills"] == "soft_skills"
    assert owners["career-development/technical-expertise"] == "skills"  # borrowed by skills, not career's
    # a list intent's own items are still only those of its list (the bullets are weighed apart)
    assert all(u.section == kb.intents[u.intent].topic_section for u in list_units(kb))


def test_the_item_scorer_reads_bullets_apart_from_the_lists(engine):
    matcher = engine._pipeline_or_build().matcher
    keys = matcher.learned.unit_keys
    assert all(keys[u].startswith("essential-soft-skills/") for u in matcher.own_units("soft_skills"))
    assert {keys[u].split("/")[0] for u in matcher.bullet_units("soft_skills")} == {
        "requirements",
        "career-development",
    }
    assert matcher.own_units("qualifications") == []  # no list: no whole-list reading
    assert matcher.learned.calibration.bullet_min <= 1.0  # calibrated on dev, not "never"
