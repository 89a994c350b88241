"""Daily tips: subscriptions, due times, the exactly-once runner, the scheduler, `/aitl tips`.

Imported only by `aitl serve` and `aitl tips run` (it needs SQLAlchemy through bot.store).
"""
