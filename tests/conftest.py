"""Shared test setup: tests never depend on ../shared, and never reach the network."""

import os

# The CLI and the engine read these; a developer's shell must not leak into tests.
for _name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN", "AITL_KNOWLEDGE_DIR"):
    os.environ.pop(_name, None)

# Tests (and the processes they start) must not write the user's ~/.cache/aitl.
os.environ["AITL_KNOWLEDGE_CACHE"] = "off"
