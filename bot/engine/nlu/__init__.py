"""Natural-language understanding helpers for the engine (a local sentence encoder)."""
