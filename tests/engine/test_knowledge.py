"""The knowledge base as its editors and the engine see it: the shipped guide is complete and
faithful, and every kind of editing mistake stops the load with one `file:line: message`."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import re
import shutil
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from text_strategies import any_text

import bot
from bot.engine.answer import INTENTS
from bot.engine.knowledge import (
    KnowledgeBase,
    KnowledgeError,
    default_knowledge_dir,
    format_summary,
    load_knowledge,
    slugify,
)

REPO = Path(__file__).resolve().parents[2]
SHIPPED = REPO / "knowledge" / "ai-tech-lead"
ORIGINAL_GUIDE = REPO.parent / "shared" / "guide" / "ai-tech-lead-guide.txt"  # absent in a user's clone

# The guide's outline: section -> subsection -> number of items ("" = items of the section itself).
OUTLINE: dict[str, dict[str, int]] = {
    "Overview": {
        "Role Description": 0,
        "Key Responsibilities": 8,
        "Skills and Qualifications": 4,
        "Career Trajectory": 0,
        "Challenges and Opportunities": 0,
    },
    "Core Responsibilities": {
        "Technical Leadership": 3,
        "Team Management": 3,
        "Strategic Planning": 3,
        "Stakeholder Communication": 3,
        "Quality Assurance and Compliance": 3,
        "Data Governance": 3,
        "Performance Management": 3,
        "Knowledge Management": 3,
    },
    "Requirements": {
        "Technical Proficiency": 5,
        "Leadership and Management": 4,
        "Strategic Acumen": 4,
        "Business and Industry Knowledge": 3,
        "Educational Background": 2,
        "Professional Experience": 3,
        "Soft Skills": 4,
        "Certifications and Professional Recognition": 2,
    },
    "Career Development": {
        "Technical Expertise": 4,
        "Leadership and Management": 3,
        "Continuous Learning": 3,
        "Soft Skills": 3,
        "Career Path": 3,
        "Networking": 3,
    },
    "Market Demand": {
        "Market Size and Growth": 2,
        "Industry Adoption": 2,
        "Technological Advancements": 2,
        "Regional Growth": 2,
        "Business Needs": 2,
        "Challenges and Opportunities": 2,
    },
    "Salary Ranges (US Market, 2024)": {
        "Average Salary Ranges": 5,
        "Location-Specific Salaries": 3,
        "Industry Variations": 3,
        "Additional Compensation": 2,
    },
    "Industry Trends": {"": 10},
    "Essential Soft Skills": {"": 9},
    "Best Practices": {"": 12},
    "Common Challenges": {"": 12},
}

TRENDS = (
    "Ethical AI and Responsible AI Development",
    "Explainable AI (XAI)",
    "Edge AI",
    "AutoML and Low-Code AI",
    "Multimodal AI",
    "AI for Sustainability",
    "Human-AI Collaboration",
    "Quantum AI",
    "AI Security and Adversarial Robustness",
    "Regulatory Compliance and Standards",
)
BEST_PRACTICES = (
    "Clear Communication",
    "Project Planning and Management",
    "Team Building and Management",
    "Data Quality and Management",
    "Model Development and Deployment",
    "Ethical AI Practices",
    "Collaboration with Stakeholders",
    "Risk Management",
    "Documentation and Knowledge Sharing",
    "Continuous Improvement",
    "Compliance and Regulatory Adherence",
    "User-Centric Design",
)
CHALLENGES = (
    "Data Quality and Availability",
    "Model Interpretability and Explainability",
    "Ethical and Fairness Concerns",
    "Scalability and Performance",
    "Integration with Existing Systems",
    "Talent Acquisition and Retention",
    "Regulatory Compliance",
    "Model Drift and Maintenance",
    "Security and Privacy",
    "Stakeholder Management",
    "Budget and Resource Constraints",
    "Keeping Up with Technological Advancements",
)
SOFT_SKILLS = {
    "Communication": 3,
    "Leadership": 3,
    "Collaboration and Teamwork": 3,
    "Adaptability and Flexibility": 2,
    "Time Management and Prioritization": 2,
    "Emotional Intelligence": 3,
    "Continuous Learning": 3,
    "Ethical Awareness": 2,
    "Stakeholder Management": 2,
}


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return load_knowledge(SHIPPED, cache=False)


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Each test gets its own knowledge cache file (never the developer's ~/.cache)."""
    path = tmp_path / "cache" / "knowledge.pickle"
    monkeypatch.setenv("AITL_KNOWLEDGE_CACHE", str(path))
    return path


