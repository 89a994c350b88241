"""Listener registration: each module's `register(app, ...)` wires plain callbacks to Bolt."""
