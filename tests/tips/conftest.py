"""Fixtures for the tips tests: a small rotation, a store on a temp file, the fake Web API."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from fakes.slack_api import Call, FakeSlackAPI

from bot.engine.knowledge import Tip
from bot.store import Store
from bot.tips.client import build_client

TOKEN = "xoxb-test-token"


def make_tips(trends: int = 10, practices: int = 12, challenges: int = 12) -> tuple[Tip, ...]:
    """A rotation shaped like the guide's: trends, then best practices, then challenges."""
    tips: list[Tip] = []
    for kind, section, count in (
        ("trend", "Industry Trends", trends),
        ("best_practice", "Best Practices", practices),
        ("challenge", "Common Challenges", challenges),
    ):
        for n in range(count):
            slug = section.lower().replace(" ", "-")
            tips.append(
                Tip(
                    id=f"{slug}/{kind}-{n}",
                    kind=kind,  # type: ignore[arg-type]
                    title=f"{kind.replace('_', ' ').title()} {n} <&>",
                    text=f"The guide's words about {kind} {n}: keep <!channel> safe & sound.",
                    points=(f"point one of {n}", "point two"),
                    source=section,
                    section_id=slug,
                )
            )
    return tuple(tips)


@dataclass(frozen=True)
class FakeKB:
    tips: tuple[Any, ...]


@dataclass(frozen=True)
class FakeEngine:
    """What bot.tips needs from the engine: `engine.kb.tips`."""

    kb: FakeKB


@pytest.fixture
def engine() -> FakeEngine:
    return FakeEngine(FakeKB(make_tips()))


@pytest.fixture
def store(store_url: str) -> Iterator[Store]:
    store = Store(store_url)
    yield store
    store.close()


class TipsFakeSlackAPI(FakeSlackAPI):
    """The shared fake, plus canned answers per method (`fake.answers["conversations.members"] = {...}`).

    A callable answer gets the Call; a dict is returned as is.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.answers: dict[str, Any] = {}
        super().__init__(**kwargs)

    def _answer(self, call: Call) -> dict[str, Any]:
        answer = self.answers.get(call.method)
        if answer is None:
            return super()._answer(call)
        return answer(call) if callable(answer) else answer


@pytest.fixture
def fake() -> Iterator[TipsFakeSlackAPI]:
    with TipsFakeSlackAPI() as api:
        yield api


@pytest.fixture
def client(fake: FakeSlackAPI) -> Any:
    """The runner's real client and retry handlers, with their back-off shortened to 10 ms: the
    tests count retries, they need not wait out slack-sdk's 0.5 s, 1 s, 2 s steps. (A 429's
    Retry-After is still honoured: the fake sends 1 s.)"""
    from slack_sdk.http_retry.builtin_interval_calculators import FixedValueRetryIntervalCalculator

    client = build_client(token=TOKEN, base_url=fake.api_url)
    for handler in client.retry_handlers:
        if type(handler).__name__ != "RateLimitErrorRetryHandler":
            handler.interval_calculator = FixedValueRetryIntervalCalculator(0.01)
    return client


def posts(fake: FakeSlackAPI, channel: str | None = None) -> list[Any]:
    """Successful chat.postMessage calls (faults are recorded as `method!status`)."""
    return [
        c for c in fake.calls_to("chat.postMessage") if channel is None or c.body.get("channel") == channel
    ]
