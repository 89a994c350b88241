"""Understanding as a user meets it: the learned matcher through `Engine.ask`.

The labelled examples are training data; these tests guard what was measured on data the model
was not trained on (dev, used only to calibrate the cutoffs) and what a user notices (small talk,
noise, other jobs' pay, batches). The sealed test set (tests/sealed) is never used here.
"""

from __future__ import annotations

import json
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from bot.engine import Engine
from bot.engine.knowledge import KnowledgeError, load_knowledge
from bot.engine.nlu.encoder import default_encoder
from bot.engine.nlu.examples import load_examples
from bot.engine.nlu.model import learned_dir, load_learned
from bot.engine.nlu.train import trained_from

GOLDEN = Path(__file__).resolve().parents[1] / "golden"

# Measured on dev (656 blind questions never trained on, with near misses at the scope's edge,
# list questions and item questions without the items' words; they set the cutoff and
# temperature), 2026-12-05 with the shipped int8 encoder: 87.7% right, 1.8% falsely rejected, 82.8%
# of out-of-scope rejected, calibration error 0.021. The thresholds sit a little below, to catch
# regressions.
DEV_RIGHT = 0.85
DEV_FALSE_REJECT = 0.03
DEV_REJECTED = 0.80
CALIBRATION_ERROR = 0.06
GOLDEN_FACTS = 0.85


@pytest.fixture(scope="module")
def engine(shipped_engine: Engine) -> Engine:
    return shipped_engine.ready()


def _rates(engine: Engine, entries: list[tuple[str, str]]) -> dict[str, float]:
    answers = engine.ask_many([q for q, _ in entries])
    tally: Counter[str] = Counter()
    for (_, intent), answer in zip(entries, answers, strict=True):
        if intent == "unknown":
            tally["out"] += 1
            tally["rejected"] += answer.intent == "unknown"
        else:
            tally["in"] += 1
            tally["right"] += answer.intent == intent
            tally["false_reject"] += answer.intent == "unknown"
    return {
        "right": tally["right"] / max(1, tally["in"]),
        "false_reject": tally["false_reject"] / max(1, tally["in"]),
        "rejected": tally["rejected"] / max(1, tally["out"]),
    }


def test_the_shipped_model_was_trained_from_the_examples_guide_and_encoder_in_the_repository():
    kb = load_knowledge()
    learned = load_learned(kb)
    assert learned.meta["trained_from"] == trained_from(kb, default_encoder()), (
        "knowledge/*/examples, guide.md or intents.yaml changed since the model was trained: "
        "run `aitl kb train` and commit knowledge/*/learned/"
    )


@pytest.mark.slow
def test_unseen_dev_questions_are_understood_as_measured(engine):
    kb = load_knowledge()
    rates = _rates(engine, [(e.q, e.intent) for e in load_examples(kb, "dev")])
    assert rates["right"] >= DEV_RIGHT, rates
    assert rates["false_reject"] <= DEV_FALSE_REJECT, rates
    assert rates["rejected"] >= DEV_REJECTED, rates


def test_confidence_is_calibrated_on_dev():
    report = load_learned(load_knowledge()).meta["dev_report"]
    assert report["ece"] <= CALIBRATION_ERROR, report["reliability"]


@pytest.mark.slow
def test_the_golden_sets_still_hold(engine):
    in_scope = yaml.safe_load((GOLDEN / "in_scope.yaml").read_text(encoding="utf-8"))
    out = yaml.safe_load((GOLDEN / "out_of_scope.yaml").read_text(encoding="utf-8"))
    rates = _rates(engine, [(e["q"], e["intent"]) for e in in_scope] + [(e["q"], "unknown") for e in out])
    assert rates["right"] >= 0.97 and rates["false_reject"] <= 0.01 and rates["rejected"] >= 0.97, rates


@pytest.mark.slow
def test_the_golden_answers_carry_the_guides_facts(engine):
    entries = [
        e for e in yaml.safe_load((GOLDEN / "in_scope.yaml").read_text(encoding="utf-8")) if e.get("facts")
    ]
    answers = engine.ask_many([e["q"] for e in entries])
    right = [(e, a) for e, a in zip(entries, answers, strict=True) if a.intent == e["intent"]]
    with_facts = [e["q"] for e, a in right if all(f in a.text for f in e["facts"])]
    # 86% measured 2026-12-05: focused answers leave out lines the whole sections carried (the
    # golden facts were written for whole sections); issue 9's work on focused answers raises it
    assert len(with_facts) >= GOLDEN_FACTS * len(right), len(with_facts) / len(right)


