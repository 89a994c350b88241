"""normalize(): what carries no meaning for matching is removed; the words stay."""

from __future__ import annotations

from hypothesis import given
from text_strategies import any_text

from bot.engine.normalize import Analyzer, Normalized, normalize, stem


def test_case_punctuation_and_unicode_forms_are_folded() -> None:
    assert normalize("What's the SALARY?!").tokens == ("what", "is", "the", "salary")
    assert normalize("ＡＩ ｔｅｃｈ ｌｅａｄ").tokens == ("ai", "tech", "lead")  # NFKC full-width
    assert normalize("Café résumé").tokens == ("cafe", "resume")


def test_slack_mentions_and_channels_are_dropped_and_links_keep_their_label() -> None:
    text = "<@U024BE7LH> <!here> in <#C123|general>: pay in <https://example.com/nyc|New York>?"
    assert normalize(text).tokens == ("in", "pay", "in", "new", "york")
    assert normalize("see <https://example.com/x> and <!subteam^S1|@leads>").tokens == ("see", "and")


def test_emoji_are_dropped_and_money_emoji_read_as_money() -> None:
    assert normalize("skills :rocket: 🚀 please 🙏🏽").tokens == ("skills", "please")
    assert normalize("💰 in sf").tokens == ("money", "in", "sf")
    assert normalize(":moneybag: in sf").tokens == ("money", "in", "sf")


def test_contractions_and_chat_shorthand_are_expanded() -> None:
    assert normalize("don't u know wat I'm paid?").tokens == (
        "do",
        "not",
        "you",
        "know",
        "what",
        "i",
        "am",
        "paid",
    )
    assert normalize("10 yrs exp").tokens == ("10", "years", "experience")
    assert normalize("Master's degree").tokens == ("masters", "degree")


def test_filler_is_removed_when_given() -> None:
    fillers = ("hey bot", "quick question", "please", "hey")
    assert normalize("hey bot, quick question: what's the pay please?", fillers=fillers).tokens == (
        "what",
        "is",
        "the",
        "pay",
    )


def test_currency_symbol_is_a_word() -> None:
    assert normalize("$200k?").tokens == ("dollar", "200k")


def test_raw_is_kept_and_text_is_the_joined_tokens() -> None:
    result = normalize("  Hi THERE ")
    assert result == Normalized(raw="  Hi THERE ", text="hi there", tokens=("hi", "there"))


def test_stem_folds_plurals_and_verb_forms() -> None:
    assert stem("salaries") == stem("salary")
    assert stem("challenges") == stem("challenge") == stem("challenging")
    assert stem("leading") == stem("lead")
    assert stem("skills") == "skill"
    assert stem("2025") == "2025"


def test_analyzer_corrects_typos_to_vocabulary_words_only() -> None:
    analyzer = Analyzer({"salary", "seattle", "challenges", "responsibilities"}, known={"wine"})
    assert analyzer.terms(("salery", "seatle", "chalenges", "responsibilites")) == (
        "salary",
        stem("seattle"),
        stem("challenges"),
        stem("responsibilities"),
    )
    assert Analyzer({"chief", "chef"}).term("cheif") == "chief"  # two letters swapped, not one dropped
    assert Analyzer({"give", "gift"}).term("giving") == stem("giving")  # a form of "give", not foreign
    assert not Analyzer({"give", "gift"}).foreign(stem("giving"))
    assert Analyzer({"compensation"}).term("compensasion") == stem("compensation")  # any letter, long word
    assert Analyzer({"goals"}).term("goats") == "goat"  # a short word: t and l are far apart
    assert analyzer.term("pizza") == "pizza"  # nothing close enough: left alone
    assert analyzer.term("wise") == "wise"  # never corrected into an off-domain word
    assert analyzer.term("sal") == "sal"  # three letters or fewer: too short to correct


def test_a_word_known_only_inside_a_keyword_phrase_is_never_a_correction_target() -> None:
    analyzer = Analyzer({"softer", "salary"}, untargeted={"softer"})
    assert analyzer.term("sister") == "sister"  # not "softer"
    assert analyzer.term("softer") == stem("softer")  # still known as itself
    assert analyzer.term("salery") == "salary"


def test_learned_cue_words_are_never_corrected_into_the_guides_words() -> None:
    analyzer = Analyzer({"intro", "recession"})
    assert analyzer.term("intern") == "intro"  # unknown, one slip away: taken for a typo
    analyzer.learn({"intern", "regression"})
    assert analyzer.term("intern") == "intern"
    assert analyzer.term("regression") == stem("regression")
    assert analyzer.term("interm") == "intern"  # and a typo of a cue word is corrected to it


def test_analyzer_strips_filler_phrases() -> None:
    analyzer = Analyzer({"pay"}, fillers=("hey bot", "quick question", "hey"))
    assert analyzer.strip(("hey", "bot", "quick", "question", "pay")) == ("pay",)
    assert analyzer.strip(("pay",)) == ("pay",)


def test_analyzer_splits_domain_words_typed_without_spaces() -> None:
    analyzer = Analyzer(
        {"tech", "lead", "salary", "range", "security"}, important={"tech", "lead", "salary", "range"}
    )
    assert analyzer.strip(("aitechleads", "salaryrange")) == ("ai", "tech", "leads", "salary", "range")
    assert analyzer.strip(("cybersecurity",)) == ("cybersecurity",)  # "cyber" is no keyword
    assert analyzer.strip(("leadership",)) == ("leadership",)  # "ship" is no keyword either


def test_analyzer_reads_british_spellings_and_doubled_letters_as_the_known_word() -> None:
    analyzer = Analyzer({"visualization", "talking", "modeling"})
    assert analyzer.strip(("visualisation", "talkinng", "modelling")) == (
        "visualization",
        "talking",
        "modeling",
    )
    assert analyzer.strip(("tomatoes",)) == ("tomatoes",)


def test_a_typo_of_a_word_is_corrected_not_split_and_a_stray_e_is_a_typo() -> None:
    analyzer = Analyzer({"hard", "set", "hardest", "role", "roll"}, important={"hard", "set"})
    assert analyzer.strip(("hardset",)) == ("hardset",)  # one swap from "hardest": not hard + set
    assert analyzer.term("hardset") == stem("hardest")
    assert analyzer.term("rolle") == "role"  # not "roll" with an e


def test_a_run_together_role_name_is_understood(shipped_engine) -> None:

    assert shipped_engine.ask("wat is an ai techlead").intent == "overview"


@given(any_text(max_size=300))
def test_normalize_never_raises_and_yields_plain_tokens(text: str) -> None:
    result = normalize(text)
    assert result.raw == text
    assert all(token and token.isascii() and token.isalnum() for token in result.tokens)
    assert result.text == " ".join(result.tokens)


def test_a_full_spelling_cache_starts_over_and_keeps_answering_the_same(monkeypatch, shipped_kb) -> None:
    import bot.engine.normalize as normalize_module

    analyzer = normalize_module.analyzer_for(shipped_kb)
    before = (analyzer.term("leadershp"), analyzer.derived(analyzer.term("collaborating")))
    monkeypatch.setattr(normalize_module, "CACHE_LIMIT", 3)
    for word in ("zorbulate", "quexify", "flimbering", "grostled", "snarvelous"):
        analyzer.term(word)
        analyzer.derived(analyzer.term(word))
    assert len(analyzer._cache) <= 3
    assert (analyzer.term("leadershp"), analyzer.derived(analyzer.term("collaborating"))) == before
    assert before[1]  # "collaborating" is a form of the guide's "collaboration"
