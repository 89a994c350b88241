"""The matcher's labelled examples (knowledge/ai-tech-lead/examples) are valid training data."""

import pytest

from bot.engine.nlu.examples import load_examples, topic_units
from bot.engine.normalize import normalize


@pytest.mark.slow  # 2 s or more on a 2-core AVX2 machine (2026-12-07)
def test_examples_name_known_intents_and_topics_and_dev_is_apart_from_train(shipped_kb) -> None:
    kb = shipped_kb
    train, dev = load_examples(kb, "train"), load_examples(kb, "dev")
    assert len(train) > 5000 and len(dev) > 300
    units = {u.key for u in topic_units(kb)}
    assert {e.topic for e in train if e.topic} == units  # every guide item has examples
    seen = {normalize(e.q).text for e in train}
    assert not [e.q for e in dev if normalize(e.q).text in seen]  # calibration never sees training questions


def test_a_bad_example_stops_kb_train_with_one_line_naming_the_file_and_entry(tmp_path, capsys) -> None:
    import shutil

    from bot.cli import main
    from bot.engine.knowledge import load_knowledge

    target = tmp_path / "kb"
    shutil.copytree(load_knowledge().directory, target, ignore=shutil.ignore_patterns("learned"))
    (target / "examples" / "train.yaml").write_text(
        "mine:\n  - {intent: skills, q: 'which clouds?', topic: skills/nothing}\n", encoding="utf-8"
    )
    assert main(["kb", "train", "--knowledge-dir", str(target)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "train.yaml" in err and "entry 1" in err and "unknown topic" in err
