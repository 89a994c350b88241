"""The tips UI: `/aitl tips …` and `/aitl tip` (commands), the App Home's tips section (home) and
the channel checks before a subscription (access).

Slack-facing code, called from the other listeners (listeners.commands, listeners.home); it uses
bot.tips (schedule, time zones, the tip message), and bot.tips never imports it.
"""