@pytest.fixture
def copy(tmp_path: Path) -> Path:
    """A private copy of the shipped knowledge base to break."""
    target = tmp_path / "ai-tech-lead"
    shutil.copytree(SHIPPED, target)
    return target


def edit_line(path: Path, pattern: str, replacement: str) -> int:
    """Rewrite the first line matching `pattern` (re.sub on that line); return its number."""
    lines = path.read_text(encoding="utf-8").split("\n")
    for index, text in enumerate(lines):
        if re.search(pattern, text):
            lines[index] = re.sub(pattern, replacement, text, count=1)
            path.write_text("\n".join(lines), encoding="utf-8")
            return index + 1
    raise AssertionError(f"no line matches {pattern!r} in {path.name}")


def edit_line_after(path: Path, after: int, pattern: str, replacement: str) -> int:
    """`edit_line`, for the first match below line `after`."""
    number = line_of(path, pattern, after=after)
    lines = path.read_text(encoding="utf-8").split("\n")
    lines[number - 1] = re.sub(pattern, replacement, lines[number - 1], count=1)
    path.write_text("\n".join(lines), encoding="utf-8")
    return number


def line_of(path: Path, pattern: str, *, after: int = 0) -> int:
    """The number of the first line after line `after` that matches `pattern`."""
    for number, text in enumerate(path.read_text(encoding="utf-8").split("\n"), 1):
        if number > after and re.search(pattern, text):
            return number
    raise AssertionError(f"no line matches {pattern!r} in {path.name}")


def load_error(directory: Path) -> KnowledgeError:
    with pytest.raises(KnowledgeError) as caught:
        load_knowledge(directory)
    error = caught.value
    assert "\n" not in str(error)
    assert str(error).startswith(f"{error.path}:{error.line}: " if error.line else f"{error.path}: ")
    return error


# --- the shipped knowledge base --------------------------------------------------------------------


def test_shipped_knowledge_base_loads_with_every_contract_intent(kb: KnowledgeBase) -> None:
    assert kb.title == "AI Tech Lead"
    assert set(INTENTS) - {"unknown"} <= set(kb.intents)
    for intent in kb.intents.values():
        assert intent.label and intent.description
        for section_id in (*intent.sections, *([intent.topic_section] if intent.topic_section else [])):
            assert section_id in kb.sections


def test_every_section_and_subsection_of_the_guide_is_there_with_its_items(kb: KnowledgeBase) -> None:
    tops = kb.top_sections()
    assert [s.title for s in tops] == list(OUTLINE)
    for top in tops:
        expected = OUTLINE[top.title]
        children = [kb.sections[c] for c in top.children]
        if "" in expected:
            assert not children
            assert len(top.items) == expected[""], top.title
        else:
            assert {c.title: len(c.items) for c in children} == expected
            assert [c.parent for c in children] == [top.id] * len(children)
        assert top.intro, f"{top.title} lost its introduction"


def test_section_ids_are_path_qualified_slugs_of_the_titles(kb: KnowledgeBase) -> None:
    assert kb.section("salary-ranges-us-market-2024").title == "Salary Ranges (US Market, 2024)"
    assert kb.section("core-responsibilities/data-governance").parent == "core-responsibilities"
    assert kb.section("requirements/soft-skills").title == kb.section("career-development/soft-skills").title
    assert kb.item("common-challenges", "model-drift-and-maintenance").title == "Model Drift and Maintenance"
    for section in kb.sections.values():
        assert section.id.rsplit("/", 1)[-1] == slugify(section.title)


def test_lists_have_the_guide_titles_in_order_and_their_sub_points(kb: KnowledgeBase) -> None:
    assert tuple(i.title for i in kb.section("industry-trends").items) == TRENDS
    assert tuple(i.title for i in kb.section("best-practices").items) == BEST_PRACTICES
    assert tuple(i.title for i in kb.section("common-challenges").items) == CHALLENGES
    assert {i.title: len(i.points) for i in kb.section("essential-soft-skills").items} == SOFT_SKILLS
    for section_id in ("best-practices", "common-challenges"):
        assert all(len(item.points) == 2 for item in kb.section(section_id).items), section_id
    drift = kb.item("common-challenges", "model-drift-and-maintenance")
    assert drift.points == (
        "Monitoring and addressing model performance degradation over time",
        "Regularly updating and retraining models to maintain accuracy",
    )
    technical = kb.section("career-development/technical-expertise").items[0]
    assert technical.title == "Deep Learning and Machine Learning"
    assert (
        technical.points[1]
        == "Master algorithms such as CNNs, RNNs, transformers, and reinforcement learning."
    )


