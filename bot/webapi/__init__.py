"""Slack's Web API through slack-sdk, without Bolt and without listeners.

What both the Slack adapter (bot.slack) and the tips runner (bot.tips) need: the WebClient with
its retry handlers (client), each workspace's token from the OAuth installations (installations),
and the 👍/👎 buttons under an answer or a tip (feedback). Nothing here imports bot.slack or bot.tips.
"""