@pytest.mark.parametrize("said", ["thanks", "thx!", "hi", "good morning", "lol ok"])
def test_small_talk_gets_a_short_friendly_reply_not_a_refusal(engine, said):
    answer = engine.ask(said)
    assert answer.intent == "help", said
    assert "Not something I can answer" not in answer.text
    assert len(answer.text.splitlines()) <= 3 and "Core responsibilities" not in answer.text  # not the menu


@pytest.mark.parametrize(
    "said,reply",
    [
        ("how are you?", "Hi!"),
        ("good morning! hope your week is going well", "Hi!"),
        ("lol thanks, you're a lifesaver", "You're welcome!"),
        ("you're awesome", "Anything else"),
        ("nope, that's it. bye!", "Bye!"),
    ],
)
def test_chat_beyond_the_small_talk_words_gets_a_short_reply_not_the_menu(engine, said, reply):
    answer = engine.ask(said)
    assert answer.intent == "help", said
    assert answer.text.startswith(reply) and len(answer.text.splitlines()) <= 3, answer.text


def test_asking_what_the_bot_does_gets_the_whole_menu(engine):
    for asked in (
        "what can you do?",
        "help",
        "how does this work",
        "what kinds of questions can I ask you?",
        "show me everything",
        "options?",
    ):
        text = engine.ask(asked).text
        assert "Core responsibilities" in text and "Salary ranges" in text, asked


@pytest.mark.parametrize("noise", ["$", "???", ":wave:", "\x00\x01\x02", "<@U123ABC>"])
def test_a_message_with_no_words_is_never_a_guide_section(engine, noise):
    assert engine.ask(noise).intent == "unknown"


def test_other_jobs_pay_is_not_read_as_the_roles_bands(engine):
    for question in ("what do VPs of AI make?", "salary of a nurse in SF", "data labeler hourly rate?"):
        answer = engine.ask(question)
        assert answer.intent == "unknown", question
        assert "$250,000 - $350,000" not in answer.text, question


def test_a_place_or_industry_taken_back_is_not_the_one_answered(engine):
    answer = engine.ask("not in SF, we're in Austin — senior pay?")
    assert answer.intent == "salary"
    assert answer.entities == {"level": "senior", "location": "austin"}
    assert "Senior-Level AI Tech Lead in Austin" in answer.text
    assert "San Francisco" not in answer.text
    answer = engine.ask("I used to be at a bank, now I'm at a hospital. what do AI tech leads make?")
    assert answer.entities.get("industry") == "healthcare"


def test_the_askers_experience_is_the_figure_said_of_ml(engine):
    answer = engine.ask("15 years as a backend engineer, 3 in ML. what would an AI tech lead make for me?")
    assert answer.entities.get("level") == "entry", answer.entities


def test_a_batch_gets_the_same_answers_as_one_at_a_time(engine):
    questions = ["senior salary in boston", "what does an AI tech lead do?", "hi", "", "x" * 3000]
    batch = engine.ask_many(questions)
    for question, answer in zip(questions, batch, strict=True):
        single = engine.ask(question)
        assert (answer.intent, answer.text, answer.topic) == (single.intent, single.text, single.topic)


def test_an_answer_never_depends_on_the_questions_asked_before(engine):
    question = "whats hot in ai rn"
    first = Engine.load().ask(question)
    for other in ("salary senior sf", "do I need a phd?", "what's the weather in Paris?"):
        engine.ask(other)
    assert engine.ask(question).text == first.text


def test_a_question_about_one_item_gets_that_item(engine):
    answer = engine.ask("tell me about edge ai")
    assert answer.intent == "trends"
    assert answer.topic == {"section": "Industry Trends", "item": "Edge AI"}


def test_explain_shows_scores_cutoff_and_the_nearest_examples(engine):
    data = engine.explain("our churn model got worse a few months after launch")
    assert data["intent"] == "challenges"
    assert data["intents"][0]["intent"] == "challenges"
    assert 0 < data["cutoff"] < 1
    assert len(data["nearest"]) == 5 and all(-1 <= n["cosine"] <= 1 for n in data["nearest"])
    assert json.dumps(data)  # plain data


def test_explain_reads_a_question_of_two_parts_whose_intent_has_no_list(engine):
    # a qualifications question (no list of items) told in two parts once raised ValueError
    data = engine.explain("my undergrad is in physics, not CS — does that hurt me for lead roles?")
    assert data["intent"] == "qualifications"
    assert data["items"] == []


def _small_copy(tmp_path: Path) -> Path:
    """The knowledge base with a tenth of its examples (a quick train for a test)."""
    source = load_knowledge().directory
    target = tmp_path / "kb"
    shutil.copytree(source, target, ignore=shutil.ignore_patterns("learned", "__pycache__"))
    for split, step in (("train", 12), ("dev", 6)):
        path = target / "examples" / f"{split}.yaml"
        groups = yaml.safe_load(path.read_text(encoding="utf-8"))
        small = {name: entries[::step] for name, entries in groups.items() if entries[::step]}
        path.write_text(yaml.safe_dump(small, allow_unicode=True), encoding="utf-8")
    return target