def test_closing_paragraphs_are_split_off_the_last_bullet(kb: KnowledgeBase) -> None:
    closings = {
        "core-responsibilities": "By excelling in these core responsibilities",
        "requirements": "By focusing on candidates",
        "career-development": "By focusing on these areas",
        "market-demand": "The rapid growth of the AI market",
        "salary-ranges-us-market-2024": "Note: These figures are estimates",
        "industry-trends": "These trends highlight",
        "essential-soft-skills": "By combining these soft skills",
        "best-practices": "By adhering to these best practices",
        "common-challenges": "Addressing these challenges",
    }
    for section_id, opening in closings.items():
        section = kb.section(section_id)
        assert section.outro and section.outro[0].startswith(opening), section_id
        for sub in kb.subtree(section_id):
            for item in sub.items:
                assert opening not in item.text and all(opening not in p for p in item.points)
    last = kb.section("industry-trends").items[-1]
    assert last.text.endswith("such as the EU's AI Act.")


def test_guide_facts_keep_their_figures(kb: KnowledgeBase) -> None:
    market = kb.section("market-demand/market-size-and-growth").items
    assert [i.text for i in market] == [
        "The global AI market is projected to reach over $1.3 trillion by 2030.",
        "Expected CAGR of 35.7% from 2024 to 2030.",
    ]
    tenure = kb.item("requirements/professional-experience", "industry-tenure")
    assert "(usually 8+ years)" in tenure.text
    path = [i.text for i in kb.section("career-development/career-path").items]
    assert path[0] == "Start in entry-level roles like data scientist or ML engineer."


CLOSING = (
    r"\s(?=By excelling|By focusing on candidates|These trends|By combining|By adhering|Addressing these)"
)


@pytest.mark.skipif(not ORIGINAL_GUIDE.is_file(), reason="the original guide text is not next to this clone")
def test_every_line_of_the_original_guide_is_in_guide_md() -> None:
    shipped = (SHIPPED / "guide.md").read_text(encoding="utf-8")
    flat = " ".join(re.sub(r"\*\*|^#+ |^ *- ", "", shipped, flags=re.M).split())
    for raw in ORIGINAL_GUIDE.read_text(encoding="utf-8").splitlines():
        text = raw.removeprefix("- ").strip()
        if text.endswith(":") and raw.startswith("- "):
            text = text[:-1]  # a heading bullet ("Team Leadership:") is bold without the colon
        for part in re.split(CLOSING, text):
            words = " ".join(part.split())
            assert words in flat, words


# --- salaries ---------------------------------------------------------------------------------------


def test_salary_tables_as_numbers(kb: KnowledgeBase) -> None:
    s = kb.salaries
    assert (s.year, s.currency) == (2024, "USD")
    assert (s.national.min, s.national.max) == (160_000, 250_000)
    levels = {k: (v.label, v.min_years, v.max_years, v.min, v.max) for k, v in s.levels.items()}
    assert levels == {
        "entry": ("Entry-Level (5-8 years experience)", 5, 8, 120_000, 180_000),
        "mid": ("Mid-Level (8-12 years)", 8, 12, 150_000, 220_000),
        "senior": ("Senior-Level (12-18 years)", 12, 18, 180_000, 280_000),
        "executive": ("Executive-Level (18+ years)", 18, None, 250_000, 350_000),
    }
    tiers = {k: (v.label, v.min, v.max) for k, v in s.locations.items()}
    assert tiers == {
        "sf_nyc": ("San Francisco Bay Area and New York City", 200_000, 350_000),
        "tech_hub": ("Other Major Tech Hubs (e.g., Seattle, Boston, Austin)", 150_000, 280_000),
        "non_tech_hub": ("Non-Tech Hubs", 120_000, 220_000),
    }
    assert s.locations["tech_hub"].examples == ("Seattle", "Boston", "Austin")
    industries = {k: (v.label, v.min, v.max) for k, v in s.industries.items()}
    assert industries == {
        "finance_healthcare": ("Finance and Healthcare", 180_000, 300_000),
        "tech_software": ("Tech and Software", 150_000, 280_000),
        "academia_research": ("Academia and Research", 100_000, 200_000),
    }
    assert (s.bonus_min_pct, s.bonus_max_pct) == (10, 20)
    assert s.bonus_text == "May add 10% to 20% to annual salary"
    assert s.equity_text == "Can significantly increase total compensation"
    assert s.note.startswith("These figures are estimates and can vary.")


