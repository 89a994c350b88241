"""The Slack adapter: the Bolt app (HTTP behind waitress, or Socket Mode), its listeners and middleware.

Only `aitl serve` imports this package; the engine and the CLI's other verbs never do.
"""
