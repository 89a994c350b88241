"""Daily tips: due times, time zones, the tip message, the exactly-once runner, the scheduler.

Imported only by `aitl serve` and `aitl tips run` (it needs SQLAlchemy through bot.store). It never
imports the Slack adapter (bot.slack): `/aitl tips` and the App Home's tips section are Slack
listeners (bot.slack.listeners.tips), and what the runner needs of Slack's Web API is bot.webapi.
"""