def test_entity_ids_point_into_the_salary_tables(kb: KnowledgeBase) -> None:
    assert set(kb.entities.levels) == {"entry", "mid", "senior", "executive"}
    assert {loc.tier for loc in kb.entities.locations.values()} == set(kb.salaries.locations)
    assert {ind.group for ind in kb.entities.industries.values()} == set(kb.salaries.industries)


# --- tips -------------------------------------------------------------------------------------------


def test_tip_rotation_is_trends_then_best_practices_then_challenges_with_guide_text(
    kb: KnowledgeBase,
) -> None:
    assert tuple(t.title for t in kb.tips) == TRENDS + BEST_PRACTICES + CHALLENGES
    assert [t.kind for t in kb.tips] == ["trend"] * 10 + ["best_practice"] * 12 + ["challenge"] * 12
    assert len({t.id for t in kb.tips}) == len(kb.tips)
    for tip in kb.tips:
        item = kb.item(tip.section_id, tip.id.rsplit("/", 1)[1])
        assert (tip.text, tip.points) == (item.text, item.points)
        assert tip.source == kb.section(tip.section_id).title
    assert kb.tips[0].source == "Industry Trends"


# --- summary ----------------------------------------------------------------------------------------


def test_summary_counts_what_kb_check_reports(kb: KnowledgeBase) -> None:
    summary = kb.summary()
    assert (summary["sections"], summary["subsections"]) == (10, 37)
    assert summary["tips"] == 34
    assert summary["salary_rows"] == 11
    assert summary["intents"] == len(kb.intents)
    assert summary["examples"] == sum(len(i.examples) for i in kb.intents.values())
    assert summary["synonyms"] > 0
    assert summary["us_places"] == len(kb.entities.places) > 300
    text = format_summary(summary)
    assert "10 sections, 37 subsections" in text
    assert f"{summary['examples']} help examples" in text and f"{summary['synonyms']} synonyms" in text
    assert f"{summary['us_places']} US places read as a tier" in text
    assert text.endswith("OK")
    json.dumps(summary)  # plain data, printable as JSON too


# --- broken copies: one clear error naming file and line ---------------------------------------------


def test_yaml_syntax_error_names_file_and_line(copy: Path) -> None:
    line = edit_line(copy / "intents.yaml", r"^(  label: .*)$", r"\1: broken")
    error = load_error(copy)
    assert Path(error.path).name == "intents.yaml" and error.line == line
    assert "YAML syntax error" in error.message


def test_unknown_intent_id_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "intents.yaml", r"^market:", "markets:")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("intents.yaml", line)
    assert "unknown intent id 'markets'" in error.message


def test_missing_contract_intent_is_rejected(copy: Path) -> None:
    path = copy / "intents.yaml"
    path.write_text(
        re.sub(r"(?ms)^trends:\n.*?(?=^\S)", "", path.read_text(encoding="utf-8")), encoding="utf-8"
    )
    error = load_error(copy)
    assert Path(error.path).name == "intents.yaml"
    assert "trends" in error.message and "missing" in error.message


def test_intent_naming_an_unknown_section_is_rejected(copy: Path) -> None:
    path = copy / "intents.yaml"
    after = line_of(path, r"^  sections:\s*$")
    line = edit_line_after(path, after, r"^(\s+- )(\S+)$", r"\1\2-typo")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("intents.yaml", line)
    assert "unknown guide section" in error.message and "did you mean" in error.message


