"""aitl: the AI Tech Lead role guide, answerable in Slack and on the command line."""

__version__ = "0.1.0"
