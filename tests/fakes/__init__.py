"""Fakes that play Slack's side in tests and benchmarks (import as `fakes.…` with tests/ on sys.path)."""