def test_missing_required_key_points_at_its_intent(copy: Path) -> None:
    path = copy / "intents.yaml"
    intent_line = line_of(path, r"^overview:")
    label_line = line_of(path, r"^  label:", after=intent_line)
    lines = path.read_text(encoding="utf-8").split("\n")
    del lines[label_line - 1]
    path.write_text("\n".join(lines), encoding="utf-8")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("intents.yaml", intent_line)
    assert "missing required key 'label'" in error.message


def test_duplicate_yaml_key_is_rejected(copy: Path) -> None:
    path = copy / "salaries.yaml"
    line = edit_line(path, r"^currency: USD$", "currency: USD\ncurrency: EUR") + 1
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("salaries.yaml", line)
    assert "duplicate key 'currency'" in error.message


def test_salary_range_with_min_above_max_is_rejected(copy: Path) -> None:
    path = copy / "salaries.yaml"
    senior = line_of(path, r"^  senior:")
    line = edit_line_after(path, senior, r"^    min: \d+$", "    min: 380000")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("salaries.yaml", line)
    assert "380,000 is above max 280,000" in error.message


def test_salary_that_no_longer_matches_the_guide_is_rejected(copy: Path) -> None:
    path = copy / "salaries.yaml"
    entry = line_of(path, r"^  entry:")
    line = edit_line_after(path, entry, r"^    max: \d+$", "    max: 190000")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("salaries.yaml", line)
    assert "$120,000 - $190,000 differs from guide.md" in error.message


def test_salary_written_with_commas_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "salaries.yaml", r"^  min: 160000$", "  min: 160,000")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("salaries.yaml", line)
    assert "whole number" in error.message


def test_section_no_intent_reaches_is_rejected(copy: Path) -> None:
    path = copy / "guide.md"
    text = path.read_text(encoding="utf-8").rstrip("\n")
    path.write_text(text + "\n\n## Hobbies\n\nWhat AI tech leads do on weekends.\n", encoding="utf-8")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("guide.md", text.count("\n") + 3)
    assert "'hobbies'" in error.message and "not reached by any intent" in error.message


def test_tip_naming_an_unknown_item_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "tips.yaml", r"^(  - challenge: )model-drift-and-maintenance$", r"\1model-drift")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("tips.yaml", line)
    assert "no item 'model-drift'" in error.message


def test_topic_alias_for_an_unknown_item_is_rejected(copy: Path) -> None:
    path = copy / "entities.yaml"
    topics = line_of(path, r"^topics:")
    line = edit_line_after(path, topics, r"^(    )([a-z0-9-]+):$", r"\1no-such-\2:")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("entities.yaml", line)
    assert "has no item 'no-such-" in error.message


def test_location_in_an_unknown_salary_tier_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "entities.yaml", r"^(\s+tier: )tech_hub\s*$", r"\1tech_hubs")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("entities.yaml", line)
    assert "unknown tier 'tech_hubs'" in error.message


def test_us_place_that_is_already_an_alias_of_a_listed_place_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "us_places.yaml", r"^    - Boise, ID$", "    - Kirkland, WA")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("us_places.yaml", line)
    assert "'Kirkland' is already an alias of location 'seattle'" in error.message


def test_us_place_named_for_two_places_or_an_unknown_state_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "us_places.yaml", r"^    - Tulsa, OK$", "    - Tulsa, XY")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("us_places.yaml", line)
    assert "'XY' is no state's postal code" in error.message
    edit_line(copy / "us_places.yaml", r"^    - Tulsa, XY$", "    - Tulsa, OK")
    line = edit_line(copy / "us_places.yaml", r"^    - Omaha, NE$", "    - Boise, ID")
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("us_places.yaml", line)
    assert "listed twice" in error.message


def test_without_us_places_a_us_city_is_no_place(copy: Path) -> None:
    (copy / "us_places.yaml").unlink()
    kb = load_knowledge(copy, cache=False)
    assert kb.entities.places == () and kb.summary()["us_places"] == 0


def test_bullet_outside_any_section_is_rejected(copy: Path) -> None:
    line = edit_line(copy / "guide.md", r"^# AI Tech Lead$", "# AI Tech Lead\n- **Stray**: a bullet") + 1
    error = load_error(copy)
    assert (Path(error.path).name, error.line) == ("guide.md", line)
    assert "bullet outside any" in error.message


