"""The golden question sets (tests/golden/*.yaml) as a specification of the bot's understanding.

- in_scope.yaml: intent, entities (only the keys given are checked) and facts the answer must
  contain; out_of_scope.yaml: questions that must come back `unknown`.
- holdout.yaml: batches written blind after tuning; each batch's first measurement (in its header)
  estimates how matching generalises. Batches have since been tuned on, so its thresholds now
  guard the measured figures against regressions.
Thresholds are set from measurements (see the constants); a failure lists every miss.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.engine.entities import Entities, EntityExtractor
from bot.engine.intents import IntentMatcher, Match
from bot.engine.knowledge import KnowledgeBase, load_knowledge
from bot.engine.normalize import normalize
from bot.engine.render import to_terminal

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

# Measured on the sets tuned against (1038 in-scope, 344 out-of-scope): 0.982 right, 0.000
# falsely rejected, entities 1.00, 0.991 rejected. The holdout holds batches written blind (each
# measured once, before any change it prompted; every batch's header has its first measurement):
# session 1's twenty-three pooled 0.858 right, 0.052 falsely rejected, 0.936 rejected. Session 2's
# twenty-six were written by writers who saw only the guide and the contract, in rounds with fixes
# between them: A-H 0.963 / 0.018 / 0.925; I-N (with two adversarial batches: no obvious keywords,
# context before the question) 0.923 / 0.023 / 0.931; and the nine written as an outside evaluator
# would (O-U, W, X) 0.982 right (1399/1425), 0.003 falsely rejected, 0.983 rejected (472/480), with
# the guide's facts in 0.970 of right answers (U, X: 295/304). V (negations, two topics, key-word
# typos, written to break keyword matching) 0.880 / 0.007 / 0.967. The last two (Y, Z), measured
# after every change of the session: 0.977 right (342/350), 0.003 falsely rejected, 0.958 rejected.
# After tuning on them the whole holdout stands at 0.989 right (5015/5070), 0.002 falsely rejected,
# 0.991 rejected (1993/2011): its thresholds below are those figures minus a margin, so they guard
# against regressions rather than estimate generalisation (a fresh blind batch does).
IN_SCOPE_ACCURACY = 0.975
ENTITY_ACCURACY = 0.97
OUT_OF_SCOPE_REJECTED = 0.98
FALSE_REJECT_MAX = 0.02
HOLDOUT_ACCURACY = 0.98
HOLDOUT_REJECTED = 0.98
FACTS_PRESENT = 0.97  # share of right answers that contain all their facts


def _load(name: str) -> list[dict[str, Any]]:
    path = GOLDEN / name
    if not path.exists():
        return []
    return list(yaml.safe_load(path.read_text(encoding="utf-8")) or [])


@cache
def _kb() -> KnowledgeBase:
    return load_knowledge()


@cache
def _parts() -> tuple[EntityExtractor, IntentMatcher]:
    return EntityExtractor(_kb()), IntentMatcher(_kb())


def _classify(question: str) -> tuple[Match, Entities]:
    extractor, matcher = _parts()
    normalized = normalize(question)
    entities = extractor.extract(normalized)
    return matcher.classify(normalized, entities), entities


def _report(misses: list[str], total: int) -> str:
    return f"{len(misses)} of {total} wrong:\n  " + "\n  ".join(misses)


IN_SCOPE = _load("in_scope.yaml")
OUT_OF_SCOPE = _load("out_of_scope.yaml")
HOLDOUT = _load("holdout.yaml")


def test_golden_sets_are_big_enough_and_well_formed() -> None:
    assert len(IN_SCOPE) >= 200 and len(OUT_OF_SCOPE) >= 40
    intents = set(_kb().intents) - {"unknown"}
    for case in IN_SCOPE + [c for c in HOLDOUT if c.get("intent", "unknown") != "unknown"]:
        assert case["intent"] in intents, case
    assert intents <= {case["intent"] for case in IN_SCOPE}, "every intent has golden questions"


def test_in_scope_intent_accuracy() -> None:
    misses = []
    for case in IN_SCOPE:
        match, _ = _classify(case["q"])
        if match.intent != case["intent"]:
            misses.append(f"{case['q']!r}: expected {case['intent']}, got {match.intent} {match.ranked[:3]}")
    accuracy = 1 - len(misses) / len(IN_SCOPE)
    assert accuracy >= IN_SCOPE_ACCURACY, _report(misses, len(IN_SCOPE))


def test_in_scope_questions_are_rarely_rejected() -> None:
    rejected = [case["q"] for case in IN_SCOPE if _classify(case["q"])[0].intent == "unknown"]
    assert len(rejected) / len(IN_SCOPE) <= FALSE_REJECT_MAX, _report(rejected, len(IN_SCOPE))


def test_in_scope_entities() -> None:
    cases = [case for case in IN_SCOPE if case.get("entities")]
    misses = []
    for case in cases:
        got = _classify(case["q"])[1].to_json()
        wrong = {k: (v, got.get(k)) for k, v in case["entities"].items() if got.get(k) != v}
        if wrong:
            misses.append(f"{case['q']!r}: (expected, got) {wrong}")
    assert 1 - len(misses) / len(cases) >= ENTITY_ACCURACY, _report(misses, len(cases))


def test_out_of_scope_questions_come_back_unknown() -> None:
    misses = []
    for case in OUT_OF_SCOPE:
        match, _ = _classify(case["q"])
        if match.intent != "unknown":
            misses.append(f"{case['q']!r}: got {match.intent} ({match.confidence})")
    assert 1 - len(misses) / len(OUT_OF_SCOPE) >= OUT_OF_SCOPE_REJECTED, _report(misses, len(OUT_OF_SCOPE))


@pytest.mark.skipif(not HOLDOUT, reason="tests/golden/holdout.yaml not written yet")
def test_holdout_generalisation() -> None:
    inside = [c for c in HOLDOUT if c.get("intent", "unknown") != "unknown"]
    outside = [c for c in HOLDOUT if c.get("intent", "unknown") == "unknown"]
    misses = []
    for case in inside:
        match, _ = _classify(case["q"])
        if match.intent != case["intent"]:
            misses.append(f"{case['q']!r}: expected {case['intent']}, got {match.intent}")
    assert 1 - len(misses) / len(inside) >= HOLDOUT_ACCURACY, _report(misses, len(inside))
    leaks = [c["q"] for c in outside if _classify(c["q"])[0].intent != "unknown"]
    if outside:
        assert 1 - len(leaks) / len(outside) >= HOLDOUT_REJECTED, _report(leaks, len(outside))


@cache
def _engine() -> Any:
    engine_module = pytest.importorskip("bot.engine", reason="bot.engine.Engine not available yet")
    if not hasattr(engine_module, "Engine"):
        pytest.skip("bot.engine.Engine not available yet")
    return engine_module.Engine.load()


def test_facts_are_in_right_answers() -> None:
    engine = _engine()
    right = 0
    misses = []
    for case in IN_SCOPE + [c for c in HOLDOUT if c.get("facts")]:
        answer = engine.ask(case["q"])
        if answer.intent != case["intent"]:
            continue
        right += 1
        shown = (answer.text, to_terminal(answer.text))  # the facts as Slack or a terminal shows them
        missing = [fact for fact in case.get("facts", ()) if not any(fact in text for text in shown)]
        if missing:
            misses.append(f"{case['q']!r} ({answer.intent}): missing {missing}")
    assert right and 1 - len(misses) / right >= FACTS_PRESENT, _report(misses, right)


def test_salary_answers_expose_parsed_entities() -> None:
    engine = _engine()
    answer = engine.ask("salary senior sf")
    assert answer.intent == "salary"
    assert answer.entities.get("level") == "senior" and answer.entities.get("location") == "sf_bay_area"


def test_every_guide_section_is_reached_by_a_golden_question() -> None:
    kb = _kb()
    reached: set[str] = set()
    for case in IN_SCOPE:
        match, _ = _classify(case["q"])
        spec = kb.intents.get(match.intent)
        if spec is None:
            continue
        reached.update(spec.sections)
        if spec.topic_section:
            reached.add(spec.topic_section)
    # a subsection is reached through its parent, a parent through all of its subsections
    for section in kb.sections.values():
        if section.parent in reached:
            reached.add(section.id)
    unreached = sorted(set(kb.sections) - reached)
    assert not unreached, f"guide sections no golden question reaches: {unreached}"
