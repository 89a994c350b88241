"""Everything one serving process holds: engine, store, Bolt app, tips scheduler; and its shutdown."""

from __future__ import annotations

import gc
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from slack_bolt import App

from bot.config import Settings
from bot.slack import errors
from bot.slack.app import build_app
from bot.slack.background import Background
from bot.slack.deps import Deps
from bot.slack.gate import Gate
from bot.slack.jobs import Claims
from bot.slack.preflight import AuthTest
from bot.slack.recovery import Keeper, recover

log = logging.getLogger(__name__)


@dataclass
class Runtime:
    app: App
    deps: Deps
    stop_tips: Callable[[], None] | None = None
    keeper: Keeper | None = None

    @classmethod
    def start(cls, settings: Settings, *, tips: bool = True, auth_test: AuthTest | None = None) -> Runtime:
        """Load the engine and the store, build the app (reusing `auth_test`, the start-up
        check's answer, when given), start the tips scheduler."""
        from bot.engine import Engine
        from bot.store import Store

        engine = Engine.load(settings.knowledge_dir).warm()  # the first question must not pay for it
        gc.freeze()  # the guide, matchers and indexes live as long as the process: out of every collection
        store = Store(settings.database_url)
        background = Background(on_error=errors.handle_error, gate=Gate())
        claims = Claims(lease_seconds=settings.job_lease_seconds)
        deps = Deps(engine=engine, store=store, background=background, claims=claims)
        app = build_app(settings, engine, store, deps=deps, auth_test=auth_test)
        runtime = cls(app=app, deps=deps)
        recovered = recover(deps=deps, client=app.client, response_url_prefix=settings.response_url_prefix)
        if recovered:
            log.info("%d acknowledged job(s) from before the restart queued", recovered)
        runtime.keeper = Keeper(
            deps=deps, client=app.client, response_url_prefix=settings.response_url_prefix
        ).start()
        if tips:
            runtime.stop_tips = _start_tips(app=app, engine=engine, store=store, clients=deps.clients)
        log.info("aitl ready: %s", settings)
        return runtime

    def close(self) -> None:
        """Stop the scheduler, let background replies finish, close the database."""
        if self.stop_tips is not None:
            self.stop_tips()
            self.stop_tips = None
        self.deps.background.shutdown()
        if self.keeper is not None:
            self.keeper.stop()
            self.keeper = None
        self.deps.store.close()
        log.info("aitl stopped")


def _start_tips(*, app: App, engine: Any, store: Any, clients: Any = None) -> Callable[[], None] | None:
    try:
        from bot.tips.scheduler import start
    except ImportError:
        log.info("tips scheduler not available")
        return None
    return start(client=app.client, store=store, engine=engine, clients=clients)