def test_renamed_guide_item_breaks_the_tip_that_names_it(copy: Path) -> None:
    edit_line(copy / "guide.md", r"^- \*\*Edge AI\*\*:", "- **AI at the Edge**:")
    error = load_error(copy)
    assert Path(error.path).name in {"tips.yaml", "entities.yaml"}
    assert "'edge-ai'" in error.message


def test_missing_file_is_named(copy: Path) -> None:
    (copy / "tips.yaml").unlink()
    error = load_error(copy)
    assert Path(error.path).name == "tips.yaml" and "missing" in error.message


# --- where the knowledge base is found ----------------------------------------------------------------


def test_aitl_knowledge_dir_is_honoured(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    edit_line(copy / "guide.md", r"^# AI Tech Lead$", "# AI Tech Lead (staging copy)")
    monkeypatch.setenv("AITL_KNOWLEDGE_DIR", str(copy))
    assert default_knowledge_dir() == copy
    assert load_knowledge().title == "AI Tech Lead (staging copy)"


def test_knowledge_dir_may_be_the_folder_above_one_role(copy: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AITL_KNOWLEDGE_DIR", str(copy.parent))
    assert load_knowledge().directory == copy


def test_folder_with_several_roles_or_none_is_an_error(copy: Path) -> None:
    shutil.copytree(copy, copy.parent / "ml-manager")
    assert "several roles" in str(load_error(copy.parent))
    assert "not found" in str(load_error(copy.parent / "nowhere"))


def test_default_is_the_installed_or_repository_knowledge(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("AITL_KNOWLEDGE_DIR", raising=False)
    packaged = Path(bot.__file__).resolve().parent / "knowledge" / "ai-tech-lead"  # a wheel install
    expected = packaged if packaged.is_dir() else SHIPPED  # else an editable install or a checkout
    assert default_knowledge_dir().resolve() == expected.resolve()
    assert load_knowledge().directory == expected.resolve()


def test_loading_imports_no_slack_or_database() -> None:
    code = """
import sys
from bot.engine.knowledge import load_knowledge
load_knowledge(cache=False)
print(sorted(m for m in ("slack_bolt", "slack_sdk", "sqlalchemy") if m in sys.modules))
"""
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    )
    assert result.stdout.strip() == "[]"


@pytest.mark.slow  # builds a wheel (pip, setuptools): several seconds
def test_wheel_ships_the_knowledge_base(tmp_path: Path) -> None:
    source = tmp_path / "src"
    source.mkdir()
    for name in ("bot", "knowledge"):
        shutil.copytree(REPO / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("setup.py", "pyproject.toml", "README.md"):
        if (REPO / name).exists():
            shutil.copy(REPO / name, source / name)
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
    )
    if build.returncode != 0 and re.search(
        r"No matching distribution|Could not find a version|connection", build.stderr
    ):
        pytest.skip("no package index reachable to build a wheel")
    assert build.returncode == 0, build.stderr[-2000:]
    (wheel,) = (tmp_path / "dist").glob("aitl-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("guide.md", "intents.yaml", "entities.yaml", "salaries.yaml", "tips.yaml"):
        assert f"bot/knowledge/ai-tech-lead/{name}" in names
    unpacked = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(unpacked)
    code = "from bot.engine.knowledge import load_knowledge\nprint(load_knowledge().directory)"
    env = {"PATH": "/usr/bin:/bin", "PYTHONPATH": str(unpacked), "AITL_KNOWLEDGE_CACHE": "off"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, cwd=tmp_path
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert Path(result.stdout.strip()) == unpacked / "bot" / "knowledge" / "ai-tech-lead"


# --- the load cache: faster, never different ----------------------------------------------------------


def settle(directory: Path) -> None:
    """Make the files look saved a minute ago (fresh files are never cached)."""
    old = time.time() - 60
    for path in directory.iterdir():
        os.utime(path, (old, old))


def test_cached_knowledge_base_is_the_same_and_still_sees_every_edit(copy: Path, private_cache: Path) -> None:
    settle(copy)
    first = load_knowledge(copy)
    assert private_cache.is_file()
    assert load_knowledge(copy) == first
    edit_line(copy / "guide.md", r"^# AI Tech Lead$", "# AI Tech Lead (edited)")
    assert load_knowledge(copy).title == "AI Tech Lead (edited)"
    settle(copy)
    load_knowledge(copy)
    senior = line_of(copy / "salaries.yaml", r"^  senior:")
    edit_line_after(copy / "salaries.yaml", senior, r"^    min: \d+$", "    min: 380000")  # same size
    assert "above max" in load_error(copy).message


def test_a_cache_hit_skips_parsing(copy: Path) -> None:
    settle(copy)
    code = "import sys\nfrom bot.engine.knowledge import load_knowledge\nload_knowledge(sys.argv[1])\n"
    code += "print('bot.engine.knowledge_files' in sys.modules)"
    runs = [
        subprocess.run(
            [sys.executable, "-c", code, str(copy)], capture_output=True, text=True, check=True, cwd=REPO
        )
        for _ in range(2)
    ]
    assert [run.stdout.strip() for run in runs] == ["True", "False"]


def test_broken_cache_file_is_ignored_and_replaced(copy: Path, private_cache: Path) -> None:
    settle(copy)
    private_cache.parent.mkdir(parents=True)
    private_cache.write_bytes(b"not a pickle")
    assert load_knowledge(copy).title == "AI Tech Lead"
    assert private_cache.read_bytes() != b"not a pickle"  # rewritten with a good entry


def test_cache_file_others_can_write_is_never_trusted(copy: Path, private_cache: Path) -> None:
    settle(copy)
    load_knowledge(copy)
    key, cached = pickle.loads(private_cache.read_bytes())
    private_cache.write_bytes(pickle.dumps((key, dataclasses.replace(cached, title="Tampered"))))
    private_cache.chmod(0o600)
    assert load_knowledge(copy).title == "Tampered"  # ours alone: used as is
    private_cache.write_bytes(pickle.dumps((key, dataclasses.replace(cached, title="Tampered"))))
    private_cache.chmod(0o666)
    assert load_knowledge(copy).title == "AI Tech Lead"


def test_cache_can_be_turned_off(copy: Path, private_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    settle(copy)
    monkeypatch.setenv("AITL_KNOWLEDGE_CACHE", "off")
    load_knowledge(copy)
    assert not private_cache.exists()


def test_cache_turned_on_goes_where_it_goes_by_default(
    copy: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settle(copy)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    monkeypatch.setenv("AITL_KNOWLEDGE_CACHE", "on")
    load_knowledge(copy)
    assert (tmp_path / "xdg" / "aitl" / "knowledge.pickle").is_file()
    assert not (tmp_path / "on").exists()  # not a file named "on" where the bot was started


def test_fresh_files_are_not_cached(copy: Path, private_cache: Path) -> None:
    edit_line(copy / "guide.md", r"^# AI Tech Lead$", "# AI Tech Lead (just saved)")
    load_knowledge(copy)
    assert not private_cache.exists()


# --- any edit: a clean load or one KnowledgeError, never a traceback -----------------------------------

_SHIPPED_TEXT = {
    name: (SHIPPED / name).read_text(encoding="utf-8")
    for name in sorted(os.listdir(SHIPPED))
    if (SHIPPED / name).is_file()
}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    name=st.sampled_from(sorted(_SHIPPED_TEXT)),
    position=st.floats(min_value=0, max_value=1),
    action=st.sampled_from(["delete", "duplicate", "insert", "indent", "dedent"]),
    noise=any_text(max_size=40),
)
@pytest.mark.slow
def test_any_one_line_edit_loads_or_fails_with_one_clear_error(
    tmp_path_factory: pytest.TempPathFactory, name: str, position: float, action: str, noise: str
) -> None:
    directory = tmp_path_factory.mktemp("kb") / "ai-tech-lead"
    shutil.copytree(SHIPPED, directory)
    lines = _SHIPPED_TEXT[name].split("\n")
    index = min(int(position * len(lines)), len(lines) - 1)
    if action == "delete":
        del lines[index]
    elif action == "duplicate":
        lines.insert(index, lines[index])
    elif action == "insert":
        lines.insert(index, noise)
    elif action == "indent":
        lines[index] = "  " + lines[index]
    else:
        lines[index] = lines[index].lstrip()
    (directory / name).write_text("\n".join(lines), encoding="utf-8")
    try:
        load_knowledge(directory, cache=False)
    except KnowledgeError as error:
        named = Path(error.path)
        assert "\n" not in str(error)
        assert named.parent == directory.resolve()
        if error.line is not None:
            assert 1 <= error.line <= len(named.read_text(encoding="utf-8").split("\n")) + 1
