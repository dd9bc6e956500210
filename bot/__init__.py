"""Goodwill: keeps an organisation's network of external relations warm, from Slack."""