@pytest.mark.slow
def test_kb_train_learns_from_the_examples_and_the_engine_uses_what_it_wrote(tmp_path, capsys):
    from bot.cli import main

    kb_dir = _small_copy(tmp_path)
    with pytest.raises(KnowledgeError, match="aitl kb train"):
        Engine.load(kb_dir).ready()
    assert main(["kb", "train", "--knowledge-dir", str(kb_dir)]) == 0
    out = capsys.readouterr().out
    assert "saved" in out and "out of scope rejected" in out and "(ECE)" in out  # the dev check, shown
    kb = load_knowledge(kb_dir, cache=False)
    assert (learned_dir(kb) / "calibration.json").is_file()
    answer = Engine(kb).ask("how much does a senior AI tech lead make in SF?")
    assert answer.intent == "salary" and "$200,000 - $350,000" in answer.text


def test_ask_explain_prints_how_the_question_was_read(capsys):
    from bot.cli import main

    assert main(["ask", "--explain", "what would a senior ai lead make in seattle"]) == 0
    out = capsys.readouterr().out
    assert "Intent: salary" in out and "Cutoff: below" in out and "Nearest examples:" in out
    assert "level=senior" in out and "location=seattle" in out


def test_a_knowledge_base_without_a_learned_matcher_is_a_one_line_error(tmp_path, capsys):
    from bot.cli import main

    target = tmp_path / "kb"
    shutil.copytree(load_knowledge().directory, target, ignore=shutil.ignore_patterns("learned"))
    assert main(["ask", "--knowledge-dir", str(target), "hi"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "aitl kb train" in err


def test_a_pay_question_that_names_no_job_is_about_the_ai_tech_lead(engine) -> None:
    # the examples about other jobs' pay ("senior nurse salary in seattle") are no neighbours of a
    # question that names no job: for this bot its subject is the AI tech lead
    answer = engine.ask("senior salary in seattle")
    assert answer.intent == "salary" and "$150,000 - $280,000" in answer.text
    assert engine.ask("senior nurse salary in seattle").intent == "unknown"


def test_a_job_no_list_names_is_still_another_job(engine) -> None:
    from bot.engine.nlu.roles import RoleReader
    from bot.engine.normalize import normalize

    roles = RoleReader(load_knowledge())
    read = lambda q: roles.read(normalize(q).tokens)  # noqa: E731
    # titles read by the word they end with, so their pay is not taken for the AI tech lead's
    assert read("how much does a store manager at walmart make") == (False, True)
    assert read("bus drivers salary in boston") == (False, True)
    assert read("head of data science pay in the bay area") == (False, True)
    assert engine.ask("what does a lead carpenter make in seattle?").intent == "unknown"
    # a guide title wins the words inside it; a question that names no job names none
    assert read("I'm a lead ML engineer, what next?") == (True, False)
    assert read("salaries in nyc") == (False, False)
    # a title's last word misspelt is still that word; a known word that resembles one is not
    assert read("what do data scientst make in austin") == (False, True)
    assert engine.ask("what do data scientst make in austin").intent == "unknown"
    assert read("how should an ai lead manage stakeholders") == (True, False)
    # a job named as the asker's own is not the job asked about
    scan = lambda q: roles.scan(normalize(q).tokens)[2]  # noqa: E731
    assert scan("what skills does a technical program manager need")
    assert scan("how much does a store manager at walmart make")
    assert not scan("I'm a data engineer, what skills do I need to lead an AI team?")
    assert not scan("as an ML engineer with 6 yrs, what would I make")
    assert not scan("moving from data scientist to lead, what skills")


def test_a_lead_of_another_field_is_another_job(engine) -> None:
    from bot.engine.nlu.roles import RoleReader
    from bot.engine.normalize import normalize

    roles = RoleReader(load_knowledge())
    read = lambda q: roles.read(normalize(q).tokens)  # noqa: E731
    # a bare "lead" (or a tech lead) of a field the guide is not about is that field's lead
    assert read("what are the common challenges for a devops lead") == (False, True)
    assert read("career path to becoming a ux research lead?") == (False, True)
    assert engine.ask("what are the common challenges for a devops lead?").intent == "unknown"
    # the field said before a word that ends the title belongs to something else
    assert read("how do i go from web developer to tech lead")[0]
    assert read("our ai lead keeps missing deadlines") == (True, False)
    assert read("senior lead salary in austin") == (False, False)


def test_explain_lists_the_examples_the_scores_used(capsys):
    from bot.cli import main

    assert main(["ask", "--explain", "senior salary in seattle"]) == 0
    nearest = capsys.readouterr().out.split("Nearest examples:", 1)[1].split("\n\n", 1)[0]
    assert "salary" in nearest and "nurse" not in nearest and "accountant" not in nearest


def test_a_level_place_or_industry_in_passing_does_not_make_a_question_about_pay(engine):
    # read without them, what the question asks: the skills, the responsibilities
    assert engine.ask("skills for a senior ai lead in austin at a bank").intent == "skills"
    assert engine.ask("what does a senior ai tech lead actually own").intent == "responsibilities"
    # asked with no word for pay, still pay: by the facets alone, a price idiom, a comparison
    assert engine.ask("senior ai lead in austin at a bank").intent == "salary"
    assert engine.ask("what does a senior AI tech lead in seattle go for?").intent == "salary"
    assert engine.ask("how does a senior ai lead in NYC compare").intent == "salary"


def _spread(matcher, p_unknown: float):
    """Probabilities spread over three in-scope intents, none above the cutoff, with `p_unknown`
    on 'unknown'."""
    import numpy as np

    from bot.engine.nlu.model import CLASSES

    p = np.zeros(len(CLASSES))
    rest = 1.0 - p_unknown
    for intent, share in (("trends", 0.4), ("market", 0.35), ("overview", 0.25)):
        p[CLASSES.index(intent)] = rest * share
    p[CLASSES.index("unknown")] = p_unknown
    emb, sims = matcher.similarities(["why is healthcare adopting ai so fast"])
    return matcher.decide(p, emb[0], sims[0])


def test_a_question_surely_about_the_role_but_split_between_intents_is_answered_with_the_others_offered(
    engine,
):
    matcher = engine._pipeline_or_build().matcher
    cal = matcher.learned.calibration
    assert 0 < cal.cutoff < cal.in_scope <= 1  # calibrated on dev, and on
    split = _spread(matcher, p_unknown=0.05)  # best in scope 0.38, below the cutoff
    assert split.confidence < cal.cutoff
    assert split.intent == "trends" and split.ambiguous  # answered, "Did you mean" market offered
    assert [intent for intent, _ in split.ranked[:2]] == ["trends", "market"]
    doubtful = _spread(matcher, p_unknown=0.3)  # as likely not about the role at all: turned away
    assert doubtful.intent == "unknown"


def test_the_cutoff_does_not_count_questions_surely_in_scope_against_its_false_reject_budget():
    import numpy as np

    from bot.engine.nlu.model import CLASSES
    from bot.engine.nlu.train import choose_cutoff

    unknown, trends, market = (CLASSES.index(c) for c in ("unknown", "trends", "market"))
    rows, y = [], []
    for _ in range(50):  # in scope, surely, but split: 0.48 / 0.47 / unknown 0.05
        row = np.zeros(len(CLASSES))
        row[[trends, market, unknown]] = 0.48, 0.47, 0.05
        rows.append(row)
        y.append(trends)
    for _ in range(50):  # out of scope, read as trends at 0.6
        row = np.zeros(len(CLASSES))
        row[[trends, unknown]] = 0.6, 0.4
        rows.append(row)
        y.append(unknown)
    p, y = np.array(rows), np.array(y)
    assert choose_cutoff(p, y, in_scope=1.01) <= 0.48  # every split question would count as rejected
    assert choose_cutoff(p, y, in_scope=0.9) > 0.6  # they are answered: the cutoff turns the rest away


def test_an_items_evidence_is_its_nearest_few_labelled_questions_not_one_lucky_one(engine):
    import numpy as np

    from bot.engine.nlu.matcher import NEAREST

    matcher = engine._pipeline_or_build().matcher
    learned = matcher.learned
    lucky, steady = (
        learned.unit_keys.index(k)
        for k in (
            "essential-soft-skills/continuous-learning",
            "essential-soft-skills/adaptability-and-flexibility",
        )
    )
    sims = np.full(len(learned.index.texts), 0.1, dtype=np.float32)
    sims[np.flatnonzero(learned.example_unit == lucky)[0]] = 0.7  # one question very near
    sims[np.flatnonzero(learned.example_unit == steady)[:NEAREST]] = 0.6  # several fairly near
    emb = np.zeros(learned.unit_emb.shape[1], dtype=np.float32)
    evidence = matcher.topic_evidence(emb, sims)
    assert evidence[lucky, 1] > evidence[steady, 1]  # the nearest one alone favours the lucky item
    assert evidence[steady, 2] > evidence[lucky, 2]  # the nearest few favour the steady one
    sims[np.flatnonzero(learned.example_unit == steady)] = -2.0  # not compared with (its own group)
    assert matcher.topic_evidence(emb, sims)[steady, 2] == -1.0  # no evidence, not a low one
